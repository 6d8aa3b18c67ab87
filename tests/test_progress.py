"""The progress store (layer 1): round trip, atomic writes, bad files set aside, concurrency,
export/import/erase, and the pure summary and review-selection logic."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from gepnet_widgets import progress
from gepnet_widgets.progress import (
    FORMAT,
    MAX_BYTES,
    MAX_PREDICTION_CHARS,
    VERSION,
    ProgressStore,
    empty_document,
    parse_document,
    pick_review,
    review_weight,
    summarise,
    validate_document,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path)


def _bad_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("progress.json.bad-*"))


# -- location -----------------------------------------------------------------------------------


def test_env_var_overrides_the_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(progress.ENV_VAR, str(tmp_path / "hub"))
    assert ProgressStore().path == tmp_path / "hub" / "progress.json"


def test_default_folder_is_the_jupyter_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    from jupyter_core.paths import jupyter_data_dir

    monkeypatch.delenv(progress.ENV_VAR, raising=False)
    assert progress.default_dir() == Path(jupyter_data_dir()) / "gepnet"


# -- round trip -----------------------------------------------------------------------------------


def test_nothing_is_written_until_something_is_saved(store: ProgressStore) -> None:
    assert store.learner and not store.exists
    assert store.questions() == {}


def test_round_trip_survives_a_new_store(store: ProgressStore, tmp_path: Path) -> None:
    learner = store.learner
    assert store.record_answer("03_tnm_staging", "stage-vs-grade", "aaaa1111", False)
    assert store.record_answer("03_tnm_staging", "stage-vs-grade", "bbbb2222", True)
    store.record_reveal("04_grade_and_differentiation", "ki67-g2")
    store.save_prediction("03_tnm_staging", "size", "The T goes up.")
    store.save_step("07_case_studies/case-1", "stage", "II")

    again = ProgressStore(tmp_path)  # a new session reads the file
    assert again.learner == learner
    record = again.question("03_tnm_staging", "stage-vs-grade")
    assert record is not None
    assert record["first"]["choice"] == "aaaa1111" and record["first"]["correct"] is False
    assert record["latest"]["choice"] == "bbbb2222" and record["latest"]["correct"] is True
    assert record["attempts"] == 2
    revealed = again.question("04_grade_and_differentiation", "ki67-g2")
    assert revealed == {"attempts": 0, "revealed": True,
                        "first": {"choice": None, "correct": False,
                                  "time": revealed["first"]["time"]}}
    assert again.prediction("03_tnm_staging", "size") == "The T goes up."
    assert again.steps("07_case_studies/case-1") == {"stage": "II"}
    # A person can read it: indented JSON with the format name and version.
    text = store.path.read_text(encoding="utf-8")
    assert text.startswith("{\n") and f'"format": "{FORMAT}"' in text
    assert validate_document(json.loads(text)) == []


def test_clear_latest_keeps_first_attempts(store: ProgressStore) -> None:
    store.record_answer("00_start_here", "nx-not-n0", "x1", True)
    store.clear_latest("00_start_here", ["nx-not-n0"])
    record = store.question("00_start_here", "nx-not-n0")
    assert record is not None and "latest" not in record and record["first"]["correct"] is True


def test_predictions_and_steps_are_bounded(store: ProgressStore) -> None:
    store.save_prediction("03_tnm_staging", "size", "x" * (MAX_PREDICTION_CHARS + 50))
    assert len(store.prediction("03_tnm_staging", "size")) == MAX_PREDICTION_CHARS
    with pytest.raises(ValueError, match="not a valid name"):
        store.save_step("case one!", "stage", "II")
    for i in range(100):
        store.save_step("07_case_studies/c", f"s{i}", "v")
    with pytest.raises(ValueError, match="too many steps"):
        store.save_step("07_case_studies/c", "one-more", "v")


# -- atomic writes ----------------------------------------------------------------------------


def test_a_crash_mid_write_leaves_the_old_file_intact(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.record_answer("00_start_here", "report-parts", "old", True)
    before = store.path.read_bytes()

    def crash(*_args: object) -> None:
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(progress.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        store.record_answer("00_start_here", "report-parts", "new", False)
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert list(store.path.parent.glob("*.tmp")) == []  # no half-written temporary left behind
    assert ProgressStore(store.path.parent).question("00_start_here", "report-parts")[
        "latest"]["choice"] == "old"


def test_a_killed_writer_process_leaves_a_valid_file(tmp_path: Path) -> None:
    """A real process killed between writing the temporary file and replacing the old one."""
    ProgressStore(tmp_path).record_answer("00_start_here", "a", "old", True)
    script = textwrap.dedent(
        """
        import os, sys
        from gepnet_widgets import progress
        def die(*a):
            os._exit(9)
        progress.os.replace = die
        progress.ProgressStore(sys.argv[1]).record_answer("00_start_here", "a", "new", False)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script, str(tmp_path)], timeout=60)
    assert proc.returncode == 9
    assert ProgressStore(tmp_path).question("00_start_here", "a")["latest"]["choice"] == "old"
    assert _bad_files(tmp_path) == []


def test_a_write_that_cannot_happen_keeps_answers_in_memory_and_says_so(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kw: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(progress.tempfile, "mkstemp", refuse)
    assert store.record_answer("00_start_here", "a", "x", True) is False
    assert "could not be saved" in store.message and "Permission denied" in store.message
    assert store.question("00_start_here", "a")["latest"]["choice"] == "x"


# -- bad files are set aside, never lost, never a crash -----------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "not readable JSON"),
        (b"\xff\xfe\x00", "not readable JSON"),
        (json.dumps({"format": "something-else", "version": 1}).encode(), "not a course progress"),
        (json.dumps([1, 2, 3]).encode(), "expected a JSON object"),
        (json.dumps({**empty_document(), "version": 99}).encode(), "version 99"),
        (json.dumps({**empty_document(), "questions": {"a/b": {"attempts": "many"}}}).encode(),
         "'attempts' must be a whole number"),
    ],
    ids=["truncated", "binary", "foreign", "list", "future-version", "wrong-type"],
)
def test_a_bad_file_is_set_aside_with_a_message(tmp_path: Path, content: bytes,
                                                reason: str) -> None:
    (tmp_path / "progress.json").write_bytes(content)
    store = ProgressStore(tmp_path)
    assert store.questions() == {}  # no crash: a fresh start
    (bad,) = _bad_files(tmp_path)
    assert bad.read_bytes() == content  # kept, byte for byte
    assert reason in store.message and bad.name in store.message
    assert not (tmp_path / "progress.json").exists()
    store.record_answer("00_start_here", "a", "x", True)
    assert ProgressStore(tmp_path).question("00_start_here", "a") is not None


def test_an_oversized_file_is_set_aside_unread(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    path.write_bytes(b" " * (MAX_BYTES + 1))
    store = ProgressStore(tmp_path)
    assert store.questions() == {}
    assert "at most 1,000,000 bytes" in store.message
    (bad,) = _bad_files(tmp_path)
    assert bad.stat().st_size == MAX_BYTES + 1


def test_validate_rejects_oversized_fields() -> None:
    doc = empty_document()
    doc["predictions"]["a/b"] = {"text": "x" * (MAX_PREDICTION_CHARS + 1), "time": "t"}
    doc["steps"]["c"] = {"k": "v" * 501}
    doc["extra"] = 1
    problems = validate_document(doc)
    assert any("at most 2000" in p for p in problems)
    assert any("steps['c']['k']" in p for p in problems)
    assert "unknown field 'extra'" in problems


# -- two writers --------------------------------------------------------------------------------


WRITER = textwrap.dedent(
    """
    import sys
    from gepnet_widgets.progress import ProgressStore
    folder, name = sys.argv[1], sys.argv[2]
    for i in range(40):
        ProgressStore(folder).record_answer("00_start_here", f"{name}-{i}", "x", i % 2 == 0)
    """
)


def test_two_processes_writing_at_once_neither_corrupt_nor_lose(tmp_path: Path) -> None:
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), name])
             for name in ("one", "two")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    doc = parse_document((tmp_path / "progress.json").read_bytes())
    assert len(doc["questions"]) == 80  # every answer of both writers is there
    assert _bad_files(tmp_path) == [] and list(tmp_path.glob("*.tmp")) == []


# -- export, import, erase ----------------------------------------------------------------------


def test_export_then_import_elsewhere(store: ProgressStore, tmp_path: Path) -> None:
    store.record_answer("03_tnm_staging", "nx-is-not-n0", "abc", True)
    data = store.export_bytes()
    other = ProgressStore(tmp_path / "other-machine")
    other.import_bytes(data)
    assert other.learner == store.learner
    assert ProgressStore(tmp_path / "other-machine").questions() == store.questions()


@pytest.mark.parametrize(
    "data",
    [b"", b"[]", b"x" * (MAX_BYTES + 1), json.dumps({"format": "other"}).encode()],
    ids=["empty", "list", "too-big", "foreign"],
)
def test_import_refuses_bad_files_and_keeps_progress(store: ProgressStore, data: bytes) -> None:
    store.record_answer("03_tnm_staging", "q", "abc", True)
    with pytest.raises(ValueError):
        store.import_bytes(data)
    assert store.question("03_tnm_staging", "q") is not None


def test_erase_removes_the_file(store: ProgressStore) -> None:
    store.record_answer("03_tnm_staging", "q", "abc", True)
    old = store.learner
    store.erase()
    assert not store.exists and store.questions() == {} and store.learner != old


# -- summaries and review -----------------------------------------------------------------------


def _rec(first: bool, latest: bool | None = None, minutes_ago: int = 600) -> dict:
    when = (datetime.now(timezone.utc) - timedelta(minutes=minutes_ago)).strftime(
        "%Y-%m-%dT%H:%M:%SZ")
    record = {"first": {"choice": "a", "correct": first, "time": when}, "attempts": 1}
    if latest is not None:
        record["latest"] = {"choice": "b", "correct": latest, "time": when}
    return record


def test_summarise_counts_per_group() -> None:
    groups = {"Lesson 3": ["l3/a", "l3/b", "l3/c", "l3/d"], "Lesson 4": ["l4/a"]}
    records = {"l3/a": _rec(True, True), "l3/b": _rec(False, True), "l3/c": _rec(True, False)}
    three, four = summarise(groups, records)
    assert (three.total, three.answered, three.first_correct, three.to_revisit) == (4, 3, 2, 2)
    assert three.not_seen == 1
    assert (four.total, four.answered, four.first_correct, four.to_revisit) == (1, 0, 0, 0)


def test_review_weights_favour_missed_and_unseen() -> None:
    missed, unseen = review_weight(_rec(False, False)), review_weight(None)
    recovered, known = review_weight(_rec(False, True)), review_weight(_rec(True, True))
    assert missed > unseen > recovered > known > 0
    assert review_weight(_rec(False, False, minutes_ago=5)) < missed  # spaced, not repeated


def test_pick_review_is_repeatable_distinct_and_weighted() -> None:
    keys = [f"l/{i}" for i in range(40)]
    records = {k: _rec(True, True) for k in keys[:30]}  # 10 unseen, 30 known
    picks = pick_review(keys, records, 10, seed="learner")
    assert picks == pick_review(keys, records, 10, seed="learner")
    assert len(set(picks)) == 10
    unseen_share = sum(
        sum(k in keys[30:] for k in pick_review(keys, records, 10, seed=s)) for s in range(200)
    ) / 2000
    assert unseen_share > 0.4  # 25% of the pool, weighted 3:1 -> about half of the picks
    assert len(pick_review(keys[:3], {}, 10, seed=1)) == 3


@pytest.mark.parametrize("bad", [0, -1, 2.5, True])
def test_pick_review_rejects_bad_counts(bad: object) -> None:
    with pytest.raises(ValueError, match="count"):
        pick_review(["a"], {}, bad, seed=1)  # type: ignore[arg-type]


def test_version_constant_matches_documents() -> None:
    assert empty_document()["version"] == VERSION
    assert os.path.basename(str(ProgressStore(ROOT).path)) == "progress.json"
