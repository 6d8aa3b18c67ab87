"""Lesson 7 executed in a real kernel: each section opens on its patient, with the findings and
drawing the case data give, the glossary and the self-check are shown, and nothing errs.

(Structure checks for every lesson live in tests/test_lesson_structure.py; course-wide checks
in tests/test_course.py.)
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from gepnet_widgets import cases as cs

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "07_case_studies.ipynb"
SECTION_CASES = ("rectal", "ileal", "insulinoma", "pnet-g3", "appendix")


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


def _tagged_all(value: str, css: str) -> list[str]:
    return [html.unescape(v) for v in re.findall(rf'class="{css}">([^<]*)<', value)]


def test_lesson_runs_without_errors(executed) -> None:
    errors = [o for c in executed.cells if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    assert errors == []
    state = _state(executed)
    widget_errors = [o for m in state.values() if m["model_name"] == "OutputModel"
                     for o in m["state"].get("outputs", []) if o.get("output_type") == "error"]
    assert widget_errors == []
    for readout in _by_class(state, "gepnet-case-readout"):
        assert "gepnet-error" not in readout["value"]


def test_each_section_opens_on_its_patient(executed) -> None:
    readouts = _by_class(_state(executed), "gepnet-case-readout")
    titles = sorted(t for r in readouts for t in _tagged_all(r["value"], "gepnet-case-title"))
    assert titles == sorted(cs.case(c).title for c in SECTION_CASES)
    for readout in readouts:
        (title,) = _tagged_all(readout["value"], "gepnet-case-title")
        case = next(c for c in cs.CASES.values() if c.title == title)
        for line in cs.findings(case.id):
            assert html.escape(line, quote=True) in readout["value"]
        assert "fictional" in readout["value"]


def test_figures_show_each_primary_with_alt_text(executed) -> None:
    figures = _by_class(_state(executed), "gepnet-case-figure")
    assert len(figures) == len(SECTION_CASES)
    alts = [re.search(r'alt="([^"]+)"', f["value"]).group(1) for f in figures]
    for case_id in SECTION_CASES:
        c = cs.case(case_id)
        assert any(f"{c.size_cm:.1f} cm tumour" in alt for alt in alts), case_id


def test_steps_start_unanswered_with_hints(executed) -> None:
    state = _state(executed)
    for step in cs.STEP_KEYS:
        hints = _by_class(state, f"gepnet-case-hint-{step}")
        assert len(hints) == len(SECTION_CASES)
        assert all("Try it with" in h["value"] for h in hints)
        assert all(f["value"] == "" for f in _by_class(state, f"gepnet-case-feedback-{step}"))
    scores = [v for p in _by_class(state, "gepnet-case-progress")
              for v in _tagged_all(p["value"], "gepnet-case-score")]
    assert scores == [f"0 of {len(cs.STEPS)}"] * len(SECTION_CASES)


def test_glossary_and_self_check_are_shown(executed) -> None:
    state = _state(executed)
    (search,) = _by_class(state, "gepnet-glossary-search")
    assert search["description"] == "Search the glossary"
    cards = [m for m in state.values() if any(
        c.startswith("gepnet-selfcheck-q-") for c in m["state"].get("_dom_classes", []))]
    assert len(cards) >= 6
