""""Your progress" (lesson 0): what the learner has answered, per lesson or learning objective,
with download, load and erase for the progress file.

The counts come from :func:`gepnet_widgets.progress.summarise` over the self-check banks; the
chart from :func:`gepnet_widgets.drawing.progress.draw_progress`. This module only wires controls.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

import ipywidgets as widgets

from .. import quiz
from ..drawing.progress import SEGMENTS, ProgressArtists, draw_progress
from ..progress import MAX_BYTES, ProgressStore, QuestionTally, question_key, summarise
from ..style import CSS_MUTED, CSS_TEXT
from .base import Explorer, labelled
from .classroom import HandInButton

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["ProgressView", "group_questions"]

GROUPINGS = (("By lesson", "lesson"), ("By learning objective", "objective"))
DOWNLOAD_NAME = "gepnet-progress.json"


def _lesson_name(lesson: str) -> str:
    head = lesson.split("_", 1)[0]
    return f"Lesson {int(head)}" if head.isdigit() else lesson


def group_questions(by: str) -> dict[str, list[str]]:
    """Progress keys of every bank's questions, grouped ``by`` ``"lesson"`` or ``"objective"``.

    By objective, a lesson whose questions carry no ``objective`` stays one group.

    Raises
    ------
    ValueError
        If ``by`` is neither.
    """
    if by not in ("lesson", "objective"):
        raise ValueError(f"group by 'lesson' or 'objective', not {by!r}")
    groups: dict[str, list[str]] = {}
    for lesson in quiz.available_lessons():
        name = _lesson_name(lesson)
        for q in quiz.load_questions(lesson):
            label = name
            if by == "objective":
                label = (f"{name}, objective {q.objective}" if q.objective
                         else f"{name}, all objectives")
            groups.setdefault(label, []).append(question_key(lesson, q.id))
    if by == "objective":
        groups = dict(sorted(groups.items(), key=lambda kv: _order(kv[0])))
    return groups


def _order(label: str) -> tuple[int, int]:
    number = label.split(" ", 2)[1].rstrip(",")
    objective = label.rsplit(" ", 1)[-1]
    return (int(number) if number.isdigit() else 99,
            int(objective) if objective.isdigit() else 0)


class ProgressView(Explorer):
    """Your progress across the course, as a chart and a table, with the progress file's
    buttons: download it, load one back, erase it (after a confirmation).

    Parameters
    ----------
    store : ProgressStore, optional
        The learner's progress (default: their progress file).
    group : str
        ``"lesson"`` or ``"objective"``.
    """

    prefix = "progress"

    def __init__(self, store: ProgressStore | None = None, group: str = "lesson") -> None:
        self.store = store if store is not None else ProgressStore()
        rows = max(len(group_questions(by)) for _, by in GROUPINGS)
        super().__init__(6.4, 1.2 + 0.32 * rows, "Your progress")
        self.group = labelled(
            widgets.Dropdown(options=GROUPINGS, value=group, description="Show"),
            self.prefix, "group")
        self.refresh_button = widgets.Button(description="Update",
                                             tooltip="Read your progress file again")
        self.refresh_button.add_class("gepnet-progress-update")
        self.download = widgets.HTML()
        self.download.add_class("gepnet-progress-download")
        self.upload = widgets.FileUpload(accept=".json,application/json", multiple=False,
                                         description="Load a progress file",
                                         layout=widgets.Layout(width="auto"))
        self.upload.add_class("gepnet-progress-upload")
        self.erase_button = widgets.Button(description="Erase my progress…",
                                           tooltip="Delete your saved answers (asks first)")
        self.erase_button.add_class("gepnet-progress-erase")
        self.confirm_button = widgets.Button(description="Yes, erase everything",
                                             button_style="danger")
        self.confirm_button.add_class("gepnet-progress-erase-yes")
        self.cancel_button = widgets.Button(description="Cancel")
        self.cancel_button.add_class("gepnet-progress-erase-no")
        self.confirm_text = widgets.HTML()
        self.confirm_row = widgets.HBox(
            [self.confirm_text, self.confirm_button, self.cancel_button],
            layout=widgets.Layout(display="none", flex_flow="row wrap", align_items="center"))
        self.status = widgets.HTML()
        self.status.add_class("gepnet-progress-status")
        self.tallies: list[QuestionTally] = []
        self.handin = HandInButton(self.store, self._answered_lessons)
        self._assemble([[self.group, self.refresh_button]])
        tools = widgets.HBox([self.download, self.upload, self.erase_button],
                             layout=widgets.Layout(flex_flow="row wrap", align_items="center"))
        self.widget.children = (*self.widget.children, tools, self.confirm_row, self.status,
                                self.handin.widget)
        self.refresh_button.on_click(lambda _b: self.reload())
        self.upload.observe(self._on_upload, names="value")
        self.erase_button.on_click(lambda _b: self._ask_erase(True))
        self.cancel_button.on_click(lambda _b: self._ask_erase(False))
        self.confirm_button.on_click(lambda _b: self.erase())

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        return {"group": self.group}

    # -- drawing and readout -------------------------------------------------------------------

    def _update(self) -> None:
        groups = group_questions(self.group.value)
        self.tallies = summarise(groups, self.store.questions())
        self.view.scene((self.group.value, tuple(self.tallies)), self._draw_chart)
        self.view.refresh(self._alt())
        self.readout.value = self._readout()
        self.download.value = self._download_html()

    def _draw_chart(self, ax: Axes) -> ProgressArtists:
        """Draw the chart of the current tallies once, as a scene: switching the grouping back
        (with the same answers) costs a blit, not a redraw."""
        drawn = draw_progress(ax, self.tallies)
        bottom = 0.16 + 0.3 / max(len(self.tallies), 1)
        ax.set_position([0.3, bottom, 0.66, 0.97 - bottom])
        return drawn

    def _totals(self) -> QuestionTally:
        t = self.tallies
        return QuestionTally("all", sum(x.total for x in t), sum(x.answered for x in t),
                             sum(x.first_correct for x in t), sum(x.to_revisit for x in t))

    def _alt(self) -> str:
        all_ = self._totals()
        parts = "; ".join(f"{t.group}: {t.first_correct} right at the first try, "
                          f"{t.answered - t.first_correct} missed, {t.not_seen} not answered"
                          for t in self.tallies)
        return (f"Bar chart of your self-check answers, one bar per group. Overall "
                f"{all_.answered} of {all_.total} questions answered. {parts}.")

    def _readout(self) -> str:
        all_ = self._totals()
        rows = "".join(
            f"<tr><td style='padding:1px 6px'>{html.escape(t.group)}</td>"
            f"<td style='padding:1px 6px;text-align:right'>{t.answered} of {t.total}</td>"
            f"<td style='padding:1px 6px;text-align:right'>{t.first_correct}</td>"
            f"<td style='padding:1px 6px;text-align:right'>{t.to_revisit}</td></tr>"
            for t in self.tallies)
        head = ("<tr><th style='text-align:left;padding:1px 6px'>Group</th>"
                "<th style='padding:1px 6px'>Answered</th>"
                "<th style='padding:1px 6px'>Right at the first try</th>"
                "<th style='padding:1px 6px'>To revisit</th></tr>")
        grouping = dict((v, k) for k, v in GROUPINGS)[self.group.value].lower()
        summary = (f"<p style='margin:0 0 4px'>Counted <b class='gepnet-progress-grouping'>"
                   f"{grouping}</b>. You have answered "
                   f"<b class='gepnet-progress-answered'>{all_.answered}</b> of {all_.total} "
                   f"self-check questions; <b class='gepnet-progress-first'>{all_.first_correct}"
                   f"</b> right at the first try; <b class='gepnet-progress-revisit'>"
                   f"{all_.to_revisit}</b> to revisit (missed at the first or the latest try: "
                   f"lesson 9 brings them back).</p>")
        legend = " · ".join(lab for lab, _c, _h in SEGMENTS)
        where = ("<details style='font-size:0.9em'><summary>Where is it kept?</summary>In a "
                 "small file in your Jupyter data folder, on this computer or in your hub "
                 "account; nothing is sent anywhere. On Binder it is lost when the session "
                 "ends: download it first, and load it next time.</details>")
        return (f"<div style='color:{CSS_TEXT}'>{summary}"
                f"<div style='overflow-x:auto'><table style='border-collapse:collapse;"
                f"font-size:0.9em'>{head}{rows}</table></div>"
                f"<p style='color:{CSS_MUTED};font-size:0.85em;margin:4px 0'>Bars: {legend}."
                f"</p>{where}</div>")

    def _download_html(self) -> str:
        data = base64.b64encode(self.store.export_bytes()).decode("ascii")
        return (f'<a download="{DOWNLOAD_NAME}" href="data:application/json;base64,{data}" '
                f"style='margin-right:16px'>Download your progress file</a>")

    # -- file actions ---------------------------------------------------------------------------

    def _answered_lessons(self) -> list[str]:
        """A hand-in from here closes every lesson with answers (assessment mode)."""
        return sorted({key.split("/", 1)[0] for key in self.store.questions()})

    def reload(self) -> None:
        """Read the progress file again (answers given in other lessons since) and redraw."""
        self.store.reload()
        self.status.value = self._message(self.store.message)
        self.refresh()

    def load_bytes(self, data: bytes, name: str = "the file") -> bool:
        """Replace the progress with an uploaded file's content (validated). Returns success."""
        if len(data) > MAX_BYTES:
            self.status.value = self._message(
                f"{name} is too large for a progress file (at most {MAX_BYTES:,} bytes); "
                "nothing was changed.")
            return False
        try:
            self.store.import_bytes(data)
        except ValueError as exc:
            self.status.value = self._message(
                f"{name} could not be loaded: {exc}. Your progress was not changed.")
            return False
        count = len(self.store.questions())
        self.status.value = self._message(f"Loaded {name}: {count} answered questions.")
        self.refresh()
        return True

    def _on_upload(self, change: dict) -> None:
        files: Sequence[dict] = change["new"] or ()
        if not files:
            return
        first = files[0]
        name = str(first.get("name", "the file"))
        size = int(first.get("size", 0) or 0)
        data = b"" if size > MAX_BYTES else bytes(first.get("content", b""))
        self.load_bytes(data if size <= MAX_BYTES else b"x" * (MAX_BYTES + 1), name)
        self.upload.value = ()

    def _ask_erase(self, show: bool) -> None:
        self.confirm_text.value = (
            f"<span style='color:{CSS_TEXT};margin-right:8px'>This deletes every saved answer. "
            "Download your progress file first if you may want it back. Erase?</span>")
        self.confirm_row.layout.display = "flex" if show else "none"

    def erase(self) -> None:
        """Delete the progress file (the confirmation button calls this)."""
        self.store.erase()
        self.confirm_row.layout.display = "none"
        self.status.value = self._message("Your progress was erased.")
        self.refresh()

    @staticmethod
    def _message(text: str) -> str:
        if not text:
            return ""
        return f"<p role='status' style='color:{CSS_TEXT};margin:4px 0'>{html.escape(text)}</p>"

