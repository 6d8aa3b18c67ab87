"""A "write your prediction first" box: the learner commits to a guess before a tool shows the
answer, and the guess is kept in their progress file.

Each "Predict first." question in a lesson is followed by one box, keyed by the lesson and a
short name (``"03_tnm_staging/size"`` in the progress file). What the learner writes is saved
only when they press "Save my prediction", to :meth:`gepnet_widgets.progress.ProgressStore.
save_prediction` (one small JSON file in their Jupyter data folder or home directory), and shown
again when the box is created, so it survives a page reload, a kernel restart and a new session.
Nothing typed is evaluated, logged or sent anywhere; it is cut to
:data:`~gepnet_widgets.progress.MAX_PREDICTION_CHARS` characters. A class's predictions reach the
teacher only if the learner hands in their progress (:mod:`gepnet_widgets.classroom`).

Where no kernel runs (GitHub, nbviewer, ``make site`` pages) the box shows a plain line asking
the reader to write their prediction down before reading on; it never shows a saved prediction
(a page built on someone's computer must not carry their text).

Example
-------
>>> from gepnet_widgets import PredictionBox
>>> PredictionBox("03_tnm_staging", "size")  # doctest: +SKIP
"""

from __future__ import annotations

import html
import re
from typing import Any

import ipywidgets as widgets

from ..progress import MAX_PREDICTION_CHARS, ProgressStore, question_key
from ..style import CSS_BORDER, CSS_INFO, CSS_MUTED, CSS_TEXT
from .static import STATIC_CLASS, STATIC_CSS, FallbackBox, StaticView

__all__ = ["PredictionBox", "LESSON_PATTERN", "NAME_PATTERN", "MAX_NAME_CHARS",
           "MAX_PROMPT_CHARS"]

#: A lesson id: two digits, an underscore, then lower-case letters, digits and underscores.
LESSON_PATTERN = re.compile(r"[0-9]{2}_[a-z0-9_]{1,60}")
#: A box's name: short lower-case words joined by hyphens ("size", "nodes-vs-stage").
NAME_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_NAME_CHARS = 40  #: longest name
MAX_PROMPT_CHARS = 200  #: longest prompt text

LABEL_KEPT = "Write your prediction first (kept on this computer)"
LABEL_NOT_KEPT = "Write your prediction first (not kept after this session)"
SAVE_TEXT = "Save my prediction"
SAVED_TEXT = "Saved."
CHANGED_TEXT = "Changed since you last saved."
NOT_KEPT_TEXT = "Not saved: this box keeps nothing on disk; your text stays until the page closes."
EMPTY_TEXT = "Nothing to save yet: write your prediction in the box first."
CUT_TEXT = (f"Only the first {MAX_PREDICTION_CHARS:,} characters are kept; the rest was cut off.")
STATIC_LINE = ("Write your prediction here, on paper or in your notes, before you read on. "
               "(In a running notebook this is a box that keeps what you write.)")
#: Passed as ``store`` to keep nothing on disk.
NO_STORE = None
_DEFAULT: Any = object()


def _check_key(lesson: str, name: str) -> None:
    """Raise ``ValueError`` saying what is allowed if ``lesson`` or ``name`` is not a valid key."""
    if not isinstance(lesson, str) or not LESSON_PATTERN.fullmatch(lesson):
        raise ValueError(
            f"lesson must be a lesson id such as '03_tnm_staging' (two digits, an underscore, "
            f"then lower-case letters, digits or underscores), not {str(lesson)[:40]!r}")
    if (not isinstance(name, str) or len(name) > MAX_NAME_CHARS
            or not NAME_PATTERN.fullmatch(name)):
        raise ValueError(
            f"name must be a short kebab-case name such as 'size' or 'nodes-vs-stage' (at most "
            f"{MAX_NAME_CHARS} lower-case letters, digits and single hyphens), not "
            f"{str(name)[:40]!r}")


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _status_html(text: str, kind: str = "muted") -> str:
    colour = CSS_TEXT if kind == "problem" else CSS_MUTED
    border = f"border-left:4px solid {CSS_INFO};padding:2px 8px;" if kind == "problem" else ""
    return f"<p style='color:{colour};margin:2px 0;{border}'>{_esc(text)}</p>" if text else ""


class PredictionBox:
    """A labelled text box for the learner's prediction, with "Save my prediction".

    Parameters
    ----------
    lesson : str
        The lesson id, e.g. ``"03_tnm_staging"`` (see :data:`LESSON_PATTERN`).
    name : str
        The box's name, unique within the lesson, short kebab-case, e.g. ``"size"``.
    prompt : str
        The line shown above the box (at most :data:`MAX_PROMPT_CHARS` characters).
    store : ProgressStore or None, optional
        Where the prediction is kept; default: the learner's progress file. ``None`` keeps
        nothing (the box says so).

    Attributes
    ----------
    text : ipywidgets.Textarea
        The box (CSS hook ``gepnet-prediction-text``).
    save_button : ipywidgets.Button
        "Save my prediction" (``gepnet-prediction-save``).
    status : ipywidgets.HTML
        "Saved." or "Not saved: <reason>" (``gepnet-prediction-status``).
    widget : FallbackBox
        The root (``gepnet-prediction``); a plain line where no kernel runs.

    Raises
    ------
    ValueError
        If ``lesson`` or ``name`` is not a valid key, or ``prompt`` is not short text; the
        message says what is allowed.

    Example
    -------
    >>> box = PredictionBox("03_tnm_staging", "size", store=None)
    >>> box.text.value = "The T category goes up."
    >>> box.save()
    False
    >>> box.status.value  # doctest: +ELLIPSIS
    "<p ...>Not saved: this box keeps nothing on disk; ...</p>"
    """

    def __init__(self, lesson: str, name: str, prompt: str = "Your prediction", *,
                 store: ProgressStore | None = _DEFAULT) -> None:
        _check_key(lesson, name)
        if not isinstance(prompt, str) or not prompt.strip() or len(prompt) > MAX_PROMPT_CHARS:
            raise ValueError(f"prompt must be text of 1 to {MAX_PROMPT_CHARS} characters")
        self.lesson, self.name, self.prompt = lesson, name, prompt.strip()
        self.key = question_key(lesson, name)
        self.store = ProgressStore() if store is _DEFAULT else store
        self._saved = ""
        heading = widgets.HTML(
            f"<p style='color:{CSS_TEXT};margin:0 0 2px'><strong>{_esc(self.prompt)}</strong></p>")
        heading.add_class("gepnet-prediction-prompt")
        self.text = widgets.Textarea(
            value="",
            description=LABEL_KEPT if self.store is not None else LABEL_NOT_KEPT,
            placeholder="What do you expect, and why? A sentence or two is enough.",
            rows=3,
            style={"description_width": "initial"},
            # label above the box (not beside it), so the box keeps the full width on a phone
            layout=widgets.Layout(width="100%", max_width="48em", flex_flow="column",
                                  align_items="stretch"),
        )
        self.text.add_class("gepnet-prediction-text")
        self.save_button = widgets.Button(
            description=SAVE_TEXT,
            tooltip="Keep your prediction in your progress file on this computer",
            layout=widgets.Layout(width="auto"),
        )
        self.save_button.add_class("gepnet-prediction-save")
        self.status = widgets.HTML(value="",
                                   layout=widgets.Layout(width="auto", margin="0 0 0 8px"))
        self.status.add_class("gepnet-prediction-status")
        row = widgets.HBox([self.save_button, self.status],
                           layout=widgets.Layout(flex_flow="row wrap", align_items="center"))
        self.widget = FallbackBox(
            [heading, self.text, row], fallback=self.static_view,
            layout=widgets.Layout(width="100%", margin="4px 0 12px 0", padding="4px 0 4px 10px",
                                  border_left=f"3px solid {CSS_BORDER}"))
        self.widget.add_class("gepnet-prediction")
        self._restore()
        self.text.observe(self._on_edit, names="value")
        self.save_button.on_click(lambda _b: self.save())

    # -- state ----------------------------------------------------------------------------------

    def _restore(self) -> None:
        """Show the saved prediction, and any message about the progress file."""
        if self.store is None:
            return
        self._saved = self.store.prediction(self.lesson, self.name)
        self.text.value = self._saved
        if self.store.message:
            self.status.value = _status_html(self.store.message, "problem")
        elif self._saved:
            self.status.value = _status_html(SAVED_TEXT)

    def _on_edit(self, change: dict) -> None:
        value = change["new"]
        if len(value) > MAX_PREDICTION_CHARS:
            self.text.value = value[:MAX_PREDICTION_CHARS]  # calls back with the cut text
            self.status.value = _status_html(CUT_TEXT, "problem")
            return
        if value != self._saved and self.store is not None:
            self.status.value = _status_html(CHANGED_TEXT)
        elif value == self._saved and self.store is not None:
            self.status.value = _status_html(SAVED_TEXT) if value else ""

    def save(self) -> bool:
        """Save the box's text (cut to the length limit); what "Save my prediction" does.

        Returns
        -------
        bool
            True if it is in the progress file; False otherwise (the status line says why:
            nothing written yet, or the file could not be written). An emptied box that had a
            saved prediction is saved empty, which clears it.
        """
        text = self.text.value[:MAX_PREDICTION_CHARS]
        if not text.strip() and not self._saved:
            self.status.value = _status_html(EMPTY_TEXT)
            return False
        if self.store is None:
            self.status.value = _status_html(NOT_KEPT_TEXT, "problem")
            return False
        self.store.message = ""
        if not self.store.save_prediction(self.lesson, self.name, text):
            why = re.search(r"\(([^()]*)\)\.?$", self.store.message)
            reason = (f"the progress file could not be written ({why.group(1)})." if why
                      else self.store.message or "the progress file could not be written.")
            self.status.value = _status_html(
                f"Not saved: {reason} Your text stays in the box until the page closes; copy "
                "it somewhere if you want to keep it.", "problem")
            return False
        self._saved = text
        self.status.value = _status_html(SAVED_TEXT)
        return True

    # -- display ----------------------------------------------------------------------------------

    def static_view(self) -> StaticView:
        """A plain "write your prediction here" line (never the saved text)."""
        page = (
            f'<div class="{STATIC_CLASS} {STATIC_CLASS}-prediction" role="group" '
            f'aria-label="{_esc(self.prompt)}" style="color:{CSS_TEXT};margin:4px 0 12px;'
            f'border-left:3px solid {CSS_BORDER};padding:2px 0 2px 10px">{STATIC_CSS}'
            f"<p style='margin:0'><strong>{_esc(self.prompt)}</strong></p>"
            f"<p style='margin:2px 0 0'>{_esc(STATIC_LINE)}</p></div>"
        )
        return StaticView(page, f"{self.prompt}: {STATIC_LINE}")

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
