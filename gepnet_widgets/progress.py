"""The learner's progress: one small JSON file that survives reloads, restarts and new sessions.

The file lives in the learner's Jupyter data folder (``jupyter_data_dir()/gepnet/progress.json``)
or, without Jupyter, in ``~/.gepnet/progress.json``; the environment variable
``GEPNET_PROGRESS_DIR`` names another folder (tests, hubs with a shared home layout).

It is one JSON document a person can read::

    {
      "format": "gepnet-progress",
      "version": 1,
      "learner": "5f0c...",          # random id: seeds the learner's stable option order
      "created": "2026-12-02T15:04:05Z",
      "updated": "...",
      "questions": {"03_tnm_staging/stage-vs-grade":
                      {"first": {"choice": "a1b2c3d4", "correct": false, "time": "..."},
                       "latest": {...}, "attempts": 2, "revealed": false}},
      "predictions": {"03_tnm_staging/size": {"text": "...", "time": "..."}},
      "steps": {"07_case_studies/case-1": {"stage": "II"}}
    }

Writes are atomic (a temporary file in the same folder, flushed and fsync'ed, then
``os.replace``) and serialised between processes with a lock file where the platform offers
``fcntl``; every write re-reads the file under the lock, so two kernels do not undo each other.
Reads are validated (format, version, types, sizes, at most :data:`MAX_BYTES`); a file that fails
is moved aside as ``progress.json.bad-<time>`` and :attr:`ProgressStore.message` says so in
words: never a crash, never a silent loss.

This module also holds the pure logic the progress view and the review lesson use:
:func:`summarise` (answered, first-try correct, to revisit) and :func:`pick_review` (spaced
retrieval weighted toward missed and unseen questions).

Pure layer-1 module: standard library only (``jupyter_core`` if installed, imported lazily).
"""

from __future__ import annotations

import contextlib
import copy
import errno
import json
import os
import random
import re
import secrets
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

__all__ = [
    "ENV_VAR",
    "FILE_NAME",
    "FORMAT",
    "MAX_BYTES",
    "MAX_PREDICTION_CHARS",
    "MAX_STEP_CHARS",
    "VERSION",
    "ProgressStore",
    "QuestionTally",
    "attempt_is_correct",
    "default_dir",
    "empty_document",
    "parse_document",
    "pick_review",
    "question_key",
    "review_weight",
    "summarise",
    "validate_document",
]

FORMAT = "gepnet-progress"  #: the ``format`` field that marks our file
VERSION = 1  #: schema version this code reads and writes
FILE_NAME = "progress.json"
ENV_VAR = "GEPNET_PROGRESS_DIR"  #: folder override (tests, hubs)
MAX_BYTES = 1_000_000  #: a larger file is not read (set aside instead)
MAX_PREDICTION_CHARS = 2000  #: longest prediction kept
MAX_STEP_CHARS = 500  #: longest case-study step value kept
MAX_KEY_CHARS = 120  #: longest key (lesson/question id, step name)
MAX_ENTRIES = 5000  #: most entries in any one section
_LEARNER = re.compile(r"[0-9a-f]{16,64}")
_KEY = re.compile(r"[A-Za-z0-9_./:-]{1,120}")
_SECTIONS = ("questions", "predictions", "steps")
_TOP_FIELDS = ("format", "version", "learner", "created", "updated", *_SECTIONS)


def _now() -> str:
    """The current UTC time, to the second, ISO 8601 with a ``Z``."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def question_key(lesson: str, question_id: str) -> str:
    """The store key of a question: ``"<lesson>/<question id>"``."""
    return f"{lesson}/{question_id}"


def default_dir() -> Path:
    """The folder that holds the progress file.

    ``$GEPNET_PROGRESS_DIR`` if set; else ``<Jupyter data dir>/gepnet`` (where Jupyter keeps a
    user's own data, e.g. ``~/.local/share/jupyter`` on Linux); else ``~/.gepnet``.
    """
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    try:
        from jupyter_core.paths import jupyter_data_dir
    except ImportError:  # pragma: no cover - jupyter_core comes with every Jupyter install
        return Path.home() / ".gepnet"
    return Path(jupyter_data_dir()) / "gepnet"


def empty_document(learner: str | None = None) -> dict[str, Any]:
    """A new, valid progress document with a fresh random learner id."""
    now = _now()
    return {
        "format": FORMAT,
        "version": VERSION,
        "learner": learner or secrets.token_hex(8),
        "created": now,
        "updated": now,
        "questions": {},
        "predictions": {},
        "steps": {},
    }


# -- validation -------------------------------------------------------------------------------


def _is_time(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= 40


def _attempt_problems(value: Any, where: str) -> list[str]:
    if not isinstance(value, Mapping):
        return [f"{where}: must be an object"]
    problems = [f"{where}: unknown field {k!r}" for k in value
                if k not in ("choice", "correct", "time")]
    choice = value.get("choice")
    if choice is not None and not (isinstance(choice, str) and len(choice) <= 64):
        problems.append(f"{where}: 'choice' must be an option id or null")
    if not isinstance(value.get("correct"), bool):
        problems.append(f"{where}: 'correct' must be true or false")
    if not _is_time(value.get("time")):
        problems.append(f"{where}: 'time' must be a date and time")
    return problems


def _question_problems(key: str, value: Any) -> list[str]:
    where = f"questions[{key!r}]"
    if not isinstance(value, Mapping):
        return [f"{where}: must be an object"]
    problems = [f"{where}: unknown field {k!r}" for k in value
                if k not in ("first", "latest", "attempts", "revealed")]
    for name in ("first", "latest"):
        if value.get(name) is not None:
            problems += _attempt_problems(value[name], f"{where}.{name}")
    attempts = value.get("attempts")
    if isinstance(attempts, bool) or not isinstance(attempts, int) or not 0 <= attempts <= 10**6:
        problems.append(f"{where}: 'attempts' must be a whole number")
    if not isinstance(value.get("revealed", False), bool):
        problems.append(f"{where}: 'revealed' must be true or false")
    return problems


def _prediction_problems(key: str, value: Any) -> list[str]:
    where = f"predictions[{key!r}]"
    if not isinstance(value, Mapping) or set(value) - {"text", "time"}:
        return [f"{where}: must be an object with 'text' and 'time'"]
    text = value.get("text")
    if not isinstance(text, str) or len(text) > MAX_PREDICTION_CHARS:
        return [f"{where}: 'text' must be text of at most {MAX_PREDICTION_CHARS} characters"]
    return [] if _is_time(value.get("time")) else [f"{where}: 'time' must be a date and time"]


def _steps_problems(key: str, value: Any) -> list[str]:
    where = f"steps[{key!r}]"
    if not isinstance(value, Mapping) or len(value) > 100:
        return [f"{where}: must be an object with at most 100 entries"]
    return [
        f"{where}[{k!r}]: must be text of at most {MAX_STEP_CHARS} characters"
        for k, v in value.items()
        if not (isinstance(k, str) and _KEY.fullmatch(k))
        or not (isinstance(v, str) and len(v) <= MAX_STEP_CHARS)
    ]


_CHECKERS: dict[str, Callable[[str, Any], list[str]]] = {
    "questions": _question_problems,
    "predictions": _prediction_problems,
    "steps": _steps_problems,
}


def validate_document(doc: Any) -> list[str]:
    """Check a parsed progress document.

    Returns
    -------
    list of str
        One message per problem; empty when the document is valid.
    """
    if not isinstance(doc, Mapping):
        return [f"expected a JSON object, got {type(doc).__name__}"]
    if doc.get("format") != FORMAT:
        return [f"not a course progress file ('format' is {doc.get('format')!r}, "
                f"expected {FORMAT!r})"]
    if doc.get("version") != VERSION:
        return [f"progress file version {doc.get('version')!r}; this course reads version "
                f"{VERSION}"]
    problems = [f"unknown field {k!r}" for k in doc if k not in _TOP_FIELDS]
    if not (isinstance(doc.get("learner"), str) and _LEARNER.fullmatch(doc["learner"])):
        problems.append("'learner' must be a hexadecimal id")
    for name in ("created", "updated"):
        if not _is_time(doc.get(name)):
            problems.append(f"{name!r} must be a date and time")
    for section in _SECTIONS:
        entries = doc.get(section)
        if not isinstance(entries, Mapping) or len(entries) > MAX_ENTRIES:
            problems.append(f"{section!r} must be an object with at most {MAX_ENTRIES} entries")
            continue
        for key, value in entries.items():
            if not (isinstance(key, str) and _KEY.fullmatch(key)):
                problems.append(f"{section}: key {str(key)[:40]!r} is not a valid name")
            else:
                problems += _CHECKERS[section](key, value)
    return problems


def parse_document(data: bytes | str) -> dict[str, Any]:
    """Parse and validate the bytes of a progress file.

    Raises
    ------
    ValueError
        If the data are larger than :data:`MAX_BYTES`, not UTF-8 JSON, or not a valid progress
        document; the message says what is wrong, in words.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if len(raw) > MAX_BYTES:
        raise ValueError(f"the file is {len(raw):,} bytes; a progress file is at most "
                         f"{MAX_BYTES:,} bytes")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"the file is not readable JSON ({exc.__class__.__name__})") from None
    problems = validate_document(doc)
    if problems:
        more = f" (and {len(problems) - 3} more problems)" if len(problems) > 3 else ""
        raise ValueError("; ".join(problems[:3]) + more)
    return doc


# -- the store --------------------------------------------------------------------------------


class ProgressStore:
    """Read and write one learner's progress file.

    Parameters
    ----------
    directory : path, optional
        Folder of the file; :func:`default_dir` when omitted.

    Attributes
    ----------
    path : pathlib.Path
        The progress file.
    message : str
        A sentence for the learner about the last problem with the file (set aside, could not
        save), empty when there was none.
    """

    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        folder = Path(directory) if directory is not None else default_dir()
        self.path = folder / FILE_NAME
        self.message = ""
        self._doc: dict[str, Any] | None = None

    # reading ------------------------------------------------------------------------------

    def _read_disk(self) -> dict[str, Any] | None:
        """The valid document on disk, None if there is none; a bad file is set aside."""
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return None
        except OSError as exc:
            self.message = f"Your progress file could not be read ({exc.strerror})."
            return None
        try:
            if size > MAX_BYTES:
                raise ValueError(f"the file is {size:,} bytes; a progress file is at most "
                                 f"{MAX_BYTES:,} bytes")
            return parse_document(self.path.read_bytes())
        except ValueError as exc:
            self._set_aside(str(exc))
            return None
        except OSError as exc:
            self.message = f"Your progress file could not be read ({exc.strerror})."
            return None

    def _set_aside(self, reason: str) -> None:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        target = self.path.with_name(f"{self.path.name}.bad-{stamp}")
        try:
            os.replace(self.path, target)
        except OSError as exc:
            self.message = (f"Your progress file could not be used ({reason}) and could not be "
                            f"moved aside ({exc.strerror}); new answers are not saved.")
            return
        self.message = (f"Your progress file could not be used ({reason}). It was kept as "
                        f"{target.name} in {target.parent}, and a new one was started.")

    def document(self) -> dict[str, Any]:
        """The progress document (read once, then kept in memory; a copy is safe to change)."""
        if self._doc is None:
            self._doc = self._read_disk() or empty_document()
        return self._doc

    def reload(self) -> dict[str, Any]:
        """Forget the copy in memory and read the file again."""
        self._doc = None
        return self.document()

    @property
    def learner(self) -> str:
        """The learner's random id (kept in the file once anything is saved)."""
        return self.document()["learner"]

    @property
    def exists(self) -> bool:
        """Whether the progress file exists on disk."""
        return self.path.is_file()

    # writing ------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold an exclusive lock (a ``.lock`` file next to the progress file) if possible."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: atomic replace only
            yield
            return
        with open(self.path.with_name(self.path.name + ".lock"), "a+b") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _write(self, doc: Mapping[str, Any]) -> None:
        """Write ``doc`` atomically: temp file in the same folder, fsync, ``os.replace``."""
        data = json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=True).encode("utf-8")
        if len(data) > MAX_BYTES:
            raise OSError(errno.EFBIG, "the progress file would pass its size limit; download "
                          "it, then erase it to start a new one")
        fd, tmp = tempfile.mkstemp(prefix=f".{FILE_NAME}.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def update(self, change: Callable[[dict[str, Any]], None]) -> bool:
        """Apply ``change`` to the latest document on disk and save it.

        Under the lock the file is read again (another kernel may have written since), so
        concurrent writers add to each other's progress instead of replacing it.

        Returns
        -------
        bool
            True if saved; False if the file could not be written (:attr:`message` says why;
            the change is kept in memory for this session).
        """
        try:
            with self._locked():
                doc = self._read_disk() or copy.deepcopy(self.document())
                change(doc)  # a ValueError here (a bad value) reaches the caller
                doc["updated"] = _now()
                self._write(doc)
        except OSError as exc:
            change(self.document())
            self.message = f"Your progress could not be saved ({exc.strerror or exc})."
            return False
        self._doc = doc
        return True

    # questions ----------------------------------------------------------------------------

    def question(self, lesson: str, question_id: str) -> dict[str, Any] | None:
        """The record of one question (``first``, ``latest``, ``attempts``, ``revealed``)."""
        record = self.document()["questions"].get(question_key(lesson, question_id))
        return copy.deepcopy(record) if record is not None else None

    def questions(self) -> dict[str, dict[str, Any]]:
        """Every question record, by ``"<lesson>/<question id>"``."""
        return copy.deepcopy(self.document()["questions"])

    def record_answer(self, lesson: str, question_id: str, choice: str, correct: bool) -> bool:
        """Save one checked answer: the first attempt is kept, the latest replaced."""
        key = question_key(lesson, question_id)
        attempt = {"choice": str(choice)[:64], "correct": bool(correct), "time": _now()}

        def change(doc: dict[str, Any]) -> None:
            record = doc["questions"].setdefault(key, {"attempts": 0})
            record.setdefault("first", dict(attempt))
            record["latest"] = dict(attempt)
            record["attempts"] = int(record.get("attempts", 0)) + 1

        return self.update(change)

    def record_reveal(self, lesson: str, question_id: str) -> bool:
        """Save that the answer was shown; with no attempt yet, the first try counts as missed."""
        key = question_key(lesson, question_id)

        def change(doc: dict[str, Any]) -> None:
            record = doc["questions"].setdefault(key, {"attempts": 0})
            record["revealed"] = True
            record.setdefault("first", {"choice": None, "correct": False, "time": _now()})

        return self.update(change)

    def clear_latest(self, lesson: str, question_ids: Iterable[str]) -> bool:
        """Forget the latest answers of these questions (first attempts stay on record)."""
        keys = [question_key(lesson, q) for q in question_ids]

        def change(doc: dict[str, Any]) -> None:
            for key in keys:
                record = doc["questions"].get(key)
                if record is not None:
                    record.pop("latest", None)

        return self.update(change)

    # predictions and case-study steps -----------------------------------------------------

    def save_prediction(self, lesson: str, name: str, text: str) -> bool:
        """Save a written prediction (cut to :data:`MAX_PREDICTION_CHARS` characters)."""
        key = _checked_key(question_key(lesson, name))
        entry = {"text": str(text)[:MAX_PREDICTION_CHARS], "time": _now()}
        return self.update(lambda doc: doc["predictions"].__setitem__(key, entry))

    def prediction(self, lesson: str, name: str) -> str:
        """A saved prediction's text, empty if there is none."""
        entry = self.document()["predictions"].get(question_key(lesson, name))
        return entry["text"] if entry else ""

    def save_step(self, scope: str, name: str, value: str) -> bool:
        """Save one case-study step (``scope`` e.g. ``"07_case_studies/case-1"``)."""
        scope, name = _checked_key(scope), _checked_key(name)
        value = str(value)[:MAX_STEP_CHARS]

        def change(doc: dict[str, Any]) -> None:
            steps = doc["steps"].setdefault(scope, {})
            if name not in steps and len(steps) >= 100:
                raise ValueError("too many steps saved for one case")
            steps[name] = value

        return self.update(change)

    def steps(self, scope: str) -> dict[str, str]:
        """The saved steps of one case (empty if none)."""
        return dict(self.document()["steps"].get(scope, {}))

    # export, import, erase ----------------------------------------------------------------

    def export_bytes(self) -> bytes:
        """The progress document as UTF-8 JSON (what the download button offers)."""
        return json.dumps(self.document(), indent=1, ensure_ascii=False,
                          sort_keys=True).encode("utf-8")

    def import_bytes(self, data: bytes) -> None:
        """Replace the progress with an exported file's content (validated first).

        Raises
        ------
        ValueError
            If the data are not a valid progress file; the current progress is then unchanged.
        """
        doc = parse_document(data)

        def change(current: dict[str, Any]) -> None:
            current.clear()
            current.update(copy.deepcopy(doc))

        if not self.update(change):
            raise ValueError(self.message)

    def erase(self) -> None:
        """Delete the progress file (and start a new learner id in memory)."""
        with self._locked(), contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        self._doc = empty_document()
        self.message = ""


def _checked_key(key: str) -> str:
    """Return ``key`` if it is a valid store key, else raise ``ValueError``."""
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise ValueError(f"{str(key)[:40]!r} is not a valid name: use up to {MAX_KEY_CHARS} "
                         "letters, digits and . _ - / :")
    return key


# -- summaries and review ---------------------------------------------------------------------


def attempt_is_correct(record: Mapping[str, Any] | None, which: str) -> bool:
    """Whether the ``"first"`` or ``"latest"`` attempt of a record was correct."""
    attempt = (record or {}).get(which)
    return bool(attempt and attempt.get("correct"))


@dataclass(frozen=True)
class QuestionTally:
    """Counts for one group of questions (a lesson or a learning objective).

    Attributes
    ----------
    group : str
        The group's name.
    total : int
        Questions in the group.
    answered : int
        Questions with at least one attempt (or a shown answer).
    first_correct : int
        Questions answered correctly at the first try.
    to_revisit : int
        Answered questions missed at the first try or at the latest try.
    """

    group: str
    total: int
    answered: int
    first_correct: int
    to_revisit: int

    @property
    def not_seen(self) -> int:
        """Questions not answered yet."""
        return self.total - self.answered


def summarise(
    groups: Mapping[str, Sequence[str]], records: Mapping[str, Mapping[str, Any]]
) -> list[QuestionTally]:
    """Count answered, first-try correct and to-revisit questions per group.

    Parameters
    ----------
    groups : mapping
        Group name -> the store keys (``"<lesson>/<id>"``) of its questions, in display order.
    records : mapping
        Question records by store key (:meth:`ProgressStore.questions`).

    Returns
    -------
    list of QuestionTally
        One per group, in the order given.
    """
    tallies = []
    for name, keys in groups.items():
        answered = first = revisit = 0
        for key in keys:
            record = records.get(key)
            if not record or "first" not in record:
                continue
            answered += 1
            first_ok = attempt_is_correct(record, "first")
            first += first_ok
            latest = record.get("latest")
            revisit += (not first_ok) or (latest is not None and not latest.get("correct"))
        tallies.append(QuestionTally(name, len(keys), answered, first, revisit))
    return tallies


def review_weight(record: Mapping[str, Any] | None, now: datetime | None = None) -> float:
    """How strongly a question is drawn for review (higher: more likely).

    Missed at the latest try: 4; not seen yet: 3; missed at the first try, right since: 2;
    right at the first try: 1. A question answered in the last hour weighs a quarter as much,
    so practice is spaced out rather than repeated at once.
    """
    if not record or "first" not in record:
        return 3.0
    latest = record.get("latest") or record.get("first")
    if not latest.get("correct"):
        weight = 4.0
    elif not attempt_is_correct(record, "first"):
        weight = 2.0
    else:
        weight = 1.0
    when = _parse_time(latest.get("time"))
    now = now or datetime.now(timezone.utc)
    if when is not None and (now - when).total_seconds() < 3600:
        weight *= 0.25
    return weight


def _parse_time(value: Any) -> datetime | None:
    try:
        return datetime.strptime(str(value), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def pick_review(
    keys: Sequence[str],
    records: Mapping[str, Mapping[str, Any]],
    count: int,
    seed: int | str,
    now: datetime | None = None,
) -> list[str]:
    """Choose ``count`` distinct questions for a review set, weighted by :func:`review_weight`.

    Parameters
    ----------
    keys : sequence of str
        Store keys of every question that may be drawn.
    records : mapping
        Question records by key.
    count : int
        How many to draw (fewer if fewer exist); at least 1.
    seed : int or str
        Same seed, same records: same set (so a test, or a reload, repeats it).

    Returns
    -------
    list of str
        The chosen keys, in the order to ask them.

    Raises
    ------
    ValueError
        If ``count`` is not a positive whole number or ``keys`` repeat a key.
    """
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise ValueError(f"count must be a whole number of at least 1, got {count!r}")
    if len(set(keys)) != len(keys):
        raise ValueError("keys must be distinct")
    rng = random.Random(str(seed))
    pool = list(keys)
    weights = [review_weight(records.get(k), now) for k in pool]
    chosen: list[str] = []
    while pool and len(chosen) < count:
        i = rng.choices(range(len(pool)), weights=weights)[0]
        chosen.append(pool.pop(i))
        weights.pop(i)
    return chosen
