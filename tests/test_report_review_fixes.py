"""Regression tests for the clinical review of lesson 8's report reader (what a learner reads:
meanings, checks, questions, the checklist and its alt text). The corpus cases in
``report_corpus.py`` cover the values (T, N, M, stage, grade); these cover the words."""

from __future__ import annotations

import pytest

from gepnet_widgets import ReportReader, read_report
from gepnet_widgets.glossary import GLOSSARY
from gepnet_widgets.reading import EXAMPLE_REPORTS
from gepnet_widgets.reading.vocabulary import IMAGING, TERMS
from gepnet_widgets.sources import SOURCES

SSTR_Q = "somatostatin-receptor scan"


def _check(r, kind: str) -> str:
    (text,) = [c.text for c in r.checks if c.kind == kind]
    return text


def test_pn1_is_perineural_invasion_not_pn1() -> None:
    r = read_report("Rectal NET, 1.5 cm, muscularis propria. Perineural invasion: present "
                    "(Pn1). No distant metastases.")
    assert (r.n, r.stage, r.t_prefix) == (None, None, None)
    values = [f.value for f in r.findings_of("invasion_vessels")]
    assert values == ["perineural invasion: present", "perineural invasion: present"]
    assert {f.label for f in r.findings_of("invasion_vessels")} == {"Perineural invasion (Pn)"}
    assert not r.findings_of("n")


def test_descriptor_labels_and_meaning() -> None:
    r = read_report("Ileal NET. pT2 pN0 L1 V0 Pn0 R1.")
    labels = [f.label for f in r.findings_of("invasion_vessels")]
    assert labels == ["Lymphatic invasion (L)", "Venous invasion (V)", "Perineural invasion (Pn)"]
    assert [f.value for f in r.findings_of("margin")] == ["R1"]
    assert "not T, N or M" in TERMS["invasion_vessels"].meaning


def test_stated_stage_that_does_not_fit_is_a_check_and_a_question() -> None:
    r = read_report("Rectal NET 1.5 cm, muscularis propria, 0/4 nodes, no distant metastases. "
                    "Stage I.")
    text = _check(r, "stage_mismatch")
    assert "stage I" in text and "stage IIA" in text and "edition" in text
    assert "care team" in text and "detail" in text
    assert any("names a stage group" in q for q in r.questions)


def test_stated_stage_missing_at_the_site_is_named() -> None:
    r = read_report("Ileum NET 3 cm, subserosa, N0, M0. Stage IIIB")
    text = _check(r, "stage_not_at_site")
    assert "no stage IIIB" in text and "AJCC Version 9 or AJCC 8th" in text
    assert "I, II, III, IV" in text


def test_stated_stage_under_the_other_edition_is_pointed_out() -> None:
    r = read_report("Duodenal NET 0.7 cm, submucosa, T1 NX M0, stage I.", "ajcc8")
    assert "Under AJCC Version 9 the same T, N and M give stage I" in _check(
        r, "stage_stated_unchecked")


def test_example_three_has_no_sstr_question_and_no_open_circle() -> None:
    rectal = EXAMPLE_REPORTS[2]
    assert rectal.key == "rectum"
    r = read_report(rectal.text)
    assert r.sstr_not_routine
    assert not any(SSTR_Q in q for q in r.questions)
    assert any(c.kind == "sstr_not_routine" and c.level == "unverified" for c in r.checks)
    assert {c.sources for c in r.checks if c.kind == "sstr_not_routine"} == {("ENETS2023_CRC",)}
    reader = ReportReader(source="rectum")
    assert "SSTR scan: not a routine step here" in reader.view.alt
    assert "SSTR scan: not stated" not in reader.view.alt


def test_other_reports_still_ask_about_the_sstr_scan() -> None:
    for text in ("Rectal NET 1.5 cm, submucosa, Ki-67 1%, G1, N0, M0.",
                 "Sigmoid colon NET 0.6 cm, submucosa, Ki-67 1%, G1, N0, M0.",
                 EXAMPLE_REPORTS[0].text):
        assert any(SSTR_Q in q for q in read_report(text).questions), text


def test_no_liver_metastases_is_not_m0() -> None:
    r = read_report("No liver metastases. Stomach NET, 0.9 cm.")
    (f,) = r.findings_of("metastasis_none")
    assert "organ it names" in f.meaning and "not M0" in f.meaning
    assert r.m is None
    (g,) = read_report("No distant metastases.").findings_of("metastasis_none")
    assert "(M0)" in g.meaning


@pytest.mark.parametrize(("text", "kind", "words"), [
    ("Well-differentiated NET, Ki-67 80%.", "grade_review", "prompt for review"),
    ("Poorly differentiated NEC, Ki-67 15%.", "grade_review", "morphology and proliferation"),
    ("Ileal NET, mitoses 5 per 2 mm2.", "grade_provisional", "provisional"),
    ("Ileal NET, Ki-67 2.96%.", "ki67_near_cutoff", "near a cut-off"),
])
def test_grading_flags_are_shown_as_checks(text: str, kind: str, words: str) -> None:
    r = read_report(text)
    assert words in _check(r, kind)


def test_pancreas_g3_under_the_8th_edition_gets_the_scope_caveat() -> None:
    text = ("Pancreatic NET G3, well differentiated, Ki-67 35%, 3 cm, confined to the pancreas, "
            "0/10 nodes, no distant metastases.")
    note = _check(read_report(text, "ajcc8"), "pancreas_g3_ajcc8")
    assert "Version 9 includes NET G3" in note and "Sources differ" in note
    assert not any(c.kind == "pancreas_g3_ajcc8" for c in read_report(text, "ajcc9").checks)


def test_pancreas_depth_has_the_pancreas_meaning() -> None:
    r = read_report("Pancreatic NET, 3 cm, confined to the pancreas.")
    (f,) = r.findings_of("depth")
    assert "does not use the layers of a bowel wall" in f.meaning
    assert "muscularis" not in f.meaning and f.sources == ("S2", "AJCC8")


def test_ki67_below_one_keeps_the_sign_in_checklist_and_alt_text() -> None:
    reader = ReportReader(source="rectum")
    assert "Ki-67 or mitoses: stated (Ki-67 <1%)" in reader.view.alt
    assert "Ki-67 1%" not in reader.view.alt


def test_derived_t_has_no_prefix_from_m() -> None:
    r = read_report("Pancreatic NET, 3 cm, confined to the pancreas, Ki-67 <1%. cM0")
    assert r.t == "T2" and r.t_prefix is None and not r.t_stated


def test_nec_is_not_asked_for_a_grade() -> None:
    r = read_report("Small-cell neuroendocrine carcinoma of the pancreas.")
    assert not any("what grade" in q for q in r.questions)
    assert any("what grade" in q for q in read_report("Ileal NET, 2 cm.").questions)


def test_fdg_wording_is_grade_not_speed() -> None:
    (fdg,) = [i for i in IMAGING if i.label == "FDG PET"]
    assert "can point to higher-grade disease" in fdg.meaning
    assert "faster" not in fdg.meaning


def test_net_meaning_says_all_nets_are_cancers() -> None:
    meaning = TERMS["type_net"].meaning
    assert "All NETs are cancers (malignant)" in meaning
    assert "how the cells look" in meaning


def test_descriptor_sources_and_levels_agree_with_the_glossary() -> None:
    term = TERMS["invasion_vessels"]
    assert term.level is None and term.sources == ("TNMO2016",)
    assert TERMS["margin"].sources == ("PDQ_R_TABLE", "TNMO2016")
    by_term = {e.term: e for e in GLOSSARY}
    for name in ("Lymphovascular invasion", "Perineural invasion"):
        assert by_term[name].sources == ("TNMO2016",)
    assert by_term["Resection margin"].sources == ("PDQ_R_TABLE", "TNMO2016")
    assert SOURCES["PDQ_R_TABLE"].level == "primary"
