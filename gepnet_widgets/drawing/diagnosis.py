"""Drawings for the diagnosis lesson: the test matrix, the work-up plan, the marker pitfalls.

Every ``draw_*`` function takes a matplotlib Axes, draws the parts that never change (labels,
cell symbols) once, and returns an object whose ``changing`` list holds only frames and markers,
so updates blit quickly. The answer levels are shown by shape as well as colour: a filled circle
for *yes*, a half-filled circle for *partly*, a cross or a dash for *no*. Nothing here calls
``plt.show`` or imports pyplot or ipywidgets; every word comes from
:mod:`gepnet_widgets.diagnosis`.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from ..diagnosis import (
    CONDITIONS,
    INTERFERENCES,
    LEVELS,
    MARKERS,
    QUESTIONS,
    TESTS,
    Scenario,
    cell,
)
from ..style import HIGHLIGHT, MUTED, OKABE_ITO, TEXT
from ._restyle import restyle

__all__ = [
    "LEVEL_STYLE",
    "MatrixArtists",
    "draw_matrix",
    "update_matrix",
    "PlanArtists",
    "draw_plan",
    "update_plan",
    "PitfallArtists",
    "draw_pitfalls",
    "update_pitfalls",
]

#: Marker style of each answer level: (marker, fill style, colour, size, legend word).
LEVEL_STYLE: dict[str, tuple[str, str, str, float, str]] = {
    "yes": ("o", "full", OKABE_ITO["bluish_green"], 11.0, "yes"),
    "partly": ("o", "left", OKABE_ITO["orange"], 11.0, "partly"),
    "no": ("_", "full", MUTED, 10.0, "no"),
}
_PICK_NO = ("X", "full", OKABE_ITO["vermillion"], 11.0, "does not help")
_PICK_STYLE = {"yes": (*LEVEL_STYLE["yes"][:4], "answers it"),
               "partly": (*LEVEL_STYLE["partly"][:4], "helps partly"), "no": _PICK_NO}
_LABEL_W = 4.2  # width of the row-label column (data units)
_COL_W = 1.25


def _symbol(ax: Axes, x: float, y: float, level: str, animated_style=None) -> Line2D:
    marker, fill, colour, size, _word = animated_style or LEVEL_STYLE[level]
    (line,) = ax.plot([x], [y], linestyle="none", marker=marker, fillstyle=fill,
                      markersize=size, markeredgewidth=1.2, color=colour,
                      markerfacecoloralt="#FFFFFF", zorder=3)
    _edge(line, marker)
    return line


def _edge(line: Line2D, marker: str) -> None:
    """Dark edges on filled shapes, so each symbol has 3:1 contrast on white (WCAG 1.4.11)."""
    if marker in ("o", "^", "X"):
        restyle(line, markeredgecolor=TEXT)


def _set_symbol(line: Line2D, style) -> None:
    marker, fill, colour, size, _word = style
    restyle(line, marker=marker, fillstyle=fill, color=colour, markersize=size)
    _edge(line, marker)


def _legend(ax: Axes, x: float, y: float, items) -> None:
    for i, style in enumerate(items):
        _symbol(ax, x + i * 2.3, y, "", style)
        ax.text(x + i * 2.3 + 0.3, y, style[4], va="center", fontsize=8.5, color=TEXT)


# --- the matrix -------------------------------------------------------------------------------


@dataclass
class MatrixArtists:
    """The frames of the matrix drawing: the chosen row, column and cell."""

    tests: tuple[str, ...]
    questions: tuple[str, ...]
    row: Rectangle
    column: Rectangle
    cell: Rectangle

    @property
    def changing(self) -> list:
        """The artists that :func:`update_matrix` changes."""
        return [self.row, self.column, self.cell]


def _col_x(j: int) -> float:
    return _LABEL_W + j * _COL_W


def draw_matrix(ax: Axes, test_id: str, question_id: str) -> MatrixArtists:
    """Draw every test (rows) against every question (columns), with a symbol per answer."""
    ax.clear()
    tests, questions = tuple(TESTS), tuple(QUESTIONS)
    for i, t in enumerate(tests):
        y = -i - 0.5
        if i % 2 == 0:
            ax.add_patch(Rectangle((0, -i - 1), _col_x(len(questions)), 1,
                                   facecolor="#F4F4F4", edgecolor="none", zorder=0))
        ax.text(0.1, y, TESTS[t].short, va="center", fontsize=9, color=TEXT)
        for j, q in enumerate(questions):
            c = cell(t, q)
            _symbol(ax, _col_x(j) + _COL_W / 2, y, c.level)
            if c.unverified:
                ax.text(_col_x(j) + _COL_W / 2 + 0.28, y + 0.15, "?", fontsize=8, color=TEXT)
    for j, q in enumerate(questions):
        label = textwrap.fill(QUESTIONS[q].label, 10)
        ax.text(_col_x(j) + _COL_W / 2, 0.15, label, ha="center", va="bottom", fontsize=8,
                color=TEXT)
    _legend(ax, 0.1, -len(tests) - 0.8, [LEVEL_STYLE[level] for level in LEVELS])
    if any(cell(t, q).unverified for t in tests for q in questions):
        ax.text(7.3, -len(tests) - 0.8, "? = not yet checked against the original",
                va="center", fontsize=8.5, color=MUTED)
    width = _col_x(len(questions))
    row = Rectangle((0, -1), width, 1, fill=False, edgecolor=HIGHLIGHT, linewidth=1.6,
                    zorder=4)
    column = Rectangle((_LABEL_W, -len(tests)), _COL_W, len(tests), fill=False,
                       edgecolor=HIGHLIGHT, linewidth=1.6, zorder=4)
    frame = Rectangle((_LABEL_W, -1), _COL_W, 1, fill=False, edgecolor=HIGHLIGHT,
                      linewidth=3.5, zorder=5)
    for patch in (row, column, frame):
        ax.add_patch(patch)
    ax.set_xlim(-0.05, width + 0.05)
    ax.set_ylim(-len(tests) - 1.3, 1.45)
    ax.set_axis_off()
    artists = MatrixArtists(tests, questions, row, column, frame)
    update_matrix(artists, test_id, question_id)
    return artists


def update_matrix(artists: MatrixArtists, test_id: str, question_id: str) -> None:
    """Frame the row of ``test_id``, the column of ``question_id`` and their cell."""
    i, j = artists.tests.index(test_id), artists.questions.index(question_id)
    artists.row.set_y(-i - 1)
    artists.column.set_x(_col_x(j))
    artists.cell.set_xy((_col_x(j), -i - 1))


# --- the work-up plan -------------------------------------------------------------------------


@dataclass
class PlanArtists:
    """One verdict symbol per test (shown only when picked)."""

    tests: tuple[str, ...]
    symbols: dict[str, Line2D]
    frames: dict[str, Rectangle]

    @property
    def changing(self) -> list:
        """The artists that :func:`update_plan` changes."""
        return [*self.symbols.values(), *self.frames.values()]

    def shown(self) -> dict[str, str]:
        """The legend word of each visible verdict symbol, by test id (for tests)."""
        return {t: s.get_gid() for t, s in self.symbols.items() if s.get_visible()}


_PLAN_X = 5.0


def draw_plan(ax: Axes, scenario: Scenario, picks: set[str]) -> PlanArtists:
    """Draw the tests as a checklist; a symbol beside each picked test gives its verdict."""
    ax.clear()
    tests = tuple(TESTS)
    symbols, frames = {}, {}
    for i, t in enumerate(tests):
        y = -i - 0.5
        ax.text(0.1, y, TESTS[t].short, va="center", fontsize=9, color=TEXT)
        frame = Rectangle((0, -i - 0.95), _PLAN_X + 0.6, 0.9, fill=False, edgecolor=HIGHLIGHT,
                          linewidth=1.8, zorder=2)
        ax.add_patch(frame)
        frames[t] = frame
        symbols[t] = _symbol(ax, _PLAN_X, y, "yes")
    ax.text(_PLAN_X, 0.2, "your pick", ha="center", va="bottom", fontsize=8.5, color=MUTED)
    ax.text(0.1, 0.2, "Test", va="bottom", fontsize=9, fontweight="bold", color=TEXT)
    items = list(_PICK_STYLE.values())
    for k, style in enumerate(items):
        y = -2.0 - k * 1.2
        _symbol(ax, 6.3, y, "", style)
        ax.text(6.65, y, style[4], va="center", fontsize=8.5, color=TEXT)
    ax.text(6.1, -0.9, "Verdict", va="center", fontsize=9, fontweight="bold", color=TEXT)
    ax.set_xlim(-0.05, 8.6)
    ax.set_ylim(-len(tests) - 0.2, 0.9)
    ax.set_axis_off()
    artists = PlanArtists(tests, symbols, frames)
    update_plan(artists, scenario, picks)
    return artists


def update_plan(artists: PlanArtists, scenario: Scenario, picks: set[str]) -> None:
    """Show the verdict symbol and a frame beside every picked test; hide the others."""
    for t in artists.tests:
        picked = t in picks
        level = scenario.verdict(t).level
        style = _PICK_STYLE[level]
        _set_symbol(artists.symbols[t], style)
        artists.symbols[t].set_gid(style[4])
        artists.symbols[t].set_visible(picked)
        artists.frames[t].set_visible(picked)


# --- marker pitfalls --------------------------------------------------------------------------

_PIT_LABEL_W = 4.6
_PIT_COL_W = 1.7


@dataclass
class PitfallArtists:
    """Frames for the chosen marker's column, the ticked conditions' rows and their cells."""

    markers: tuple[str, ...]
    conditions: tuple[str, ...]
    column: Rectangle
    rows: dict[str, Rectangle]
    cells: dict[str, Rectangle]

    @property
    def changing(self) -> list:
        """The artists that :func:`update_pitfalls` changes."""
        return [self.column, *self.rows.values(), *self.cells.values()]


def draw_pitfalls(ax: Axes, marker_id: str, ticked: set[str]) -> PitfallArtists:
    """Draw which patient conditions falsely raise which marker (a triangle where they do)."""
    ax.clear()
    markers, conditions = tuple(MARKERS), tuple(CONDITIONS)
    raises = (OKABE_ITO["vermillion"], "^")
    for i, c in enumerate(conditions):
        y = -i - 0.5
        if i % 2 == 0:
            ax.add_patch(Rectangle((0, -i - 1), _PIT_LABEL_W + len(markers) * _PIT_COL_W, 1,
                                   facecolor="#F4F4F4", edgecolor="none", zorder=0))
        ax.text(0.1, y, CONDITIONS[c].short, va="center", fontsize=9, color=TEXT)
        for j, m in enumerate(markers):
            if (m, c) in INTERFERENCES:
                ax.plot([_PIT_LABEL_W + (j + 0.5) * _PIT_COL_W], [y], linestyle="none",
                        marker=raises[1], markersize=10, color=raises[0],
                        markeredgecolor=TEXT, zorder=3)
    for j, m in enumerate(markers):
        ax.text(_PIT_LABEL_W + (j + 0.5) * _PIT_COL_W, 0.15,
                textwrap.fill(MARKERS[m].short, 12), ha="center", va="bottom", fontsize=8.5,
                color=TEXT, fontweight="bold")
    n = len(conditions)
    ax.plot([0.3], [-n - 0.7], linestyle="none", marker=raises[1], markersize=10,
            color=raises[0], markeredgecolor=TEXT)
    ax.text(0.6, -n - 0.7, "can raise the marker falsely", va="center", fontsize=8.5,
            color=TEXT)
    column = Rectangle((_PIT_LABEL_W, -n), _PIT_COL_W, n, fill=False, edgecolor=HIGHLIGHT,
                       linewidth=2.0, zorder=4)
    ax.add_patch(column)
    rows, cells = {}, {}
    for i, c in enumerate(conditions):
        row = Rectangle((0, -i - 1), _PIT_LABEL_W + len(markers) * _PIT_COL_W, 1, fill=False,
                        edgecolor=MUTED, linewidth=1.2, linestyle="--", zorder=4)
        cell_frame = Rectangle((_PIT_LABEL_W, -i - 1), _PIT_COL_W, 1, fill=False,
                               edgecolor=HIGHLIGHT, linewidth=3.5, zorder=5)
        ax.add_patch(row)
        ax.add_patch(cell_frame)
        rows[c], cells[c] = row, cell_frame
    ax.set_xlim(-0.05, _PIT_LABEL_W + len(markers) * _PIT_COL_W + 0.25)
    ax.set_ylim(-n - 1.2, 1.3)
    ax.set_axis_off()
    artists = PitfallArtists(markers, conditions, column, rows, cells)
    update_pitfalls(artists, marker_id, ticked)
    return artists


def update_pitfalls(artists: PitfallArtists, marker_id: str, ticked: set[str]) -> None:
    """Frame the marker's column and each ticked condition; a thick frame where it interferes."""
    j = artists.markers.index(marker_id)
    x = _PIT_LABEL_W + j * _PIT_COL_W
    artists.column.set_x(x)
    for c in artists.conditions:
        artists.rows[c].set_visible(c in ticked)
        artists.cells[c].set_x(x)
        artists.cells[c].set_visible(c in ticked and (marker_id, c) in INTERFERENCES)
