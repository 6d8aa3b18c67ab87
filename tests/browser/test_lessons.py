"""Real-browser tests: each lesson explorer in JupyterLab (after Run All) and in Voila.

The rows come from ``lesson_specs.LESSONS``; the ``harness-*`` row drives a small fake explorer
from ``fixtures/`` and checks the harness itself (so a lesson failure is not a harness failure).
"""

from __future__ import annotations

import os
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import (
    KERNEL_MS,
    RUN_ALL_MS,
    UPDATE_MS,
    LabServer,
    PageErrors,
    a11y_findings,
    assert_no_float_noise,
    assert_no_output_errors,
    img_state,
    lab_open_notebook,
    lab_run_all,
    mark_explorer,
    save_full_page_screenshot,
    save_screenshot,
    select_state,
    wait_src_change,
)
from lesson_specs import LESSONS, KeyStep, LessonSpec

pytestmark = pytest.mark.browser


@pytest.fixture(params=LESSONS, ids=lambda spec: spec.id)
def lesson(request: pytest.FixtureRequest, server_root: Path) -> LessonSpec:
    spec: LessonSpec = request.param
    if not (server_root / spec.notebook).exists():
        source = "tests/browser/fixtures" if spec.harness_fixture else "notebooks"
        message = f"{source}/{spec.notebook.split('/')[-1]} does not exist (yet)"
        if spec.harness_fixture or os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return spec


def _expect_texts(page: Any, texts: dict[str, str], where: str) -> None:
    from playwright.sync_api import expect

    for selector, text in texts.items():
        locator = page.locator(selector).first
        try:
            expect(locator).to_have_text(text, timeout=UPDATE_MS)
        except AssertionError as exc:
            actual = locator.text_content(timeout=1_000) if locator.count() else "(missing)"
            raise AssertionError(
                f"{where}: {selector} shows {actual!r}, expected {text!r}\n{exc}"
            ) from None


def _check_learner_view(page: Any, spec: LessonSpec, where: str) -> None:
    """No float noise in the explorer's texts, and the figure has alt text."""
    for selector in spec.text_checks:
        for text in page.locator(selector).all_inner_texts():
            assert_no_float_noise(text, f"{where} {selector}")
    for selector in spec.text_checks:
        for alt in page.eval_on_selector_all(
            f"{selector} img", "(imgs) => imgs.map((i) => i.alt || '')"
        ):
            assert_no_float_noise(alt, f"{where} {selector} img alt")
    figure = img_state(page, spec.figure_img)
    assert figure["alt"].strip(), f"{where}: figure {spec.figure_img} has no alt text"
    assert figure["src"].startswith("data:image/png;base64,"), f"{where}: figure src {figure!r}"


def _keys_text(keys: tuple[str, ...]) -> str:
    return "keyboard " + " ".join(keys)


def _select_changed(page: Any, selector: str, index: int) -> bool:
    """Whether the <select> left option ``index`` within a short grace period."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            "([sel, i]) => document.querySelector(sel).selectedIndex !== i",
            arg=[selector, index],
            timeout=1_000,
            polling=50,
        )
    except PlaywrightTimeout:
        return False
    return True


def _press(page: Any, step: KeyStep, where: str) -> str:
    """Do one keyboard step; return the route that made the change (printed by the test)."""
    target = page.locator(step.target).first
    is_select = bool(target.evaluate("(el) => el.tagName === 'SELECT'"))
    start = select_state(page, step.target)["index"] if is_select else -1
    routes = [k for k in (step.keys, step.alt_keys) if k] if is_select else [step.keys]
    failed: list[str] = []
    for keys in routes:
        target.focus()
        for key in keys:
            page.keyboard.press(key)
        if not is_select or _select_changed(page, step.target, start):
            return _keys_text(keys) + (f" (changed nothing: {'; '.join(failed)})" if failed else "")
        failed.append(_keys_text(keys))
    assert step.select_fallback, f"{where}: no keyboard route changed {step.target}: {failed}"
    warnings.warn(
        f"{where}: no keyboard route changed {step.target} ({failed}); used select_option",
        stacklevel=2,
    )
    target.select_option(label=step.select_fallback)
    return "select_option"


def _report_a11y(spec: LessonSpec, where: str, findings: set[str]) -> None:
    if not findings:
        return
    message = f"{where}: screen-reader problems:\n" + "\n".join(sorted(findings))
    if spec.a11y_strict:
        raise AssertionError(message)
    warnings.warn(message, stacklevel=2)


def _exercise_explorer(page: Any, spec: LessonSpec, frontend: str) -> dict[str, str]:
    """Check the start state, run the keyboard steps and assert texts, figure and screenshots."""
    where = f"{spec.id} in {frontend}"
    _expect_texts(page, spec.initial, f"{where} (initial)")
    explorer = mark_explorer(page, spec.explorer_parts)
    explorer.scroll_into_view_if_needed()
    _check_learner_view(page, spec, f"{where} (initial)")
    a11y = set(a11y_findings(explorer))
    print(f"{where} (initial) figure alt: {img_state(page, spec.figure_img)['alt']!r}")
    save_screenshot(explorer, f"{spec.id}-{frontend}-explorer-initial")
    methods: dict[str, str] = {}
    for step in spec.steps:
        label = f"{where} step {step.name}"
        old = img_state(page, spec.figure_img)
        t0 = time.monotonic()
        methods[step.name] = _press(page, step, label)
        _expect_texts(page, step.expect, label)
        if step.figure_changes:
            wait_src_change(page, spec.figure_img, old["src"])
        print(f"{label}: {methods[step.name]}, updated in {time.monotonic() - t0:.2f} s")
        _check_learner_view(page, spec, label)
        a11y.update(a11y_findings(explorer))
        print(f"{label} figure alt: {img_state(page, spec.figure_img)['alt']!r}")
        save_screenshot(explorer, f"{spec.id}-{frontend}-explorer-after-{step.name}")
    save_full_page_screenshot(page, f"{spec.id}-{frontend}-page-final")
    _report_a11y(spec, where, a11y)
    return methods


def test_lesson_in_jupyterlab(
    lesson: LessonSpec, lab_server: LabServer, browser_page: Any, page_errors: PageErrors
) -> None:
    page = browser_page
    t0 = time.monotonic()
    opened = lab_open_notebook(page, lab_server, lesson.notebook)
    state = lab_run_all(page)
    page.locator(lesson.ready).first.wait_for(state="visible", timeout=RUN_ALL_MS)
    ran = time.monotonic() - t0
    print(f"lab: kernel idle after {opened:.1f} s, {state['total']} code cells ran by {ran:.1f} s")
    assert_no_output_errors(page, f"{lesson.id} in JupyterLab after Run All")
    methods = _exercise_explorer(page, lesson, "lab")
    assert_no_output_errors(page, f"{lesson.id} in JupyterLab after interaction")
    page_errors.assert_clean(f"{lesson.id} in JupyterLab")
    print(f"lab total {time.monotonic() - t0:.1f} s; input methods {methods}")


def test_lesson_in_voila(
    lesson: LessonSpec,
    voila_url: Callable[[str], str],
    browser_page: Any,
    page_errors: PageErrors,
) -> None:
    page = browser_page
    url = voila_url(lesson.notebook)
    t0 = time.monotonic()
    # Voila streams the page while it runs the cells: don't wait for "load" (guide, section 4).
    page.goto(url, wait_until="commit")
    # #rendered_cells is shown (and #loading removed) only after every cell has run.
    page.locator(lesson.ready).first.wait_for(state="visible", timeout=KERNEL_MS)
    page.locator("#loading").wait_for(state="detached", timeout=KERNEL_MS)
    print(f"voila: rendered in {time.monotonic() - t0:.1f} s")
    assert_no_output_errors(page, f"{lesson.id} in Voila after load")
    methods = _exercise_explorer(page, lesson, "voila")
    assert_no_output_errors(page, f"{lesson.id} in Voila after interaction")
    page_errors.assert_clean(f"{lesson.id} in Voila")
    print(f"voila total {time.monotonic() - t0:.1f} s; input methods {methods}")
