""""Your progress" (lesson 0): counts per lesson and objective, chart with alt text, download,
load (validated, bounded) and erase (after a confirmation)."""

from __future__ import annotations

import base64
import html
import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from gepnet_widgets import quiz
from gepnet_widgets.drawing.progress import SEGMENTS, draw_progress, label_colour
from gepnet_widgets.progress import MAX_BYTES, ProgressStore, QuestionTally
from gepnet_widgets.widgets.progress import ProgressView, group_questions
from gepnet_widgets.widgets.selfcheck import SelfCheck

_EPOCH = datetime(2026, 1, 1, tzinfo=timezone.utc)


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path)


def _tag(value: str, css: str) -> str:
    found = re.findall(rf"<b class='{css}'>([^<]*)</b>", value)
    assert len(found) == 1, (css, value[:200])
    return found[0]


def test_groups_cover_every_question_once() -> None:
    total = sum(len(quiz.load_questions(lesson)) for lesson in quiz.available_lessons())
    for by in ("lesson", "objective"):
        groups = group_questions(by)
        keys = [k for ks in groups.values() for k in ks]
        assert len(keys) == len(set(keys)) == total, by
    assert next(iter(group_questions("lesson"))) == "Lesson 0"
    by_objective = group_questions("objective")
    assert "Lesson 0, objective 3" in by_objective  # bank 0 tags its questions
    with pytest.raises(ValueError, match="lesson"):
        group_questions("section")


def test_counts_follow_the_answers_given_in_a_self_check(store: ProgressStore) -> None:
    sc = SelfCheck("00_start_here", store=store)
    right, missed = sc.cards[0], sc.cards[1]
    right.answer(right.question.correct_index)
    wrong = next(i for i, c in enumerate(missed.question.choices) if not c.correct)
    missed.answer(wrong)
    missed.answer(missed.question.correct_index)
    view = ProgressView(store)
    assert _tag(view.readout.value, "gepnet-progress-answered") == "2"
    assert _tag(view.readout.value, "gepnet-progress-first") == "1"
    assert _tag(view.readout.value, "gepnet-progress-revisit") == "1"
    (lesson0,) = [t for t in view.tallies if t.group == "Lesson 0"]
    assert (lesson0.answered, lesson0.first_correct, lesson0.to_revisit) == (2, 1, 1)
    assert "Lesson 0: 1 right at the first try, 1 missed" in view.view.alt
    assert "data:image/png;base64," in view.view.widget.value

    view.group.value = "objective"
    groups = {t.group for t in view.tallies}
    assert any(g.startswith("Lesson 0, objective") for g in groups)
    assert sum(t.answered for t in view.tallies) == 2


def test_update_reads_answers_given_elsewhere(store: ProgressStore, tmp_path: Path) -> None:
    view = ProgressView(store)
    assert _tag(view.readout.value, "gepnet-progress-answered") == "0"
    ProgressStore(tmp_path).record_answer("03_tnm_staging", "stage-vs-grade", "x", True)
    view.refresh_button.click()
    assert _tag(view.readout.value, "gepnet-progress-answered") == "1"


def test_download_link_carries_the_progress_file(store: ProgressStore) -> None:
    store.record_answer("03_tnm_staging", "stage-vs-grade", "x", True)
    view = ProgressView(store)
    link = view.download.value
    assert 'download="gepnet-progress.json"' in link
    data = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)", link).group(1))
    assert json.loads(data)["questions"]["03_tnm_staging/stage-vs-grade"]["attempts"] == 1


def test_upload_loads_a_valid_file_and_refuses_others(store: ProgressStore,
                                                      tmp_path: Path) -> None:
    other = ProgressStore(tmp_path / "elsewhere")
    other.record_answer("04_grade_and_differentiation", "q", "x", False)
    view = ProgressView(store)
    data = other.export_bytes()
    upload = {"name": "mine.json", "type": "application/json", "size": len(data),
              "content": memoryview(data), "last_modified": _EPOCH}
    view.upload.value = (upload,)
    assert "Loaded mine.json: 1 answered" in view.status.value
    assert _tag(view.readout.value, "gepnet-progress-answered") == "0"  # not a bank question
    assert store.question("04_grade_and_differentiation", "q") is not None
    assert view.upload.value == ()

    for content, size in ((b"{nope", 5), (b"x", MAX_BYTES + 1)):
        view.upload.value = ({"name": "bad.json", "type": "application/json", "size": size,
                              "content": memoryview(content), "last_modified": _EPOCH},)
        assert "Your progress was not changed" in view.status.value or "too large" in (
            view.status.value)
        assert store.question("04_grade_and_differentiation", "q") is not None


def test_erase_asks_first(store: ProgressStore) -> None:
    store.record_answer("00_start_here", "nx-not-n0", "x", True)
    view = ProgressView(store)
    assert view.confirm_row.layout.display == "none"
    view.erase_button.click()
    assert view.confirm_row.layout.display == "flex"
    view.cancel_button.click()
    assert store.exists and view.confirm_row.layout.display == "none"
    view.erase_button.click()
    view.confirm_button.click()
    assert not store.exists
    assert _tag(view.readout.value, "gepnet-progress-answered") == "0"
    assert "erased" in html.unescape(view.status.value)


def test_a_corrupt_file_is_reported(store: ProgressStore) -> None:
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text("{", encoding="utf-8")
    view = ProgressView(store)
    view.refresh_button.click()
    assert "could not be used" in view.status.value and ".bad-" in view.status.value


def test_drawing_has_a_bar_segment_per_nonzero_count() -> None:
    from matplotlib.figure import Figure

    ax = Figure().add_subplot()
    tallies = [QuestionTally("A", 5, 3, 2, 1), QuestionTally("B", 4, 0, 0, 0)]
    drawn = draw_progress(ax, tallies)
    assert len(drawn.bars) == 4  # A: right, missed, unseen; B: unseen
    assert [t.get_text() for t in ax.get_yticklabels()] == ["B", "A"]
    assert [h.get_label() for h in ax.get_legend().legend_handles] == [s[0] for s in SEGMENTS]


def _contrast(a: str, b: str) -> float:
    from matplotlib.colors import to_rgb

    def lum(colour: str) -> float:
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
               for c in to_rgb(colour)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_counts_on_every_segment_colour_reach_wcag_aa() -> None:
    for _label, fill, _hatch in SEGMENTS:
        assert _contrast(label_colour(fill), fill) >= 4.5, fill
    assert label_colour("#0072B2") == "white" and label_colour("#F0E442") != "white"


def test_switching_grouping_back_reuses_the_drawn_chart(store: ProgressStore,
                                                         tmp_path: Path) -> None:
    view = ProgressView(store)
    first = view.view.png
    view.group.value = "objective"
    assert view.view.png != first
    draws: list[object] = []
    draw = view.view.canvas.draw
    view.view.canvas.draw = lambda: (draws.append(1), draw())[1]
    view.group.value = "lesson"
    assert view.view.png == first and not draws  # a blit of the cached chart, no redraw
    ProgressStore(tmp_path).record_answer("03_tnm_staging", "stage-vs-grade", "x", True)
    view.refresh_button.click()  # new answers: the chart is drawn again
    assert draws and view.view.png != first
