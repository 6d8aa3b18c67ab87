"""Hand-ins: a learner sends their progress document; the instructor reads every hand-in.

The drop box works like nbgrader's exchange, with the operating system keeping learners apart:

* the hub admin makes one folder, owned by the instructor, with mode ``3733``
  (``drwx-wx-wt`` plus set-group-id): every learner may create files in it but not list it,
  the sticky bit stops anyone renaming or deleting a file they do not own, and new files take
  the folder's group (the instructor's);
* a learner's hand-in is ``<user name>.json``, written to a private temporary file (``0600``),
  made ``0640`` (readable by the folder's group, nobody else) and moved into place with
  ``os.replace``, so handing in again replaces only their own file;
* :func:`read_handins` (the instructor) opens each file without following links, refuses
  anything that is not a regular file, larger than :data:`~gepnet_widgets.progress.MAX_BYTES`,
  not valid progress JSON, or handed in by another account under the learner's name, and says
  why in words; one bad file never stops the others being read.

Where no drop box is set up, :func:`hand_in` returns the bytes for a download instead.
A hand-in is data only: it is parsed as JSON and validated, never run.

Pure layer-1 module: standard library and :mod:`gepnet_widgets.progress`.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..progress import MAX_BYTES, ProgressStore, parse_document
from .settings import ClassroomSettings, load_settings

__all__ = [
    "DOWNLOAD_PREFIX",
    "MAX_HANDINS",
    "HandInResult",
    "Refused",
    "Submission",
    "check_dropbox",
    "hand_in",
    "handed_in_lessons",
    "learner_name",
    "name_from_file",
    "read_handins",
    "read_one",
]

DOWNLOAD_PREFIX = "gepnet-handin-"  #: a downloaded hand-in is ``gepnet-handin-<name>.json``
MAX_HANDINS = 5000  #: most files the report reads in one folder
MARKER_NAME = "handed-in.json"  #: next to the progress file: lessons handed in, and when
_NAME = re.compile(r"[A-Za-z0-9_@+-][A-Za-z0-9._@+-]{0,63}")
_LESSON = re.compile(r"[A-Za-z0-9_-]{1,80}")


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _check_name(name: str) -> str:
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ValueError(f"{str(name)[:40]!r} cannot name a hand-in: use up to 64 letters, "
                         "digits and . _ @ + - (not starting with a dot)")
    return name


def learner_name(environ: Mapping[str, str] | None = None) -> str:
    """The learner's user name: the hub's (``JUPYTERHUB_USER``), else the system login name.

    Raises
    ------
    ValueError
        If the name cannot name a file safely.
    """
    env = os.environ if environ is None else environ
    name = env.get("JUPYTERHUB_USER", "").strip()
    if not name:
        try:
            import pwd

            name = pwd.getpwuid(os.geteuid()).pw_name
        except (ImportError, KeyError):  # pragma: no cover - Windows, or a uid with no name
            name = env.get("USER") or env.get("USERNAME") or "learner"
    return _check_name(name)


def name_from_file(file_name: str) -> str:
    """``"alice.json"`` or ``"gepnet-handin-alice.json"`` -> ``"alice"``.

    Raises
    ------
    ValueError
        If the file is not a ``.json`` file or its name is not a valid user name.
    """
    if not file_name.endswith(".json"):
        raise ValueError(f"{file_name[:60]!r} is not a hand-in (.json) file")
    stem = file_name[: -len(".json")].removeprefix(DOWNLOAD_PREFIX)
    return _check_name(stem)


# -- the learner's side -------------------------------------------------------------------------


@dataclass(frozen=True)
class HandInResult:
    """What happened to a hand-in.

    Attributes
    ----------
    sent : bool
        True if the file is in the class drop box.
    name : str
        The learner's user name.
    data : bytes
        The hand-in (the progress document as JSON): what a download offers.
    file_name : str
        ``<name>.json`` in the drop box, or the download's file name.
    message : str
        What the learner reads: where it went, or why it could not go to the drop box.
    time : str
        When (UTC, ISO 8601).
    """

    sent: bool
    name: str
    data: bytes
    file_name: str
    message: str
    time: str = field(default_factory=_now)


def check_dropbox(folder: Path) -> None:
    """Refuse a drop box that would let learners see or replace each other's hand-ins.

    Raises
    ------
    ValueError
        If the folder is missing, not a folder, listable by others, or lacks the sticky bit.
    """
    try:
        info = os.stat(folder)
    except OSError as exc:
        raise ValueError(f"the class hand-in folder cannot be reached ({exc.strerror})") from None
    if not stat.S_ISDIR(info.st_mode):
        raise ValueError("the class hand-in folder is not a folder")
    mode = stat.S_IMODE(info.st_mode)
    if mode & stat.S_IROTH or not mode & stat.S_ISVTX:
        raise ValueError("the class hand-in folder is not set up safely (other learners could "
                         "list or replace hand-ins)")


def _write_into(folder: Path, name: str, data: bytes) -> None:
    """Write ``<folder>/<name>.json`` atomically, readable by the folder's group only."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)  # 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            os.fchmod(handle.fileno(), 0o640)
        os.replace(tmp, folder / f"{name}.json")
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _marker_path(store: ProgressStore) -> Path:
    return store.path.with_name(MARKER_NAME)


def handed_in_lessons(store: ProgressStore) -> dict[str, str]:
    """Lessons this learner has handed in, with the time of the latest hand-in of each.

    Read from a small file next to the progress file; a missing or bad file means none.
    """
    path = _marker_path(store)
    try:
        if path.stat().st_size > 100_000:
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    lessons = data.get("lessons") if isinstance(data, Mapping) else None
    if not isinstance(lessons, Mapping):
        return {}
    return {k: v for k, v in lessons.items()
            if isinstance(k, str) and _LESSON.fullmatch(k) and isinstance(v, str) and len(v) < 40}


def _mark_handed_in(store: ProgressStore, lessons: Iterable[str], when: str) -> None:
    done = handed_in_lessons(store)
    done.update({lesson: when for lesson in lessons if _LESSON.fullmatch(lesson)})
    path = _marker_path(store)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{MARKER_NAME}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"lessons": done}, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)


def hand_in(
    store: ProgressStore,
    lessons: Iterable[str] = (),
    *,
    settings: ClassroomSettings | None = None,
    name: str | None = None,
) -> HandInResult:
    """Hand in the learner's progress document.

    With a drop box (see :mod:`gepnet_widgets.classroom.settings`), the document is written
    there as ``<name>.json`` (replacing this learner's earlier hand-in, never another's);
    otherwise, or if the drop box cannot take it, the result carries the bytes to download.

    Parameters
    ----------
    store : ProgressStore
        The learner's progress.
    lessons : iterable of str
        Lessons this hand-in closes (assessment mode then shows their answers).
    settings : ClassroomSettings, optional
        Default: :func:`~gepnet_widgets.classroom.settings.load_settings`.
    name : str, optional
        The learner's user name (default: :func:`learner_name`).

    Raises
    ------
    ValueError
        If the user name cannot name a file, or the progress is not a valid document.
    """
    settings = settings if settings is not None else load_settings()
    name = _check_name(name) if name is not None else learner_name()
    data = store.export_bytes()
    parse_document(data)  # never hand in what the report would refuse
    when = _now()
    download = f"{DOWNLOAD_PREFIX}{name}.json"
    how_to = ("Download the file below and send it to your teacher (by e-mail or the course "
              "page).")
    if settings.handin_dir is None:
        _mark_handed_in(store, lessons, when)
        return HandInResult(False, name, data, download, f"Your answers are ready. {how_to}",
                            when)
    folder = settings.handin_dir
    try:
        check_dropbox(folder)
        _write_into(folder, name, data)
    except ValueError as exc:
        reason = f"{exc}"
    except OSError as exc:
        reason = ("a hand-in under your name already exists and belongs to another account; "
                  "tell your teacher" if exc.errno in (errno.EACCES, errno.EPERM)
                  else f"it could not be written ({exc.strerror})")
    else:
        _mark_handed_in(store, lessons, when)
        return HandInResult(True, name, data, f"{name}.json",
                            f"Handed in to the class folder as {name}. You can hand in again "
                            "later: it replaces your earlier hand-in.", when)
    return HandInResult(False, name, data, download,
                        f"Your answers could not go to the class folder: {reason}. {how_to}",
                        when)


# -- the instructor's side ----------------------------------------------------------------------


@dataclass(frozen=True)
class Submission:
    """One valid hand-in: who, the progress document, the file it came from."""

    name: str
    document: dict[str, Any]
    file_name: str


@dataclass(frozen=True)
class Refused:
    """A file the report did not use, and why (in words)."""

    file_name: str
    reason: str


def _owner_problem(name: str, uid: int) -> str:
    """Why a file owned by ``uid`` may not speak for ``name`` (empty: it may)."""
    if uid in (0, os.geteuid()):
        return ""  # the admin or the instructor put it there (e.g. a downloaded hand-in)
    try:
        import pwd

        owner = pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        owner = f"user id {uid}"
    if owner in (name, f"jupyter-{name}"):  # jupyter-<name>: The Littlest JupyterHub's accounts
        return ""
    return f"it was handed in by the account {owner}, not by {name}"


def read_one(path: Path, *, check_owner: bool = True) -> Submission:
    """Read and validate one hand-in file (links are not followed).

    Raises
    ------
    ValueError
        If it cannot be used; the message says why.
    """
    name = name_from_file(path.name)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ValueError("it is a link, not a file") from None
        raise ValueError(f"it could not be opened ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("it is not a regular file")
        if info.st_size > MAX_BYTES:
            raise ValueError(f"it is {info.st_size:,} bytes; a hand-in is at most "
                             f"{MAX_BYTES:,} bytes")
        if check_owner and (problem := _owner_problem(name, info.st_uid)):
            raise ValueError(problem)
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValueError(f"it is larger than {MAX_BYTES:,} bytes")
    try:
        doc = parse_document(data)
    except ValueError as exc:
        raise ValueError(f"it is not a valid hand-in: {exc}") from None
    return Submission(name, doc, path.name)


def read_handins(
    folder: str | os.PathLike[str], *, check_owner: bool = True
) -> tuple[list[Submission], list[Refused]]:
    """Read every hand-in in ``folder`` (``*.json``; hidden temporary files are skipped).

    Where one learner has two files (``alice.json`` and a downloaded
    ``gepnet-handin-alice.json``), the one updated last is used.

    Returns
    -------
    (list of Submission, list of Refused)
        Valid hand-ins sorted by name, and the files refused with the reason.

    Raises
    ------
    ValueError
        If the folder cannot be read at all.
    """
    root = Path(folder)
    try:
        entries = sorted(e.name for e in os.scandir(root))
    except OSError as exc:
        raise ValueError(f"the hand-in folder {str(root)[:200]} cannot be read "
                         f"({exc.strerror})") from None
    files = [n for n in entries if n.endswith(".json") and not n.startswith(".")]
    refused = [Refused(n, f"only the first {MAX_HANDINS} files are read")
               for n in files[MAX_HANDINS:]]
    best: dict[str, Submission] = {}
    for file_name in files[:MAX_HANDINS]:
        try:
            sub = read_one(root / file_name, check_owner=check_owner)
        except ValueError as exc:
            refused.append(Refused(file_name, str(exc)))
            continue
        old = best.get(sub.name)
        if old is None or sub.document["updated"] > old.document["updated"]:
            best[sub.name] = sub
            if old is not None:
                refused.append(Refused(old.file_name, f"a later hand-in of {sub.name} is used"))
        else:
            refused.append(Refused(file_name, f"a later hand-in of {sub.name} is used"))
    return [best[n] for n in sorted(best)], sorted(refused, key=lambda r: r.file_name)
