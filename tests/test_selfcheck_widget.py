"""The SelfCheck widget without a browser: wiring, feedback wording, score, reset, labels."""

from __future__ import annotations

import html
from collections.abc import Iterator

import ipywidgets as widgets
import pytest

from gepnet_widgets import quiz
from gepnet_widgets.quiz import Choice, Question
from gepnet_widgets.sources import cite
from gepnet_widgets.style import BACKGROUND, MUTED, OKABE_ITO, TEXT
from gepnet_widgets.widgets import selfcheck
from gepnet_widgets.widgets.selfcheck import (
    CORRECT_WORD,
    INCORRECT_WORD,
    NO_ANSWER_TEXT,
    QuestionCard,
    SelfCheck,
)

LESSON = "03_tnm_staging"


@pytest.fixture
def sc() -> SelfCheck:
    return SelfCheck(LESSON)


def _descendants(w: widgets.Widget) -> Iterator[widgets.Widget]:
    yield w
    for child in getattr(w, "children", ()):
        yield from _descendants(child)


def test_builds_one_card_per_question(sc: SelfCheck) -> None:
    questions = quiz.load_questions(LESSON)
    assert len(sc.cards) == len(questions) >= 8
    assert [c.question.id for c in sc.cards] == [q.id for q in questions]
    assert sc.widget.children[1 : 1 + len(sc.cards)] == tuple(c.widget for c in sc.cards)
    for card in sc.cards:
        assert isinstance(card.choices, widgets.RadioButtons)
        assert card.choices.value is None
        assert card.choices.options == tuple(
            (c.text, i) for i, c in enumerate(card.question.choices)
        )
        assert card.choices.layout.width == "100%"
        assert card.feedback.value == ""
        assert html.escape(card.question.prompt) in card.prompt.value


def test_every_choice_gives_its_own_feedback(sc: SelfCheck) -> None:
    for card in sc.cards:
        q = card.question
        for i, choice in enumerate(q.choices):
            result = card.answer(i)
            shown = card.feedback.value
            assert result is not None and result.correct is choice.correct
            assert html.escape(choice.feedback) in shown, (q.id, choice.text)
            if choice.correct:
                assert CORRECT_WORD in shown and INCORRECT_WORD not in shown
                assert html.escape(q.explanation) in shown
                assert all(html.escape(cite(k).short) in shown for k in q.sources)
            else:
                assert INCORRECT_WORD in shown and CORRECT_WORD not in shown
                assert html.escape(q.explanation) not in shown, "explanation revealed early"


def test_check_button_click_grades_the_selection(sc: SelfCheck) -> None:
    card = sc.cards[0]
    card.choices.value = card.question.correct_index
    card.check_button.click()
    assert card.result is not None and card.result.correct
    assert CORRECT_WORD in card.feedback.value


def test_score_updates_and_reset_clears(sc: SelfCheck) -> None:
    total = len(sc.cards)
    assert sc.score.correct == 0 and sc.score.checked == 0
    assert f"0 of {total} correct" in sc.score_label.value
    for card in sc.cards[:3]:
        card.answer(card.question.correct_index)
    wrong = next(i for i, c in enumerate(sc.cards[3].question.choices) if not c.correct)
    sc.cards[3].answer(wrong)
    assert (sc.score.correct, sc.score.checked, sc.score.total) == (3, 4, total)
    assert f"3 of {total} correct" in sc.score_label.value

    sc.reset_button.click()
    assert all(c.choices.value is None for c in sc.cards)
    assert all(c.feedback.value == "" and c.result is None for c in sc.cards)
    assert (sc.score.correct, sc.score.checked) == (0, 0)
    assert f"0 of {total} correct" in sc.score_label.value


def test_changing_the_answer_clears_stale_feedback(sc: SelfCheck) -> None:
    card = sc.cards[0]
    card.answer(card.question.correct_index)
    assert sc.score.correct == 1
    other = (card.question.correct_index + 1) % len(card.question.choices)
    card.choices.value = other
    assert card.feedback.value == "" and card.result is None
    assert sc.score.correct == 0


def test_check_without_answer_asks_for_one(sc: SelfCheck) -> None:
    card = sc.cards[2]
    card.check_button.click()
    assert NO_ANSWER_TEXT in card.feedback.value
    assert CORRECT_WORD not in card.feedback.value and INCORRECT_WORD not in card.feedback.value
    assert card.result is None and sc.score.checked == 0


def test_every_control_has_a_description(sc: SelfCheck) -> None:
    controls = [
        w
        for w in _descendants(sc.widget)
        if isinstance(w, (widgets.Button, widgets.RadioButtons))
        or (isinstance(w, widgets.ValueWidget) and not isinstance(w, (widgets.HTML, widgets.Label)))
    ]
    n = len(sc.cards)
    assert len(controls) == 2 * n + 1  # answer buttons + check button per card, one reset
    for w in controls:
        assert w.description.strip(), w
        if not isinstance(w, widgets.Button):  # a button's label is its content
            assert w.style.description_width == "initial", w
    radios = [w.description for w in controls if isinstance(w, widgets.RadioButtons)]
    assert len(set(radios)) == n, "each question's answer group has its own name"


def test_css_classes(sc: SelfCheck) -> None:
    assert "gepnet-selfcheck" in sc.widget._dom_classes
    for card in sc.cards:
        assert "gepnet-selfcheck-q" in card.widget._dom_classes
        assert f"gepnet-selfcheck-q-{card.question.id}" in card.widget._dom_classes
        assert "gepnet-selfcheck-choices" in card.choices._dom_classes
        assert "gepnet-selfcheck-check" in card.check_button._dom_classes
        assert "gepnet-selfcheck-feedback" in card.feedback._dom_classes
        assert card.check_button.description == "Check answer"
    assert "gepnet-selfcheck-score" in sc.score_label._dom_classes
    assert sc.reset_button.description == "Reset"


def _tricky() -> tuple[Question, ...]:
    return (
        Question(
            id="tricky",
            prompt="Is <b>1 < 2</b> & true?",
            choices=(
                Choice("<script>alert(1)</script>", False, "No <i>way</i>"),
                Choice("Yes & <yes>", True, "Right: 1 < 2"),
            ),
            explanation="Because <math>",
            sources=("S1",),
        ),
    )


def test_data_text_is_escaped() -> None:
    sc = SelfCheck(_tricky())
    card = sc.cards[0]
    assert (
        "<b>" not in card.prompt.value and "&lt;b&gt;1 &lt; 2&lt;/b&gt; &amp;" in card.prompt.value
    )
    card.answer(0)
    assert "<i>" not in card.feedback.value and "&lt;i&gt;way" in card.feedback.value
    card.answer(1)
    assert "1 &lt; 2" in card.feedback.value and "<math>" not in card.feedback.value
    assert "&lt;math&gt;" in card.feedback.value
    # RadioButtons labels are rendered as text by the front end; they stay raw here.
    assert card.choices.options[0][0] == "<script>alert(1)</script>"


def test_built_from_questions_and_bad_inputs() -> None:
    sc = SelfCheck(_tricky(), heading="Quick <check>")
    assert len(sc.cards) == 1 and "Quick &lt;check&gt;" in sc.header.value
    with pytest.raises(ValueError, match="at least one"):
        SelfCheck(())
    with pytest.raises(ValueError, match="duplicate question ids: tricky"):
        SelfCheck(_tricky() * 2)
    with pytest.raises(ValueError, match="nope") as info:
        SelfCheck("nope")
    assert LESSON in str(info.value)


def test_answer_shortcut_and_card_numbering(sc: SelfCheck) -> None:
    result = sc.answer(1, sc.cards[1].question.correct_index)
    assert result is not None and result.correct
    assert f"Question 2 of {len(sc.cards)}." in sc.cards[1].prompt.value
    assert isinstance(sc.cards[1], QuestionCard)


def test_ipython_display_shows_root(monkeypatch: pytest.MonkeyPatch, sc: SelfCheck) -> None:
    import IPython.display

    shown: list[object] = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: shown.extend(objs))
    sc._ipython_display_()
    assert shown == [sc.widget]


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_colours_meet_wcag_aa() -> None:
    assert _contrast(TEXT, BACKGROUND) >= 4.5
    assert _contrast(MUTED, BACKGROUND) >= 4.5
    for colour in selfcheck._BORDER.values():  # non-text (borders): 3:1
        assert colour in OKABE_ITO.values()
        assert _contrast(colour, BACKGROUND) >= 3.0


def test_feedback_text_uses_text_colour_only(sc: SelfCheck) -> None:
    card = sc.cards[0]
    card.answer(card.question.correct_index)
    value = card.feedback.value
    assert f"color:{TEXT}" in value
    for colour in selfcheck._BORDER.values():
        assert f"color:{colour}" not in value  # colours only on the border, never on text
