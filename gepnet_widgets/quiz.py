"""Self-check questions as data: load, validate and grade, with no widget code.

Every lesson keeps its questions in ``gepnet_widgets/data/selfcheck/<lesson>.json`` (the format is
described in ``data/selfcheck/schema.md``). This module turns that JSON into frozen
:class:`Question` objects, refuses data that breaks the house rules (one correct answer, feedback
for every answer, sources that resolve in :data:`gepnet_widgets.sources.SOURCES`, no unknown
fields), and grades an answer. The widget in ``widgets/selfcheck.py`` only displays what this
module returns.

A question may carry a ``check``: the name of a package function, its keyword arguments and the
result field that the correct answer must show. The check is verified by the tests (which call
the function), so this module stays independent of the staging logic; :func:`check_label` and
:func:`label_matches` define how a computed value is compared with a choice's text.

Pure layer-1 module: standard library and :mod:`gepnet_widgets.sources` only.
"""

from __future__ import annotations

import copy
import hashlib
import json
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from .sources import SOURCES

__all__ = [
    "MAX_CHOICES",
    "MIN_CHOICES",
    "AnswerResult",
    "Choice",
    "Question",
    "Score",
    "MAX_HINT_CHARS",
    "available_lessons",
    "check_label",
    "choice_id",
    "grade_answer",
    "grade_choice",
    "hint_text",
    "label_matches",
    "load_questions",
    "parse_questions",
    "score",
    "shuffled_choices",
    "validate_questions",
]

MIN_CHOICES = 2  #: fewest choices a question may offer
MAX_CHOICES = 6  #: most choices a question may offer

_DATA_DIR = ("data", "selfcheck")  # one joinpath per part: Python 3.10 takes a single child
_DOCUMENT_REQUIRED = ("lesson", "questions")
_QUESTION_REQUIRED = ("id", "prompt", "choices", "explanation", "sources")
_QUESTION_OPTIONAL = ("misconception", "check", "hint", "objective")
MAX_HINT_CHARS = 300  #: longest hint: a pointer to the idea, not a second explanation
_CHOICE_FIELDS = ("text", "correct", "feedback")
_CHECK_FIELDS = ("function", "kwargs", "field")
_ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LESSON_PATTERN = re.compile(r"[A-Za-z0-9_-]+")
# After the label, a matching choice text ends or goes on with a space or punctuation. "(" is
# not a separator, so the label "T3" does not match "T3(m)"; letters and digits are not, so
# "Stage I" does not match "Stage II" and "T1" does not match "T1b".
_LABEL_END = r"(?=$|[\s,.:;\u2013\u2014])"


@dataclass(frozen=True)
class Choice:
    """One answer a learner can pick.

    Attributes
    ----------
    text : str
        The answer as shown.
    correct : bool
        Whether this is the (single) correct answer.
    feedback : str
        What the learner reads after choosing it; for a wrong answer it names the misconception.
    """

    text: str
    correct: bool
    feedback: str

    @property
    def id(self) -> str:
        """A stable option id (from the text), so answers are checked by id, never by position."""
        return choice_id(self.text)


@dataclass(frozen=True)
class Question:
    """One self-check question.

    Attributes
    ----------
    id : str
        Stable identifier, lower-case letters, digits and hyphens (used in CSS classes).
    prompt : str
        The question text.
    choices : tuple of Choice
        Two to six answers, exactly one correct.
    explanation : str
        Shown once the learner has found the correct answer.
    sources : tuple of str
        Source keys (resolve in :data:`gepnet_widgets.sources.SOURCES`).
    misconception : str or None
        The misconception the question targets, if any.
    hint : str or None
        Shown after a first wrong try: points to the idea without giving the answer.
    objective : int or None
        The number of the lesson's learning objective the question tests (1-5), if tagged.
    check : dict or None
        ``{"function", "kwargs", "field"}``: ties the correct answer to package logic (see
        :func:`check_label`). Verified by the tests, not at load time.
    """

    id: str
    prompt: str
    choices: tuple[Choice, ...]
    explanation: str
    sources: tuple[str, ...]
    misconception: str | None = None
    check: dict[str, Any] | None = field(default=None, hash=False)
    hint: str | None = None
    objective: int | None = None

    @property
    def correct_index(self) -> int:
        """Index of the correct choice."""
        return next(i for i, c in enumerate(self.choices) if c.correct)

    @property
    def correct_choice(self) -> Choice:
        """The correct choice."""
        return self.choices[self.correct_index]


@dataclass(frozen=True)
class AnswerResult:
    """The outcome of one answer.

    Attributes
    ----------
    correct : bool
        Whether the chosen answer is the correct one.
    feedback : str
        The feedback written for the chosen answer.
    correct_text : str
        Text of the correct answer (a widget may choose not to reveal it).
    """

    correct: bool
    feedback: str
    correct_text: str


@dataclass(frozen=True)
class Score:
    """A running score.

    Attributes
    ----------
    correct : int
        Questions answered correctly.
    checked : int
        Questions whose answer has been checked.
    total : int
        Questions in the set.
    """

    correct: int
    checked: int
    total: int

    @property
    def text(self) -> str:
        """Plain-language summary, e.g. ``"3 of 8 correct"``."""
        return f"{self.correct} of {self.total} correct"


# -- loading ----------------------------------------------------------------------------------


def _data_dir() -> Any:
    """Return the traversable folder holding the lesson JSON files."""
    folder = resources.files("gepnet_widgets")
    for part in _DATA_DIR:
        folder = folder.joinpath(part)
    return folder


def available_lessons() -> tuple[str, ...]:
    """List the lessons that have self-check questions.

    Returns
    -------
    tuple of str
        Lesson names (JSON file names without ``.json``), sorted.
    """
    folder = _data_dir()
    if not folder.is_dir():
        return ()
    names = (p.name for p in folder.iterdir() if p.is_file() and p.name.endswith(".json"))
    return tuple(sorted(n[: -len(".json")] for n in names))


def load_questions(lesson: str) -> tuple[Question, ...]:
    """Load and validate the questions of one lesson.

    Parameters
    ----------
    lesson : str
        Lesson name, e.g. ``"03_tnm_staging"`` (see :func:`available_lessons`).

    Returns
    -------
    tuple of Question

    Raises
    ------
    ValueError
        If the lesson is unknown (the message lists the available lessons), the file is not
        valid JSON, or the data break a rule (the message lists every problem).
    """
    lessons = available_lessons()
    if not isinstance(lesson, str) or lesson not in lessons:
        raise ValueError(
            f"unknown self-check lesson {lesson!r}; available lessons: "
            f"{', '.join(lessons) or '(none)'}"
        )
    return _load_cached(lesson)


@cache
def _load_cached(lesson: str) -> tuple[Question, ...]:
    """Read, validate and build one lesson's questions (cached: the data are immutable)."""
    text = _data_dir().joinpath(f"{lesson}.json").read_text(encoding="utf-8")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"self-check lesson {lesson!r}: invalid JSON: {exc}") from None
    return parse_questions(raw, lesson=lesson)


def parse_questions(raw: Any, *, lesson: str | None = None) -> tuple[Question, ...]:
    """Validate raw data (a lesson document or a list of question dicts) and build Questions.

    Parameters
    ----------
    raw : dict or list
        Parsed JSON: ``{"lesson": ..., "questions": [...]}`` or the list of questions alone.
    lesson : str, optional
        Expected value of the document's ``lesson`` field.

    Returns
    -------
    tuple of Question

    Raises
    ------
    ValueError
        If :func:`validate_questions` reports problems; the message lists them all.
    """
    problems = validate_questions(raw, lesson=lesson)
    if problems:
        where = f"self-check lesson {lesson!r}" if lesson else "self-check data"
        raise ValueError(f"{where} is invalid:\n- " + "\n- ".join(problems))
    items = raw["questions"] if isinstance(raw, Mapping) else raw
    return tuple(_build_question(q) for q in items)


def _build_question(q: Mapping[str, Any]) -> Question:
    """Build a Question from an already validated dict."""
    choices = tuple(Choice(c["text"], c["correct"], c["feedback"]) for c in q["choices"])
    check = q.get("check")
    return Question(
        id=q["id"],
        prompt=q["prompt"],
        choices=choices,
        explanation=q["explanation"],
        sources=tuple(q["sources"]),
        misconception=q.get("misconception"),
        check=copy.deepcopy(check) if check is not None else None,
        hint=q.get("hint"),
        objective=q.get("objective"),
    )


# -- validation -------------------------------------------------------------------------------


def validate_questions(raw: Any, *, lesson: str | None = None) -> list[str]:
    """Check self-check data against the house rules.

    Parameters
    ----------
    raw : dict or list
        A lesson document ``{"lesson": str, "questions": [...]}`` or a list of question dicts.
    lesson : str, optional
        If given, the document's ``lesson`` field must equal it.

    Returns
    -------
    list of str
        One message per problem, each naming where it is; empty when the data are valid.
    """
    if isinstance(raw, Mapping):
        problems = _validate_document(raw, lesson)
        items = raw.get("questions")
    elif isinstance(raw, list):
        problems, items = [], raw
    else:
        return [f"expected a lesson object or a list of questions, got {type(raw).__name__}"]
    if not isinstance(items, list) or not items:
        return [*problems, "'questions' must be a non-empty list"]
    seen: set[str] = set()
    for number, item in enumerate(items, start=1):
        problems.extend(_validate_question(item, number, seen))
    return problems


def _validate_document(doc: Mapping[str, Any], lesson: str | None) -> list[str]:
    """Check the top level of a lesson document."""
    problems = _field_problems(doc, _DOCUMENT_REQUIRED, (), "lesson document")
    name = doc.get("lesson")
    if "lesson" in doc and (not isinstance(name, str) or not _LESSON_PATTERN.fullmatch(name)):
        problems.append("lesson document: 'lesson' must be a lesson name such as '03_tnm_staging'")
    elif lesson is not None and name != lesson:
        problems.append(f"lesson document: 'lesson' is {name!r} but the file is {lesson!r}")
    return problems


def _field_problems(
    item: Mapping[str, Any], required: Sequence[str], optional: Sequence[str], where: str
) -> list[str]:
    """Report missing required fields and unknown fields of one JSON object."""
    problems = [f"{where}: missing field {name!r}" for name in required if name not in item]
    allowed = set(required) | set(optional)
    problems += [f"{where}: unknown field {name!r}" for name in item if name not in allowed]
    return problems


def _validate_question(item: Any, number: int, seen: set[str]) -> list[str]:
    """Check one question dict; ``seen`` collects ids to catch duplicates."""
    if not isinstance(item, Mapping):
        return [f"question {number}: must be an object, got {type(item).__name__}"]
    qid = item.get("id")
    where = f"question {number} ({qid!r})" if isinstance(qid, str) else f"question {number}"
    problems = _field_problems(item, _QUESTION_REQUIRED, _QUESTION_OPTIONAL, where)
    problems += _validate_id(qid, where, seen) if "id" in item else []
    for name in ("prompt", "explanation"):
        if name in item and not _is_text(item[name]):
            problems.append(f"{where}: {name!r} must be non-empty text")
    if item.get("misconception") is not None and not _is_text(item["misconception"]):
        problems.append(f"{where}: 'misconception' must be non-empty text or null")
    hint = item.get("hint")
    if hint is not None and not (_is_text(hint) and len(hint) <= MAX_HINT_CHARS):
        problems.append(f"{where}: 'hint' must be non-empty text of at most {MAX_HINT_CHARS} "
                        "characters, or null")
    objective = item.get("objective")
    if objective is not None and (
        isinstance(objective, bool) or not isinstance(objective, int) or not 1 <= objective <= 5
    ):
        problems.append(f"{where}: 'objective' must be a learning objective number 1-5, or null")
    if "sources" in item:
        problems += _validate_sources(item["sources"], where)
    if "choices" in item:
        problems += _validate_choices(item["choices"], where)
    if item.get("check") is not None:
        problems += _validate_check(item["check"], where)
    return problems


def _is_text(value: Any) -> bool:
    """True for a string with visible characters."""
    return isinstance(value, str) and bool(value.strip())


def _validate_id(qid: Any, where: str, seen: set[str]) -> list[str]:
    """Check the id's form and uniqueness."""
    if not isinstance(qid, str) or not _ID_PATTERN.fullmatch(qid):
        return [f"{where}: 'id' must use lower-case letters, digits and single hyphens"]
    if qid in seen:
        return [f"{where}: duplicate id {qid!r}"]
    seen.add(qid)
    return []


def _validate_sources(sources: Any, where: str) -> list[str]:
    """Check that sources is a non-empty list of known, distinct source keys."""
    if not isinstance(sources, list) or not sources:
        return [f"{where}: 'sources' must be a non-empty list of source keys"]
    problems = [
        f"{where}: unknown source {key!r} (known: {', '.join(sorted(SOURCES))})"
        for key in sources
        if not isinstance(key, str) or key not in SOURCES
    ]
    if len(set(map(str, sources))) != len(sources):
        problems.append(f"{where}: duplicate source key in 'sources'")
    return problems


def _validate_choices(choices: Any, where: str) -> list[str]:
    """Check the choice list: 2-6 choices, distinct texts, exactly one correct."""
    if not isinstance(choices, list):
        return [f"{where}: 'choices' must be a list"]
    problems: list[str] = []
    if not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
        problems.append(f"{where}: needs {MIN_CHOICES}-{MAX_CHOICES} choices, has {len(choices)}")
    for number, choice in enumerate(choices, start=1):
        problems += _validate_choice(choice, f"{where}, choice {number}")
    texts = [c.get("text") for c in choices if isinstance(c, Mapping)]
    if len(set(map(str, texts))) != len(texts):
        problems.append(f"{where}: two choices have the same text")
    n_correct = sum(1 for c in choices if isinstance(c, Mapping) and c.get("correct") is True)
    if n_correct != 1:
        problems.append(f"{where}: needs exactly one correct choice, has {n_correct}")
    return problems


def _validate_choice(choice: Any, where: str) -> list[str]:
    """Check one choice: text, a boolean ``correct`` and non-empty feedback."""
    if not isinstance(choice, Mapping):
        return [f"{where}: must be an object"]
    problems = _field_problems(choice, _CHOICE_FIELDS, (), where)
    if "text" in choice and not _is_text(choice["text"]):
        problems.append(f"{where}: 'text' must be non-empty text")
    if "correct" in choice and not isinstance(choice["correct"], bool):
        problems.append(f"{where}: 'correct' must be true or false")
    if "feedback" in choice and not _is_text(choice["feedback"]):
        problems.append(f"{where}: 'feedback' must be non-empty text (every answer needs it)")
    return problems


def _validate_check(check: Any, where: str) -> list[str]:
    """Check the form of a ``check`` object (its agreement with the logic is tested elsewhere)."""
    where = f"{where}, check"
    if not isinstance(check, Mapping):
        return [f"{where}: must be an object or null"]
    problems = _field_problems(check, _CHECK_FIELDS, (), where)
    if "function" in check and not _is_text(check["function"]):
        problems.append(f"{where}: 'function' must be a function name")
    if "kwargs" in check and not isinstance(check["kwargs"], Mapping):
        problems.append(f"{where}: 'kwargs' must be an object")
    if "field" in check and not _is_text(check["field"]):
        problems.append(f"{where}: 'field' must be a result field name")
    return problems


# -- answer-key checks ------------------------------------------------------------------------


def check_label(field_name: str, value: Any) -> str:
    """Return the text a correct choice must start with for a computed ``value``.

    Parameters
    ----------
    field_name : str
        The result field named by the question's ``check`` (e.g. ``"t"``, ``"stage"``).
    value : object
        The value the package logic computed for that field.

    Returns
    -------
    str
        ``str(value)`` (e.g. ``"T2"``, ``"N1"``, ``"M1a"``), except for ``"stage"``, where it is
        ``"Stage <value>"`` (e.g. ``"Stage IIA"``); a ``None`` value gives ``"No <field>"``
        (e.g. ``"No stage"``).
    """
    if value is None:
        return f"No {field_name}"
    if field_name == "stage":
        return f"Stage {value}"
    return str(value)


def label_matches(text: str, label: str) -> bool:
    """Return whether a choice's ``text`` shows ``label``.

    The text must equal the label or start with it followed by a space or punctuation
    (``, . : ;`` or a dash). So ``"T2"`` matches ``"T2"`` and ``"T2: muscle layer"``, but not
    ``"T2b"``; ``"Stage I"`` does not match ``"Stage II"``; ``"T3"`` does not match ``"T3(m)"``.

    Parameters
    ----------
    text : str
        A choice's text.
    label : str
        From :func:`check_label`.

    Returns
    -------
    bool
    """
    return re.match(re.escape(label) + _LABEL_END, text) is not None


# -- grading ----------------------------------------------------------------------------------


def grade_answer(question: Question, choice_index: int) -> AnswerResult:
    """Grade one answer.

    Parameters
    ----------
    question : Question
    choice_index : int
        Index of the chosen answer in ``question.choices``.

    Returns
    -------
    AnswerResult

    Raises
    ------
    ValueError
        If ``choice_index`` is not a valid index.
    """
    n = len(question.choices)
    if isinstance(choice_index, bool) or not isinstance(choice_index, int):
        raise ValueError(f"choice index must be an integer, got {choice_index!r}")
    if not 0 <= choice_index < n:
        raise ValueError(f"choice index {choice_index} out of range 0-{n - 1}")
    chosen = question.choices[choice_index]
    return AnswerResult(chosen.correct, chosen.feedback, question.correct_choice.text)


def grade_choice(question: Question, option_id: str) -> AnswerResult:
    """Grade one answer given by its option id (see :attr:`Choice.id`).

    Raises
    ------
    ValueError
        If no choice of the question has that id.
    """
    for i, choice in enumerate(question.choices):
        if choice.id == option_id:
            return grade_answer(question, i)
    raise ValueError(f"question {question.id!r} has no option with id {option_id!r}")


def choice_id(text: str) -> str:
    """A short, stable id for an option: the first 8 hex digits of the SHA-256 of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def shuffled_choices(question: Question, seed: str) -> tuple[Choice, ...]:
    """The question's choices in an order fixed by ``seed`` and the question id.

    The same learner (seed) sees the same order every time; different learners see different
    orders, so the position of the right answer gives nothing away.
    """
    rng = random.Random(f"{seed}/{question.id}")
    order = list(question.choices)
    rng.shuffle(order)
    return tuple(order)


def hint_text(question: Question) -> str:
    """What a learner reads after a first wrong try: the question's hint, or a general pointer.

    Neither names the answer.
    """
    if question.hint:
        return question.hint
    if question.objective:
        return (f"Look again at the part of the lesson for learning objective "
                f"{question.objective}, then try another answer.")
    return ("Read the question again, look back at the part of the lesson it is about, and "
            "think about which rule decides it; then try another answer.")


def score(results: Iterable[AnswerResult | None], total: int | None = None) -> Score:
    """Count correct answers.

    Parameters
    ----------
    results : iterable of AnswerResult or None
        One entry per question; ``None`` for a question not yet checked.
    total : int, optional
        Number of questions; defaults to the number of entries.

    Returns
    -------
    Score
    """
    items = list(results)
    checked = [r for r in items if r is not None]
    n_total = len(items) if total is None else total
    return Score(sum(r.correct for r in checked), len(checked), n_total)
