"""The reviewer's tools: statements per lesson with sources and level, the review blocks in the
lesson footers, and the reference page, all kept in step with the package's data."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from gepnet_widgets import review
from gepnet_widgets.sources import LEVEL_WORDS, SOURCES
from gepnet_widgets.widgets.citations import sources_html

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import make_references  # noqa: E402
import make_review_blocks  # noqa: E402

LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_every_lesson_notebook_has_review_data():
    assert {p.stem for p in LESSONS} <= set(review.lessons())


def test_statements_carry_sources_and_levels():
    found = review.statements("03_tnm_staging")
    assert len(found) > 50
    assert all(s.sources and s.level in LEVEL_WORDS for s in found)
    # the stomach stage table is among them, with its AJCC sources
    assert any(s.what == "StageRow IV" and "AJCC8" in s.sources for s in found)
    # a self-check question too
    assert any(s.where == "the self-check" for s in found)


def test_unverified_flags_are_counted_as_unverified():
    for lesson in review.lessons():
        for s in review.statements(lesson):
            if s.level != "unverified":
                assert all(SOURCES[k].level != "unverified" for k in s.sources)


def test_level_counts_add_up():
    counts = review.level_counts("06_treatment_categories")
    assert sum(counts.values()) == len(review.statements("06_treatment_categories"))


def test_reviewer_command_prints_statements_with_words_keys_and_level():
    out = subprocess.run([sys.executable, "-m", "gepnet_widgets.review", "03_tnm_staging"],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "Reviewed by a clinician" not in out.stdout or "not yet" in out.stdout
    assert "Sources: AJCC 8th ed., 2017" in out.stdout and "keys: AJCC8" in out.stdout
    assert "How sure: from a published summary of the source" in out.stdout


def test_reviewer_command_refuses_an_unknown_lesson():
    out = subprocess.run([sys.executable, "-m", "gepnet_widgets.review", "99_nothing"],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 2 and "known lessons" in out.stderr


def test_block_never_claims_a_review_and_says_how_to_report():
    block = review.review_block("03_tnm_staging")
    assert "Reviewed by a clinician: not yet." in block
    assert "How to report an error" in block and "issue tracker" in block
    assert "2 December 2026" in block
    assert not re.search(r"pending|fact base|\.py\b|\[S\d", block, re.I)


@pytest.mark.parametrize("path", [*LESSONS, make_review_blocks.TEMPLATE], ids=lambda p: p.name)
def test_review_blocks_in_step_with_data(path):
    assert not make_review_blocks.update(path, check=True), (
        f"{path.name}: run python tools/make_review_blocks.py")
    text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
    assert "Clinical review of this lesson: pending" not in text


def test_reference_page_in_step_with_sources():
    for path, text in make_references.outputs().items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} is out of date: run python tools/make_references.py")


def test_reference_page_has_an_anchor_per_source_and_is_no_lesson():
    nb = nbformat.read(make_references.NOTEBOOK, as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    for key in SOURCES:
        assert f'<a id="{key}"></a>' in text
    assert all(c.cell_type == "markdown" for c in nb.cells)
    assert make_references.NOTEBOOK not in LESSONS


def test_sources_line_links_each_source_to_its_entry():
    line = sources_html(["S1", "S9"])
    assert 'href="references.ipynb#S1"' in line and 'href="references.ipynb#S9"' in line
    assert "NCI PDQ, GI NETs, 2025" in line and "(from a published summary" in line
    assert "[S" not in line
