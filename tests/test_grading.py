"""Tests for gepnet_widgets.grading (WHO 2019 grading, counting helpers, Wilson interval)."""

from __future__ import annotations

import ast
import dataclasses
import math
import re
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gepnet_widgets import grading
from gepnet_widgets.grading import (
    DIFFERENTIATIONS,
    GRADING_SOURCE,
    KI67_CUTOFFS,
    MITOSIS_CUTOFFS,
    VERY_HIGH_KI67_PERCENT,
    VERY_HIGH_KI67_REASON,
    WHO_2019_TABLE,
    WHO_2022_NOTE,
    WHO_MIN_CELLS,
    WHO_SCHEME_CHANGES,
    GradeResult,
    ki67_confidence_interval,
    ki67_grade,
    ki67_index,
    mitoses_per_2mm2,
    mitotic_grade,
    who_grade,
)
from gepnet_widgets.sources import SOURCES

RANK = {"G1": 1, "G2": 2, "G3": 3}

# --------------------------------------------------------------------------------------------
# Purity and data
# --------------------------------------------------------------------------------------------


def test_module_imports_no_plotting_or_widgets():
    tree = ast.parse(Path(grading.__file__).read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    assert not names & {"matplotlib", "ipywidgets", "IPython", "numpy"}
    assert names <= {"__future__", "math", "numbers", "dataclasses", "statistics"}


def test_module_docstring_names_edition():
    doc = grading.__doc__
    assert "WHO 2019" in doc and "5th edition" in doc
    assert "WHO 2022" in doc and "could not be read" in doc


def test_cutoff_constants():
    assert KI67_CUTOFFS == (3.0, 20.0)
    assert MITOSIS_CUTOFFS == (2.0, 20.0)
    assert WHO_MIN_CELLS == 500
    assert DIFFERENTIATIONS == ("well", "poor")
    area = grading.MITOSIS_FIELDS * grading.MITOSIS_FIELD_AREA_MM2
    assert area == pytest.approx(grading.MITOSIS_COUNT_AREA_MM2)


def test_citation_strings():
    # Issue 11 (fact base 9.14): the grading table cites the primary publication of WHO 2019
    # (Nagtegaal 2020) and the WHO 2022 statement carries its own level, not an inline note.
    assert "5th edition" in GRADING_SOURCE and "WHO 2019" in GRADING_SOURCE
    assert grading.GRADING_SOURCES[0] == "NAGTEGAAL2020"
    assert "his.13975" in SOURCES["NAGTEGAAL2020"].full
    assert "s12022-022-09708-2" in SOURCES["RINDI2022"].full
    assert SOURCES["RINDI2022"].level == "unverified"
    assert "RINDI2022" in grading.WHO_2022_SOURCES
    assert "jcm9010273" in SOURCES["S14"].full and "S14" in grading.MINEN_SOURCES
    assert "30%" in grading.MINEN_NOTE
    for text in (GRADING_SOURCE, WHO_2022_NOTE):
        assert "unverified" not in text and "not seen" not in text


LEARNER_STRINGS = [
    GRADING_SOURCE, WHO_2022_NOTE, VERY_HIGH_KI67_REASON, grading.MALIGNANCY_NOTE,
    grading.NEC_TYPES_NOTE, grading.HAND_COUNT_NOTE, grading.MINEN_NOTE,
    *(row.note for row in WHO_2019_TABLE),
    *(t for c in WHO_SCHEME_CHANGES for t in (c.aspect, c.who_2010, c.who_2017_2019, c.why)),
]


def _results():
    cases = [(2.96, 1, "well"), (80.0, None, "well"), (None, 5, "well"), (10.0, 4, "poor"),
             (None, None, "poor"), (8.0, 24.0, "well")]
    return [who_grade(*case) for case in cases]


def test_no_source_key_file_name_or_internal_note_in_learner_text():
    # Issue 11, section 2: learners never see raw keys, file names or internal notes.
    texts = LEARNER_STRINGS + [t for r in _results() for t in (r.explanation, *r.flags)]
    for text in texts:
        assert not re.search(r"\[(S\d+|[A-Z_]+\d{4})", text), text
        for word in (".py", "fact base", "from knowledge", "unverified", "retrieved"):
            assert word not in text, (word, text)
    for result in _results():
        assert set(result.sources) <= set(SOURCES)


def test_grade_is_how_many_cells_divide_never_how_fast():
    # Fact base 9.13: Ki-67 counts cells in the cycle; it does not measure speed.
    for text in LEARNER_STRINGS + [r.explanation for r in _results()]:
        assert "how fast" not in text.lower()


def test_nets_are_cancers_and_necs_are_carcinomas():
    # Fact base 9.12: NET vs NEC is differentiation, not cancer vs not cancer.
    note = grading.MALIGNANCY_NOTE
    assert "Every NET" in note and "cancer" in note and "carcinoma" in note
    nec = WHO_2019_TABLE[-1].note
    assert "carcinoma" in nec and "malignant" in nec
    assert {"NEN_TERMS2024", "PO_PANNEC"} <= set(grading.MALIGNANCY_SOURCES)
    assert SOURCES["NEN_TERMS2024"].level == "primary"


def test_nec_types_and_stains():
    # Fact base 9.19, checked against the pathology sources added for it.
    note = grading.NEC_TYPES_NOTE
    assert "small-cell" in note and "moulding" in note and "large-cell" in note
    assert "p53" in note and "Rb" in note
    assert "NEC_SUBTYPES2014" in grading.NEC_TYPES_SOURCES


def test_hand_count_is_cap_advice_and_does_not_remove_scatter():
    # Fact base 9.15: CAP, not WHO; accuracy of the count, not sampling scatter.
    note = grading.HAND_COUNT_NOTE
    assert "College of American Pathologists" in note and "WHO" not in note
    assert "does not remove" in note
    flag = who_grade(2.96, 1, "well").flags[0]
    assert "CAP" in flag and "WHO advises" not in flag and "by chance" in flag


# Copied from the fact base, section 2.1 (WHO 2019, Digestive System Tumours, 5th ed.).
FACT_BASE_2_1 = [
    # category, differentiation, grade level, mitoses / 2 mm2, Ki-67
    ("NET G1", "well", "low", "<2", "<3%"),
    ("NET G2", "well", "intermediate", "2-20", "3-20%"),
    ("NET G3", "well", "high", ">20", ">20%"),
    ("NEC", "poor", "high (by definition)", ">20", ">20%"),
]


@pytest.mark.parametrize(("category", "diff", "level", "mitoses", "ki67"), FACT_BASE_2_1)
def test_who_table_matches_fact_base(category, diff, level, mitoses, ki67):
    row = next(r for r in WHO_2019_TABLE if r.category == category)
    assert row.differentiation == diff
    assert row.level == level
    assert row.mitoses.text == mitoses
    assert row.ki67.text == ki67
    assert set(row.sources) == {"NAGTEGAAL2020", "S9", "S8"}


def test_who_table_has_exactly_the_fact_base_rows():
    assert [r.category for r in WHO_2019_TABLE] == [row[0] for row in FACT_BASE_2_1]
    nec = WHO_2019_TABLE[-1]
    assert nec.grade is None
    assert "SCNEC" in nec.label and "LCNEC" in nec.label
    assert "not graded" in nec.note and "morphology" in nec.note


def test_every_cited_key_resolves():
    keys = {k for row in WHO_2019_TABLE for k in row.sources}
    keys |= {k for change in WHO_SCHEME_CHANGES for k in change.sources}
    keys |= {"S38", "S45", "WILSON1927", "S15"}
    assert keys <= set(SOURCES)
    assert "1927;22:209-212" in SOURCES["WILSON1927"].full


def test_scheme_changes_cover_fact_base_2_3():
    by_aspect = {c.aspect: c for c in WHO_SCHEME_CHANGES}
    assert "NEC G3" in by_aspect["Well-differentiated tumour with Ki-67 >20%"].who_2010
    assert "NET G3" in by_aspect["Well-differentiated tumour with Ki-67 >20%"].who_2017_2019
    assert "≤2%" in by_aspect["Ki-67 for G1"].who_2010
    assert "<3%" in by_aspect["Ki-67 for G1"].who_2017_2019
    assert "10 HPF" in by_aspect["Mitotic count unit"].who_2010
    assert "2 mm²" in by_aspect["Mitotic count unit"].who_2017_2019
    assert "morphology" in by_aspect["Neuroendocrine carcinoma (NEC)"].who_2017_2019
    assert "MANEC" in by_aspect["Mixed tumours"].who_2010
    assert "MiNEN" in by_aspect["Mixed tumours"].who_2017_2019
    assert all(c.sources and c.why for c in WHO_SCHEME_CHANGES)


def test_very_high_threshold_is_documented():
    # Fact base 9.23: a prompt for review borrowed from trials, not a pathology criterion.
    assert VERY_HIGH_KI67_PERCENT == 55.0
    for word in ("not a pathology rule", "borrowed from trials", "NETTER-2", "NORDIC NEC",
                 "55%"):
        assert word in VERY_HIGH_KI67_REASON
    assert grading.VERY_HIGH_KI67_SOURCES == ("S38", "S45")


# --------------------------------------------------------------------------------------------
# Boundaries (fact base 2.1 "Boundary handling")
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ki67", "grade"),
    [
        (0.0, "G1"),
        (2.9, "G1"),
        (2.96, "G1"),
        (3.0, "G2"),
        (3, "G2"),
        (18.0, "G2"),
        (20.0, "G2"),
        (20.1, "G3"),
        (55.0, "G3"),
        (100.0, "G3"),
    ],
)
def test_ki67_boundaries(ki67, grade):
    assert ki67_grade(ki67) == grade
    result = who_grade(ki67, None, "well")
    assert result.category == f"NET {grade}"
    assert result.ki67_grade == grade
    assert result.deciding_index == "ki67"


@pytest.mark.parametrize(
    ("mitoses", "grade"),
    [
        (0, "G1"),
        (1.9, "G1"),
        (2, "G2"),
        (2.0, "G2"),
        (20, "G2"),
        (20.0, "G2"),
        (20.4, "G3"),
        (21, "G3"),
    ],
)
def test_mitosis_boundaries(mitoses, grade):
    assert mitotic_grade(mitoses) == grade
    result = who_grade(None, mitoses, "well")
    assert result.category == f"NET {grade}"
    assert result.mitotic_grade == grade
    assert result.deciding_index == "mitoses"


def test_explanation_example_wording():
    result = who_grade(18.0, None, "well")
    assert (
        result.explanation_lines[0]
        == "Ki-67 18.0% is within 3-20%: G2; WHO 2019 (5th ed.)"
    )
    assert result.explanation.splitlines() == list(result.explanation_lines)


@pytest.mark.parametrize(
    ("ki67", "phrase"),
    [
        (2.9, "2.9% is below 3%"),
        (20.0, "20.0% is within 3-20%"),
        (20.1, "20.1% is above 20%"),
        (2.96, "2.96% is below 3%"),
    ],
)
def test_explanation_names_value_and_cutoff(ki67, phrase):
    assert phrase in who_grade(ki67, None, "well").explanation


def test_mitosis_explanation_names_value_and_cutoff():
    text = who_grade(None, 20.4, "well").explanation
    assert "Mitoses 20.4 per 2 mm² is above 20: G3" in text


def test_no_rounding_near_cutoff_is_flagged():
    result = who_grade(2.96, 1, "well")
    assert result.category == "NET G1"
    (flag,) = result.flags
    assert "2.96%" in flag and "near a cut-off" in flag and "no rounding rule" in flag
    assert "G2" in flag and "S9" in result.sources


@pytest.mark.parametrize("ki67", [2.4, 3.0, 10.0, 20.0, 20.6, 50.0])
def test_no_rounding_flag_away_from_cutoff(ki67):
    assert not any("near a cut-off" in f for f in who_grade(ki67, 5, "well").flags)


@pytest.mark.parametrize("ki67", [2.5, 2.9, 20.1, 20.49])
def test_rounding_flag_when_whole_percent_crosses(ki67):
    assert any("near a cut-off" in f for f in who_grade(ki67, 5, "well").flags)


# --------------------------------------------------------------------------------------------
# Discordance and missing indices
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ki67", "mitoses", "category", "deciding"),
    [
        (18.0, 25, "NET G3", "mitoses"),
        (25.0, 5, "NET G3", "ki67"),
        (2.0, 5, "NET G2", "mitoses"),
        (10.0, 1, "NET G2", "ki67"),
        (1.0, 1, "NET G1", "both"),
        (10.0, 10, "NET G2", "both"),
        (30.0, 30, "NET G3", "both"),
    ],
)
def test_higher_index_wins(ki67, mitoses, category, deciding):
    result = who_grade(ki67, mitoses, "well")
    assert result.category == category
    assert result.grade == category[-2:]
    assert result.deciding_index == deciding
    if deciding == "both":
        assert "disagree" not in result.explanation
        assert f"Both indices give {result.grade}" in result.explanation


def test_discordant_explanation_says_higher_wins():
    result = who_grade(18.0, 25, "well")
    assert (result.ki67_grade, result.mitotic_grade) == ("G2", "G3")
    line = next(x for x in result.explanation_lines if "disagree" in x)
    assert "Ki-67 G2, mitoses G3" in line and "higher grade wins" in line and "G3" in line
    assert "WHO 2019 (5th ed.)" in line
    assert result.flags == ()


def test_result_is_frozen():
    result = who_grade(10.0, 5, "well")
    assert isinstance(result, GradeResult)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.category = "NET G1"  # type: ignore[misc]
    assert isinstance(result.flags, tuple) and isinstance(result.explanation, str)


def test_result_carries_inputs_and_row():
    result = who_grade(10, 5, "well")
    assert (result.ki67_percent, result.mitoses_per_2mm2) == (10.0, 5.0)
    assert isinstance(result.ki67_percent, float)
    assert result.row is WHO_2019_TABLE[1]
    assert result.differentiation == "well"
    assert set(result.sources) <= set(SOURCES)


def test_mitosis_only_is_provisional():
    result = who_grade(None, 5, "well")
    assert result.ki67_grade is None
    assert any("mitosis-only grade is provisional" in f for f in result.flags)
    assert any("500 cells" in f for f in result.flags)
    assert "Ki-67 not measured" in result.explanation


def test_ki67_only_is_flagged():
    result = who_grade(10.0, None, "well")
    assert result.mitotic_grade is None
    (flag,) = result.flags
    assert flag.startswith("Only Ki-67 measured") and "could raise it" in flag
    assert "Mitoses not counted" in result.explanation


def test_both_indices_no_one_index_flag():
    assert who_grade(10.0, 5, "well").flags == ()


# --------------------------------------------------------------------------------------------
# Differentiation and mismatch flags
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ki67", "mitoses"), [(None, None), (1.0, 0), (10.0, None), (None, 25), (90.0, 50)]
)
def test_poor_is_nec_whatever_the_indices(ki67, mitoses):
    result = who_grade(ki67, mitoses, "poor")
    assert result.category == "NEC"
    assert result.grade is None
    assert result.deciding_index is None
    assert result.row.category == "NEC"
    assert "not graded" in result.explanation and "high grade by definition" in result.explanation


def test_poor_with_no_index_is_allowed_and_explained():
    result = who_grade(None, None, "poor")
    assert "morphological diagnosis" in result.explanation
    assert result.flags == ()
    assert (result.ki67_grade, result.mitotic_grade) == (None, None)


def test_poor_keeps_index_bands_for_display():
    result = who_grade(10.0, 25, "poor")
    assert (result.ki67_grade, result.mitotic_grade) == ("G2", "G3")


@pytest.mark.parametrize(
    ("ki67", "flagged"),
    [(0.0, True), (10.0, True), (20.0, True), (20.1, False), (80.0, False), (None, False)],
)
def test_poor_with_low_ki67_flag(ki67, flagged):
    flags = who_grade(ki67, 30, "poor").flags
    assert any("at or below 20%" in f for f in flags) is flagged
    if flagged:
        assert "Poorly differentiated" in flags[0] and "p53" in flags[0]


@pytest.mark.parametrize(
    ("ki67", "flagged"), [(20.1, False), (55.0, False), (55.1, True), (80.0, True), (100.0, True)]
)
def test_well_with_very_high_ki67_flag(ki67, flagged):
    result = who_grade(ki67, 30, "well")
    assert result.category == "NET G3"
    hits = [f for f in result.flags if "above 55%" in f]
    assert bool(hits) is flagged
    if flagged:
        assert "borrowed from trials" in hits[0] and "NET G3" in hits[0]
        assert {"S38", "S45"} <= set(result.sources)


# --------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "named", "allowed"),
    [
        ({"ki67_percent": 120.0}, "120.0", "0 to 100"),
        ({"ki67_percent": -0.1}, "-0.1", "0 to 100"),
        ({"ki67_percent": math.nan}, "nan", "0 to 100"),
        ({"ki67_percent": math.inf}, "inf", "0 to 100"),
        ({"ki67_percent": "12"}, "'12'", "0 to 100"),
        ({"ki67_percent": True}, "True", "0 to 100"),
        ({"mitoses_per_2mm2": -1}, "-1", "0 or more"),
        ({"mitoses_per_2mm2": math.nan}, "nan", "0 or more"),
        ({"mitoses_per_2mm2": -math.inf}, "-inf", "0 or more"),
        ({"mitoses_per_2mm2": False}, "False", "0 or more"),
        ({"mitoses_per_2mm2": [3]}, "[3]", "0 or more"),
        ({"differentiation": "moderate"}, "'moderate'", "'well', 'poor'"),
        ({"differentiation": "Well"}, "'Well'", "'well', 'poor'"),
        ({"differentiation": None}, "None", "'well', 'poor'"),
        ({"ki67_percent": None, "mitoses_per_2mm2": None}, "neither", "0-100%"),
    ],
)
def test_who_grade_rejects_bad_input(kwargs, named, allowed):
    args = {"ki67_percent": 10.0, "mitoses_per_2mm2": 5, "differentiation": "well", **kwargs}
    with pytest.raises(ValueError) as info:
        who_grade(**args)
    message = str(info.value)
    assert named in message
    assert allowed in message


def test_well_with_neither_index_message_names_both_indices():
    with pytest.raises(ValueError, match=r"well-differentiated.*Ki-67.*mitotic"):
        who_grade(None, None, "well")


def test_numeric_types_accepted():
    assert who_grade(Fraction(7, 2), 3, "well").category == "NET G2"


@pytest.mark.parametrize("bad", [-1.0, 101, math.nan, None, "5"])
def test_ki67_grade_rejects(bad):
    with pytest.raises(ValueError, match="Ki-67"):
        ki67_grade(bad)


@pytest.mark.parametrize("bad", [-0.5, math.inf, True, "2"])
def test_mitotic_grade_rejects(bad):
    with pytest.raises(ValueError, match="Mitotic count"):
        mitotic_grade(bad)


# --------------------------------------------------------------------------------------------
# Counting helpers
# --------------------------------------------------------------------------------------------


def test_ki67_index_values():
    assert ki67_index(90, 500) == 18.0
    assert ki67_index(15, 500) == 3.0
    assert ki67_index(0, 1) == 0.0
    assert ki67_index(7, 7) == 100.0
    assert ki67_grade(ki67_index(100, 500)) == "G2"  # exactly 20.0%
    assert ki67_grade(ki67_index(101, 500)) == "G3"


@pytest.mark.parametrize(
    ("positive", "counted", "named", "allowed"),
    [
        (1, 0, "0", "1 or more"),
        (0, -5, "-5", "1 or more"),
        (-1, 10, "-1", "0 or more"),
        (11, 10, "11", "from 0 to 10"),
        (1.5, 10, "1.5", "whole number"),
        (1, 10.0, "10.0", "whole number"),
        (True, 10, "True", "whole number"),
        ("3", 10, "'3'", "whole number"),
    ],
)
def test_ki67_index_rejects(positive, counted, named, allowed):
    with pytest.raises(ValueError) as info:
        ki67_index(positive, counted)
    assert named in str(info.value) and allowed in str(info.value)


def test_mitoses_per_2mm2_values():
    assert mitoses_per_2mm2(100) == 20.0  # default 10 mm2: divide by 5
    assert mitoses_per_2mm2(102, 10.0) == pytest.approx(20.4)
    assert mitoses_per_2mm2(9, 10) == pytest.approx(1.8)
    assert mitoses_per_2mm2(3, 2.0) == 3.0
    assert mitoses_per_2mm2(0, 0.5) == 0.0
    assert mitotic_grade(mitoses_per_2mm2(102)) == "G3"
    assert mitotic_grade(mitoses_per_2mm2(100)) == "G2"


@pytest.mark.parametrize(
    ("mitoses", "area", "named", "allowed"),
    [
        (-1, 10.0, "-1", "0 or more"),
        (2.5, 10.0, "2.5", "whole number"),
        (True, 10.0, "True", "whole number"),
        (5, 0, "0", "greater than 0"),
        (5, -2.0, "-2.0", "greater than 0"),
        (5, math.nan, "nan", "greater than 0"),
        (5, "10", "'10'", "greater than 0"),
    ],
)
def test_mitoses_per_2mm2_rejects(mitoses, area, named, allowed):
    with pytest.raises(ValueError) as info:
        mitoses_per_2mm2(mitoses, area)
    assert named in str(info.value) and allowed in str(info.value)


# --------------------------------------------------------------------------------------------
# Wilson interval
# --------------------------------------------------------------------------------------------


def test_wilson_known_values():
    # x=0: upper = z^2 / (n + z^2); x=n: lower = n / (n + z^2).
    z = 1.959963984540054
    lo, hi = ki67_confidence_interval(0, 500)
    assert lo == 0.0 and hi == pytest.approx(100 * z * z / (500 + z * z))
    lo, hi = ki67_confidence_interval(500, 500)
    assert hi == 100.0 and lo == pytest.approx(100 * 500 / (500 + z * z))
    # 15/500 = 3.0% (reference values computed from the Wilson formula by hand).
    lo, hi = ki67_confidence_interval(15, 500)
    p, n = 0.03, 500
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    assert (lo, hi) == pytest.approx((100 * (centre - half), 100 * (centre + half)))
    assert lo < KI67_CUTOFFS[0] < hi  # 3.0% straddles the cut-off


def test_wilson_level_changes_width():
    narrow = ki67_confidence_interval(50, 500, level=0.80)
    wide = ki67_confidence_interval(50, 500, level=0.99)
    default = ki67_confidence_interval(50, 500)
    assert narrow[1] - narrow[0] < default[1] - default[0] < wide[1] - wide[0]


@pytest.mark.parametrize("level", [0, 1, 1.5, -0.2, math.nan, True, "0.95"])
def test_wilson_rejects_level(level):
    with pytest.raises(ValueError, match="confidence level") as info:
        ki67_confidence_interval(5, 100, level=level)
    assert repr(level) in str(info.value)


def test_wilson_rejects_counts():
    with pytest.raises(ValueError, match="counted cells"):
        ki67_confidence_interval(0, 0)


counts = st.integers(min_value=1, max_value=100_000).flatmap(
    lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
)


@given(counts)
def test_wilson_contains_estimate_and_stays_in_range(pair):
    positive, counted = pair
    lo, hi = ki67_confidence_interval(positive, counted)
    estimate = ki67_index(positive, counted)
    assert 0.0 <= lo <= estimate <= hi <= 100.0


@given(counts, st.integers(min_value=2, max_value=50))
def test_wilson_narrows_with_more_cells(pair, factor):
    positive, counted = pair
    lo1, hi1 = ki67_confidence_interval(positive, counted)
    lo2, hi2 = ki67_confidence_interval(positive * factor, counted * factor)
    assert hi2 - lo2 < hi1 - lo1


# --------------------------------------------------------------------------------------------
# Monotonicity (a higher index never lowers the grade)
# --------------------------------------------------------------------------------------------

ki67_values = st.floats(min_value=0.0, max_value=100.0, allow_nan=False)
mitosis_values = st.floats(min_value=0.0, max_value=1e6, allow_nan=False)
optional_mitoses = st.none() | mitosis_values
optional_ki67 = st.none() | ki67_values


@given(ki67_values, ki67_values, optional_mitoses)
def test_grade_monotone_in_ki67(a, b, mitoses):
    low, high = sorted((a, b))
    assert (
        RANK[who_grade(low, mitoses, "well").grade] <= RANK[who_grade(high, mitoses, "well").grade]
    )


@given(mitosis_values, mitosis_values, optional_ki67)
def test_grade_monotone_in_mitoses(a, b, ki67):
    low, high = sorted((a, b))
    assert RANK[who_grade(ki67, low, "well").grade] <= RANK[who_grade(ki67, high, "well").grade]


@given(ki67_values, mitosis_values)
def test_grade_is_max_of_index_grades(ki67, mitoses):
    result = who_grade(ki67, mitoses, "well")
    assert RANK[result.grade] == max(RANK[ki67_grade(ki67)], RANK[mitotic_grade(mitoses)])
    assert result.category == f"NET {result.grade}"
    assert result.explanation_lines  # never empty


@given(optional_ki67, optional_mitoses)
def test_poor_is_always_nec(ki67, mitoses):
    assert who_grade(ki67, mitoses, "poor").category == "NEC"


@pytest.mark.parametrize(
    ("ki67", "shown"), [(2.99999, "2.99999%"), (100 / 3, "33.333%"), (3.0, "3.0%")]
)
def test_displayed_value_never_rounds_across_a_cutoff(ki67, shown):
    assert f"Ki-67 {shown} is" in who_grade(ki67, None, "well").explanation


def test_nec_types_note_says_patterns_are_tendencies():
    # Fact base 9.19 (clinical review item 5): a large-cell NEC may keep an organised pattern.
    note = grading.NEC_TYPES_NOTE
    assert "large-cell NEC can keep an organised pattern" in note
    assert {"WEBPATH_GINEC", "KIM2020_HGPANNEN", "PO_PANNEC"} <= set(grading.NEC_TYPES_SOURCES)
    assert set(grading.NEC_TYPES_SOURCES) <= set(SOURCES)
