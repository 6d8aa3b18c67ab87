"""Drawings for the TNM lesson: the organ wall in layers, the spread of a tumour, the stage grid.

Each ``draw_*`` function takes a matplotlib Axes, draws on it, and returns a small object holding
the artists that change, so that an ``update_*`` function can move them without redrawing the
whole picture. Nothing here calls ``plt.show`` or imports pyplot or ipywidgets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from matplotlib.axes import Axes
from matplotlib.patches import Ellipse, FancyBboxPatch, Rectangle

from ..staging import DEFAULT_EDITION, StagingResult, site_tnm, stage_table
from ..style import HIGHLIGHT, MUTED, OKABE_ITO, TEXT
from ._restyle import restyle

__all__ = [
    "WallArtists",
    "draw_wall",
    "update_wall",
    "SpreadArtists",
    "draw_spread",
    "update_spread",
    "StageGridArtists",
    "draw_stage_grid",
    "update_stage_grid",
    "stage_grid_cells",
    "ComparisonArtists",
    "draw_site_comparison",
    "update_site_comparison",
    "LAYER_NAMES",
    "LADDER_SITES",
    "LADDER_NOTE",
    "NX_NOTE",
    "MAX_TUMOURS_DRAWN",
    "layer_name",
]

#: Short names of the layers and structures, as drawn in the wall diagram.
LAYER_NAMES: dict[str, str] = {
    "mucosa": "Mucosa",
    "submucosa": "Submucosa",
    "muscularis_propria": "Muscularis propria",
    "subserosa": "Subserosa",
    "serosa": "Serosa",
    "adjacent_organs": "Neighbouring organs",
    "sphincter_of_oddi": "Sphincter of Oddi",
    "pancreas_or_peripancreatic": "Pancreas and its fat",
    "mesoappendix": "Mesoappendix",
    "pancreas": "Pancreas (gland)",
    "peripancreatic_fat": "Fat around the pancreas",
    "duodenum_or_bile_duct": "Duodenum or bile duct",
    "large_vessels": "Large vessels (CA, SMA)",
}
_AMPULLA_NAMES = {"submucosa": "Duodenal submucosa", "muscularis_propria": "Duodenal muscle"}

#: Pale band colours, shallow to deep (light tints; black text on each has contrast > 12:1).
_BAND_COLOURS = ("#FCE4EC", "#FFF3D6", "#F3D9C8", "#E4EEF8", "#DDF0E8", "#EDE3F1", "#ECECEC")
_TUMOUR = OKABE_ITO["orange"]
_WALL_WIDTH_CM = 12.0
_LABEL_LEFT = -5.6
_BULGE = 0.35  #: how far a tumour may bulge into the lumen above the wall


def layer_name(site: str, key: str) -> str:
    """The name of layer ``key`` as the wall drawing of ``site`` labels it."""
    if site == "ampulla" and key in _AMPULLA_NAMES:
        return _AMPULLA_NAMES[key]
    return LAYER_NAMES[key]


@dataclass
class WallArtists:
    """The artists of a wall drawing that change with size and depth."""

    site: str
    keys: tuple[str, ...]
    bands: list[Rectangle]
    tumour: Ellipse
    depth_marker: Rectangle
    caption: object
    others: list[Ellipse] = field(default_factory=list)  #: further tumours (count > 1)

    @property
    def changing(self) -> list:
        """The artists that :func:`update_wall` changes."""
        return [self.tumour, *self.others, self.depth_marker, self.caption]


def _band_y(index: int) -> tuple[float, float]:
    """Top and bottom y of band ``index`` (band 0 at the top, each 1 unit high)."""
    return -float(index), -float(index) - 1.0


#: Sites whose drawn layers are a ladder of depths used for staging, not the real anatomy.
LADDER_SITES: tuple[str, ...] = ("duodenum", "ampulla", "appendix", "pancreas")
LADDER_NOTE = "Layers drawn as a ladder of staging depths, not true anatomy"
#: At most this many tumours are drawn (the caption says when more were entered).
MAX_TUMOURS_DRAWN = 4


def draw_wall(ax: Axes, site: str, invasion: str, size_cm: float,
              count: int = 1) -> WallArtists:
    """Draw the wall of ``site`` in layers with ``count`` tumours, the one that sets T
    ``size_cm`` wide and reaching ``invasion``.

    The layers are the site's invasion levels in anatomical order (for the pancreas: the gland,
    its fat, duodenum or bile duct, neighbouring organs, large vessels); at the duodenum,
    ampulla, appendix and pancreas they are a ladder of staging depths, which the drawing says.
    The tumour is drawn to scale across the wall (1 unit = 1 cm) and down to the layer it
    reaches; further tumours are drawn smaller and dashed (their size and depth are not set).
    """
    ax.clear()
    keys = site_tnm(site).invasion_keys
    bands = []
    for i, key in enumerate(keys):
        top, bottom = _band_y(i)
        band = Rectangle((0, bottom), _WALL_WIDTH_CM, 1.0, facecolor=_BAND_COLOURS[i],
                         edgecolor=MUTED, linewidth=0.6)
        ax.add_patch(band)
        bands.append(band)
        ax.text(_LABEL_LEFT, (top + bottom) / 2, layer_name(site, key), va="center",
                ha="left", fontsize=10, color=TEXT)
    surface = "Gland surface" if site == "pancreas" else "Lumen (inside of the gut)"
    ax.text(_LABEL_LEFT, 0.45, surface, ha="left", va="center", fontsize=9, color=MUTED)
    _draw_scale_bar(ax, len(keys))
    tumour = Ellipse((_WALL_WIDTH_CM / 2, 0), 1, 1, facecolor=_TUMOUR, edgecolor=TEXT,
                     linewidth=1.2, alpha=0.9, zorder=3)
    ax.add_patch(tumour)
    others = []
    for _ in range(MAX_TUMOURS_DRAWN - 1):
        other = Ellipse((0, 0), 0.6, 0.8, facecolor=_TUMOUR, edgecolor=TEXT, linewidth=1.0,
                        linestyle="--", alpha=0.6, zorder=3, visible=False)
        ax.add_patch(other)
        others.append(other)
    if site in LADDER_SITES:
        ax.text(_WALL_WIDTH_CM + 0.2, 0.45, LADDER_NOTE, ha="right", va="center", fontsize=8,
                color=MUTED, style="italic")
    marker = Rectangle((0, 0), _WALL_WIDTH_CM, 1.0, fill=False, edgecolor=HIGHLIGHT,
                       linewidth=2.5, zorder=4)
    ax.add_patch(marker)
    caption = ax.text(_WALL_WIDTH_CM / 2, -len(keys) - 0.35, "", ha="center", va="top",
                      fontsize=10, color=TEXT)
    ax.set_xlim(_LABEL_LEFT - 0.2, _WALL_WIDTH_CM + 0.3)
    ax.set_ylim(-len(keys) - 1.35, 0.8)
    ax.set_axis_off()
    artists = WallArtists(site, keys, bands, tumour, marker, caption, others)
    update_wall(artists, invasion, size_cm, count)
    return artists


def _draw_scale_bar(ax: Axes, n_bands: int) -> None:
    y = -n_bands - 0.15
    ax.plot([0, 1], [y, y], color=TEXT, linewidth=2)
    ax.text(1.15, y, "1 cm", va="center", fontsize=9, color=TEXT)


def _place_others(artists: WallArtists, count: int, main_width: float) -> int:
    """Show ``count - 1`` further tumours (smaller, shallow, dashed) beside the main one."""
    drawn = min(count, MAX_TUMOURS_DRAWN)
    free = (_WALL_WIDTH_CM - main_width) / 2 - 0.3  # room on each side of the main tumour
    width = max(min(0.8, free / 2 - 0.1), 0.25)
    slots = [(_WALL_WIDTH_CM - main_width) / 4, _WALL_WIDTH_CM - (_WALL_WIDTH_CM - main_width) / 4,
             (_WALL_WIDTH_CM - main_width) / 8]
    for i, other in enumerate(artists.others):
        visible = i < drawn - 1 and free > 0.3
        other.set_visible(visible)
        if visible:
            restyle(other, width=width, height=_BULGE + 0.6,
                    center=(slots[i], (_BULGE - 0.6) / 2))
    return 1 + sum(o.get_visible() for o in artists.others)


def update_wall(artists: WallArtists, invasion: str, size_cm: float, count: int = 1) -> None:
    """Move the tumour of a wall drawing to ``size_cm`` wide and ``invasion`` deep, and show
    ``count`` tumours in all."""
    depth = artists.keys.index(invasion)
    width = min(size_cm, _WALL_WIDTH_CM - 0.4)
    bottom = _band_y(depth)[1] + 0.2
    artists.tumour.set_width(width)
    artists.tumour.set_height(_BULGE - bottom)
    artists.tumour.set_center((_WALL_WIDTH_CM / 2, (_BULGE + bottom) / 2))
    artists.depth_marker.set_y(_band_y(depth)[1])
    drawn = _place_others(artists, count, width)
    shown = "" if size_cm <= _WALL_WIDTH_CM - 0.4 else " (drawn cut to fit)"
    if count == 1:
        what = f"Tumour {size_cm:.1f} cm{shown}"
    else:
        more = "" if drawn == count else f", {drawn} drawn"
        what = (f"{count} tumours{more}; the one that sets T: {size_cm:.1f} cm{shown}")
    artists.caption.set_text(
        f"{what};\ndeepest layer reached: {layer_name(artists.site, invasion)}"
    )


# --- spread: nodes and metastases -------------------------------------------------------------

_NODE_SLOTS = 12
_POSITIVE = OKABE_ITO["vermillion"]
_NEGATIVE = "#FFFFFF"


@dataclass
class SpreadArtists:
    """The artists of a spread drawing that change with N and M."""

    nodes: list[Ellipse]
    node_caption: object
    mass: Ellipse
    liver: FancyBboxPatch
    beyond: FancyBboxPatch
    liver_text: object
    beyond_text: object

    @property
    def changing(self) -> list:
        """The artists that :func:`update_spread` changes."""
        return [*self.nodes, self.node_caption, self.mass, self.liver, self.beyond,
                self.liver_text, self.beyond_text]


def draw_spread(ax: Axes, result: StagingResult, nodes_positive: int | None,
                mass_gt_2cm: bool) -> SpreadArtists:
    """Draw the primary, its regional lymph nodes, the liver and the rest of the body."""
    ax.clear()
    ax.add_patch(Ellipse((1.6, 2.0), 1.4, 1.0, facecolor=_TUMOUR, edgecolor=TEXT))
    ax.text(1.6, 2.0, "Primary", ha="center", va="center", fontsize=9, color=TEXT)
    nodes = []
    for i in range(_NODE_SLOTS):
        x, y = 0.4 + (i % 6) * 0.48, 0.75 - (i // 6) * 0.45
        node = Ellipse((x, y), 0.34, 0.34, facecolor=_NEGATIVE, edgecolor=TEXT, linewidth=1)
        ax.add_patch(node)
        nodes.append(node)
    node_caption = ax.text(1.6, -0.45, "", ha="center", va="top", fontsize=9, color=TEXT)
    ax.text(1.6, 1.25, "Regional lymph nodes", ha="center", va="center", fontsize=9,
            color=MUTED)
    mass = Ellipse((3.05, 1.1), 0.7, 0.55, facecolor=_POSITIVE, edgecolor=TEXT, hatch="//")
    ax.add_patch(mass)
    liver = FancyBboxPatch((4.2, 1.5), 2.0, 1.0, boxstyle="round,pad=0.1", edgecolor=TEXT)
    beyond = FancyBboxPatch((4.2, 0.0), 2.0, 1.0, boxstyle="round,pad=0.1", edgecolor=TEXT)
    ax.add_patch(liver)
    ax.add_patch(beyond)
    liver_text = ax.text(5.2, 2.0, "", ha="center", va="center", fontsize=9)
    beyond_text = ax.text(5.2, 0.5, "", ha="center", va="center", fontsize=9)
    ax.set_xlim(-0.1, 6.5)
    ax.set_ylim(-0.9, 2.75)
    ax.set_axis_off()
    artists = SpreadArtists(nodes, node_caption, mass, liver, beyond, liver_text, beyond_text)
    update_spread(artists, result, nodes_positive, mass_gt_2cm)
    return artists


def _organ_state(patch: FancyBboxPatch, label: object, name: str, involved: bool) -> None:
    restyle(patch, facecolor=_POSITIVE if involved else "#F2F2F2",
            linewidth=2.5 if involved else 1.0)
    label.set_text(f"{name}\n{'metastasis' if involved else 'no metastasis'}")
    restyle(label, color=TEXT, fontweight="bold" if involved else "normal")


def update_spread(artists: SpreadArtists, result: StagingResult, nodes_positive: int | None,
                  mass_gt_2cm: bool) -> None:
    """Colour the positive nodes, show or hide the mesenteric mass, and mark metastases."""
    shown = 0 if nodes_positive is None else min(nodes_positive, _NODE_SLOTS)
    for i, node in enumerate(artists.nodes):
        restyle(node, facecolor=_POSITIVE if i < shown else _NEGATIVE,
                linestyle="--" if nodes_positive is None else "-")
    if nodes_positive is None:
        text = "Nodes not assessed"
    else:
        more = f" (first {_NODE_SLOTS} drawn)" if nodes_positive > _NODE_SLOTS else ""
        text = f"{nodes_positive} positive node{'s' if nodes_positive != 1 else ''}{more}"
    artists.node_caption.set_text(f"{text}: {result.n}")
    artists.mass.set_visible(mass_gt_2cm)
    _organ_state(artists.liver, artists.liver_text, "Liver", result.m in ("M1a", "M1c"))
    _organ_state(artists.beyond, artists.beyond_text, "Beyond the liver",
                 result.m in ("M1b", "M1c"))


# --- stage grid -------------------------------------------------------------------------------

#: Sequential, colour-blind-safe fills for stage groups (light to dark blue), text colour each.
_STAGE_FILLS = {"I": ("#DCEAF7", TEXT), "II": ("#A9CCEB", TEXT), "III": ("#2B6CA3", "#FFFFFF"),
                "IV": ("#08457E", "#FFFFFF")}
_NO_STAGE = ("#FFFFFF", MUTED)


def stage_grid_cells(site: str, edition: str = DEFAULT_EDITION
                     ) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Return the rows (base T) and columns ((N, M) pairs) of a site's stage grid."""
    data = site_tnm(site, edition)
    ns = [n for n, _text in data.n_definitions if n != "NX"]
    columns = (*((n, "M0") for n in ns), ("NX", "M0"), ("any N", "M1"))
    return ("T1", "T2", "T3", "T4"), columns


def _grid_stage(site: str, t: str, n: str, m: str, edition: str) -> str | None:
    n_used = "N0" if n == "any N" else n
    m_used = "M1a" if m == "M1" else m
    for row in stage_table(site, edition):
        if row.matches(t, n_used, m_used):
            return row.stage
    return None


@dataclass
class StageGridArtists:
    """The highlight frame of a stage grid, and where each cell sits."""

    site: str
    rows: tuple[str, ...]
    columns: tuple[tuple[str, str], ...]
    frame: Rectangle

    @property
    def changing(self) -> list:
        """The artists that :func:`update_stage_grid` changes."""
        return [self.frame]


#: Under the grid: why the NX column is mostly empty.
NX_NOTE = ("none = no stage group. Without examined nodes (NX) the tables give no stage;\n"
           "T4 is stage III whatever N is, once N is known.")


def draw_stage_grid(ax: Axes, site: str, result: StagingResult,
                    edition: str = DEFAULT_EDITION) -> StageGridArtists:
    """Draw ``site``'s stage table under ``edition`` as a T-by-(N, M) grid and frame the case."""
    ax.clear()
    rows, columns = stage_grid_cells(site, edition)
    for r, t in enumerate(rows):
        for c, (n, m) in enumerate(columns):
            stage = _grid_stage(site, t, n, m, edition)
            fill, ink = _STAGE_FILLS.get((stage or "").rstrip("AB"), _NO_STAGE)
            ax.add_patch(Rectangle((c, -r - 1), 1, 1, facecolor=fill, edgecolor="#FFFFFF",
                                   linewidth=2))
            ax.text(c + 0.5, -r - 0.5, stage or "none", ha="center", va="center",
                    fontsize=11 if stage else 9, color=ink,
                    fontweight="bold" if stage else "normal")
        ax.text(-0.12, -r - 0.5, t, ha="right", va="center", fontsize=11, color=TEXT)
    for c, (n, m) in enumerate(columns):
        ax.text(c + 0.5, 0.12, f"{n}\n{m}", ha="center", va="bottom", fontsize=10, color=TEXT)
    frame = Rectangle((0, -1), 1, 1, fill=False, edgecolor=HIGHLIGHT, linewidth=4, zorder=5)
    ax.add_patch(frame)
    ax.text(-0.75, -len(rows) - 0.12, NX_NOTE, ha="left", va="top", fontsize=8, color=MUTED)
    ax.set_xlim(-0.8, len(columns) + 0.05)
    ax.set_ylim(-len(rows) - 0.75, 1.0)
    ax.set_axis_off()
    artists = StageGridArtists(site, rows, columns, frame)
    update_stage_grid(artists, result)
    return artists


def update_stage_grid(artists: StageGridArtists, result: StagingResult) -> None:
    """Move the highlight frame to the cell of ``result``."""
    r = artists.rows.index(result.t[:2])
    if result.m != "M0":
        c = len(artists.columns) - 1
    else:
        c = [n for n, _m in artists.columns].index(result.n)
    artists.frame.set_xy((c, -r - 1))


# --- site comparison --------------------------------------------------------------------------


@dataclass
class ComparisonArtists:
    """The value cells of a site comparison, one row of texts per site."""

    cells: dict[str, list]
    notes: dict[str, object]

    @property
    def changing(self) -> list:
        """The artists that :func:`update_site_comparison` changes."""
        return [t for row in self.cells.values() for t in row] + list(self.notes.values())


_COMPARISON_X = (0.0, 4.2, 5.6, 7.0, 8.4)


def draw_site_comparison(ax: Axes, sites: tuple[str, ...]) -> ComparisonArtists:
    """Draw a table with one row per site and empty T, N, M and stage cells."""
    ax.clear()
    xs = _COMPARISON_X
    for x, h in zip(xs, ("Site", "T", "N", "M", "Stage"), strict=True):
        ax.text(x, 0.2, h, fontsize=11, fontweight="bold", color=TEXT, va="bottom")
    cells, notes = {}, {}
    for i, site in enumerate(sites):
        y = -i - 0.5
        if i % 2 == 0:
            ax.add_patch(Rectangle((-0.1, -i - 1), 10.0, 1, facecolor="#F2F2F2",
                                   edgecolor="none"))
        ax.text(xs[0], y, site_tnm(site).label, va="center", fontsize=10, color=TEXT)
        cells[site] = [ax.text(x, y, "", va="center", fontsize=11, color=TEXT,
                               fontweight="bold") for x in xs[1:]]
        notes[site] = ax.text(xs[1], y, "", va="center", fontsize=9, color=MUTED,
                              style="italic")
    ax.set_xlim(-0.2, 9.9)
    ax.set_ylim(-len(sites) - 0.1, 0.9)
    ax.set_axis_off()
    return ComparisonArtists(cells, notes)


def update_site_comparison(artists: ComparisonArtists,
                           results: dict[str, StagingResult | None]) -> None:
    """Fill each site's row; ``None`` marks a depth the site does not define."""
    for site, res in results.items():
        values = ("", "", "", "") if res is None else (res.t, res.n, res.m, res.stage or "none")
        for text, value in zip(artists.cells[site], values, strict=True):
            text.set_text(value)
        artists.notes[site].set_text("depth not defined at this site" if res is None else "")
