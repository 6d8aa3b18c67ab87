"""Lesson 6 executed in a real kernel: the values a learner first sees are the ones the treatment
data and rules give, every figure has alt text, and the self-check is shown.

(Structure checks for every lesson live in tests/test_lesson_structure.py.)
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from gepnet_widgets import treatment as tr
from gepnet_widgets.drawing.treatment import mechanism_state

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "06_treatment_categories.ipynb"


@pytest.fixture(scope="module")
def executed():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=240, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    return nb


def _state(nb) -> dict:
    return nb.metadata.get("widgets", {}).get(
        "application/vnd.jupyter.widget-state+json", {}).get("state", {})


def _by_class(state: dict, css: str) -> list[dict]:
    return [m["state"] for m in state.values() if css in m["state"].get("_dom_classes", [])]


def _tagged(value: str, css: str) -> str:
    found = re.findall(rf'class="{css}">([^<]*)<', value)
    assert len(found) == 1, (css, value[:300])
    return html.unescape(found[0])


def _readout(nb, prefix: str) -> str:
    (readout,) = _by_class(_state(nb), f"gepnet-{prefix}-readout")
    return readout["value"]


def test_lesson_runs_without_errors(executed) -> None:
    errors = [o for c in executed.cells if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    assert errors == []
    widget_errors = [o for m in _state(executed).values() if m["model_name"] == "OutputModel"
                     for o in m["state"].get("outputs", []) if o.get("output_type") == "error"]
    assert widget_errors == []
    for prefix in ("treat", "how", "evidence", "discuss"):
        assert "gepnet-error" not in _readout(executed, prefix)


def test_comparer_shows_all_treatments_and_the_default_pair(executed) -> None:
    value = _readout(executed, "treat")
    assert _tagged(value, "gepnet-treat-count") == str(len(tr.MEMBERS))
    assert _tagged(value, "gepnet-treat-name-a") == tr.member("octreotide").name
    assert _tagged(value, "gepnet-treat-name-b") == tr.member("lu_dotatate").name
    assert "PROMID (2009): HR 0.34" in value


def test_mechanism_starts_before_treatment(executed) -> None:
    value = _readout(executed, "how")
    assert _tagged(value, "gepnet-how-state") == mechanism_state("ssa", "positive", False)
    caption = tr.mechanism_panel("ssa", "positive", False).caption.text
    assert html.escape(caption, quote=True) in value


def test_evidence_starts_on_promid_with_its_numbers(executed) -> None:
    value = _readout(executed, "evidence")
    promid = tr.trial("promid")
    assert _tagged(value, "gepnet-evidence-name") == "PROMID"
    assert _tagged(value, "gepnet-evidence-hr") == promid.hr == "0.34"
    assert _tagged(value, "gepnet-evidence-ci") == "0.20-0.59"
    assert _tagged(value, "gepnet-evidence-endpoint") == "time to progression"
    assert _tagged(value, "gepnet-evidence-median-tested") == "14.3 months"
    assert _tagged(value, "gepnet-evidence-median-control") == "6.0 months"
    assert "not directly comparable" in value


def test_discussion_default_matches_the_rules_and_says_no_best(executed) -> None:
    value = _readout(executed, "discuss")
    expected = tr.discussed_for("liver_only", "NET G2", "positive", "non_functioning", "gut")
    assert _tagged(value, "gepnet-discuss-count") == str(len(expected.categories))
    assert _tagged(value, "gepnet-discuss-message") == tr.NO_BEST_TREATMENT
    for dc in expected.categories:
        assert _tagged(value, f"gepnet-discuss-cat-{dc.category.key}") == dc.category.name


def test_every_figure_has_alt_text(executed) -> None:
    state = _state(executed)
    figures = _by_class(state, "gepnet-figure")
    assert len(figures) == 4
    for fig in figures:
        alt = re.search(r'alt="([^"]+)"', fig["value"]).group(1)
        assert len(alt) > 40 and "data:image/png;base64," in fig["value"]
    (forest,) = _by_class(state, "gepnet-evidence-figure")
    assert "Selected: PROMID (2009), Octreotide vs placebo, hazard ratio 0.34" in forest["value"]
    (tiles,) = _by_class(state, "gepnet-discuss-figure")
    assert "Not a ranking" in tiles["value"]


def test_self_check_is_shown(executed) -> None:
    cards = [m for m in _state(executed).values()
             if any(c.startswith("gepnet-selfcheck-q-") for c in
                    m["state"].get("_dom_classes", []))]
    assert len(cards) >= 6
