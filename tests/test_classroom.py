"""The classroom's logic: settings, hand-in files, validation on read, the class report's
counts, and its CSV, HTML and command-line exports."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gepnet_widgets import quiz
from gepnet_widgets.classroom import (
    ClassroomSettings,
    Submission,
    build_report,
    hand_in,
    handed_in_lessons,
    learner_name,
    load_settings,
    name_from_file,
    parse_class_list,
    read_handins,
    report_csv,
    report_html,
    report_text,
)
from gepnet_widgets.classroom.__main__ import main
from gepnet_widgets.progress import ProgressStore, empty_document, question_key

ROOT = Path(__file__).resolve().parents[1]
LESSON = "03_tnm_staging"
Q = quiz.load_questions(LESSON)


def _wrong(q: quiz.Question, n: int = 0) -> int:
    return [i for i, c in enumerate(q.choices) if not c.correct][n]


def _doc(answers: dict[int, tuple[int | None, int | None]],
         predictions: dict[str, str] | None = None, extra: dict[str, Any] | None = None,
         updated: str = "2026-12-02T10:00:00Z") -> dict[str, Any]:
    """A progress document: question number -> (first choice index or None, latest index)."""
    doc = empty_document()
    doc["updated"] = updated
    for number, (first, latest) in answers.items():
        q = Q[number]
        record: dict[str, Any] = {"attempts": 1}
        if first is None:
            record.update(first={"choice": None, "correct": False, "time": "t"}, revealed=True)
        else:
            record["first"] = {"choice": q.choices[first].id, "correct": q.choices[first].correct,
                               "time": "t"}
        if latest is not None:
            record["latest"] = {"choice": q.choices[latest].id,
                                "correct": q.choices[latest].correct, "time": "t"}
        doc["questions"][question_key(LESSON, q.id)] = record
    for key, text in (predictions or {}).items():
        doc["predictions"][key] = {"text": text, "time": "t"}
    doc["questions"].update(extra or {})
    return doc


@pytest.fixture
def subs() -> list[Submission]:
    """alice: Q1 right, Q2 wrong then right; bob: Q1 wrong (option A), Q2 opened the answer;
    carol: Q1 wrong (option A), claims Q2 'correct' with a wrong option; dave: nothing."""
    q0, q1 = Q[0], Q[1]
    forged = {question_key(LESSON, q1.id): {
        "first": {"choice": q1.choices[_wrong(q1, 1)].id, "correct": True, "time": "t"},
        "attempts": 1}}
    return [
        Submission("alice", _doc({0: (q0.correct_index, None),
                                  1: (_wrong(q1), q1.correct_index)},
                                 {"03_tnm_staging/size": "The T goes up"}), "alice.json"),
        Submission("bob", _doc({0: (_wrong(q0), None), 1: (None, None)},
                               {"03_tnm_staging/size": "  the t  goes UP "}), "bob.json"),
        Submission("carol", _doc({0: (_wrong(q0), _wrong(q0))},
                                 {"03_tnm_staging/size": "Nothing changes"},
                                 extra={**forged, "99_old/gone": {"attempts": 1, "first": {
                                     "choice": "abc", "correct": True, "time": "t"}}}),
                   "carol.json"),
        Submission("dave", _doc({}), "dave.json"),
    ]


# -- the report's counts ------------------------------------------------------------------------


def test_counts_per_question(subs: list[Submission]) -> None:
    report = build_report(subs, class_list=["alice", "bob", "carol", "dave", "erin"],
                          lessons=[LESSON])
    q0, q1 = report.questions[0], report.questions[1]
    assert (q0.learners, q0.answered, q0.first_correct, q0.missed, q0.not_answered) == \
        (4, 3, 1, 2, 1)
    wrong = q0.wrong_options
    assert [(o.option_id, o.count, o.names) for o in wrong] == \
        [(Q[0].choices[_wrong(Q[0])].id, 2, ("bob", "carol"))]
    assert wrong[0].feedback == Q[0].choices[_wrong(Q[0])].feedback  # names the misconception
    right = next(o for o in q0.options if o.correct)
    assert right.names == ("alice",)
    # Q2: alice wrong first, bob opened the answer first, carol's forged 'correct' not believed
    assert (q1.answered, q1.first_correct, q1.revealed_first) == (3, 0, 1)
    assert sorted((o.option_id, o.count) for o in q1.wrong_options) == sorted(
        [(Q[1].choices[_wrong(Q[1])].id, 1), (Q[1].choices[_wrong(Q[1], 1)].id, 1)])
    assert all(r.answered == 0 for r in report.questions[2:])


def test_not_started_learners_predictions_and_unknown(subs: list[Submission]) -> None:
    report = build_report(subs, class_list=["alice", "bob", "erin"], lessons=[LESSON])
    assert report.not_started == ("dave", "erin")  # dave handed in nothing; erin nothing at all
    assert {r.name: (r.answered, r.first_correct) for r in report.learners} == {
        "alice": (2, 1), "bob": (2, 0), "carol": (2, 0), "dave": (0, 0)}
    assert report.unknown_answers == 1
    (pred,) = report.predictions
    assert pred.key == "03_tnm_staging/size" and pred.total == 3
    assert pred.answers == (("The T goes up", 2), ("Nothing changes", 1))
    no_list = build_report(subs, lessons=[LESSON])
    assert no_list.not_started == ("dave",) and not no_list.class_list


def test_empty_folder_gives_an_empty_report(tmp_path: Path) -> None:
    subs, refused = read_handins(tmp_path)
    report = build_report(subs, refused=refused)
    assert report.learners == () and all(q.answered == 0 for q in report.questions)
    assert "No answers handed in yet" in report_html(report)


def test_class_list_parsing() -> None:
    text = "username,full name\nalice, Alice A\n# a comment\n\nbob\nbob\n../etc\n\"carol\"\n"
    assert parse_class_list(text) == ["alice", "bob", "carol"]
    with pytest.raises(ValueError, match="at most"):
        parse_class_list("\n".join(f"u{i}" for i in range(5001)))


# -- exports ------------------------------------------------------------------------------------


def test_csv_has_a_row_per_option_and_no_names(subs: list[Submission]) -> None:
    report = build_report(subs, lessons=[LESSON])
    rows = list(csv.DictReader(io.StringIO(report_csv(report))))
    assert len(rows) == sum(len(q.choices) for q in Q)
    first = [r for r in rows if r["question_id"] == Q[0].id]
    chosen = {r["option"]: int(r["chosen_at_first_try"]) for r in first}
    assert chosen[Q[0].correct_choice.text] == 1
    assert chosen[Q[0].choices[_wrong(Q[0])].text] == 2
    assert {r["answered"] for r in first} == {"3"} and {r["first_try_correct"] for r in first} \
        == {"1"}
    assert "alice" not in report_csv(report) and "carol" not in report_csv(report)


def test_html_is_self_contained_escaped_and_anonymisable(subs: list[Submission]) -> None:
    evil = _doc({0: (Q[0].correct_index, None)},
                {"03_tnm_staging/size": "<script>alert(1)</script>"})
    report = build_report([*subs, Submission("eve", evil, "eve.json")], lessons=[LESSON],
                          class_list=["zed"])
    page = report_html(report, {LESSON: b"\x89PNG fake"})
    assert page.startswith("<!DOCTYPE html>") and "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "src='data:image/png;base64," in page and "alt='Bar chart of Lesson 3" in page
    assert "http" not in page.split("</style>")[0]  # nothing loaded from elsewhere
    for name in ("alice", "bob", "carol", "zed"):
        assert name in page
    anon = report_html(report, anonymised=True)
    for name in ("alice", "bob", "carol", "dave", "zed", "eve"):
        assert name not in anon, name
    assert "Anonymised for projection" in anon
    assert "not started: <b class='gepnet-class-not-started'>2</b>" in anon
    text = report_text(report, anonymised=True)
    assert "alice" not in text and "Not started: 2 learners" in text


# -- reading hand-ins ---------------------------------------------------------------------------


def _write(folder: Path, name: str, data: bytes | str) -> None:
    (folder / name).write_bytes(data.encode() if isinstance(data, str) else data)


def test_bad_files_are_refused_with_a_reason_and_the_rest_is_counted(tmp_path: Path) -> None:
    good = _doc({0: (Q[0].correct_index, None)})
    _write(tmp_path, "alice.json", json.dumps(good))
    _write(tmp_path, "broken.json", "{not json")
    _write(tmp_path, "huge.json", b" " * 1_000_001)
    _write(tmp_path, "oldversion.json", json.dumps({**good, "version": 2}))
    _write(tmp_path, "other.json", json.dumps({"format": "something-else"}))
    _write(tmp_path, "badtypes.json", json.dumps({**good, "questions": {"a/b": {"attempts":
                                                                              "many"}}}))
    _write(tmp_path, "bad name!.json", json.dumps(good))
    _write(tmp_path, "notes.txt", "ignored")
    _write(tmp_path, ".alice.x.tmp", "in progress")
    os.symlink("/etc/hostname", tmp_path / "link.json")
    os.mkfifo(tmp_path / "pipe.json")
    subs, refused = read_handins(tmp_path)
    assert [s.name for s in subs] == ["alice"]
    why = {r.file_name: r.reason for r in refused}
    assert "not readable JSON" in why["broken.json"]
    assert "at most 1,000,000 bytes" in why["huge.json"]
    assert "version 2" in why["oldversion.json"]
    assert "not a course progress file" in why["other.json"]
    assert "'attempts' must be a whole number" in why["badtypes.json"]
    assert "cannot name a hand-in" in why["bad name!.json"]
    assert why["link.json"] == "it is a link, not a file"
    assert why["pipe.json"] == "it is not a regular file"
    assert set(why) == {"broken.json", "huge.json", "oldversion.json", "other.json",
                        "badtypes.json", "bad name!.json", "link.json", "pipe.json"}
    report = build_report(subs, refused=refused, lessons=[LESSON])
    assert report.questions[0].first_correct == 1 and len(report.refused) == 8


def test_latest_of_two_files_of_one_learner_is_used(tmp_path: Path) -> None:
    _write(tmp_path, "alice.json", json.dumps(_doc({0: (0, None)}, updated="2026-12-02T09:00:00Z")))
    _write(tmp_path, "gepnet-handin-alice.json",
           json.dumps(_doc({0: (1, None), 1: (0, None)}, updated="2026-12-02T11:00:00Z")))
    subs, refused = read_handins(tmp_path)
    assert [(s.name, s.file_name) for s in subs] == [("alice", "gepnet-handin-alice.json")]
    assert refused[0].file_name == "alice.json" and "later hand-in" in refused[0].reason


def test_unreadable_folder_is_a_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot be read"):
        read_handins(tmp_path / "missing")


def test_names() -> None:
    assert name_from_file("gepnet-handin-alice.json") == "alice"
    assert name_from_file("jupyter-bob.json") == "jupyter-bob"
    for bad in ("../x.json", ".hidden.json", "a/b.json", "x.txt", "é.json"):
        with pytest.raises(ValueError):
            name_from_file(bad)
    assert learner_name({"JUPYTERHUB_USER": "alice"}) == "alice"
    with pytest.raises(ValueError):
        learner_name({"JUPYTERHUB_USER": "../../etc/passwd"})


# -- handing in (no drop-box permissions here: see test_classroom_dropbox.py) ---------------------


def test_hand_in_without_a_drop_box_gives_a_download(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "p")
    store.record_answer(LESSON, Q[0].id, Q[0].correct_choice.id, True)
    result = hand_in(store, [LESSON], settings=ClassroomSettings(), name="alice")
    assert not result.sent and result.file_name == "gepnet-handin-alice.json"
    assert "Download the file" in result.message
    assert json.loads(result.data)["questions"] == store.questions()
    assert LESSON in handed_in_lessons(store)


def test_hand_in_to_a_drop_box_and_refusals(tmp_path: Path) -> None:
    box = tmp_path / "box"
    box.mkdir()
    os.chmod(box, 0o3733)
    store = ProgressStore(tmp_path / "p")
    result = hand_in(store, settings=ClassroomSettings(box), name="alice")
    assert result.sent and (box / "alice.json").read_bytes() == result.data
    assert oct((box / "alice.json").stat().st_mode & 0o777) == "0o640"
    os.chmod(box, 0o755)  # listable by everyone: refused, download offered instead
    unsafe = hand_in(store, settings=ClassroomSettings(box), name="alice")
    assert not unsafe.sent and "not set up safely" in unsafe.message
    missing = hand_in(store, settings=ClassroomSettings(tmp_path / "nope"), name="alice")
    assert not missing.sent and "cannot be reached" in missing.message
    with pytest.raises(ValueError, match="cannot name a hand-in"):
        hand_in(store, settings=ClassroomSettings(box), name="../evil")
    store.path.write_text("{broken")  # a bad progress file is set aside, an empty one sent
    store.reload()
    assert json.loads(hand_in(store, settings=ClassroomSettings(), name="a").data)[
        "questions"] == {}


# -- settings -----------------------------------------------------------------------------------


def test_settings_from_environment_and_config_file(tmp_path: Path) -> None:
    config = tmp_path / "classroom.json"
    env = {"GEPNET_CLASSROOM_CONFIG": str(config)}
    assert load_settings(env) == ClassroomSettings()
    config.write_text(json.dumps({"handin_dir": "/srv/gepnet/handin", "assessment": True}))
    assert load_settings(env) == ClassroomSettings(Path("/srv/gepnet/handin"), True)
    over = load_settings({**env, "GEPNET_HANDIN_DIR": "/x", "GEPNET_ASSESSMENT": "0"})
    assert over == ClassroomSettings(Path("/x"), False)
    bad = load_settings({**env, "GEPNET_ASSESSMENT": "maybe"})
    assert not bad.assessment and "not an on/off value" in bad.message
    config.write_text("[1, 2]")
    ignored = load_settings(env)
    assert ignored.handin_dir is None and "was ignored" in ignored.message
    config.write_text(json.dumps({"handin_dir": "/a", "run": "rm -rf /"}))
    assert load_settings(env).handin_dir is None


# -- the command line ---------------------------------------------------------------------------


def test_command_line_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    box = tmp_path / "box"
    box.mkdir()
    _write(box, "alice.json", json.dumps(_doc({0: (Q[0].correct_index, None)})))
    _write(box, "bob.json", json.dumps(_doc({0: (_wrong(Q[0]), None)})))
    _write(box, "junk.json", "junk")
    (tmp_path / "class.txt").write_text("alice\nbob\ncarol\n")
    html_out, csv_out = tmp_path / "r.html", tmp_path / "r.csv"
    status = main(["report", str(box), "--class-list", str(tmp_path / "class.txt"),
                   "--html", str(html_out), "--csv", str(csv_out)])
    out = capsys.readouterr().out
    assert status == 0
    assert "2 hand-ins, 1 files not used" in out and "Not started: carol" in out
    assert f"Q1 {Q[0].id}: answered 2 of 2, right at the first try 1" in out
    assert "Not used: junk.json" in out
    page = html_out.read_text()
    assert "data:image/png;base64,iVBOR" in page and "carol" in page
    assert csv_out.read_text().startswith("lesson,question_number")
    assert main(["report", str(tmp_path / "missing")]) == 2


def test_python_dash_m_runs(tmp_path: Path) -> None:
    _write(tmp_path, "alice.json", json.dumps(_doc({0: (Q[0].correct_index, None)})))
    proc = subprocess.run([sys.executable, "-m", "gepnet_widgets.classroom", "report",
                           str(tmp_path), "--anonymised"], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, env={**os.environ, "MPLBACKEND": "Agg"})
    assert proc.returncode == 0, proc.stderr
    assert "1 hand-ins" in proc.stdout and "right at the first try 1" in proc.stdout
