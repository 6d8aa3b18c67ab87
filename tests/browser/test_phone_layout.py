"""Every lesson on a phone (390 x 844 and 360 x 740) in Voila: it fits, it can be read, it can be
touched.

One Voila server in tree mode (``/voila/render/NN_*.ipynb``, the mode whose links between
lessons work) and one page, reused for every lesson: each lesson is loaded once at 390 px,
measured, then the same page is narrowed to 360 px (no second kernel) and measured again.
For each lesson and width:

* the page does not scroll sideways; no control (list, text box, button, slider) reaches past
  the screen's edge unless it sits in a box that scrolls on its own; every table fits or scrolls
  inside its own box;
* figure text is at least 9 px on screen: each figure's shown width over its natural width,
  times the smallest font size the drawings use (in pixels at the house DPI);
* touch targets (buttons, lists, text boxes, slider handles, navigation links, the toggles of
  folded answers) are at least 24 px high, and every slider's track is at least 100 px wide
  (one squeezed beside a long name cannot be set);
* no control's words are cut off inside their own box (labels, checkbox texts);
* app-mode words: no "Shift" and no "code cell" in what the page shows;
* the navigation bar's links answer (no 403 as in single-notebook mode).

Screenshots of lessons 3, 4 and 8 at both widths go to ``tests/artifacts/phone/``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import (
    ARTIFACTS_DIR,
    KERNEL_MS,
    ServerProcess,
    free_port,
    server_env,
    wait_until_settled,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ (offline_runs)
from offline_runs import lesson_paths

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PHONE = {"width": 390, "height": 844}
#: The widths measured, widest first (the page is loaded at the first and narrowed).
SCREENS = ({"width": 390, "height": 844}, {"width": 360, "height": 740})
SHOTS = {"03_tnm_staging", "04_grade_and_differentiation", "08_reading_a_report"}
MIN_TEXT_PX, MIN_TARGET_PX = 9.0, 24.0


def smallest_figure_font_px() -> float:
    """The smallest font size the drawings use (``fontsize=`` in points, or the house size),
    in pixels of the rendered PNG (house DPI)."""
    from gepnet_widgets.style import FIGURE_DPI, rc_params

    sizes = [float(rc_params()["font.size"])]
    for module in (ROOT / "gepnet_widgets" / "drawing").glob("*.py"):
        sizes += [float(s) for s in re.findall(r"fontsize=(\d+(?:\.\d+)?)\b",
                                               module.read_text(encoding="utf-8"))]
    return min(sizes) * FIGURE_DPI / 72


@pytest.fixture(scope="module")
def voila_tree(chromium_executable: str, server_root: Path, server_tmp: Path) -> Iterator[str]:
    port = free_port()
    cmd = [sys.executable, "-m", "voila", str(server_root), "--no-browser", f"--port={port}",
           "--Voila.ip=127.0.0.1", "--show_tracebacks=True"]
    env = server_env(server_tmp / "voila-tree-jupyter", Path(sys.executable).parent)
    log = ARTIFACTS_DIR / "logs" / "voila-tree-phone.log"
    server = ServerProcess("voila tree", cmd, log, env, server_root)
    base = f"http://127.0.0.1:{port}"
    try:
        server.wait_ready(f"{base}/gepnet-readiness-probe-404", any_http=True)
        yield base
    finally:
        server.stop()


@pytest.fixture(scope="module")
def phone(chromium_browser: Any) -> Iterator[Any]:
    context = chromium_browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                           device_scale_factor=2)
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


_MEASURE_JS = r"""() => {
  const W = document.documentElement.clientWidth;
  const scrollsX = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      const fits = a.getBoundingClientRect().right <= W + 1;
      if (/(auto|scroll)/.test(s.overflowX) && fits) return true;
    }
    return false;
  };
  const visible = (el) => { const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
  const name = (el) => (el.getAttribute('aria-label') || el.textContent || el.className
    || el.tagName).toString().trim().slice(0, 50);
  const controls = [...document.querySelectorAll(
    '.jupyter-widgets select, .jupyter-widgets input, .jupyter-widgets button, ' +
    '.widget-slider, .widget-dropdown, .widget-text')]
    .filter(visible);
  const wide = controls.filter((el) => { const r = el.getBoundingClientRect();
    return (r.right > W + 1 || r.left < -1) && !scrollsX(el); }).map(name);
  const tables = [...document.querySelectorAll('table')].filter(visible).filter((t) => {
    const r = t.getBoundingClientRect();
    if (r.right <= W + 1) return false;
    const s = getComputedStyle(t);
    if (/(auto|scroll)/.test(s.overflowX) && t.clientWidth <= W) return false;
    return !scrollsX(t);
  }).map((t) => t.innerText.slice(0, 50));
  const figures = [...document.querySelectorAll('.gepnet-figure img')].filter(visible)
    .map((img) => ({alt: (img.alt || '').slice(0, 40),
                    scale: img.getBoundingClientRect().width / img.naturalWidth,
                    border: (img.offsetWidth - img.clientWidth)}))
  const targets = [...document.querySelectorAll(
    '.jupyter-widgets button, .jupyter-widgets select, .widget-text input, .noUi-handle, ' +
    '.gepnet-nav a, summary')]
    .filter(visible).map((el) => ({name: name(el), h: el.getBoundingClientRect().height}))
    .filter((t) => t.h < 24);
  // A slider whose track is squeezed to a few pixels cannot be set by touch.
  const tracks = [...document.querySelectorAll('.widget-hslider .slider-container')]
    .filter(visible).map((el) => ({name: name(el.closest('.widget-hslider')),
                                   w: el.getBoundingClientRect().width}))
    .filter((t) => t.w < 100);
  // The page scrolls in the document or in Voila's full-screen cell container.
  const scrollers = [document.documentElement, document.body,
    ...document.querySelectorAll('#rendered_cells, .jp-Notebook, main, [role=main]')];
  const scrollWidth = Math.max(...scrollers.filter(Boolean).map((e) =>
    e.getBoundingClientRect().left < 1 && e.clientWidth >= W - 20 ? e.scrollWidth : 0));
  // A control's words cut off: a label or checkbox text wider or taller than its own box
  // (the prediction box's label showed "(kept on this"), or a checkbox whose words run past
  // the screen's edge even inside a box that scrolls (lesson 2: "an acid-redu").
  const clipped = [...document.querySelectorAll(
    '.jupyter-widgets .widget-label, .widget-checkbox .widget-label-basic')]
    .filter(visible).filter((el) => /(hidden|clip)/.test(getComputedStyle(el).overflowX)
      && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 2))
    .map(name).concat([...document.querySelectorAll('.widget-checkbox')].filter(visible)
      .filter((el) => el.getBoundingClientRect().right > W + 1).map(name));
  return {W, scrollWidth, wide, tables, figures, targets, tracks, clipped,
          text: document.body.innerText};
}"""


def _shots(page: Any, stem: str, width: int) -> None:
    out = ARTIFACTS_DIR / "phone"
    out.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out / f"{stem}-{width}.png"))
    figure = page.locator(".gepnet-figure img").first
    if figure.count():
        figure.scroll_into_view_if_needed()
        page.screenshot(path=str(out / f"{stem}-{width}-figure.png"))


@pytest.mark.parametrize("path", lesson_paths(), ids=lambda p: p.stem)
def test_lesson_on_a_phone(path: Path, phone: Any, voila_tree: str, server_root: Path) -> None:
    if not (server_root / path.name).is_file():
        (server_root / path.name).write_bytes(path.read_bytes())
    phone.set_viewport_size(SCREENS[0])
    phone.goto(f"{voila_tree}/voila/render/{path.name}", wait_until="commit")
    phone.locator("#loading").wait_for(state="detached", timeout=2 * KERNEL_MS)
    wait_until_settled(phone, quiet_ms=1_500, timeout_ms=KERNEL_MS)
    problems = []
    for screen in SCREENS:
        if screen is not SCREENS[0]:
            phone.set_viewport_size(screen)  # same page, same kernel: only the layout changes
            wait_until_settled(phone, quiet_ms=400, timeout_ms=10_000)
        m = phone.evaluate(_MEASURE_JS)
        assert m["W"] <= screen["width"], m["W"]
        if path.stem in SHOTS:
            _shots(phone, path.stem, screen["width"])
        problems += [f"at {screen['width']} px: {p}" for p in _problems(m)]
    assert problems == [], f"{path.stem}: " + "; ".join(problems)


def _problems(m: dict) -> list[str]:
    problems = []
    if m["scrollWidth"] > m["W"] + 1:
        problems.append(f"page scrolls sideways: {m['scrollWidth']} px wide on {m['W']} px")
    if m["wide"]:
        problems.append(f"controls past the edge: {m['wide'][:5]}")
    if m["tables"]:
        problems.append(f"tables past the edge: {m['tables'][:3]}")
    font = smallest_figure_font_px()
    small = [f"{f['alt']} ({f['scale'] * font:.1f} px)" for f in m["figures"]
             if f["scale"] * font < MIN_TEXT_PX]
    if small:
        problems.append(f"figure text under {MIN_TEXT_PX} px: {small[:4]}")
    if m["tracks"]:
        problems.append(f"slider tracks under 100 px: {m['tracks'][:5]}")
    if m["clipped"]:
        problems.append(f"words cut off in their box: {m['clipped'][:5]}")
    if m["targets"]:
        problems.append(f"touch targets under {MIN_TARGET_PX} px: {m['targets'][:5]}")
    words = re.findall(r".{0,30}(?:shift|code cell).{0,30}", m["text"], flags=re.I)
    if words:
        problems.append(f"notebook words in app mode: {words[:3]}")
    return problems


def test_navigation_links_answer_in_voila_tree_mode(phone: Any, voila_tree: str) -> None:
    """The bar's links (other lessons, glossary, sources) open pages, not 403 or 404."""
    phone.goto(f"{voila_tree}/voila/render/03_tnm_staging.ipynb", wait_until="commit")
    phone.locator(".gepnet-nav a").first.wait_for(timeout=2 * KERNEL_MS)
    hrefs = phone.evaluate("() => [...new Set([...document.querySelectorAll('.gepnet-nav a')]"
                           ".map((a) => a.href.split('#')[0]))]")
    assert len(hrefs) >= 5
    for href in hrefs:
        response = phone.request.get(href, timeout=120_000)
        assert response.status == 200, (href, response.status)
