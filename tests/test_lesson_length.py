"""Less to read (issue 14): lessons 4 and 6 keep at most 2,200 words of authored Markdown.

Authored words are the words of every Markdown cell, folded "Show the explanation" text
included, less what the tools in tools/ write into a lesson: the navigation bars (a cell that
starts with the "Navigation bar, generated" comment) and the review-status block (between
``<!-- review-status -->`` and ``<!-- /review-status -->``). A lesson's own "## References" list
is written by hand and counts. HTML tags and comments are not words; a word is a
whitespace-separated token with at least one letter or digit (so Markdown table rules, bullets
and lone dashes do not count).
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
MAX_WORDS = 2200
CAPPED = ("04_grade_and_differentiation", "06_treatment_categories")

NAV_MARKER = "<!-- Navigation bar, generated"
_REVIEW_BLOCK = re.compile(r"<!-- review-status -->.*?<!-- /review-status -->", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"<[^>]+>")
_WORDLIKE = re.compile(r"[^\W_]")  # a letter or a digit, in any script


def authored_text(nb: nbformat.NotebookNode) -> str:
    """The Markdown a lesson's author wrote: generated navigation and review blocks left out."""
    parts = []
    for cell in nb.cells:
        if cell.cell_type != "markdown" or cell.source.lstrip().startswith(NAV_MARKER):
            continue
        parts.append(_REVIEW_BLOCK.sub(" ", cell.source))
    return "\n\n".join(parts)


def count_words(text: str) -> int:
    """Words in Markdown text: tokens with a letter or digit, after HTML comments and tags go."""
    plain = _TAG.sub(" ", _COMMENT.sub(" ", text))
    return sum(1 for token in plain.split() if _WORDLIKE.search(token))


def authored_words(nb: nbformat.NotebookNode) -> int:
    """The number of authored Markdown words in a notebook."""
    return count_words(authored_text(nb))


# --- the counter itself, on a tiny notebook -------------------------------------------------------


def _tiny() -> nbformat.NotebookNode:
    v4 = nbformat.v4
    return v4.new_notebook(cells=[
        v4.new_markdown_cell("# Lesson 9: Tiny\n\n| a | b |\n|---|---|\n| one | 2 |"),
        v4.new_markdown_cell(f"{NAV_MARKER} by a tool. -->\n<nav>Course map Previous Next</nav>"),
        v4.new_code_cell("print('these words are code, not Markdown')"),
        v4.new_markdown_cell(
            "<details><summary>Show the explanation</summary>\n\nFolded words count.\n"
            "</details>\n\n* - bullet\n\n<!-- review-status -->\n### Sources and review status\n"
            "Many generated words here.\n<!-- /review-status -->\n\n*Text: CC BY 4.0.*"),
    ])


def test_count_words_rules():
    assert count_words("") == 0
    assert count_words("Ki-67 is 18% (G2) - **brown** nuclei.") == 6  # "-" alone is no word
    assert count_words("|---|---|\n* \n---") == 0
    assert count_words('<span class="x">Two words</span> <!-- not these -->') == 2
    assert count_words("Größe 2 mm² · µm") == 4


def test_authored_words_leave_out_generated_blocks():
    nb = _tiny()
    text = authored_text(nb)
    assert "Course map" not in text and "generated words" not in text
    assert "Folded words count." in text and "code" not in text
    # "Lesson 9: Tiny" (3; "#" is no word) + table "a b one 2" (4) + summary (3) + folded (3)
    # + "bullet" (1) + "Text: CC BY 4.0." (4)
    assert authored_words(nb) == 3 + 4 + 3 + 3 + 1 + 4
    nb.cells[3].source += "\n\nOne more."
    assert authored_words(nb) == 20


def test_a_generated_looking_block_in_the_middle_of_a_cell_is_left_out_only_there():
    v4 = nbformat.v4
    nb = v4.new_notebook(cells=[v4.new_markdown_cell(
        "Before. <!-- review-status -->x y z<!-- /review-status --> After. "
        "<!-- review-status -->p q<!-- /review-status --> End.")])
    assert authored_words(nb) == 3


# --- the lessons -------------------------------------------------------------------------------


@pytest.mark.parametrize("stem", CAPPED)
def test_lesson_has_at_most_2200_authored_words(stem: str):
    nb = nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)
    words = authored_words(nb)
    assert words <= MAX_WORDS, f"{stem}: {words} authored words (at most {MAX_WORDS})"
    assert words > 500, f"{stem}: {words} words; is the counter reading the lesson?"
