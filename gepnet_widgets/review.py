"""What a reviewer needs: every statement a lesson shows, with its sources and how sure it is.

The statements are found by walking the cited data the package already holds (staging rules,
grading, diagnosis, syndromes, treatment, anatomy, cases, glossary entries and self-check
banks): every object with ``sources`` or ``source_keys`` is a statement, and text nested inside
it without sources of its own rests on the same sources. An object flagged ``unverified`` is shown
as "not yet checked against the original". Which data belong to which lesson, when a lesson's
sources were last checked, its open questions and whether a clinician has reviewed it are data
(``data/review/status.json``).

Run ``python -m gepnet_widgets.review 03_tnm_staging`` to print a lesson's statements.
Pure logic: no widget or plotting import.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
import re
import sys
import textwrap
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import ModuleType
from typing import Any

from .sources import LEVEL_WORDS, LEVELS, SOURCES, cite, source_words

__all__ = [
    "Statement",
    "LessonStatus",
    "MODULE_WORDS",
    "lessons",
    "lesson_status",
    "statements",
    "level_counts",
    "where_used",
    "cited_in_text",
    "review_block",
    "report",
    "main",
]

#: The package data a lesson's tools show, in a reader's words (for "where it is used").
MODULE_WORDS: dict[str, str] = {
    "anatomy": "where GEP-NETs arise",
    "diagnosis": "the diagnosis tools",
    "tnm_tables": "the staging tools",
    "staging": "the staging tools",
    "grading": "the grading tools",
    "counting": "the counting lab",
    "syndromes": "the syndrome tools",
    "treatment": "the treatment tools",
    "cases": "the case studies",
    "glossary": "the glossary",
    "selfcheck": "the self-check",
}

#: Text fields tried in this order for an object's main statement.
_TEXT_FIELDS = ("text", "statement", "rule", "definition", "plain", "prompt", "explanation",
                "excess", "what", "story", "detail", "note", "why", "meaning", "phrase")
#: Fields that name an object rather than state a fact.
_NAME_FIELDS = ("id", "key", "term", "site", "category", "name", "label", "title", "word",
                "stage", "t", "aspect", "symptom", "place", "marker", "test")

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


@dataclass(frozen=True)
class Statement:
    """One statement a lesson shows.

    Attributes
    ----------
    lesson : str
        Lesson stem (``"03_tnm_staging"``).
    where : str
        Which tool or data it belongs to, in words (``"the staging tools"``).
    what : str
        What the statement is about (``"SiteTNM stomach"``).
    text : str
        The statement's text fields, ``"field: value"`` joined with `` | ``.
    sources : tuple of str
        Its source keys (inherited from the enclosing data when it has none of its own).
    level : str
        One of :data:`gepnet_widgets.sources.LEVELS`.
    """

    lesson: str
    where: str
    what: str
    text: str
    sources: tuple[str, ...]
    level: str

    @property
    def level_words(self) -> str:
        """How sure the statement is, in a learner's words."""
        return LEVEL_WORDS[self.level]


@dataclass(frozen=True)
class LessonStatus:
    """The review status of one lesson (from ``data/review/status.json``)."""

    lesson: str
    title: str
    modules: tuple[str, ...]
    last_source_check: _dt.date
    open_questions: tuple[str, ...]
    clinician_review: dict[str, str] | None


# --- status data ---------------------------------------------------------------------------------


@cache
def _status_data() -> dict[str, Any]:
    path = resources.files("gepnet_widgets").joinpath("data", "review", "status.json")
    return json.loads(path.read_text(encoding="utf-8"))


def lessons() -> tuple[str, ...]:
    """Every lesson with a review status, in order."""
    return tuple(sorted(_status_data()["lessons"]))


def lesson_status(lesson: str) -> LessonStatus:
    """The review status of ``lesson``; ``ValueError`` names the known lessons."""
    data = _status_data()["lessons"]
    if lesson not in data:
        raise ValueError(f"unknown lesson {lesson!r}; known lessons: {', '.join(sorted(data))}")
    d = data[lesson]
    return LessonStatus(
        lesson, d["title"], tuple(d["modules"]),
        _dt.date.fromisoformat(d["last_source_check"]), tuple(d["open_questions"]),
        d.get("clinician_review"),
    )


# --- walking the cited data ----------------------------------------------------------------------


def _keys(obj: Any) -> tuple[str, ...] | None:
    for name in ("sources", "source_keys"):
        value = getattr(obj, name, None)
        if isinstance(value, tuple) and value and all(isinstance(k, str) for k in value) \
                and all(k in SOURCES for k in value):
            return value
    return None


def _unverified(obj: Any) -> bool:
    flag = getattr(obj, "unverified", False)
    return bool(flag) and not callable(flag)


def _fields(obj: Any) -> dict[str, Any]:
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}


def _name(obj: Any) -> str:
    fields = _fields(obj)
    for n in _NAME_FIELDS:
        value = fields.get(n)
        if isinstance(value, str) and value:
            return f"{type(obj).__name__} {value}"
    return type(obj).__name__


def _text(obj: Any) -> str:
    fields = _fields(obj)
    parts = [f"{n}: {fields[n]}" for n in _TEXT_FIELDS
             if isinstance(fields.get(n), str) and fields[n].strip()]
    parts += [f"{n}: {v}" for n, v in fields.items()
              if n not in _TEXT_FIELDS and n not in _NAME_FIELDS and isinstance(v, str)
              and len(v) > 40 and n not in ("unverified", "citation")]
    return " | ".join(parts)


def _level(keys: tuple[str, ...], unverified: bool) -> str:
    levels = [cite(k).level for k in keys] + (["unverified"] if unverified else [])
    return max(levels, key=LEVELS.index)


def _walk(obj: Any, inherited: tuple[str, ...] | None, unverified: bool,
          seen: set[int], depth: int = 0) -> Iterator[tuple[Any, tuple[str, ...], bool]]:
    """Yield ``(dataclass instance, keys, unverified)`` for every cited statement under ``obj``.

    An object counts once, under the first cited data that reach it; reaching it first without
    sources (a module-level constant reused by cited data) does not use it up.
    """
    if depth > 12 or isinstance(obj, (str, bytes, int, float, bool, type(None))):
        return
    if isinstance(obj, dict):
        for value in obj.values():
            yield from _walk(value, inherited, unverified, seen, depth + 1)
    elif isinstance(obj, (tuple, list, frozenset, set)):
        for value in obj:
            yield from _walk(value, inherited, unverified, seen, depth + 1)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        keys = _keys(obj) or inherited
        if keys is not None:
            if id(obj) in seen:
                return
            seen.add(id(obj))
        flag = unverified or _unverified(obj)
        if keys and _text(obj):
            yield obj, keys, flag
        for value in _fields(obj).values():
            yield from _walk(value, keys, flag, seen, depth + 1)


def _module_statements(lesson: str, module: ModuleType, where: str) -> list[Statement]:
    seen: set[int] = set()
    out = []
    for name, value in vars(module).items():
        if name.startswith("__") or isinstance(value, (ModuleType, type)) or callable(value):
            continue
        for obj, keys, flag in _walk(value, None, False, seen):
            out.append(Statement(lesson, where, _name(obj), _text(obj), keys, _level(keys, flag)))
    return out


def _glossary_statements(lesson: str) -> list[Statement]:
    from . import glossary

    return [
        Statement(lesson, MODULE_WORDS["glossary"], f"Entry {e.term}",
                  f"definition: {e.definition}", e.sources, _level(e.sources, False))
        for e in glossary.GLOSSARY if e.lesson == lesson and e.sources
    ]


def _selfcheck_statements(lesson: str) -> list[Statement]:
    from . import quiz

    if lesson not in quiz.available_lessons():
        return []
    out: list[Statement] = []
    for q in quiz.load_questions(lesson):
        for obj, keys, flag in _walk(q, None, False, set()):
            out.append(Statement(lesson, MODULE_WORDS["selfcheck"], _name(obj), _text(obj),
                                 keys, _level(keys, flag)))
    return out


def _data_module(name: str) -> ModuleType:
    """The layer-1 data module ``name`` (a fixed list: nothing named in data is imported)."""
    from . import (
        anatomy,
        cases,
        counting,
        diagnosis,
        grading,
        staging,
        syndromes,
        tnm_tables,
        treatment,
    )
    from .reading import vocabulary

    modules: dict[str, ModuleType] = {
        "anatomy": anatomy, "cases": cases, "counting": counting, "diagnosis": diagnosis,
        "grading": grading, "staging": staging, "syndromes": syndromes,
        "tnm_tables": tnm_tables, "treatment": treatment, "reading": vocabulary,
    }
    if name not in modules:
        raise ValueError(f"unknown data module {name!r}; known: {', '.join(sorted(modules))}")
    return modules[name]


@cache
def _statements(lesson: str) -> tuple[Statement, ...]:
    status = lesson_status(lesson)
    out: list[Statement] = []
    for module_name in status.modules:
        module = _data_module(module_name)
        out += _module_statements(lesson, module, MODULE_WORDS.get(module_name, module_name))
    out += _glossary_statements(lesson)
    out += _selfcheck_statements(lesson)
    unique = dict.fromkeys(out)  # the same object reached through two names counts once
    return tuple(unique)


def statements(lesson: str) -> tuple[Statement, ...]:
    """Every cited statement ``lesson`` shows (its tools' data, glossary entries, self-check)."""
    return _statements(lesson)


def level_counts(lesson: str) -> dict[str, int]:
    """How many of the lesson's statements rest on each level (every level present, maybe 0)."""
    counts = Counter(s.level for s in statements(lesson))
    return {level: counts.get(level, 0) for level in LEVELS}


#: A lesson's text cites a source by linking to its entry on the reference page.
_ANCHOR = re.compile(r"references\.(?:ipynb|html|md)#([A-Za-z0-9_]+)")


def cited_in_text(markdown: str) -> tuple[str, ...]:
    """The source keys a lesson's Markdown links to (``references.ipynb#KEY``), in order."""
    return tuple(k for k in dict.fromkeys(_ANCHOR.findall(markdown)) if k in SOURCES)


def where_used(lesson_text: dict[str, str] | None = None) -> dict[str, tuple[str, ...]]:
    """For every source key, where the course uses it, one line per lesson:
    ``"Lesson 3 (Staging a GEP-NET with TNM): the staging tools, the self-check"``.

    ``lesson_text`` (lesson stem -> its Markdown) adds the sources a lesson's text links to
    (``references.ipynb#KEY``) as "the lesson text".
    """
    places: dict[str, dict[str, dict[str, None]]] = {k: {} for k in SOURCES}
    for lesson in lessons():
        label = f"Lesson {int(lesson[:2])} ({lesson_status(lesson).title})"
        for k in cited_in_text((lesson_text or {}).get(lesson, "")):
            places[k].setdefault(label, {})["the lesson text"] = None
        for s in statements(lesson):
            for k in s.sources:
                places[k].setdefault(label, {})[s.where] = None
    return {k: tuple(f"{label}: {', '.join(where)}" for label, where in v.items())
            for k, v in places.items()}


# --- the footer block and the reviewer's report --------------------------------------------------


def date_words(day: _dt.date) -> str:
    """``2026-12-02`` as ``"2 December 2026"``."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


REPORT_ERROR = (
    "**How to report an error.** Open a new issue in the course's issue tracker (the *Issues* "
    "tab of the repository the course comes from), or tell your teacher. Say which lesson and "
    "section, what the course says, what you believe is right, and your source (title, year, "
    "and page or web address). Never include anything that could identify a patient."
)


def review_block(lesson: str, references_link: str = "references.ipynb") -> str:
    """The lesson footer's review-status block (Markdown), generated from the data."""
    status = lesson_status(lesson)
    counts = level_counts(lesson)
    total = sum(counts.values())
    levels = "; ".join(f"{counts[lv]} {LEVEL_WORDS[lv]}" for lv in LEVELS)
    review = status.clinician_review
    reviewed = (f"yes, by {review['by']} on {date_words(_dt.date.fromisoformat(review['date']))}"
                if review else "not yet")
    questions = "".join(f"\n  * {q}" for q in status.open_questions) or " none recorded."
    return (
        "### Sources and review status\n\n"
        "Every tool in this lesson names its sources in words and says how sure each statement "
        f"is; the [course's reference list]({references_link}) gives every source in full.\n\n"
        f"* Last check of this lesson's sources: {date_words(status.last_source_check)}.\n"
        f"* Statements this lesson's tools and self-check show: {total} ({levels}).\n"
        f"* Open questions:{questions}\n"
        f"* Reviewed by a clinician: {reviewed}.\n\n"
        f"{REPORT_ERROR}"
    )


def report(lesson: str) -> str:
    """Plain text for a reviewer: the status, then every statement with its sources and level."""
    status = lesson_status(lesson)
    counts = level_counts(lesson)
    lines = [
        f"Lesson {lesson}: {status.title}",
        f"Last source check: {date_words(status.last_source_check)}; reviewed by a clinician: "
        f"{'yes' if status.clinician_review else 'not yet'}",
        "Statements by level: " + "; ".join(f"{LEVEL_WORDS[lv]}: {counts[lv]}" for lv in LEVELS),
        "Open questions:" + "".join(f"\n  - {q}" for q in status.open_questions)
        if status.open_questions else "Open questions: none recorded",
        "",
    ]
    for n, s in enumerate(statements(lesson), 1):
        lines.append(f"{n}. [{s.where}] {s.what}")
        lines += textwrap.wrap(s.text, 96, initial_indent="   ", subsequent_indent="   ")
        lines.append(f"   Sources: {source_words(s.sources)} (keys: {', '.join(s.sources)})")
        lines.append(f"   How sure: {s.level_words}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m gepnet_widgets.review LESSON``: print the lesson's statements."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1 or args[0] in ("-h", "--help"):
        print("usage: python -m gepnet_widgets.review LESSON\nlessons: " + ", ".join(lessons()))
        return 0 if args and args[0] in ("-h", "--help") else 2
    lesson = args[0].removesuffix(".ipynb")
    try:
        print(report(lesson))
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
