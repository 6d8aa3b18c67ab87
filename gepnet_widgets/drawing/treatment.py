"""Drawings for the treatment lesson: the treatment map, "how it works" scenes, the forest plot of
trials, and the tiles of categories guidelines discuss.

Each ``draw_*`` function takes a matplotlib Axes, draws on it, and returns a small object holding
the artists that change (``.changing``), so an ``update_*`` function can restyle them and the
figure view can blit them. Nothing here calls ``plt.show`` or imports pyplot or ipywidgets, and
no clinical fact is written here: labels and numbers come from :mod:`gepnet_widgets.treatment`.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field

from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Ellipse, FancyBboxPatch, Polygon, Rectangle
from matplotlib.text import Annotation, Text

from ..style import HIGHLIGHT, MUTED, OKABE_ITO, TEXT
from ..treatment import (
    CATEGORIES,
    GOALS,
    MECHANISM_FAMILIES,
    MEMBERS,
    RECEPTOR_MECHANISMS,
    Trial,
)
from ._restyle import restyle

__all__ = [
    "MapArtists",
    "draw_treatment_map",
    "update_treatment_map",
    "CellScene",
    "LiverScene",
    "draw_mechanism_scene",
    "update_mechanism_scene",
    "mechanism_state",
    "ForestArtists",
    "draw_forest",
    "update_forest",
    "forest_x",
    "short_comparison",
    "TileArtists",
    "draw_tiles",
    "update_tiles",
]

#: Pale fills (dark text on each has contrast well above 4.5:1).
_DISCUSSED_FILL = "#D8F0E7"
_CELL_FILL = "#FFF6E8"
_TUMOUR_FILL = "#FBE3C4"
_LIVER_FILL = "#F4E4D8"
_BLOOD_FILL = "#FCE8E4"


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width))


# --------------------------------------------------------------------------------------------
# Treatment map: mechanism families (rows) x goals (columns)
# --------------------------------------------------------------------------------------------


@dataclass
class MapArtists:
    """Per placement (member, goal): a box restyled to show filters and the chosen pair.

    The names themselves are static (drawn once, dark text); only the boxes and the two
    "A"/"B" tags change, so an update draws no text.
    """

    boxes: dict[tuple[str, str], Rectangle]
    tag_a: Line2D
    tag_b: Line2D

    @property
    def changing(self) -> list:
        """The artists that :func:`update_treatment_map` restyles or moves."""
        return [*self.boxes.values(), self.tag_a, self.tag_b]


_LINE = 0.32  # height of one name in map units
_MAP_LEFT = 3.3  # width of the family-label column
_COL_W = 2.2  # width of a goal column
_BOX_W = 2.05  # width of a name's box
_LABEL_CHARS = 26  # the family-label column holds about this many characters a line
_LABEL_LINE = 0.28  # height of one line of a family label in map units


def _map_layout() -> tuple[list[tuple[str, float, float]], dict[tuple[str, str], list[str]]]:
    """Rows as (family key, top y, height) and the member keys in each (family, goal) cell."""
    cells: dict[tuple[str, str], list[str]] = {}
    for m in MEMBERS:
        for g in m.goals:
            cells.setdefault((m.family, g), []).append(m.key)
    rows, top = [], 0.0
    for fam in MECHANISM_FAMILIES:
        count = max([len(cells.get((fam.key, g.key), [])) for g in GOALS] + [1])
        label_lines = len(textwrap.wrap(fam.label, _LABEL_CHARS))
        height = max(count * _LINE, label_lines * _LABEL_LINE) + 0.25
        rows.append((fam.key, top, height))
        top -= height
    return rows, cells


def _short(key: str) -> str:
    m = next(m for m in MEMBERS if m.key == key)
    return m.short + ("*" if m.unverified and not m.mechanism.sources else "")


def draw_treatment_map(ax: Axes) -> MapArtists:
    """Draw every member in its mechanism row and under each of its goals.

    Boxes are restyled by :func:`update_treatment_map` (matching the filters, the two compared).
    """
    ax.clear()
    rows, cells = _map_layout()
    for j, goal in enumerate(GOALS):
        x = _MAP_LEFT + j * _COL_W + _COL_W / 2
        ax.text(x, 0.35, goal.label, ha="center", va="bottom", fontsize=10, fontweight="bold",
                color=TEXT)
    boxes: dict[tuple[str, str], Rectangle] = {}
    for i, (fam_key, top, height) in enumerate(rows):
        fam = next(f for f in MECHANISM_FAMILIES if f.key == fam_key)
        if i:
            ax.plot([0, _MAP_LEFT + 3 * _COL_W], [top, top], color="#BDBDBD", linewidth=0.6)
        ax.text(0.08, top - height / 2, _wrap(fam.label, _LABEL_CHARS), ha="left", va="center",
                fontsize=8.5, color=TEXT)
        for j, goal in enumerate(GOALS):
            x = _MAP_LEFT + j * _COL_W + _COL_W / 2
            for k, key in enumerate(cells.get((fam_key, goal.key), [])):
                y = top - 0.14 - _LINE / 2 - k * _LINE
                ax.text(x, y, _short(key), ha="center", va="center", fontsize=8, color=TEXT)
                box = Rectangle((x - _BOX_W / 2, y - _LINE * 0.45), _BOX_W, _LINE * 0.9)
                boxes[(key, goal.key)] = ax.add_patch(box)
    bottom = rows[-1][1] - rows[-1][2]
    for j in range(4):
        x = _MAP_LEFT + j * _COL_W
        ax.plot([x, x], [bottom, 0.3], color="#BDBDBD", linewidth=0.6)
    ax.text(0.08, bottom - 0.15, "Blue outline: matches the filters (others are faded). A and B: "
            "the two compared.\n* Microwave ablation: not yet checked against a source, "
            "no details.",
            ha="left", va="top", fontsize=8, color=TEXT)
    tag = {"linestyle": "none", "markersize": 9, "color": HIGHLIGHT}
    (tag_a,) = ax.plot([], [], marker="$A$", **tag)
    (tag_b,) = ax.plot([], [], marker="$B$", **tag)
    ax.set_xlim(0, _MAP_LEFT + 3 * _COL_W + 0.3)
    ax.set_ylim(bottom - 0.75, 0.8)
    ax.set_axis_off()
    return MapArtists(boxes, tag_a, tag_b)


#: Fade for names outside the filters: white at this opacity over dark text leaves about
#: #6A6A6A, still 5.4:1 on white (WCAG AA).
_FADE = to_rgba("#FFFFFF", 0.35)
_CLEAR = (0.0, 0.0, 0.0, 0.0)


def update_treatment_map(artists: MapArtists, matching: set[str], goal: str,
                         first: str | None, second: str | None) -> None:
    """Outline the members in ``matching`` (under ``goal`` only, unless it is ``"all"``), fade
    the others, and mark ``first`` as A and ``second`` as B wherever they appear."""
    tags: dict[str, list[tuple[float, float]]] = {"A": [], "B": []}
    for (key, placed_goal), box in artists.boxes.items():
        chosen = [t for t, k in (("A", first), ("B", second)) if k == key]
        if chosen:
            restyle(box, **_CHOSEN_STYLE)
            for t in chosen:
                right = t == "B" and len(chosen) == 2  # both: A on the left, B on the right
                x = box.get_x() + _BOX_W + 0.16 if right else box.get_x() - 0.16
                tags[t].append((x, box.get_y() + _LINE * 0.45))
        elif key in matching and goal in ("all", placed_goal):
            restyle(box, **_MATCH_STYLE)
        else:
            restyle(box, **_FADED_STYLE)
    for line, points in ((artists.tag_a, tags["A"]), (artists.tag_b, tags["B"])):
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        if list(line.get_xdata()) != xs or list(line.get_ydata()) != ys:
            line.set_data(xs, ys)


#: Box styles of the map.
_CHOSEN_STYLE = {"facecolor": _CLEAR, "edgecolor": HIGHLIGHT, "linewidth": 2.2}
_MATCH_STYLE = {"facecolor": _CLEAR, "edgecolor": OKABE_ITO["blue"], "linewidth": 1.0}
_FADED_STYLE = {"facecolor": _FADE, "edgecolor": _CLEAR, "linewidth": 0.0}


# --------------------------------------------------------------------------------------------
# "How it works": SSA and PRRT on receptor-carrying cells; embolisation in the liver
# --------------------------------------------------------------------------------------------


@dataclass
class CellScene:
    """The somatostatin-analogue or PRRT scene: tumour cells with or without receptors."""

    mechanism: str
    receptors: list[Line2D]
    drugs_bound: Line2D
    drugs_free: Line2D
    isotopes_bound: Line2D
    isotopes_free: Line2D
    halos: list[Circle]
    hormone_inside: Line2D
    hormone_released: list[Line2D]

    @property
    def changing(self) -> list:
        """The artists that :func:`update_mechanism_scene` shows, hides or thins out."""
        return [*self.receptors, *self.halos, *self.hormone_released, self.hormone_inside,
                self.drugs_bound, self.drugs_free, self.isotopes_bound, self.isotopes_free]


@dataclass
class LiverScene:
    """The embolisation scene: liver, portal vein, hepatic artery and one metastasis."""

    mechanism: str
    beads: Line2D
    block: Line2D
    artery_fed: Line2D
    artery_starved: Line2D
    metastasis: Circle

    @property
    def changing(self) -> list:
        """The artists that :func:`update_mechanism_scene` changes."""
        return [self.artery_fed, self.artery_starved, self.metastasis, self.beads, self.block]


_CELL_X = (1.9, 5.0, 8.1)
_CELL_Y = 2.3
_CELL_W, _CELL_H = 2.4, 1.9


def _receptor_points(cx: float) -> tuple[list[float], list[float], list[tuple[float, float]]]:
    """Y-shaped receptors on the top of a cell: line coordinates and the tip of each."""
    xs: list[float] = []
    ys: list[float] = []
    tips = []
    for dx in (-0.75, 0.0, 0.75):
        x0 = cx + dx
        # the top of the ellipse at this x
        y0 = _CELL_Y + (_CELL_H / 2) * math.sqrt(max(0.0, 1 - (2 * dx / _CELL_W) ** 2))
        stem = y0 + 0.3
        xs += [x0, x0, math.nan, x0 - 0.15, x0, x0 + 0.15, math.nan]
        ys += [y0, stem, math.nan, stem + 0.22, stem, stem + 0.22, math.nan]
        tips.append((x0, stem + 0.3))
    return xs, ys, tips


def _draw_cells_scene(ax: Axes) -> dict:
    """Cells, receptors, drug and hormone markers for the SSA and PRRT scenes."""
    parts: dict = {"static": [], "receptors": [], "tips": [], "released": [], "halos": []}
    blood = Rectangle((0.2, 4.35), 9.6, 1.2, facecolor=_BLOOD_FILL, edgecolor=MUTED,
                      linewidth=0.6)
    parts["static"] += [ax.add_patch(blood),
                        ax.text(0.35, 5.35, "Bloodstream", fontsize=9, color=TEXT, va="top")]
    for cx in _CELL_X:
        cell = Ellipse((cx, _CELL_Y), _CELL_W, _CELL_H, facecolor=_TUMOUR_FILL, edgecolor=TEXT,
                       linewidth=1.2)
        parts["static"].append(ax.add_patch(cell))
        xs, ys, tips = _receptor_points(cx)
        (line,) = ax.plot(xs, ys, color=OKABE_ITO["blue"], linewidth=2.2,
                          solid_capstyle="round")
        parts["receptors"].append(line)
        parts["tips"] += tips
        halo = Circle((cx, _CELL_Y + 0.2), 1.45, fill=False, edgecolor=OKABE_ITO["vermillion"],
                      linewidth=2, linestyle=(0, (4, 3)))
        parts["halos"].append(ax.add_patch(halo))
        (released,) = ax.plot([cx - 0.6, cx - 0.2, cx + 0.2, cx + 0.6, cx],
                              [0.75, 0.55, 0.8, 0.6, 0.35], linestyle="none", marker="o",
                              markersize=5, color=OKABE_ITO["reddish_purple"])
        parts["released"].append(released)
    parts["static"].append(ax.text(_CELL_X[1], _CELL_Y - 0.15, "Tumour cell", ha="center",
                                   fontsize=9, color=TEXT))
    inside_x = [cx + dx for cx in _CELL_X for dx in (-0.5, 0.0, 0.5)]
    inside_y = [_CELL_Y - 0.5 + (0.12 if dx == 0.0 else 0) for _ in _CELL_X
                for dx in (-0.5, 0.0, 0.5)]
    (parts["inside"],) = ax.plot(inside_x, inside_y, linestyle="none", marker="o", markersize=5,
                                 color=OKABE_ITO["reddish_purple"])
    tip_x = [x for x, _ in parts["tips"]]
    tip_y = [y for _, y in parts["tips"]]
    (parts["bound"],) = ax.plot(tip_x, tip_y, linestyle="none", marker="D", markersize=7,
                                color=OKABE_ITO["bluish_green"], markeredgecolor=TEXT)
    (parts["iso_bound"],) = ax.plot(tip_x, [y + 0.22 for y in tip_y], linestyle="none",
                                    marker="*", markersize=10, color=OKABE_ITO["yellow"],
                                    markeredgecolor=TEXT)
    free_x = [0.9 + 1.0 * i for i in range(9)]
    free_y = [4.75 + (0.3 if i % 2 else 0.0) for i in range(9)]
    (parts["free"],) = ax.plot(free_x, free_y, linestyle="none", marker="D", markersize=7,
                               color=OKABE_ITO["bluish_green"], markeredgecolor=TEXT)
    (parts["iso_free"],) = ax.plot(free_x, [y + 0.22 for y in free_y], linestyle="none",
                                   marker="*", markersize=10, color=OKABE_ITO["yellow"],
                                   markeredgecolor=TEXT)
    parts["released_label"] = ax.text(9.8, 0.55, "Hormone\nreleased", ha="right", va="center",
                                      fontsize=8.5, color=TEXT)
    return parts


def _legend_row(ax: Axes, items: list[tuple[str, dict]], y: float) -> list:
    """A one-line legend: (label, marker style) pairs from left to right."""
    out, x = [], 0.3
    for label, style in items:
        (mark,) = ax.plot([x], [y], linestyle="none", **style)
        text = ax.text(x + 0.2, y, label, va="center", fontsize=8.5, color=TEXT)
        out += [mark, text]
        x += 0.75 + 0.11 * len(label)
    return out


def _draw_liver_scene(ax: Axes) -> dict:
    """Liver, portal vein, hepatic artery and one metastasis for the embolisation scene."""
    parts: dict = {"static": []}
    liver = Polygon([(2.2, 1.0), (9.6, 0.8), (9.8, 3.2), (8.6, 5.0), (4.0, 5.2), (2.4, 3.8)],
                    closed=True, facecolor=_LIVER_FILL, edgecolor=TEXT, linewidth=1.2)
    parts["static"].append(ax.add_patch(liver))
    parts["static"].append(ax.text(8.2, 2.3, "Normal liver", fontsize=8.5, color=TEXT))
    portal = OKABE_ITO["blue"]
    for xs, ys, lw in (([0.2, 2.6, 4.2], [1.6, 1.8, 2.2], 6), ([4.2, 6.0, 8.4], [2.2, 3.6, 4.2], 4),
                       ([4.2, 6.2, 9.0], [2.2, 1.9, 1.5], 4), ([6.0, 5.0, 4.2], [3.6, 4.4, 4.8],
                                                                   2.5)):
        (vein,) = ax.plot(xs, ys, color=portal, linewidth=lw, solid_capstyle="round")
        parts["static"].append(vein)
    parts["static"].append(ax.text(0.2, 1.2, "Portal vein: feeds\nmostly the normal liver",
                                   fontsize=8.5, color=TEXT, va="top"))
    artery = OKABE_ITO["vermillion"]
    (trunk,) = ax.plot([0.2, 2.6, 4.6, 5.9], [3.6, 3.4, 3.1, 2.95], color=artery, linewidth=2.5)
    (side,) = ax.plot([4.6, 5.6, 7.0], [3.1, 4.0, 4.35], color=artery, linewidth=1.5)
    parts["static"] += [trunk, side,
                        ax.text(0.2, 4.3, "Hepatic artery: feeds\nthe metastases", fontsize=8.5,
                                color=TEXT, va="center")]
    (parts["fed"],) = ax.plot([5.9, 7.0], [2.95, 2.8], color=artery, linewidth=2.5)
    (parts["starved"],) = ax.plot([5.9, 7.0], [2.95, 2.8], color=MUTED, linewidth=1.5,
                                  linestyle=(0, (2, 2)))
    parts["metastasis"] = ax.add_patch(Circle((7.55, 2.75), 0.6, facecolor=OKABE_ITO["orange"],
                                              edgecolor=TEXT, linewidth=1.2))
    parts["met_label"] = ax.text(7.55, 3.45, "Liver metastasis", ha="center", va="bottom",
                                 fontsize=8.5, color=TEXT)
    (parts["beads"],) = ax.plot([5.65, 5.8, 5.95], [3.0, 2.9, 3.02], linestyle="none",
                                marker="o", markersize=6, color=TEXT)
    (parts["block"],) = ax.plot([5.6, 6.1, math.nan, 5.6, 6.1], [2.7, 3.2, math.nan, 3.2, 2.7],
                                color=TEXT, linewidth=2)
    return parts


_STATE_WORDS = {"ssa": "Somatostatin analogue", "prrt": "PRRT (177Lu-DOTATATE)",
                "embolisation": "Embolisation of a liver metastasis"}
_RECEPTOR = {"marker": "1", "markersize": 11, "color": OKABE_ITO["blue"], "markeredgewidth": 2}
_DRUG = {"marker": "D", "markersize": 7, "color": OKABE_ITO["bluish_green"],
         "markeredgecolor": TEXT}
_STAR = {"marker": "*", "markersize": 10, "color": OKABE_ITO["yellow"], "markeredgecolor": TEXT}
_HORMONE = {"marker": "o", "markersize": 5, "color": OKABE_ITO["reddish_purple"]}
_LEGENDS = {
    "ssa": [("receptor (SSTR)", _RECEPTOR), ("somatostatin analogue", _DRUG),
            ("hormone", _HORMONE)],
    "prrt": [("receptor (SSTR)", _RECEPTOR), ("analogue", _DRUG),
             ("lutetium-177 (radiation)", _STAR)],
    "embolisation": [("embolisation particles", {"marker": "o", "markersize": 6,
                                                 "color": TEXT})],
}


def draw_mechanism_scene(ax: Axes, mechanism: str) -> CellScene | LiverScene:
    """Draw the "how it works" scene of ``mechanism`` (``"ssa"``, ``"prrt"``,
    ``"embolisation"``); :func:`update_mechanism_scene` sets receptors and treatment."""
    ax.clear()
    ax.text(0.2, 6.1, _STATE_WORDS[mechanism], fontsize=10, fontweight="bold", color=TEXT,
            va="center")
    _legend_row(ax, _LEGENDS[mechanism], -0.25)
    ax.set_xlim(0, 10)
    ax.set_ylim(-0.55, 6.4)
    ax.set_axis_off()
    if mechanism in RECEPTOR_MECHANISMS:
        c = _draw_cells_scene(ax)
        if mechanism == "prrt":
            c["released_label"].remove()
        return CellScene(mechanism, c["receptors"], c["bound"], c["free"], c["iso_bound"],
                         c["iso_free"], c["halos"], c["inside"], c["released"])
    liver = _draw_liver_scene(ax)
    return LiverScene(mechanism, liver["beads"], liver["block"], liver["fed"], liver["starved"],
                      liver["metastasis"])


def update_mechanism_scene(scene: CellScene | LiverScene, receptors: str | None,
                           treated: bool) -> None:
    """Show the scene with receptors present or not (cells only), before or during treatment."""
    if isinstance(scene, CellScene):
        _update_cells(scene, receptors == "positive", treated)
    else:
        _update_liver(scene, treated)


def mechanism_state(mechanism: str, receptors: str | None, treated: bool) -> str:
    """The state a scene shows, in words (``"PRRT (177Lu-DOTATATE): receptor-negative,
    treatment acting"``)."""
    if mechanism in RECEPTOR_MECHANISMS:
        status = "receptor-positive" if receptors == "positive" else "receptor-negative"
        when = "treatment acting" if treated else "before treatment"
        return f"{_STATE_WORDS[mechanism]}: {status}, {when}"
    return f"{_STATE_WORDS[mechanism]}: {'artery blocked' if treated else 'before treatment'}"


def _update_cells(scene: CellScene, positive: bool, treated: bool) -> None:
    prrt = scene.mechanism == "prrt"
    for line in scene.receptors:
        line.set_visible(positive)
    bound = treated and positive
    scene.drugs_bound.set_visible(bound)
    scene.drugs_free.set_visible(treated and not positive)
    scene.isotopes_bound.set_visible(prrt and bound)
    scene.isotopes_free.set_visible(prrt and treated and not positive)
    for halo in scene.halos:
        halo.set_visible(prrt and bound)
    quiet = (not prrt) and bound  # the analogue quiets hormone release
    scene.hormone_inside.set_visible(not prrt)
    for dots in scene.hormone_released:
        dots.set_visible(not prrt)
        dots.set_markevery([0] if quiet else None)


def _update_liver(scene: LiverScene, treated: bool) -> None:
    scene.beads.set_visible(treated)
    scene.block.set_visible(treated)
    scene.artery_fed.set_visible(not treated)
    scene.artery_starved.set_visible(treated)
    scene.metastasis.set_radius(0.42 if treated else 0.6)
    scene.metastasis.set_hatch("xx" if treated else None)
    scene.metastasis.set_facecolor("#F7D9A8" if treated else OKABE_ITO["orange"])


# --------------------------------------------------------------------------------------------
# Forest plot of hazard ratios
# --------------------------------------------------------------------------------------------

_HR_MIN, _HR_MAX = 0.1, 1.5
_PLOT_LEFT, _PLOT_RIGHT = 0.0, 4.0  # data x of HR 0.1 and HR 1.5
_NAME_X = -5.6
_HR_TEXT_X = 4.3
_MEDIAN_X = 6.9
_ROW = 1.0


def forest_x(hr: float) -> float:
    """Data x of a hazard ratio on the plot's log scale (0.1 at the left, 1.5 at the right)."""
    span = math.log10(_HR_MAX) - math.log10(_HR_MIN)
    return _PLOT_LEFT + (_PLOT_RIGHT - _PLOT_LEFT) * (math.log10(hr) - math.log10(_HR_MIN)) / span


def short_comparison(trial: Trial) -> str:
    """``"Everolimus vs placebo"``: the tested member's short name against the control."""
    tested = next(m.short for m in MEMBERS if m.key == trial.member)
    control = trial.control if trial.control_kind == "active drug" else trial.control_kind
    return f"{tested} vs {control}"


def _endpoint_short(trial: Trial) -> str:
    return "TTP" if trial.endpoint == "time to progression" else "PFS"


def _hr_column(trial: Trial) -> str:
    if trial.ci_drawn:
        return f"{trial.hr} ({trial.ci[0]}-{trial.ci[1]})"
    if trial.ci is None:
        return f"{trial.hr} (no CI reported)"
    return f"{trial.hr} (CI not verified)"


def _median_column(trial: Trial) -> str:
    def one(v: str | None) -> str:
        return "not reached" if v is None else v
    return f"{one(trial.median_experimental)} vs {one(trial.median_control)}"


@dataclass
class ForestArtists:
    """The selection frame and the "how to read" annotations of a forest plot."""

    keys: tuple[str, ...]
    rows_y: dict[str, float]
    frame: Rectangle
    selected: Line2D
    point_note: Annotation
    ci_note: Annotation
    guide: list = field(default_factory=list)
    intervals: dict[str, Line2D | None] = field(default_factory=dict)
    hr_texts: dict[str, Text] = field(default_factory=dict)
    median_texts: dict[str, Text] = field(default_factory=dict)

    @property
    def changing(self) -> list:
        """The artists that :func:`update_forest` moves or toggles."""
        return [self.frame, self.selected, self.point_note, self.ci_note]


def draw_forest(ax: Axes, trials: tuple[Trial, ...]) -> ForestArtists:
    """Draw ``trials`` as a forest plot of hazard ratios on a log scale.

    Each row names the trial, its year, the comparison (tested arm vs control) and endpoint; the
    point is the hazard ratio and the line its 95% interval, drawn only when the fact base has a
    retrieved interval (otherwise a hollow point and "CI not verified" / "no CI reported").
    Squares: placebo control; diamonds: active control. Right: HR text and median of each arm.
    """
    ax.clear()
    n = len(trials)
    rows_y = {t.key: (n - 1 - i) * _ROW for i, t in enumerate(trials)}
    top = (n - 1) * _ROW + 0.9
    ax.text(_NAME_X, top, "Trial (year): tested vs control; endpoint", fontsize=9,
            fontweight="bold", color=TEXT, va="bottom")
    ax.text(_HR_TEXT_X, top, "HR (95% CI)", fontsize=9, fontweight="bold", color=TEXT,
            va="bottom")
    ax.text(_MEDIAN_X, top, "Median, months\n(tested vs control)", fontsize=9,
            fontweight="bold", color=TEXT, va="bottom")
    rows = {t.key: _forest_row(ax, t, rows_y[t.key]) for t in trials}
    _forest_axis(ax, n)
    frame = Rectangle((_NAME_X - 0.1, 0), 15.0, _ROW * 0.94, fill=False, edgecolor=HIGHLIGHT,
                      linewidth=2.2)
    ax.add_patch(frame)
    (selected,) = ax.plot([], [], linestyle="none", marker="o", markersize=12, fillstyle="none",
                          markeredgecolor=HIGHLIGHT, markeredgewidth=2.2)
    box = {"boxstyle": "round,pad=0.15", "facecolor": "#FFFFFF", "edgecolor": MUTED}
    point_note = ax.annotate("hazard ratio", xy=(0, 0), xytext=(0, 0), fontsize=8, color=TEXT,
                             ha="center", va="bottom", bbox=box,
                             arrowprops={"arrowstyle": "-", "color": TEXT, "linewidth": 0.8})
    ci_note = ax.annotate("", xy=(0, 0), xytext=(0, 0), fontsize=8, color=TEXT, va="center",
                          bbox=box)
    guide = [
        ax.text(forest_x(1.0) + 0.1, -1.55, "favours the control →", fontsize=8.5,
                color=TEXT, ha="left"),
        ax.text(forest_x(1.0) - 0.1, -1.55, "← fewer events with the tested treatment",
                fontsize=8.5, color=TEXT, ha="right"),
    ]
    ax.set_xlim(_NAME_X - 0.2, _MEDIAN_X + 2.9)
    ax.set_ylim(-2.55, top + 0.9)
    ax.set_axis_off()
    return ForestArtists(tuple(t.key for t in trials), rows_y, frame, selected, point_note,
                         ci_note, guide, {k: r[0] for k, r in rows.items()},
                         {k: r[1] for k, r in rows.items()}, {k: r[2] for k, r in rows.items()})


def _forest_row(ax: Axes, t: Trial, y: float) -> tuple[Line2D | None, Text, Text]:
    """Draw one trial's row; return its interval line (None if not drawn), HR and median text."""
    year = f"{t.year}"
    ax.text(_NAME_X, y + 0.62, f"{t.name} ({year}), n={t.n}", fontsize=8.5, color=TEXT,
            fontweight="bold", va="center")
    ax.text(_NAME_X, y + 0.25, f"{short_comparison(t)}; {_endpoint_short(t)}", fontsize=8,
            color=TEXT, va="center")
    x = forest_x(t.hr_value)
    marker = "s" if t.control_kind == "placebo" else "D"
    interval = None
    if t.ci_drawn:
        lo, hi = t.ci_values
        (interval,) = ax.plot([forest_x(lo), forest_x(hi)], [y + 0.45] * 2, color=TEXT,
                              linewidth=1.6)
        ax.plot([x], [y + 0.45], marker=marker, markersize=8, color=OKABE_ITO["blue"],
                markeredgecolor=TEXT, linestyle="none")
    else:
        ax.plot([x], [y + 0.45], marker=marker, markersize=8, fillstyle="none",
                markeredgecolor=OKABE_ITO["blue"], markeredgewidth=1.8, linestyle="none")
    hr_text = ax.text(_HR_TEXT_X, y + 0.45, _hr_column(t), fontsize=8.5, color=TEXT,
                      va="center")
    median = ax.text(_MEDIAN_X, y + 0.45, _median_column(t), fontsize=8.5, color=TEXT,
                     va="center")
    return interval, hr_text, median


def _forest_axis(ax: Axes, n: int) -> None:
    top = (n - 1) * _ROW + 0.9
    x1 = forest_x(1.0)
    ax.plot([x1, x1], [-0.1, top], color=TEXT, linewidth=1, linestyle=(0, (4, 3)))
    ax.plot([_PLOT_LEFT, _PLOT_RIGHT], [-0.1, -0.1], color=TEXT, linewidth=1)
    for tick in (0.1, 0.2, 0.5, 1.0):
        x = forest_x(tick)
        ax.plot([x, x], [-0.1, -0.28], color=TEXT, linewidth=1)
        ax.text(x, -0.35, f"{tick:g}", ha="center", va="top", fontsize=8.5, color=TEXT)
    ax.text((_PLOT_LEFT + _PLOT_RIGHT) / 2, -0.95, "Hazard ratio (log scale); 1 = no difference",
            ha="center", va="top", fontsize=8.5, color=TEXT)
    ax.text(_NAME_X, -2.05,
            "Filled square: placebo control; filled diamond: active control (a drug). Hollow: "
            "interval not verified or not reported, point only.\nPFS: progression-free survival; "
            "TTP: time to progression. Trials differ in people and controls: not directly "
            "comparable.", fontsize=7.5, color=TEXT, va="top")


def update_forest(artists: ForestArtists, trial: Trial, guide: bool) -> None:
    """Frame ``trial``'s row, ring its point, and show or hide the reading guide."""
    y = artists.rows_y[trial.key]
    artists.frame.set_y(y + 0.03)
    x = forest_x(trial.hr_value)
    artists.selected.set_data([x], [y + 0.45])
    artists.point_note.set_visible(guide)
    artists.ci_note.set_visible(guide)
    row_mid = y + 0.45
    artists.point_note.xy = (x, row_mid + 0.13)
    artists.point_note.set_position((x, row_mid + 0.24))
    if trial.ci_drawn:
        lo, hi = (forest_x(v) for v in trial.ci_values)
        artists.ci_note.set_text("95% CI")
    else:
        lo = hi = x
        artists.ci_note.set_text("no CI drawn: " + ("not reported" if trial.ci is None
                                                     else "not verified"))
    # beside the interval, on whichever side has room before the text columns
    if hi + 0.15 + _CI_NOTE_WIDTH[trial.ci_drawn] < _HR_TEXT_X - 0.1:
        artists.ci_note.set_position((hi + 0.15, row_mid))
        artists.ci_note.set_horizontalalignment("left")
    else:
        artists.ci_note.set_position((lo - 0.15, row_mid))
        artists.ci_note.set_horizontalalignment("right")
    artists.ci_note.xy = artists.ci_note.get_position()


#: Approximate widths (data units) of the CI note: drawn interval / no interval.
_CI_NOTE_WIDTH = {True: 0.8, False: 2.2}


# --------------------------------------------------------------------------------------------
# Tiles: which categories guidelines discuss
# --------------------------------------------------------------------------------------------


@dataclass
class TileArtists:
    """Per category: the tile's border, a side strip and a mark (tick or dash).

    Titles are static text; the tile itself is never filled, so the text under it stays crisp.
    """

    tiles: dict[str, FancyBboxPatch]
    strips: dict[str, Rectangle]
    marks: dict[str, Line2D]
    centres: dict[str, tuple[float, float]]

    @property
    def changing(self) -> list:
        """The artists that :func:`update_tiles` restyles."""
        return [*self.tiles.values(), *self.strips.values(), *self.marks.values()]


_TICK = ([-0.14, -0.04, 0.16], [0.0, -0.12, 0.16])
_DASH = ([-0.12, 0.12], [0.0, 0.0])
_STRIP_W = 0.55


def draw_tiles(ax: Axes) -> TileArtists:
    """Draw one tile per category (three to a row), restyled by :func:`update_tiles`."""
    ax.clear()
    tiles, strips, marks, centres = {}, {}, {}, {}
    for i, cat in enumerate(CATEGORIES):
        col, row = i % 3, i // 3
        x, y = col * 3.4, -row * 1.9
        strips[cat.key] = ax.add_patch(Rectangle((x + 0.1, y - 1.55), _STRIP_W, 1.45))
        tiles[cat.key] = ax.add_patch(
            FancyBboxPatch((x + 0.1, y - 1.55), 3.0, 1.45, boxstyle="round,pad=0.05",
                           facecolor="none", edgecolor=MUTED))
        ax.text(x + 0.1 + _STRIP_W + (3.0 - _STRIP_W) / 2, y - 0.82, _wrap(cat.name, 19),
                ha="center", va="center", fontsize=8.5, fontweight="bold", color=TEXT)
        (mark,) = ax.plot([], [], color=TEXT, linewidth=2.5, solid_capstyle="round")
        marks[cat.key] = mark
        centres[cat.key] = (x + 0.1 + _STRIP_W / 2, y - 0.82)
    ax.text(0.1, 0.3, "Categories guidelines discuss for this tumour (not a ranking)",
            fontsize=9.5, fontweight="bold", color=TEXT, va="center")
    bottom = -((len(CATEGORIES) + 2) // 3) * 1.9
    ax.text(0.1, bottom + 0.05, "Tick and solid green border: discussed for these features. "
            "Dash and dashed border: not listed for them.", fontsize=8, color=TEXT, va="center")
    ax.set_xlim(0, 10.3)
    ax.set_ylim(bottom - 0.2, 0.6)
    ax.set_axis_off()
    return TileArtists(tiles, strips, marks, centres)


def update_tiles(artists: TileArtists, discussed: set[str]) -> None:
    """Mark the categories in ``discussed`` (tick, green strip, solid border); the rest get a
    dash and a dashed border."""
    for key, patch in artists.tiles.items():
        on = key in discussed
        restyle(patch, edgecolor=OKABE_ITO["bluish_green"] if on else MUTED,
                linewidth=2.5 if on else 1.0, linestyle="-" if on else (0, (3, 3)))
        restyle(artists.strips[key], facecolor=_DISCUSSED_FILL if on else "#FFFFFF",
                edgecolor="none")
        cx, cy = artists.centres[key]
        xs, ys = _TICK if on else _DASH
        restyle(artists.marks[key], xdata=[cx + dx for dx in xs], ydata=[cy + dy for dy in ys],
                color=TEXT if on else MUTED)
