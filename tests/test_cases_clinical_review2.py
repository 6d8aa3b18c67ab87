"""Regression tests for the second clinical review of lesson 7's treatment and staging feedback.

Each test names the review item and the fact-base section it was checked against
(``/work/shared/reference/gepnet-facts.md``).
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from gepnet_widgets import cases as cs
from gepnet_widgets.treatment import CATEGORIES, FEATURES, discussed_for

CASE_IDS = tuple(cs.CASES)
SCAN_FIRST = "Receptor imaging (SSTR PET) comes first"
RECEPTOR_NEGATIVE = "Receptor-negative: PRRT needs the receptors"


def _extra(case_id: str, key: str) -> cs.Feedback:
    return cs.check_case_answer(case_id, "treatment",
                                cs.expected_answer(case_id, "treatment") | {key})


def _sentence(text: str, category_name: str) -> str:
    """The 'The tool lists <category> only with ...' sentence of a feedback text."""
    match = re.search(rf"The tool lists {re.escape(category_name)} only with .*?\(here: [^)]*\)\.",
                      text)
    assert match, text
    return match.group(0)


def _all_extras():
    for case_id in CASE_IDS:
        expected = cs.expected_answer(case_id, "treatment")
        for cat in CATEGORIES:
            if cat.key not in expected:
                yield case_id, cat


# --- item 1: "Not imaged yet" rules are "only once a scan is positive" rules (5.4, 5.6, 9.5) ---


@pytest.mark.parametrize(("case_id", "cat"), list(_all_extras()),
                         ids=lambda x: x if isinstance(x, str) else x.key)
def test_not_imaged_yet_is_never_offered_as_an_allowed_setting(case_id, cat) -> None:
    sentence = _sentence(_extra(case_id, cat.key).text, cat.name[:1].lower() + cat.name[1:])
    allowed = sentence.split("(here:")[0]
    assert "Not imaged yet" not in allowed, sentence


def test_receptor_negative_insulinoma_analogue_and_prrt_need_a_positive_scan() -> None:
    ssa = _sentence(_extra("insulinoma", "ssa").text, "somatostatin analogues")
    assert "'Somatostatin receptors on imaging' set to Receptor-positive (here:" in ssa
    prrt = _sentence(_extra("insulinoma", "prrt").text,
                     "peptide receptor radionuclide therapy (PRRT)")
    assert "set to Receptor-positive (here:" in prrt


@pytest.mark.parametrize("case_id", ["rectal", "appendix"])
def test_not_imaged_small_nets_are_not_told_insulinoma_allows_an_analogue(case_id) -> None:
    ssa = _sentence(_extra(case_id, "ssa").text, "somatostatin analogues")
    assert "Insulinoma" not in ssa
    # PRRT: spread and a positive scan, never "not imaged"
    prrt = _sentence(_extra(case_id, "prrt").text, "peptide receptor radionuclide therapy (PRRT)")
    assert "'Somatostatin receptors on imaging' set to Receptor-positive" in prrt


def test_insulinoma_is_named_for_an_analogue_only_with_receptor_positive() -> None:
    for case_id, cat in _all_extras():
        if cat.key != "ssa":
            continue
        sentence = _sentence(_extra(case_id, "ssa").text, "somatostatin analogues")
        for clause in sentence.split(", or "):
            if "Insulinoma" in clause:
                assert "Receptor-positive" in clause, sentence


# --- items 2 and 7: receptor notes only for advanced disease (9.20) ---------------------------


@pytest.mark.parametrize("case_id", ["rectal", "appendix", "insulinoma"])
def test_localised_removed_nets_get_no_scan_first_or_receptor_negative_note(case_id) -> None:
    right = cs.check_case_answer(case_id, "treatment", cs.expected_answer(case_id, "treatment"))
    assert right.correct
    for fb in (right, _extra(case_id, "prrt")):
        assert SCAN_FIRST not in fb.text and RECEPTOR_NEGATIVE not in fb.text


@pytest.mark.parametrize(("case_id", "note"), [("rectal", SCAN_FIRST),
                                               ("insulinoma", RECEPTOR_NEGATIVE)])
def test_the_receptor_notes_stay_for_advanced_disease(monkeypatch, case_id, note) -> None:
    spread = dataclasses.replace(cs.CASES[case_id], metastasis="hepatic")
    monkeypatch.setitem(cs.CASES, case_id, spread)
    assert cs.spread_extent(case_id) == "liver_only"
    fb = cs.check_case_answer(case_id, "treatment", cs.expected_answer(case_id, "treatment"))
    assert note in fb.text


# --- item 3: jejunum/ileum is the tool's small-intestine value (5.5) --------------------------


def test_ileal_case_is_small_intestine_and_gets_the_chemotherapy_note() -> None:
    site_values = next(f for f in FEATURES if f.key == "site").values
    assert cs.site_group("ileal") == "small_intestine" and "small_intestine" in site_values
    assert cs.site_group("rectal") == cs.site_group("appendix") == "gut"
    assert cs.site_group("insulinoma") == "pancreas"
    fb = cs.check_case_answer("ileal", "treatment", cs.expected_answer("ileal", "treatment"))
    assert "Chemotherapy is of little value for jejunal and ileal NETs" in fb.text
    hint = cs.explorer_hint("ileal", "treatment")
    assert "Small intestine (jejunum or ileum)" in hint and "Another gut site" not in hint


# --- item 9: each case is judged on its own Ki-67 ----------------------------------------------


@pytest.mark.parametrize(("case_id", "band"), [("pnet-g3", "netter2"), ("ileal", "below")])
def test_discussion_uses_the_case_ki67(case_id, band) -> None:
    c = cs.case(case_id)
    d = cs.discussion(case_id)
    assert d.ki67 == c.ki67_percent and d.features["ki67_band"] == band


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_treatment_answer_follows_the_tool_with_the_case_ki67(case_id) -> None:
    expected = discussed_for(**cs.treatment_features(case_id), ki67=cs.case_ki67(case_id))
    assert cs.expected_answer(case_id, "treatment") == frozenset(expected.category_keys)


def test_case_ki67_outside_the_grade_range_is_left_unset(monkeypatch) -> None:
    # a G2 by mitoses with a G1 Ki-67: the tool's Ki-67 control would refuse it
    odd = dataclasses.replace(cs.CASES["ileal"], ki67_percent=1.0, mitoses_per_2mm2=5.0)
    monkeypatch.setitem(cs.CASES, "ileal", odd)
    assert cs.grade_result("ileal").category == "NET G2"
    assert cs.case_ki67("ileal") is None
    assert cs.discussion("ileal").features["ki67_band"] == "unknown"


# --- item 8: the "(here: ...)" values follow the clauses -------------------------------------


@pytest.mark.parametrize(("case_id", "tick", "here"), [
    ("pnet-g3", "ssa", "(here: Non-functioning; NET G3)"),
    ("insulinoma", "ssa", "(here: Insulinoma; Receptor-negative)"),
    ("insulinoma", "chemotherapy", "(here: NET G1; Localised)"),
])
def test_here_values_come_in_clause_order(case_id, tick, here) -> None:
    assert here in _extra(case_id, tick).text


# --- item 6: patient 4 under AJCC 8th (8.7, 1.0) ---------------------------------------------


def test_pnet_g3_not_staged_under_ajcc8_says_the_course_choice_and_the_dispute() -> None:
    fb = cs.check_case_answer("pnet-g3", "t", cs.NOT_NET, edition="ajcc8")
    assert "so the AJCC NET chapter for the pancreas applies" not in fb.text
    assert ("the course stages it with the pancreatic NET chapter; whether AJCC 8th covers NET "
            "G3 is disputed (see 'Where sources disagree'") in fb.text
    assert {"S3", "S5"} <= set(fb.sources)


# --- item 12: a positive supervised fast glossed once (3; lesson 5's tool) --------------------


def test_positive_supervised_fast_is_glossed_once() -> None:
    lines = cs.findings("insulinoma")
    glossed = [line for line in lines if "blood sugar fell" in line]
    assert glossed == ["Supervised fast (48-72 hours): positive (the blood sugar fell "
                       "below 55 mg/dL, 3.0 mmol/L, while insulin was still detectable)"]
    assert not any("blood sugar fell" in line for c in CASE_IDS if c != "insulinoma"
                   for line in cs.findings(c))


def test_pnet_g3_not_staged_under_the_8th_does_not_restate_the_disputed_point() -> None:
    """Under AJCC 8th whether NET G3 is staged with the NET chapter is the disputed point
    (fact base 8.7): the feedback says "Under Version 9 only a NEC ...", not flatly "Only"."""
    pnet = next(c for c in CASE_IDS if cs.grade_result(c).category == "NET G3")
    text = cs.check_case_answer(pnet, "t", cs.NOT_NET, edition="ajcc8").text
    assert "disputed" in text and "Under Version 9 only a poorly differentiated" in text
    assert "NEC) is staged another way. " not in text.replace("Under Version 9 only", "")
