"""Lesson 7's case steps: a first wrong try points to the idea (which finding to look at again)
without giving the answer; the full why and the answer come after a second try or with the
step's "Show the answer" button."""

from __future__ import annotations

import html
import re

import pytest

from gepnet_widgets import cases as cs
from gepnet_widgets.syndromes import HORMONES
from gepnet_widgets.treatment import CATEGORIES
from gepnet_widgets.widgets.cases import TRY_AGAIN_TEXT, UNANSWERED, CaseStudy

CASE_IDS = list(cs.CASES)


def _names(label: str, text: str) -> bool:
    """Whether ``text`` names ``label`` as a whole (``Stage I`` is not in ``Stage IIA``)."""
    return re.search(rf"(?<![\w(-]){re.escape(label)}(?![\w(-])", text) is not None


def _wrong_answers(case_id: str, step: str) -> list:
    expected = cs.expected_answer(case_id, step)
    if step == "treatment":
        keys = [c.key for c in CATEGORIES]
        return [frozenset(), frozenset(keys),
                *(expected ^ {k} for k in keys)]  # one tick missing or one too many
    return [v for _label, v in cs.answer_options(case_id, step) if v != expected]


@pytest.mark.parametrize("case_id", CASE_IDS)
@pytest.mark.parametrize("step", cs.STEP_KEYS)
def test_first_try_pointer_does_not_give_the_answer(case_id: str, step: str) -> None:
    expected = cs.expected_answer(case_id, step)
    label = cs.answer_label(case_id, step, expected)
    right = cs.check_case_answer(case_id, step, expected)
    assert right.correct and right.hint == ""
    for answer in _wrong_answers(case_id, step):
        fb = cs.check_case_answer(case_id, step, answer)
        assert not fb.correct
        assert fb.hint and re.search(r"findings|Which hormone|Grade each index", fb.hint), fb.hint
        assert len(fb.hint.split()) <= 60, fb.hint
        if step == "treatment":
            for cat in CATEGORIES:  # no category is named
                assert cat.name not in fb.hint, (answer, cat.name)
            assert "Guidelines discuss" not in fb.hint
        elif step == "hormone" and expected != cs.NO_HORMONE:
            assert HORMONES[expected].name.lower() not in fb.hint.lower()
        elif step == "functional":
            assert "Functioning" not in fb.hint and "Non-functioning" not in fb.hint
        else:
            assert not _names(label, fb.hint), (answer, label, fb.hint)
            if expected == cs.NOT_NET or step == "grade":
                assert "NEC" not in fb.hint.replace(f"Not {answer}.", "")


def test_treatment_first_try_is_short_and_full_answer_is_kept() -> None:
    fb = cs.check_case_answer("ileal", "treatment", set())
    assert len(fb.text.split()) > 150  # the full why, for a second try or on request
    assert len(fb.hint.split()) < 50
    assert fb.hint.startswith("7 categories that guidelines discuss") and "not ticked" in fb.hint
    assert "'How far has it spread?'" in fb.hint and "Try it with" in fb.hint
    extra = cs.check_case_answer("rectal", "treatment", {"surgery", "chemotherapy"})
    assert extra.hint.startswith("1 category you ticked is not listed")
    assert "Chemotherapy" not in extra.hint and "'Grade and differentiation'" in extra.hint


def _feedback_text(study: CaseStudy, step: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", study.feedback[step].value))


def test_treatment_step_first_try_points_second_try_explains() -> None:
    study = CaseStudy("ileal")
    study.check("treatment")  # nothing ticked
    shown = _feedback_text(study, "treatment")
    assert shown.startswith("Not quite.") and TRY_AGAIN_TEXT in shown
    assert "gepnet-case-pointer-treatment" in study.feedback["treatment"].value
    assert "Guidelines discuss" not in shown and "The answer:" not in shown
    for cat in CATEGORIES:
        assert cat.name not in shown
    assert len(shown.split()) < 70
    study.check("treatment")  # a second wrong try
    full = _feedback_text(study, "treatment")
    assert "Also discussed" in full and "The answer:" in full and TRY_AGAIN_TEXT not in full
    assert cs.answer_label("ileal", "treatment", cs.expected_answer("ileal", "treatment")) in full


def test_show_the_answer_button_before_and_after_a_try() -> None:
    study = CaseStudy("rectal")
    button = study.show_buttons["stage"]
    assert button.description.startswith("Show the answer")
    assert "gepnet-case-show-stage" in button._dom_classes
    button.click()  # before any try: the answer and why
    shown = _feedback_text(study, "stage")
    assert "The answer: Stage I." in shown and study.verdicts["stage"] is None
    study.answers["t"].value = "T2"
    study.check("t")
    assert "The answer:" not in _feedback_text(study, "t")
    study.show_buttons["t"].click()  # after a first wrong try: the full why
    shown = _feedback_text(study, "t")
    assert "The answer: T1a." in shown and TRY_AGAIN_TEXT not in shown
    assert "rule that decides" in shown


def test_right_answer_is_explained_at_once_and_a_new_patient_starts_afresh() -> None:
    study = CaseStudy("rectal")
    study.answers["n"].value = "N0"
    study.check("n")
    study.check("n")
    assert "The answer: NX." in _feedback_text(study, "n")
    study.answers["n"].value = "NX"
    assert study.check("n").correct
    assert "Correct." in _feedback_text(study, "n") and "The answer:" not in \
        _feedback_text(study, "n")
    study.patient.value = "appendix"
    assert study.wrong_tries == dict.fromkeys(cs.STEP_KEYS, 0)
    assert not any(study.answer_shown.values())
    study.answers["n"].value = "NX"
    study.check("n")
    assert TRY_AGAIN_TEXT in _feedback_text(study, "n")  # a first try again
    assert study.answers["m"].value == UNANSWERED
