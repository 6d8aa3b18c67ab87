"""``make handouts``: the student and instructor copies, without a browser.

The copies are printed to PDF and measured in ``tests/browser/test_handouts_print.py``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from offline_runs import build_site  # puts tools/ on sys.path

from gepnet_widgets.cases import CASES, STEPS, answer_label, expected_answer
from gepnet_widgets.staging import EDITIONS

build_handouts = importlib.import_module("build_handouts")
ROOT = Path(__file__).resolve().parents[1]
LESSON_7 = ROOT / "notebooks" / "07_case_studies.ipynb"
BUILT = dt.date(2026, 12, 2)


class _DetailsText(HTMLParser):
    """Splits a page's text into what is inside ``<details>`` and what is outside."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.inside: list[str] = []
        self.outside: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "details":
            self.depth += 1
        if tag in ("style", "script"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "details" and self.depth:
            self.depth -= 1
        if tag in ("style", "script") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            (self.inside if self.depth else self.outside).append(data)


def _split(page: str) -> tuple[str, str]:
    parser = _DetailsText()
    parser.feed(page)
    squash = lambda parts: re.sub(r"\s+", " ", " ".join(parts))  # noqa: E731
    return squash(parser.inside), squash(parser.outside)


def _explanations(nb: nbformat.NotebookNode) -> list[str]:
    """A phrase from the first line of every folded answer in the lesson's Markdown."""
    found = []
    for cell in nb.cells:
        for body in re.findall(r"</summary>(.*?)</details>", cell.source, flags=re.S):
            line = next(ln for ln in body.strip().splitlines() if ln.strip())
            words = re.sub(r"[*_`]|^\s*\d+\.\s*", "", line).split()
            found.append(" ".join(words[:6]))
    return found


@pytest.fixture(scope="module")
def lesson7() -> nbformat.NotebookNode:
    return nbformat.read(LESSON_7, as_version=4)


@pytest.fixture(scope="module")
def pages(lesson7: nbformat.NotebookNode) -> dict[str, str]:
    """Lesson 7 exported as each kind of handout (the committed, unexecuted notebook: the
    worksheets and answer keys do not need a kernel)."""
    return {kind: build_handouts.add_print_css(build_site.export_html(
        build_handouts.handout_notebook(lesson7, kind, LESSON_7.stem), LESSON_7.stem,
        opened=kind == build_handouts.ANSWERS), kind, "9.9.9", BUILT)
        for kind in build_handouts.KINDS}


def test_folded_answers_stay_inside_the_fold(lesson7: nbformat.NotebookNode,
                                             pages: dict[str, str]) -> None:
    """The explanation under each "Show the explanation" is inside its <details> on the page
    (a Markdown renderer would otherwise end the block at the first blank line)."""
    phrases = _explanations(lesson7)
    assert len(phrases) >= 5
    inside, outside = _split(pages[build_handouts.STUDENT])
    for phrase in phrases:
        assert phrase in inside, phrase
        assert phrase not in outside, f"answer text outside the fold: {phrase!r}"
    student = pages[build_handouts.STUDENT]
    assert student.count("<details") == len(phrases)
    opened = re.compile(r"<details\b[^>]*\bopen\b")
    assert not opened.search(student)
    assert len(opened.findall(pages[build_handouts.ANSWERS])) == len(phrases)


def test_site_pages_fold_answers_too() -> None:
    source = ("### Activity 1 (5 minutes)\n1. Try it.\n\n<details><summary>Show the explanation"
              "</summary>\n\n1. **Because** of X.\n\n   More here.\n2. And Y.\n\n</details>\n")
    folded = build_site.fold_details(source)
    inside, outside = _split(nbformat_md_to_html(folded))
    assert "Because of X." in inside and "More here." in inside and "And Y." in inside
    assert "Because" not in outside
    assert "open" not in folded.split("</summary>")[0]
    assert "<details open" in build_site.fold_details(source, opened=True)


def nbformat_md_to_html(source: str) -> str:
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return markdown2html_mistune(source)


def test_write_space_follows_the_questions() -> None:
    source = ("### Activity 2 (8 minutes)\n1. One?\n2. Two?\n3. Three?\n\n"
              "<details><summary>Show the explanation</summary>\n\nAnswer.\n</details>")
    out = build_handouts.add_write_space(source)
    assert out.count(f'class="{build_handouts.WRITE_CLASS}-line"') == 3
    assert out.index(build_handouts.WRITE_CLASS) < out.index("<details>")
    assert build_handouts.add_write_space("Plain text, no activity.") == "Plain text, no activity."


def test_student_copy_has_every_patient_and_no_answer(pages: dict[str, str]) -> None:
    student = pages[build_handouts.STUDENT]
    shown = re.findall(r'data-case="([\w-]+)"', student)
    assert shown == list(CASES), "every patient's worksheet, in course order"
    assert "Patient 5:" in student
    assert build_handouts.ANSWER_CLASS not in student
    assert build_handouts.INSTRUCTOR_MARK not in student
    _inside, outside = _split(student)
    sheets = outside.split("(fictional patient)")
    assert len(sheets) == len(CASES) + 1
    for cid in CASES:
        for step in STEPS:
            for edition in EDITIONS:
                label = answer_label(cid, step.key, expected_answer(cid, step.key, edition),
                                     edition)
                if len(label) > 12 and step.key in ("stage", "treatment", "hormone"):
                    assert label not in outside, f"{cid} {step.key}: {label!r} on the sheet"
    assert student.count(f'class="{build_handouts.WRITE_CLASS}"') == 5  # five activities


def test_answer_copy_shows_every_answer(pages: dict[str, str]) -> None:
    answers = pages[build_handouts.ANSWERS]
    for cid in CASES:
        sheet = answers.split(f'data-case="{cid}"', 1)[1].split('data-case="', 1)[0]
        for step in STEPS:
            label = answer_label(cid, step.key, expected_answer(cid, step.key, EDITIONS[0]),
                                 EDITIONS[0])
            assert label.replace("'", "&#x27;") in sheet, (cid, step.key, label)
    assert "Self-check: answer key" in answers
    assert build_handouts.WRITE_CLASS + '"' not in answers


def test_every_printed_page_is_stamped(pages: dict[str, str]) -> None:
    for kind, page in pages.items():
        top = re.search(r"@page\s*\{[^{}]*@top-center\s*\{\s*content:\s*\"([^\"]+)\"", page)
        assert top, kind
        assert "Course version 9.9.9" in top.group(1) and "2 December 2026" in top.group(1)
        mark = (build_handouts.INSTRUCTOR_MARK if kind == build_handouts.ANSWERS
                else build_handouts.STUDENT_MARK)
        assert top.group(1).startswith(mark)
    student_print = re.search(r"@media print \{ details \{ display: none !important; \}",
                              pages[build_handouts.STUDENT])
    assert student_print, "the student copy must leave folded answers out of print"
    assert "details { display: none" not in pages[build_handouts.ANSWERS]


def test_glossary_prints_only_in_lesson_0() -> None:
    cell = nbformat.v4.new_code_cell("Glossary()")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": "ALL TERMS"})]
    nb = nbformat.v4.new_notebook(cells=[cell])
    for lesson, kept in (("00_start_here", True), ("03_tnm_staging", False)):
        out = build_handouts.handout_notebook(nb, build_handouts.STUDENT, lesson)
        assert ("ALL TERMS" in str(out.cells[0].outputs)) is kept
    with pytest.raises(ValueError, match="student, answers"):
        build_handouts.handout_notebook(nb, "teacher", "x")


def test_make_handouts_builds_both_copies() -> None:
    if shutil.which("make") is None:
        pytest.skip("GNU make is not installed")
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    out = subprocess.run(["make", "--no-print-directory", "-n", "-W", "pyproject.toml",
                          "handouts"], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert "tools/build_handouts.py --out build/handouts" in out.stdout
