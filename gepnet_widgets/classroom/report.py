"""The class report: the hand-ins counted per lesson and question, as data, CSV and HTML.

:func:`build_report` turns valid hand-ins (:class:`~gepnet_widgets.classroom.dropbox.Submission`)
into a :class:`ClassReport`:

* per lesson and question: how many learners answered, how many were right at the first try,
  and, for every option, how many chose it at their first try (the wrong ones are the
  misconceptions; their feedback names the idea);
* who has not started (from a class list, if given; a hand-in with no answer counts too);
* predictions by answer (identical answers, ignoring case and spacing, counted together);
* per learner: answered and first-try correct (names: the instructor's view only).

Only first attempts are counted: they are what a learner knew before any feedback.
:func:`report_csv` and :func:`report_html` export it; the HTML page is self-contained (inline
CSS, charts as embedded PNG with alt text) and, with ``anonymised=True``, carries no name.
Everything a learner wrote is escaped, never run.

Pure layer-1 module: standard library, :mod:`gepnet_widgets.quiz`, :mod:`gepnet_widgets.progress`
and the colour constants of :mod:`gepnet_widgets.style`.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone

from .. import quiz
from ..progress import question_key
from ..style import MUTED, OKABE_ITO, TEXT
from .dropbox import Refused, Submission

__all__ = [
    "ClassReport",
    "LearnerRow",
    "OptionCount",
    "PredictionRow",
    "QuestionRow",
    "build_report",
    "chart_alt",
    "lesson_title",
    "parse_class_list",
    "report_csv",
    "report_html",
    "report_text",
]

MAX_CLASS_LIST = 5000
MAX_SHOWN_PREDICTION = 200  #: characters of a prediction shown in the report
_NAME = re.compile(r"[A-Za-z0-9_@+-][A-Za-z0-9._@+-]{0,63}")


@dataclass(frozen=True)
class OptionCount:
    """One option of a question and the learners who chose it at their first try."""

    option_id: str
    text: str
    correct: bool
    feedback: str
    names: tuple[str, ...]

    @property
    def count(self) -> int:
        """Learners who chose this option at their first try."""
        return len(self.names)


@dataclass(frozen=True)
class QuestionRow:
    """The class's answers to one question.

    Attributes
    ----------
    lesson, question_id, prompt : str
    number : int
        The question's number in its lesson (1, 2, ...).
    learners : int
        Hand-ins counted.
    answered : int
        Learners with a first attempt (or who opened the answer first).
    first_correct : int
        Learners right at the first try.
    revealed_first : int
        Learners who opened the answer before trying (counted as missed).
    options : tuple of OptionCount
        In the bank's order.
    misconception : str or None
        What the question probes (from the bank).
    """

    lesson: str
    question_id: str
    prompt: str
    number: int
    learners: int
    answered: int
    first_correct: int
    revealed_first: int
    options: tuple[OptionCount, ...]
    misconception: str | None = None

    @property
    def missed(self) -> int:
        """Answered, but not right at the first try."""
        return self.answered - self.first_correct

    @property
    def not_answered(self) -> int:
        """Learners who have not answered this question."""
        return self.learners - self.answered

    @property
    def wrong_options(self) -> tuple[OptionCount, ...]:
        """Wrong options chosen by at least one learner, most chosen first."""
        chosen = [o for o in self.options if not o.correct and o.count]
        return tuple(sorted(chosen, key=lambda o: -o.count))


@dataclass(frozen=True)
class PredictionRow:
    """The answers given to one prediction, identical answers counted together."""

    key: str
    answers: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        """Learners who wrote a prediction."""
        return sum(n for _, n in self.answers)


@dataclass(frozen=True)
class LearnerRow:
    """One learner's totals (shown to the instructor only)."""

    name: str
    answered: int
    first_correct: int
    updated: str


@dataclass(frozen=True)
class ClassReport:
    """Everything the class report shows.

    Attributes
    ----------
    learners : tuple of LearnerRow
        One per valid hand-in, by name.
    questions : tuple of QuestionRow
        Every question of every lesson, in course order.
    predictions : tuple of PredictionRow
    not_started : tuple of str
        Class-list names with no answered question (and hand-ins with none).
    refused : tuple of Refused
        Files not used, and why.
    unknown_answers : int
        Answers to questions this version of the course does not have.
    class_list : bool
        Whether a class list was given.
    made : str
        When the report was made (UTC).
    """

    learners: tuple[LearnerRow, ...]
    questions: tuple[QuestionRow, ...]
    predictions: tuple[PredictionRow, ...]
    not_started: tuple[str, ...]
    refused: tuple[Refused, ...] = ()
    unknown_answers: int = 0
    class_list: bool = False
    made: str = field(default_factory=lambda: datetime.now(timezone.utc).strftime(
        "%Y-%m-%d %H:%M UTC"))

    def lessons(self) -> list[str]:
        """The lessons in the report, in course order."""
        return list(dict.fromkeys(q.lesson for q in self.questions))

    def lesson_rows(self, lesson: str) -> list[QuestionRow]:
        """The questions of one lesson."""
        return [q for q in self.questions if q.lesson == lesson]


def lesson_title(lesson: str) -> str:
    """``"03_tnm_staging"`` -> ``"Lesson 3"``."""
    head = lesson.split("_", 1)[0]
    return f"Lesson {int(head)}" if head.isdigit() else lesson


def parse_class_list(text: str) -> list[str]:
    """User names from a class list: one per line (or the first column of a CSV); ``#``
    starts a comment; blank lines, a ``username`` header and invalid names are skipped.

    Raises
    ------
    ValueError
        If the list has more than :data:`MAX_CLASS_LIST` names.
    """
    names: list[str] = []
    for line in text.splitlines():
        first = line.split("#", 1)[0].split(",", 1)[0].strip().strip('"')
        if first and _NAME.fullmatch(first) and first.lower() not in ("username", "name"):
            names.append(first)
    if len(names) > MAX_CLASS_LIST:
        raise ValueError(f"the class list has {len(names)} names; at most {MAX_CLASS_LIST}")
    return list(dict.fromkeys(names))


def _normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


def _question_row(lesson: str, number: int, q: quiz.Question,
                  subs: Sequence[Submission]) -> QuestionRow:
    key = question_key(lesson, q.id)
    chosen: dict[str, list[str]] = {}
    answered = first_ok = revealed = 0
    for sub in subs:
        record = sub.document["questions"].get(key)
        if not record or "first" not in record:
            continue
        answered += 1
        first = record["first"]
        first_ok += first.get("choice") == q.correct_choice.id  # judged by id, not the flag
        if first.get("choice") is None:
            revealed += 1
        else:
            chosen.setdefault(first["choice"], []).append(sub.name)
    options = tuple(OptionCount(c.id, c.text, c.correct, c.feedback,
                                tuple(chosen.get(c.id, ()))) for c in q.choices)
    return QuestionRow(lesson, q.id, q.prompt, number, len(subs), answered, first_ok, revealed,
                       options, q.misconception)


def build_report(
    submissions: Sequence[Submission],
    *,
    refused: Sequence[Refused] = (),
    class_list: Sequence[str] | None = None,
    lessons: Sequence[str] | None = None,
) -> ClassReport:
    """Count the hand-ins.

    Parameters
    ----------
    submissions : sequence of Submission
        Valid hand-ins (:func:`~gepnet_widgets.classroom.dropbox.read_handins`).
    refused : sequence of Refused
        Files not used (carried into the report).
    class_list : sequence of str, optional
        Every learner expected; names without a hand-in are "not started".
    lessons : sequence of str, optional
        Lessons to count (default: every lesson with self-check questions).
    """
    subs = list(submissions)
    lesson_names = list(lessons) if lessons is not None else list(quiz.available_lessons())
    rows: list[QuestionRow] = []
    known: dict[str, str] = {}  # question key -> the right option's id
    for lesson in lesson_names:
        for number, q in enumerate(quiz.load_questions(lesson), start=1):
            rows.append(_question_row(lesson, number, q, subs))
            known[question_key(lesson, q.id)] = q.correct_choice.id
    learners = []
    unknown = 0
    for sub in subs:
        records = sub.document["questions"]
        mine = {k: r for k, r in records.items() if k in known and "first" in r}
        unknown += sum(1 for k in records if k not in known)
        right = sum(1 for k, r in mine.items() if r["first"].get("choice") == known[k])
        learners.append(LearnerRow(sub.name, len(mine), right, sub.document["updated"]))
    started = {row.name for row in learners if row.answered}
    expected = list(class_list or ()) + [row.name for row in learners]
    not_started = tuple(sorted({n for n in expected if n not in started}))
    return ClassReport(tuple(learners), tuple(rows), _predictions(subs), not_started,
                       tuple(refused), unknown, class_list is not None)


def _predictions(subs: Sequence[Submission]) -> tuple[PredictionRow, ...]:
    by_key: dict[str, Counter[str]] = {}
    shown: dict[str, str] = {}
    for sub in subs:
        for key, entry in sub.document["predictions"].items():
            text = entry["text"].strip()
            if not text:
                continue
            norm = _normalised(text)
            shown.setdefault(norm, " ".join(text.split()))
            by_key.setdefault(key, Counter())[norm] += 1
    return tuple(
        PredictionRow(key, tuple((shown[n], c) for n, c in
                                 sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))))
        for key, counts in sorted(by_key.items()))


# -- text, CSV ----------------------------------------------------------------------------------


def chart_alt(rows: Sequence[QuestionRow], title: str) -> str:
    """The alt text of a lesson's chart: every bar's counts in words."""
    parts = "; ".join(f"question {r.number}: {r.first_correct} right at the first try, "
                      f"{r.missed} missed, {r.not_answered} not answered" for r in rows)
    learners = rows[0].learners if rows else 0
    return (f"Bar chart of {title}'s self-check, one bar per question, {learners} hand-ins. "
            f"{parts}.")


def report_text(report: ClassReport, *, anonymised: bool = False) -> str:
    """A plain-text summary (what the command line prints)."""
    lines = [f"Class report, {report.made}: {len(report.learners)} hand-ins"
             + (f", {len(report.refused)} files not used" if report.refused else "")]
    if report.not_started:
        who = (f"{len(report.not_started)} learners" if anonymised
               else ", ".join(report.not_started))
        lines.append(f"Not started: {who}")
    for lesson in report.lessons():
        rows = report.lesson_rows(lesson)
        if not any(r.answered for r in rows):
            continue
        lines.append(f"{lesson_title(lesson)} ({lesson})")
        for r in rows:
            lines.append(f"  Q{r.number} {r.question_id}: answered {r.answered} of {r.learners},"
                         f" right at the first try {r.first_correct}")
            for o in r.wrong_options:
                lines.append(f"      chose {o.text[:70]!r}: {o.count}")
    for ref in report.refused:
        lines.append(f"Not used: {ref.file_name}: {ref.reason}")
    return "\n".join(lines)


def _cell(value: object) -> object:
    """A CSV cell that a spreadsheet will not read as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


CSV_COLUMNS = ("lesson", "question_number", "question_id", "question", "learners", "answered",
               "first_try_correct", "option", "option_is_correct", "chosen_at_first_try")


def report_csv(report: ClassReport) -> str:
    """One row per question and option (no names): counts a spreadsheet can sort."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in report.questions:
        for o in r.options:
            writer.writerow([_cell(v) for v in (
                r.lesson, r.number, r.question_id, r.prompt, r.learners, r.answered,
                r.first_correct, o.text, "yes" if o.correct else "no", o.count)])
    return out.getvalue()


# -- HTML ---------------------------------------------------------------------------------------

_PAGE_CSS = f"""
body {{ font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: {TEXT};
  background: #fff; max-width: 60em; margin: 1.5em auto; padding: 0 1em; line-height: 1.45; }}
table {{ border-collapse: collapse; margin: 0.4em 0 1em; font-size: 0.92em; }}
th, td {{ border-bottom: 1px solid #ccc; padding: 3px 8px; text-align: left;
  vertical-align: top; }}
td.n {{ text-align: right; font-variant-numeric: tabular-nums; }}
.muted {{ color: {MUTED}; }}
.wrong {{ border-left: 4px solid {OKABE_ITO["orange"]}; padding-left: 6px; }}
img {{ max-width: 100%; height: auto; }}
"""


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _name_list(names: Sequence[str], anonymised: bool) -> str:
    if anonymised or not names:
        return ""
    return f" <span class='muted'>({_esc(', '.join(names))})</span>"


def lesson_table_html(rows: Sequence[QuestionRow], *, anonymised: bool = False) -> str:
    """The readout table of one lesson: counts and the wrong options chosen."""
    body = []
    for r in rows:
        wrong = "".join(
            f"<li class='wrong'>{_esc(o.text)}: <b>{o.count}</b>"
            f"{_name_list(o.names, anonymised)}</li>" for o in r.wrong_options)
        opened = (f"<li>opened the answer before trying: <b>{r.revealed_first}</b></li>"
                  if r.revealed_first else "")
        detail = f"<ul style='margin:2px 0 0 0;padding-left:1.2em'>{wrong}{opened}</ul>" \
            if wrong or opened else "<span class='muted'>no wrong first answers</span>"
        body.append(
            f"<tr class='gepnet-class-q' data-question='{_esc(r.question_id)}'>"
            f"<td>Q{r.number}</td><td>{_esc(r.prompt)}</td>"
            f"<td class='n gepnet-class-answered'>{r.answered} of {r.learners}</td>"
            f"<td class='n gepnet-class-first'>{r.first_correct}</td><td>{detail}</td></tr>")
    head = ("<tr><th>#</th><th>Question</th><th>Answered</th><th>Right at the first try</th>"
            "<th>Wrong first answers (misconceptions), by how many</th></tr>")
    return f"<table>{head}{''.join(body)}</table>"


def learners_html(report: ClassReport, *, anonymised: bool = False) -> str:
    """Who handed in and who has not started (counts only when anonymised)."""
    if anonymised:
        return (f"<p>{len(report.learners)} hand-ins; not started: "
                f"<b class='gepnet-class-not-started'>{len(report.not_started)}</b>. "
                "<span class='muted'>(Anonymised for projection: no names shown.)</span></p>")
    rows = "".join(f"<tr><td>{_esc(x.name)}</td><td class='n'>{x.answered}</td>"
                   f"<td class='n'>{x.first_correct}</td>"
                   f"<td>{_esc(x.updated.replace('T', ' ').removesuffix('Z'))}</td></tr>"
                   for x in report.learners)
    table = (f"<table><tr><th>Learner</th><th>Answered</th><th>Right at the first try</th>"
             f"<th>Handed in (UTC)</th></tr>{rows}</table>") if rows else ""
    missing = ", ".join(_esc(n) for n in report.not_started) or "none"
    source = "" if report.class_list else (" <span class='muted'>(give a class list to see "
                                           "everyone who has not handed in)</span>")
    return (f"{table}<p>Not started: <b class='gepnet-class-not-started'>{missing}</b>"
            f"{source}</p>")


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_SHOWN_PREDICTION else text[:MAX_SHOWN_PREDICTION] + "…"


def predictions_html(report: ClassReport) -> str:
    """Predictions by answer (identical answers counted together; text escaped, shortened)."""
    if not report.predictions:
        return "<p class='muted'>No predictions handed in.</p>"
    parts = []
    for p in report.predictions:
        items = "".join(f"<li>{_esc(_shorten(text))}: <b>{count}</b></li>"
                        for text, count in p.answers[:30])
        more = (f"<li class='muted'>and {len(p.answers) - 30} other answers</li>"
                if len(p.answers) > 30 else "")
        parts.append(f"<h4>{_esc(p.key)} ({p.total} learners)</h4><ul>{items}{more}</ul>")
    return "".join(parts)


def refused_html(report: ClassReport) -> str:
    """The files not used, and why."""
    if not report.refused:
        return ""
    items = "".join(f"<li><code>{_esc(r.file_name)}</code>: {_esc(r.reason)}</li>"
                    for r in report.refused)
    return f"<h2>Files not used</h2><ul class='gepnet-class-refused'>{items}</ul>"


def report_html(
    report: ClassReport,
    charts: Mapping[str, bytes] | None = None,
    *,
    anonymised: bool = False,
    title: str = "Class report",
) -> str:
    """The whole report as one self-contained HTML page.

    Parameters
    ----------
    report : ClassReport
    charts : mapping, optional
        PNG bytes of each lesson's chart, by lesson (drawn by the drawing layer).
    anonymised : bool
        Leave out every name (for projection).
    """
    charts = charts or {}
    sections = []
    for lesson in report.lessons():
        rows = report.lesson_rows(lesson)
        if not any(r.answered for r in rows):
            continue
        name = f"{lesson_title(lesson)}"
        png = charts.get(lesson)
        img = (f"<img src='data:image/png;base64,{base64.b64encode(png).decode('ascii')}' "
               f"alt='{_esc(chart_alt(rows, name))}'>") if png else ""
        sections.append(f"<section><h2>{_esc(name)} <span class='muted'>({_esc(lesson)})</span>"
                        f"</h2>{img}{lesson_table_html(rows, anonymised=anonymised)}</section>")
    if not sections:
        sections.append("<p>No answers handed in yet.</p>")
    mode = " (anonymised)" if anonymised else ""
    unknown = (f"<p class='muted'>{report.unknown_answers} answers are to questions this "
               "version of the course does not have (not counted).</p>"
               if report.unknown_answers else "")
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{_esc(title)}{mode}</title><style>{_PAGE_CSS}</style></head><body><main>"
        f"<h1>{_esc(title)}{mode}</h1><p class='muted'>Made {_esc(report.made)} from "
        f"{len(report.learners)} hand-ins. Counts are of first attempts: what learners knew "
        "before any feedback. For teaching only: not for decisions about anyone's care.</p>"
        f"<h2>Learners</h2>{learners_html(report, anonymised=anonymised)}"
        f"{''.join(sections)}{unknown}<h2>Predictions by answer</h2>{predictions_html(report)}"
        f"{refused_html(report)}</main></body></html>"
    )
