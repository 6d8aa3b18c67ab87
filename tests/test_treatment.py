"""Treatment data and logic (layer 1): sources, cross-references, trial numbers against the fact
base, and the "what is discussed when" rules over every combination of features.

Expected trial numbers below are typed by hand from shared/reference/gepnet-facts.md, sections
5.2-5.5 and 5.4b, so a slip in the package data cannot pass by copying itself.
"""

from __future__ import annotations

import re

import pytest

from gepnet_widgets import treatment as tr
from gepnet_widgets.grading import WHO_2019_TABLE
from gepnet_widgets.sources import SOURCES

# --------------------------------------------------------------------------------------------
# Sources and cross-references
# --------------------------------------------------------------------------------------------


def _all_facts() -> list[tuple[str, tr.Fact]]:
    facts = []
    for c in tr.CATEGORIES:
        facts += [(f"category {c.key} mechanism", c.mechanism), (f"category {c.key} setting",
                                                                 c.setting)]
    for m in tr.MEMBERS:
        facts += [(f"{m.key} mechanism", m.mechanism), (f"{m.key} given", m.given),
                  (f"{m.key} setting", m.setting)]
        facts += [(f"{m.key} detail {i}", f) for i, f in enumerate(m.details)]
    facts += [(f"panel {p.mechanism}/{p.receptors}/{p.treated}", p.caption)
              for p in tr.MECHANISM_PANELS]
    return facts


@pytest.mark.parametrize("label,fact", _all_facts(), ids=lambda x: x if isinstance(x, str) else "")
def test_every_shown_fact_has_a_source_or_says_it_has_none(label: str, fact: tr.Fact) -> None:
    assert fact.text.strip(), label
    if fact.missing:
        assert fact.sources == ()
        assert "not in this course's sources" in fact.text or "not yet checked" in fact.text, \
            label
    else:
        assert fact.sources, f"{label}: no source"
        assert all(k in SOURCES for k in fact.sources), (label, fact.sources)


def test_every_cited_key_resolves() -> None:
    keys = tr.fact_keys()
    assert keys and keys <= set(SOURCES), sorted(keys - set(SOURCES))


def test_every_trial_rule_and_note_has_resolving_sources() -> None:
    for t in tr.TRIALS:
        assert t.sources and all(k in SOURCES for k in t.sources), t.key
    for r in tr.DISCUSSION_RULES:
        assert r.sources and all(k in SOURCES for k in r.sources), r.reason[:40]
    for n in tr.DISCUSSION_NOTES:
        assert all(k in SOURCES for k in n.sources), n.text[:40]


def test_guideline_rules_cite_a_guideline() -> None:
    """Every rule cites at least one guideline-level source (NCCN, ESMO, ENETS, or PDQ)."""
    guideline_keys = {"S1", "S2", "S8", "S16", "S27", "S44", "ENETS_NEC_ABSTRACT"}
    for r in tr.DISCUSSION_RULES:
        assert set(r.sources) & guideline_keys, r.reason[:60]


def test_no_dangling_references() -> None:
    categories = {c.key for c in tr.CATEGORIES}
    families = {f.key for f in tr.MECHANISM_FAMILIES}
    goals = {g.key for g in tr.GOALS}
    members = {m.key: m for m in tr.MEMBERS}
    assert len(members) == len(tr.MEMBERS), "duplicate member keys"
    assert len({t.key for t in tr.TRIALS}) == len(tr.TRIALS), "duplicate trial keys"
    for m in tr.MEMBERS:
        assert m.category in categories and m.family in families, m.key
        assert m.goals and set(m.goals) <= goals, m.key
    for c in tr.CATEGORIES:
        assert set(c.goals) <= goals and tr.members_of(c.key), c.key
    for t in tr.TRIALS:
        assert t.member in members, t.key
    features = {f.key: set(f.values) for f in tr.FEATURES}
    features["ki67_band"] = set(tr.KI67_BANDS)
    for r in tr.DISCUSSION_RULES:
        assert r.category in categories
        assert r.members and all(members[k].category == r.category for k in r.members), r.reason
        for key, allowed in r.when:
            assert key in features and allowed and allowed <= features[key], (key, allowed)
    for n in tr.DISCUSSION_NOTES:
        for key, allowed in n.when:
            assert key in features and allowed <= features[key], (key, allowed)


def test_seed_categories_and_issue_members_are_present() -> None:
    names = " | ".join(m.name for m in tr.MEMBERS).lower()
    for word in ("radiofrequency", "microwave", "cryo", "bland", "chemoembolisation",
                 "radioembolisation", "octreotide", "lanreotide", "everolimus", "sunitinib",
                 "cabozantinib", "177lu-dotatate", "capecitabine + temozolomide",
                 "streptozocin", "platinum + etoposide", "telotristat", "acid suppression"):
        assert word in names, word
    groups = {c.group for c in tr.CATEGORIES}
    assert {"Surgery first, where possible", "Procedures that destroy or shrink tumours",
            "Somatostatin analogues", "Targeted therapies",
            "Peptide receptor radionuclide therapy (PRRT)", "Chemotherapy",
            "Symptom-directed treatment", "Immunotherapy (immune checkpoint inhibitors)"} == groups


def test_unverified_entries_are_labelled_or_left_out() -> None:
    microwave = tr.member("microwave")
    assert "not yet checked" in microwave.unverified
    assert microwave.details == ()
    for f in (microwave.mechanism, microwave.given, microwave.setting):
        assert f.missing and not f.sources
    # cabozantinib's full target list is not checked: only its VEGF-receptor action is stated
    cabo = tr.member("cabozantinib")
    assert "not yet been checked" in cabo.unverified
    assert not re.search(r"\b(MET|AXL|VEGFR2)\b", cabo.mechanism.text)
    assert "VEGF" in cabo.mechanism.text and "anti-angiogenic" in cabo.mechanism.text


def test_no_internal_wording_in_any_shown_text() -> None:
    """Issue 11, section 2: learners never read internal notes or raw source keys."""
    texts = [f.text for _, f in _all_facts()] + [m.unverified for m in tr.MEMBERS]
    texts += [t.note for t in tr.TRIALS] + [r.reason for r in tr.DISCUSSION_RULES]
    texts += [n.text for n in tr.DISCUSSION_NOTES] + [tr.MICROWAVE_NOTE, tr.REGIONAL_ASSUMPTION]
    for text in texts:
        for bad in ("fact base", "from knowledge", "see note", "unverified in", ".py", "[S"):
            assert bad not in text, (bad, text)


# --------------------------------------------------------------------------------------------
# Regression tests for the clinical review (issue 11, fact base section 9)
# --------------------------------------------------------------------------------------------


def _members(d: tr.Discussion) -> set[str]:
    return {m.key for dc in d.categories for m in dc.members}


@pytest.mark.parametrize("receptors", ["positive", "negative", "not_imaged"])
def test_ssa_is_discussed_for_carcinoid_syndrome_whatever_the_scan(receptors: str) -> None:
    """Section 9.4: first-line for symptom control; a positive scan is not a prerequisite."""
    d = tr.discussed_for("liver_only", "NET G2", receptors, "carcinoid_syndrome",
                         "small_intestine")
    assert {"octreotide", "lanreotide", "telotristat"} <= _members(d)
    ssa = next(dc for dc in d.categories if dc.category.key == "ssa")
    reason = " ".join(r.reason for r in ssa.rules)
    assert "first for carcinoid-syndrome symptoms" in reason
    assert "not a condition for this use (it is for PRRT)" in reason
    if receptors == "negative":
        assert "prrt" not in d.category_keys


def test_insulinoma_has_diazoxide_and_everolimus_and_keeps_the_ssa_caution() -> None:
    """Section 9.5: diazoxide with frequent meals; everolimus for malignant insulinoma."""
    d = tr.discussed_for("liver_only", "NET G2", "negative", "insulinoma", "pancreas")
    assert {"diazoxide", "everolimus"} <= _members(d)
    assert "ssa" not in d.category_keys
    diazoxide = tr.member("diazoxide")
    assert "frequent meals" in diazoxide.given.text and "S16" in diazoxide.given.sources
    assert any("malignant insulinoma" in r.reason for dc in d.categories for r in dc.rules)
    assert any("make low blood sugar worse" in n.text for n in d.notes)
    assert "diazoxide" in _members(tr.discussed_for("localised", "NET G1", "positive",
                                                    "insulinoma", "pancreas"))


@pytest.mark.parametrize("ki67,first_line", [(4, False), (9, False), (10, True), (20, True),
                                             (None, False)])
def test_netter2_first_line_prrt_needs_ki67_of_10_or_more_in_g2(ki67, first_line) -> None:
    """Section 9.6: NETTER-2 enrolled NET G2 with Ki-67 >= 10% or NET G3 up to 55%."""
    d = tr.discussed_for("liver_only", "NET G2", "positive", "non_functioning", "pancreas",
                         ki67=ki67)
    reasons = [r.reason for dc in d.categories for r in dc.rules]
    assert any("first treatment" in r for r in reasons) == first_line
    assert any("NETTER-1" in r for r in reasons)  # after an SSA: always discussed
    assert any("Ki-67 of 10% or more" in n.text for n in d.notes) != first_line


@pytest.mark.parametrize("ki67,first_line", [(None, True), (21, True), (55, True), (56, False)])
def test_netter2_first_line_prrt_in_g3_stops_above_55(ki67, first_line) -> None:
    d = tr.discussed_for("widespread", "NET G3", "positive", "non_functioning", "gut",
                         ki67=ki67)
    assert ("prrt" in d.category_keys) == first_line


def test_ki67_must_fit_the_grade() -> None:
    with pytest.raises(ValueError, match=r"Ki-67 of 25% does not fit NET G2 \(3-20%\)"):
        tr.discussed_for("liver_only", "NET G2", "positive", "non_functioning", "gut", ki67=25)
    with pytest.raises(ValueError, match="0 to 100"):
        tr.discussed_for("liver_only", "NET G3", "positive", "non_functioning", "gut", ki67=130)


@pytest.mark.parametrize("extent", ["localised", "regional"])
def test_localised_or_regional_nec_lists_surgery(extent: str) -> None:
    """Section 9.7: surgery can be part of multimodal treatment for localised/regional NEC."""
    d = tr.discussed_for(extent, "NEC", "not_imaged", "non_functioning", "pancreas")
    assert "surgery" in d.category_keys
    surgery = next(dc for dc in d.categories if dc.category.key == "surgery")
    assert "S44" in surgery.sources and "multimodal" in surgery.rules[0].reason
    # biomarker-matched drugs and immunotherapy are for advanced disease
    assert not {"targeted", "immunotherapy"} & set(d.category_keys)


def test_pembrolizumab_is_immunotherapy_not_a_growth_signal_blocker() -> None:
    """Section 9.8."""
    pembro = tr.member("pembrolizumab")
    assert pembro.category == "immunotherapy" and pembro.family == "immune"
    assert "anti-PD-1" in pembro.name and "immune checkpoint inhibitor" in pembro.mechanism.text
    assert "pembrolizumab" not in tr.member("biomarker").mechanism.text.lower()
    d = tr.discussed_for("widespread", "NEC", "not_imaged", "non_functioning", "gut")
    assert "immunotherapy" in d.category_keys
    for key in ("sunitinib", "cabozantinib"):
        m = tr.member(key)
        assert m.family == "vessel_blocking" and "anti-angiogenic" in m.mechanism.text
    assert "VEGF" in tr.category("targeted").mechanism.text


def test_regional_pnet_radiotherapy_is_consistent_with_removable() -> None:
    d = tr.discussed_for("regional", "NET G2", "positive", "non_functioning", "pancreas")
    assert "radiotherapy" not in d.category_keys
    assert any("locally advanced (cannot be removed)" in n.text for n in d.notes)
    assert any("removable" in n.text for n in d.notes)


def test_little_value_chemotherapy_note_only_for_jejunum_and_ileum() -> None:
    note = "little value for jejunal and ileal"
    small = tr.discussed_for("liver_only", "NET G1", "positive", "non_functioning",
                             "small_intestine")
    other = tr.discussed_for("liver_only", "NET G1", "positive", "non_functioning", "gut")
    assert any(note in n.text for n in small.notes)
    assert not any(note in n.text for n in other.notes)


def test_promid_citation_netter1_interval_and_kidney_protection() -> None:
    """Section 9.16."""
    promid = tr.trial("promid")
    assert promid.sources[0] == "PROMID_JCO2009"
    assert "4656-4663" in SOURCES["PROMID_JCO2009"].full
    assert SOURCES["PROMID_JCO2009"].level == "primary"
    netter1 = tr.trial("netter1")  # interval not found in any reachable source: point only
    assert not netter1.ci_drawn and "not yet been checked" in netter1.note
    amino = [f for f in tr.member("lu_dotatate").details if "amino-acid" in f.text]
    assert amino and "approved Lutathera regimen" in amino[0].text
    assert amino[0].sources == ("S39",)


def test_work_up_notes_echocardiography_and_germline_testing() -> None:
    """Section 9.21."""
    cs = tr.discussed_for("liver_only", "NET G2", "positive", "carcinoid_syndrome",
                          "small_intestine")
    assert any("echocardiography" in n.text for n in cs.notes)
    pan = tr.discussed_for("localised", "NET G1", "positive", "gastrinoma", "pancreas")
    assert any("germline" in n.text and "MEN1" in n.text for n in pan.notes)
    gut = tr.discussed_for("localised", "NET G1", "positive", "non_functioning", "gut")
    assert not any("germline" in n.text or "echocardiography" in n.text for n in gut.notes)


# --------------------------------------------------------------------------------------------
# Trials: numbers as in the fact base (typed by hand)
# --------------------------------------------------------------------------------------------

# key: (year, n, hr, ci or None, median tested or None (= not reached), median control,
#       endpoint, control kind)
EXPECTED = {
    "promid": (2009, "85 analysed", "0.34", ("0.20", "0.59"), "14.3", "6.0",
               "time to progression", "placebo"),
    "clarinet": (2014, "204", "0.47", ("0.30", "0.73"), None, "18.0",
                 "progression-free survival", "placebo"),
    "radiant3": (2011, "410", "0.35", ("0.27", "0.45"), "11.0", "4.6",
                 "progression-free survival", "placebo"),
    "radiant4": (2016, "302", "0.48", ("0.35", "0.67"), "11.0", "3.9",
                 "progression-free survival", "placebo"),
    "sunitinib": (2011, "171", "0.42", ("0.26", "0.66"), "11.4", "5.5",
                  "progression-free survival", "placebo"),
    "netter1": (2017, "229-231", "0.21", ("0.13", "0.33"), None, "8.4",
                "progression-free survival", "high-dose octreotide"),
    "netter2": (2024, "226", "0.276", ("0.182", "0.418"), "22.8", "8.5",
                "progression-free survival", "high-dose octreotide"),
    "cabinet_ep": (2025, "203", "0.38", ("0.25", "0.59"), "8.4", "3.9",
                   "progression-free survival", "placebo"),
    "cabinet_p": (2025, "95", "0.23", ("0.12", "0.42"), "13.8", "4.4",
                  "progression-free survival", "placebo"),
    "e2211": (2023, "144", "0.58", None, "22.7", "14.4", "progression-free survival",
              "active drug"),
    "compete": (2026, "309", "0.67", ("0.48", "0.95"), "23.9", "14.1",
                "progression-free survival", "active drug"),
}


def test_the_issue_trials_are_all_there_and_cabinet_has_two_rows() -> None:
    keys = {t.key for t in tr.TRIALS}
    assert {"promid", "clarinet", "radiant3", "radiant4", "sunitinib", "netter1", "netter2",
            "cabinet_ep", "cabinet_p", "e2211"} <= keys
    assert set(EXPECTED) == keys
    assert [t.name for t in tr.TRIALS if t.name.startswith("CABINET")] == [
        "CABINET, extra-pancreatic", "CABINET, pancreatic"]


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_trial_numbers_match_the_fact_base(key: str) -> None:
    t = tr.trial(key)
    year, n, hr, ci, med_t, med_c, endpoint, control = EXPECTED[key]
    assert (t.year, t.n, t.hr, t.ci, t.median_experimental, t.median_control, t.endpoint,
            t.control_kind) == (year, n, hr, ci, med_t, med_c, endpoint, control)
    if t.ci is not None:
        lo, hi = t.ci_values
        assert lo < t.hr_value < hi


def test_interval_status_follows_section_5_4b() -> None:
    status = {t.key: t.ci_status for t in tr.TRIALS}
    assert status["netter1"] == tr.CI_UNVERIFIED
    assert status["e2211"] == tr.CI_NOT_REPORTED
    assert all(s == tr.CI_RETRIEVED for k, s in status.items() if k not in ("netter1", "e2211"))
    assert [t.key for t in tr.TRIALS if not t.ci_drawn] == ["netter1", "e2211"]
    assert "not yet been checked" in tr.trial("netter1").note
    assert "no confidence interval" in tr.trial("e2211").note


def test_comparisons_are_labelled_with_endpoint_and_control() -> None:
    assert tr.trial("promid").endpoint == "time to progression"
    assert "phase II" in tr.trial("e2211").design and tr.trial("e2211").control_kind == \
        "active drug"
    assert "octreotide LAR 60 mg" in tr.trial("netter1").control
    assert "octreotide LAR 60 mg" in tr.trial("netter2").control
    assert "everolimus" in tr.trial("compete").control
    assert "not directly comparable" in tr.NOT_COMPARABLE


def test_median_text_shows_not_reached_in_words() -> None:
    assert tr.median_text(None) == "not reached"
    assert tr.median_text("18.0") == "18.0 months"


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_hazard_ratio_reading_says_what_it_is_not(key: str) -> None:
    text = tr.hazard_ratio_reading(key)
    t = tr.trial(key)
    assert f"HR {t.hr}" in text and f"{round(t.hr_value * 100)}%" in text
    assert "does not mean" in text and "not a cure rate" in text


def test_unknown_keys_raise_value_error_naming_them() -> None:
    for func in (tr.trial, tr.member, tr.category, tr.trials_for, tr.members_of,
                 tr.hazard_ratio_reading):
        with pytest.raises(ValueError, match="nope"):
            func("nope")


# --------------------------------------------------------------------------------------------
# The comparer's logic
# --------------------------------------------------------------------------------------------


def test_filter_by_goal_and_mechanism() -> None:
    assert {m.key for m in tr.filter_members("cure")} == {"resection", "endoscopic"}
    assert tr.filter_members("cure", "cell_killing") == ()
    assert {m.key for m in tr.filter_members("all", "receptor_radiation")} == {
        "lu_dotatate", "lu_edotreotide"}
    assert tr.filter_members() == tr.MEMBERS
    ssa = {m.key for m in tr.filter_members("tumour_control", "receptor_drug")}
    assert ssa == {"octreotide", "lanreotide"}, "SSAs also aim at tumour control"
    with pytest.raises(ValueError, match="goal"):
        tr.filter_members("best")
    with pytest.raises(ValueError, match="mechanism family"):
        tr.filter_members("all", "magic")


def test_comparison_rows_side_by_side() -> None:
    rows = tr.comparison_rows("octreotide", "lu_dotatate")
    labels = [r[0] for r in rows]
    assert labels == ["Category", "How it works", "Main goals", "How it is given",
                      "When guidelines consider it", "Trial evidence"]
    evidence = dict((r[0], (r[1], r[2])) for r in rows)["Trial evidence"]
    assert "PROMID (2009): HR 0.34" in evidence[0].text
    assert "NETTER-1 (2017): HR 0.21" in evidence[1].text
    assert "NETTER-2 (2024): HR 0.276" in evidence[1].text
    none = dict((r[0], (r[1], r[2])) for r in tr.comparison_rows("rfa", "rfa"))
    assert none["Trial evidence"][0].missing


# --------------------------------------------------------------------------------------------
# "What is discussed when": every combination of features
# --------------------------------------------------------------------------------------------

COMBOS = tr.all_feature_combinations()
RECOMMENDING = re.compile(r"\b(you should|should be given|best treatment|recommended for you|"
                          r"must be treated|the treatment of choice)\b", re.I)


def test_grades_reuse_the_grading_categories() -> None:
    grade = next(f for f in tr.FEATURES if f.key == "grade")
    assert grade.values == tuple(row.category for row in WHO_2019_TABLE)
    assert grade.values == ("NET G1", "NET G2", "NET G3", "NEC")


def test_every_combination_is_covered() -> None:
    expected = 1
    for f in tr.FEATURES:
        expected *= len(f.values)
    assert len(COMBOS) == expected == 4 * 4 * 3 * 5 * 3
    assert len({tuple(c.items()) for c in COMBOS}) == expected


@pytest.mark.parametrize("features", COMBOS,
                         ids=lambda f: "-".join(v.replace(" ", "") for v in f.values()))
def test_discussion_never_empty_never_a_single_best(features: dict[str, str]) -> None:
    d = tr.discussed_for(**features)
    assert d.categories, "nothing discussed"
    assert d.message == tr.NO_BEST_TREATMENT
    keys = d.category_keys
    assert len(set(keys)) == len(keys)
    order = [c.key for c in tr.CATEGORIES]
    assert list(keys) == sorted(keys, key=order.index), "categories must keep the table order"
    for dc in d.categories:
        assert dc.rules and dc.members
        for rule in dc.rules:
            assert rule.reason.startswith("Guidelines"), rule.reason
            assert " because " in rule.reason or "because" in rule.reason, rule.reason
            assert not RECOMMENDING.search(rule.reason), rule.reason
            assert rule.matches(features)
    assert set(keys) | {c.key for c in d.not_discussed} == set(order)


def test_the_seed_message_is_in_plain_sight() -> None:
    assert "no best treatment" in tr.NO_BEST_TREATMENT
    assert "care team" in tr.NO_BEST_TREATMENT
    assert "not a recommendation" in tr.NO_BEST_TREATMENT


def test_every_rule_and_every_note_fires_for_some_tumour() -> None:
    fired_rules, fired_notes = set(), set()
    for f in COMBOS:
        low, high = tr.KI67_RANGES[f["grade"]]
        for ki67 in {None, low, high, *(v for v in (12, 60) if low <= v <= high)}:
            d = tr.discussed_for(**f, ki67=ki67)
            fired_rules |= {id(r) for dc in d.categories for r in dc.rules}
            fired_notes |= {id(n) for n in d.notes}
    assert fired_rules == {id(r) for r in tr.DISCUSSION_RULES}
    assert fired_notes == {id(n) for n in tr.DISCUSSION_NOTES}


def _where(**fixed: str):
    return [f for f in COMBOS if all(f[k] == v for k, v in fixed.items())]


def test_receptor_negative_tumours_never_get_prrt_and_ssa_only_for_symptom_syndromes() -> None:
    # Fact base 9.4: for hormone symptoms a positive scan is not a condition (carcinoid
    # syndrome; VIPoma and glucagonoma by the octreotide label and MSD Manual); insulinoma needs
    # a positive scan; gastrinoma symptoms are a proton-pump inhibitor's job.
    for f in _where(receptors="negative"):
        keys = tr.discussed_for(**f).category_keys
        assert "prrt" not in keys, f
        assert ("ssa" in keys) == (f["function"] in ("carcinoid_syndrome", "other_syndrome")
                                   and f["grade"] != "NEC"), f


def test_other_hormone_syndrome_gets_an_analogue_whatever_the_scan() -> None:
    # Clinical review (lesson 6, item 2): "another hormone syndrome" listed nothing for symptom
    # control when receptor-negative or not imaged.
    for receptors in ("positive", "negative", "not_imaged"):
        for f in _where(function="other_syndrome", receptors=receptors):
            if f["grade"] == "NEC":
                continue
            d = tr.discussed_for(**f)
            ssa = next(dc for dc in d.categories if dc.category.key == "ssa")
            reason = " ".join(r.reason for r in ssa.rules)
            assert "VIPoma" in reason and "glucagonoma" in reason, f
            assert {"FDA_OCTREOTIDE", "MSD_GLUCAGONOMA"} <= set(ssa.sources), f


def test_no_reason_says_a_scan_establishes_eligibility_for_an_analogue() -> None:
    # A positive scan is a condition for PRRT; for an analogue it predicts response.
    for r in tr.DISCUSSION_RULES:
        assert "eligibility" not in r.reason, r.reason
        assert "receptors imaging has shown" not in r.reason, r.reason
    for n in tr.DISCUSSION_NOTES:
        assert "eligibility" not in n.text, n.text


def test_gastrinoma_symptoms_are_acid_suppression_and_analogue_only_for_growth() -> None:
    for f in _where(function="gastrinoma", grade="NET G1", extent="localised"):
        d = tr.discussed_for(**f)
        assert "ssa" not in d.category_keys, f
        assert "symptom" in d.category_keys, f
        assert any("proton-pump inhibitor is the drug of choice" in n.text for n in d.notes), f
    d = tr.discussed_for("liver_only", "NET G2", "positive", "gastrinoma", "pancreas", ki67=5)
    assert "ssa" in d.category_keys


def test_insulinoma_analogue_only_with_a_positive_scan() -> None:
    for receptors, listed in (("positive", True), ("negative", False), ("not_imaged", True)):
        d = tr.discussed_for("localised", "NET G1", receptors, "insulinoma", "pancreas")
        assert ("ssa" in d.category_keys) is listed, receptors
        if receptors == "not_imaged":
            ssa = next(dc for dc in d.categories if dc.category.key == "ssa")
            assert "only after receptor imaging" in ssa.rules[0].reason


def test_radiotherapy_reason_for_nec_does_not_talk_about_nets() -> None:
    d = tr.discussed_for("widespread", "NEC", "not_imaged", "non_functioning", "pancreas")
    rt = next(dc for dc in d.categories if dc.category.key == "radiotherapy")
    assert all("NETs" not in r.reason for r in rt.rules)
    d = tr.discussed_for("widespread", "NET G1", "positive", "non_functioning", "pancreas")
    rt = next(dc for dc in d.categories if dc.category.key == "radiotherapy")
    assert any("NETs otherwise respond poorly" in r.reason for r in rt.rules)


def test_net_g3_above_55_note_matches_what_is_listed() -> None:
    # Clinical review item 7: the note said "not listed above that" though no PRRT was listed.
    for receptors in ("positive", "not_imaged"):
        d = tr.discussed_for("widespread", "NET G3", receptors, "non_functioning", "pancreas",
                             ki67=60)
        assert "prrt" not in d.category_keys, receptors
        assert any(n.text.startswith("No PRRT setting is listed") for n in d.notes), receptors
    d = tr.discussed_for("widespread", "NET G3", "not_imaged", "non_functioning", "pancreas",
                         ki67=40)
    assert "prrt" in d.category_keys


def test_germline_note_only_for_pancreatic_nets() -> None:
    # The inherited-syndrome figure (GEURTS2020, about 10%) is about pancreatic NETs.
    nec = tr.discussed_for("localised", "NEC", "not_imaged", "non_functioning", "pancreas")
    assert not any("inherited" in n.text for n in nec.notes)
    net = tr.discussed_for("localised", "NET G1", "not_imaged", "non_functioning", "pancreas")
    (note,) = [n for n in net.notes if "inherited" in n.text]
    assert "1 in 10" in note.text and "GEURTS2020" in note.sources


def test_no_doses_for_diazoxide() -> None:
    given = tr.member("diazoxide").given.text
    assert "mg" not in given and "frequent meals" in given


def test_not_comparable_names_what_each_trial_measured() -> None:
    text = tr.NOT_COMPARABLE
    assert "PROMID measured time to progression" in text
    assert "E2211 was a randomised phase II trial against an active drug" in text
    assert "two measured different things" not in text


def _learner_strings() -> list[str]:
    texts = [tr.NOT_COMPARABLE, tr.NO_BEST_TREATMENT, tr.REGIONAL_ASSUMPTION]
    for c in tr.CATEGORIES:
        texts += [c.mechanism.text, c.setting.text]
    for m in tr.MEMBERS:
        texts += [f.text for f in (m.mechanism, m.given, m.setting, *m.details)]
    texts += [r.reason for r in tr.DISCUSSION_RULES] + [n.text for n in tr.DISCUSSION_NOTES]
    texts += [p.caption.text for p in tr.MECHANISM_PANELS]
    return texts


def test_grade_never_described_as_speed() -> None:
    # Fact base 9.13: a grade counts dividing cells; it is not a speed.
    pattern = re.compile(r"how fast|fast(er)?-growing|slow(ly)?[- ]dividing|\bspeed", re.I)
    for text in _learner_strings():
        assert not pattern.search(text), text


def test_nec_gets_platinum_etoposide_and_no_receptor_treatments() -> None:
    for f in _where(grade="NEC"):
        d = tr.discussed_for(**f)
        chemo = next(dc for dc in d.categories if dc.category.key == "chemotherapy")
        assert "platinum_etoposide" in {m.key for m in chemo.members}
        assert "prrt" not in d.category_keys and "ssa" not in d.category_keys


def test_localised_net_discusses_surgery_and_not_chemotherapy() -> None:
    for grade in ("NET G1", "NET G2", "NET G3"):
        for f in _where(extent="localised", grade=grade):
            keys = tr.discussed_for(**f).category_keys
            assert keys[0] == "surgery" and "chemotherapy" not in keys, f


def test_sunitinib_only_for_pancreatic_and_everolimus_gut_only_non_functioning() -> None:
    for f in COMBOS:
        members = {m.key for dc in tr.discussed_for(**f).categories for m in dc.members}
        if "sunitinib" in members:
            assert f["site"] == "pancreas"
        if "everolimus" in members and f["site"] != "pancreas":
            assert f["function"] in ("non_functioning", "insulinoma")


def test_prrt_first_line_only_for_g2_g3_and_ssa_growth_control_only_g1_g2() -> None:
    first_line = next(r for r in tr.DISCUSSION_RULES if "first treatment" in r.reason)
    assert dict(first_line.when)["grade"] == {"NET G2", "NET G3"}
    growth = next(r for r in tr.DISCUSSION_RULES
                  if r.category == "ssa" and "first-line antiproliferative" in r.reason)
    assert dict(growth.when)["grade"] == {"NET G1", "NET G2"}
    assert dict(growth.when)["receptors"] == {"positive"}


def test_symptom_treatments_follow_the_syndrome() -> None:
    for f in COMBOS:
        d = tr.discussed_for(**f)
        members = {m.key for dc in d.categories for m in dc.members}
        assert ("telotristat" in members) == (f["function"] == "carcinoid_syndrome")
        assert ("ppi" in members) == (f["function"] == "gastrinoma")
        assert ("diazoxide" in members) == (f["function"] == "insulinoma")


def test_insulinoma_ssa_only_when_receptor_positive_or_pending_imaging() -> None:
    for f in _where(function="insulinoma"):
        keys = tr.discussed_for(**f).category_keys
        if f["receptors"] == "negative":
            assert "ssa" not in keys


def test_not_imaged_points_to_receptor_imaging_first() -> None:
    for f in _where(receptors="not_imaged", grade="NET G2", extent="liver_only"):
        d = tr.discussed_for(**f)
        assert any("Receptor imaging" in n.text for n in d.notes)
        prrt = next(dc for dc in d.categories if dc.category.key == "prrt")
        assert "only after receptor imaging" in prrt.rules[0].reason


def test_advanced_net_g3_discusses_chemotherapy() -> None:
    for f in _where(grade="NET G3", extent="widespread"):
        assert "chemotherapy" in tr.discussed_for(**f).category_keys


def test_bad_features_raise_value_error_naming_value_and_choices() -> None:
    good = {"extent": "localised", "grade": "NET G1", "receptors": "positive",
            "function": "non_functioning", "site": "gut"}
    for key, bad in (("extent", "everywhere"), ("grade", "G2"), ("receptors", "yes"),
                     ("function", "functional"), ("site", "lung")):
        with pytest.raises(ValueError, match=rf"{key} must be one of .*'{bad}'"):
            tr.discussed_for(**{**good, key: bad})


# --------------------------------------------------------------------------------------------
# "How it works" panels
# --------------------------------------------------------------------------------------------


def test_mechanism_panels_cover_every_state() -> None:
    for mechanism in tr.MECHANISM_LABELS:
        receptor_states = ("positive", "negative") if mechanism in tr.RECEPTOR_MECHANISMS \
            else (None,)
        for receptors in receptor_states:
            for treated in (False, True):
                panel = tr.mechanism_panel(mechanism, receptors, treated)
                assert panel.caption.sources
    assert "portal vein" in tr.mechanism_panel("embolisation", "ignored", False).caption.text
    assert "not respond" in tr.mechanism_panel("prrt", "negative", True).caption.text
    with pytest.raises(ValueError, match="mechanism"):
        tr.mechanism_panel("surgery", None, False)
    with pytest.raises(ValueError, match="receptors"):
        tr.mechanism_panel("ssa", None, True)
