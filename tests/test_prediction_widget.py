"""The "write your prediction first" box: saved and restored through the progress file,
bounded, keyed by lesson and name, a message (never a traceback) when it cannot save, a plain
static line where no kernel runs, and the class dashboard counts what was saved."""

from __future__ import annotations

import json
import re
from pathlib import Path

import ipywidgets as widgets
import pytest

import gepnet_widgets
from gepnet_widgets import PredictionBox, progress
from gepnet_widgets.classroom import build_report, read_handins
from gepnet_widgets.classroom.report import predictions_html
from gepnet_widgets.progress import MAX_PREDICTION_CHARS, ProgressStore
from gepnet_widgets.style import CSS_TEXT
from gepnet_widgets.widgets.prediction import (
    LABEL_KEPT,
    SAVE_TEXT,
    SAVED_TEXT,
    STATIC_LINE,
)
from gepnet_widgets.widgets.static import STATIC_CLASS, FallbackBox

LESSON = "03_tnm_staging"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(progress.ENV_VAR, str(tmp_path))
    return tmp_path


def test_exported_from_the_package() -> None:
    assert "PredictionBox" in gepnet_widgets.__all__
    assert gepnet_widgets.PredictionBox is PredictionBox


def test_save_then_restore_in_a_new_box_and_a_new_store(folder: Path) -> None:
    box = PredictionBox(LESSON, "size")
    assert box.text.value == "" and box.status.value == ""
    box.text.value = "The T category goes up with size."
    assert "Changed since you last saved" in box.status.value
    box.save_button.click()
    assert SAVED_TEXT in box.status.value
    # what a reload, a kernel restart or a new session does: a new store reads the file
    assert ProgressStore(folder).prediction(LESSON, "size") == "The T category goes up with size."
    again = PredictionBox(LESSON, "size")
    assert again.text.value == "The T category goes up with size."
    assert SAVED_TEXT in again.status.value
    other = PredictionBox(LESSON, "nodes")  # another name, another entry
    assert other.text.value == ""
    doc = json.loads((folder / "progress.json").read_text(encoding="utf-8"))
    assert set(doc["predictions"]) == {f"{LESSON}/size"}


def test_length_is_bounded_while_typing_and_on_save(folder: Path) -> None:
    box = PredictionBox(LESSON, "size")
    box.text.value = "x" * (MAX_PREDICTION_CHARS + 100)
    assert len(box.text.value) == MAX_PREDICTION_CHARS
    assert f"{MAX_PREDICTION_CHARS:,} characters" in box.status.value
    assert box.save() is True
    assert len(ProgressStore(folder).prediction(LESSON, "size")) == MAX_PREDICTION_CHARS
    # a value that skipped the typing check is still cut on save
    box.text.unobserve(box._on_edit, names="value")
    box.text.value = "y" * (MAX_PREDICTION_CHARS + 5)
    assert box.save() is True
    assert ProgressStore(folder).prediction(LESSON, "size") == "y" * MAX_PREDICTION_CHARS


def test_an_unwritable_progress_file_gives_a_message_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the progress folder should be", encoding="utf-8")
    box = PredictionBox(LESSON, "size", store=ProgressStore(blocker))
    box.text.value = "It goes up."
    box.save_button.click()  # no exception
    assert "Not saved: the progress file could not be written (" in box.status.value
    assert "Traceback" not in box.status.value
    assert box.text.value == "It goes up."  # the text stays in the box


def test_a_refused_write_says_why(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kw: object) -> None:
        raise PermissionError(13, "Permission denied")

    box = PredictionBox(LESSON, "size")
    monkeypatch.setattr(progress.tempfile, "mkstemp", refuse)
    box.text.value = "It goes up."
    assert box.save() is False
    assert "Not saved:" in box.status.value and "Permission denied" in box.status.value
    assert SAVED_TEXT not in box.status.value


def test_a_set_aside_progress_file_is_reported_on_creation(folder: Path) -> None:
    (folder / "progress.json").write_text("{broken", encoding="utf-8")
    box = PredictionBox(LESSON, "size")
    assert "could not be used" in box.status.value and "progress.json.bad-" in box.status.value
    box.text.value = "Fresh start."
    assert box.save() is True
    assert ProgressStore(folder).prediction(LESSON, "size") == "Fresh start."


def test_no_store_keeps_nothing_and_says_so(folder: Path) -> None:
    box = PredictionBox(LESSON, "size", store=None)
    box.text.value = "It goes up."
    assert box.save() is False
    assert "Not saved:" in box.status.value
    assert not (folder / "progress.json").exists()


@pytest.mark.parametrize(
    ("lesson", "name", "allowed"),
    [
        ("tnm", "size", "two digits"),
        ("03_TNM", "size", "two digits"),
        ("03_tnm_staging/x", "size", "two digits"),
        (3, "size", "two digits"),
        (LESSON, "Size", "kebab-case"),
        (LESSON, "two words", "kebab-case"),
        (LESSON, "a--b", "kebab-case"),
        (LESSON, "-size", "kebab-case"),
        (LESSON, "", "kebab-case"),
        (LESSON, "x" * 41, "at most 40"),
        (LESSON, None, "kebab-case"),
    ],
)
def test_bad_keys_are_refused_with_what_is_allowed(folder: Path, lesson: object, name: object,
                                                   allowed: str) -> None:
    with pytest.raises(ValueError, match=allowed):
        PredictionBox(lesson, name)  # type: ignore[arg-type]
    assert not (folder / "progress.json").exists()


@pytest.mark.parametrize("prompt", ["", "   ", "x" * 201, None])
def test_bad_prompts_are_refused(folder: Path, prompt: object) -> None:
    with pytest.raises(ValueError, match="prompt must be text"):
        PredictionBox(LESSON, "size", prompt)  # type: ignore[arg-type]


def test_controls_are_labelled_and_themed(folder: Path) -> None:
    box = PredictionBox(LESSON, "size", "Does the T category change?")
    assert box.text.description == LABEL_KEPT
    assert box.save_button.description == SAVE_TEXT
    assert "Does the T category change?" in box.widget.children[0].value
    for w in (box.widget, box.text, box.save_button, box.status):
        assert any(c.startswith("gepnet-prediction") for c in w._dom_classes), w
    box.text.value = "x"
    box.save()
    for html in (box.status.value, box.widget.children[0].value):
        assert "var(--" in html  # colours come from the theme tokens (style.CSS_*) ...
        assert not re.search(r"#[0-9A-Fa-f]{3,6}", re.sub(r"var\([^;']*\)", "", html))


def test_prompt_and_text_are_escaped(folder: Path) -> None:
    box = PredictionBox(LESSON, "size", "<b>x</b>")
    assert "<b>x</b>" not in box.widget.children[0].value
    assert "&lt;b&gt;x&lt;/b&gt;" in box.widget.children[0].value


def test_static_fallback_is_a_plain_line_without_the_saved_text(folder: Path) -> None:
    box = PredictionBox(LESSON, "size", "Does the T category change?")
    box.text.value = "My private guess"
    box.save()
    assert isinstance(box.widget, FallbackBox)
    data = box.widget._repr_mimebundle_(include=None, exclude=None)
    data = data[0] if isinstance(data, tuple) else data
    assert WIDGET_VIEW in data
    assert STATIC_CLASS in data["text/html"] and STATIC_LINE in data["text/html"]
    assert "Does the T category change?" in data["text/plain"]
    assert "My private guess" not in data["text/html"] + data["text/plain"]
    assert "Error" not in data["text/html"] and "Traceback" not in data["text/plain"]
    assert CSS_TEXT in data["text/html"]


def test_ipython_display_shows_the_root(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[object] = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    box = PredictionBox(LESSON, "size")
    box._ipython_display_()
    assert shown == [box.widget] and isinstance(shown[0], widgets.VBox)


def test_a_saved_prediction_reaches_the_class_dashboard(tmp_path: Path) -> None:
    for learner, text in (("ann", "The T goes up"), ("ben", "  the t goes UP "),
                          ("cat", "Nothing changes")):
        store = ProgressStore(tmp_path / learner)
        box = PredictionBox(LESSON, "size", store=store)
        box.text.value = text
        assert box.save()
        dropbox = tmp_path / "dropbox"
        dropbox.mkdir(exist_ok=True)
        (dropbox / f"{learner}.json").write_bytes(store.export_bytes())
    subs, refused = read_handins(tmp_path / "dropbox", check_owner=False)
    assert not refused and len(subs) == 3
    report = build_report(subs, lessons=[LESSON])
    (row,) = report.predictions
    assert row.key == f"{LESSON}/size" and row.total == 3
    assert dict(row.answers) == {"The T goes up": 2, "Nothing changes": 1}
    assert "The T goes up" in predictions_html(report)


def test_saving_an_empty_box_asks_for_a_prediction_first(folder: Path) -> None:
    box = PredictionBox(LESSON, "empty-first")
    assert box.save() is False
    assert "Nothing to save yet" in box.status.value
    assert ProgressStore(folder).prediction(LESSON, "empty-first") == ""
    box.text.value = "T2"
    assert box.save() is True and "Saved." in box.status.value
    box.text.value = "   "
    assert box.save() is True  # emptying a saved prediction clears it
    assert ProgressStore(folder).prediction(LESSON, "empty-first").strip() == ""
