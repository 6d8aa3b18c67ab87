"""Lesson 5, executed in a real kernel: what a learner first sees is what the logic gives."""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from gepnet_widgets import syndromes as syn
from gepnet_widgets.quiz import load_questions

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOK = NOTEBOOKS / "05_functional_vs_nonfunctional.ipynb"


@pytest.fixture(scope="module")
def executed():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=180, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
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


def test_syndrome_explorer_first_view(executed):
    (readout,) = _by_class(executed, "gepnet-syn-readout")
    value = readout["value"]
    links = syn.links_from("symptom", "diarrhoea")
    assert _tagged(value, "gepnet-syn-selected") == "Diarrhoea"
    assert _tagged(value, "gepnet-syn-syndromes").split("; ") == [
        syn.SYNDROMES[s].name for s in links.syndromes]
    assert len(links.syndromes) == 4
    assert "Starting from Diarrhoea (a symptom)" in _alt(executed, "gepnet-syn-figure")


def test_carcinoid_flow_first_view(executed):
    (readout,) = _by_class(executed, "gepnet-flow-readout")
    assert _tagged(readout["value"], "gepnet-flow-reaches") == "mostly not"
    assert _tagged(readout["value"], "gepnet-flow-syndrome") == "unusual"
    assert syn.serotonin_flow("jejunum_ileum").verdict in _alt(executed, "gepnet-flow-figure")


def test_mystery_first_view(executed):
    (readout,) = _by_class(executed, "gepnet-mystery-readout")
    assert html.escape(syn.MYSTERIES["ulcers"].story) in readout["value"]
    assert _tagged(readout["value"], "gepnet-mystery-hormone-verdict") == "not answered yet"
    assert "Hormone answer: not answered yet" in _alt(executed, "gepnet-mystery-figure")


def test_every_figure_has_alt_text(executed):
    figures = _by_class(executed, "gepnet-figure")
    assert len(figures) == 3
    for fig in figures:
        assert "data:image/png;base64," in fig["value"]
        assert len(re.search(r'alt="([^"]+)"', fig["value"]).group(1)) > 60


def test_self_check_shows_every_question(executed):
    questions = load_questions("05_functional_vs_nonfunctional")
    assert len(questions) >= 6
    ids = {c[len("gepnet-selfcheck-q-"):] for m in _state(executed).values()
           for c in m["state"].get("_dom_classes", []) if c.startswith("gepnet-selfcheck-q-")}
    assert ids == {q.id for q in questions}
    misconceptions = " ".join(q.misconception or "" for q in questions)
    assert "Non-functioning means harmless" in misconceptions


def test_lesson_text_links_to_other_lessons():
    text = NOTEBOOK.read_text(encoding="utf-8")
    for target in ("01_what_are_gepnets.ipynb", "02_diagnosis.ipynb", "03_tnm_staging.ipynb"):
        assert f"]({target})" in text, target
