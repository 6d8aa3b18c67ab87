"""The classroom's widgets: "Hand in my answers" (self-checks and Your progress), assessment
mode in the self-check (on and off), and the instructor's class dashboard."""

from __future__ import annotations

import base64
import json
import os
import re
from pathlib import Path

import ipywidgets as widgets
import pytest

from gepnet_widgets import quiz
from gepnet_widgets.classroom import ClassroomSettings, handed_in_lessons
from gepnet_widgets.progress import ProgressStore
from gepnet_widgets.widgets.classroom import ClassDashboard, HandInButton
from gepnet_widgets.widgets.progress import ProgressView
from gepnet_widgets.widgets.selfcheck import (
    CORRECT_WORD,
    INCORRECT_WORD,
    RECORDED_TEXT,
    SelfCheck,
)

LESSON = "03_tnm_staging"
Q = quiz.load_questions(LESSON)


@pytest.fixture(autouse=True)
def _no_hub_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests choose their settings: none come from this machine's environment or /etc."""
    for var in ("GEPNET_HANDIN_DIR", "GEPNET_ASSESSMENT", "JUPYTERHUB_USER"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("GEPNET_CLASSROOM_CONFIG", str(tmp_path / "no-config.json"))
    monkeypatch.setenv("GEPNET_PROGRESS_DIR", str(tmp_path / "progress"))


@pytest.fixture
def box(tmp_path: Path) -> Path:
    folder = tmp_path / "box"
    folder.mkdir()
    os.chmod(folder, 0o3733)
    return folder


def _store(tmp_path: Path, who: str) -> ProgressStore:
    return ProgressStore(tmp_path / f"progress-{who}")


def _wrong(q: quiz.Question) -> int:
    return next(i for i, c in enumerate(q.choices) if not c.correct)


def _visible(w: widgets.Widget) -> bool:
    return w.layout.display != "none"


# -- hand in ------------------------------------------------------------------------------------


def test_selfcheck_hand_in_goes_to_the_drop_box(tmp_path: Path, box: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    sc = SelfCheck(LESSON, store=_store(tmp_path, "a"), settings=ClassroomSettings(box))
    assert sc.handin is not None and sc.handin.widget in sc.widget.children
    sc.answer(0, Q[0].correct_index)
    sc.handin.button.click()
    doc = json.loads((box / "alice.json").read_text())
    assert doc["questions"][f"{LESSON}/{Q[0].id}"]["first"]["correct"] is True
    status = sc.handin.status.value
    assert "Handed in to the class folder as alice" in status and "download=" not in status
    sc.answer(1, 0)
    sc.handin.button.click()  # again: replaces the earlier hand-in
    assert len(json.loads((box / "alice.json").read_text())["questions"]) == 2
    assert sorted(p.name for p in box.iterdir()) == ["alice.json"]


def test_hand_in_without_a_drop_box_offers_a_download(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "bob")
    store = _store(tmp_path, "b")
    store.record_answer(LESSON, Q[0].id, Q[0].correct_choice.id, True)
    button = HandInButton(store, [LESSON], settings=ClassroomSettings())
    button.button.click()
    status = button.status.value
    assert "download='gepnet-handin-bob.json'" in status and "Download the file" in status
    data = re.search(r"base64,([A-Za-z0-9+/=]+)'", status).group(1)
    assert json.loads(base64.b64decode(data))["learner"] == store.learner
    assert button.button.description == "Hand in my answers"


def test_bad_user_name_is_said_in_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "<b>x/../y</b>")
    button = HandInButton(_store(tmp_path, "c"), settings=ClassroomSettings())
    button.button.click()
    assert "could not be handed in" in button.status.value
    assert "<b>x" not in button.status.value and button.result is None


def test_progress_view_has_a_hand_in_button(tmp_path: Path, box: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEPNET_HANDIN_DIR", str(box))
    monkeypatch.setenv("JUPYTERHUB_USER", "carol")
    store = _store(tmp_path, "p")
    store.record_answer(LESSON, Q[0].id, Q[0].correct_choice.id, True)
    view = ProgressView(store=store)
    assert view.handin.widget in view.widget.children
    view.handin.button.click()
    assert (box / "carol.json").is_file()
    assert LESSON in handed_in_lessons(store)  # a hand-in from here closes answered lessons


def test_selfcheck_without_a_store_has_no_hand_in() -> None:
    assert SelfCheck(list(Q[:2]), store=None).handin is None


# -- assessment mode ----------------------------------------------------------------------------


def test_practice_mode_hint_then_answer_and_retries(tmp_path: Path) -> None:
    sc = SelfCheck(LESSON, store=_store(tmp_path, "p"), settings=ClassroomSettings())
    card = sc.cards[0]
    assert not sc.assessment and _visible(card.show_button) and _visible(sc.reset_button)
    card.answer(_wrong(Q[0]))
    assert INCORRECT_WORD in card.feedback.value and "gepnet-selfcheck-hint" in card.feedback.value
    card.answer(Q[0].correct_index)  # a retry is allowed and graded
    assert CORRECT_WORD in card.feedback.value and not card.choices.disabled
    assert card.attempts == 2 and card.first_correct is False
    card.show_button.click()
    assert card.revealed


def test_assessment_mode_hides_results_until_hand_in(tmp_path: Path, box: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "dan")
    store = _store(tmp_path, "d")
    sc = SelfCheck(LESSON, store=store, settings=ClassroomSettings(box, assessment=True))
    assert sc.assessment and "Assessment." in sc.header.value
    card = sc.cards[0]
    assert not _visible(card.show_button) and not _visible(sc.reset_button)
    card.answer(_wrong(Q[0]))
    value = card.feedback.value
    assert RECORDED_TEXT in value
    assert CORRECT_WORD not in value and INCORRECT_WORD not in value
    assert Q[0].explanation not in value and Q[0].correct_choice.text not in value
    assert card.choices.disabled and card.check_button.disabled
    # only the first attempt counts: another answer is not taken
    card.choices.disabled = False
    card.choices.value = Q[0].correct_choice.id
    card.check_button.click()
    record = store.question(LESSON, Q[0].id)
    assert record["attempts"] == 1 and record["first"]["correct"] is False
    card.show_answer()  # not before hand-in
    assert not card.revealed and RECORDED_TEXT in card.feedback.value
    sc.reset()
    assert card.first_correct is False and card.result is not None
    assert "Answered:" in sc.score_label.value and "1 of" in sc.score_label.value
    # hand in: results, explanations and "Show the answer" appear
    sc.handin.button.click()
    assert (box / "dan.json").is_file()
    assert INCORRECT_WORD in card.feedback.value and Q[0].explanation in card.feedback.value
    assert _visible(card.show_button) and card.choices.disabled
    untried = sc.cards[1]
    assert Q[1].correct_choice.text in untried.feedback.value  # the answer, for reading
    assert store.question(LESSON, Q[1].id) is None  # and nothing recorded for it
    assert "First try:" in sc.score_label.value


def test_assessment_restores_first_answer_locked_and_opens_after_hand_in(tmp_path: Path) -> None:
    store = _store(tmp_path, "e")
    settings = ClassroomSettings(assessment=True)
    first = SelfCheck(LESSON, store=store, settings=settings)
    first.answer(0, Q[0].correct_index)
    again = SelfCheck(LESSON, store=store, settings=settings)  # a reload
    card = again.cards[0]
    assert card.choices.value == Q[0].correct_choice.id and card.choices.disabled
    assert RECORDED_TEXT in card.feedback.value and CORRECT_WORD not in card.feedback.value
    again.handin.button.click()  # no drop box: a download, and the lesson is handed in
    reloaded = SelfCheck(LESSON, store=store, settings=settings)
    assert CORRECT_WORD in reloaded.cards[0].feedback.value
    assert not any(c.closed for c in reloaded.cards)


def test_assessment_switch_from_the_environment(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEPNET_ASSESSMENT", "1")
    assert SelfCheck(LESSON, store=_store(tmp_path, "f")).assessment
    monkeypatch.setenv("GEPNET_ASSESSMENT", "0")
    assert not SelfCheck(LESSON, store=_store(tmp_path, "g")).assessment
    monkeypatch.delenv("GEPNET_ASSESSMENT")
    config = tmp_path / "classroom.json"
    config.write_text(json.dumps({"assessment": True}))
    monkeypatch.setenv("GEPNET_CLASSROOM_CONFIG", str(config))
    assert SelfCheck(LESSON, store=_store(tmp_path, "h")).assessment


def test_option_order_differs_per_learner_in_assessment(tmp_path: Path) -> None:
    settings = ClassroomSettings(assessment=True)
    orders = {tuple(tuple(c.choices.options) for c in
                    SelfCheck(LESSON, store=_store(tmp_path, f"l{i}"), settings=settings).cards)
              for i in range(4)}
    assert len(orders) > 1


# -- the dashboard ------------------------------------------------------------------------------


def _fill_box(tmp_path: Path, box: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for who, index in (("alice", Q[0].correct_index), ("bob", _wrong(Q[0]))):
        monkeypatch.setenv("JUPYTERHUB_USER", who)
        sc = SelfCheck(LESSON, store=_store(tmp_path, who), settings=ClassroomSettings(box))
        sc.answer(0, index)
        sc.handin.button.click()
    (box / "junk.json").write_text("not json")


def test_dashboard_counts_and_anonymises(tmp_path: Path, box: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    _fill_box(tmp_path, box, monkeypatch)
    (tmp_path / "class.txt").write_text("alice\nbob\ncarol\n")
    dash = ClassDashboard(box, tmp_path / "class.txt")
    assert dash.lesson.value == LESSON
    assert "<b class='gepnet-class-count'>2</b>" in dash.readout.value
    row = re.search(rf"data-question='{Q[0].id}'>(.*?)</tr>", dash.readout.value).group(1)
    assert ">2 of 2<" in row and "gepnet-class-first'>1<" in row
    assert Q[0].choices[_wrong(Q[0])].text in row and "(bob)" in row
    assert "carol" in dash.details.value and "junk.json" in dash.details.value
    assert "Bar chart of Lesson 3" in dash.view.alt and "1 right at the first try" in dash.view.alt
    assert "download='class-report.html'" in dash.downloads.value
    assert "download='class-report.csv'" in dash.downloads.value
    dash.anonymised.value = True
    shown = dash.readout.value + dash.details.value
    assert "bob" not in shown and "alice" not in shown and "carol" not in shown
    page = base64.b64decode(re.search(r"text/html;base64,([^']+)'",
                                      dash.downloads.value).group(1)).decode()
    assert "alice" not in page and "class-report-anonymised.html" in dash.downloads.value


def test_dashboard_refreshes_on_demand(tmp_path: Path, box: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    dash = ClassDashboard(box)
    assert "<b class='gepnet-class-count'>0</b>" in dash.readout.value
    _fill_box(tmp_path, box, monkeypatch)
    assert "<b class='gepnet-class-count'>0</b>" in dash.readout.value  # until Refresh
    dash.refresh_button.click()
    assert "<b class='gepnet-class-count'>2</b>" in dash.readout.value


def test_dashboard_redraws_the_chart_only_when_counts_can_change(
        tmp_path: Path, box: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Anonymising changes the tables, not the counts: no chart redraw, no new chart images."""
    import gepnet_widgets.widgets.classroom as classroom_widgets

    _fill_box(tmp_path, box, monkeypatch)
    dash = ClassDashboard(box)
    calls = {"chart": 0, "png": 0}
    draw, png = classroom_widgets.draw_class_questions, classroom_widgets.chart_png

    def counted_draw(*args, **kwargs):
        calls["chart"] += 1
        return draw(*args, **kwargs)

    def counted_png(*args, **kwargs):
        calls["png"] += 1
        return png(*args, **kwargs)

    monkeypatch.setattr(classroom_widgets, "draw_class_questions", counted_draw)
    monkeypatch.setattr(classroom_widgets, "chart_png", counted_png)
    alt = dash.view.alt
    dash.anonymised.value = True
    dash.anonymised.value = False
    assert calls == {"chart": 0, "png": 0}
    assert dash.view.alt == alt and "(bob)" in dash.readout.value
    dash.refresh_button.click()  # a new read: the counts may have changed
    assert calls["chart"] == 1 and calls["png"] >= 1


def test_dashboard_without_a_folder_says_what_to_do(tmp_path: Path) -> None:
    dash = ClassDashboard()
    assert "No hand-in folder is set" in dash.readout.value
    dash.folder.value = str(tmp_path / "missing")
    assert "could not be made" in dash.readout.value
    dash.folder.value = "<img src=x onerror=alert(1)>"
    assert "<img src=x" not in dash.readout.value


# -- the instructor notebook, executed in a real kernel -----------------------------------------


def test_class_dashboard_notebook_shows_the_hand_ins(tmp_path: Path, box: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from executed_lesson import assert_no_errors, by_class, execute

    _fill_box(tmp_path, box, monkeypatch)
    monkeypatch.setenv("GEPNET_HANDIN_DIR", str(box))  # the kernel inherits the hub's setting
    nb = execute("instructor/class_dashboard.ipynb")
    assert_no_errors(nb)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert code == ["from gepnet_widgets import ClassDashboard", "ClassDashboard()"]
    (readout,) = by_class(nb, "gepnet-class-readout")
    assert "<b class='gepnet-class-count'>2</b>" in readout["value"]
    assert re.search(rf"data-question='{Q[0].id}'>.*?>2 of 2<", readout["value"], re.S)
    (details,) = by_class(nb, "gepnet-class-details")
    assert "alice" in details["value"] and "bob" in details["value"]
    (folder,) = by_class(nb, "gepnet-class-folder")
    assert folder["value"] == str(box)
