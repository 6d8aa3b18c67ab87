"""The SelfCheck widget without a browser: wiring, shuffling, first-try scoring, hints, saved
answers, feedback wording, reset, labels; and the review session of lesson 9."""

from __future__ import annotations

import html
from collections.abc import Iterator

import ipywidgets as widgets
import pytest

from gepnet_widgets import quiz
from gepnet_widgets.progress import ProgressStore
from gepnet_widgets.quiz import Choice, Question
from gepnet_widgets.style import BACKGROUND, CSS_TEXT, MUTED, OKABE_ITO, TEXT
from gepnet_widgets.widgets import selfcheck
from gepnet_widgets.widgets.citations import sources_html
from gepnet_widgets.widgets.selfcheck import (
    ANSWER_WORD,
    CORRECT_WORD,
    INCORRECT_WORD,
    NO_ANSWER_TEXT,
    QuestionCard,
    ReviewSession,
    SelfCheck,
)

LESSON = "03_tnm_staging"


@pytest.fixture
def store(tmp_path, monkeypatch: pytest.MonkeyPatch) -> ProgressStore:
    monkeypatch.setenv("GEPNET_PROGRESS_DIR", str(tmp_path))
    return ProgressStore(tmp_path)


@pytest.fixture
def sc(store: ProgressStore) -> SelfCheck:
    return SelfCheck(LESSON)


def _wrong(q: Question) -> int:
    return next(i for i, c in enumerate(q.choices) if not c.correct)


def _descendants(w: widgets.Widget) -> Iterator[widgets.Widget]:
    yield w
    for child in getattr(w, "children", ()):
        yield from _descendants(child)


def test_builds_one_card_per_question(sc: SelfCheck) -> None:
    questions = quiz.load_questions(LESSON)
    assert len(sc.cards) == len(questions) >= 8
    assert [c.question.id for c in sc.cards] == [q.id for q in questions]
    assert sc.widget.children[2 : 2 + len(sc.cards)] == tuple(c.widget for c in sc.cards)
    for card in sc.cards:
        assert isinstance(card.choices, widgets.RadioButtons)
        assert card.choices.value is None
        # shuffled, but every option is there once, its value the option id
        assert sorted(card.choices.options) == sorted(
            (c.text, c.id) for c in card.question.choices
        )
        assert card.choices.layout.width == "100%"
        assert card.feedback.value == ""
        assert html.escape(card.question.prompt) in card.prompt.value


def test_every_choice_gives_its_own_feedback(sc: SelfCheck) -> None:
    """After the first try, every answer shows its own feedback; right answers also explain."""
    for card in sc.cards:
        q = card.question
        card.answer(_wrong(q))  # the first try: a hint only
        for i, choice in enumerate(q.choices):
            result = card.answer(i)
            shown = card.feedback.value
            assert result is not None and result.correct is choice.correct
            assert html.escape(choice.feedback) in shown, (q.id, choice.text)
            assert html.escape(q.explanation) in shown
            assert sources_html(q.sources) in shown
            if choice.correct:
                assert CORRECT_WORD in shown and INCORRECT_WORD not in shown
            else:
                assert INCORRECT_WORD in shown and CORRECT_WORD not in shown
                assert html.escape(q.correct_choice.text) in shown


def test_first_wrong_try_points_to_the_idea_without_the_answer(sc: SelfCheck) -> None:
    for card in sc.cards:
        q = card.question
        wrong = _wrong(q)
        card.answer(wrong)
        shown = card.feedback.value
        assert INCORRECT_WORD in shown and "gepnet-selfcheck-hint" in shown
        assert html.escape(quiz.hint_text(q)) in shown
        assert html.escape(q.explanation) not in shown, "explanation revealed at the first try"
        assert html.escape(q.choices[wrong].feedback) not in shown
        assert ANSWER_WORD not in shown
        assert f">{html.escape(q.correct_choice.text)}<" not in shown


def test_show_the_answer_on_request(sc: SelfCheck, store: ProgressStore) -> None:
    card = sc.cards[1]
    card.show_button.click()
    q = card.question
    assert ANSWER_WORD in card.feedback.value
    assert html.escape(q.correct_choice.text) in card.feedback.value
    assert html.escape(q.explanation) in card.feedback.value
    # shown before any try: the first try counts as missed, even if answered right next
    card.answer(q.correct_index)
    assert card.first_correct is False and sc.first_try.correct == 0
    assert sc.score.correct == 1
    assert store.reload()["questions"][f"{LESSON}/{q.id}"]["revealed"] is True


def test_hint_field_and_generic_pointer() -> None:
    base = dict(prompt="?", explanation="e", sources=("S1",),
                choices=(Choice("A", True, "Right."), Choice("B", False, "No.")))
    assert quiz.hint_text(Question(id="h", hint="Think about depth.", **base)) == (
        "Think about depth.")
    assert "learning objective 2" in quiz.hint_text(Question(id="o", objective=2, **base))
    generic = quiz.hint_text(Question(id="g", **base))
    assert "look back" in generic and "A" not in generic.split()
def test_check_button_click_grades_the_selection(sc: SelfCheck) -> None:
    card = sc.cards[0]
    card.choices.value = card.question.correct_choice.id
    card.check_button.click()
    assert card.result is not None and card.result.correct
    assert CORRECT_WORD in card.feedback.value


def test_first_try_and_now_are_scored_apart(sc: SelfCheck) -> None:
    total = len(sc.cards)
    assert "First try:" in sc.score_label.value and f"0 of {total}" in sc.score_label.value
    for card in sc.cards[:3]:
        card.answer(card.question.correct_index)
    q3 = sc.cards[3].question
    sc.cards[3].answer(_wrong(q3))
    assert (sc.first_try.correct, sc.first_try.checked) == (3, 4)
    assert (sc.score.correct, sc.score.checked, sc.score.total) == (3, 4, total)
    sc.cards[3].answer(q3.correct_index)  # a later try raises "now", not "first try"
    assert sc.first_try.correct == 3 and sc.score.correct == 4
    assert sc.cards[3].attempts == 2
    label = sc.score_label.value
    assert f"gepnet-selfcheck-first'>3 of {total}<" in label
    assert f"gepnet-selfcheck-now'>4 of {total}<" in label

    sc.reset_button.click()
    assert all(c.choices.value is None for c in sc.cards)
    assert all(c.feedback.value == "" and c.result is None for c in sc.cards)
    assert (sc.score.correct, sc.score.checked) == (0, 0)
    assert sc.first_try.correct == 3  # first tries stay on record
    assert f"gepnet-selfcheck-now'>0 of {total}<" in sc.score_label.value


def test_answers_survive_a_new_widget_and_a_new_session(store: ProgressStore) -> None:
    first = SelfCheck(LESSON)
    q0, q1 = first.cards[0].question, first.cards[1].question
    first.cards[0].answer(q0.correct_index)
    first.cards[1].answer(_wrong(q1))
    again = SelfCheck(LESSON)  # a reload, a restarted kernel or a new session
    assert again.cards[0].choices.value == q0.correct_choice.id
    assert again.cards[0].result is not None and again.cards[0].result.correct
    assert CORRECT_WORD in again.cards[0].feedback.value
    assert again.cards[1].choices.value == q1.choices[_wrong(q1)].id
    assert "gepnet-selfcheck-hint" in again.cards[1].feedback.value  # still only the hint
    assert (again.first_try.correct, again.first_try.checked) == (1, 2)
    assert again.cards[2].result is None and again.cards[2].feedback.value == ""
    record = store.reload()["questions"][f"{LESSON}/{q1.id}"]
    assert record["first"]["choice"] == q1.choices[_wrong(q1)].id
    assert record["attempts"] == 1


def test_options_are_shuffled_per_learner_and_stable(tmp_path) -> None:
    def orders(folder) -> list[tuple]:
        sc = SelfCheck(LESSON, store=ProgressStore(folder))
        sc.cards[0].answer(0)  # saves the learner id
        return [tuple(v for _, v in c.choices.options) for c in sc.cards]

    mine = orders(tmp_path / "me")
    assert orders(tmp_path / "me") == mine  # a reload does not reorder
    assert orders(tmp_path / "someone-else") != mine
    data_order = [tuple(c.id for c in card.question.choices) for card in SelfCheck(LESSON).cards]
    assert mine != data_order
    # grading goes by option id whatever the screen position
    sc = SelfCheck(LESSON, store=ProgressStore(tmp_path / "me"))
    card = sc.cards[0]
    card.choices.value = card.question.correct_choice.id
    card.check_button.click()
    assert card.result is not None and card.result.correct


def test_shuffle_spreads_the_right_answer_over_positions() -> None:
    q = quiz.load_questions(LESSON)[0]
    positions = {
        [c.correct for c in quiz.shuffled_choices(q, f"learner-{i}")].index(True)
        for i in range(40)
    }
    assert len(positions) == len(q.choices)


def test_a_bad_progress_file_is_set_aside_and_the_widget_says_so(
    store: ProgressStore,
) -> None:
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text("{broken", encoding="utf-8")
    sc = SelfCheck(LESSON)
    assert "could not be used" in sc.notice.value and "progress.json.bad-" in sc.notice.value
    sc.cards[0].answer(0)
    assert ProgressStore(store.path.parent).question(LESSON, sc.cards[0].question.id)


def test_questions_given_directly_keep_nothing(store: ProgressStore) -> None:
    sc = SelfCheck(_tricky())
    sc.cards[0].answer(1)
    assert not store.exists


def test_review_session_draws_from_every_lesson(store: ProgressStore) -> None:
    review = ReviewSession(count=8, seed="fixed")
    assert len(review.cards) == 8 and len(set(review.keys)) == 8
    assert ReviewSession(count=8, seed="fixed").keys == review.keys
    lessons = set(quiz.available_lessons())
    for key, card in zip(review.keys, review.cards, strict=True):
        lesson, qid = key.split("/")
        assert lesson in lessons and card.question.id == qid
        assert "from Lesson" in card.prompt.value
    card = review.cards[0]
    card.answer(_wrong(card.question))
    assert "gepnet-selfcheck-hint" in card.feedback.value  # the same per-answer feedback
    assert store.reload()["questions"][review.keys[0]]["first"]["correct"] is False
    first_keys = list(review.keys)
    review.new_set_button.click()
    assert review.keys != first_keys and len(review.cards) == 8
    with pytest.raises(ValueError, match="count"):
        ReviewSession(count=0)


def test_review_cards_start_blank_but_save_answers(store: ProgressStore) -> None:
    """Retrieval practice: an earlier answer is not shown again; the new one is saved."""
    for key, (_lesson, q) in selfcheck.all_questions().items():  # all answered once
        store.update(lambda d, k=key, c=q.correct_choice.id: d["questions"].__setitem__(k, {
            "first": {"choice": c, "correct": True, "time": "2026-01-01T00:00:00Z"},
            "latest": {"choice": c, "correct": True, "time": "2026-01-01T00:00:00Z"},
            "attempts": 1}))
    review = ReviewSession(count=3, seed="blank", store=ProgressStore(store.path.parent))
    for card in review.cards:
        assert card.choices.value is None and card.feedback.value == "" and card.attempts == 0
    card, key = review.cards[0], review.keys[0]
    card.answer(_wrong(card.question))
    assert "gepnet-selfcheck-hint" in card.feedback.value  # a hint, as at a first try
    record = ProgressStore(store.path.parent).reload()["questions"][key]
    assert record["first"]["correct"] is True and record["latest"]["correct"] is False
    assert record["attempts"] == 2


def test_review_session_prefers_missed_questions(store: ProgressStore) -> None:
    pool = ReviewSession(count=1, seed="x").pool
    keys = sorted(pool)
    old = "2026-01-01T00:00:00Z"
    for key in keys[:10]:  # ten missed, the rest answered right at the first try
        store.update(lambda d, k=key: d["questions"].__setitem__(k, {
            "first": {"choice": "x", "correct": False, "time": old},
            "latest": {"choice": "x", "correct": False, "time": old}, "attempts": 1}))
    for key in keys[10:]:
        store.update(lambda d, k=key: d["questions"].__setitem__(k, {
            "first": {"choice": "x", "correct": True, "time": old}, "attempts": 1}))
    hits = sum(sum(k in keys[:10] for k in ReviewSession(count=8, seed=f"s{i}").keys)
               for i in range(10))
    share = 10 / len(keys)
    assert hits / 80 > 2 * share  # missed questions come up far more than their share
def test_changing_the_answer_clears_stale_feedback(sc: SelfCheck) -> None:
    card = sc.cards[0]
    card.answer(card.question.correct_index)
    assert sc.score.correct == 1
    other = (card.question.correct_index + 1) % len(card.question.choices)
    card.choices.value = card.question.choices[other].id
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
    assert len(controls) == 3 * n + 2  # answers, check and show per card, reset, hand in
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
        assert "gepnet-selfcheck-show" in card.show_button._dom_classes
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
    card.answer(0)  # the second try shows the answer's own feedback
    assert "<i>" not in card.feedback.value and "&lt;i&gt;way" in card.feedback.value
    card.answer(1)
    assert "1 &lt; 2" in card.feedback.value and "<math>" not in card.feedback.value
    assert "&lt;math&gt;" in card.feedback.value
    # RadioButtons labels are rendered as text by the front end; they stay raw here.
    assert "<script>alert(1)</script>" in [label for label, _id in card.choices.options]


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
    for token in selfcheck._BORDER.values():  # non-text (borders): 3:1
        colour = _fallback(token)
        assert colour in OKABE_ITO.values()
        assert _contrast(colour, BACKGROUND) >= 3.0


def _fallback(token: str) -> str:
    """The light-theme colour of a CSS token such as ``var(--gepnet-correct, #009E73)``."""
    return token.rsplit(",", 1)[-1].strip(" )") if token.startswith("var(") else token


def test_feedback_text_uses_text_colour_only(sc: SelfCheck) -> None:
    card = sc.cards[0]
    card.answer(card.question.correct_index)
    value = card.feedback.value
    assert f"color:{CSS_TEXT}" in value
    for colour in selfcheck._BORDER.values():
        assert f"color:{colour}" not in value  # colours only on the border, never on text


def test_show_the_answer_is_disabled_only_while_the_answer_is_on_screen(sc: SelfCheck) -> None:
    """A focusable "Show the answer" always shows something: after a right answer (or once
    shown) it is disabled, and it comes back when the answer leaves the screen."""
    card = sc.cards[0]
    q = card.question
    assert not card.show_button.disabled
    card.answer(_wrong(q))  # a hint only: the answer is not on screen yet
    assert not card.show_button.disabled
    card.show_button.click()
    assert html.escape(q.explanation) in card.feedback.value and card.show_button.disabled
    card.reset()
    assert card.feedback.value == "" and not card.show_button.disabled
    card.answer(q.correct_index)
    assert CORRECT_WORD in card.feedback.value and card.show_button.disabled
    card.choices.value = q.choices[_wrong(q)].id  # a new choice clears the feedback
    assert card.feedback.value == "" and not card.show_button.disabled
