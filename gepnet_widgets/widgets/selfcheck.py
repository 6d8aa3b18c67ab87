"""The self-check widget every lesson reuses: one card per question, feedback for every answer.

Questions are data (``gepnet_widgets/data/selfcheck/<lesson>.json``, loaded and graded by
:mod:`gepnet_widgets.quiz`); this module only wires ipywidgets controls to that layer-1 logic.
Correctness is said in words ("Correct." / "Not quite."), never by colour alone, and every data
string is HTML-escaped.

Example
-------
>>> from gepnet_widgets.widgets.selfcheck import SelfCheck
>>> SelfCheck("03_tnm_staging")  # doctest: +SKIP
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import ipywidgets as widgets

from .. import quiz
from ..quiz import AnswerResult, Question, Score
from ..sources import cite
from ..style import BACKGROUND, MUTED, OKABE_ITO, TEXT
from .static import STATIC_CLASS, STATIC_CSS, FallbackBox, StaticView

__all__ = ["QuestionCard", "SelfCheck"]

CORRECT_WORD = "Correct."
INCORRECT_WORD = "Not quite."
NO_ANSWER_TEXT = "Choose an answer first."

#: Left-border colours (non-text, WCAG 1.4.11 needs 3:1 on white; text itself stays ``TEXT``).
_BORDER = {
    "correct": OKABE_ITO["bluish_green"],
    "incorrect": OKABE_ITO["vermillion"],
    "prompt": OKABE_ITO["blue"],
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
    """Wrap feedback ``body`` in a bordered block; text colour is always ``TEXT``."""
    return (
        f'<div role="status" style="border-left:4px solid {_BORDER[kind]};padding:4px 10px;'
        f'color:{TEXT};background:{BACKGROUND}">{body}</div>'
    )


def _sources_line(keys: Sequence[str]) -> str:
    """Short citations for ``keys``, e.g. ``Sources: NCI PDQ GI NETs (HP), 2025; ...``."""
    shorts = "; ".join(_esc(cite(k).short) for k in keys)
    return f'<p style="color:{MUTED};font-size:0.9em;margin:4px 0 0">Sources: {shorts}.</p>'


def feedback_html(question: Question, result: AnswerResult) -> str:
    """Return the feedback block for a graded answer.

    Parameters
    ----------
    question : Question
    result : AnswerResult
        From :func:`gepnet_widgets.quiz.grade_answer`.

    Returns
    -------
    str
        HTML: "Correct." or "Not quite." and the chosen answer's feedback; when correct, also the
        explanation and the sources.
    """
    if not result.correct:
        body = (
            f"<p style='margin:0'><strong>{INCORRECT_WORD}</strong> {_esc(result.feedback)} "
            "Try another answer.</p>"
        )
        return _box("incorrect", body)
    body = (
        f"<p style='margin:0'><strong>{CORRECT_WORD}</strong> {_esc(result.feedback)}</p>"
        f"<p style='margin:6px 0 0'>{_esc(question.explanation)}</p>"
        + _sources_line(question.sources)
    )
    return _box("correct", body)


class QuestionCard:
    """One question: prompt, answer buttons, a "Check answer" button and feedback.

    Parameters
    ----------
    question : Question
    number, total : int
        Position of the question in its set (shown as "Question 2 of 10").
    on_change : callable, optional
        Called with no argument whenever the card's result changes (checked, changed, reset).

    Attributes
    ----------
    question : Question
    choices : ipywidgets.RadioButtons
        Values are choice indices; ``None`` until the learner picks one.
    check_button : ipywidgets.Button
    feedback : ipywidgets.HTML
    widget : ipywidgets.VBox
        The card.
    result : AnswerResult or None
        The last checked answer, ``None`` if not checked since the last change.
    """

    def __init__(
        self,
        question: Question,
        number: int,
        total: int,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.question = question
        self.result: AnswerResult | None = None
        self._on_change = on_change
        self.prompt = self._make_prompt(number, total)
        self.choices = self._make_choices(number)
        self.check_button = widgets.Button(
            description="Check answer",
            tooltip=f"Check your answer to question {number}",
        )
        self.check_button.add_class("gepnet-selfcheck-check")
        self.feedback = widgets.HTML(value="", layout=_wide())
        self.feedback.add_class("gepnet-selfcheck-feedback")
        self.widget = widgets.VBox(
            [self.prompt, self.choices, self.check_button, self.feedback],
            layout=widgets.Layout(width="100%", margin="0 0 16px 0"),
        )
        self.widget.add_class("gepnet-selfcheck-q")
        self.widget.add_class(f"gepnet-selfcheck-q-{question.id}")
        self.check_button.on_click(self._on_check)
        self.choices.observe(self._on_select, names="value")

    def _make_prompt(self, number: int, total: int) -> widgets.HTML:
        """Build the prompt HTML ("Question n of N." and the escaped prompt)."""
        value = (
            f"<p style='color:{TEXT};margin:0'><strong>Question {number} of {total}.</strong> "
            f"{_esc(self.question.prompt)}</p>"
        )
        prompt = widgets.HTML(value=value, layout=_wide())
        prompt.add_class("gepnet-selfcheck-prompt")
        return prompt

    def _make_choices(self, number: int) -> widgets.RadioButtons:
        """Build the answer buttons (labels are plain text; values are choice indices)."""
        choices = widgets.RadioButtons(
            options=[(c.text, i) for i, c in enumerate(self.question.choices)],
            value=None,
            description=f"Your answer to question {number}:",
            style=_STYLE,
            layout=_wide(),
        )
        choices.add_class("gepnet-selfcheck-choices")
        return choices

    def check(self) -> AnswerResult | None:
        """Grade the selected answer and show its feedback.

        Returns
        -------
        AnswerResult or None
            ``None`` when no answer is selected (the card then asks for one).
        """
        if self.choices.value is None:
            self.result = None
            self.feedback.value = _box("prompt", f"<p style='margin:0'>{NO_ANSWER_TEXT}</p>")
        else:
            try:
                self.result = quiz.grade_answer(self.question, self.choices.value)
            except ValueError as exc:
                self.result = None
                self.feedback.value = _box("prompt", f"<p style='margin:0'>{_esc(str(exc))}</p>")
            else:
                self.feedback.value = feedback_html(self.question, self.result)
        self._changed()
        return self.result

    def answer(self, index: int) -> AnswerResult | None:
        """Select choice ``index`` and press "Check answer" (convenient in tests).

        Parameters
        ----------
        index : int
            Index into ``question.choices``.

        Returns
        -------
        AnswerResult or None
        """
        self.choices.value = index
        self.check_button.click()
        return self.result

    def reset(self) -> None:
        """Clear the selection, the feedback and the result."""
        self.choices.value = None
        self.result = None
        self.feedback.value = ""
        self._changed()

    def _on_check(self, _button: widgets.Button) -> None:
        """Button callback."""
        self.check()

    def _on_select(self, _change: dict) -> None:
        """A new selection makes the old feedback stale: clear it until the next check."""
        if self.result is not None or self.feedback.value:
            self.result = None
            self.feedback.value = ""
            self._changed()

    def _changed(self) -> None:
        """Tell the owner that the result may have changed."""
        if self._on_change is not None:
            self._on_change()


class SelfCheck:
    """A self-check quiz: a card per question, a running score and a "Reset" button.

    Parameters
    ----------
    questions : str or sequence of Question
        A lesson name (see :func:`gepnet_widgets.quiz.available_lessons`) or the questions.
    heading : str, optional
        Shown above the questions.

    Attributes
    ----------
    questions : tuple of Question
    cards : list of QuestionCard
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
    ) -> None:
        self.questions = self._resolve(questions)
        total = len(self.questions)
        self.cards = [
            QuestionCard(q, i, total, on_change=self._update_score)
            for i, q in enumerate(self.questions, start=1)
        ]
        self.header = widgets.HTML(value=self._header_html(heading), layout=_wide())
        self.header.add_class("gepnet-selfcheck-header")
        self.score_label = widgets.HTML(value="", layout=widgets.Layout(width="auto"))
        self.score_label.add_class("gepnet-selfcheck-score")
        self.reset_button = widgets.Button(
            description="Reset",
            tooltip="Clear all answers and start again",
            layout=widgets.Layout(margin="0 0 0 16px"),
        )
        self.reset_button.add_class("gepnet-selfcheck-reset")
        self.reset_button.on_click(self._on_reset)
        footer = widgets.HBox(
            [self.score_label, self.reset_button],
            layout=widgets.Layout(align_items="center"),
        )
        self.heading = heading
        self.widget = FallbackBox(
            [self.header, *(c.widget for c in self.cards), footer],
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

    @staticmethod
    def _header_html(heading: str) -> str:
        """Heading, instructions and the layout CSS."""
        return (
            f"{_CSS}<h3 style='color:{TEXT};margin:0 0 4px'>{_esc(heading)}</h3>"
            f"<p style='color:{MUTED};margin:0 0 8px'>Pick an answer, then press "
            "<em>Check answer</em>. Every answer has its own feedback, so wrong answers are "
            "worth trying too.</p>"
        )

    @property
    def score(self) -> Score:
        """The running score (correct, checked and total questions)."""
        return quiz.score((c.result for c in self.cards), total=len(self.cards))

    def answer(self, question_index: int, choice_index: int) -> AnswerResult | None:
        """Answer question ``question_index`` with choice ``choice_index`` (for tests/demos)."""
        return self.cards[question_index].answer(choice_index)

    def reset(self) -> None:
        """Clear every answer, every feedback and the score."""
        for card in self.cards:
            card.reset()
        self._update_score()

    def _on_reset(self, _button: widgets.Button) -> None:
        """Button callback."""
        self.reset()

    def _update_score(self) -> None:
        """Rewrite the score line."""
        s = self.score
        self.score_label.value = (
            f"<p style='color:{TEXT};margin:0' aria-live='polite'><strong>Score:</strong> "
            f"{s.text} ({s.checked} checked).</p>"
        )

    def static_view(self) -> StaticView:
        """The questions and their answers as static HTML and text (no answer key).

        Shown where no kernel runs (GitHub, nbviewer, ``make site`` pages) instead of an empty
        box; answers are checked only in a running notebook.
        """
        note = (
            "Static view: the questions are listed here; to check your answers and read the "
            "feedback, open the notebook in Jupyter (Binder, a JupyterHub, your computer) or in "
            "app mode (Voila)."
        )
        items = []
        lines = [f"{self.heading} (static view)", note]
        for i, card in enumerate(self.cards, start=1):
            q = card.question
            choices = "".join(f"<li>{_esc(c.text)}</li>" for c in q.choices)
            items.append(
                f"<li style='margin:0 0 8px'><p style='margin:0'>{_esc(q.prompt)}</p>"
                f"<ul style='margin:2px 0;list-style-type:circle'>{choices}</ul></li>"
            )
            lines.append(f"{i}. {q.prompt}")
            lines += [f"   - {c.text}" for c in q.choices]
        page = (
            f'<div class="{STATIC_CLASS} {STATIC_CLASS}-selfcheck" role="group" '
            f'aria-label="{_esc(self.heading)} (static view)" style="color:{TEXT}">'
            f"{STATIC_CSS}<h3 style='margin:0 0 4px'>{_esc(self.heading)}</h3>"
            f'<p class="{STATIC_CLASS}-note" style="color:{MUTED};font-size:0.9em;margin:0 0 6px">'
            f"{_esc(note)}</p><ol>{''.join(items)}</ol></div>"
        )
        return StaticView(page, "\n".join(lines))

    def _ipython_display_(self) -> None:
        """Display the root widget in a notebook."""
        from IPython.display import display

        display(self.widget)
