"""Drawings for lesson 1: a neuroendocrine cell step by step, and a map of the GEP sites.

``draw_*`` functions take a matplotlib Axes, draw the parts that never change once, and return an
object whose ``changing`` list holds the few artists an ``update_*`` function changes (so the
figure view can blit them). The map is a schematic, not to scale: the organs are drawn as tubes
in the viewer's view of a patient (the patient's right on the left of the picture). Nothing here
calls ``plt.show`` or imports pyplot or ipywidgets; the words come from
:mod:`gepnet_widgets.anatomy`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PatchCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Ellipse, FancyArrowPatch, Rectangle

from ..anatomy import CELL_STEPS, hormone_word
from ..staging import SITES, site_label
from ..style import HIGHLIGHT, MUTED, OKABE_ITO, TEXT
from ._restyle import restyle

__all__ = [
    "CellArtists",
    "draw_cell",
    "update_cell",
    "MapArtists",
    "draw_gi_map",
    "update_gi_map",
    "SITE_PATHS",
]

_HORMONE = OKABE_ITO["blue"]
_GRANULE = OKABE_ITO["orange"]
_CELL_FILL = "#E8F1F8"
_VESSEL_FILL = "#FBE3DA"

# --- the neuroendocrine cell ----------------------------------------------------------------

_CELL = (3.6, 3.3, 2.8, 2.2)  # centre x, centre y, width, height
_VESSEL = (5.7, 0.7, 0.9, 5.0)  # x, y, width, height
_TARGET = (8.6, 3.3, 2.2, 2.0)


@dataclass
class CellArtists:
    """The changing parts of the cell diagram."""

    signal: FancyArrowPatch
    granules: object
    hormone: object
    receptors: list[Line2D]
    tumour: PatchCollection
    caption: object
    hormone_label: object

    @property
    def changing(self) -> list:
        """The artists that :func:`update_cell` changes (two texts at most)."""
        return [self.tumour, self.signal, self.granules, self.hormone, *self.receptors,
                self.caption, self.hormone_label]


def _inside_granules() -> np.ndarray:
    cx, cy, _w, _h = _CELL
    angles = np.linspace(0.6, 2 * np.pi - 0.6, 7)
    return np.column_stack([cx + 0.5 + 0.5 * np.cos(angles), cy + 0.65 * np.sin(angles)])


def _membrane_granules() -> np.ndarray:
    cx, cy, w, _h = _CELL
    ys = np.linspace(cy - 0.6, cy + 0.6, 5)
    return np.column_stack([np.full(5, cx + w / 2 - 0.3), ys])


def draw_cell(ax: Axes, step: int, example: str) -> CellArtists:
    """Draw a nerve ending, a neuroendocrine cell, a blood vessel and a target cell."""
    ax.clear()
    cx, cy, w, h = _CELL
    # The tumour's extra cells sit in the empty lower left, clear of every label.
    tumour = PatchCollection(
        [Ellipse(xy, w * 0.5, h * 0.5)
         for xy in ((1.05, 2.75), (1.0, 1.3), (2.45, 1.35), (3.9, 1.05), (0.95, 4.05))],
        facecolor=_CELL_FILL, edgecolor=HIGHLIGHT, linewidth=1.6, zorder=1)
    ax.add_collection(tumour)
    ax.add_patch(Ellipse((cx, cy), w, h, facecolor=_CELL_FILL, edgecolor=TEXT, linewidth=1.5,
                         zorder=2))
    ax.add_patch(Circle((cx - 0.45, cy + 0.05), 0.42, facecolor="#C9D9E8", edgecolor=MUTED,
                        zorder=3))
    ax.text(cx + 0.3, cy + h / 2 + 0.12, "neuroendocrine cell", ha="center", va="bottom",
            fontsize=9, color=TEXT)
    ax.plot([0.4, 2.05], [6.0, 4.85], color=MUTED, linewidth=3, solid_capstyle="round")
    ax.add_patch(Circle((2.2, 4.72), 0.2, facecolor="#DDDDDD", edgecolor=MUTED))
    ax.text(0.35, 6.15, "nerve", fontsize=9, color=TEXT, va="bottom")
    signal = FancyArrowPatch((1.2, 5.75), (2.6, 4.55), arrowstyle="-|>", mutation_scale=16,
                             shrinkA=0, shrinkB=0, zorder=4)
    ax.add_patch(signal)
    vx, vy, vw, vh = _VESSEL
    ax.add_patch(Rectangle((vx, vy), vw, vh, facecolor=_VESSEL_FILL, edgecolor=MUTED,
                           linewidth=1.0, zorder=1))
    ax.text(vx + vw / 2, vy - 0.1, "blood\nvessel", ha="center", va="top", fontsize=9,
            color=TEXT)
    tx, ty, tw, th = _TARGET
    ax.add_patch(Ellipse((tx, ty), tw, th, facecolor="#EFEFEF", edgecolor=TEXT, linewidth=1.2,
                         zorder=2))
    ax.text(tx, ty - th / 2 - 0.2, "target cell\n(another organ)", ha="center", va="top",
            fontsize=9, color=TEXT)
    receptors = []
    for dy in (-0.55, 0.0, 0.55):
        (line,) = ax.plot([tx - tw / 2 - 0.15, tx - tw / 2 + 0.05], [ty + dy, ty + dy],
                          color=MUTED, linewidth=2.5, solid_capstyle="butt", zorder=3)
        receptors.append(line)
    ax.text(tx - tw / 2 - 0.3, ty + 0.8, "receptors", ha="left", va="bottom", fontsize=8.5,
            color=MUTED)
    granules = ax.scatter([], [], s=55, color=_GRANULE, edgecolors=TEXT, linewidths=0.8,
                          zorder=5)
    hormone = ax.scatter([], [], s=28, color=_HORMONE, edgecolors=TEXT, linewidths=0.5,
                         zorder=5)
    caption = ax.text(5.6, 6.95, "", ha="center", va="top", fontsize=10.5, color=TEXT,
                      fontweight="bold")
    hormone_label = ax.text(vx + vw / 2, vy + vh + 0.1, "", ha="center", va="bottom",
                            fontsize=9, color=TEXT)
    ax.scatter([6.9], [0.35], s=55, color=_GRANULE, edgecolors=TEXT, linewidths=0.8)
    ax.text(7.1, 0.35, "granule", va="center", fontsize=8.5, color=TEXT)
    ax.scatter([8.5], [0.35], s=28, color=_HORMONE, edgecolors=TEXT, linewidths=0.5)
    ax.text(8.7, 0.35, "hormone", va="center", fontsize=8.5, color=TEXT)
    ax.set_xlim(0, 10)
    ax.set_ylim(-0.45, 7.0)
    ax.set_axis_off()
    artists = CellArtists(signal, granules, hormone, receptors, tumour, caption, hormone_label)
    update_cell(artists, step, example)
    return artists


def _hormone_points(step: int) -> np.ndarray:
    vx, _vy, vw, _vh = _VESSEL
    tx, ty, tw, _th = _TARGET
    mid = vx + vw / 2
    if step == 1:
        return np.empty((0, 2))
    leaving = [(_CELL[0] + _CELL[2] / 2 + 0.25, _CELL[1] + d) for d in (-0.35, 0.3)]
    in_vessel = [(mid + dx, y) for dx, y in ((-0.2, 1.4), (0.15, 2.3), (-0.1, 3.6),
                                             (0.2, 4.6))]
    if step == 2:
        return np.array(leaving + in_vessel[:2])
    at_target = [(tx - tw / 2 - 0.3, ty + dy) for dy in (-0.55, 0.0, 0.55)]
    if step == 3:
        return np.array(in_vessel + at_target)
    many = [(mid + dx, y) for y in np.linspace(1.0, 5.4, 9) for dx in (-0.22, 0.22)]
    return np.array(leaving + many + at_target)


def update_cell(artists: CellArtists, step: int, example: str) -> None:
    """Show ``step`` (1-4) of the diagram for the example cell ``example``."""
    if not 1 <= step <= len(CELL_STEPS):
        raise ValueError(f"step must be 1 to {len(CELL_STEPS)}, got {step!r}")
    active = step == 1
    restyle(artists.signal, color=HIGHLIGHT if active else "#A0A0A0",
            linewidth=3.0 if active else 1.2)
    artists.granules.set_offsets(_inside_granules() if step == 1 else _membrane_granules())
    artists.hormone.set_offsets(_hormone_points(step))
    for line in artists.receptors:
        restyle(line, color=HIGHLIGHT if step >= 3 else MUTED)
    artists.tumour.set_visible(step == 4)
    title = CELL_STEPS[step - 1].title
    artists.caption.set_text(f"Step {step} of {len(CELL_STEPS)}: {title}")
    word = hormone_word(example)
    artists.hormone_label.set_text("" if step == 1 else f"carries {word}")


# --- the map of the GEP sites ---------------------------------------------------------------

#: The schematic course of each organ, as polylines in map coordinates (0-10 by 0-10).
SITE_PATHS: dict[str, tuple[tuple[tuple[float, float], ...], float]] = {
    "stomach": (((5.9, 9.7), (6.6, 9.3), (7.4, 8.9), (7.6, 8.3), (7.2, 7.8), (6.3, 7.6),
                 (5.4, 7.6)), 26.0),
    "duodenum": (((5.4, 7.6), (4.5, 7.5), (3.9, 7.1), (3.8, 6.5), (4.2, 6.0), (5.0, 5.9),
                  (5.9, 6.1)), 12.0),
    "ampulla": (((3.95, 6.85), (3.95, 6.85)), 9.0),
    "pancreas": (((4.5, 6.75), (5.3, 6.8), (6.3, 7.0), (7.2, 7.1), (7.9, 7.2)), 15.0),
    "jejunum_ileum": (((5.9, 6.1), (6.3, 5.0), (5.2, 4.7), (4.0, 4.8), (3.3, 4.3), (4.1, 3.8),
                       (5.4, 4.0), (6.4, 3.6), (6.0, 3.0), (4.8, 3.1), (3.6, 3.0), (2.9, 2.6),
                       (2.2, 2.4), (1.85, 2.3)), 10.0),
    "appendix": (((1.75, 1.6), (1.55, 1.0), (1.5, 0.6)), 7.0),
    "colon_rectum": (((1.8, 1.9), (1.7, 3.5), (1.7, 5.3), (2.2, 5.55), (5.0, 5.45),
                      (8.3, 5.6), (8.6, 5.2), (8.6, 3.0), (8.4, 1.8), (7.3, 1.3), (6.0, 1.2),
                      (5.6, 0.8), (5.6, 0.2)), 14.0),
}
_ORGAN_COLOURS = {"stomach": "#D9E6F2", "duodenum": "#E4DCEF", "ampulla": "#B9A5D6",
                  "pancreas": "#F7E3B5", "jejunum_ileum": "#D8EDE3", "appendix": "#E9E1D3",
                  "colon_rectum": "#E9E1D3"}
_LABELS = {  # site -> (x, y, ha)
    "stomach": (7.95, 9.25, "left"),
    "duodenum": (3.55, 7.65, "right"),
    "ampulla": (3.45, 6.75, "right"),
    "pancreas": (8.2, 7.3, "left"),
    "jejunum_ileum": (4.6, 2.35, "center"),
    "appendix": (1.85, 0.7, "left"),
    "colon_rectum": (8.95, 3.4, "left"),
}
_DRAW_ORDER = ("colon_rectum", "appendix", "jejunum_ileum", "stomach", "duodenum", "pancreas",
               "ampulla")


@dataclass
class MapArtists:
    """The highlight overlay of each site (one visible at a time)."""

    outlines: dict[str, Line2D]
    overlays: dict[str, Line2D]

    @property
    def changing(self) -> list:
        """The artists that :func:`update_gi_map` changes (no text: fast to blit)."""
        return [*self.outlines.values(), *self.overlays.values()]

    def highlighted(self) -> tuple[str, ...]:
        """The sites drawn highlighted (for tests)."""
        return tuple(s for s, line in self.overlays.items() if line.get_visible())


def _tube(ax: Axes, points, width: float, colour: str, **kw) -> Line2D:
    xs, ys = zip(*points, strict=True)
    marker = "o" if len(set(points)) == 1 else None
    (line,) = ax.plot(xs, ys, color=colour, linewidth=width, solid_capstyle="round",
                      solid_joinstyle="round", marker=marker, markersize=width,
                      markerfacecolor=colour, markeredgecolor=colour, **kw)
    return line


def draw_gi_map(ax: Axes, site: str) -> MapArtists:
    """Draw the stomach, duodenum and ampulla, small intestine, appendix, colon and rectum and
    pancreas as a schematic map, with a highlight ready for each site."""
    ax.clear()
    ax.plot([5.75, 5.9], [10.4, 9.7], color="#CCCCCC", linewidth=9, solid_capstyle="round")
    ax.text(5.5, 10.35, "from the oesophagus", ha="right", va="center", fontsize=8,
            color=MUTED)
    for s in _DRAW_ORDER:
        points, width = SITE_PATHS[s]
        _tube(ax, points, width + 2.0, MUTED, zorder=1)
        _tube(ax, points, width, _ORGAN_COLOURS[s], zorder=2)
    for s in SITES:
        x, y, ha = _LABELS[s]
        ax.text(x, y, site_label(s), ha=ha, va="center", fontsize=9, color=TEXT, zorder=6)
    outlines, overlays = {}, {}
    for s in _DRAW_ORDER:
        points, width = SITE_PATHS[s]
        outlines[s] = _tube(ax, points, width + 6.0, TEXT, zorder=4)
        overlays[s] = _tube(ax, points, width + 1.0, HIGHLIGHT, zorder=5)
    ax.set_xlim(0.6, 11.4)
    ax.set_ylim(0.0, 10.7)
    ax.set_axis_off()
    artists = MapArtists(outlines, overlays)
    update_gi_map(artists, site)
    return artists


def update_gi_map(artists: MapArtists, site: str) -> None:
    """Highlight ``site`` (a thick dark outline and a coloured fill); hide the others."""
    if site not in artists.overlays:
        raise ValueError(f"unknown site {site!r}; allowed: {', '.join(SITES)}")
    for s in artists.overlays:
        artists.outlines[s].set_visible(s == site)
        artists.overlays[s].set_visible(s == site)
