"""The handouts as printed: lesson 7 (run offline, then built as both copies) printed by Chromium.

Checks what a printed page shows (print media): the student copy shows no folded answer and no
answer key, and has lines to write on; the instructor copy shows the answers. Both print lesson
7 in no more than 15 A4 pages (the PDF is counted).
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ (offline_runs)
from offline_runs import run_offline  # puts tools/ on sys.path

build_handouts = importlib.import_module("build_handouts")

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
LESSON_7 = ROOT / "notebooks" / "07_case_studies.ipynb"
MAX_PAGES = 15

# Text of every element the print shows (innerText follows display:none under print media).
_DETAILS_TEXT_JS = """() => [...document.querySelectorAll('details .gepnet-answer-body')]
  .map((d) => d.textContent.replace(/\\s+/g, ' ').trim().slice(0, 80))"""


@pytest.fixture(scope="module")
def handouts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("handouts")
    build_handouts.build(out, executor=lambda p: run_offline(p).notebook, paths=[LESSON_7])
    return out


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def _printed(chromium_browser: Any, page_path: Path) -> tuple[str, list[str], int, list[str]]:
    """(text shown in print, folded-answer texts, PDF pages, requests that left the machine)."""
    context = chromium_browser.new_context(offline=True)
    blocked: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    try:
        page = context.new_page()
        page.goto(page_path.as_uri(), wait_until="load")
        page.emulate_media(media="print")
        text = re.sub(r"\s+", " ", page.evaluate("() => document.body.innerText"))
        answers = page.evaluate(_DETAILS_TEXT_JS)
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
        return text, answers, _pages(pdf), blocked
    finally:
        context.close()


def test_student_copy_prints_no_answer(handouts: Path, chromium_browser: Any) -> None:
    text, answers, pages, blocked = _printed(
        chromium_browser, handouts / build_handouts.STUDENT / "07_case_studies.html")
    assert len(answers) == 5, "the five activities' folded answers are on the page"
    for answer in answers:
        assert answer[:60] not in text, f"printed answer: {answer!r}"
    assert "Show the explanation" not in text
    assert build_handouts.INSTRUCTOR_MARK not in text
    assert "answers computed by the course's rules" not in text
    assert "Self-check: answer key" not in text
    assert text.count("Your answers:") == 5, "lines to write on after each activity"
    for number in range(1, 7):
        assert f"Patient {number}:" in text
    assert pages <= MAX_PAGES, f"lesson 7 student copy prints to {pages} pages"
    assert blocked == []


def test_answer_copy_prints_every_answer(handouts: Path, chromium_browser: Any) -> None:
    text, answers, pages, blocked = _printed(
        chromium_browser, handouts / build_handouts.ANSWERS / "07_case_studies.html")
    assert len(answers) == 5
    for answer in answers:
        assert answer[:60] in text, f"answer not printed: {answer!r}"
    assert "Self-check: answer key" in text
    assert text.count("answers computed by the course's rules") == 6
    assert pages <= MAX_PAGES, f"lesson 7 instructor copy prints to {pages} pages"
    assert blocked == []
