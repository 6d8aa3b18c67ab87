"""The syndrome data (`gepnet_widgets.syndromes`): complete, cited, linked, true to the fact base.

Numbers and placements below were copied by hand from the project fact base
(``shared/reference/gepnet-facts.md``, section 3 and section 4), so a change in the data that
drifts from the fact base fails here.
"""

from __future__ import annotations

import itertools
import re

import pytest

from gepnet_widgets import syndromes as syn
from gepnet_widgets.sources import SOURCES
from gepnet_widgets.staging import SITES

SIX = ("insulinoma", "gastrinoma", "glucagonoma", "vipoma", "somatostatinoma",
       "carcinoid_syndrome")
HORMONE_OF = {"insulinoma": "insulin", "gastrinoma": "gastrin", "glucagonoma": "glucagon",
              "vipoma": "vip", "somatostatinoma": "somatostatin",
              "carcinoid_syndrome": "serotonin"}


def _statements():
    """Every cited object in the module, with a name for error messages."""
    for h in syn.HORMONES.values():
        yield f"hormone {h.id}", h.sources
    for s in syn.SYNDROMES.values():
        for f in s.features:
            yield f"{s.id} feature {f.symptom}", f.sources
        for link in s.sites:
            yield f"{s.id} site {link.place}", link.sources
        for i, n in enumerate(s.notes):
            yield f"{s.id} note {i}", n.sources
    for t in syn.CONFIRM_TESTS.values():
        for i, d in enumerate(t.details):
            yield f"test {t.id} detail {i}", d.sources
    for d in syn.DRAINAGE.values():
        yield f"drainage {d.place}", d.sources
    for m in syn.MYSTERIES.values():
        yield f"mystery {m.id}", m.sources
    for name in ("FUNCTIONAL_DEFINITION", "NONFUNCTIONING_DEFINITION", "MOST_ARE_NONFUNCTIONING",
                 "INACTIVE_PRODUCTS", "NOT_IN_STAGING", "RARER_SYNDROMES", "LIVER_INACTIVATES",
                 "CARCINOID_MAINLY_WITH_LIVER_METASTASES", "OTHER_BYPASS_ROUTES"):
        yield name, getattr(syn, name).sources
    for i, d in enumerate(syn.SOURCE_DISAGREEMENTS):
        yield f"disagreement {i}", d.sources


# --- every entry has a source that resolves ------------------------------------------------------


def test_every_entry_cites_known_sources():
    seen = 0
    for name, keys in _statements():
        seen += 1
        assert keys, f"{name} has no source"
        assert len(set(keys)) == len(keys), f"{name} repeats a source"
        unknown = [k for k in keys if k not in SOURCES]
        assert not unknown, f"{name} cites unknown {unknown}"
    assert seen > 50
    assert set(syn.all_source_keys()) <= set(SOURCES)


def test_the_six_syndromes_and_their_hormones():
    assert tuple(syn.SYNDROMES) == SIX
    assert {s: syn.SYNDROMES[s].hormone for s in SIX} == HORMONE_OF


# --- no dangling cross-references ---------------------------------------------------------------


def test_cross_references_resolve():
    for s in syn.SYNDROMES.values():
        assert s.hormone in syn.HORMONES, s.id
        assert s.test in syn.CONFIRM_TESTS, s.id
        assert set(s.symptoms) <= set(syn.SYMPTOMS), s.id
        assert set(s.places) <= set(syn.PLACES), s.id
        assert len(set(s.symptoms)) == len(s.symptoms), s.id
        assert any(link.main for link in s.sites), f"{s.id} has no usual site"


def test_nothing_is_orphaned():
    used = syn.SYNDROMES.values()
    assert {s.hormone for s in used} == set(syn.HORMONES)
    assert {s.test for s in used} == set(syn.CONFIRM_TESTS)
    assert {x for s in used for x in s.symptoms} == set(syn.SYMPTOMS)


def test_places_reuse_the_staging_site_keys():
    for site in SITES:
        assert site in syn.PLACES
    assert not set(syn.EXTRA_PLACES) & set(SITES)
    gep_places = {p for s in syn.SYNDROMES.values() for p in s.places if p in SITES}
    assert gep_places == {"pancreas", "duodenum", "jejunum_ileum"}
    assert set(syn.DRAINAGE) <= set(syn.PLACES)
    assert set(syn.FLOW_PRIMARIES) <= set(syn.DRAINAGE)
    assert tuple(syn.FLOW_PRIMARY_LABELS) == syn.FLOW_PRIMARIES


def test_mysteries_use_only_their_syndromes_features():
    answers = {m.answer for m in syn.MYSTERIES.values()}
    assert answers == set(SIX) | {syn.NONFUNCTIONING}, "one story per syndrome and one without"
    for m in syn.MYSTERIES.values():
        if m.answer == syn.NONFUNCTIONING:
            assert m.clues == () and m.hormone == syn.NO_HORMONE
            continue
        s = syn.SYNDROMES[m.answer]
        assert m.clues and set(m.clues) <= set(s.symptoms), m.id
        assert m.hormone == s.hormone
        assert len(m.clues) <= 3, m.id
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", m.id)


# --- numbers and placements match the fact base --------------------------------------------------


def _site_note(syndrome_id: str, place: str) -> syn.SiteLink:
    return next(x for x in syn.SYNDROMES[syndrome_id].sites if x.place == place)


def _test_text(test_id: str) -> str:
    return " ".join(d.text for d in syn.CONFIRM_TESTS[test_id].details)


def _notes(syndrome_id: str) -> str:
    return " ".join(n.text for n in syn.SYNDROMES[syndrome_id].notes)


def test_usual_sites_match_fact_base():
    assert syn.SYNDROMES["insulinoma"].places == ("pancreas",)
    assert syn.SYNDROMES["glucagonoma"].places == ("pancreas",)
    assert "tail" in _site_note("glucagonoma", "pancreas").note
    assert _site_note("glucagonoma", "pancreas").sources == ("S8",)
    assert syn.SYNDROMES["vipoma"].places == ("pancreas",)
    assert _site_note("vipoma", "pancreas").note == "mostly the pancreas"  # no internal note
    gastrinoma = _site_note("gastrinoma", "duodenum")
    assert "70-80%" in gastrinoma.note and gastrinoma.sources == ("S18",)
    assert "head" in _site_note("gastrinoma", "pancreas").note
    assert set(syn.SYNDROMES["somatostatinoma"].places) == {"pancreas", "duodenum"}
    assert "up to 50%" in _site_note("somatostatinoma", "duodenum").note
    carcinoid = syn.SYNDROMES["carcinoid_syndrome"]
    assert carcinoid.places == ("jejunum_ileum", "ovary", "lung")
    assert [x.main for x in carcinoid.sites] == [True, False, False]
    assert "EC (enterochromaffin) cells" in _site_note("carcinoid_syndrome", "jejunum_ileum").note


def test_confirming_test_numbers_match_fact_base():
    fast = _test_text("supervised_fast")
    for number in ("48-72 hours", "55 mg/dL", "3.0 mmol/L", "0.6 ng/mL", "0.2 nmol/L",
                   "5 pmol/L", "98%", "70-80%", "3 µU/mL", "6 µU/mL"):
        assert number in fast, number
    gastrin = _test_text("gastrin_ph_secretin")
    for number in ("10 times", "pH below 2", "120 pg/mL", "94%", "100%", "two thirds"):
        assert number in gastrin, number
    assert "more than a week" in gastrin and "Proton-pump inhibitors" in gastrin
    assert "H2 blockers raise gastrin" in gastrin and "medical supervision" in gastrin
    # Issue 11: a fast is positive or negative; the sulfonylurea screen is part of it.
    assert "positive or negative" in fast and "sulfonylureas" in fast
    assert syn.CONFIRM_TESTS["supervised_fast"].positive == "positive"
    assert syn.CONFIRM_TESTS["urine_5hiaa"].positive == "raised"
    assert "above 1000 pg/mL" in _test_text("glucagon_level")
    assert "above 200 pg/mL" in _test_text("vip_level")
    assert "above 100 pg/mL" in _test_text("somatostatin_level")
    hiaa = _test_text("urine_5hiaa")
    for text in ("88%", "35%", "48 hours", "within 24"):
        assert text in hiaa, text
    # Issue 11 (fact base 9.3): the 35% concerns NETs in general, not carcinoid syndrome.
    assert "finding NETs in general" in hiaa and "rule out carcinoid syndrome" not in hiaa
    for food in ("bananas", "tomatoes", "eggplant", "pineapple", "walnuts", "avocado", "kiwi"):
        assert food in hiaa, food


def test_notes_match_fact_base():
    insulinoma = _notes("insulinoma")
    assert "10% are multiple" in insulinoma and "10% are malignant" in insulinoma
    assert "5-8%" in insulinoma and "two thirds" not in insulinoma
    # Issue 11 (fact base 9.5): GLP-1 receptor PET and symptom control with diazoxide.
    assert "GLP-1 receptor" in insulinoma and "42 of 43" in insulinoma
    assert "diazoxide" in insulinoma and "frequent meals" in insulinoma
    assert "Germline" in _notes("gastrinoma")
    assert "Echocardiography" in _notes("carcinoid_syndrome")
    assert "20-30%" in _notes("gastrinoma") and "15-35%" in _notes("gastrinoma")
    assert "75%" in _notes("glucagonoma")
    assert "fewer than 20%" in _notes("carcinoid_syndrome")
    heart = next(f for f in syn.SYNDROMES["carcinoid_syndrome"].features
                 if f.symptom == "heart_valves")
    assert "more than a third" in heart.detail and "tricuspid" in heart.detail


def test_sources_of_key_facts():
    assert syn.CONFIRM_TESTS["urine_5hiaa"].details[0].sources == ("S1", "S19", "TORMEY1995")
    assert syn.CONFIRM_TESTS["gastrin_ph_secretin"].details[2].sources == (
        "S8", "S18", "MURUGESAN2009")
    assert syn.FUNCTIONAL_DEFINITION.sources == ("S16",)
    assert syn.NONFUNCTIONING_DEFINITION.sources == ("S8",)
    assert syn.MOST_ARE_NONFUNCTIONING.sources == ("S2",)
    assert syn.NOT_IN_STAGING.sources == ("S3",)
    assert "whether or not" in syn.NONFUNCTIONING_DEFINITION.text


def test_unverified_items_are_flagged():
    classic = syn.CONFIRM_TESTS["gastrin_ph_secretin"].details[0]
    assert "10 times" in classic.text and classic.unverified
    verified = [d for t in syn.CONFIRM_TESTS.values() for d in t.details if not d.unverified]
    assert len(verified) >= 10
    # Left out on purpose (unverified in the fact base): insulinoma weight gain.
    text = " ".join(f.detail for s in syn.SYNDROMES.values() for f in s.features)
    assert "weight" not in text.lower()


# --- navigation in both directions ---------------------------------------------------------------


def test_links_from_a_symptom():
    links = syn.links_from("symptom", "diarrhoea")
    assert set(links.syndromes) == {"gastrinoma", "vipoma", "somatostatinoma",
                                    "carcinoid_syndrome"}
    assert set(links.hormones) == {"gastrin", "vip", "somatostatin", "serotonin"}
    assert "urine_5hiaa" in links.tests and "supervised_fast" not in links.tests
    assert syn.links_from("symptom", "hypoglycaemia").syndromes == ("insulinoma",)
    assert set(syn.links_from("symptom", "diabetes").syndromes) == {"glucagonoma",
                                                                     "somatostatinoma"}


def test_links_from_site_hormone_and_test():
    assert syn.links_from("site", "duodenum").syndromes == ("gastrinoma", "somatostatinoma")
    assert syn.links_from("site", "ovary").syndromes == ("carcinoid_syndrome",)
    assert len(syn.links_from("site", "pancreas").syndromes) == 5
    assert syn.links_from("hormone", "vip").syndromes == ("vipoma",)
    assert syn.links_from("test", "urine_5hiaa").syndromes == ("carcinoid_syndrome",)


@pytest.mark.parametrize("syndrome_id", SIX)
def test_every_link_can_be_walked_back(syndrome_id):
    s = syn.SYNDROMES[syndrome_id]
    assert syn.links_from("syndrome", s.id).syndromes == (s.id,)
    assert syn.links_from("hormone", s.hormone).syndromes == (s.id,)
    assert syn.links_from("test", s.test).syndromes == (s.id,)
    for symptom_id in s.symptoms:
        assert s.id in syn.links_from("symptom", symptom_id).syndromes
    for place in s.places:
        assert s.id in syn.links_from("site", place).syndromes
    forward = syn.links_from("syndrome", s.id)
    assert forward.symptoms == s.symptoms and forward.places == s.places
    assert forward.hormones == (s.hormone,) and forward.tests == (s.test,)


@pytest.mark.parametrize("kind", [k for _label, k in syn.START_KINDS])
def test_every_option_has_links_and_a_label(kind):
    options = syn.item_options(kind)
    assert options
    for label, item in options:
        assert syn.item_label(kind, item) == label
        assert syn.links_from(kind, item).syndromes, (kind, item)


def test_bad_inputs_name_what_is_allowed():
    with pytest.raises(ValueError, match=r"unknown starting point 'organ'.*symptom"):
        syn.links_from("organ", "x")
    with pytest.raises(ValueError, match=r"unknown symptom 'cough'.*diarrhoea"):
        syn.links_from("symptom", "cough")
    with pytest.raises(ValueError, match="unknown place 'brain'"):
        syn.links_from("site", "brain")
    with pytest.raises(ValueError, match="unknown hormone"):
        syn.hormone("ghrelin")
    with pytest.raises(ValueError, match="unknown syndrome"):
        syn.syndrome(None)
    with pytest.raises(ValueError, match="unknown confirming test"):
        syn.confirm_test("mri")
    with pytest.raises(ValueError, match="unknown starting point"):
        syn.item_options("organ")
    with pytest.raises(ValueError, match="unknown symptom 'x'"):
        syn.item_label("symptom", "x")


# --- carcinoid flow -------------------------------------------------------------------------


@pytest.mark.parametrize(("primary", "liver", "bone"),
                         list(itertools.product(("jejunum_ileum", "ovary", "lung"),
                                                (False, True), (False, True))))
def test_serotonin_reaches_the_body_only_past_the_liver(primary, liver, bone):
    # Fact base section 3: mainly midgut NETs with liver metastases; exceptions bypass the liver
    # (ovarian or bronchial primaries, extensive bone metastases).
    expected = primary in ("ovary", "lung") or liver or bone
    result = syn.serotonin_flow(primary, liver, bone)
    assert result.reaches_body is expected
    assert result.steps[0].place == primary
    assert [s.place for s in result.steps[1:]] == [p for p, on in (("liver", liver),
                                                                    ("bone", bone)) if on]
    assert ("can occur" in result.verdict) is expected
    assert result.source_keys[0] == "S1" and set(result.source_keys) <= {"S1", "RCC_GEPNET"}


def test_liver_note_never_says_inactivated_when_liver_metastases_release_serotonin():
    assert "inactivates" in syn.serotonin_flow("jejunum_ileum").liver_note
    for primary in syn.FLOW_PRIMARIES:
        note = syn.serotonin_flow(primary, liver_metastases=True).liver_note
        assert "hepatic veins" in note and "inactivat" not in note
    assert syn.serotonin_flow("lung").liver_note == ""
    assert "hepatic veins" in syn.DRAINAGE["liver"].text


def test_serotonin_flow_refuses_bad_input():
    with pytest.raises(ValueError, match=r"unknown primary place 'pancreas'.*jejunum_ileum"):
        syn.serotonin_flow("pancreas")
    with pytest.raises(ValueError, match="liver_metastases must be True or False"):
        syn.serotonin_flow("ovary", liver_metastases=1)


# --- mystery patients -------------------------------------------------------------------------

HORMONE_PICKS = [v for _label, v in syn.hormone_choices()]
SYNDROME_PICKS = [v for _label, v in syn.syndrome_choices()]


@pytest.mark.parametrize("mystery_id", list(syn.MYSTERIES))
def test_every_answer_gets_its_own_feedback(mystery_id):
    m = syn.MYSTERIES[mystery_id]
    right = syn.judge_mystery(m.id, m.hormone, m.answer)
    assert right.solved and right.hormone.correct and right.syndrome.correct
    assert right.hormone.feedback.startswith("Yes")
    feedbacks = set()
    for pick in HORMONE_PICKS:
        v = syn.judge_mystery(m.id, pick, "")
        assert v.hormone.correct is (pick == m.hormone)
        assert v.syndrome.correct is None
        assert v.hormone.feedback.strip()
        feedbacks.add(v.hormone.feedback)
    assert len(feedbacks) == len(HORMONE_PICKS), "each hormone answer has its own feedback"
    for pick in SYNDROME_PICKS:
        v = syn.judge_mystery(m.id, "", pick)
        assert v.syndrome.correct is (pick == m.answer)
        assert not v.solved
    unanswered = syn.judge_mystery(m.id)
    assert unanswered.hormone.correct is None and unanswered.syndrome.correct is None


def test_feedback_names_the_clue_a_wrong_answer_misses():
    v = syn.judge_mystery("ulcers", "vip", "vipoma")
    assert "would explain diarrhoea" in v.hormone.feedback
    assert "ulcers" in v.hormone.feedback and "acid reflux" in v.hormone.feedback
    v = syn.judge_mystery("gallstones", "glucagon", "glucagonoma")
    assert "diabetes" in v.hormone.feedback and "gallstones" in v.hormone.feedback


def test_nonfunctioning_story_targets_the_misconception():
    m = syn.MYSTERIES["by-chance"]
    assert "chromogranin A is raised" in m.story
    v = syn.judge_mystery(m.id, "insulin", "insulinoma")
    assert v.hormone.correct is False and "no hormone-related symptoms" in v.hormone.feedback
    assert "does not make a tumour functioning" in v.syndrome.feedback
    v = syn.judge_mystery("flushing", syn.NO_HORMONE, syn.NONFUNCTIONING)
    assert v.hormone.correct is False and "flushing" in v.hormone.feedback


def test_judge_refuses_unknown_ids():
    with pytest.raises(ValueError, match="unknown mystery patient 'x'"):
        syn.judge_mystery("x")
    with pytest.raises(ValueError, match="unknown hormone 'ghrelin'"):
        syn.judge_mystery("ulcers", "ghrelin")
    with pytest.raises(ValueError, match="unknown syndrome 'x'"):
        syn.judge_mystery("ulcers", "", "x")
