"""Keyboard only: tab through every control of a lesson in Voila, name it, operate it.

From the top of the page, Tab moves focus through the lesson. Every focus stop inside a widget
must have an accessible name (as Chromium's accessibility tree computes it, i.e. what a screen
reader announces) and a role, and is operated with the keyboard alone: a slider with
ArrowRight/ArrowLeft, a dropdown with ArrowDown/ArrowUp, a checkbox or radio button with Space,
a button with Enter (a checkbox is toggled back, a radio choice is moved on with ArrowDown). The
control's state must change and, inside an explorer, the explorer's readout or figure must
follow (the kernel got it); a button must change what its widget shows. A slider's typing box
(its readout) is reached and named; it is the same control as the slider.

The axe scans of every lesson are in ``test_voila_all.py``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import (
    KERNEL_MS,
    UPDATE_MS,
    PageErrors,
    assert_no_output_errors,
    save_full_page_screenshot,
)

pytestmark = pytest.mark.browser

LESSON = "03_tnm_staging.ipynb"
MAX_TABS = 400

# Describe the focused element (stamped data-gepnet-focus=<n>): its kind, state, container.
_FOCUSED_JS = r"""(n) => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  if (el.hasAttribute('data-gepnet-focus')) return {seen: el.getAttribute('data-gepnet-focus')};
  el.setAttribute('data-gepnet-focus', String(n));
  const inWidget = !!el.closest('.jupyter-widgets, .widget-radio, .widget-toggle-buttons');
  const role = el.getAttribute('role');
  let kind = 'other';
  if (role === 'slider') kind = 'slider';
  else if (el.tagName === 'SELECT') kind = 'select';
  else if (el.tagName === 'INPUT' && el.type === 'checkbox') kind = 'checkbox';
  else if (el.tagName === 'INPUT' && el.type === 'radio') kind = 'radio';
  else if (el.tagName === 'BUTTON') kind = 'button';
  else if (el.classList.contains('widget-readout')) kind = 'readout';
  else if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') kind = 'text';
  const root = el.closest(
    '.gepnet-explorer, .gepnet-selfcheck, .gepnet-glossary, .gepnet-prediction');
  if (root && !root.hasAttribute('data-gepnet-root'))
    root.setAttribute('data-gepnet-root', String(n));
  const hook = (el.closest('.gepnet-control, [class*="gepnet-selfcheck-"]') || el).className;
  return {n, kind, inWidget, tag: el.tagName, hook: String(hook).slice(0, 120),
          root: root ? root.getAttribute('data-gepnet-root') : null};
}"""

_STATE_JS = r"""(n) => {
  const el = document.querySelector(`[data-gepnet-focus="${n}"]`);
  if (!el) return null;
  if (el.getAttribute('role') === 'slider') return el.getAttribute('aria-valuenow');
  if (el.tagName === 'SELECT') return String(el.selectedIndex);
  if (el.tagName === 'INPUT' && el.type === 'radio') {
    const group = [...el.closest('.widget-radio-box').querySelectorAll('input[type=radio]')];
    return String(group.findIndex((r) => r.checked));
  }
  if (el.tagName === 'INPUT') return String(el.checked);
  return null;
}"""

# The kernel has answered everything sent so far (Voila's widget manager; test-only peek).
_IDLE_JS = r"""() => {
  const app = window.jupyterapp, wm = app && app.widgetManager, k = wm && wm._kernel;
  return !k || k.status === 'idle';
}"""

_ROOT_SNAPSHOT_JS = r"""(r) => {
  const root = document.querySelector(`[data-gepnet-root="${r}"]`);
  if (!root) return '';
  const imgs = [...root.querySelectorAll('img')].map((i) => i.getAttribute('src') || '');
  return JSON.stringify([root.innerText, imgs]);
}"""


def _settle(page: Any) -> None:
    """Wait until the kernel is idle twice in a row (ipywidgets buffers state updates while a
    message is pending, and a button's click can overtake them: a person is never this fast)."""
    for _ in range(2):
        page.wait_for_timeout(60)
        page.wait_for_function(_IDLE_JS, timeout=UPDATE_MS, polling=30)


def _ax_name(cdp: Any, n: int) -> tuple[str, str, bool]:
    """(role, accessible name, disabled) of the stamped element, from Chromium's a11y tree."""
    doc = cdp.send("DOM.getDocument", {"depth": 0})
    found = cdp.send("DOM.querySelector", {"nodeId": doc["root"]["nodeId"],
                                           "selector": f'[data-gepnet-focus="{n}"]'})
    tree = cdp.send("Accessibility.getPartialAXTree",
                    {"nodeId": found["nodeId"], "fetchRelatives": False})
    node = next((x for x in tree["nodes"] if not x.get("ignored")), tree["nodes"][0])
    disabled = any(p.get("name") == "disabled" and p.get("value", {}).get("value")
                   for p in node.get("properties", []))
    return (node.get("role", {}).get("value", ""), str(node.get("name", {}).get("value", "")),
            disabled)


def _wait_change(page: Any, js: str, arg: Any, old: Any, timeout_ms: float) -> bool:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(f"([a, old]) => ({js})(a) !== old", arg=[arg, old],
                               timeout=timeout_ms, polling=50)
    except PlaywrightTimeout:
        return False
    return True


def _keys(page: Any, stop: dict[str, Any]) -> list[str]:
    """The keys that operate this control (each one must change it)."""
    el = page.locator(f'[data-gepnet-focus="{stop["n"]}"]')
    kind = stop["kind"]
    if kind == "slider":
        at_max = el.evaluate("(h) => Number(h.getAttribute('aria-valuenow')) >= "
                             "Number(h.getAttribute('aria-valuemax'))")
        return ["ArrowLeft" if at_max else "ArrowRight"]
    if kind == "select":
        last = el.evaluate("(s) => s.selectedIndex >= s.options.length - 1")
        return ["ArrowUp" if last else "ArrowDown"]
    if kind == "checkbox":
        return ["Space", "Space"]  # and back, so the controls after it stay enabled
    if kind == "radio":
        return ["Space", "ArrowDown"]  # choose, then move the choice within the group
    return ["Enter"]


@pytest.fixture
def lesson_page(
    chromium_browser: Any, voila_url: Callable[[str], str], server_root: Path
) -> Any:
    assert (server_root / LESSON).is_file(), f"notebooks/{LESSON} is missing"
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.gepnet_errors = PageErrors().attach(page)
    page.goto(voila_url(LESSON), wait_until="commit")
    page.locator("#loading").wait_for(state="detached", timeout=2 * KERNEL_MS)
    page.locator(".gepnet-selfcheck").first.wait_for(state="visible", timeout=KERNEL_MS)
    yield page
    context.close()


def test_keyboard_only_reaches_names_and_operates_every_control(
    lesson_page: Any, request: pytest.FixtureRequest
) -> None:
    page = request.node._gepnet_page = lesson_page
    cdp = page.context.new_cdp_session(page)
    cdp.send("Accessibility.enable")
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); "
                  "window.scrollTo(0, 0); }")
    page.mouse.click(5, 5)  # focus the document itself, at the top
    stops: list[dict[str, Any]] = []
    problems: list[str] = []
    start = time.monotonic()
    for n in range(MAX_TABS):
        page.keyboard.press("Tab")
        stop = page.evaluate(_FOCUSED_JS, n)
        if stop is None or "seen" in stop:
            break  # focus left the page or came round again
        if not stop["inWidget"]:
            continue  # links and <details> of the lesson text
        role, name, disabled = _ax_name(cdp, n)
        stop.update(role=role, name=name, disabled=disabled)
        stops.append(stop)
        where = f"focus stop {len(stops)} ({stop['kind']} {stop['hook']!r})"
        if not name.strip():
            problems.append(f"{where}: no accessible name (role {role!r})")
        if role in ("", "generic", "none"):
            problems.append(f"{where}: no role")
        if disabled or stop["kind"] in ("readout", "text", "other"):
            continue  # reached and named; a readout is the slider's typing box
        in_explorer = stop["root"] is not None and "gepnet-selfcheck" not in stop["hook"]
        stop["keys"] = _keys(page, stop)
        for key in stop["keys"]:
            state = page.evaluate(_STATE_JS, n)
            root = page.evaluate(_ROOT_SNAPSHOT_JS, stop["root"]) if stop["root"] else ""
            page.keyboard.press(key)
            if stop["kind"] != "button" and not _wait_change(page, _STATE_JS, n, state, 2_000):
                problems.append(f"{where}: {key} did not change it")
                break
            if (stop["kind"] == "button" or in_explorer) and not _wait_change(
                    page, _ROOT_SNAPSHOT_JS, stop["root"], root, UPDATE_MS):
                problems.append(f"{where}: {key} changed nothing visible (no answer)")
                break
            _settle(page)
            if stop["kind"] == "radio":  # focus moved with the choice; restamp it
                page.evaluate("(n) => { document.querySelectorAll(`[data-gepnet-focus='${n}']`)"
                              ".forEach((e) => e.removeAttribute('data-gepnet-focus'));"
                              " document.activeElement.setAttribute('data-gepnet-focus', n); }",
                              str(n))
    took = time.monotonic() - start
    kinds: dict[str, int] = {}
    for s in stops:
        kinds[s["kind"]] = kinds.get(s["kind"], 0) + 1
    print(f"{LESSON}: {len(stops)} focus stops in widgets by keyboard alone in {took:.1f} s: "
          f"{kinds}")
    for s in stops:
        print(f"  {s['n']:3} {s['kind']:8} {s['role']:12} {s['name']!r} "
              f"{' '.join(s.get('keys', [])) or ('(disabled)' if s['disabled'] else '')}")
    save_full_page_screenshot(page, "a11y-keyboard-03-final")
    assert not problems, "keyboard-only problems:\n" + "\n".join(problems)
    assert kinds.get("slider", 0) >= 4 and kinds.get("select", 0) >= 4, kinds
    assert kinds.get("radio", 0) >= 5 and kinds.get("button", 0) >= 5, kinds
    assert_no_output_errors(page, f"{LESSON} after keyboard use")
    page.gepnet_errors.assert_clean(f"{LESSON} after keyboard use")
