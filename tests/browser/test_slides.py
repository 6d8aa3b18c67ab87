"""``make slides``: a lesson's reveal.js deck, opened from disk with the network blocked and
stepped through with the keyboard (lesson 3, run offline as in ``tests/offline_runs.py``)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import save_screenshot

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ (offline_runs)
from offline_runs import run_offline  # puts tools/ on sys.path

build_slides = importlib.import_module("build_slides")

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
LESSON = ROOT / "notebooks" / "03_tnm_staging.ipynb"

_CURRENT_JS = """() => {
  const s = Reveal.getCurrentSlide();
  return {h: Reveal.getIndices().h, title: s.querySelector('h2').textContent,
          text: s.innerText, imgs: [...s.querySelectorAll('img')].map((i) => ({
            alt: i.getAttribute('alt') || '', loaded: i.complete && i.naturalWidth > 0})),
          notes: (s.querySelector('aside.notes') || {}).textContent || '',
          total: Reveal.getTotalSlides()};
}"""


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("slides")
    pages = build_slides.build(out, executor=lambda p: run_offline(p).notebook, paths=[LESSON])
    assert (out / "reveal" / "dist" / "reveal.js").is_file()
    assert (out / "reveal" / "plugin" / "notes" / "notes.js").is_file()
    return pages[0]


def test_deck_steps_through_offline_by_keyboard(deck: Path, chromium_browser: Any) -> None:
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 800},
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
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(deck.as_uri(), wait_until="load")
        page.wait_for_function("() => window.Reveal && Reveal.isReady()")
        first = page.evaluate(_CURRENT_JS)
        assert first["h"] == 0 and first["title"].startswith("Lesson 3")
        assert "not for decisions about anyone's care" in first["text"]
        assert "Demo the T explorer" in first["notes"], "speaker notes from the guide"
        assert first["total"] >= 10
        seen = [first]
        figures = 0
        for _ in range(first["total"] - 1):
            page.keyboard.press("ArrowRight")
            page.wait_for_function(f"() => Reveal.getIndices().h === {len(seen)}")
            now = page.evaluate(_CURRENT_JS)
            assert now["title"] != seen[-1]["title"] or now["text"] != seen[-1]["text"]
            for img in now["imgs"]:
                assert img["loaded"], f"picture not shown on {now['title']!r}"
                assert len(img["alt"].split()) >= 4, now["title"]
            figures += bool(now["imgs"])
            if figures == 1 and now["imgs"]:
                save_screenshot(page, "slides-03-first-figure")
            seen.append(now)
        titles = [s["title"] for s in seen]
        assert "Learning objectives" in titles and titles[-1] == "Summary"
        assert any(t.startswith("Activity 2") for t in titles)
        assert figures >= 4, f"key figures on {figures} slides"
        activity = next(s for s in seen if s["title"].startswith("Activity 2"))
        assert "Show the explanation" not in activity["text"]
        assert "folded answer" in activity["notes"]
        page.keyboard.press("ArrowLeft")
        page.wait_for_function(f"() => Reveal.getIndices().h === {len(seen) - 2}")
        assert blocked == [], f"the deck tried to fetch {blocked}"
        assert errors == [], errors
    finally:
        context.close()


def test_section_notes_pick_the_guides_items() -> None:
    section = build_slides.Section(4, "Two pancreatic tumours (patients 4 and 5)")
    stumbles = ["Staging a NEC with the NET chapter (patient 5).", "NX as N0 (patient 1).",
                "Mixing up activity 4 and the rest.", "Section 40 is long."]
    assert build_slides.notes_for_section(stumbles, section) == stumbles[:1] + stumbles[2:3]
