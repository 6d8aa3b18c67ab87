"""The classroom's widgets: the learner's "Hand in" button and the instructor's class dashboard.

Both only wire controls to :mod:`gepnet_widgets.classroom` (hand-ins, the class report) and
:mod:`gepnet_widgets.drawing.classroom` (the chart).
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable, Iterable
from pathlib import Path

import ipywidgets as widgets

from ..classroom import (
    ClassReport,
    ClassroomSettings,
    HandInResult,
    build_report,
    chart_alt,
    hand_in,
    lesson_title,
    load_settings,
    parse_class_list,
    read_handins,
    report_csv,
    report_html,
)
from ..classroom.report import learners_html, lesson_table_html, predictions_html, refused_html
from ..drawing.classroom import chart_height, chart_png, draw_class_questions
from ..progress import ProgressStore
from ..style import CSS_MUTED, CSS_TEXT
from .base import Explorer, labelled

__all__ = ["ClassDashboard", "HandInButton"]


def _status(text: str) -> str:
    return (f"<p role='status' style='color:{CSS_TEXT};margin:4px 0'>{html.escape(text)}</p>"
            if text else "")


def _download_link(data: bytes, file_name: str, label: str, mime: str) -> str:
    encoded = base64.b64encode(data).decode("ascii")
    return (f"<a download='{html.escape(file_name, quote=True)}' "
            f"href='data:{mime};base64,{encoded}' style='margin-right:16px'>"
            f"{html.escape(label)}</a>")


class HandInButton:
    """"Hand in my answers": sends the learner's progress to the class drop box, or offers it
    as a file to download where the course has none.

    Parameters
    ----------
    store : ProgressStore
        The learner's progress.
    lessons : iterable of str, or a callable returning one
        Lessons this hand-in closes (in assessment mode their answers are then shown); a
        callable is asked at each hand-in.
    settings : ClassroomSettings, optional
        Default: read from the environment or the hub's config file.
    on_handed_in : callable, optional
        Called with the :class:`~gepnet_widgets.classroom.HandInResult` after a hand-in.

    Attributes
    ----------
    button : ipywidgets.Button
    status : ipywidgets.HTML
        What happened (and the download link where there is no drop box).
    result : HandInResult or None
        The latest hand-in.
    widget : ipywidgets.VBox
    """

    def __init__(
        self,
        store: ProgressStore,
        lessons: Iterable[str] | Callable[[], Iterable[str]] = (),
        *,
        settings: ClassroomSettings | None = None,
        on_handed_in: Callable[[HandInResult], None] | None = None,
    ) -> None:
        self.store = store
        self.lessons = lessons if callable(lessons) else tuple(lessons)
        self.settings = settings if settings is not None else load_settings()
        self.on_handed_in = on_handed_in
        self.result: HandInResult | None = None
        where = ("the class folder" if self.settings.handin_dir is not None
                 else "a file you download and send to your teacher")
        self.button = widgets.Button(description="Hand in my answers", icon="paper-plane",
                                     tooltip=f"Send your saved answers to {where}",
                                     layout=widgets.Layout(width="auto"))
        self.button.add_class("gepnet-handin-button")
        self.status = widgets.HTML()
        self.status.add_class("gepnet-handin-status")
        self.widget = widgets.VBox([self.button, self.status],
                                   layout=widgets.Layout(margin="6px 0"))
        self.widget.add_class("gepnet-handin")
        self.button.on_click(lambda _b: self.hand_in())

    def hand_in(self) -> HandInResult | None:
        """Hand in now; the status line says where it went (or why it could not go)."""
        try:
            lessons = self.lessons() if callable(self.lessons) else self.lessons
            result = hand_in(self.store, lessons, settings=self.settings)
        except ValueError as exc:
            self.status.value = _status(f"Your answers could not be handed in: {exc}.")
            return None
        self.result = result
        link = "" if result.sent else _download_link(
            result.data, result.file_name, "Download your hand-in file", "application/json")
        stamp = result.time.replace("T", " ").replace("Z", " UTC")
        self.status.value = (_status(f"{result.message} ({stamp})") +
                             (f"<p style='margin:2px 0'>{link}</p>" if link else ""))
        if self.on_handed_in is not None:
            self.on_handed_in(result)
        return result


class ClassDashboard(Explorer):
    """The class report for the instructor, refreshed on demand during class.

    Reads every hand-in in the drop box (or any folder of collected hand-in files), and shows,
    for a chosen lesson, a bar per question (right at the first try, missed, not answered) with
    a table beside it: how many answered, first-try correct, and which wrong options were
    chosen by how many. Below: who has not started, predictions by answer, files not used, and
    the whole report to download as a self-contained HTML page and as CSV. "Anonymised for
    projection" leaves every name out of the screen and the downloads.

    Parameters
    ----------
    folder : path, optional
        The hand-in folder (default: the drop box of the classroom settings).
    class_list : path, optional
        A file of user names, one per line: everyone expected.
    anonymised : bool
        Start anonymised.
    """

    prefix = "class"

    def __init__(self, folder: str | Path | None = None, class_list: str | Path | None = None,
                 anonymised: bool = False) -> None:
        if folder is None:
            folder = load_settings().handin_dir
        super().__init__(6.4, chart_height(15), "Class report")
        self.report: ClassReport | None = None
        self.problem = ""
        self.folder = labelled(widgets.Text(value=str(folder or ""), description="Hand-in folder",
                                            continuous_update=False,
                                            placeholder="/srv/gepnet/handin"), self.prefix,
                               "folder")
        self.class_list = labelled(widgets.Text(value=str(class_list or ""),
                                                description="Class list file (optional)",
                                                continuous_update=False), self.prefix,
                                   "class-list")
        self.lesson = labelled(widgets.Dropdown(options=[("(no hand-ins yet)", "")], value="",
                                                description="Lesson"), self.prefix, "lesson")
        self.anonymised = labelled(widgets.Checkbox(value=anonymised, indent=False,
                                                    description="Anonymised for projection"),
                                   self.prefix, "anonymised")
        self.refresh_button = widgets.Button(description="Refresh", icon="refresh",
                                             tooltip="Read the hand-ins again")
        self.refresh_button.add_class("gepnet-class-refresh")
        self.details = widgets.HTML()
        self.details.add_class("gepnet-class-details")
        self.downloads = widgets.HTML()
        self.downloads.add_class("gepnet-class-downloads")
        #: Reads of the folder so far; the chart and the report's chart images are redrawn only
        #: after a new read or for another lesson (anonymising changes the tables, not counts).
        self._loads = 0
        self._drawn: tuple[int, str] | None = None
        self._charts: tuple[int, dict[str, bytes]] | None = None
        self._load()
        self._assemble([[self.folder, self.class_list],
                        [self.lesson, self.anonymised, self.refresh_button]])
        self.widget.children = (*self.widget.children, self.details, self.downloads)
        self.refresh_button.on_click(lambda _b: self.reload())
        self.folder.observe(lambda _c: self.reload(), names="value")
        self.class_list.observe(lambda _c: self.reload(), names="value")

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        return {"lesson": self.lesson, "anonymised": self.anonymised}

    # -- reading -------------------------------------------------------------------------------

    def _load(self) -> None:
        """Read the folder and the class list into :attr:`report` (or :attr:`problem`)."""
        self._loads += 1
        self.problem = ""
        folder = self.folder.value.strip()
        if not folder:
            self.report = None
            self.problem = ("No hand-in folder is set: type the folder's path above, or ask the "
                            "hub admin to set GEPNET_HANDIN_DIR (see the instructor guide).")
            return
        try:
            subs, refused = read_handins(folder)
            names = None
            if self.class_list.value.strip():
                path = Path(self.class_list.value.strip())
                if path.stat().st_size > 1_000_000:
                    raise ValueError("the class list is larger than 1 MB")
                names = parse_class_list(path.read_text(encoding="utf-8"))
        except (ValueError, OSError, UnicodeDecodeError) as exc:
            self.report = None
            self.problem = f"The report could not be made: {exc}"
            return
        self.report = build_report(subs, refused=refused, class_list=names)
        answered = [lesson for lesson in self.report.lessons()
                    if any(r.answered for r in self.report.lesson_rows(lesson))]
        lessons = answered or self.report.lessons()
        options = [(f"{lesson_title(x)} ({x})", x) for x in lessons]
        keep = self.lesson.value if self.lesson.value in lessons else lessons[0]
        with self.quietly():
            self.lesson.options = options
            self.lesson.value = keep

    def reload(self) -> None:
        """Read the hand-ins again and redraw (the Refresh button)."""
        self._load()
        self.refresh()

    # -- drawing and readout -------------------------------------------------------------------

    def _update(self) -> None:
        report = self.report
        anonymised = self.anonymised.value
        rows = report.lesson_rows(self.lesson.value) if report is not None else []
        drawn = (self._loads, self.lesson.value)
        if drawn != self._drawn:
            ax = self.view.axes()
            draw_class_questions(ax, rows)
            height = chart_height(15)
            ax.set_position([0.1, 0.5 / height, 0.86, 1 - 0.85 / height])
            self.view.redraw_all()
            self._drawn = drawn
        title = lesson_title(self.lesson.value) if rows else "no lesson"
        empty = ("Empty bar chart of the class's self-check answers: no hand-ins have been "
                 "read yet.")
        self.view.refresh(chart_alt(rows, title) if rows else empty)
        if report is None:
            self.readout.value = (f"<p class='gepnet-class-problem' style='color:{CSS_TEXT}'>"
                                  f"{html.escape(self.problem)}</p>")
            self.details.value = ""
            self.downloads.value = ""
            return
        summary = (f"<p style='margin:0 0 4px'><b class='gepnet-class-count'>"
                   f"{len(report.learners)}</b> hand-ins read at {html.escape(report.made)}"
                   f"{'; anonymised' if anonymised else ''}.</p>")
        self.readout.value = (f"<div style='color:{CSS_TEXT};overflow-x:auto'>{summary}"
                              f"{lesson_table_html(rows, anonymised=anonymised)}</div>")
        self.details.value = (
            f"<div style='color:{CSS_TEXT}'><h4 style='margin:6px 0'>Learners</h4>"
            f"{learners_html(report, anonymised=anonymised)}"
            f"<h4 style='margin:6px 0'>Predictions by answer</h4>{predictions_html(report)}"
            f"{refused_html(report).replace('<h2>', '<h4>').replace('</h2>', '</h4>')}"
            f"<p style='color:{CSS_MUTED};font-size:0.85em'>Counts are of first attempts."
            "</p></div>")
        self.downloads.value = self._downloads_html(report, anonymised)

    def _downloads_html(self, report: ClassReport, anonymised: bool) -> str:
        if self._charts is None or self._charts[0] != self._loads:
            self._charts = (self._loads, {
                lesson: chart_png(report.lesson_rows(lesson)) for lesson in report.lessons()
                if any(r.answered for r in report.lesson_rows(lesson))})
        charts = self._charts[1]
        page = report_html(report, charts, anonymised=anonymised).encode("utf-8")
        suffix = "-anonymised" if anonymised else ""
        return (_download_link(page, f"class-report{suffix}.html",
                               "Download the report (HTML page)", "text/html") +
                _download_link(report_csv(report).encode("utf-8"), "class-report.csv",
                               "Download the counts (CSV)", "text/csv"))
