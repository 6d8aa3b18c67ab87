"""Lesson 1, executed in a real kernel: what a learner first sees is what the data give."""

from __future__ import annotations

import re

import pytest
from executed_lesson import alt_text, assert_no_errors, by_class, execute, tagged, widget_state

from gepnet_widgets import anatomy as an
from gepnet_widgets.quiz import load_questions

LESSON = "01_what_are_gepnets.ipynb"


@pytest.fixture(scope="module")
def executed():
    return execute(LESSON)


def test_runs_without_errors(executed):
    assert_no_errors(executed)


def test_cell_explorer_first_view(executed):
    (readout,) = by_class(executed, "gepnet-cell-readout")
    assert tagged(readout["value"], "gepnet-cell-current") == "1 of 4"
    assert tagged(readout["value"], "gepnet-cell-title") == an.cell_step(1).title
    assert "Step 1 of 4: A signal arrives." in alt_text(executed, "gepnet-cell-figure")


def test_site_map_first_view(executed):
    (readout,) = by_class(executed, "gepnet-site-readout")
    assert tagged(readout["value"], "gepnet-site-name") == "Stomach"
    assert tagged(readout["value"], "gepnet-site-cells") == "ECL (enterochromaffin-like) cells"
    assert "Highlighted: Stomach." in alt_text(executed, "gepnet-site-figure")


def test_every_figure_has_alt_text(executed):
    figures = by_class(executed, "gepnet-figure")
    assert len(figures) == 2
    for fig in figures:
        assert "data:image/png;base64," in fig["value"]
        assert len(re.search(r'alt="([^"]+)"', fig["value"]).group(1)) > 60


def test_self_check_shows_every_question(executed):
    questions = load_questions("01_what_are_gepnets")
    assert len(questions) >= 6
    ids = {c[len("gepnet-selfcheck-q-"):] for m in widget_state(executed).values()
           for c in m["state"].get("_dom_classes", []) if c.startswith("gepnet-selfcheck-q-")}
    assert ids == {q.id for q in questions}
    misconceptions = " ".join(q.misconception or "" for q in questions)
    assert "Non-functioning means harmless" in misconceptions
