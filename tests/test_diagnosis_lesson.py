"""Lesson 2, executed in a real kernel: what a learner first sees is what the logic gives."""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from gepnet_widgets import diagnosis as dx
from gepnet_widgets.quiz import load_questions

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOK = NOTEBOOKS / "02_diagnosis.ipynb"


@pytest.fixture(scope="module")
def executed():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=180, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return nb


def _state(nb) -> dict:
    return nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]


def _by_class(nb, css: str) -> list[dict]:
    return [m["state"] for m in _state(nb).values()
            if css in m["state"].get("_dom_classes", [])]


def _tagged(value: str, css: str) -> str:
    found = re.findall(rf'<b class="{css}">([^<]*)</b>', value)
    assert len(found) == 1, (css, value[:300])
    return html.unescape(found[0])


def _alt(nb, css: str) -> str:
    (fig,) = _by_class(nb, css)
    return html.unescape(re.search(r'alt="([^"]+)"', fig["value"]).group(1))


def test_runs_without_errors(executed):
    errors = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert errors == []
    for m in _state(executed).values():
        assert "gepnet-error" not in str(m["state"].get("value", ""))


def test_matrix_first_view(executed):
    (readout,) = _by_class(executed, "gepnet-matrix-readout")
    expected = dx.cell("chromogranin_a", "net")
    assert _tagged(readout["value"], "gepnet-matrix-answer") == dx.LEVEL_WORDS[expected.level]
    assert html.escape(expected.text) in readout["value"]
    assert "Framed: Blood chromogranin A" in _alt(executed, "gepnet-matrix-figure")


def test_planner_first_view(executed):
    (readout,) = _by_class(executed, "gepnet-plan-readout")
    best = len(dx.SCENARIOS["liver"].best)
    assert _tagged(readout["value"], "gepnet-plan-score") == f"0 of {best} best tests picked"
    assert "Has it spread to the liver?" in _alt(executed, "gepnet-plan-figure")


def test_pitfalls_first_view(executed):
    (readout,) = _by_class(executed, "gepnet-pitfall-readout")
    assert _tagged(readout["value"], "gepnet-pitfall-trust") == "yes"
    assert html.escape(dx.MARKERS["chromogranin_a"].normal.text) in readout["value"]


def test_every_figure_has_alt_text(executed):
    figures = _by_class(executed, "gepnet-figure")
    assert len(figures) == 3
    for fig in figures:
        assert "data:image/png;base64," in fig["value"]
        assert len(re.search(r'alt="([^"]+)"', fig["value"]).group(1)) > 60


def test_self_check_shows_every_question(executed):
    questions = load_questions("02_diagnosis")
    assert len(questions) >= 6
    ids = {c[len("gepnet-selfcheck-q-"):] for m in _state(executed).values()
           for c in m["state"].get("_dom_classes", []) if c.startswith("gepnet-selfcheck-q-")}
    assert ids == {q.id for q in questions}
    misconceptions = " ".join(q.misconception or "" for q in questions)
    assert "A normal chromogranin A rules out a NET" in misconceptions


def test_lesson_text_links_to_other_lessons():
    text = NOTEBOOK.read_text(encoding="utf-8")
    for target in ("01_what_are_gepnets.ipynb", "03_tnm_staging.ipynb",
                   "05_functional_vs_nonfunctional.ipynb"):
        assert f"]({target})" in text, target
