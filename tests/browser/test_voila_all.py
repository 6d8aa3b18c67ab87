"""Every lesson as an app (Voila): code hidden, every widget live and responding, axe-clean.

Generic over ``notebooks/NN_*.ipynb``: a new lesson is covered without a row in
``lesson_specs.py`` (those rows add exact expected texts; see ``test_lessons.py``). Each lesson
is loaded once per module (one Voila kernel) and three tests share the page, in this order:

1. it renders in app mode: no code, one live widget per widget the notebook displays (counted
   in the lesson's offline run; the live view, not the static fallback), no error output, the
   a11y page script active;
2. axe-core finds no serious or critical violation in what the lesson renders;
3. its widgets respond: the first control of the first explorer that changes something visible
   (slider: ArrowRight, dropdown: ArrowDown, checkbox: Space) changes a ``gepnet-*-readout`` or
   the figure; axe runs again after that.

The axe counts are printed and written to ``tests/artifacts/axe/``.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import (
    ARTIFACTS_DIR,
    KERNEL_MS,
    UPDATE_MS,
    PageErrors,
    assert_no_output_errors,
    axe_counts,
    axe_serious_content,
    run_axe,
    save_screenshot,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ (offline_runs)
from offline_runs import lesson_paths, run_offline

pytestmark = pytest.mark.browser

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
AXE_DIR = ARTIFACTS_DIR / "axe"
# Output areas that show a widget view (its root element is a direct child of the output).
_LIVE_WIDGETS_JS = r"""() => [...document.querySelectorAll('.jp-OutputArea-output')].filter(
  (o) => [...o.children].some((c) => c.classList.contains('jupyter-widgets')
    || [...c.classList].some((k) => k.startsWith('widget-')))).length"""


@dataclass
class LoadedLesson:
    path: Path
    page: Any
    errors: PageErrors
    rendered_s: float
    axe: dict[str, Any] = field(default_factory=dict)


def _displayed_widgets(path: Path) -> int:
    """How many widgets the lesson displays (from its offline run, shared with other tests)."""
    nb = run_offline(path).notebook
    return sum(WIDGET_VIEW in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))


@pytest.fixture(scope="module", params=lesson_paths(), ids=lambda p: p.stem)
def lesson(
    request: pytest.FixtureRequest,
    chromium_browser: Any,
    voila_url: Callable[[str], str],
    server_root: Path,
) -> Iterator[LoadedLesson]:
    path: Path = request.param
    if not (server_root / path.name).is_file():  # appeared after the session's copy was made
        (server_root / path.name).write_bytes(path.read_bytes())
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 1400})
    context.set_default_timeout(30_000)
    page = context.new_page()
    errors = PageErrors().attach(page)
    url = voila_url(path.name)
    start = time.monotonic()
    page.goto(url, wait_until="commit")
    page.locator("#loading").wait_for(state="detached", timeout=2 * KERNEL_MS)
    expected = _displayed_widgets(path)
    with contextlib.suppress(Exception):  # the test reports a wrong count; keep the page
        page.wait_for_function(f"() => ({_LIVE_WIDGETS_JS})() >= {expected}", timeout=KERNEL_MS)
    loaded = LoadedLesson(path, page, errors, time.monotonic() - start)
    print(f"{path.stem}: Voila rendered in {loaded.rendered_s:.1f} s")
    try:
        yield loaded
    finally:
        context.close()


@pytest.fixture(autouse=True)
def _screenshot_on_failure(request: pytest.FixtureRequest) -> None:
    if "lesson" in request.fixturenames:
        request.node._gepnet_page = request.getfixturevalue("lesson").page


def _axe(lesson: LoadedLesson, when: str) -> list[dict[str, Any]]:
    start = time.monotonic()
    result = run_axe(lesson.page)
    counts = axe_counts(result["nodes"])
    lesson.axe[when] = {"counts": counts, "nodes": result["nodes"], "axe": result["version"]}
    AXE_DIR.mkdir(parents=True, exist_ok=True)
    (AXE_DIR / f"{lesson.path.stem}.json").write_text(json.dumps(lesson.axe, indent=1))
    print(f"axe {result['version']} {lesson.path.stem} ({when}, {time.monotonic() - start:.2f} s):"
          f" content {counts['content'] or 'none'}; template {counts['template'] or 'none'}")
    return result["nodes"]


def test_lesson_renders_in_app_mode(lesson: LoadedLesson) -> None:
    page, name = lesson.page, lesson.path.stem
    assert page.locator(".jp-CodeCell .jp-InputArea").count() == 0, f"{name}: code is shown"
    text = page.evaluate("() => document.body.innerText")
    assert "import " not in text, f"{name}: code text visible in app mode"
    expected = _displayed_widgets(lesson.path)
    live = page.evaluate(_LIVE_WIDGETS_JS)
    assert live == expected, f"{name}: {live} live widgets on the page, {expected} displayed"
    visible_fallbacks = page.evaluate(
        "() => [...document.querySelectorAll('.gepnet-static')]"
        ".filter((e) => e.getBoundingClientRect().height > 0).length")
    assert visible_fallbacks == 0, f"{name}: static fallbacks shown instead of live widgets"
    assert page.evaluate("() => !!(window.__gepnetA11y && window.__gepnetA11y.observer)"), (
        f"{name}: the a11y page script did not run")
    assert_no_output_errors(page, f"{name} in Voila")
    lesson.errors.assert_clean(f"{name} in Voila")


def test_axe_finds_no_serious_or_critical_violation(lesson: LoadedLesson, axe_js: Path) -> None:
    nodes = _axe(lesson, "loaded")
    bad = axe_serious_content(nodes)
    assert not bad, f"{lesson.path.stem}: axe violations in the lesson:\n" + "\n".join(bad)


# Mark every drivable control of every explorer (in page order) with data-gepnet-drive=<i>;
# return what each one is.
_CANDIDATES_JS = r"""() => {
  const found = [];
  document.querySelectorAll('.gepnet-explorer').forEach((ex, e) => {
    ex.querySelectorAll('.gepnet-control').forEach((box) => {
      if (box.getBoundingClientRect().height === 0) return;
      let el = box.querySelector('[role=slider]'), kind = 'slider';
      if (!el) { el = box.querySelector('select'); kind = 'select'; }
      if (!el) { el = box.querySelector('input[type=checkbox]'); kind = 'checkbox'; }
      if (!el || el.disabled || el.getAttribute('aria-disabled') === 'true'
          || box.querySelector('[disabled]')) return;
      const i = found.length;
      el.setAttribute('data-gepnet-drive', String(i));
      ex.setAttribute('data-gepnet-drive-explorer', String(e));
      found.push({i, e, kind, cls: box.className});
    });
  });
  return found;
}"""

_SNAPSHOT_JS = r"""(e) => {
  const ex = document.querySelector(`[data-gepnet-drive-explorer="${e}"]`);
  const readouts = [...ex.querySelectorAll('[class*="-readout"]')]
    .filter((r) => !r.classList.contains('widget-readout')).map((r) => r.innerText);
  const imgs = [...ex.querySelectorAll('.gepnet-figure img')].map((i) => i.getAttribute('src'));
  return JSON.stringify([readouts, imgs]);
}"""


def _operate(page: Any, cand: dict[str, Any]) -> str:
    el = page.locator(f'[data-gepnet-drive="{cand["i"]}"]')
    el.focus()
    if cand["kind"] == "slider":
        at_max = el.evaluate(
            "(h) => Number(h.getAttribute('aria-valuenow')) >= Number(h.getAttribute("
            "'aria-valuemax'))")
        key = "ArrowLeft" if at_max else "ArrowRight"
    elif cand["kind"] == "select":
        last = el.evaluate("(s) => s.selectedIndex >= s.options.length - 1")
        key = "ArrowUp" if last else "ArrowDown"
    else:
        key = "Space"
    page.keyboard.press(key)
    return key


def test_widgets_respond_to_a_control(lesson: LoadedLesson, axe_js: Path) -> None:
    page, name = lesson.page, lesson.path.stem
    candidates = page.evaluate(_CANDIDATES_JS)
    assert candidates, f"{name}: no slider, dropdown or checkbox in any explorer"
    tried = []
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for cand in candidates[:6]:
        before = page.evaluate(_SNAPSHOT_JS, cand["e"])
        start = time.monotonic()
        key = _operate(page, cand)
        try:
            page.wait_for_function(
                f"([e, old]) => ({_SNAPSHOT_JS})(e) !== old",
                arg=[cand["e"], before], timeout=UPDATE_MS / 4, polling=50)
        except PlaywrightTimeout:
            tried.append(f"{cand['cls']} ({key}): nothing visible changed")
            continue
        took = time.monotonic() - start
        print(f"{name}: {key} on {cand['cls'].split()[-2:]} changed the explorer in {took:.2f} s")
        explorer = page.locator(f'[data-gepnet-drive-explorer="{cand["e"]}"]')
        save_screenshot(explorer, f"voila-all-{name}-after-{key}")
        break
    else:
        pytest.fail(f"{name}: no control changed its explorer:\n" + "\n".join(tried))
    assert_no_output_errors(page, f"{name} in Voila after {key}")
    lesson.errors.assert_clean(f"{name} in Voila after {key}")
    bad = axe_serious_content(_axe(lesson, f"after {key}"))
    assert not bad, f"{name}: axe violations after interaction:\n" + "\n".join(bad)
