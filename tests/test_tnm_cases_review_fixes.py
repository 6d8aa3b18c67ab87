"""Regression tests for the clinical review of lessons 3 and 7 (findings 1-13).

They read the files a learner sees (lesson Markdown, self-check banks, the data behind the tools)
and check that each corrected statement stays corrected, and reads the same everywhere.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
import pytest

from gepnet_widgets import cases as cs
from gepnet_widgets.review import cited_in_text, where_used

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "gepnet_widgets"
NOTEBOOKS = ROOT / "notebooks"
BANKS = ("03_tnm_staging", "07_case_studies")
LESSONS = ("03_tnm_staging", "07_case_studies")
#: Python files of the staging and case tools (their learner text lives in string literals).
CODE = ("staging.py", "tnm_tables.py", "cases.py", "widgets/tnm.py", "drawing/tnm.py",
        "widgets/cases.py")

#: Fact base 9.13: grade is how many cells are dividing, never a speed.
SPEED = re.compile(r"fast-growing|faster-growing|slow-growing|slowest-growing|"
                   r"fastest-growing|how fast|\bspeed\b|grows? (?:fast|slowly)", re.I)
#: Finding 6: no source the course holds says this.
SMALL_MASS_AS_NODE = re.compile(r"counts? (?:it )?among the positive|itself a positive", re.I)


def _markdown(lesson: str) -> str:
    nb = nbformat.read(NOTEBOOKS / f"{lesson}.ipynb", as_version=4)
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _bank_texts(lesson: str) -> list[str]:
    """Every learner-visible string of a bank (ids and source keys left out)."""
    data = json.loads((PKG / "data" / "selfcheck" / f"{lesson}.json").read_text("utf-8"))
    out: list[str] = []

    def walk(obj: object, key: str = "") -> None:
        if isinstance(obj, dict):
            for k, v in obj.items():
                walk(v, k)
        elif isinstance(obj, list):
            for v in obj:
                walk(v, key)
        elif isinstance(obj, str) and key not in ("id", "sources", "function", "field"):
            out.append(obj)

    walk(data)
    return out


def _all_learner_text() -> list[tuple[str, str]]:
    texts = [(f"notebook {n}", _markdown(n)) for n in LESSONS]
    texts += [(f"bank {b}", t) for b in BANKS for t in _bank_texts(b)]
    texts += [(f"gepnet_widgets/{f}", (PKG / f).read_text("utf-8")) for f in CODE]
    for cid in cs.CASES:
        for step in cs.STEP_KEYS:
            for edition in ("ajcc9", "ajcc8"):
                fb = cs.check_case_answer(cid, step, cs.expected_answer(cid, step, edition),
                                          edition)
                texts.append((f"case {cid} {step} feedback", fb.text))
            texts.append((f"case {cid} {step} hint", cs.explorer_hint(cid, step)))
        texts.append((f"case {cid} title", cs.case(cid).title))
    return texts


@pytest.mark.parametrize("pattern", [SPEED, SMALL_MASS_AS_NODE], ids=["speed", "small-mass"])
def test_no_grade_as_speed_and_no_unsourced_small_mass_rule(pattern: re.Pattern) -> None:
    """Findings 2 and 6, over every file of the staging and case tools."""
    found = [(where, m.group(0)) for where, text in _all_learner_text()
             for m in pattern.finditer(text)]
    assert found == []


def test_lesson_7_insulinoma_and_receptor_pet() -> None:
    """Finding 1 (fact base 9.5): no 'two thirds' figure; GLP-1 receptor PET finds most."""
    text = _markdown("07_case_studies")
    assert "two thirds of insulinomas" not in text
    assert "Insulinomas often do not show on somatostatin-receptor PET" in text
    assert "GLP-1 receptor PET/CT, finds most of them" in text
    assert "J Nucl Med **2016**" in text  # the study is in the lesson's references


def test_lesson_7_nec_treatments_match_the_tool() -> None:
    """Finding 7: the explanation lists every category the tool lists for patient 5."""
    text = _markdown("07_case_studies")
    item = text.split("4. For the NEC", 1)[1].split("\n", 1)[0]
    names = {"chemotherapy": "platinum drug and etoposide", "targeted": "targeted therapies",
             "immunotherapy": "immunotherapy"}
    listed = set(cs.discussion("pancreatic-nec").category_keys)
    assert listed == set(names)
    for key in listed:
        assert names[key] in item, key


def test_lesson_3_chapters_nx_m0_and_summary() -> None:
    """Findings 11 and 13."""
    text = _markdown("03_tnm_staging")
    assert "six NET chapters for seven sites (the duodenum and ampulla share one)" in text
    assert "chapter for NETs of each of seven sites" not in text
    assert "without examined nodes and without distant spread (NX M0)" in text
    assert "NX M1 is stage IV" in text
    summary = text.split("## Summary", 1)[1].split("## What's next", 1)[0]
    assert "differs only for" not in summary
    assert "*no change found (inferred)*" in summary and "NET G3" in summary


def test_lesson_3_activity_6_matches_the_tool_settings() -> None:
    """Findings 3 and 4: the steps set what the explanation assumes (the tool run that checks
    it is in test_tnm_editions_widgets)."""
    text = _markdown("03_tnm_staging")
    activity = text.split("### Activity 6", 1)[1].split("### UICC", 1)[0]
    assert "set the size to **1.0 cm**" in activity
    assert "*confined within the sphincter of Oddi*" in activity
    assert "**not confirmed**" in activity
    assert "*not confirmed*" in text.split("### Activity 6", 1)[0]  # the table's 4th wording


def test_references_count_sources_a_lesson_links_to() -> None:
    """Finding 12b: a source the lesson text links to counts as used by that lesson."""
    assert cited_in_text("see [UICC](references.ipynb#S48) and [x](references.ipynb#NOPE)") \
        == ("S48",)
    text = {n: _markdown(n) for n in LESSONS}
    assert "S48" in cited_in_text(text["03_tnm_staging"])
    assert any("Lesson 3" in line and "the lesson text" in line
               for line in where_used(text)["S48"])
    sys.path.insert(0, str(ROOT / "tools"))
    import make_references

    entry = make_references.markdown_text().split('<a id="S48"></a>', 1)[1].split("<a id=", 1)[0]
    assert "not used by a lesson yet" not in entry
    assert "Lesson 3 (Staging a GEP-NET with TNM)" in entry
