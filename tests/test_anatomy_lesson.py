"""Lesson 1, executed in a real kernel: what a learner first sees is what the data give."""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from gepnet_widgets import anatomy as an
from gepnet_widgets.quiz import load_questions

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOK = NOTEBOOKS / "01_what_are_gepnets.ipynb"


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


def test_cell_explorer_first_view(executed):
    (readout,) = _by_class(executed, "gepnet-cell-readout")
    assert _tagged(readout["value"], "gepnet-cell-current") == "1 of 4"
    assert _tagged(readout["value"], "gepnet-cell-title") == an.cell_step(1).title
    assert "Step 1 of 4: A signal arrives." in _alt(executed, "gepnet-cell-figure")


def test_site_map_first_view(executed):
    (readout,) = _by_class(executed, "gepnet-site-readout")
    assert _tagged(readout["value"], "gepnet-site-name") == "Stomach"
    assert _tagged(readout["value"], "gepnet-site-cells") == "ECL (enterochromaffin-like) cells"
    assert "Highlighted: Stomach." in _alt(executed, "gepnet-site-figure")


def test_every_figure_has_alt_text(executed):
    figures = _by_class(executed, "gepnet-figure")
    assert len(figures) == 2
    for fig in figures:
        assert "data:image/png;base64," in fig["value"]
        assert len(re.search(r'alt="([^"]+)"', fig["value"]).group(1)) > 60


def test_self_check_shows_every_question(executed):
    questions = load_questions("01_what_are_gepnets")
    assert len(questions) >= 6
    ids = {c[len("gepnet-selfcheck-q-"):] for m in _state(executed).values()
           for c in m["state"].get("_dom_classes", []) if c.startswith("gepnet-selfcheck-q-")}
    assert ids == {q.id for q in questions}
    misconceptions = " ".join(q.misconception or "" for q in questions)
    assert "Non-functioning means harmless" in misconceptions
