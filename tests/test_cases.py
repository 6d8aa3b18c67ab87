"""Case studies (layer 1): the fictional findings, the computed answers and the checker.

The expected answers below are worked out by hand from the fact base
(``shared/reference/gepnet-facts.md`` sections 1, 2, 3 and 5), independently of the code, and
compared with what :mod:`gepnet_widgets.cases` computes from the findings.
"""

from __future__ import annotations

import re

import pytest

from gepnet_widgets import cases as cs
from gepnet_widgets.sources import SOURCES
from gepnet_widgets.syndromes import NO_HORMONE

# Worked by hand from the fact base (AJCC 8th tables 1.1-1.6, WHO 2019 table 2.1, section 3).
HAND = {
    "rectal": {  # 0.8 cm (<1 cm) to submucosa: T1a; nodes not examined: NX; T1 NX M0: no stage
        "t": "T1a", "n": "NX", "m": "M0", "stage": cs.NO_STAGE, "grade": "NET G1",
        "functional": cs.NON_FUNCTIONING, "hormone": NO_HORMONE,
    },
    "ileal": {  # 2 tumours, deepest to subserosa: T3(m); mass > 2 cm: N2 (5 < 12 nodes); liver
        "t": "T3(m)", "n": "N2", "m": "M1a", "stage": "IV", "grade": "NET G2",
        "functional": cs.FUNCTIONING, "hormone": "serotonin",
    },
    "insulinoma": {  # 1.4 cm (< 2 cm) limited to the pancreas: T1; 0 of 2 nodes: N0
        "t": "T1", "n": "N0", "m": "M0", "stage": "I", "grade": "NET G1",
        "functional": cs.FUNCTIONING, "hormone": "insulin",
    },
    "pnet-g3": {  # 3.5 cm (2-4 cm): T2; one node: N1; liver: M1a; Ki-67 35% G3 > mitoses 12 G2
        "t": "T2", "n": "N1", "m": "M1a", "stage": "IV", "grade": "NET G3",
        "functional": cs.NON_FUNCTIONING, "hormone": NO_HORMONE,
    },
    "pancreatic-nec": {  # poorly differentiated: NEC, not staged with the NET chapter
        "t": cs.NOT_NET, "n": cs.NOT_NET, "m": cs.NOT_NET, "stage": cs.NOT_NET, "grade": "NEC",
        "functional": cs.NON_FUNCTIONING, "hormone": NO_HORMONE,
    },
    "appendix": {  # 1.2 cm (<= 2 cm), depth up to muscularis propria ignored: T1; 0 of 2: N0
        "t": "T1", "n": "N0", "m": "M0", "stage": "I", "grade": "NET G1",
        "functional": cs.NON_FUNCTIONING, "hormone": NO_HORMONE,
    },
}

#: Spread as the treatment tools read it (the module's stated reading, applied by hand).
HAND_EXTENT = {"rectal": "localised", "ileal": "liver_only", "insulinoma": "localised",
               "pnet-g3": "liver_only", "pancreatic-nec": "liver_only", "appendix": "localised"}

CASE_IDS = tuple(cs.CASES)
STEPS = cs.STEP_KEYS


# --- the data ----------------------------------------------------------------------------------


def test_at_least_five_cases_covering_the_issue() -> None:
    assert len(cs.CASES) >= 5
    sites = {c.site for c in cs.CASES.values()}
    assert {"colon_rectum", "jejunum_ileum", "pancreas", "appendix"} <= sites
    assert any(c.differentiation == "poor" for c in cs.CASES.values())
    assert any(c.mesenteric_mass_cm for c in cs.CASES.values())
    assert set(HAND) == set(cs.CASES)


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_case_ids_titles_and_sources(case_id: str) -> None:
    c = cs.case(case_id)
    assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", c.id)
    assert c.title and c.story
    assert c.sources and all(k in SOURCES for k in c.sources)
    assert all(k in SOURCES for k in cs.case_source_keys(case_id))


def test_titles_are_distinct() -> None:
    titles = [c.title for c in cs.CASES.values()]
    assert len(titles) == len(set(titles))


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_story_carries_no_measured_number(case_id: str) -> None:
    """Only the age is a number in the story; every measurement is a generated finding."""
    numbers = re.findall(r"\d+(?:\.\d+)?", cs.case(case_id).story)
    assert len(numbers) == 1 and 10 <= int(numbers[0]) <= 99, numbers


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_findings_show_the_data_formatted(case_id: str) -> None:
    c = cs.case(case_id)
    text = "\n".join(cs.findings(case_id))
    assert f"{c.size_cm:.1f} cm" in text
    assert f"Ki-67 index: {c.ki67_percent:.1f}%" in text
    assert f"{c.mitoses_per_2mm2:.1f} per 2 mm²" in text
    assert not re.search(r"\d\.\d{3,}", text), "float noise"
    if c.nodes_examined:
        assert f"{c.nodes_examined} examined" in text
    else:
        assert "not examined" in text


def test_the_fictional_note() -> None:
    assert "fictional" in cs.FICTIONAL_NOTE


# --- computed answers agree with the hand-worked ones --------------------------------------------


@pytest.mark.parametrize("case_id", CASE_IDS)
@pytest.mark.parametrize("step", [s for s in STEPS if s != "treatment"])
def test_expected_answers_match_the_fact_base(case_id: str, step: str) -> None:
    """HAND holds the AJCC 8th edition answers; Version 9 differs only where fact base 1.8 says
    (here: the rectal case, T1 NX M0, is stage I under Version 9)."""
    assert cs.expected_answer(case_id, step, edition="ajcc8") == HAND[case_id][step]
    v9 = "I" if (case_id, step) == ("rectal", "stage") else HAND[case_id][step]
    assert cs.expected_answer(case_id, step, edition="ajcc9") == v9
    assert cs.expected_answer(case_id, step) == v9  # Version 9 is the default


def test_rectal_case_feedback_names_the_other_edition() -> None:
    v9 = cs.check_case_answer("rectal", "stage", "I")
    assert v9.correct and "AJCC 8th edition the answer would be No stage group" in v9.text
    v8 = cs.check_case_answer("rectal", "stage", cs.NO_STAGE, edition="ajcc8")
    assert v8.correct and "AJCC Version 9 the answer would be Stage I" in v8.text
    with pytest.raises(ValueError, match="'ajcc9'"):
        cs.check_case_answer("rectal", "stage", "I", edition="uicc8")


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_extent_reading(case_id: str) -> None:
    assert cs.spread_extent(case_id) == HAND_EXTENT[case_id]
    assert cs.treatment_features(case_id)["extent"] == HAND_EXTENT[case_id]


def test_treatment_categories_follow_the_fact_base() -> None:
    """Spot checks from fact base section 5 (not a copy of the discussion rules)."""
    # Localised NETs: removal, the only curative treatment (5.1); nothing systemic.
    assert cs.expected_answer("rectal", "treatment") == {"surgery"}
    assert cs.expected_answer("appendix", "treatment") == {"surgery"}
    # Carcinoid syndrome with liver metastases, receptor-positive: SSA, PRRT, telotristat,
    # liver-directed treatments (5.1, 5.2, 5.4, 5.6).
    ileal = cs.expected_answer("ileal", "treatment")
    assert {"ssa", "prrt", "symptom", "embolisation", "ablation"} <= ileal
    # Receptor-negative insulinoma: no SSA (hypoglycaemia can worsen) and no PRRT (5.4, 5.6).
    assert not {"ssa", "prrt"} & cs.expected_answer("insulinoma", "treatment")
    # NEC: platinum + etoposide; no SSA or PRRT setting (5.5, 4.2).
    nec = cs.expected_answer("pancreatic-nec", "treatment")
    assert "chemotherapy" in nec and not {"ssa", "prrt"} & nec
    # Pancreatic NET G3, receptor-positive, liver: PRRT (NETTER-2) and chemotherapy (NET G3).
    assert {"prrt", "chemotherapy"} <= cs.expected_answer("pnet-g3", "treatment")


def test_syndromes_are_proven_by_symptoms_and_test() -> None:
    assert cs.case_syndrome("ileal") == "carcinoid_syndrome"
    assert cs.case_syndrome("insulinoma") == "insulinoma"
    assert cs.case_syndrome("pnet-g3") is None  # raised chromogranin A, no symptoms


def test_staging_result_is_none_only_for_the_nec() -> None:
    for case_id in CASE_IDS:
        result = cs.staging_result(case_id)
        assert (result is None) == (cs.case(case_id).differentiation == "poor")


# --- the checker -----------------------------------------------------------------------------


@pytest.mark.parametrize("case_id", CASE_IDS)
@pytest.mark.parametrize("step", [s for s in STEPS if s != "treatment"])
def test_every_offered_answer_gets_feedback(case_id: str, step: str) -> None:
    expected = cs.expected_answer(case_id, step)
    options = [value for _label, value in cs.answer_options(case_id, step)]
    assert expected in options, "the right answer must be offered"
    assert len(options) == len(set(options))
    for value in options:
        fb = cs.check_case_answer(case_id, step, value)
        assert fb.correct == (value == expected)
        assert len(fb.text) > 20
        assert fb.expected == cs.answer_label(case_id, step, expected)
        assert fb.sources and all(k in SOURCES for k in fb.sources)
        assert not re.search(r"\d\.\d{3,}", fb.text), "float noise"


def test_wrong_answers_explain_the_rule() -> None:
    missing_m = cs.check_case_answer("ileal", "t", "T3")
    assert not missing_m.correct and "(m)" in missing_m.text
    t1 = cs.check_case_answer("rectal", "t", "T1")
    assert not t1.correct and "split by size" in t1.text
    stage = cs.check_case_answer("rectal", "stage", "I", edition="ajcc8")
    assert not stage.correct and "no stage group" in stage.text and "Version 9" in stage.text
    n1 = cs.check_case_answer("ileal", "n", "N1")
    assert not n1.correct and "mesenteric mass larger than 2 cm" in n1.text
    appendix = cs.check_case_answer("appendix", "t", "T2")
    assert not appendix.correct and "depth does not count" in appendix.text


def test_nec_is_not_staged_with_the_net_chapter() -> None:
    wrong = cs.check_case_answer("pancreatic-nec", "t", "T3")
    assert not wrong.correct
    assert "carcinoma chapter" in wrong.text and "exocrine pancreas" in wrong.text
    assert "[S" not in wrong.text  # sources are given apart, not as inline tags
    right = cs.check_case_answer("pancreatic-nec", "stage", cs.NOT_NET)
    assert right.correct and "G1, G2 and G3" in right.text
    # Review finding 5: the scope follows the chosen edition (Version 9 by default).
    assert "AJCC Version 9" in right.text and "8th" not in right.text
    assert {"S5", "S6"} <= set(right.sources)
    old = cs.check_case_answer("pancreatic-nec", "stage", cs.NOT_NET, edition="ajcc8")
    assert old.correct and "AJCC 8th edition" in old.text and "well-differentiated" in old.text
    net = cs.check_case_answer("pnet-g3", "t", cs.NOT_NET)
    assert not net.correct and "well differentiated" in net.text


def test_pancreatic_net_g3_notes_the_disputed_scope() -> None:
    fb = cs.check_case_answer("pnet-g3", "stage", "IV")
    assert fb.correct and cs.PNET_G3_NOTE in fb.text
    assert "version 9" in cs.PNET_G3_NOTE and "fact base" not in cs.PNET_G3_NOTE
    assert "S5" in fb.sources


def test_grade_feedback() -> None:
    avg = cs.check_case_answer("pnet-g3", "grade", "NET G2")
    assert not avg.correct and "higher grade" in avg.text
    nec = cs.check_case_answer("pnet-g3", "grade", "NEC")
    assert not nec.correct and "well differentiated" in nec.text
    poor = cs.check_case_answer("pancreatic-nec", "grade", "NET G3")
    assert not poor.correct and "differentiation first" in poor.text


def test_hormone_feedback_names_the_clues() -> None:
    gastrin = cs.check_case_answer("ileal", "hormone", "gastrin")
    assert not gastrin.correct
    assert "diarrhoea" in gastrin.text and "flushing" in gastrin.text
    none = cs.check_case_answer("ileal", "hormone", NO_HORMONE)
    assert not none.correct and "flushing" in none.text
    marker = cs.check_case_answer("pnet-g3", "functional", cs.FUNCTIONING)
    assert not marker.correct and "chromogranin A" in marker.text


def test_treatment_feedback() -> None:
    expected = cs.expected_answer("ileal", "treatment")
    right = cs.check_case_answer("ileal", "treatment", set(expected))
    assert right.correct and "no best treatment" in right.text
    wrong = cs.check_case_answer("ileal", "treatment", {"surgery", "chemotherapy"})
    assert not wrong.correct
    assert "Also discussed" in wrong.text and "Not listed for these features: Chemotherapy" \
        in wrong.text
    empty = cs.check_case_answer("rectal", "treatment", set())
    assert not empty.correct and "Surgery" in empty.text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nobody", "t", "T1"), "unknown case 'nobody'; allowed: rectal"),
        (("rectal", "x", "T1"), "unknown step 'x'; allowed: t, n, m"),
        (("rectal", "t", "T9"), "'T9' is not an answer to step 't'"),
        (("rectal", "treatment", "surgery"), "must be a set of category keys"),
        (("rectal", "treatment", {"magic"}), "unknown treatment categories ['magic']"),
    ],
)
def test_bad_input_raises_a_clear_value_error(args, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        cs.check_case_answer(*args)


def test_options_never_give_the_answer_away() -> None:
    """Every case offers the same kinds of staging answers, including 'not a NET'."""
    for case_id in CASE_IDS:
        for step in ("t", "n", "m", "stage"):
            values = [v for _l, v in cs.answer_options(case_id, step)]
            assert cs.NOT_NET in values
        assert cs.NO_STAGE in [v for _l, v in cs.answer_options(case_id, "stage")]


def test_insulinoma_case_cites_glp1_receptor_pet() -> None:
    """Review finding 1: the negative SSTR PET of patient 3 rests on the GLP-1 receptor PET
    study too (receptor PET often misses insulinomas; GLP-1 receptor PET finds most)."""
    assert "LUO2016" in cs.case_source_keys("insulinoma")


def test_case_titles_give_no_grade_speed_or_diagnosis_away() -> None:
    """Review finding 2: a title names neither the grade as a speed nor the diagnosis."""
    banned = re.compile(r"\b(fast|faster|slow|slower|g3|nec|not a net|carcinoma)\b", re.I)
    for c in cs.CASES.values():
        assert not banned.search(c.title), (c.id, c.title)


def test_hints_name_tools_by_their_titles_not_class_names() -> None:
    """Review finding 8: hints use the titles learners see, and the checkbox's own label."""
    class_names = ("TExplorer", "NMExplorer", "StageExplorer", "GradeExplorer",
                   "SyndromeExplorer", "MysteryPatient", "DiscussionExplorer")
    for case_id in cs.CASES:
        for step in cs.STEP_KEYS:
            hint = cs.explorer_hint(case_id, step)
            assert not any(name in hint for name in class_names), hint
            assert "were examined" not in hint
    assert f"untick '{cs.NODES_EXAMINED_LABEL}'" in cs.explorer_hint("rectal", "n")
    assert "'T explorer: how far has the primary tumour grown?'" in cs.explorer_hint("rectal",
                                                                                       "t")



def test_a_patient_number_names_the_case_in_course_order() -> None:
    from gepnet_widgets.cases import CASES, case

    for number, case_id in enumerate(CASES, start=1):
        assert case(f"patient-{number}") is CASES[case_id]
    for bad in ("patient-0", f"patient-{len(CASES) + 1}", "patient-x", "patient-"):
        with pytest.raises(ValueError, match="patient-1 to patient-"):
            case(bad)


def test_lesson_cells_name_patients_not_diagnoses() -> None:
    """In JupyterLab the code cell above a case shows; it must not say 'insulinoma'."""
    import json
    import re
    from pathlib import Path

    from gepnet_widgets.cases import CASES

    nb = json.loads((Path(__file__).resolve().parents[1] / "notebooks"
                     / "07_case_studies.ipynb").read_text(encoding="utf-8"))
    calls = [re.search(r'CaseStudy\("([^"]+)"\)', "".join(c["source"])) for c in nb["cells"]
             if c["cell_type"] == "code"]
    named = [m.group(1) for m in calls if m]
    assert named and all(n.startswith("patient-") for n in named), named
    assert not any(cid in "".join(named) for cid in CASES)
