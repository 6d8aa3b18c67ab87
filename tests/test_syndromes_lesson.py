"""Lesson 5, executed in a real kernel: what a learner first sees is what the logic gives."""

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

from gepnet_widgets import syndromes as syn
from gepnet_widgets.quiz import load_questions

LESSON = "05_functional_vs_nonfunctional.ipynb"


@pytest.fixture(scope="module")
def executed():
    return execute(LESSON)


def test_runs_without_errors(executed):
    assert_no_errors(executed)


def test_syndrome_explorer_first_view(executed):
    (readout,) = by_class(executed, "gepnet-syn-readout")
    value = readout["value"]
    links = syn.links_from("symptom", "diarrhoea")
    assert tagged(value, "gepnet-syn-selected") == "Diarrhoea"
    assert tagged(value, "gepnet-syn-syndromes").split("; ") == [
        syn.SYNDROMES[s].name for s in links.syndromes]
    assert len(links.syndromes) == 4
    assert "Starting from Diarrhoea (a symptom)" in alt_text(executed, "gepnet-syn-figure")


def test_carcinoid_flow_first_view(executed):
    (readout,) = by_class(executed, "gepnet-flow-readout")
    assert tagged(readout["value"], "gepnet-flow-reaches") == "mostly not"
    assert tagged(readout["value"], "gepnet-flow-syndrome") == "unusual"
    assert syn.serotonin_flow("jejunum_ileum").verdict in alt_text(executed, "gepnet-flow-figure")


def test_mystery_first_view(executed):
    (readout,) = by_class(executed, "gepnet-mystery-readout")
    assert html.escape(syn.MYSTERIES["ulcers"].story) in readout["value"]
    assert tagged(readout["value"], "gepnet-mystery-hormone-verdict") == "not answered yet"
    assert "Hormone answer: not answered yet" in alt_text(executed, "gepnet-mystery-figure")


def test_every_figure_has_alt_text(executed):
    figures = by_class(executed, "gepnet-figure")
    assert len(figures) == 3
    for fig in figures:
        assert "data:image/png;base64," in fig["value"]
        assert len(re.search(r'alt="([^"]+)"', fig["value"]).group(1)) > 60


def test_self_check_shows_every_question(executed):
    questions = load_questions("05_functional_vs_nonfunctional")
    assert len(questions) >= 6
    ids = {c[len("gepnet-selfcheck-q-"):] for m in widget_state(executed).values()
           for c in m["state"].get("_dom_classes", []) if c.startswith("gepnet-selfcheck-q-")}
    assert ids == {q.id for q in questions}
    misconceptions = " ".join(q.misconception or "" for q in questions)
    assert "Non-functioning means harmless" in misconceptions


def test_lesson_text_links_to_other_lessons():
    text = (NOTEBOOKS / LESSON).read_text(encoding="utf-8")
    for target in ("01_what_are_gepnets.ipynb", "02_diagnosis.ipynb", "03_tnm_staging.ipynb"):
        assert f"]({target})" in text, target
