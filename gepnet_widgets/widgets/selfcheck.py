"""The self-check widget every lesson reuses, and the review session of lesson 9.

Questions are data (``gepnet_widgets/data/selfcheck/<lesson>.json``, loaded and graded by
:mod:`gepnet_widgets.quiz`); answers are kept by :mod:`gepnet_widgets.progress`. This module only
wires ipywidgets controls to that layer-1 logic.

* Options are shuffled per learner (seeded by the learner's id and the question id), so the
  position of the right answer gives nothing away, and a reload shows the same order. Answers
  are checked by option id, never by position.
* The first attempt is scored and shown apart from later attempts ("First try: 6 of 10 · now:
  9 of 10").
* A first wrong try gets a pointer to the idea (the question's hint), not the answer; the full
  feedback and explanation come after a second try, or with "Show the answer".
* Correctness is said in words ("Correct." / "Not quite."), never by colour alone, and every
  data string is HTML-escaped.
* "Hand in my answers" at the end sends the learner's progress to the class
  (:class:`~gepnet_widgets.widgets.classroom.HandInButton`). In assessment mode (a classroom
  setting, :mod:`gepnet_widgets.classroom.settings`) only the first answer counts (the card is
  then locked), and whether it was right, the explanations and "Show the answer" stay hidden
  until the lesson is handed in.

Example
-------
>>> from gepnet_widgets.widgets.selfcheck import SelfCheck
>>> SelfCheck("03_tnm_staging")  # doctest: +SKIP
"""

from __future__ import annotations

import html
import secrets
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import ipywidgets as widgets

from .. import quiz
from ..classroom import ClassroomSettings, HandInResult, handed_in_lessons, load_settings
from ..progress import ProgressStore, attempt_is_correct, pick_review, question_key
from ..quiz import AnswerResult, Question, Score
from ..style import CSS_BACKGROUND, CSS_CORRECT, CSS_INCORRECT, CSS_INFO, CSS_MUTED, CSS_TEXT
from .citations import sources_html
from .classroom import HandInButton
from .static import STATIC_CLASS, STATIC_CSS, FallbackBox, StaticView

__all__ = ["QuestionCard", "ReviewSession", "SelfCheck", "feedback_html", "lesson_label"]

CORRECT_WORD = "Correct."
INCORRECT_WORD = "Not quite."
NO_ANSWER_TEXT = "Choose an answer first."
TRY_AGAIN_TEXT = "Try another answer, or press Show the answer."
ANSWER_WORD = "The answer:"
RECORDED_TEXT = ("Your answer is saved; it is your answer for this assessment. You will see "
                 "whether it was right, and why, after you hand in.")
#: Passed as ``store`` to keep nothing on disk.
NO_STORE = None
_DEFAULT: Any = object()

#: Left-border colours (non-text, WCAG 1.4.11 needs 3:1 on white; text itself stays ``CSS_TEXT``).
_BORDER = {
    "correct": CSS_CORRECT,
    "incorrect": CSS_INCORRECT,
    "prompt": CSS_INFO,
}
_STYLE = {"description_width": "initial"}
# ipywidgets gives radio labels a fixed one-line height; let long answers wrap instead of
# overlapping the next answer, and let the radio box shrink inside the card.
_CSS = """<style>
.gepnet-selfcheck .gepnet-selfcheck-choices .widget-radio-box,
.gepnet-selfcheck .gepnet-selfcheck-choices .jupyter-widget-radio-box { min-width: 0; }
.gepnet-selfcheck .gepnet-selfcheck-choices .widget-radio-box label,
.gepnet-selfcheck .gepnet-selfcheck-choices .jupyter-widget-radio-box label {
  height: auto; min-height: var(--jp-widgets-radio-item-height); line-height: 1.4;
  white-space: normal; overflow-wrap: anywhere; padding: 2px 0;
}
</style>"""


def _wide() -> widgets.Layout:
    """A fresh full-width layout (capped for readable line length); never shared."""
    return widgets.Layout(width="100%", max_width="48em")


def _esc(text: str) -> str:
    """HTML-escape data text."""
    return html.escape(text, quote=True)


def _box(kind: str, body: str) -> str:
    """Wrap feedback ``body`` in a bordered block; text colour is always ``CSS_TEXT``."""
    return (
        f'<div role="status" style="border-left:4px solid {_BORDER[kind]};padding:4px 10px;'
        f'color:{CSS_TEXT};background:{CSS_BACKGROUND}">{body}</div>'
    )


def lesson_label(lesson: str) -> str:
    """``"03_tnm_staging"`` -> ``"Lesson 3"`` (the lesson name itself if it has no number)."""
    head = lesson.split("_", 1)[0]
    return f"Lesson {int(head)}" if head.isdigit() else lesson


def _explanation(question: Question) -> str:
    return (f"<p style='margin:6px 0 0'>{_esc(question.explanation)}</p>"
            + sources_html(question.sources))


def feedback_html(question: Question, result: AnswerResult, *, full: bool = True) -> str:
    """Return the feedback block for a graded answer.

    Parameters
    ----------
    question : Question
    result : AnswerResult
        From :func:`gepnet_widgets.quiz.grade_choice`.
    full : bool
        For a wrong answer: ``False`` gives only a pointer to the idea (the first wrong try);
        ``True`` gives that answer's feedback, the right answer and the explanation.

    Returns
    -------
    str
        HTML: "Correct." or "Not quite." and what the learner may read at this point.
    """
    if result.correct:
        body = (f"<p style='margin:0'><strong>{CORRECT_WORD}</strong> {_esc(result.feedback)}</p>"
                + _explanation(question))
        return _box("correct", body)
    if not full:
        body = (f"<p style='margin:0'><strong>{INCORRECT_WORD}</strong> "
                f"<span class='gepnet-selfcheck-hint'>{_esc(quiz.hint_text(question))}</span> "
                f"{TRY_AGAIN_TEXT}</p>")
        return _box("incorrect", body)
    body = (f"<p style='margin:0'><strong>{INCORRECT_WORD}</strong> {_esc(result.feedback)}</p>"
            f"<p style='margin:6px 0 0'><strong>{ANSWER_WORD}</strong> "
            f"{_esc(result.correct_text)}.</p>" + _explanation(question))
    return _box("incorrect", body)


def answer_html(question: Question) -> str:
    """The block "Show the answer" opens: the right answer, its feedback and the explanation."""
    right = question.correct_choice
    body = (f"<p style='margin:0'><strong>{ANSWER_WORD}</strong> {_esc(right.text)}.</p>"
            f"<p style='margin:6px 0 0'>{_esc(right.feedback)}</p>" + _explanation(question))
    return _box("prompt", body)


class QuestionCard:
    """One question: prompt, answer buttons, "Check answer", "Show the answer" and feedback.

    Parameters
    ----------
    question : Question
    number, total : int
        Position of the question in its set (shown as "Question 2 of 10").
    on_change : callable, optional
        Called with no argument whenever the card's result changes (checked, changed, reset).
    lesson : str, optional
        The lesson the question belongs to (its key in the progress file).
    store : ProgressStore, optional
        Where answers are saved and restored from; ``None`` keeps nothing.
    seed : str, optional
        Fixes the order of the options (the learner id); ``None`` keeps the data's order.
    label : str, optional
        Shown before the prompt, e.g. "From lesson 3".
    restore : bool
        Show the saved answer and feedback (a lesson's self-check); ``False`` starts blank and
        counts tries from this card's first (the review), while still saving every answer.
    assessment : bool
        Assessment mode: the first checked answer locks the card, and the feedback and "Show
        the answer" stay hidden until :meth:`open_answers` (after hand-in).

    Attributes
    ----------
    question : Question
    choices : ipywidgets.RadioButtons
        Values are option ids (:attr:`gepnet_widgets.quiz.Choice.id`); ``None`` until picked.
    check_button, show_button : ipywidgets.Button
    feedback : ipywidgets.HTML
    widget : ipywidgets.VBox
        The card.
    result : AnswerResult or None
        The last checked answer, ``None`` if not checked since the last change.
    attempts : int
        Answers checked so far (kept across sessions when there is a store).
    first_correct : bool or None
        Whether the first try was right; ``None`` before the first try.
    """

    def __init__(
        self,
        question: Question,
        number: int,
        total: int,
        on_change: Callable[[], None] | None = None,
        *,
        lesson: str | None = None,
        store: ProgressStore | None = None,
        seed: str | None = None,
        label: str = "",
        restore: bool = True,
        assessment: bool = False,
    ) -> None:
        self.question = question
        self.assessment = assessment
        self.closed = assessment  # answers hidden until hand-in
        self.lesson = lesson
        self.store = store if lesson is not None else None
        self.result: AnswerResult | None = None
        self.attempts = 0
        self.first_correct: bool | None = None
        self.revealed = False
        self._on_change = on_change
        self._restoring = False
        self.order = quiz.shuffled_choices(question, seed) if seed else question.choices
        self.prompt = self._make_prompt(number, total, label)
        self.choices = self._make_choices(number)
        self.check_button = widgets.Button(
            description="Check answer",
            tooltip=f"Check your answer to question {number}",
        )
        self.check_button.add_class("gepnet-selfcheck-check")
        self.show_button = widgets.Button(
            description="Show the answer",
            tooltip=f"Show the answer to question {number} and its explanation",
            layout=widgets.Layout(margin="0 0 0 12px"),
        )
        self.show_button.add_class("gepnet-selfcheck-show")
        if self.closed:
            self.show_button.layout.display = "none"
        self.feedback = widgets.HTML(value="", layout=_wide())
        self.feedback.add_class("gepnet-selfcheck-feedback")
        buttons = widgets.HBox([self.check_button, self.show_button],
                               layout=widgets.Layout(flex_flow="row wrap"))
        self.widget = widgets.VBox(
            [self.prompt, self.choices, buttons, self.feedback],
            layout=widgets.Layout(width="100%", margin="0 0 16px 0"),
        )
        self.widget.add_class("gepnet-selfcheck-q")
        self.widget.add_class(f"gepnet-selfcheck-q-{question.id}")
        self.check_button.on_click(self._on_check)
        self.show_button.on_click(self._on_show)
        self.choices.observe(self._on_select, names="value")
        self.feedback.observe(self._sync_show_button, names="value")
        if restore:
            self._restore()
        self._sync_show_button()

    def _make_prompt(self, number: int, total: int, label: str) -> widgets.HTML:
        """Build the prompt HTML ("Question n of N." and the escaped prompt)."""
        origin = f"<span style='color:{CSS_MUTED}'>({_esc(label)})</span> " if label else ""
        value = (
            f"<p style='color:{CSS_TEXT};margin:0'><strong>Question {number} of {total}.</strong> "
            f"{origin}{_esc(self.question.prompt)}</p>"
        )
        prompt = widgets.HTML(value=value, layout=_wide())
        prompt.add_class("gepnet-selfcheck-prompt")
        return prompt

    def _make_choices(self, number: int) -> widgets.RadioButtons:
        """Build the answer buttons (labels are plain text; values are option ids)."""
        choices = widgets.RadioButtons(
            options=[(c.text, c.id) for c in self.order],
            value=None,
            description=f"Your answer to question {number}:",
            style=_STYLE,
            layout=_wide(),
        )
        choices.add_class("gepnet-selfcheck-choices")
        return choices

    # -- state kept in the progress file -----------------------------------------------------

    def _restore(self) -> None:
        """Show the saved state: the latest answer and its feedback, or a shown answer."""
        if self.store is None or self.lesson is None:
            return
        record = self.store.question(self.lesson, self.question.id)
        if not record:
            return
        self.attempts = int(record.get("attempts", 0))
        self.revealed = bool(record.get("revealed", False))
        if "first" in record:
            self.first_correct = attempt_is_correct(record, "first")
        latest = record.get("latest") or {}
        if self.assessment:  # only the first answer counts
            latest = record.get("first") or {}
        ids = {c.id for c in self.question.choices}
        if latest.get("choice") in ids:
            self._restoring = True
            try:
                self.choices.value = latest["choice"]
            finally:
                self._restoring = False
            self.result = quiz.grade_choice(self.question, latest["choice"])
            self.feedback.value = self._feedback(self.result)
            self._lock_if_assessed()
        elif self.revealed:
            self.feedback.value = answer_html(self.question)

    def _save_answer(self, result: AnswerResult) -> None:
        if self.store is not None and self.lesson is not None:
            self.store.record_answer(self.lesson, self.question.id, self.choices.value,
                                     result.correct)

    # -- actions ------------------------------------------------------------------------------

    def _feedback(self, result: AnswerResult) -> str:
        if self.closed:
            return _box("prompt", f"<p style='margin:0'>{RECORDED_TEXT}</p>")
        if self.assessment:
            return feedback_html(self.question, result, full=True)
        full = result.correct or self.attempts >= 2 or self.revealed
        return feedback_html(self.question, result, full=full)

    def check(self) -> AnswerResult | None:
        """Grade the selected answer, save it, and show its feedback.

        Returns
        -------
        AnswerResult or None
            ``None`` when no answer is selected (the card then asks for one).
        """
        if self.assessment and self.first_correct is not None:
            return self.result  # assessment: the first answer is the answer
        if self.choices.value is None:
            self.result = None
            self.feedback.value = _box("prompt", f"<p style='margin:0'>{NO_ANSWER_TEXT}</p>")
        else:
            try:
                self.result = quiz.grade_choice(self.question, self.choices.value)
            except ValueError as exc:
                self.result = None
                self.feedback.value = _box("prompt", f"<p style='margin:0'>{_esc(str(exc))}</p>")
            else:
                self.attempts += 1
                if self.first_correct is None:
                    self.first_correct = self.result.correct
                self._save_answer(self.result)
                self.feedback.value = self._feedback(self.result)
                self._lock_if_assessed()
        self._changed()
        return self.result

    def _lock_if_assessed(self) -> None:
        """In assessment mode, an answered card takes no other answer."""
        if self.assessment and self.first_correct is not None:
            self.choices.disabled = True
            self.check_button.disabled = True

    def open_answers(self) -> None:
        """After hand-in (assessment mode): show whether the first answer was right, the
        explanation, and "Show the answer"; the card stays locked."""
        self.closed = False
        self.show_button.layout.display = None
        self.choices.disabled = True
        self.check_button.disabled = True
        if self.result is not None:
            self.feedback.value = self._feedback(self.result)
        else:
            self.feedback.value = answer_html(self.question)

    def show_answer(self) -> None:
        """Show the right answer and the explanation (a first try not yet made counts as
        missed). Does nothing while an assessment is not handed in."""
        if self.closed:
            return
        self.revealed = True
        if self.first_correct is None:
            self.first_correct = False
        if self.store is not None and self.lesson is not None:
            self.store.record_reveal(self.lesson, self.question.id)
        if self.result is not None:
            self.feedback.value = self._feedback(self.result)
        else:
            self.feedback.value = answer_html(self.question)
        self._changed()

    def answer(self, index: int) -> AnswerResult | None:
        """Select ``question.choices[index]`` (data order, not screen order) and check it.

        Parameters
        ----------
        index : int
            Index into ``question.choices``.

        Returns
        -------
        AnswerResult or None
        """
        self.choices.value = self.question.choices[index].id
        self.check_button.click()
        return self.result

    def reset(self) -> None:
        """Clear the selection, the feedback and the result (first tries stay on record)."""
        self._restoring = True
        try:
            self.choices.value = None
        finally:
            self._restoring = False
        self.result = None
        self.feedback.value = ""
        self._changed()

    def _on_check(self, _button: widgets.Button) -> None:
        """Button callback."""
        self.check()

    def _on_show(self, _button: widgets.Button) -> None:
        """Button callback."""
        self.show_answer()

    def answer_on_screen(self) -> bool:
        """Whether the feedback already shows the right answer and the explanation."""
        if self.closed:
            return False
        if self.result is not None:
            return self.assessment or self.result.correct or self.attempts >= 2 or self.revealed
        return self.feedback.value == answer_html(self.question)

    def _sync_show_button(self, _change: dict | None = None) -> None:
        """"Show the answer" is disabled (so not a focus stop) while the answer is on screen:
        pressing it then would change nothing."""
        self.show_button.disabled = self.answer_on_screen()

    def _on_select(self, _change: dict) -> None:
        """A new selection makes the old feedback stale: clear it until the next check."""
        if self._restoring:
            return
        if self.assessment and self.first_correct is not None:
            return
        if self.result is not None or self.feedback.value:
            self.result = None
            self.feedback.value = ""
            self._changed()

    def _changed(self) -> None:
        """Tell the owner that the result may have changed."""
        if self._on_change is not None:
            self._on_change()


def _score_html(cards: Sequence[QuestionCard]) -> str:
    """ "First try: 6 of 10 · now: 9 of 10" for a set of cards."""
    total = len(cards)
    first = sum(1 for c in cards if c.first_correct)
    tried = sum(1 for c in cards if c.first_correct is not None)
    now = sum(1 for c in cards if c.result is not None and c.result.correct)
    return (
        f"<p style='color:{CSS_TEXT};margin:0' aria-live='polite'>"
        f"<strong>First try:</strong> <span class='gepnet-selfcheck-first'>{first} of {total}"
        f"</span> correct ({tried} tried) · <strong>now:</strong> "
        f"<span class='gepnet-selfcheck-now'>{now} of {total}</span> correct.</p>"
    )


def _notice_html(store: ProgressStore | None) -> str:
    """The store's message (file set aside, could not save), or nothing."""
    if store is None or not store.message:
        return ""
    return _box("prompt", f"<p style='margin:0'>{_esc(store.message)}</p>")


def _default_store() -> ProgressStore:
    return ProgressStore()


class SelfCheck:
    """A self-check quiz: a card per question, first-try and current scores, a "Reset" button.

    Parameters
    ----------
    questions : str or sequence of Question
        A lesson name (see :func:`gepnet_widgets.quiz.available_lessons`) or the questions.
    heading : str, optional
        Shown above the questions.
    store : ProgressStore or None, optional
        Where answers are kept. By default a lesson's answers go to the learner's progress file
        (:class:`gepnet_widgets.progress.ProgressStore`); questions given directly are kept only
        if a ``store`` and a ``lesson`` are given. ``None`` keeps nothing.
    lesson : str, optional
        The lesson key for questions given directly.
    settings : ClassroomSettings, optional
        The classroom settings (drop box, assessment mode); default: read from the environment
        or the hub's config file. Assessment mode needs a store and a lesson.

    Attributes
    ----------
    questions : tuple of Question
    cards : list of QuestionCard
    assessment : bool
        Whether this self-check is an assessment (answers hidden until hand-in).
    handin : HandInButton or None
        "Hand in my answers" (only when answers are kept).
    score_label : ipywidgets.HTML
    reset_button : ipywidgets.Button
    widget : ipywidgets.VBox
        The root, with CSS class ``gepnet-selfcheck``.

    Raises
    ------
    ValueError
        If the lesson is unknown or the questions are empty or share an id.
    """

    def __init__(
        self,
        questions: str | Sequence[Question],
        *,
        heading: str = "Check your understanding",
        store: ProgressStore | None = _DEFAULT,
        lesson: str | None = None,
        settings: ClassroomSettings | None = None,
    ) -> None:
        self.questions = self._resolve(questions)
        if isinstance(questions, str):
            lesson = questions
        if store is _DEFAULT:
            store = _default_store() if lesson is not None else None
        self.lesson = lesson
        self.store = store
        settings = settings if settings is not None else load_settings()
        kept = store is not None and lesson is not None
        self.assessment = settings.assessment and kept
        handed_in = kept and lesson in handed_in_lessons(store)
        seed = store.learner if store is not None else secrets.token_hex(8)
        total = len(self.questions)
        self.cards = [
            QuestionCard(q, i, total, on_change=self._update_score, lesson=lesson, store=store,
                         seed=seed, assessment=self.assessment)
            for i, q in enumerate(self.questions, start=1)
        ]
        if self.assessment and handed_in:
            for card in self.cards:
                card.open_answers()
        self.header = widgets.HTML(value=self._header_html(heading), layout=_wide())
        self.header.add_class("gepnet-selfcheck-header")
        self.notice = widgets.HTML(value=_notice_html(store), layout=_wide())
        self.notice.add_class("gepnet-selfcheck-notice")
        # On a phone the footer wraps: the gap sits after the score, so a wrapped button starts
        # at the left edge instead of indented.
        self.score_label = widgets.HTML(value="", layout=widgets.Layout(width="auto",
                                                                        margin="0 16px 0 0"))
        self.score_label.add_class("gepnet-selfcheck-score")
        self.reset_button = widgets.Button(
            description="Reset",
            tooltip="Clear the answers on this page (your first tries stay on record)",
            layout=widgets.Layout(margin="0"),  # the gap is the score's right margin
        )
        self.reset_button.add_class("gepnet-selfcheck-reset")
        self.reset_button.on_click(self._on_reset)
        if self.assessment:
            self.reset_button.layout.display = "none"
        footer = widgets.HBox(
            [self.score_label, self.reset_button],
            layout=widgets.Layout(align_items="center", flex_flow="row wrap"),
        )
        self.handin = (HandInButton(store, [lesson], settings=settings,
                                    on_handed_in=self._on_handed_in) if kept else None)
        tail = [self.handin.widget] if self.handin is not None else []
        self.heading = heading
        self.widget = FallbackBox(
            [self.header, self.notice, *(c.widget for c in self.cards), footer, *tail],
            fallback=self.static_view,
            layout=widgets.Layout(width="100%"),
        )
        self.widget.add_class("gepnet-selfcheck")
        self._update_score()

    @staticmethod
    def _resolve(questions: str | Sequence[Question]) -> tuple[Question, ...]:
        """Load a lesson by name, or check a given sequence of questions."""
        if isinstance(questions, str):
            return quiz.load_questions(questions)
        items = tuple(questions)
        if not items:
            raise ValueError("a self-check needs at least one question")
        ids = [q.id for q in items]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate question ids: {', '.join(duplicates)}")
        return items

    def _header_html(self, heading: str) -> str:
        """Heading, instructions and the layout CSS."""
        kept = (" Your answers are saved on this computer (or your hub account), so they are "
                "still here when you come back." if self.store is not None else "")
        if self.assessment:
            return (
                f"{_CSS}<h3 style='color:{CSS_TEXT};margin:0 0 4px'>{_esc(heading)}</h3>"
                f"<p class='gepnet-selfcheck-assessment' style='color:{CSS_MUTED};"
                "margin:0 0 8px'><strong>Assessment.</strong> Pick an answer, then press "
                "<em>Check answer</em>: your first answer to each question is the one that "
                "counts, and it cannot be changed. Whether it was right, and the explanations, "
                "are shown after you press <em>Hand in my answers</em> at the end.</p>"
            )
        return (
            f"{_CSS}<h3 style='color:{CSS_TEXT};margin:0 0 4px'>{_esc(heading)}</h3>"
            f"<p style='color:{CSS_MUTED};margin:0 0 8px'>Pick an answer, then press "
            "<em>Check answer</em>. Your first try is scored; after a wrong try you get a hint, "
            f"and after a second try, or with <em>Show the answer</em>, the full explanation."
            f"{kept}</p>"
        )

    @property
    def score(self) -> Score:
        """The current score (correct, checked and total questions)."""
        return quiz.score((c.result for c in self.cards), total=len(self.cards))

    @property
    def first_try(self) -> Score:
        """The first-try score: correct at the first try, questions tried, total."""
        tried = [c for c in self.cards if c.first_correct is not None]
        return Score(sum(1 for c in tried if c.first_correct), len(tried), len(self.cards))

    def answer(self, question_index: int, choice_index: int) -> AnswerResult | None:
        """Answer question ``question_index`` with choice ``choice_index`` (for tests/demos)."""
        return self.cards[question_index].answer(choice_index)

    def reset(self) -> None:
        """Clear every answer on the page (first tries stay on record) and the current score.

        Does nothing in assessment mode (the first answers are the answers)."""
        if self.assessment:
            return
        for card in self.cards:
            card.reset()
        if self.store is not None and self.lesson is not None:
            self.store.clear_latest(self.lesson, [c.question.id for c in self.cards])
        self._update_score()

    def _on_reset(self, _button: widgets.Button) -> None:
        """Button callback."""
        self.reset()

    def _on_handed_in(self, _result: HandInResult) -> None:
        """After a hand-in, an assessment shows its answers and explanations."""
        if self.assessment:
            for card in self.cards:
                if card.closed:
                    card.open_answers()
            self._update_score()

    def _update_score(self) -> None:
        """Rewrite the score line and any message about the progress file."""
        if any(c.closed for c in self.cards):
            answered = sum(1 for c in self.cards if c.first_correct is not None)
            self.score_label.value = (
                f"<p style='color:{CSS_TEXT};margin:0' aria-live='polite'><strong>Answered:"
                f"</strong> <span class='gepnet-selfcheck-answered'>{answered} of "
                f"{len(self.cards)}</span>. Results are shown after you hand in.</p>")
        else:
            self.score_label.value = _score_html(self.cards)
        if hasattr(self, "notice"):
            self.notice.value = _notice_html(self.store)

    def static_view(self) -> StaticView:
        """The questions and their answers as static HTML and text (no answer key).

        Shown where no kernel runs (GitHub, nbviewer, ``make site`` pages) instead of an empty
        box; answers are checked only in a running notebook. Options are listed in a shuffled
        order, so their position does not give the answer away.
        """
        return _static_view(self.heading, [c.question for c in self.cards])

    def _ipython_display_(self) -> None:
        """Display the root widget in a notebook."""
        from IPython.display import display

        display(self.widget)


def _static_view(heading: str, questions: Sequence[Question]) -> StaticView:
    note = (
        "Static view: the questions are listed here; to check your answers and read the "
        "feedback, open the notebook in Jupyter (Binder, a JupyterHub, your computer) or in "
        "app mode (Voila)."
    )
    items = []
    lines = [f"{heading} (static view)", note]
    for i, q in enumerate(questions, start=1):
        order = quiz.shuffled_choices(q, "static")
        choices = "".join(f"<li>{_esc(c.text)}</li>" for c in order)
        items.append(
            f"<li style='margin:0 0 8px'><p style='margin:0'>{_esc(q.prompt)}</p>"
            f"<ul style='margin:2px 0;list-style-type:circle'>{choices}</ul></li>"
        )
        lines.append(f"{i}. {q.prompt}")
        lines += [f"   - {c.text}" for c in order]
    page = (
        f'<div class="{STATIC_CLASS} {STATIC_CLASS}-selfcheck" role="group" '
        f'aria-label="{_esc(heading)} (static view)" style="color:{CSS_TEXT}">'
        f"{STATIC_CSS}<h3 style='margin:0 0 4px'>{_esc(heading)}</h3>"
        f'<p class="{STATIC_CLASS}-note" style="color:{CSS_MUTED};font-size:0.9em;margin:0 0 6px">'
        f"{_esc(note)}</p><ol>{''.join(items)}</ol></div>"
    )
    return StaticView(page, "\n".join(lines))


# -- review (lesson 9) --------------------------------------------------------------------------


def all_questions() -> dict[str, tuple[str, Question]]:
    """Every question of every lesson, by progress key: ``key -> (lesson, question)``."""
    return {
        question_key(lesson, q.id): (lesson, q)
        for lesson in quiz.available_lessons()
        for q in quiz.load_questions(lesson)
    }


class ReviewSession:
    """Spaced retrieval practice: a set of questions from every lesson, weighted toward those
    missed or not yet seen (:func:`gepnet_widgets.progress.pick_review`), with the same
    per-answer feedback as the lessons' self-checks; "Another set" draws again.

    Parameters
    ----------
    count : int
        Questions per set (1-20).
    store : ProgressStore or None, optional
        The learner's progress (default: their progress file); ``None`` keeps nothing.
    seed : str, optional
        Fixes the sets drawn (default: the learner id and today's date, so a reload on the same
        day shows the same set until answers change the weights).

    Attributes
    ----------
    cards : list of QuestionCard
    keys : list of str
        Progress keys of the current set.
    new_set_button : ipywidgets.Button
    score_label : ipywidgets.HTML
    widget : FallbackBox
    """

    def __init__(self, count: int = 8, *, store: ProgressStore | None = _DEFAULT,
                 seed: str | None = None) -> None:
        if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 20:
            raise ValueError(f"count must be a whole number from 1 to 20, got {count!r}")
        self.store = _default_store() if store is _DEFAULT else store
        learner = self.store.learner if self.store is not None else secrets.token_hex(8)
        self._learner = learner
        self._seed = seed or f"{learner}/{date.today().isoformat()}"
        self.count = count
        self.round = 0
        self.pool = all_questions()
        self.keys: list[str] = []
        self.cards: list[QuestionCard] = []
        self.header = widgets.HTML(self._header_html(), layout=_wide())
        self.header.add_class("gepnet-selfcheck-header")
        self.notice = widgets.HTML(value=_notice_html(self.store), layout=_wide())
        self.notice.add_class("gepnet-selfcheck-notice")
        self.body = widgets.VBox(layout=widgets.Layout(width="100%"))
        # On a phone the footer wraps: the gap sits after the score, so a wrapped button starts
        # at the left edge instead of indented.
        self.score_label = widgets.HTML(value="", layout=widgets.Layout(width="auto",
                                                                        margin="0 16px 0 0"))
        self.score_label.add_class("gepnet-selfcheck-score")
        self.new_set_button = widgets.Button(
            description="Another set",
            tooltip="Draw another set of questions, weighted toward those missed or not seen",
            layout=widgets.Layout(margin="0"),  # the gap is the score's right margin
        )
        self.new_set_button.add_class("gepnet-review-new")
        self.new_set_button.on_click(lambda _b: self.new_set())
        footer = widgets.HBox([self.score_label, self.new_set_button],
                              layout=widgets.Layout(align_items="center", flex_flow="row wrap"))
        self.widget = FallbackBox([self.header, self.notice, self.body, footer],
                                  fallback=self.static_view, layout=widgets.Layout(width="100%"))
        self.widget.add_class("gepnet-selfcheck")
        self.widget.add_class("gepnet-review")
        self.new_set()

    @staticmethod
    def _header_html() -> str:
        return (
            f"{_CSS}<h3 style='color:{CSS_TEXT};margin:0 0 4px'>Review: questions from every "
            f"lesson</h3><p style='color:{CSS_MUTED};margin:0 0 8px'>Questions you missed, and "
            "questions you have not seen yet, come up more often; questions you answered in the "
            "last hour come up less, so that practice is spread out. Pick an answer, then press "
            "<em>Check answer</em>; your answers count in <em>Your progress</em> (lesson 0).</p>"
        )

    def new_set(self) -> list[str]:
        """Draw a new set of questions and show it; returns their progress keys."""
        records = self.store.questions() if self.store is not None else {}
        self.keys = pick_review(list(self.pool), records, self.count,
                                seed=f"{self._seed}/{self.round}")
        self.round += 1
        total = len(self.keys)
        self.cards = []
        for i, key in enumerate(self.keys, start=1):
            lesson, question = self.pool[key]
            self.cards.append(QuestionCard(
                question, i, total, on_change=self._update_score, lesson=lesson,
                store=self.store, seed=self._learner, label=f"from {lesson_label(lesson)}",
                restore=False))
        self.body.children = [c.widget for c in self.cards]
        self._update_score()
        return self.keys

    def _update_score(self) -> None:
        self.score_label.value = _score_html(self.cards)
        self.notice.value = _notice_html(self.store)

    def static_view(self) -> StaticView:
        """The current set as a static list (no answer key)."""
        return _static_view("Review: questions from every lesson",
                            [c.question for c in self.cards])

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
