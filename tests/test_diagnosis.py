"""The diagnosis data (`gepnet_widgets.diagnosis`): complete, cited, linked, true to the fact base.

Numbers below were copied by hand from the project fact base (``shared/reference/gepnet-facts.md``,
sections 3 and 4), so data that drift from it fail here.
"""

from __future__ import annotations

import itertools

import pytest

from gepnet_widgets import diagnosis as dx
from gepnet_widgets.sources import SOURCES
from gepnet_widgets.syndromes import CONFIRM_TESTS

SEED_TESTS = ("history_exam", "chromogranin_a", "hormone_tests", "urine_5hiaa", "ct", "mri",
              "sstr_pet", "fdg_pet", "endoscopy", "eus", "biopsy_ihc")
SEED_QUESTIONS = ("net", "t", "n", "m", "grade", "hormones", "receptors")


def _facts(test_id: str) -> str:
    return " ".join(s.text for s in dx.TESTS[test_id].facts)


# --- completeness and sources --------------------------------------------------------------------


def test_the_seed_tests_and_questions():
    assert tuple(dx.TESTS) == SEED_TESTS
    assert tuple(dx.QUESTIONS) == SEED_QUESTIONS
    assert len(dx.matrix()) == len(SEED_TESTS) * len(SEED_QUESTIONS)


def test_every_entry_cites_known_sources():
    entries = [(f"{t.id} fact {i}", s.sources) for t in dx.TESTS.values()
               for i, s in enumerate(t.facts)]
    entries += [(f"cell {k}", c.sources) for k, c in dx.CELLS.items()]
    entries += [(f"scenario {s.id} {t}", c.sources) for s in dx.SCENARIOS.values()
                for t, c in s.overrides]
    entries += [(f"marker {m.id}", m.normal.sources) for m in dx.MARKERS.values()]
    entries += [(f"interference {k}", i.effect.sources) for k, i in dx.INTERFERENCES.items()]
    entries += [(f"advice {k}", i.advice.sources) for k, i in dx.INTERFERENCES.items()
                if i.advice]
    assert len(entries) > 60
    for name, keys in entries:
        assert keys, f"{name} has no source"
        assert all(k in SOURCES for k in keys), (name, keys)
    assert set(dx.all_source_keys()) <= set(SOURCES)


def test_every_explicit_cell_is_a_known_pair_with_a_reason():
    for (t, q), c in dx.CELLS.items():
        assert t in dx.TESTS and q in dx.QUESTIONS, (t, q)
        assert c.level in dx.LEVELS and c.text.strip()
    assert all(t.facts for t in dx.TESTS.values())
    default = dx.cell("history_exam", "grade")
    assert default.level == "no" and default.text == dx.NO_CELL_TEXT and default.sources == ()


def test_no_dangling_cross_references():
    linked = {c for t in dx.TESTS.values() for c in t.confirms}
    assert linked == set(CONFIRM_TESTS), "every confirming test of lesson 5 has a row here"
    assert dx.TESTS["urine_5hiaa"].confirms == ("urine_5hiaa",)
    for s in dx.SCENARIOS.values():
        assert s.question in dx.QUESTIONS
        assert all(t in dx.TESTS for t, _c in s.overrides)
        assert s.best, f"scenario {s.id} has no test that answers it"
    for (m, c), i in dx.INTERFERENCES.items():
        assert (i.marker, i.condition) == (m, c)
        assert m in dx.MARKERS and c in dx.CONDITIONS
    assert {c for _m, c in dx.INTERFERENCES} == set(dx.CONDITIONS), "no unused condition"
    assert {m for m, _c in dx.INTERFERENCES} == set(dx.MARKERS)


# --- facts and numbers match the fact base -------------------------------------------------------


def test_imaging_numbers():
    assert "about 80%" in _facts("ct") and "76-100%" in _facts("ct")
    assert "67-100%" in _facts("mri")
    sstr = _facts("sstr_pet")
    for text in ("More than 70%", "SSTR2 and SSTR5", "90.9%", "96.6%", "97.0%", "97.7%",
                 "1000 patients", "68Ga-DOTATATE", "64Cu-DOTATATE", "68Ga-DOTATOC"):
        assert text in sstr + dx.TESTS["sstr_pet"].what, text
    eus = _facts("eus")
    assert "more than 90% of insulinomas" in eus and "about 90% accurate" in eus


def test_marker_numbers_and_pitfalls():
    cga = _facts("chromogranin_a")
    for cause in ("proton-pump", "H2 blockers", "atrophic gastritis", "kidney or liver failure",
                  "high blood pressure", "heart failure", "inflammatory bowel disease",
                  "other cancers"):
        assert cause in cga, cause
    advice = dx.INTERFERENCES[("chromogranin_a", "ppi")].advice.text
    assert "2-week pause" in advice and "82%" in advice and "77%" in advice
    assert "medical supervision" in advice and "stopped" not in advice
    assert "more than a week" in dx.INTERFERENCES[("gastrin", "ppi")].advice.text
    assert "88%" in _facts("urine_5hiaa") and "35%" in _facts("urine_5hiaa")
    foods = dx.INTERFERENCES[("urine_5hiaa", "serotonin_foods")].advice.text
    for food in ("bananas", "tomatoes", "eggplant", "pineapple", "walnuts", "avocado", "kiwi"):
        assert food in foods.lower()


def test_tissue_diagnosis_markers():
    tissue = _facts("biopsy_ihc")
    assert "synaptophysin and chromogranin A" in tissue and "Ki-67" in tissue
    assert "fine-needle aspirate" in tissue and "p53 and Rb" in tissue
    assert dx.TESTS["biopsy_ihc"].facts[0].sources == ("S23",)


def test_key_cells():
    expected = {
        ("biopsy_ihc", "net"): "yes", ("biopsy_ihc", "grade"): "yes",
        ("chromogranin_a", "net"): "partly", ("chromogranin_a", "hormones"): "no",
        ("sstr_pet", "receptors"): "yes", ("sstr_pet", "m"): "yes",
        ("sstr_pet", "grade"): "no", ("sstr_pet", "hormones"): "no",
        ("fdg_pet", "grade"): "partly", ("fdg_pet", "receptors"): "partly",
        ("urine_5hiaa", "hormones"): "yes", ("hormone_tests", "hormones"): "yes",
        ("history_exam", "hormones"): "partly", ("eus", "t"): "yes",
        ("endoscopy", "t"): "yes", ("ct", "m"): "yes", ("mri", "m"): "yes",
    }
    for (t, q), level in expected.items():
        assert dx.cell(t, q).level == level, (t, q)
    assert dx.cell("sstr_pet", "receptors").sources[0] == "S8"
    # Issue 11: FDG PET for NEC rests on the ENETS 2023 NEC guidance, no longer a "?".
    assert not dx.cell("fdg_pet", "m").unverified
    assert "S44" in dx.cell("fdg_pet", "m").sources
    # Issue 11 (fact base 9.5): no "two thirds"; GLP-1 receptor PET named.
    assert "two thirds" not in dx.cell("sstr_pet", "hormones").text
    assert "often misses insulinomas" in dx.cell("sstr_pet", "hormones").text
    assert "GLP-1 receptor" in dx.scenario("insulin").verdict("sstr_pet").text


def test_the_three_cited_pitfalls():
    # Proton-pump inhibitors raise chromogranin A and gastrin.
    assert not dx.interpret_marker("chromogranin_a", ["ppi"]).high_trustworthy
    assert not dx.interpret_marker("gastrin", ["ppi"]).high_trustworthy
    # Issue 11, critical (fact base 9.1): H2 blockers raise gastrin too.
    h2 = dx.interpret_marker("gastrin", ["h2_blocker"])
    assert not h2.high_trustworthy
    assert "H2 blockers raise gastrin" in h2.interfering[0].effect.text
    assert "MURUGESAN2009" in h2.source_keys
    assert "face value" not in dx.interpret_marker("gastrin", []).verdict
    # Foods to avoid before urine 5-HIAA.
    assert not dx.interpret_marker("urine_5hiaa", ["serotonin_foods"]).high_trustworthy
    assert dx.interpret_marker("urine_5hiaa", ["ppi"]).high_trustworthy
    # SSTR imaging decides whether receptor-targeted treatment can work.
    assert "PRRT" in dx.SSTR_DECIDES_TREATMENT.text
    assert dx.SSTR_DECIDES_TREATMENT in dx.TESTS["sstr_pet"].facts
    # Sources disagree on blood chromogranin A.
    assert dx.CGA_DISAGREEMENT.sources == ("S5", "S1")
    assert "does not rule out" in dx.MARKERS["chromogranin_a"].normal.text


# --- logic ---------------------------------------------------------------------------------


@pytest.mark.parametrize("marker_id", list(dx.MARKERS))
def test_interpretation_of_every_condition_subset(marker_id):
    conditions = list(dx.CONDITIONS)
    for r in range(3):
        for ticked in itertools.combinations(conditions, r):
            result = dx.interpret_marker(marker_id, ticked)
            interfering = {c for c in ticked if (marker_id, c) in dx.INTERFERENCES}
            assert {i.condition for i in result.interfering} == interfering
            assert set(result.harmless) == set(ticked) - interfering
            assert result.high_trustworthy is (not interfering)
            assert ("false rise" in result.verdict) is bool(interfering)


@pytest.mark.parametrize("scenario_id", list(dx.SCENARIOS))
def test_plans(scenario_id):
    s = dx.SCENARIOS[scenario_id]
    perfect = dx.judge_plan(scenario_id, s.best)
    assert perfect.complete and perfect.best_found == perfect.best_total == len(s.best)
    everything = dx.judge_plan(scenario_id, dx.TESTS)
    assert everything.best_found == len(s.best)
    assert everything.unhelpful == sum(1 for t in dx.TESTS if s.verdict(t).level == "no")
    assert not everything.complete
    assert [p.test for p in everything.picks] == list(dx.TESTS)
    nothing = dx.judge_plan(scenario_id, [])
    assert nothing.picks == () and nothing.summary.startswith("0 of")


def test_scenarios_that_narrow_the_column():
    serotonin = dx.SCENARIOS["serotonin"]
    assert serotonin.best == ("urine_5hiaa",)
    assert serotonin.verdict("hormone_tests").level == "no"
    insulin = dx.SCENARIOS["insulin"]
    assert insulin.best == ("hormone_tests",)
    assert insulin.verdict("urine_5hiaa").level == "no"
    assert insulin.verdict("sstr_pet").level == "no"
    assert set(dx.SCENARIOS["liver"].best) == {"ct", "mri", "sstr_pet"}
    assert dx.SCENARIOS["liver"].verdict("chromogranin_a").level == "no"
    assert dx.SCENARIOS["growth"].best == ("biopsy_ihc",)
    assert dx.SCENARIOS["receptors"].best == ("sstr_pet",)
    assert dx.SCENARIOS["rectal-depth"].best == ("eus",)


def test_plan_summary_wording():
    r = dx.judge_plan("liver", ["chromogranin_a", "mri", "fdg_pet"])
    assert r.summary == "1 of 3 best tests picked; 1 pick does not help"
    r = dx.judge_plan("liver", ["chromogranin_a", "urine_5hiaa"])
    assert r.summary == "0 of 3 best tests picked; 2 picks do not help"


def test_bad_inputs_name_what_is_allowed():
    with pytest.raises(ValueError, match=r"unknown test 'pet'.*sstr_pet"):
        dx.cell("pet", "m")
    with pytest.raises(ValueError, match="unknown question 'size'"):
        dx.cell("ct", "size")
    with pytest.raises(ValueError, match="unknown scenario 'x'"):
        dx.judge_plan("x", [])
    with pytest.raises(ValueError, match="unknown test 'x'"):
        dx.judge_plan("liver", ["x"])
    with pytest.raises(ValueError, match="unknown marker 'x'"):
        dx.interpret_marker("x", [])
    with pytest.raises(ValueError, match="unknown condition 'x'"):
        dx.interpret_marker("gastrin", ["x"])
