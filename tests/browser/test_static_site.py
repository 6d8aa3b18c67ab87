"""The ``make site`` pages, opened from disk with no server and no network.

The pages are built by ``tools/build_site.py`` from the lessons as run offline
(``tests/offline_runs.py``, shared with ``tests/test_offline.py``). Each page is opened as a
``file://`` URL in a browser context that is offline and aborts any request that is not a
file or data URL; every explorer's fallback (picture with alt text, settings, readout) must be
visible, and no error text, widget placeholder or Python ``repr`` may appear.

On a phone (390 x 844 and 360 x 740, every page of the site: lessons, glossary, references,
index) the page does not scroll sideways, nothing reaches past the screen's edge unless it sits
in a box that scrolls on its own (wide tables, figures), every figure is shown at no less than
0.55 of its drawn size (its labels stay readable; it scrolls inside its own box instead) and the
touch targets (navigation links, the toggles of folded answers) are at least 24 px high.
"""

from __future__ import annotations

import html
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import save_screenshot

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ (offline_runs)
from offline_runs import build_site, lesson_paths, run_offline

pytestmark = pytest.mark.browser

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
BAD_TEXT = (
    "Loading widget",
    "Error displaying widget",
    "model not found",
    "Traceback (most recent call last)",
    "VBox(children=",
    "HBox(children=",
    "<IPython.core.display",
    "That input cannot be used",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The static site, built from the offline runs (each lesson executed once per session)."""
    out = tmp_path_factory.mktemp("site")
    start = time.monotonic()
    pages = build_site.build(out, executor=lambda p: run_offline(p).notebook)
    print(f"site: {len(pages)} pages in {time.monotonic() - start:.1f} s at {out}")
    return {"out": out, "pages": {p.source.name: p for p in pages}}


@pytest.fixture
def offline_page(chromium_browser: Any) -> Iterator[tuple[Any, list[str], list[str]]]:
    """A page in an offline context; yields (page, blocked request URLs, page errors)."""
    context = chromium_browser.new_context(viewport={"width": 1200, "height": 1000},
                                           offline=True)
    context.set_default_timeout(15_000)
    blocked: list[str] = []
    errors: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error"
            else None)
    try:
        yield page, blocked, errors
    finally:
        context.close()


def _expected_fallbacks(nb: Any) -> list[bool]:
    """One entry per displayed widget: whether its fallback has a picture."""
    found = []
    for i, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW not in data:
                continue
            html = data.get("text/html", "")
            assert "gepnet-static" in html, (
                f"code cell {i} displays a widget without a static fallback (text/html): "
                f"use an Explorer, SelfCheck or gepnet_widgets.widgets.static.FallbackBox"
            )
            found.append("image/png" in data)
    return found


# One entry per output that holds a fallback (a fallback may be several blocks, or nest others).
_FALLBACKS_JS = """() => [...document.querySelectorAll('.jp-OutputArea-output')]
  .filter((out) => out.querySelector('.gepnet-static')).map((out) => {
  const el = out.querySelector('.gepnet-static');
  const r = out.getBoundingClientRect();
  const imgs = [...out.querySelectorAll('img')].map((i) => ({
    alt: i.getAttribute('alt') || '', loaded: i.complete && i.naturalWidth > 0,
    width: i.getBoundingClientRect().width}));
  return {cls: el.className, visible: r.width > 0 && r.height > 0 &&
            getComputedStyle(el).visibility !== 'hidden', text: out.innerText, imgs};
})"""


def test_site_has_a_page_per_lesson_and_an_index(site: dict[str, Any]) -> None:
    out: Path = site["out"]
    expected = [p.name for p in lesson_paths()]
    assert sorted(site["pages"]) == expected
    index = (out / "index.html").read_text(encoding="utf-8")
    for name in expected:
        assert f'href="{Path(name).stem}.html"' in index
        assert (out / f"{Path(name).stem}.html").is_file()
    assert "not for decisions about anyone's care" in html.unescape(index)


@pytest.mark.parametrize("path", lesson_paths(), ids=lambda p: p.stem)
def test_static_page_shows_every_fallback_offline(
    path: Path, site: dict[str, Any], offline_page: tuple[Any, list[str], list[str]]
) -> None:
    page, blocked, errors = offline_page
    built = site["pages"][path.name]
    expected = _expected_fallbacks(run_offline(path).notebook)
    assert expected, f"{path.name} displays no widget: nothing to check"
    page.goto(built.page.as_uri(), wait_until="load")
    fallbacks = page.evaluate(_FALLBACKS_JS)
    assert len(fallbacks) == len(expected), (
        f"{len(fallbacks)} fallbacks on the page, {len(expected)} widgets in the notebook")
    for i, (fb, has_picture) in enumerate(zip(fallbacks, expected, strict=True)):
        where = f"{path.name} fallback {i + 1} ({fb['cls']})"
        assert fb["visible"], f"{where} is not visible"
        assert len(fb["text"].split()) >= 10, f"{where} says almost nothing: {fb['text']!r}"
        if has_picture:
            assert fb["imgs"], f"{where} has no picture"
            for img in fb["imgs"]:
                assert img["loaded"] and img["width"] > 50, f"{where}: picture not shown {img}"
                assert len(img["alt"].split()) >= 4, f"{where}: alt text {img['alt']!r}"
    text = page.evaluate("() => document.body.innerText")
    bad = [needle for needle in BAD_TEXT if needle in text]
    assert not bad, f"{path.name}: the static page shows {bad}"
    problems = page.evaluate(
        """() => [...document.querySelectorAll(
             '[data-mime-type*="error"], [data-mime-type="application/vnd.jupyter.stderr"],'
             + ' .gepnet-error')].map((e) => e.textContent.slice(0, 300))""")
    assert problems == [], f"{path.name}: error output on the page: {problems}"
    assert page.locator(".jp-CodeCell .jp-InputArea").count() == 0, "code shown on the page"
    assert blocked == [], f"{path.name}: the page tried to fetch {blocked}"
    assert errors == [], f"{path.name}: browser errors {errors}"
    links = page.evaluate(
        "() => [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'))")
    for href in links:
        target = href.split("#", 1)[0]
        if target.endswith(".html") and "/" not in target:
            assert (built.page.parent / target).is_file(), f"{path.name}: broken link {href}"
        name = target.rsplit("/", 1)[-1]
        assert not (name.endswith(".ipynb") and (path.parent / name).is_file()), (
            f"{path.name}: link {href} should point at the lesson's page")
    page.locator("div.gepnet-static").first.scroll_into_view_if_needed()
    save_screenshot(page.locator("div.gepnet-static").first, f"static-{path.stem}-first")


PHONE_SCREENS = ({"width": 390, "height": 844}, {"width": 360, "height": 740})
MIN_FIGURE_SCALE, MIN_TARGET_PX = 0.55, 24.0

# What reaches past the screen's edge (outermost only) unless a box that fits the screen scrolls
# it; each picture's shown width over its drawn width and the box it is seen through; touch
# targets under 24 px high.
_PHONE_JS = r"""() => {
  const W = document.documentElement.clientWidth;
  const visible = (el) => { const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
  const scroller = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (/(auto|scroll)/.test(getComputedStyle(a).overflowX)) return a;
    }
    return null;
  };
  const fitsOrScrolls = (el) => { const r = el.getBoundingClientRect();
    if (r.right <= W + 1 && r.left >= -1) return true;
    const box = scroller(el);
    return !!box && box.getBoundingClientRect().right <= W + 1
      && box.getBoundingClientRect().left >= -1; };
  const name = (el) => `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]}: `
    + (el.innerText || el.getAttribute('alt') || '').trim().slice(0, 40);
  const past = [...document.body.querySelectorAll('*')].filter(visible)
    .filter((el) => !fitsOrScrolls(el));
  const wide = past.filter((el) => !past.includes(el.parentElement)).map(name);
  const figures = [...document.querySelectorAll('img')].filter(visible).map((img) => {
    const box = scroller(img) || document.documentElement;
    const pad = getComputedStyle(img);
    return {alt: (img.alt || '').slice(0, 40),
            scale: (img.clientWidth - parseFloat(pad.paddingLeft)
                    - parseFloat(pad.paddingRight)) / img.naturalWidth,
            boxRight: box.getBoundingClientRect().right}; });
  const targets = [...document.querySelectorAll('.gepnet-nav a, summary')].filter(visible)
    .map((el) => ({name: name(el), h: el.getBoundingClientRect().height}))
    .filter((t) => t.h < 24 - 0.5);
  return {W, scrollWidth: document.documentElement.scrollWidth, wide, figures, targets};
}"""


@pytest.fixture(scope="module")
def phone_page(chromium_browser: Any) -> Iterator[Any]:
    """One offline phone page for every static page (pages are file URLs: no kernel)."""
    context = chromium_browser.new_context(viewport=PHONE_SCREENS[0], is_mobile=True,
                                           has_touch=True, device_scale_factor=2, offline=True)
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def _phone_problems(m: dict[str, Any]) -> list[str]:
    problems = []
    if m["scrollWidth"] > m["W"] + 1:
        problems.append(f"page scrolls sideways: {m['scrollWidth']} px on {m['W']} px")
    if m["wide"]:
        problems.append(f"past the screen's edge: {m['wide'][:4]}")
    small = [f"{f['alt']!r} at {f['scale']:.2f}" for f in m["figures"]
             if f["scale"] < MIN_FIGURE_SCALE]
    if small:
        problems.append(f"figures shrunk below {MIN_FIGURE_SCALE} of their size: {small[:3]}")
    outside = [f["alt"] for f in m["figures"] if f["boxRight"] > m["W"] + 1]
    if outside:
        problems.append(f"figures whose box is wider than the screen: {outside[:3]}")
    if m["targets"]:
        problems.append(f"touch targets under {MIN_TARGET_PX} px: {m['targets'][:4]}")
    return problems


def _site_page_names() -> list[str]:
    return [f"{p.stem}.html" for p in lesson_paths()] + [
        "glossary.html", "references.html", "index.html"]


@pytest.mark.parametrize("name", _site_page_names(), ids=lambda n: n.removesuffix(".html"))
def test_static_page_fits_a_phone(name: str, site: dict[str, Any], phone_page: Any) -> None:
    page_path: Path = site["out"] / name
    if name in ("glossary.html", "references.html") and not page_path.is_file():
        pytest.skip(f"the site has no {name}")
    phone_page.set_viewport_size(PHONE_SCREENS[0])
    phone_page.goto(page_path.as_uri(), wait_until="load")
    problems = []
    for screen in PHONE_SCREENS:
        phone_page.set_viewport_size(screen)  # same page: only the layout changes
        m = phone_page.evaluate(_PHONE_JS)
        assert m["W"] <= screen["width"], m["W"]
        problems += [f"at {screen['width']} px: {p}" for p in _phone_problems(m)]
    assert problems == [], f"{name}: " + "; ".join(problems)
