"""Lesson 4, executed in a real kernel, and its texts: what a learner reads is right (issue 11)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from executed_lesson import alt_text, assert_no_errors, by_class, execute, tagged

from gepnet_widgets import glossary
from gepnet_widgets.grading import VERY_HIGH_KI67_PERCENT, who_grade

LESSON = "04_grade_and_differentiation.ipynb"
ROOT = Path(__file__).resolve().parents[1]
BANK = ROOT / "gepnet_widgets" / "data" / "selfcheck" / "04_grade_and_differentiation.json"
FOOTER = "Clinical review of this lesson"  # the footer cell belongs to the SOURCES engineer


def _markdown() -> str:
    nb = nbformat.read(ROOT / "notebooks" / LESSON, as_version=4)
    return "\n".join(c.source for c in nb.cells
                     if c.cell_type == "markdown" and FOOTER not in c.source)


def _bank_texts() -> list[str]:
    bank = json.loads(BANK.read_text())
    return [t for q in bank["questions"]
            for t in (q["prompt"], q["explanation"],
                      *(x for c in q["choices"] for x in (c["text"], c["feedback"])))]


def _glossary_texts() -> list[str]:
    return [e.definition for e in glossary.GLOSSARY
            if e.term in ("Carcinoma", "NET G3", "Neuroendocrine carcinoma (NEC)", "Ki-67 index",
                          "MiNEN")]


@pytest.fixture(scope="module")
def executed():
    return execute(LESSON)


def test_runs_without_errors(executed):
    assert_no_errors(executed)


def test_grade_explorer_first_view_and_sources_in_words(executed):
    (readout,) = by_class(executed, "gepnet-grade-readout")
    assert tagged(readout["value"], "gepnet-grade-category") == "NET G2"
    value = readout["value"]
    assert "Nagtegaal" in value and "references" in value  # sources in words, linked
    assert "not yet checked against the original" in value  # the WHO 2022 line
    assert not re.search(r"\[(S\d+|[A-Z_]+\d{4})", value)
    assert "Two number lines" in alt_text(executed, "gepnet-grade-figure")


def test_no_raw_key_or_file_name_in_any_readout(executed):
    for css in ("gepnet-grade-readout", "gepnet-ki67lab-readout", "gepnet-scatter-readout",
                "gepnet-difftable-readout"):
        (readout,) = by_class(executed, css)
        value = readout["value"]
        assert not re.search(r"\[(S\d+|[A-Z_]+\d{4})", value), css
        assert ".py" not in value and "fact base" not in value, css


def test_lesson_text_has_no_internal_notes():
    text = _markdown()
    assert not re.search(r"\[(S\d+|[A-Z_]+\d{4})", text)
    for word in (".py`", "fact base", "from knowledge", "unverified", "as retrieved"):
        assert word not in text, word


def test_never_how_fast():
    # Fact base 9.13: the grade is how many cells are dividing, never how fast.
    for text in [_markdown(), *_bank_texts(), *_glossary_texts()]:
        assert "how fast" not in text.lower(), text[:80]


def test_net_is_cancer_and_nec_is_carcinoma_everywhere():
    # Fact base 9.12: glossary, lesson and bank must not read as "a NET is not cancer".
    defs = {e.term: e.definition for e in glossary.GLOSSARY}
    assert defs["Carcinoma"] != "A cancer." and "epithelial" in defs["Carcinoma"]
    assert "NETs are cancers too" in defs["Carcinoma"]
    assert "not a carcinoma" not in defs["NET G3"] and "cancer" in defs["NET G3"]
    text = _markdown()
    assert "**Both are cancers.**" in text and "high grade does not mean carcinoma" not in text
    assert "why a NET G3 is not a carcinoma" not in text
    bank = " ".join(_bank_texts())
    assert "Like every NET it is a cancer" in bank


def test_hand_count_is_cap_not_who():
    # Fact base 9.15.
    text = _markdown()
    assert "WHO advises **counting the hot spot by hand**" not in text
    assert "College of American Pathologists (CAP)" in text and "does not remove" in text


def test_55_percent_reason_in_lesson_and_readout():
    # Fact base 9.23: a prompt for review borrowed from trials, said in the lesson and readout.
    text = _markdown()
    assert "**not a pathology rule**" in text and "NETTER-2" in text and "NORDIC NEC" in text
    from gepnet_widgets.widgets.grading import GradeExplorer

    g = GradeExplorer(ki67=80.0)
    assert "borrowed from trials" in g.readout.value
    assert f"Why {VERY_HIGH_KI67_PERCENT:g}%?" in g.readout.value
    assert "borrowed from trials" not in GradeExplorer().readout.value


def test_small_and_large_cell_nec_in_lesson():
    text = _markdown()
    assert "**small-cell** NEC" in text and "*moulding*" in text and "**large-cell** NEC" in text
    assert "p53 and Rb" in text


def test_bank_option_length_gives_nothing_away():
    bank = json.loads(BANK.read_text())
    longest = sum(max(q["choices"], key=lambda c: len(c["text"]))["correct"]
                  for q in bank["questions"])
    assert longest * 3 <= len(bank["questions"])


def test_number_boxes_follow_their_sliders():
    # Issue 14: an exact value can be typed; box and slider share bounds and stay in step.
    from gepnet_widgets.widgets.grading import CountingLab, GradeExplorer

    g = GradeExplorer()
    assert (g.ki67_box.min, g.ki67_box.max) == (g.ki67.min, g.ki67.max)
    g.ki67_box.value = 4.0
    assert g.ki67.value == 4.0 and g.result.ki67_grade == "G2"
    assert g.result.category == who_grade(4.0, 4.0, "well").category
    g.mitoses.value = 120
    assert g.mitoses_box.value == 120
    for box, name in ((g.ki67_box, "ki67_box"), (g.mitoses_box, "mitoses_box")):
        assert box.description.strip() and f"gepnet-grade-{name}" in box._dom_classes
    lab = CountingLab()
    lab.cells_box.value = 537
    assert lab.cells.value == 537 and lab.hot.n_counted == 537
    assert "gepnet-ki67lab-cells_box" in lab.cells_box._dom_classes


# -- clinical review of lessons 4 and 6 (fresh reviewer) ------------------------------------------

_SPEED = re.compile(r"how fast|fast(er)?-growing|slow(ly)?[- ]dividing|\bspeed", re.I)
_SPEED_NEGATED = ("does not measure the speed", "not the speed")
BANK6 = ROOT / "gepnet_widgets" / "data" / "selfcheck" / "06_treatment_categories.json"


def _footer() -> str:
    nb = nbformat.read(ROOT / "notebooks" / LESSON, as_version=4)
    (cell,) = [c.source for c in nb.cells
               if c.cell_type == "markdown" and "<!-- review-status -->" in c.source]
    return cell


def _outside_review_block(text: str) -> str:
    return re.sub(r"<!-- review-status -->.*<!-- /review-status -->", "", text, flags=re.S)


def _bank6_texts() -> list[str]:
    bank = json.loads(BANK6.read_text())
    return [t for q in bank["questions"]
            for t in (q["prompt"], q["explanation"],
                      *(x for c in q["choices"] for x in (c["text"], c["feedback"])))]


def test_grade_never_described_as_speed_in_lessons_4_and_6_and_their_banks():
    # Fact base 9.13: grade is how many cells are dividing; fast-growing, slowly dividing and
    # speed wordings are caught too (a negated "not the speed" is allowed).
    lesson6 = nbformat.read(ROOT / "notebooks" / "06_treatment_categories.ipynb", as_version=4)
    texts = [_markdown(), _outside_review_block(_footer()), *_bank_texts(), *_bank6_texts(),
             *_glossary_texts(), *(c.source for c in lesson6.cells if c.cell_type == "markdown")]
    for text in texts:
        for allowed in _SPEED_NEGATED:
            text = text.replace(allowed, "")
        assert not _SPEED.search(text), text[:120]


def test_bank_500_cells_hand_count_is_cap_and_does_not_remove_scatter():
    # Fact base 9.15 (clinical review item 1).
    bank = json.loads(BANK.read_text())
    (q,) = [q for q in bank["questions"] if q["id"] == "why-500-cells"]
    assert "College of American Pathologists (CAP) advises counting by hand" in q["explanation"]
    assert "does not remove chance scatter" in q["explanation"]
    assert "and advises manual counting" not in q["explanation"]


def test_section_5_names_the_trap_and_both_ajcc_editions_with_sources():
    # Fact base 9.19, 1.8, 8.7 (clinical review items 5 and 8).
    nb = nbformat.read(ROOT / "notebooks" / LESSON, as_version=4)
    (sec5,) = [c.source for c in nb.cells if "## 5. Differentiation is not grade" in c.source]
    assert "large-cell NEC can keep an organised pattern" in sec5
    assert "grow in sheets with no organised pattern" not in sec5
    assert "AJCC Version 9" in sec5 and "NET G1, G2 **and G3**" in sec5 and "MiNEN" in sec5
    assert "AJCC 8th edition" in sec5 and "ambiguous" in sec5
    assert "are for well-differentiated NETs only" not in sec5
    line = next(x for x in sec5.splitlines() if x.startswith("*Sources for this section"))
    for words in ("pathology reference page on pancreatic NEC", "2014 study of pancreatic NEC",
                  "Rb usually kept", "AJCC Version 9", "references.ipynb"):
        assert words in line, words


def test_footer_outside_review_block_rewords_high_grade_and_links_reference_page():
    # Clinical review item 9 (fact base 9.12).
    text = _outside_review_block(_footer())
    assert "High grade does not mean carcinoma." not in text
    assert "High grade does not by itself mean a neuroendocrine carcinoma" in text
    assert "Both NETs and NECs are cancers." in text
    assert "[course's reference list](references.ipynb)" in text
    assert not re.search(r"\.py\b", text)


def test_bank_right_answers_spread_over_positions():
    bank = json.loads(BANK.read_text())
    positions = [next(i for i, c in enumerate(q["choices"]) if c["correct"])
                 for q in bank["questions"]]
    assert max(positions.count(p) for p in set(positions)) <= 0.4 * len(positions)
