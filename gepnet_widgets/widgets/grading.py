"""Explorers of the grading lesson. They wire controls to :mod:`gepnet_widgets.grading` (WHO 2019
rules), :mod:`gepnet_widgets.counting` (the synthetic slide and the simulation) and
:mod:`gepnet_widgets.drawing.grading` (the pictures); they hold no clinical fact themselves.

* :class:`GradeExplorer`: Ki-67, mitotic count and differentiation give the WHO category, shown on
  a number line with the cut-offs; when the indices disagree the higher grade wins.
* :class:`CountingLab`: count Ki-67 on a synthetic slide, in your own field and in the hot spot.
* :class:`ScatterSimulation`: repeat the count of a known tumour with 100, 500 and 2000 cells.
* :class:`DifferentiationTable`: name six tumours (NET G1/G2/G3 or NEC), then check: a first
  check with wrong rows marks them and gives a hint for each; the answers come on a second
  check or on request.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..counting import (
    DEFAULT_CELL_COUNTS,
    GRADES,
    MORPHOLOGY,
    SIMULATION_NOTE,
    CountResult,
    ScatterResult,
    count_cells,
    count_hot_spot,
    make_slide,
    random_field_centre,
    simulate_scatter,
    tissue_pattern,
)
from ..drawing.grading import (
    change_slide,
    draw_count_comparison,
    draw_cutoff_line,
    draw_differentiation,
    draw_field,
    draw_scatter,
    share_text,
    update_count_comparison,
    update_cutoff_line,
    update_field,
    update_scatter,
)
from ..grading import (
    GRADING_SOURCE,
    GRADING_SOURCES,
    HAND_COUNT_NOTE,
    HAND_COUNT_SOURCES,
    KI67_CUTOFFS,
    MALIGNANCY_NOTE,
    MALIGNANCY_SOURCES,
    MITOSIS_COUNT_AREA_MM2,
    MITOSIS_CUTOFFS,
    MITOSIS_FIELD_AREA_MM2,
    MITOSIS_FIELDS,
    NEC_TYPES_NOTE,
    NEC_TYPES_SOURCES,
    VERY_HIGH_KI67_PERCENT,
    VERY_HIGH_KI67_REASON,
    VERY_HIGH_KI67_SOURCES,
    WHO_2019_TABLE,
    WHO_2022_NOTE,
    WHO_2022_SOURCES,
    WHO_MIN_CELLS,
    WHO_SCHEME_CHANGES,
    GradeResult,
    mitoses_per_2mm2,
    who_2010_reading,
    who_grade,
)
from ..staging import SCOPE_NOTES
from ..style import CSS_CORRECT, CSS_HIGHLIGHT, CSS_MUTED, CSS_TEXT
from .base import Explorer, definition_table, labelled, number_box
from .citations import sources_html

__all__ = ["GradeExplorer", "CountingLab", "ScatterSimulation", "DifferentiationTable"]

_MAX_MITOSES = 200  # counted in 10 mm²: up to 40 per 2 mm²
_CHOOSE = "Choose…"


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _pct(value: float) -> str:
    return f"{value:.1f}%"


def _small(text: str) -> str:
    return f'<p style="color:{CSS_MUTED};font-size:0.85em;margin:6px 0 0">{text}</p>'


def _headline(label: str, value: str, css: str) -> str:
    return (f'<div style="font-size:1.25em;color:{CSS_TEXT}">{_esc(label)}: '
            f'<b class="{css}">{_esc(value)}</b></div>')


def _slider(cls: type, prefix: str, name: str, description: str, width: str = "420px",
            **kwargs) -> widgets.Widget:
    return labelled(cls(description=description, continuous_update=True,
                        layout=widgets.Layout(width=width), **kwargs), prefix, name)


def _button(prefix: str, name: str, description: str, tooltip: str) -> widgets.Button:
    button = widgets.Button(description=description, tooltip=tooltip,
                            layout=widgets.Layout(width="auto"))
    button.add_class(f"gepnet-{prefix}-{name}")
    button.add_class("gepnet-control")
    return button


class _LessonExplorer(Explorer):
    """Explorer whose figure is sent as a palette PNG (busy microscope pictures)."""

    def __init__(self, width: float, height: float, title: str) -> None:
        super().__init__(width, height, title, palette=True)


# --- grade explorer -----------------------------------------------------------------------------


_ADVERB = {"well": "well", "poor": "poorly"}


def _who_table(current: str) -> str:
    rows = tuple(
        (row.category,
         f"{_ADVERB[row.differentiation]} differentiated; " + (
             "not graded (high grade by definition)" if row.grade is None else
             f"Ki-67 {row.ki67.text}, mitoses {row.mitoses.text} per 2 mm²"))
        for row in WHO_2019_TABLE
    )
    return definition_table(rows, current, "WHO 2019 categories (5th ed.)")


class GradeExplorer(_LessonExplorer):
    """Set the Ki-67 index, the mitotic count and the differentiation; see the WHO category.

    Controls: ``ki67`` (0-100%, steps of 0.1), ``mitoses`` (mitoses counted in 10 mm², 0-200,
    shown per 2 mm²), ``differentiation`` (well / poor). Default: 18.0%, 20 mitoses in 10 mm²
    (4.0 per 2 mm²), well differentiated: NET G2.
    """

    prefix = "grade"

    def __init__(self, ki67: float = 18.0, mitoses: int = 20,
                 differentiation: str = "well") -> None:
        super().__init__(6.4, 3.4, "Grade explorer: from Ki-67 and mitoses to the WHO category")
        self.ki67 = _slider(widgets.FloatSlider, self.prefix, "ki67", "Ki-67 index (%)",
                            value=ki67, min=0.0, max=100.0, step=0.1, readout_format=".1f")
        self.mitoses = _slider(
            widgets.IntSlider, self.prefix, "mitoses",
            f"Mitoses in {MITOSIS_FIELDS} fields of {MITOSIS_FIELD_AREA_MM2:g} mm²",
            value=mitoses, min=0, max=_MAX_MITOSES, step=1)
        self.differentiation = labelled(
            widgets.Dropdown(options=[("Well differentiated", "well"),
                                      ("Poorly differentiated", "poor")],
                             value=differentiation, description="Differentiation",
                             layout=widgets.Layout(width="320px")),
            self.prefix, "differentiation")
        self.ki67_box = number_box(self.ki67, self.prefix, "ki67_box", "or type Ki-67 (%)")
        self.mitoses_box = number_box(self.mitoses, self.prefix, "mitoses_box",
                                       "or type mitoses")
        self.result: GradeResult | None = None
        self._line = None
        self._assemble([[self.ki67, self.ki67_box], [self.mitoses, self.mitoses_box],
                        [self.differentiation]])

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        return {"ki67": self.ki67, "mitoses": self.mitoses,
                "differentiation": self.differentiation}

    @property
    def mitoses_per_2mm2(self) -> float:
        """The mitotic count scaled to 2 mm² (the WHO 2019 unit)."""
        return mitoses_per_2mm2(self.mitoses.value, MITOSIS_COUNT_AREA_MM2)

    def _update(self) -> None:
        ki67 = round(self.ki67.value, 1)
        per_2mm2 = self.mitoses_per_2mm2
        self.result = who_grade(ki67, per_2mm2, self.differentiation.value)
        r = self.result
        self._line = self.view.scene(r.differentiation, lambda ax: draw_cutoff_line(ax, r))
        update_cutoff_line(self._line, r)
        self.view.refresh(
            f"Two number lines with the WHO 2019 cut-offs. Ki-67 {_pct(ki67)} falls in "
            f"{r.ki67_grade}; mitoses {per_2mm2:.1f} per 2 mm² fall in {r.mitotic_grade}. "
            f"{self._rule_text()}")
        self.readout.value = self._readout(ki67, per_2mm2)

    def _rule_text(self) -> str:
        r = self.result
        if r.differentiation == "poor":
            return (f"Poorly differentiated: {r.category}, not graded whatever the numbers.")
        if r.deciding_index == "both":
            return f"Both indices give {r.grade}: {r.category}."
        return (f"The indices disagree (Ki-67 {r.ki67_grade}, mitoses {r.mitotic_grade}): "
                f"the higher grade wins, {r.category}.")

    def _readout(self, ki67: float, per_2mm2: float) -> str:
        r = self.result
        items = "".join(f"<li>{_esc(line)}</li>" for line in r.explanation_lines)
        flags = "".join(f"<li>{_esc(flag)}</li>" for flag in r.flags)
        flag_block = (f'<p style="margin:6px 0 0;color:{CSS_TEXT}"><b>A pathologist would '
                      f'double-check:</b></p><ul style="margin:2px 0;padding-left:18px">'
                      f"{flags}</ul>") if flags else ""
        return (
            _headline("WHO 2019 category", r.category, "gepnet-grade-category")
            + f'<div style="color:{CSS_TEXT};margin:2px 0">Ki-67 {_pct(ki67)}: '
            f'<b class="gepnet-grade-ki67-grade">{_esc(r.ki67_grade)}</b> · mitoses '
            f"{self.mitoses.value} in {MITOSIS_COUNT_AREA_MM2:g} mm² = {per_2mm2:.1f} per 2 mm²: "
            f'<b class="gepnet-grade-mitotic-grade">{_esc(r.mitotic_grade)}</b>'
            + (" (bands only: NEC is not graded)" if r.differentiation == "poor" else "")
            + "</div>"
            + f'<div style="color:{CSS_TEXT};margin:4px 0;border-left:4px solid {CSS_HIGHLIGHT};'
            f'padding:2px 8px" class="gepnet-grade-rule">{_esc(self._rule_text())}</div>'
            + f'<ul style="margin:4px 0;padding-left:18px;color:{CSS_TEXT}">{items}</ul>'
            + flag_block
            + _who_table(r.category)
            + _small(_esc(GRADING_SOURCE))
            + (_small(_esc(f"Why {VERY_HIGH_KI67_PERCENT:g}%? {VERY_HIGH_KI67_REASON}"))
               + sources_html(VERY_HIGH_KI67_SOURCES) if r.ki67_percent is not None
               and r.ki67_percent > VERY_HIGH_KI67_PERCENT and r.differentiation == "well"
               else "")
            + sources_html(r.sources)
            + _small(_esc(WHO_2022_NOTE))
            + sources_html(WHO_2022_SOURCES, level="unverified")
        )


# --- counting lab -------------------------------------------------------------------------------


def _count_line(name: str, count: CountResult, css: str) -> str:
    enough = ("at least" if count.enough_cells else "fewer than") + f" {WHO_MIN_CELLS}"
    crosses = (" The interval reaches into another grade: the count cannot settle the grade."
               if count.ci_crosses_cutoff else "")
    return (
        f'<div style="margin:4px 0;color:{CSS_TEXT}"><b>{_esc(name)}</b>: '
        f"{count.n_positive} of {count.n_counted} cells positive "
        f'(<span class="{css}">{_pct(count.index)}</span>, Ki-67 {count.grade}); '
        f"95% interval {count.ci_low:.1f} to {count.ci_high:.1f}% ({enough} cells).{crosses}"
        "</div>"
    )


class CountingLab(_LessonExplorer):
    """Count Ki-67 on a synthetic slide: your own field beside the hot spot.

    Controls: ``slide`` (seed 0-20), ``across`` and ``down`` (position of your field, 0-100%),
    ``cells`` (nuclei counted in each field, 100-2000 in steps of 100). The button "Jump to a
    random field" moves your field to a random place (reproducible per slide). Default: slide 0,
    your field at 75% across and 30% down, 100 cells.
    """

    prefix = "ki67lab"

    def __init__(self, slide: int = 0, across: int = 75, down: int = 30,
                 cells: int = 100) -> None:
        super().__init__(9.6, 4.2, "Ki-67 counting lab: where you count, and how many cells")
        self.slide = _slider(widgets.IntSlider, self.prefix, "slide", "Slide (seed)",
                             width="300px", value=slide, min=0, max=20)
        self.across = _slider(widgets.IntSlider, self.prefix, "across",
                              "Your field: across (%)", width="340px", value=across, min=0,
                              max=100)
        self.down = _slider(widgets.IntSlider, self.prefix, "down", "Your field: down (%)",
                            width="340px", value=down, min=0, max=100)
        self.cells = _slider(widgets.IntSlider, self.prefix, "cells",
                             "Cells counted in each field", width="420px", value=cells,
                             min=100, max=2000, step=100)
        self.random_button = _button(self.prefix, "random", "Jump to a random field",
                                     "Move your field to a random place on this slide")
        self.random_button.on_click(self._jump)
        self.jumps = 0
        self.slide_data = make_slide(self.slide.value)
        self.hot: CountResult | None = None
        self.yours: CountResult | None = None
        self._field = None
        self._comparison = None
        self.cells_box = number_box(self.cells, self.prefix, "cells_box", "or type cells",
                                     step=1)
        self._assemble([[self.slide, self.cells, self.cells_box],
                        [self.across, self.down, self.random_button]])

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        return {"slide": self.slide, "across": self.across, "down": self.down,
                "cells": self.cells}

    def _jump(self, _button: widgets.Button | None = None) -> None:
        across, down = random_field_centre(self.slide_data, self.jumps)
        self.jumps += 1
        with self.quietly():
            self.across.value = round(100 * across)
            self.down.value = round(100 * down)
        self.refresh()

    def _update(self) -> None:
        new_slide = self.slide_data.seed != self.slide.value
        if new_slide:
            self.slide_data = make_slide(self.slide.value)
            self.jumps = 0
        slide, n = self.slide_data, self.cells.value
        self.hot = count_hot_spot(slide, n)
        self.yours = count_cells(slide, self.across.value / 100, self.down.value / 100, n)
        if self._field is None:
            figure = self.view.figure
            self._axes = (figure.add_axes((0.005, 0.02, 0.6, 0.96)),
                          figure.add_axes((0.715, 0.03, 0.275, 0.9)))
            self._field = draw_field(self._axes[0], slide, self.hot, self.yours)
            self._comparison = draw_count_comparison(self._axes[1], self.hot, self.yours)
            self.view.redraw_all([*self._field.changing, *self._comparison.changing])
        elif new_slide:
            change_slide(self._field, slide, self.hot, self.yours)
            update_count_comparison(self._comparison, self.hot, self.yours)
            self.view.redraw_axes(self._axes[0],
                                  [*self._field.changing, *self._comparison.changing])
        else:
            update_field(self._field, slide, self.hot, self.yours)
            update_count_comparison(self._comparison, self.hot, self.yours)
        h, y = self.hot, self.yours
        self.view.refresh(
            f"Synthetic Ki-67 slide {slide.seed} with brown positive and blue negative nuclei. "
            f"Hot spot: {h.n_positive} of {h.n_counted} cells positive, {_pct(h.index)} "
            f"(95% interval {h.ci_low:.1f} to {h.ci_high:.1f}%), {h.grade}. Your field at "
            f"{self.across.value}% across and {self.down.value}% down: {y.n_positive} of "
            f"{y.n_counted} positive, {_pct(y.index)} (95% interval {y.ci_low:.1f} to "
            f"{y.ci_high:.1f}%), {y.grade}.")
        self.readout.value = self._readout()

    def _readout(self) -> str:
        h, y, slide = self.hot, self.yours, self.slide_data
        outside = h.n_counted - h.n_in_hot_spot
        spill = (f" {outside} of the {h.n_counted} cells counted around the hot spot lie "
                 "outside it, in quieter tissue, and pull the reading down."
                 if outside > 0 else "")
        return (
            _headline("Hot spot", f"{_pct(h.index)} ({h.grade})", "gepnet-ki67lab-hot")
            + _headline("Your field", f"{_pct(y.index)} ({y.grade})", "gepnet-ki67lab-yours")
            + _count_line("Hot spot", h, "gepnet-ki67lab-hot-index")
            + _count_line("Your field", y, "gepnet-ki67lab-yours-index")
            + f'<p style="color:{CSS_TEXT};margin:6px 0 0">Because this slide is made up, we know '
            f"the truth: the hot spot was made with a true index of {_pct(slide.hot_index)}, "
            f"the quiet areas with {_pct(slide.quiet_index)}. The area you counted has a true "
            f"index of {_pct(y.true_index)}; the hot-spot area {_pct(h.true_index)}.{spill}</p>"
            + _small(f"WHO 2019: Ki-67 is counted in the hot spot, on at least {WHO_MIN_CELLS} "
                     "tumour cells. 95% interval: Wilson score interval. Synthetic slide, not a "
                     "patient's.")
            + sources_html((*GRADING_SOURCES, "WILSON1927"))
        )


# --- scatter simulation -------------------------------------------------------------------------


class ScatterSimulation(_LessonExplorer):
    """Count the same tumour again and again with 100, 500 and 2000 cells: how far do reads scatter?

    Controls: ``true_index`` (0.5-40%, steps of 0.5), ``repeats`` (100-5000 readings per row),
    ``seed`` (simulation run 0-99; the "Run again" button moves to the next run). Default: a
    true 18.0% (G2) tumour, 1000 repeats, run 0.
    """

    prefix = "scatter"

    def __init__(self, true_index: float = 18.0, repeats: int = 1000, seed: int = 0) -> None:
        super().__init__(7.6, 3.8, "Sampling scatter: why count at least 500 cells?")
        self.true_index = _slider(widgets.FloatSlider, self.prefix, "true_index",
                                  "True Ki-67 index of the tumour (%)", value=true_index,
                                  min=0.5, max=40.0, step=0.5, readout_format=".1f")
        self.repeats = _slider(widgets.IntSlider, self.prefix, "repeats",
                               "Repeated counts per row", value=repeats, min=100, max=5000,
                               step=100)
        self.seed = _slider(widgets.IntSlider, self.prefix, "seed", "Simulation run",
                            width="300px", value=seed, min=0, max=99)
        self.rerun_button = _button(self.prefix, "rerun", "Run again",
                                    "Repeat the simulation with new random counts")
        self.rerun_button.on_click(self._rerun)
        self.result: ScatterResult | None = None
        self._strips = None
        self._assemble([[self.true_index, self.repeats], [self.seed, self.rerun_button]])

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        return {"true_index": self.true_index, "repeats": self.repeats, "seed": self.seed}

    def _rerun(self, _button: widgets.Button | None = None) -> None:
        self.seed.value = (self.seed.value + 1) % (self.seed.max + 1)

    def _update(self) -> None:
        true = round(self.true_index.value, 1)
        self.result = simulate_scatter(true, DEFAULT_CELL_COUNTS, self.repeats.value,
                                       self.seed.value)
        r = self.result
        if self._strips is None:
            ax = self.view.figure.add_axes((0.15, 0.13, 0.83, 0.85))
            self._strips = draw_scatter(ax, r)
            self.view.redraw_all(self._strips.changing)
        else:
            update_scatter(self._strips, r)
        rows = "; ".join(
            f"{row.n_cells} cells: middle 95% {row.low:.1f} to {row.high:.1f}%, another grade "
            f"{share_text(row.misgraded(r.true_grade))}" for row in r.rows)
        self.view.refresh(
            f"Strips of {r.repeats} simulated readings each for a tumour with a true Ki-67 index "
            f"of {_pct(true)} ({r.true_grade}), with the 3% and 20% cut-offs. {rows}.")
        self.readout.value = self._readout()

    def _readout(self) -> str:
        r = self.result
        head = "".join(f"<th style='padding:2px 6px'>read as {g}</th>" for g in GRADES)
        body = []
        for row in r.rows:
            cells = "".join(
                f"<td style='padding:2px 6px;text-align:right'>{share_text(row.share[g])}"
                f"<br><span style='color:{CSS_MUTED};font-size:0.85em'>exact "
                f"{share_text(row.expected[g])}</span></td>" for g in GRADES)
            body.append(
                f"<tr class='gepnet-scatter-row-{row.n_cells}'><td style='padding:2px 6px'>"
                f"<b>{row.n_cells}</b></td><td style='padding:2px 6px'>{row.low:.1f} to "
                f"{row.high:.1f}%<br><span style='color:{CSS_MUTED};font-size:0.85em'>width "
                f"{row.width:.1f} points</span></td>{cells}</tr>")
        other = [g for g in GRADES if g != r.true_grade]
        misread = ", ".join(
            f"{share_text(row.misgraded(r.true_grade))} with {row.n_cells} cells"
            for row in r.rows)
        return (
            _headline("True index", f"{_pct(r.true_index)} ({r.true_grade})",
                      "gepnet-scatter-true")
            + f'<p style="color:{CSS_TEXT};margin:4px 0" class="gepnet-scatter-summary">Read as '
            f"{' or '.join(other)} (another grade): {misread}.</p>"
            + f'<table style="border-collapse:collapse;font-size:0.9em;color:{CSS_TEXT}">'
            "<tr><th style='padding:2px 6px'>cells</th><th style='padding:2px 6px'>middle 95% "
            f"of reads</th>{head}</tr>{''.join(body)}</table>"
            + _small(f"{r.repeats} simulated counts per row, run {r.seed}. 'Exact' is the "
                     "binomial probability. " + _esc(SIMULATION_NOTE)
                     + f" WHO 2019 asks for at least {WHO_MIN_CELLS} cells. "
                     + _esc(HAND_COUNT_NOTE))
            + sources_html((*GRADING_SOURCES, *HAND_COUNT_SOURCES))
        )


# --- differentiation table ----------------------------------------------------------------------

#: The six tumours of the table: (differentiation, Ki-67 %, mitoses per 2 mm²). Inputs only;
#: the answers come from :func:`who_grade`.
TABLE_CASES: tuple[tuple[str, float, float], ...] = (
    ("well", 1.0, 0.4),
    ("well", 3.0, 1.0),
    ("well", 25.0, 22.0),
    ("poor", 25.0, 22.0),
    ("well", 8.0, 24.0),
    ("poor", 70.0, 40.0),
)
_CATEGORIES = tuple(row.category for row in WHO_2019_TABLE)
#: Why NET G3 vs NEC matters for staging, for lesson 4 (no "these chapters": no staging tool is
#: on screen). The Version 9 note (the course default) with its edition named, then the 8th
#: edition's ambiguous scope (fact base 1.7, 8.7).
_V9_SCOPE = SCOPE_NOTES["ajcc9"]
STAGING_SCOPE_NOTE: str = (
    "The NET chapters of AJCC Version 9 (the course's default staging edition) "
    + _V9_SCOPE.removeprefix("These AJCC Version 9 chapters ")
    + " Whether the NET chapters of the AJCC 8th edition include NET G3 is worded ambiguously "
    "(sources differ)."
)
#: Source keys of :data:`STAGING_SCOPE_NOTE`: the Version 9 review and pancreas protocol, and
#: the PathologyOutlines staging pages.
STAGING_SCOPE_SOURCES: tuple[str, ...] = ("S5", "S6", "S3")

_NEC_NOTE = next(row.note for row in WHO_2019_TABLE if row.grade is None)


def _case_text(differentiation: str, ki67: float, mitoses: float) -> str:
    return (f"{MORPHOLOGY[differentiation].title}; Ki-67 {_pct(ki67)}; "
            f"{mitoses:.1f} mitoses per 2 mm²")


def _scheme_note(answer: GradeResult) -> str:
    """What WHO 2010 would have called this row's tumour (NEC G3 through a Ki-67 above 20% or
    more than 20 mitoses per 10 high-power fields, taken as 2 mm²), and what it is called now
    (from the scheme-change table), for NET G3 and NEC rows."""
    aspect = {"NET G3": 0, "NEC": 1}.get(answer.category)
    if aspect is None or answer.ki67_percent is None or answer.mitoses_per_2mm2 is None:
        return ""
    then = who_2010_reading(answer.ki67_percent, answer.mitoses_per_2mm2)
    return (f" WHO 2010: {then.verdict}, because {then.reason}. "
            f"Now: {WHO_SCHEME_CHANGES[aspect].who_2017_2019}.")


def _on_cutoff(value: float, cutoffs: tuple[float, float]) -> float | None:
    """The cut-off ``value`` sits exactly on, if any (a value the learner may misplace)."""
    return next((c for c in cutoffs if value == c), None)


def _band_table() -> str:
    """The WHO 2019 bands of the graded rows, as printed (``Ki-67 <3% / 3-20% / >20%``)."""
    graded = [row for row in WHO_2019_TABLE if row.grade is not None]
    return (f"Ki-67 {' / '.join(r.ki67.text for r in graded)}; mitoses "
            f"{' / '.join(r.mitoses.text for r in graded)} per 2 mm²")


def row_hint(chosen: str, answer: GradeResult) -> str:
    """A hint for a wrong row that points to the idea without naming the answer.

    Built only from the case's own inputs and the WHO 2019 table (:func:`who_grade`'s result
    and :data:`WHO_2019_TABLE`): no clinical statement of its own.

    Parameters
    ----------
    chosen : str
        The learner's (wrong) category.
    answer : GradeResult
        The right result for the row.

    Returns
    -------
    str
        One or two questions in plain words; the answer's category never appears in it.
    """
    look = _ADVERB[answer.differentiation] + " differentiated"
    if (chosen == "NEC") != (answer.differentiation == "poor"):
        if answer.differentiation == "poor":
            return (f"Look at differentiation first: this tumour is {look}. Does its Ki-67 or "
                    "mitotic count decide its name at all?")
        return (f"Look at differentiation first: this tumour is {look}. Which names does the "
                "WHO table give a tumour that looks like this?")
    hints = []
    ki67_edge = _on_cutoff(answer.ki67_percent, KI67_CUTOFFS)
    mitoses_edge = _on_cutoff(answer.mitoses_per_2mm2, MITOSIS_CUTOFFS)
    if ki67_edge is not None:
        hints.append(f"Which band is exactly {ki67_edge:g}%? Check whether each band includes "
                     "its ends.")
    if mitoses_edge is not None:
        hints.append(f"Which band is exactly {mitoses_edge:g} mitoses per 2 mm²? Check whether "
                     "each band includes its ends.")
    if answer.deciding_index not in (None, "both"):
        hints.append("The Ki-67 index and the mitotic count fall in different bands: which rule "
                     "decides when they disagree (section 4)?")
    if not hints:
        hints.append(f"Place each index in the WHO 2019 bands ({_band_table()}).")
    return " ".join(hints)


class DifferentiationTable(_LessonExplorer):
    """Name six tumours (NET G1, G2, G3 or NEC), then press Check; feedback from ``who_grade``.

    Controls: ``case1`` ... ``case6`` (dropdowns: Choose…, NET G1, NET G2, NET G3, NEC), the
    "Check my table" button and the "Show the answers" button. The drawing shows the two
    differentiations side by side.

    Feedback comes in two steps. A check with wrong rows marks them and gives a hint for each
    (:func:`row_hint`, never the answer); right rows say so with their reason. The answers, with
    their explanations, appear on the next check, when every row is right, or when the learner
    presses "Show the answers". Until then feedback belongs to the last check: a row changed
    since then asks to be checked again (cycling through the options gives nothing away).
    """

    prefix = "difftable"

    def __init__(self) -> None:
        super().__init__(8.0, 4.6, "Differentiation vs grade: fill in the table")
        options = [(_CHOOSE, None), *((c, c) for c in _CATEGORIES)]
        self.cases = TABLE_CASES
        self.answers = tuple(who_grade(k, m, d) for d, k, m in self.cases)
        self.choices = []
        self.feedback = []
        rows = []
        for i, case in enumerate(self.cases, start=1):
            text = widgets.HTML(f'<span style="color:{CSS_TEXT}"><b>{i}.</b> '
                                f"{_esc(_case_text(*case))}</span>",
                                layout=widgets.Layout(width="430px"))
            choice = labelled(widgets.Dropdown(options=options, value=None,
                                               description=f"Tumour {i} is",
                                               layout=widgets.Layout(width="210px")),
                              self.prefix, f"case{i}")
            note = widgets.HTML(layout=widgets.Layout(flex="1 1 300px"))
            note.add_class(f"gepnet-{self.prefix}-feedback{i}")
            self.choices.append(choice)
            self.feedback.append(note)
            rows.append([text, choice, note])
        self.check_button = _button(self.prefix, "check", "Check my table",
                                    "Check every answer: wrong rows get a hint first")
        self.check_button.on_click(self._check)
        self.show_button = _button(self.prefix, "show", "Show the answers",
                                   "Show every answer with its explanation")
        self.show_button.on_click(self._show)
        #: The choices as they were at the last check (``None``: never checked).
        self.checked_values: tuple[str | None, ...] | None = None
        #: Whether a check has found a wrong row (the next check shows the answers).
        self.hinted = False
        #: Whether the answers are on screen.
        self.revealed = False
        self._drawn = False
        self._assemble([*rows, [self.check_button, self.show_button]])

    @property
    def checked(self) -> bool:
        """Whether the table has been checked (or its answers shown) at least once."""
        return self.checked_values is not None or self.revealed

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        return {f"case{i}": choice for i, choice in enumerate(self.choices, start=1)}

    @property
    def score(self) -> int:
        """How many rows are answered correctly."""
        return sum(c.value == a.category for c, a in zip(self.choices, self.answers, strict=True))

    def _wrong(self, values: tuple[str | None, ...]) -> list[int]:
        """Row numbers (from 1) answered but not right."""
        return [i for i, (v, a) in enumerate(zip(values, self.answers, strict=True), start=1)
                if v is not None and v != a.category]

    def _check(self, _button: widgets.Button | None = None) -> None:
        values = tuple(c.value for c in self.choices)
        if self.hinted or self.score == len(self.answers):
            self.revealed = True
        elif self._wrong(values):
            self.hinted = True
        self.checked_values = values
        self.refresh()

    def _show(self, _button: widgets.Button | None = None) -> None:
        self.revealed = True
        self.checked_values = tuple(c.value for c in self.choices)
        self.refresh()

    def _update(self) -> None:
        if not self._drawn:
            ax = self.view.figure.add_axes((0.01, 0.01, 0.98, 0.98))
            draw_differentiation(ax, tissue_pattern("well"), tissue_pattern("poor"))
            self.view.redraw_all([])
            well, poor = MORPHOLOGY["well"], MORPHOLOGY["poor"]
            self.view.refresh(
                f"Schematic drawings. Left, {well.title.lower()} ({well.categories}): "
                f"{'; '.join(well.features)}. Right, {poor.title.lower()} ({poor.categories}): "
                f"{'; '.join(poor.features)}.")
            self._drawn = True
        for i, (choice, answer, note) in enumerate(
                zip(self.choices, self.answers, self.feedback, strict=True)):
            note.value = self._row_note(i, choice.value, answer)
        # Disabled (no focus stop) while the answers are on screen.
        self.show_button.disabled = self.revealed
        self.readout.value = self._readout()

    def _row_note(self, i: int, chosen: str | None, answer: GradeResult) -> str:
        if self.revealed:
            return self._row_feedback(chosen, answer)
        if self.checked_values is None:
            return ""
        if chosen != self.checked_values[i]:
            return (f'<span style="color:{CSS_MUTED}">Changed since your check: press '
                    "<b>Check my table</b> again.</span>")
        if chosen is not None and chosen != answer.category:
            return self._box(CSS_HIGHLIGHT, "Not yet.", row_hint(chosen, answer),
                             f"gepnet-{self.prefix}-hint")
        return self._row_feedback(chosen, answer)

    @staticmethod
    def _box(colour: str, word: str, text: str, css: str = "") -> str:
        cls = f' class="{css}"' if css else ""
        return (f'<div{cls} style="color:{CSS_TEXT};border-left:4px solid {colour};'
                f'padding:0 6px;font-size:0.9em"><b>{_esc(word)}</b> {_esc(text)}</div>')

    def _row_feedback(self, chosen: str | None, answer: GradeResult) -> str:
        """The answer with its reason (right rows, and every row once answers are shown)."""
        if chosen is None and not self.revealed:
            return f'<span style="color:{CSS_MUTED}">Choose an answer first.</span>'
        right = chosen == answer.category
        if right:
            word = "Correct."
        elif chosen is None:
            word = f"The answer: {answer.category}."
        else:
            word = f"Not quite: it is {answer.category}."
        lines = answer.explanation_lines
        why = lines[:1] if answer.differentiation == "poor" else (lines[0], lines[-2])
        return self._box(CSS_CORRECT if right else CSS_HIGHLIGHT, word,
                         f"{'. '.join(why)}.{_scheme_note(answer)}")

    def _readout(self) -> str:
        answered = sum(c.value is not None for c in self.choices)
        total = len(self.choices)
        footer = (_small("Each tumour is graded with the WHO 2019 rules; the drawing is a "
                         "schematic of the two looks, not a micrograph.")
                  + sources_html((*GRADING_SOURCES, "KLIMSTRA2010")))
        if not self.checked:
            status = f"{answered} of {total} answered. Press <b>Check my table</b> when ready."
            return (f'<div style="color:{CSS_TEXT}" class="gepnet-difftable-status">{status}</div>'
                    + footer)
        if not self.revealed:
            values = self.checked_values
            right = sum(v == a.category for v, a in zip(values, self.answers, strict=True))
            wrong = self._wrong(values)
            rows = ", ".join(str(i) for i in wrong)
            status = (
                (f"Not yet right: row{'s' if len(wrong) > 1 else ''} {rows}. Read the hint "
                 "beside each, change your answers and press <b>Check my table</b> again: that "
                 "check shows the answers. Or press <b>Show the answers</b> now.")
                if wrong else
                "Nothing wrong so far. Answer every row and press <b>Check my table</b> again.")
            return (_headline("Score", f"{right} of {total} correct", "gepnet-difftable-score")
                    + f'<p style="color:{CSS_TEXT};margin:6px 0" '
                    f'class="gepnet-difftable-status">{status}</p>'
                    + footer)
        changes = "".join(
            f"<tr><td style='padding:2px 6px'>{_esc(c.aspect)}</td><td style='padding:2px 6px'>"
            f"{_esc(c.who_2010)}</td><td style='padding:2px 6px'>{_esc(c.who_2017_2019)}</td>"
            "</tr>" for c in WHO_SCHEME_CHANGES[:2])
        return (
            _headline("Score", f"{self.score} of {total} correct", "gepnet-difftable-score")
            + f'<p style="color:{CSS_TEXT};margin:6px 0">{_esc(_NEC_NOTE)}</p>'
            + f'<p style="color:{CSS_TEXT};margin:6px 0">{_esc(MALIGNANCY_NOTE)}</p>'
            + f'<p style="color:{CSS_TEXT};margin:6px 0">{_esc(NEC_TYPES_NOTE)}</p>'
            + sources_html((*GRADING_SOURCES, *MALIGNANCY_SOURCES, *NEC_TYPES_SOURCES))
            + f'<table style="border-collapse:collapse;font-size:0.88em;color:{CSS_TEXT}">'
            "<caption style='text-align:left'>What changed from WHO 2010 to WHO 2017/2019"
            "</caption><tr><th style='text-align:left'>Aspect</th>"
            "<th style='text-align:left'>WHO 2010</th>"
            f"<th style='text-align:left'>WHO 2017/2019</th></tr>{changes}</table>"
            + sources_html((*dict.fromkeys(k for c in WHO_SCHEME_CHANGES[:2] for k in c.sources),
                            "S13"))  # S13: 10 HPF taken as 2 mm² (the row notes)
            + f'<p style="color:{CSS_TEXT};margin:6px 0"><b>Why it matters:</b> '
            f"{_esc(STAGING_SCOPE_NOTE)}</p>"
            + sources_html(STAGING_SCOPE_SOURCES)
        )
