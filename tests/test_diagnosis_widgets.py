"""The lesson-2 explorers without a browser: every control, every option, readouts and drawings."""

from __future__ import annotations

import html
import re

import pytest

from gepnet_widgets import diagnosis as dx
from gepnet_widgets.widgets.base import Explorer
from gepnet_widgets.widgets.diagnosis import MarkerPitfalls, TestMatrix, WorkupPlanner

EXPLORERS = (TestMatrix, WorkupPlanner, MarkerPitfalls)


def tagged(readout: str, css: str) -> str:
    found = re.findall(rf'<b class="{css}">([^<]*)</b>', readout)
    assert len(found) == 1, (css, readout[:400])
    return html.unescape(found[0])


def no_error(explorer: Explorer) -> None:
    assert "gepnet-error" not in explorer.readout.value
    assert explorer.view.alt and "data:image/png;base64," in explorer.view.widget.value


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_every_option_of_every_control_updates_without_error(cls):
    e = cls()
    for name, control in e.controls.items():
        values = ([v for _label, v in control.options] if hasattr(control, "options")
                  else [not control.value, control.value])
        for value in values:
            control.value = value
            assert control.value == value, name
            no_error(e)
    assert e.view.render_count > len(e.controls)


# --- matrix ---------------------------------------------------------------------------------


def test_matrix_default_is_chromogranin_a_for_diagnosis():
    e = TestMatrix()
    r = e.readout.value
    assert tagged(r, "gepnet-matrix-test-name") == "Blood chromogranin A"
    assert tagged(r, "gepnet-matrix-answer") == dx.LEVEL_WORDS["partly"]
    assert "does not rule out" in r and "AJCC version 9" in r
    assert "Answer: partly." in e.view.alt


def test_matrix_every_cell():
    e = TestMatrix()
    pngs = set()
    for t in dx.TESTS:
        for q in dx.QUESTIONS:
            with e.quietly():
                e.test.value = t
                e.question.value = q
            e.refresh()
            c = dx.cell(t, q)
            r = e.readout.value
            assert tagged(r, "gepnet-matrix-answer") == dx.LEVEL_WORDS[c.level], (t, q)
            assert html.escape(c.text) in r
            assert (f"{dx.TESTS[t].name}, {dx.QUESTIONS[q].text}") in e.view.alt
            pngs.add(e.view.png)
    assert len(pngs) == len(dx.TESTS) * len(dx.QUESTIONS), "each cell framed differently"


def test_matrix_links_hormone_tests_to_lesson_5():
    e = TestMatrix(test="hormone_tests", question="hormones")
    assert "Supervised fast (48-72 hours)" in e.readout.value
    assert "see lesson 5" in e.readout.value


def test_matrix_has_one_sources_line_and_the_extra_work_up():
    e = TestMatrix(test="fdg_pet", question="m")
    assert "partly verified" not in e.readout.value
    assert e.readout.value.count('class="gepnet-sources"') == 1
    visible = re.sub(r"<[^>]+>", "", e.readout.value)
    assert "[S" not in visible and "S44" not in visible and "ENETS NEC" in visible
    assert "Germline" in e.readout.value and "Echocardiography" in e.readout.value


def test_planner_flags_the_unchecked_rectal_imaging_statement():
    e = WorkupPlanner(scenario="rectal-depth")
    e.picks["sstr_pet"].value = True
    r = e.readout.value
    assert "not a routine step" in r
    assert "not yet checked against the original" in r
    assert r.count('class="gepnet-sources"') == 1


# --- planner --------------------------------------------------------------------------------


def test_planner_default_and_extremes():
    e = WorkupPlanner()
    assert tagged(e.readout.value, "gepnet-plan-score") == "0 of 3 best tests picked"
    assert e._plan.shown() == {}
    e.picks["sstr_pet"].value = True
    assert tagged(e.readout.value, "gepnet-plan-score") == "1 of 3 best tests picked"
    assert "Good pick" in e.readout.value and "97.0%" in e.readout.value
    e.picks["chromogranin_a"].value = True
    assert tagged(e.readout.value, "gepnet-plan-score").endswith("1 pick does not help")
    assert e._plan.shown() == {"chromogranin_a": "does not help", "sstr_pet": "answers it"}
    for t in dx.TESTS:  # every box ticked: the other extreme
        e.picks[t].value = True
    assert tagged(e.readout.value, "gepnet-plan-score") == dx.judge_plan(
        "liver", dx.TESTS).summary
    assert len(e._plan.shown()) == len(dx.TESTS)


@pytest.mark.parametrize("scenario_id", list(dx.SCENARIOS))
def test_planner_each_scenario_can_be_solved(scenario_id):
    e = WorkupPlanner(scenario="growth" if scenario_id == "liver" else "liver")
    e.picks["ct"].value = True
    e.scenario.value = scenario_id
    assert not any(box.value for box in e.picks.values()), "a new question clears the picks"
    s = dx.SCENARIOS[scenario_id]
    assert html.escape(s.prompt) in e.readout.value
    for t in s.best:
        e.picks[t].value = True
    assert "Well planned" in e.readout.value
    for t, box in e.picks.items():
        if t not in s.best:
            box.value = True
            level = s.verdict(t).level
            # A pick that helps partly keeps the plan good; one that does not help spoils it.
            assert ("Well planned" in e.readout.value) is (level != "no")
            assert e._plan.shown()[t] == {"yes": "answers it", "partly": "helps partly",
                                          "no": "does not help"}[level]
            box.value = False


# --- pitfalls -------------------------------------------------------------------------------


def test_pitfalls_default_and_ppi():
    e = MarkerPitfalls()
    assert tagged(e.readout.value, "gepnet-pitfall-trust") == "not from what is ticked"
    assert "does not rule out" in e.readout.value
    before = e.view.png
    e.conditions["ppi"].value = True
    assert tagged(e.readout.value, "gepnet-pitfall-trust") == "yes: check first"
    assert "82%" in e.readout.value and "Before the test" in e.readout.value
    assert "medical supervision" in e.readout.value
    assert e.readout.value.count('class="gepnet-sources"') == 1
    assert e.view.png != before
    assert "proton-pump inhibitor" in e.view.alt


@pytest.mark.parametrize("marker_id", list(dx.MARKERS))
def test_pitfalls_every_condition(marker_id):
    e = MarkerPitfalls(marker="gastrin" if marker_id == "chromogranin_a" else "chromogranin_a")
    e.marker.value = marker_id
    for c, box in e.conditions.items():
        box.value = True
        falsely = (marker_id, c) in dx.INTERFERENCES
        assert (tagged(e.readout.value, "gepnet-pitfall-trust")
                == "not from what is ticked") is (not falsely)
        assert e._grid.cells[c].get_visible() is falsely
        assert e._grid.rows[c].get_visible()
        box.value = False
    for box in e.conditions.values():  # everything ticked at once
        box.value = True
    expected = dx.interpret_marker(marker_id, dx.CONDITIONS)
    assert html.escape(expected.verdict) in e.readout.value


def test_pitfalls_gastrin_advice_once_for_both_acid_medicines():
    # Review fix: with the PPI and the H2 blocker both ticked, the same advice printed twice;
    # with only the H2 blocker ticked, it spoke only of a pause from the PPI.
    e = MarkerPitfalls(marker="gastrin")
    e.conditions["h2_blocker"].value = True
    (advice,) = dx.interpret_marker("gastrin", ["h2_blocker"]).advice
    assert "H2 blocker" in advice.text
    assert e.readout.value.count(html.escape(advice.text)) == 1
    e.conditions["ppi"].value = True
    assert e.readout.value.count(html.escape(advice.text)) == 1
    assert e.readout.value.count("Before the test") == 1
    normal = html.escape(dx.MARKERS["gastrin"].normal.text)
    assert f"<b>And a normal result?</b> {normal}" in e.readout.value
    assert "10-fold" not in dx.MARKERS["gastrin"].normal.text
