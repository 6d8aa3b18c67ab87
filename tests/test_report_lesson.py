"""Lesson 8 executed in a real kernel: the values a learner sees are the ones the logic gives."""

from __future__ import annotations

import pytest
from executed_lesson import assert_no_errors, by_class, execute, tagged

from gepnet_widgets.reading import EXAMPLE_REPORTS, read_report
from gepnet_widgets.staging import stage_tumor


@pytest.fixture(scope="module")
def nb():
    return execute("08_reading_a_report.ipynb")


def test_runs_without_errors(nb) -> None:
    assert_no_errors(nb)


def test_example_reader_shows_example_one(nb) -> None:
    expected = read_report(EXAMPLE_REPORTS[0].text)
    readouts = [s["value"] for s in by_class(nb, "gepnet-report-readout")]
    assert len(readouts) == 2
    first = readouts[0]
    assert tagged(first, "gepnet-report-stage") == "not given"
    assert tagged(first, "gepnet-report-grade") == expected.grade == "G2"
    assert tagged(first, "gepnet-report-stage-edition") == "AJCC Version 9"
    assert "stage III" in first and "stage IV" in first  # what M0 and M1 would give
    assert "Are the liver lesions thought to be spread" in first


def test_form_reader_shows_the_form_stage(nb) -> None:
    second = [s["value"] for s in by_class(nb, "gepnet-report-readout")][1]
    expected = stage_tumor("jejunum_ileum", 2.0, "subserosa", 2, "none").stage
    assert tagged(second, "gepnet-report-stage") == expected == "III"
    assert tagged(second, "gepnet-report-tnm") == "T3 N1 M0"


def test_figures_have_alt_text_and_text_box_is_empty(nb) -> None:
    (first, second) = [s for s in by_class(nb, "gepnet-report-figure")]
    for fig in (first, second):
        assert 'alt="Checklist of what the report states' in fig["value"]
    assert all(s["value"] == "" for s in by_class(nb, "gepnet-report-text"))


def test_self_check_is_shown(nb) -> None:
    cards = [m for m in by_class(nb, "gepnet-selfcheck-q-ki67-grade-mismatch")]
    assert cards


def test_lesson_text_after_the_clinical_review(nb) -> None:
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "also called MIB-1" not in text and "MIB-1 is the antibody used to show Ki-67" in text
    assert "including the residual tumour (R) table" not in text
    assert "is perineural invasion, not **pN1**" in text
    assert "not a routine step" in text
    first = next(s["value"] for s in by_class(nb, "gepnet-report-figure"))
    assert "SSTR scan: not stated" in first  # Example 1 (ileum) is asked about a receptor scan
