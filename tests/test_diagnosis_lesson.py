"""Lesson 2, executed in a real kernel: what a learner first sees is what the logic gives."""

from __future__ import annotations

import html
import re

import pytest
from executed_lesson import (
    NOTEBOOKS,
    alt_text,
    assert_no_errors,
    by_class,
    execute,
    tagged,
    widget_state,
)

from gepnet_widgets import diagnosis as dx
from gepnet_widgets.quiz import load_questions

LESSON = "02_diagnosis.ipynb"


@pytest.fixture(scope="module")
def executed():
    return execute(LESSON)


def test_runs_without_errors(executed):
    assert_no_errors(executed)


def test_matrix_first_view(executed):
    (readout,) = by_class(executed, "gepnet-matrix-readout")
    expected = dx.cell("chromogranin_a", "net")
    assert tagged(readout["value"], "gepnet-matrix-answer") == dx.LEVEL_WORDS[expected.level]
    assert html.escape(expected.text) in readout["value"]
    assert "Framed: Blood chromogranin A" in alt_text(executed, "gepnet-matrix-figure")


def test_planner_first_view(executed):
    (readout,) = by_class(executed, "gepnet-plan-readout")
    best = len(dx.SCENARIOS["liver"].best)
    assert tagged(readout["value"], "gepnet-plan-score") == f"0 of {best} best tests picked"
    assert "Has it spread to the liver?" in alt_text(executed, "gepnet-plan-figure")


def test_pitfalls_first_view(executed):
    (readout,) = by_class(executed, "gepnet-pitfall-readout")
    assert tagged(readout["value"], "gepnet-pitfall-trust") == "not from what is ticked"
    assert html.escape(dx.MARKERS["chromogranin_a"].normal.text) in readout["value"]


def test_every_figure_has_alt_text(executed):
    figures = by_class(executed, "gepnet-figure")
    assert len(figures) == 3
    for fig in figures:
        assert "data:image/png;base64," in fig["value"]
        assert len(re.search(r'alt="([^"]+)"', fig["value"]).group(1)) > 60


def test_self_check_shows_every_question(executed):
    questions = load_questions("02_diagnosis")
    assert len(questions) >= 6
    ids = {c[len("gepnet-selfcheck-q-"):] for m in widget_state(executed).values()
           for c in m["state"].get("_dom_classes", []) if c.startswith("gepnet-selfcheck-q-")}
    assert ids == {q.id for q in questions}
    misconceptions = " ".join(q.misconception or "" for q in questions)
    assert "A normal chromogranin A rules out a NET" in misconceptions


def test_lesson_text_links_to_other_lessons():
    text = (NOTEBOOKS / LESSON).read_text(encoding="utf-8")
    for target in ("01_what_are_gepnets.ipynb", "03_tnm_staging.ipynb",
                   "05_functional_vs_nonfunctional.ipynb"):
        assert f"]({target})" in text, target
