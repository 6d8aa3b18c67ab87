"""Lessons 0 and 9 executed in a real kernel, with a progress file from an earlier session: the
saved answers come back, "Your progress" counts them, and the review draws from every lesson."""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from executed_lesson import assert_no_errors, by_class, execute, widget_state

from gepnet_widgets import quiz
from gepnet_widgets.progress import ENV_VAR, ProgressStore


@pytest.fixture(scope="module")
def progress_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A progress file as an earlier session left it (the kernels inherit the variable)."""
    folder = tmp_path_factory.mktemp("progress")
    store = ProgressStore(folder)
    nx = {q.id: q for q in quiz.load_questions("00_start_here")}["nx-not-n0"]
    store.record_answer("00_start_here", "nx-not-n0", nx.correct_choice.id, True)
    stage = quiz.load_questions("03_tnm_staging")[0]
    wrong = next(c for c in stage.choices if not c.correct)
    store.record_answer("03_tnm_staging", stage.id, wrong.id, False)
    old = os.environ.get(ENV_VAR)
    os.environ[ENV_VAR] = str(folder)
    yield folder
    if old is None:
        del os.environ[ENV_VAR]
    else:
        os.environ[ENV_VAR] = old


@pytest.fixture(scope="module")
def lesson0(progress_dir: Path):
    return execute("00_start_here.ipynb")


@pytest.fixture(scope="module")
def lesson9(progress_dir: Path):
    return execute("09_review.ipynb")


def _tag(value: str, css: str) -> str:
    (found,) = re.findall(rf"<b class='{css}'>([^<]*)</b>", value)
    return html.unescape(found)


def _card(nb, question_id: str) -> dict:
    (card,) = by_class(nb, f"gepnet-selfcheck-q-{question_id}")
    state = widget_state(nb)
    children = [state[c.removeprefix("IPY_MODEL_")]["state"] for c in card["children"]]
    return {"choices": next(c for c in children if "gepnet-selfcheck-choices" in
                            c.get("_dom_classes", [])),
            "feedback": next(c for c in children if "gepnet-selfcheck-feedback" in
                             c.get("_dom_classes", []))}


def test_lesson_0_restores_saved_answers(lesson0) -> None:
    assert_no_errors(lesson0)
    card = _card(lesson0, "nx-not-n0")
    assert "Correct." in card["feedback"]["value"]
    (score,) = by_class(lesson0, "gepnet-selfcheck-score")
    assert "gepnet-selfcheck-first'>1 of 7<" in score["value"]


def test_lesson_0_shows_your_progress(lesson0) -> None:
    (readout,) = by_class(lesson0, "gepnet-progress-readout")
    assert _tag(readout["value"], "gepnet-progress-grouping") == "by lesson"
    assert _tag(readout["value"], "gepnet-progress-answered") == "2"
    assert _tag(readout["value"], "gepnet-progress-first") == "1"
    assert _tag(readout["value"], "gepnet-progress-revisit") == "1"
    (figure,) = by_class(lesson0, "gepnet-progress-figure")
    alt = html.unescape(re.search(r'alt="([^"]+)"', figure["value"]).group(1))
    assert "Lesson 3: 0 right at the first try, 1 missed" in alt
    (download,) = by_class(lesson0, "gepnet-progress-download")
    assert 'download="gepnet-progress.json"' in download["value"]


def test_lesson_9_draws_a_set_from_the_banks(lesson9) -> None:
    assert_no_errors(lesson9)
    ids = {q.id for lesson in quiz.available_lessons() for q in quiz.load_questions(lesson)}
    cards = [c for m in widget_state(lesson9).values()
             for c in m["state"].get("_dom_classes", []) if c.startswith("gepnet-selfcheck-q-")]
    assert len(cards) == 8
    assert {c.removeprefix("gepnet-selfcheck-q-") for c in cards} <= ids
    prompts = [m["value"] for m in by_class(lesson9, "gepnet-selfcheck-prompt")]
    assert all(re.search(r"from Lesson \d", p) for p in prompts)
    (readout,) = by_class(lesson9, "gepnet-progress-readout")
    assert _tag(readout["value"], "gepnet-progress-answered") == "2"
