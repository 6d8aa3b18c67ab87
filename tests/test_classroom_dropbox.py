"""The hand-in drop box with two real system users (and a real instructor account).

The fixture creates three throw-away accounts with ``useradd`` (two learners and the
instructor), makes the drop box the way the instructor guide says (owned by the instructor,
mode 3733), and removes the accounts afterwards. Every learner action runs in a separate
process that has become that learner (forked, then ``setgroups``/``setgid``/``setuid``, so
nothing of root is left), and the kernel's permission checks are the ones a hub gives.
These tests need root (CI runs as root): without it they fail in CI (``CI=true``) and are
skipped, with the reason, elsewhere.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import pwd
import secrets
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from gepnet_widgets import classroom, quiz
from gepnet_widgets.progress import ProgressStore

ROOT = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").strip().lower() == "true"
LESSON = "03_tnm_staging"

def _act(cmd: dict[str, Any]) -> dict[str, Any]:
    """One action, run in a child process that has become the learner (or the instructor)."""
    box = cmd["box"]
    out: dict[str, Any] = {}

    def attempt(name: str, fn: Any) -> None:
        try:
            fn()
            out[name] = "ok"
        except OSError as exc:
            out[name] = errno.errorcode.get(exc.errno or 0, str(exc.errno))

    if cmd["do"] == "hand_in":
        store = ProgressStore(cmd["progress"])
        q = quiz.load_questions(cmd["lesson"])[cmd["question"]]
        choice = q.choices[cmd["choice"]]
        store.record_answer(cmd["lesson"], q.id, choice.id, choice.correct)
        settings = classroom.ClassroomSettings(handin_dir=Path(box))
        r = classroom.hand_in(store, [cmd["lesson"]], settings=settings, name=cmd.get("name"))
        out.update(sent=r.sent, name=r.name, message=r.message)
    elif cmd["do"] == "write_raw":
        path = os.path.join(box, cmd["file"])
        with open(path, "wb") as handle:
            handle.write(cmd["data"].encode() * cmd.get("repeat", 1))
        os.chmod(path, 0o640)
        out["written"] = True
    elif cmd["do"] == "snoop":
        other = os.path.join(box, cmd["other"] + ".json")

        def replace() -> None:
            tmp = os.path.join(box, ".snoop.tmp")
            with open(tmp, "wb") as handle:
                handle.write(b"{}")
            try:
                os.replace(tmp, other)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)

        attempt("list", lambda: os.listdir(box))
        attempt("read", lambda: Path(other).read_bytes())
        attempt("write", lambda: open(other, "r+b").close())
        attempt("truncate", lambda: open(other, "wb").close())
        attempt("delete", lambda: os.unlink(other))
        attempt("replace", replace)
        attempt("chmod", lambda: os.chmod(other, 0o666))
    elif cmd["do"] == "report":
        subs, refused = classroom.read_handins(box)
        report = classroom.build_report(subs, refused=refused, lessons=[cmd["lesson"]])
        q = report.questions[cmd["question"]]
        out.update(names=[s.name for s in subs],
                   refused={r.file_name: r.reason for r in refused},
                   answered=q.answered, first_correct=q.first_correct,
                   chosen={o.option_id: list(o.names) for o in q.options if o.names})
    return out


def run_as(user: str, cmd: dict[str, Any]) -> dict[str, Any]:
    """Run :func:`_act` in a forked child with ``user``'s uid, gid and groups (no root left)."""
    entry = pwd.getpwnam(user)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: become the user, act, report, exit without cleanup
        status = 1
        try:
            os.close(read_end)
            os.setgroups(os.getgrouplist(user, entry.pw_gid))
            os.setgid(entry.pw_gid)
            os.setuid(entry.pw_uid)
            os.environ.pop("JUPYTERHUB_USER", None)  # the name comes from the account
            assert os.geteuid() == entry.pw_uid and os.getegid() == entry.pw_gid
            data = json.dumps({"ok": _act(cmd)})
            status = 0
        except BaseException as exc:  # reported to the parent
            data = json.dumps({"error": repr(exc)})
        finally:
            with os.fdopen(write_end, "w") as handle:
                handle.write(data)
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end) as handle:
        text = handle.read()
    os.waitpid(pid, 0)
    answer = json.loads(text)
    assert "ok" in answer, f"{user}: {answer.get('error')}"
    return answer["ok"]


def _needs_root() -> None:
    reason = ""
    if os.geteuid() != 0:
        reason = "creating system users needs root (CI runs these tests as root)"
    elif not (shutil.which("useradd") and shutil.which("userdel")):
        reason = "useradd and userdel are needed (Debian package 'passwd')"
    if reason:
        if IN_CI:
            pytest.fail(f"drop-box tests cannot run (CI=true): {reason}")
        pytest.skip(reason)


@dataclass
class Room:
    """Two learners, the instructor, the drop box, and a way to act as each of them."""

    alice: str
    bob: str
    teacher: str
    box: Path
    base: Path

    def progress_dir(self, user: str) -> Path:
        return self.base / f"progress-{user}"

    def run(self, user: str, **cmd: Any) -> dict[str, Any]:
        cmd.setdefault("box", str(self.box))
        return run_as(user, cmd)

    def hand_in(self, user: str, question: int, choice: int, **extra: Any) -> dict[str, Any]:
        return self.run(user, do="hand_in", progress=str(self.progress_dir(user)),
                        lesson=LESSON, question=question, choice=choice, **extra)

    def report(self, question: int = 0) -> dict[str, Any]:
        return self.run(self.teacher, do="report", lesson=LESSON, question=question)


def _useradd(name: str) -> None:
    subprocess.run(["useradd", "--no-create-home", "--user-group", "--shell", "/usr/sbin/nologin",
                    name], check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def room() -> Iterator[Room]:
    _needs_root()
    tag = secrets.token_hex(3)
    names = {"alice": f"gpa{tag}", "bob": f"gpb{tag}", "teacher": f"gpt{tag}"}
    created: list[str] = []
    base = Path(tempfile.mkdtemp(prefix="gepnet-dropbox-", dir="/tmp"))
    try:
        for name in names.values():
            _useradd(name)
            created.append(name)
        os.chmod(base, 0o755)  # learners reach the box and their own folders through it
        teacher = pwd.getpwnam(names["teacher"])
        box = base / "handin"
        box.mkdir()
        os.chown(box, teacher.pw_uid, teacher.pw_gid)  # as in the guide: install -d -m 3733
        os.chmod(box, 0o3733)
        for role in ("alice", "bob"):
            user = pwd.getpwnam(names[role])
            folder = base / f"progress-{names[role]}"
            folder.mkdir(mode=0o700)
            os.chown(folder, user.pw_uid, user.pw_gid)
        yield Room(names["alice"], names["bob"], names["teacher"], box, base)
    finally:
        shutil.rmtree(base, ignore_errors=True)
        for name in created:
            subprocess.run(["userdel", name], capture_output=True, timeout=60)
        left = [n for n in created if _exists(n)]
        assert not left, f"test users left behind: {left}"


def _exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------------------------


def test_learner_hands_in_and_again_replacing_only_their_own(room: Room) -> None:
    first = room.hand_in(room.alice, question=0, choice=0)
    assert first["sent"] is True and first["name"] == room.alice, first
    mine = room.box / f"{room.alice}.json"
    info = mine.stat()
    assert info.st_uid == pwd.getpwnam(room.alice).pw_uid
    assert info.st_gid == pwd.getpwnam(room.teacher).pw_gid, "hand-in not in the teacher's group"
    assert stat.S_IMODE(info.st_mode) == 0o640
    bob = room.hand_in(room.bob, question=0, choice=1)
    assert bob["sent"] is True
    bobs = _digest(room.box / f"{room.bob}.json")
    again = room.hand_in(room.alice, question=1, choice=0)  # a second answer, handed in again
    assert again["sent"] is True
    doc = json.loads(mine.read_text())
    assert len(doc["questions"]) == 2, "the second hand-in did not replace the first"
    assert _digest(room.box / f"{room.bob}.json") == bobs, "alice's hand-in changed bob's"
    assert sorted(p.name for p in room.box.iterdir()) == sorted(
        [f"{room.alice}.json", f"{room.bob}.json"]), "temporary files were left in the box"


def test_learner_cannot_list_read_or_overwrite_another(room: Room) -> None:
    room.hand_in(room.bob, question=0, choice=1)
    bobs = room.box / f"{room.bob}.json"
    before = _digest(bobs)
    tried = room.run(room.alice, do="snoop", other=room.bob)
    assert tried == {"list": "EACCES", "read": "EACCES", "write": "EACCES",
                     "truncate": "EACCES", "delete": "EPERM", "replace": "EPERM",
                     "chmod": "EPERM"}, tried
    posing = room.hand_in(room.alice, question=0, choice=2, name=room.bob)
    assert posing["sent"] is False and "belongs to another account" in posing["message"]
    assert _digest(bobs) == before, "bob's hand-in changed"
    assert not any(p.name.startswith(".") for p in room.box.iterdir())


def test_instructor_reads_every_hand_in(room: Room) -> None:
    room.hand_in(room.alice, question=0, choice=0)
    room.hand_in(room.bob, question=0, choice=1)
    q = quiz.load_questions(LESSON)[0]
    out = room.report(question=0)
    assert out["names"] == sorted([room.alice, room.bob]), out
    assert out["answered"] == 2
    assert out["first_correct"] == int(q.choices[0].correct) + int(q.choices[1].correct)
    assert out["chosen"] == {q.choices[0].id: [room.alice], q.choices[1].id: [room.bob]}


def test_hand_in_under_another_name_is_refused_by_the_report(room: Room) -> None:
    squat = f"gpc{secrets.token_hex(3)}"  # a classmate who has not handed in yet
    made = room.hand_in(room.alice, question=0, choice=0, name=squat)
    assert made["sent"] is True  # the file can be made ...
    out = room.report()
    assert squat not in out["names"]  # ... but it does not count for the classmate
    assert f"handed in by the account {room.alice}" in out["refused"][f"{squat}.json"]
    (room.box / f"{squat}.json").unlink()


@pytest.mark.parametrize(("label", "data", "repeat", "reason"), [
    ("malformed", "{\"format\": \"gepnet-progress\", ", 1, "not readable JSON"),
    ("oversized", " ", 1_000_001, "at most 1,000,000 bytes"),
    ("wrong-schema", json.dumps({"format": "gepnet-progress", "version": 99}), 1, "version 99"),
    ("not-progress", json.dumps({"answers": [1, 2, 3]}), 1, "not a course progress file"),
])
def test_bad_hand_in_is_refused_and_the_report_still_counts_the_rest(
    room: Room, label: str, data: str, repeat: int, reason: str
) -> None:
    room.hand_in(room.bob, question=0, choice=1)
    room.run(room.alice, do="write_raw", file=f"{room.alice}.json", data=data, repeat=repeat)
    out = room.report()
    assert out["names"] == [room.bob], (label, out)
    assert reason in out["refused"][f"{room.alice}.json"], (label, out["refused"])
    assert out["answered"] == 1


def test_symlink_in_the_box_is_not_followed(room: Room) -> None:
    link = room.box / f"{room.alice}.json"
    link.unlink(missing_ok=True)
    os.symlink("/etc/shadow", link)
    try:
        out = room.report()
        assert out["refused"][link.name] == "it is a link, not a file"
    finally:
        link.unlink()


def test_an_unsafe_box_is_refused_by_the_learner(room: Room) -> None:
    os.chmod(room.box, 0o777)  # listable, no sticky bit
    try:
        out = room.hand_in(room.alice, question=0, choice=0)
    finally:
        os.chmod(room.box, 0o3733)
    assert out["sent"] is False and "not set up safely" in out["message"], out
