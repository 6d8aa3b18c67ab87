"""Widget tests for the grading lesson: every control to its extremes, readouts, figures, hooks."""

from __future__ import annotations

import html
import re

import ipywidgets as widgets
import pytest

from gepnet_widgets.counting import (
    count_cells,
    count_hot_spot,
    make_slide,
    random_field_centre,
    simulate_scatter,
)
from gepnet_widgets.grading import ki67_confidence_interval, who_grade
from gepnet_widgets.widgets.grading import (
    TABLE_CASES,
    CountingLab,
    DifferentiationTable,
    GradeExplorer,
    ScatterSimulation,
)

EXPLORERS = (GradeExplorer, CountingLab, ScatterSimulation, DifferentiationTable)
# A float shown with 3+ decimals, or float noise such as 20.000000000000004.
# (A version such as "v3.2025" is not a number.)
FLOAT_NOISE = re.compile(r"(?<![v\d.])\d+\.\d{3,}")


def _text(value: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", value))


def _tagged(value: str, css: str) -> str:
    found = re.findall(rf'class="{css}"[^>]*>([^<]*)<', value)
    assert len(found) == 1, (css, value[:400])
    return html.unescape(found[0])


def _extremes(control: widgets.Widget) -> list:
    """Every dropdown option; a slider's min and max (and a middle value)."""
    if isinstance(control, widgets.Dropdown):
        return [value for _label, value in control.options]
    middle = control.min + (control.max - control.min) / 2
    if isinstance(control, widgets.IntSlider):
        middle = control.min + round((middle - control.min) / control.step) * control.step
    return [control.min, control.max, middle]


def _assert_clean(explorer) -> None:
    readout = explorer.readout.value
    assert "gepnet-error" not in readout, _text(readout)
    assert not FLOAT_NOISE.search(_text(readout)), _text(readout)
    assert explorer.view.alt and not FLOAT_NOISE.search(explorer.view.alt), explorer.view.alt
    img = explorer.view.widget.value
    assert img.startswith("<img") and f'alt="{html.escape(explorer.view.alt)}"' in img
    assert explorer.view.png.startswith(b"\x89PNG")


# --------------------------------------------------------------------------------------------
# Shared house rules
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", EXPLORERS)
def test_hooks_labels_and_defaults(cls):
    explorer = cls()
    prefix = explorer.prefix
    assert f"gepnet-{prefix}-readout" in explorer.readout._dom_classes
    assert f"gepnet-{prefix}-figure" in explorer.view.widget._dom_classes
    assert f"gepnet-{prefix}" in explorer.widget._dom_classes
    assert explorer.view.widget in explorer.widget.children[-1].children  # the figure shown
    for name, control in explorer.controls.items():
        assert f"gepnet-{prefix}-{name}" in control._dom_classes, name
        assert control.description and control.style.description_width == "initial"
        if isinstance(control, widgets.FloatSlider | widgets.IntSlider):
            assert control.continuous_update is True  # live while dragged
        if isinstance(control, widgets.Dropdown):
            assert all(isinstance(o, tuple) and len(o) == 2 for o in control.options)
    _assert_clean(explorer)


@pytest.mark.parametrize("cls", EXPLORERS)
def test_every_control_to_its_extremes(cls):
    explorer = cls()
    if isinstance(explorer, DifferentiationTable):
        explorer.check_button.click()
    for name, control in explorer.controls.items():
        for value in _extremes(control):
            if value == control.value:
                continue
            before = (explorer.readout.value, explorer.view.png, explorer.update_count)
            control.value = value
            assert explorer.update_count == before[2] + 1, name
            _assert_clean(explorer)
            changed_readout = explorer.readout.value != before[0]
            changed_figure = explorer.view.png != before[1]
            if isinstance(explorer, DifferentiationTable):
                assert changed_readout or explorer.feedback[int(name[-1]) - 1].value, name
            else:
                assert changed_readout, (name, value)
                assert changed_figure, (name, value)


@pytest.mark.parametrize("cls", (GradeExplorer, CountingLab, ScatterSimulation))
def test_updates_are_blitted_not_redrawn(cls):
    explorer = cls()
    background = explorer.view.background
    control = next(c for n, c in explorer.controls.items() if n != "slide")
    control.value = _extremes(control)[1]
    assert explorer.view.background is background  # only the changing artists were drawn
    assert explorer.view.render_count == 2


# --------------------------------------------------------------------------------------------
# Grade explorer
# --------------------------------------------------------------------------------------------


def test_grade_default_is_net_g2_and_both_indices_agree():
    g = GradeExplorer()
    assert (g.ki67.value, g.mitoses.value, g.differentiation.value) == (18.0, 20, "well")
    assert _tagged(g.readout.value, "gepnet-grade-category") == "NET G2"
    assert g.result == who_grade(18.0, 4.0, "well")
    assert "Both indices give G2" in g.view.alt


@pytest.mark.parametrize(
    ("frontend_value", "category"),
    [(20.000000000000004, "NET G2"), (19.999999999999996, "NET G2"),
     (20.099999999999998, "NET G3"), (20.1, "NET G3")],
)
def test_ki67_across_20_percent_as_a_browser_sends_it(frontend_value, category):
    g = GradeExplorer()
    png = g.view.png
    g.ki67.value = frontend_value
    assert _tagged(g.readout.value, "gepnet-grade-category") == category
    assert g.view.png != png
    if category == "NET G3":
        rule = _tagged(g.readout.value, "gepnet-grade-rule")
        assert "the higher grade wins" in rule and "Ki-67 G3, mitoses G2" in rule
        assert "higher grade wins" in g.view.alt


def test_keyboard_path_of_the_browser_test():
    """21 presses of ArrowRight (step 0.1) from 18.0 give G3; 20 presses still G2."""
    g = GradeExplorer()
    value = g.ki67.value
    for press in range(1, 22):
        value += g.ki67.step
        g.ki67.value = value
        expected = "NET G3" if press == 21 else "NET G2"
        assert _tagged(g.readout.value, "gepnet-grade-category") == expected, press


def test_mitoses_alone_can_raise_the_grade():
    g = GradeExplorer()
    g.mitoses.value = 101  # 20.2 per 2 mm²
    assert _tagged(g.readout.value, "gepnet-grade-category") == "NET G3"
    assert _tagged(g.readout.value, "gepnet-grade-mitotic-grade") == "G3"
    assert _tagged(g.readout.value, "gepnet-grade-ki67-grade") == "G2"
    assert "101 in 10 mm² = 20.2 per 2 mm²" in _text(g.readout.value)
    g.mitoses.value = 100  # exactly 20 per 2 mm²: still G2
    assert _tagged(g.readout.value, "gepnet-grade-category") == "NET G2"


@pytest.mark.parametrize(
    ("ki67", "mitoses", "category"),
    [(0.0, 0, "NET G1"), (2.9, 9, "NET G1"), (3.0, 9, "NET G2"), (2.9, 10, "NET G2"),
     (100.0, 200, "NET G3"), (0.0, 200, "NET G3")],
)
def test_grade_matches_who_grade(ki67, mitoses, category):
    g = GradeExplorer()
    with g.quietly():
        g.ki67.value = ki67
        g.mitoses.value = mitoses
    g.refresh()
    assert g.result.category == category == who_grade(ki67, mitoses / 5, "well").category
    assert _tagged(g.readout.value, "gepnet-grade-category") == category


def test_very_high_ki67_is_flagged_and_shown_off_the_scale():
    g = GradeExplorer()
    g.ki67.value = 100.0
    assert "double-check" in g.readout.value and "55%" in _text(g.readout.value)
    assert "Ki-67 100.0% falls in G3" in g.view.alt


def test_poorly_differentiated_is_nec_whatever_the_numbers():
    g = GradeExplorer()
    for ki67 in (0.0, 18.0, 100.0):
        g.ki67.value = ki67
        g.differentiation.value = "poor"
        assert _tagged(g.readout.value, "gepnet-grade-category") == "NEC"
        assert "Poorly differentiated" in _tagged(g.readout.value, "gepnet-grade-rule")
        assert "not graded" in g.view.alt
        g.differentiation.value = "well"
        assert _tagged(g.readout.value, "gepnet-grade-category").startswith("NET G")


# --------------------------------------------------------------------------------------------
# Counting lab
# --------------------------------------------------------------------------------------------


def test_counting_lab_readout_matches_the_counts_and_intervals():
    lab = CountingLab()
    slide = make_slide(0)
    hot = count_hot_spot(slide, 100)
    yours = count_cells(slide, 0.75, 0.30, 100)
    text = _text(lab.readout.value)
    for name, count in (("hot", hot), ("yours", yours)):
        low, high = ki67_confidence_interval(count.n_positive, count.n_counted)
        assert _tagged(lab.readout.value, f"gepnet-ki67lab-{name}-index") == f"{count.index:.1f}%"
        assert f"95% interval {low:.1f} to {high:.1f}%" in text
        assert f"{count.n_positive} of {count.n_counted} cells positive" in text
    assert lab.hot.counted.tolist() == hot.counted.tolist()
    assert "fewer than 500 cells" in text


def test_counting_lab_is_reproducible_from_its_seed():
    a, b = CountingLab(slide=4, cells=500), CountingLab(slide=4, cells=500)
    assert a.readout.value == b.readout.value and a.view.png == b.view.png
    c = CountingLab(slide=5, cells=500)
    assert c.readout.value != a.readout.value and c.view.png != a.view.png


def test_new_slide_redraws_only_the_slide_and_matches_a_fresh_lab():
    lab = CountingLab()
    lab.slide.value = 7
    fresh = CountingLab(slide=7)
    assert lab.readout.value == fresh.readout.value
    assert lab.view.alt == fresh.view.alt
    assert lab.slide_data.same_as(make_slide(7))


def test_more_cells_narrow_the_interval_in_the_hot_spot():
    lab = CountingLab()
    widths = []
    for n in (100, 500, 2000):
        lab.cells.value = n
        widths.append(lab.hot.ci_high - lab.hot.ci_low)
    assert widths[0] > widths[1] > widths[2]
    assert "at least 500 cells" in _text(lab.readout.value)
    assert "outside it, in quieter tissue" in _text(lab.readout.value)


def test_random_field_button_is_reproducible():
    a, b = CountingLab(), CountingLab()
    places = []
    for _ in range(3):
        a.random_button.click()
        b.random_button.click()
        assert (a.across.value, a.down.value) == (b.across.value, b.down.value)
        places.append((a.across.value, a.down.value))
    expected = [tuple(round(100 * v) for v in random_field_centre(make_slide(0), k))
                for k in range(3)]
    assert places == expected
    assert a.readout.value == b.readout.value


def test_field_in_a_quiet_corner_reads_lower_than_the_hot_spot():
    lab = CountingLab(cells=500)
    hx = lab.slide_data.hot_spot[0] / lab.slide_data.width
    lab.across.value = 100 if hx < 0.5 else 0
    assert lab.yours.index < lab.hot.index
    assert lab.yours.true_index < lab.hot.true_index


# --------------------------------------------------------------------------------------------
# Scatter simulation
# --------------------------------------------------------------------------------------------


def test_scatter_readout_matches_the_simulation():
    sim = ScatterSimulation()
    result = simulate_scatter(18.0, (100, 500, 2000), 1000, 0)
    text = _text(sim.readout.value)
    assert _tagged(sim.readout.value, "gepnet-scatter-true") == "18.0% (G2)"
    for row in result.rows:
        assert f"{row.low:.1f} to {row.high:.1f}%" in text
        assert f"{100 * row.share['G3']:.1f}%" in text
        assert f"exact {100 * row.expected['G3']:.1f}%" in text
    shares = [row.share["G3"] for row in result.rows]
    assert shares[0] > shares[1] > shares[2]


def test_run_again_changes_the_run_and_is_reproducible():
    sim = ScatterSimulation()
    png = sim.view.png
    sim.rerun_button.click()
    assert sim.seed.value == 1 and sim.view.png != png
    assert sim.readout.value == ScatterSimulation(seed=1).readout.value
    sim.seed.value = 99
    sim.rerun_button.click()
    assert sim.seed.value == 0


# --------------------------------------------------------------------------------------------
# Differentiation table
# --------------------------------------------------------------------------------------------


def test_table_answers_come_from_who_grade():
    table = DifferentiationTable()
    assert [a.category for a in table.answers] == [
        who_grade(k, m, d).category for d, k, m in TABLE_CASES]
    assert [a.category for a in table.answers if a.differentiation == "poor"] == ["NEC", "NEC"]
    categories = {a.category for a in table.answers}
    assert categories == {"NET G1", "NET G2", "NET G3", "NEC"}


def test_table_all_right_all_wrong_and_feedback():
    table = DifferentiationTable()
    assert "0 of 6 answered" in _text(table.readout.value)
    assert all(f.value == "" for f in table.feedback)
    table.check_button.click()
    assert "Choose an answer first" in table.feedback[0].value
    assert not table.hinted and not table.revealed  # nothing wrong yet: no answer given away
    for choice, answer in zip(table.choices, table.answers, strict=True):
        choice.value = answer.category
    table.check_button.click()
    assert _tagged(table.readout.value, "gepnet-difftable-score") == "6 of 6 correct"
    assert all("Correct." in f.value for f in table.feedback)
    g3 = table.answers.index(next(a for a in table.answers if a.category == "NET G3"))
    assert "WHO 2010" in table.feedback[g3].value
    assert table.revealed and table.show_button.disabled  # all right: nothing left to hide
    for choice, answer in zip(table.choices, table.answers, strict=True):
        choice.value = "NEC" if answer.category != "NEC" else "NET G3"
    assert _tagged(table.readout.value, "gepnet-difftable-score") == "0 of 6 correct"
    assert all("Not quite" in f.value for f in table.feedback)
    # A well-differentiated G3 called NEC: the feedback says what it is.
    assert "it is NET G3" in table.feedback[2].value
    assert "higher grade wins" in table.feedback[4].value
    assert "staged with the carcinoma chapter of the same organ" in table.readout.value


def _all_wrong(table: DifferentiationTable) -> None:
    """Give every row a wrong answer of the other family (NEC for a NET, NET G1 for a NEC)."""
    for choice, answer in zip(table.choices, table.answers, strict=True):
        choice.value = "NEC" if answer.category != "NEC" else "NET G1"


def test_table_first_wrong_check_hints_without_the_answers():
    """Issue 14: a first wrong check marks the wrong rows and hints; it names no answer."""
    table = DifferentiationTable()
    _all_wrong(table)
    table.check_button.click()
    assert table.hinted and not table.revealed and not table.show_button.disabled
    for note, answer in zip(table.feedback, table.answers, strict=True):
        text = _text(note.value)
        assert "Not yet." in text and "Look at differentiation first" in text, text
        assert answer.category not in text and "Not quite" not in text, text
    status = _text(table.readout.value)
    assert "rows 1, 2, 3, 4, 5, 6" in status and "Show the answers" in status
    assert _tagged(table.readout.value, "gepnet-difftable-score") == "0 of 6 correct"
    for name in ("NET G1", "NET G2", "NET G3", "NEC"):
        assert name not in re.sub(r"Tumour \d is|Choose", "", status), name

    # A right family but a wrong grade: the hint points to the band edge or the rule.
    table = DifferentiationTable()
    table.choices[1].value = "NET G1"   # Ki-67 exactly 3.0%, mitoses 1.0: NET G2
    table.choices[4].value = "NET G2"   # Ki-67 8%, 24 mitoses: NET G3
    table.choices[0].value = "NET G1"   # right
    table.check_button.click()
    row2, row5 = _text(table.feedback[1].value), _text(table.feedback[4].value)
    assert "Which band is exactly 3%?" in row2 and "NET G2" not in row2
    assert "which rule decides when they disagree" in row5 and "NET G3" not in row5
    assert "Correct." in table.feedback[0].value
    assert "rows 2, 5" in _text(table.readout.value)


def test_table_hint_never_names_the_answer_for_any_wrong_choice():
    from gepnet_widgets.widgets.grading import row_hint

    table = DifferentiationTable()
    for answer in table.answers:
        for chosen in ("NET G1", "NET G2", "NET G3", "NEC"):
            if chosen != answer.category:
                hint = row_hint(chosen, answer)
                assert hint and answer.category not in hint, (chosen, answer.category, hint)
                assert answer.category.split()[-1] not in hint.split(), hint  # not even "G2"


def test_table_changed_row_after_a_hint_gives_nothing_away():
    table = DifferentiationTable()
    _all_wrong(table)
    table.check_button.click()
    for option in ("NET G1", "NET G2", "NET G3"):  # cycling through the options
        table.choices[0].value = option
        assert "Changed since your check" in table.feedback[0].value
        assert "Correct" not in table.feedback[0].value
    assert _tagged(table.readout.value, "gepnet-difftable-score") == "0 of 6 correct"


def test_table_second_check_shows_the_answers():
    table = DifferentiationTable()
    _all_wrong(table)
    table.check_button.click()
    table.choices[0].value = table.answers[0].category  # one fixed, five still wrong
    table.check_button.click()
    assert table.revealed and table.show_button.disabled
    assert "Correct." in table.feedback[0].value
    for note, answer in list(zip(table.feedback, table.answers, strict=True))[1:]:
        assert f"Not quite: it is {answer.category}." in _text(note.value)
    assert _tagged(table.readout.value, "gepnet-difftable-score") == "1 of 6 correct"
    assert "What changed from WHO 2010" in table.readout.value


def test_table_show_the_answers_button():
    table = DifferentiationTable()
    button = table.show_button
    assert button.description == "Show the answers" and button.tooltip
    assert "gepnet-difftable-show" in button._dom_classes and not button.disabled
    assert button in table.widget.children[-2].children  # beside Check, in the control rows
    _all_wrong(table)
    table.check_button.click()
    button.click()
    for note, answer in zip(table.feedback, table.answers, strict=True):
        assert f"it is {answer.category}." in _text(note.value)
    # Pressed before any check, unanswered rows show their answer too.
    fresh = DifferentiationTable()
    fresh.show_button.click()
    for note, answer in zip(fresh.feedback, fresh.answers, strict=True):
        assert f"The answer: {answer.category}." in _text(note.value)
    assert fresh.show_button.disabled


def test_table_figure_is_drawn_once_with_alt_text():
    table = DifferentiationTable()
    png = table.view.png
    assert "Well differentiated" in table.view.alt or "well differentiated" in table.view.alt
    assert "necrosis" in table.view.alt and "trabeculae" in table.view.alt
    table.choices[0].value = "NET G1"
    table.check_button.click()
    assert table.view.png == png and table.view.render_count == 1


def test_palette_png_shows_the_pixels_as_drawn():
    import io

    import numpy as np
    from PIL import Image

    lab = CountingLab()
    shown = np.asarray(Image.open(io.BytesIO(lab.view.png)).convert("RGB")).astype(int)
    drawn = np.asarray(lab.view.canvas.buffer_rgba())[..., :3].astype(int)
    assert shown.shape == drawn.shape
    assert np.abs(shown - drawn).max() <= 24  # palette rounding only, never a visible change
