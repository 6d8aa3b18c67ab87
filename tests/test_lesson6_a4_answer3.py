"""Lesson 6, Activity 4 answer 3 (clinical review 2, item 5; fact base 5.6, 9.5).

A gastrinoma is not an exclusion of somatostatin analogues: acid suppression is the drug of
choice for its symptoms. An insulinoma gets an analogue listed only with a positive scan.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from gepnet_widgets import treatment as tr

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "06_treatment_categories.ipynb"


def _answer_3() -> str:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    (cell,) = [c.source for c in nb.cells if c.get("id") == "t6-a4"]
    folded = cell.split("<details>")[1]
    (line,) = [ln for ln in folded.splitlines() if ln.startswith("3. ")]
    return line


def test_answer_3_does_not_exclude_gastrinoma_and_names_the_tool_settings() -> None:
    answer = _answer_3()
    assert "not insulinoma or gastrinoma" not in answer
    assert "insulinoma only with a positive scan" in answer
    assert "gastrinoma's drug of choice is acid suppression" in answer


def test_answer_3_matches_what_the_tool_shows() -> None:
    negative = tr.discussed_for("liver_only", "NET G2", "negative", "gastrinoma",
                                "small_intestine")
    assert "symptom" in negative.category_keys
    assert "ppi" in {m.key for d in negative.categories for m in d.members}
    assert any("drug of choice" in n.text for n in negative.notes)
    for receptors, listed in (("negative", False), ("positive", True)):
        d = tr.discussed_for("localised", "NET G1", receptors, "insulinoma", "pancreas")
        assert ("ssa" in d.category_keys) is listed, receptors
