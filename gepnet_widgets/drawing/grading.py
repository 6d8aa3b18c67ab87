"""Drawings for the grading lesson: the Ki-67 slide, the WHO number line, the sampling scatter and
the two differentiations.

Each ``draw_*`` function takes a matplotlib Axes, draws on it, and returns a small object whose
``changing`` list holds the artists an ``update_*`` function moves (they are blitted by
``widgets/_figure.py``). Nothing here calls ``plt.show`` or imports pyplot or ipywidgets; every
number and rule comes from :mod:`gepnet_widgets.grading` and :mod:`gepnet_widgets.counting`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.collections import EllipseCollection, PathCollection
from matplotlib.colors import to_hex, to_rgb
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Ellipse, Polygon, Rectangle
from matplotlib.text import Text

from ..counting import CountResult, ScatterResult, Slide, TissuePattern, grade_of_percent
from ..grading import KI67_CUTOFFS, MITOSIS_CUTOFFS, GradeResult
from ..style import HIGHLIGHT, MUTED, OKABE_ITO, TEXT

__all__ = [
    "CutoffArtists",
    "draw_cutoff_line",
    "update_cutoff_line",
    "FieldArtists",
    "draw_field",
    "update_field",
    "change_slide",
    "ComparisonArtists",
    "draw_count_comparison",
    "update_count_comparison",
    "ScatterArtists",
    "draw_scatter",
    "update_scatter",
    "draw_differentiation",
    "NucleiArtist",
    "nuclei_image",
    "share_text",
    "GRADE_FILLS",
    "KI67_POSITIVE",
    "KI67_NEGATIVE",
    "LINE_MAX",
]

#: Nucleus colours: DAB brown (Ki-67-positive) and haematoxylin blue (negative). They differ in
#: lightness as well as hue, so they stay apart in grey scale and for colour-blind readers.
KI67_POSITIVE = "#7A3F0D"
KI67_NEGATIVE = "#8FB3E0"
#: Band fills, light to dark (sequential, colour-blind safe), with a readable text colour each.
GRADE_FILLS: dict[str, tuple[str, str]] = {
    "G1": ("#DCEAF7", TEXT),
    "G2": ("#A9CCEB", TEXT),
    "G3": ("#2B6CA3", "#FFFFFF"),
}
#: Right end of the number lines and charts (Ki-67 % and mitoses per 2 mm²); larger values are
#: drawn at the end with an arrow.
LINE_MAX = 40.0


def _pct(value: float) -> str:
    return f"{value:.1f}%"


def share_text(fraction: float) -> str:
    """A share as a percentage; a rare but real event never shows as 0.0%."""
    percent = 100 * fraction
    return "<0.1%" if 0 < percent < 0.05 else f"{percent:.1f}%"


# --- WHO number line ------------------------------------------------------------------------


@dataclass
class CutoffArtists:
    """The moving parts of the WHO number line."""

    markers: dict[str, Line2D]
    labels: dict[str, Text]
    frames: dict[str, Rectangle]
    verdict: Text

    @property
    def changing(self) -> list:
        """The artists that :func:`update_cutoff_line` changes."""
        return [*self.frames.values(), *self.markers.values(), *self.labels.values(),
                self.verdict]


_ROWS = {"ki67": 3.0, "mitoses": 0.8}  # y of each band's bottom
_BAND_H = 0.55


def _band_row(ax: Axes, y: float, cutoffs: tuple[float, float], unit: str, title: str,
              faded: bool = False) -> None:
    low, high = cutoffs
    for grade, (a, b) in zip(("G1", "G2", "G3"), ((0, low), (low, high), (high, LINE_MAX)),
                             strict=True):
        fill, ink = GRADE_FILLS[grade]
        if faded:  # the bands do not apply: pale fills, dark text (contrast stays WCAG AA)
            fill, ink = "#EEEEEE", TEXT
        ax.add_patch(Rectangle((a, y), b - a, _BAND_H, facecolor=fill, edgecolor="#FFFFFF",
                               linewidth=1.5))
        ax.text((a + b) / 2, y + _BAND_H / 2, grade, ha="center", va="center", fontsize=10,
                color=ink, fontweight="bold")
    for tick in range(0, int(LINE_MAX) + 1, 10):
        ax.plot([tick, tick], [y - 0.08, y], color=MUTED, linewidth=1)
        if all(abs(tick - cut) > 1.5 for cut in cutoffs):
            ax.text(tick, y - 0.12, f"{tick}", ha="center", va="top", fontsize=8, color=MUTED)
    for cut in cutoffs:
        ax.plot([cut, cut], [y - 0.1, y + _BAND_H + 0.05], color=TEXT, linewidth=1.6)
        ax.text(cut, y - 0.12, f"{cut:g}{unit}", ha="center", va="top", fontsize=9,
                color=TEXT, fontweight="bold")
    ax.text(-0.8, y + _BAND_H + 0.72, title, ha="left", va="bottom", fontsize=10, color=TEXT)


def draw_cutoff_line(ax: Axes, result: GradeResult) -> CutoffArtists:
    """Draw the WHO 2019 cut-offs as two number lines (Ki-67 %, mitoses per 2 mm²).

    Each line is split into its G1, G2 and G3 bands (cut-offs 3% and 20%; 2 and 20 per 2 mm²
    [S9, S8]); the tumour's two values are marked on them, the deciding index is framed, and the
    verdict ("higher grade wins", or NEC) is written underneath. For a poorly differentiated
    tumour the bands are drawn pale with a note that they do not apply (NEC is not graded); draw
    the other differentiation on another Axes.
    """
    ax.clear()
    poor = result.differentiation == "poor"
    _band_row(ax, _ROWS["ki67"], KI67_CUTOFFS, "%", "Ki-67 index (% of tumour cells)", poor)
    _band_row(ax, _ROWS["mitoses"], MITOSIS_CUTOFFS, "",
              "Mitotic count (mitoses per 2 mm²)", poor)
    markers, labels, frames = {}, {}, {}
    for key, y in _ROWS.items():
        (markers[key],) = ax.plot([0], [y + _BAND_H + 0.12], marker="v", markersize=13,
                                  color=HIGHLIGHT, markeredgecolor=TEXT, linestyle="none",
                                  zorder=5)
        labels[key] = ax.text(0, y + _BAND_H + 0.3, "", ha="center", va="bottom", fontsize=10,
                              color=TEXT, fontweight="bold", zorder=5)
        frames[key] = Rectangle((-0.3, y - 0.04), LINE_MAX + 0.6, _BAND_H + 0.08, fill=False,
                                edgecolor=HIGHLIGHT, linewidth=3, zorder=4)
        ax.add_patch(frames[key])
    if poor:
        ax.text(LINE_MAX, _ROWS["mitoses"] + _BAND_H + 0.8,
                "Poorly differentiated: bands do not apply", ha="right",
                va="bottom", fontsize=10, color=TEXT, fontweight="bold", zorder=7,
                bbox={"boxstyle": "round,pad=0.3", "facecolor": "#FFFFFF", "edgecolor": MUTED})
    verdict = ax.text(LINE_MAX / 2, 0.05, "", ha="center", va="top", fontsize=12, color=TEXT,
                      fontweight="bold")
    ax.set_xlim(-1.0, LINE_MAX + 1.2)
    ax.set_ylim(-0.65, 4.75)
    ax.set_axis_off()
    artists = CutoffArtists(markers, labels, frames, verdict)
    update_cutoff_line(artists, result)
    return artists


def _place(marker: Line2D, label: Text, value: float, text: str) -> None:
    shown = min(value, LINE_MAX)
    y = marker.get_ydata()[0]
    marker.set_data([shown], [y])
    marker.set_marker(">" if value > LINE_MAX else "v")
    # Keep the label inside the picture: anchor it on the side away from the nearer end.
    ha = "left" if shown < 5 else "right" if shown > LINE_MAX - 8 else "center"
    offset = {"left": -0.6, "right": 0.6, "center": 0.0}[ha]
    label.set_position((shown + offset, label.get_position()[1]))
    label.set_ha(ha)
    label.set_text(text + (" (off the scale)" if value > LINE_MAX else ""))


def update_cutoff_line(artists: CutoffArtists, result: GradeResult) -> None:
    """Move the markers to ``result``'s Ki-67 and mitotic count and rewrite the verdict."""
    poor = result.differentiation == "poor"
    ki67, mitoses = result.ki67_percent, result.mitoses_per_2mm2
    for key, value, grade, text in (
        ("ki67", ki67, result.ki67_grade, None if ki67 is None else _pct(ki67)),
        ("mitoses", mitoses, result.mitotic_grade, None if mitoses is None else f"{mitoses:.1f}"),
    ):
        present = value is not None
        artists.markers[key].set_visible(present)
        artists.labels[key].set_visible(present)
        if present:
            _place(artists.markers[key], artists.labels[key], value,
                   text if poor else f"{text}: {grade}")
    deciding = result.deciding_index
    for key, frame in artists.frames.items():
        frame.set_visible(deciding in (key, "both"))
    artists.verdict.set_text(_verdict(result))


def _verdict(result: GradeResult) -> str:
    if result.differentiation == "poor":
        return f"{result.category}: not graded (high grade by definition)"
    k, m = result.ki67_grade, result.mitotic_grade
    if k is not None and m is not None and k != m:
        return f"Indices disagree ({k} vs {m}): the higher grade wins, {result.category}"
    return f"Both indices give {result.grade}: {result.category}"


# --- the Ki-67 slide ------------------------------------------------------------------------


@dataclass
class FieldArtists:
    """The counting windows drawn over a slide, and the slide's nuclei and title."""

    seed: int
    yours: Circle
    yours_label: Text
    hot: Circle
    hot_label: Text
    nuclei: NucleiArtist
    title: Text

    @property
    def changing(self) -> list:
        """The artists that :func:`update_field` changes."""
        return [self.hot, self.hot_label, self.yours, self.yours_label]


def draw_field(ax: Axes, slide: Slide, hot: CountResult, yours: CountResult) -> FieldArtists:
    """Draw the whole synthetic slide (brown and blue nuclei) with both counting windows.

    The dashed circle holds the cells counted in the hot spot, the solid one the learner's own
    field; both grow with the number of cells counted.
    """
    ax.clear()
    # The Axes draws no background (its axis is off): the nuclei lie on the figure's colour.
    face = ax.figure.get_facecolor()
    nuclei = NucleiArtist(slide, ground=to_hex(face) if face[3] == 1 else None)
    ax.add_artist(nuclei)
    hot_circle = Circle((0, 0), 1, fill=False, edgecolor=TEXT, linewidth=2.2, linestyle="--",
                        zorder=4)
    yours_circle = Circle((0, 0), 1, fill=False, edgecolor=HIGHLIGHT, linewidth=2.6, zorder=5)
    for patch in (hot_circle, yours_circle):
        ax.add_patch(patch)
        patch.set_clip_path(Rectangle((0, 0), slide.width, slide.height,
                                      transform=ax.transData))
    box = {"boxstyle": "round,pad=0.2", "facecolor": "#FFFFFF", "edgecolor": "none", "alpha": 0.9}
    hot_label = ax.text(0, 0, "Hot spot", ha="center", va="bottom", fontsize=9, color=TEXT,
                        fontweight="bold", bbox=box, zorder=6)
    yours_label = ax.text(0, 0, "Your field", ha="center", va="bottom", fontsize=9,
                          color=TEXT, fontweight="bold", bbox=box, zorder=6)
    ax.set_xlim(0, slide.width)
    ax.set_ylim(slide.height, -3.1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    title = ax.text(0, -1.0, _slide_title(slide), ha="left", va="bottom", fontsize=9,
                    color=TEXT)
    artists = FieldArtists(slide.seed, yours_circle, yours_label, hot_circle, hot_label,
                           nuclei, title)
    update_field(artists, slide, hot, yours)
    return artists


def _slide_title(slide: Slide) -> str:
    return f"Synthetic slide {slide.seed}: brown = Ki-67-positive, blue = negative"


def change_slide(artists: FieldArtists, slide: Slide, hot: CountResult,
                 yours: CountResult) -> None:
    """Show another slide in a drawn field (same size): new nuclei, title and windows.

    Cheaper than :func:`draw_field` (the Axes is not cleared); redraw the Axes afterwards.
    """
    if (slide.width, slide.height) != (artists.nuclei.slide.width, artists.nuclei.slide.height):
        raise ValueError("the new slide has another size; draw the field again")
    artists.nuclei.slide = slide
    artists.nuclei.stale = True
    artists.title.set_text(_slide_title(slide))
    artists.seed = slide.seed
    update_field(artists, slide, hot, yours)


_NUCLEUS_RADIUS = 0.36  # in nucleus spacings
_NUCLEI_CHUNK = 2048  # nuclei rasterised at a time (bounds the temporaries to a few MB)


def _rgba_word(colour: str) -> np.uint32:
    """``#rrggbb`` as one little-endian RGBA pixel word with zero alpha."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return np.uint32(red | green << 8 | blue << 16)


_POSITIVE_WORD = _rgba_word(KI67_POSITIVE)
_NEGATIVE_WORD = _rgba_word(KI67_NEGATIVE)


@functools.lru_cache(maxsize=8)
def ground_table(ground: str) -> np.ndarray:
    """The finished pixels of a nucleus pixel laid on an opaque ``ground`` colour (``#rrggbb``).

    512 little-endian RGBA words: entry ``a`` is a negative nucleus pixel of coverage ``a``
    (0-255), entry ``256 + a`` a positive one. Agg itself blends them (the same call that draws
    an image over the ground), so an image made with this table has exactly the pixels of the
    transparent image drawn over that ground.
    """
    renderer = RendererAgg(512, 1, 72)
    pixels = np.asarray(renderer.buffer_rgba())
    pixels[...] = [*(round(255 * c) for c in to_rgb(ground)), 255]
    nuclei = np.zeros((1, 512, 4), np.uint8)
    nuclei[0, :256, :] = np.frombuffer(_NEGATIVE_WORD.tobytes(), np.uint8)
    nuclei[0, 256:, :] = np.frombuffer(_POSITIVE_WORD.tobytes(), np.uint8)
    nuclei[0, :, 3] = np.tile(np.arange(256, dtype=np.uint8), 2)
    gc = renderer.new_gc()
    renderer.draw_image(gc, 0, 0, nuclei)
    gc.restore()
    table = pixels[0].copy().view("<u4").ravel()
    table.setflags(write=False)
    return table


def nuclei_image(cx: np.ndarray, cy: np.ndarray, positive: np.ndarray, radius: float,
                 width: int, height: int, ground: np.ndarray | None = None) -> np.ndarray:
    """Rasterise nuclei as anti-aliased discs into an RGBA ``uint8`` image.

    ``cx``, ``cy`` are centres in pixels (x to the right, y downwards from the top row);
    ``radius`` is in pixels. Nuclei hardly overlap; where two rims touch, a disc's core wins
    (every rim pixel is painted first, then every core pixel). Each pixel is written as one
    32-bit word (colour and coverage together), which keeps a whole slide at a few ms.

    ``ground``: None for a transparent ground (each pixel is its nucleus colour, its coverage as
    alpha), or a :func:`ground_table`: then the image is opaque, the nuclei already laid on
    that ground (nothing is left to blend when it is drawn).
    """
    reach = int(np.ceil(radius + 0.5))  # pixels whose centre can lie within radius + 0.5
    offsets = np.arange(-reach, reach + 1, dtype=np.int32)
    dy, dx = (a.ravel() for a in np.meshgrid(offsets, offsets, indexing="ij"))
    # A pixel (dx, dy) from the one holding the centre is at least this far from the centre,
    # wherever in its pixel the centre lies; those never covered are not computed (the margin
    # keeps every pixel that rounding could cover).
    nearest = np.hypot(np.maximum(np.abs(dx) - 0.5, 0), np.maximum(np.abs(dy) - 0.5, 0))
    can_cover = nearest < radius + 0.5 + 1e-3
    dx, dy = dx[can_cover], dy[can_cover]
    fdx, fdy = dx.astype(np.float32), dy.astype(np.float32)
    cx, cy = np.asarray(cx, np.float32), np.asarray(cy, np.float32)
    positive = np.asarray(positive, bool)
    if ground is None:
        colour = np.where(positive, _POSITIVE_WORD, _NEGATIVE_WORD).astype("<u4")
    else:
        stain = positive.astype("<u4") << 8  # a positive nucleus's entries start at 256
    rims, cores = [], []
    for start in range(0, len(cx), _NUCLEI_CHUNK):
        part = slice(start, start + _NUCLEI_CHUNK)
        fx, fy = np.floor(cx[part]), np.floor(cy[part])
        ox = (fx - cx[part] + np.float32(0.5))[:, None] + fdx
        oy = (fy - cy[part] + np.float32(0.5))[:, None] + fdy
        cover = np.float32(radius + 0.5) - np.sqrt(ox * ox + oy * oy)
        np.clip(cover, 0.0, 1.0, out=cover)
        px = fx.astype(np.int32)[:, None] + dx
        py = fy.astype(np.int32)[:, None] + dy
        inside = (cover > 0) & (px >= 0) & (px < width) & (py >= 0) & (py < height)
        flat = (py * width + px).ravel()
        alpha = (np.float32(255.0) * cover + np.float32(0.5)).astype("<u4")
        word = (colour[part, None] | (alpha << 24) if ground is None
                else ground.take(stain[part, None] + alpha)).ravel()
        core = cover >= 1.0
        # Positions once, then two takes: faster than masking both arrays with each mask.
        rim = np.flatnonzero(inside & ~core)
        core = np.flatnonzero(core & inside)
        rims.append((flat.take(rim), word.take(rim)))
        cores.append((flat.take(core), word.take(core)))
    image = np.full(height * width, 0 if ground is None else ground[0], "<u4")
    for flat, word in rims + cores:
        image[flat] = word
    return image.view(np.uint8).reshape(height, width, 4)


class NucleiArtist(Artist):
    """All nuclei of a slide, rasterised straight at the screen scale when drawn.

    Drawing 6000 nuclei as one pixel image at the exact on-screen size is much faster than 6000
    markers or a resampled ``imshow``, and rasterising a slide takes a few ms, so a new slide
    appears quickly. Only the rasters of the last :data:`_KEPT` draws are kept (about 0.9 MB
    each): a slide seen before is rasterised again, which costs about as much as unpacking a
    stored copy did, without holding one copy per slide in the learner's kernel.

    With a ``ground`` colour the artist paints its Axes' whole box (in whole pixels) opaque:
    the nuclei laid on that ground (:func:`ground_table`), the same pixels as the transparent
    raster drawn over it. On an Agg canvas the box is then copied into the canvas, with nothing
    left to blend; other renderers get it as an image.
    """

    _KEPT = 2  #: rasters kept, the most recently drawn last

    def __init__(self, slide: Slide, ground: str | None = None) -> None:
        super().__init__()
        self.slide = slide
        self.ground = ground
        self.zorder = 1
        self._recent: dict[tuple, np.ndarray] = {}  #: least recently drawn first

    def _raster(self, key: tuple, make) -> np.ndarray:
        image = self._recent.pop(key, None)
        if image is None:
            image = make()
        self._recent[key] = image
        while len(self._recent) > self._KEPT:
            self._recent.pop(next(iter(self._recent)))
        return image

    def draw(self, renderer) -> None:
        if not self.get_visible() or self.axes is None:
            return
        ax = self.axes
        box = ax.bbox
        x0, y0 = int(np.floor(box.x0)), int(np.floor(box.y0))
        width, height = int(np.ceil(box.x1)) - x0, int(np.ceil(box.y1)) - y0
        unit = abs(ax.transData.transform((1.0, 0.0))[0] - ax.transData.transform((0.0, 0.0))[0])
        slide = self.slide
        key = (slide.seed, slide.hot_index, slide.quiet_index, x0, y0, width, height,
               round(unit, 6), tuple(np.round(ax.get_xlim() + ax.get_ylim(), 6)), self.ground)

        def rasterise() -> np.ndarray:
            points = ax.transData.transform(np.column_stack([slide.x, slide.y]))
            return nuclei_image(points[:, 0] - x0, (y0 + height) - points[:, 1],
                                slide.positive, _NUCLEUS_RADIUS * unit, width, height,
                                None if self.ground is None else ground_table(self.ground))

        image = self._raster(key, rasterise)
        if self.ground is None or not _copy_into(renderer, image, x0, y0):
            gc = renderer.new_gc()
            if self.ground is None:
                gc.set_clip_rectangle(box)
            renderer.draw_image(gc, x0, y0, image[::-1])
            gc.restore()
        self.stale = False


def _copy_into(renderer, image: np.ndarray, x0: int, y0: int) -> bool:
    """Copy an opaque ``image`` (rows from the top) into an Agg canvas with its lower left
    corner at pixel ``(x0, y0)`` (y up), cut to the canvas. False for another renderer."""
    if not isinstance(renderer, RendererAgg):
        return False
    pixels = np.asarray(renderer.buffer_rgba())
    rows, cols = pixels.shape[:2]
    height, width = image.shape[:2]
    top = rows - (y0 + height)
    r0, c0 = max(top, 0), max(x0, 0)
    r1, c1 = min(top + height, rows), min(x0 + width, cols)
    if r0 < r1 and c0 < c1:
        pixels[r0:r1, c0:c1] = image[r0 - top:r1 - top, c0 - x0:c1 - x0]
    return True


def _window(circle: Circle, label: Text, count: CountResult, slide: Slide, above: bool) -> None:
    """Fit ``circle`` round the counted cells; label it above (or below) if there is room."""
    cx, cy = count.centre
    radius = count.radius + 0.5
    circle.set_center((cx, cy))
    circle.set_radius(radius)
    top, bottom = cy - radius - 0.4, cy + radius + 0.4
    if above and top < 2.5:
        above = False
    elif not above and bottom > slide.height - 2.5:
        above = True
    label.set_position((min(max(cx, 6.0), slide.width - 6.0),
                        max(top, 2.5) if above else min(bottom, slide.height - 2.5)))
    label.set_va("bottom" if above else "top")


def update_field(artists: FieldArtists, slide: Slide, hot: CountResult,
                 yours: CountResult) -> None:
    """Move and resize the two counting windows (hot spot labelled above, yours below)."""
    _window(artists.hot, artists.hot_label, hot, slide, above=True)
    _window(artists.yours, artists.yours_label, yours, slide, above=False)


# --- hot spot vs your field, side by side ---------------------------------------------------


@dataclass
class ComparisonArtists:
    """The two readings with their intervals."""

    points: list[Line2D]
    bars: list[Line2D]
    truths: list[Line2D]
    values: list[Text]

    @property
    def changing(self) -> list:
        """The artists that :func:`update_count_comparison` changes."""
        return [*self.bars, *self.points, *self.truths, *self.values]


def _grade_bands_y(ax: Axes, left: float, right: float, top: float) -> None:
    low, high = KI67_CUTOFFS
    for grade, (a, b) in zip(("G1", "G2", "G3"), ((0, low), (low, high), (high, top)),
                             strict=True):
        ax.add_patch(Rectangle((left, a), right - left, b - a, facecolor=_CHART_BANDS[grade],
                               edgecolor="none", zorder=0))
        ax.text(right - 0.04, (a + b) / 2 if grade != "G1" else b / 2, grade, ha="right",
                va="center", fontsize=9, color=TEXT, fontweight="bold")
    for cut in KI67_CUTOFFS:
        ax.axhline(cut, color=TEXT, linewidth=1.0, linestyle="--", zorder=1)


def draw_count_comparison(ax: Axes, hot: CountResult, yours: CountResult) -> ComparisonArtists:
    """Draw the hot-spot reading and the learner's reading side by side on the WHO bands.

    Each reading is a dot with its 95% interval as a bar; a hollow diamond marks the true index
    of the counted area (known only because the slide is synthetic).
    """
    ax.clear()
    _grade_bands_y(ax, -0.6, 1.6, LINE_MAX)
    points, bars, truths, values = [], [], [], []
    for i, (name, colour) in enumerate((("Hot spot", TEXT), ("Your field", HIGHLIGHT))):
        (bar,) = ax.plot([i, i], [0, 0], color=colour, linewidth=2.5, solid_capstyle="butt",
                         zorder=3)
        (point,) = ax.plot([i], [0], marker="o", markersize=9, color=colour,
                           markeredgecolor="#FFFFFF", zorder=4)
        (truth,) = ax.plot([i + 0.22], [0], marker="D", markersize=7, markerfacecolor="none",
                           markeredgecolor=TEXT, markeredgewidth=1.5, linestyle="none",
                           zorder=4)
        value = ax.text(i, 0, "", ha="center", va="bottom", fontsize=9, color=TEXT,
                        fontweight="bold", zorder=5,
                        bbox={"boxstyle": "round,pad=0.15", "facecolor": "#FFFFFF",
                              "edgecolor": "none", "alpha": 0.85})
        ax.text(i, -1.6, name, ha="center", va="top", fontsize=10, color=TEXT,
                fontweight="bold")
        for bucket, artist in ((points, point), (bars, bar), (truths, truth), (values, value)):
            bucket.append(artist)
    ax.set_xlim(-0.6, 1.6)
    ax.set_ylim(-4.5, LINE_MAX)
    ax.spines[["top", "right", "bottom"]].set_visible(False)
    ax.spines["left"].set_bounds(0, LINE_MAX)
    ax.set_xticks([])
    ax.set_yticks(range(0, int(LINE_MAX) + 1, 10))
    ax.set_yticks(KI67_CUTOFFS, minor=True)
    ax.tick_params(axis="y", labelsize=9)
    ax.set_ylabel("Ki-67 index read (%)", fontsize=10, color=TEXT)
    ax.yaxis.set_label_coords(-0.16, 0.6)
    ax.text(0.5, LINE_MAX + 0.6, "dot: reading; bar: 95% interval; ◇: true index",
            ha="center", va="bottom", fontsize=8, color=MUTED)
    artists = ComparisonArtists(points, bars, truths, values)
    update_count_comparison(artists, hot, yours)
    return artists


def update_count_comparison(artists: ComparisonArtists, hot: CountResult,
                            yours: CountResult) -> None:
    """Move both readings, intervals and true-index marks."""
    for i, count in enumerate((hot, yours)):
        low, high = (min(v, LINE_MAX) for v in (count.ci_low, count.ci_high))
        shown = min(count.index, LINE_MAX)
        artists.bars[i].set_data([i, i], [low, high])
        artists.points[i].set_data([i], [shown])
        artists.truths[i].set_data([i + 0.22], [min(count.true_index, LINE_MAX)])
        artists.values[i].set_position((i, min(high + 0.6, LINE_MAX - 2.2)))
        artists.values[i].set_text(f"{_pct(count.index)}: {count.grade}")


# --- sampling scatter -----------------------------------------------------------------------


@dataclass
class ScatterArtists:
    """Per row of the scatter: the reads (same grade / other grade), 95% range and texts."""

    n_cells: tuple[int, ...]
    same: list[PathCollection]
    other: list[PathCollection]
    ranges: list[Line2D]
    texts: list[Text]
    truth: Line2D
    truth_label: Text
    jitter: np.ndarray

    @property
    def changing(self) -> list:
        """The artists that :func:`update_scatter` changes."""
        return [*self.same, *self.other, *self.ranges, *self.texts, self.truth,
                self.truth_label]


_SCATTER_MAX = 60.0
#: Neutral band fills for charts of data points (dots stay readable on every band).
_CHART_BANDS = {"G1": "#FFFFFF", "G2": "#EEEEEE", "G3": "#DCDCDC"}
_JITTER_SIZE = 100_000


def draw_scatter(ax: Axes, result: ScatterResult) -> ScatterArtists:
    """Draw the simulated readings as one strip of dots per cell count, with the cut-offs.

    Dots in the true grade are blue circles; readings that land in another grade are vermillion
    crosses. A bracket above each strip spans the middle 95% of readings.
    """
    ax.clear()
    n_rows = len(result.rows)
    for cut in KI67_CUTOFFS:
        ax.axvline(cut, color=TEXT, linewidth=1.3, linestyle="--", zorder=1)
        ax.text(cut, n_rows, f"{cut:g}%", ha="center", va="bottom", fontsize=9,
                color=TEXT, fontweight="bold",
                bbox={"boxstyle": "round,pad=0.1", "facecolor": "#FFFFFF", "edgecolor": "none"})
    for grade, (a, b) in zip(("G1", "G2", "G3"),
                             ((0, KI67_CUTOFFS[0]), KI67_CUTOFFS, (KI67_CUTOFFS[1], _SCATTER_MAX)),
                             strict=True):
        ax.axvspan(a, b, facecolor=_CHART_BANDS[grade], edgecolor="none", zorder=0)
        ax.text(a + 0.4, -0.62, grade, ha="left", va="center", fontsize=9, color=TEXT,
                fontweight="bold")
    same, other, ranges, texts = [], [], [], []
    for i, row in enumerate(result.rows):
        y = n_rows - 1 - i
        same.append(ax.scatter([], [], s=10, marker="o", color=OKABE_ITO["blue"], alpha=0.35,
                               linewidths=0, zorder=2))
        other.append(ax.scatter([], [], s=16, marker="x", color=HIGHLIGHT, alpha=0.7,
                                linewidths=1.0, zorder=3))
        (line,) = ax.plot([0, 0], [y + 0.3, y + 0.3], color=TEXT, linewidth=2,
                          marker="|", markersize=8, zorder=4)
        ranges.append(line)
        texts.append(ax.text(_SCATTER_MAX - 0.3, y + 0.34, "", ha="right", va="bottom",
                             fontsize=8.5, color=TEXT, zorder=5,
                             bbox={"boxstyle": "round,pad=0.15", "facecolor": "#FFFFFF",
                                   "edgecolor": "none", "alpha": 0.85}))
        ax.text(-0.6, y, f"{row.n_cells} cells", ha="right", va="center", fontsize=10,
                color=TEXT, fontweight="bold")
    (truth,) = ax.plot([0, 0], [-0.45, n_rows - 0.38], color=TEXT, linewidth=2, zorder=4)
    truth_label = ax.text(0, n_rows - 0.36, "", ha="left", va="bottom", fontsize=9, color=TEXT,
                          zorder=5)
    ax.set_xlim(0, _SCATTER_MAX)
    ax.set_ylim(-0.8, n_rows + 0.28)
    ax.set_yticks([])
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.set_xlabel("Ki-67 index read (%).  Bracket: middle 95% of reads.  ✕: read in another "
                  "grade than the true one.", fontsize=9.5)
    ax.tick_params(axis="x", labelsize=9)
    jitter = np.random.default_rng(12345).uniform(-0.22, 0.22, _JITTER_SIZE)
    artists = ScatterArtists(tuple(r.n_cells for r in result.rows), same, other, ranges,
                             texts, truth, truth_label, jitter)
    update_scatter(artists, result)
    return artists


def update_scatter(artists: ScatterArtists, result: ScatterResult) -> None:
    """Show ``result``'s readings (same cell counts as when drawn)."""
    if tuple(r.n_cells for r in result.rows) != artists.n_cells:
        raise ValueError("the scatter was drawn for other cell counts; draw it again")
    n_rows = len(result.rows)
    for i, row in enumerate(result.rows):
        y = n_rows - 1 - i
        reads = np.minimum(row.reads, _SCATTER_MAX)
        ys = y + artists.jitter[: reads.size]
        same = grade_of_percent(row.reads) == result.true_grade
        artists.same[i].set_offsets(np.column_stack([reads[same], ys[same]]))
        artists.other[i].set_offsets(np.column_stack([reads[~same], ys[~same]]))
        artists.ranges[i].set_data([row.low, min(row.high, _SCATTER_MAX)], [y + 0.3, y + 0.3])
        artists.texts[i].set_text(f"other grade: {share_text(row.misgraded(result.true_grade))}")
    truth = min(result.true_index, _SCATTER_MAX)
    artists.truth.set_xdata([truth, truth])
    right = truth > _SCATTER_MAX / 2
    artists.truth_label.set_ha("right" if right else "left")
    artists.truth_label.set_position((truth + (-0.5 if right else 0.5),
                                      artists.truth_label.get_position()[1]))
    artists.truth_label.set_text(f"true index {_pct(result.true_index)} ({result.true_grade})")


# --- differentiation schematics -------------------------------------------------------------

_STROMA = "#F7E4EC"  # eosin pink background
_NUCLEUS_INK = "#3F3582"  # haematoxylin purple
_NECROSIS = "#FBF3F6"


def _panel(ax: Axes, pattern: TissuePattern, left: float) -> None:
    frame = Rectangle((left, 0), 1, 1, facecolor=_STROMA, edgecolor=MUTED, linewidth=1)
    ax.add_patch(frame)
    for x, y, rx, ry in pattern.nests:
        ax.add_patch(Ellipse((left + x, y), 2 * rx, 2 * ry, facecolor="#EED3DF",
                             edgecolor="#B07A95", linewidth=1.0))
    if pattern.necrosis is not None:
        outline = pattern.necrosis + np.array([left, 0])
        ax.add_patch(Polygon(outline, closed=True, facecolor=_NECROSIS, edgecolor="#B07A95",
                             linewidth=1.0, hatch="..", zorder=1))
        debris = pattern.debris + np.array([left, 0])
        ax.scatter(debris[:, 0], debris[:, 1], s=4, color="#7D6F99", linewidths=0, zorder=2)
    offsets = np.column_stack([pattern.x + left, pattern.y])
    nuclei = EllipseCollection(
        pattern.width, pattern.height, pattern.angle, units="xy", offsets=offsets,
        offset_transform=ax.transData, facecolors=_NUCLEUS_INK, edgecolors="none", zorder=3)
    ax.add_collection(nuclei)
    nuclei.set_clip_path(frame)
    morph = pattern.morphology
    ax.text(left + 0.5, -0.1, morph.title, ha="center", va="bottom", fontsize=12,
            fontweight="bold", color=TEXT)
    ax.text(left + 0.5, -0.03, morph.categories, ha="center", va="bottom", fontsize=9.5,
            color=TEXT)
    features = "\n".join(f"• {f}" for f in morph.features)
    ax.text(left, 1.04, features, ha="left", va="top", fontsize=9.5, color=TEXT,
            linespacing=1.35)


def draw_differentiation(ax: Axes, well: TissuePattern, poor: TissuePattern) -> list:
    """Draw schematic well- and poorly differentiated tissue side by side, with their features.

    Returns an empty list: the picture does not change.
    """
    ax.clear()
    _panel(ax, well, 0.0)
    _panel(ax, poor, 1.15)
    nest = well.nests[0]
    ax.annotate("nest", (nest[0] - nest[2] * 0.7, nest[1] - nest[3] * 0.75), (0.07, 0.05),
                fontsize=9, color=TEXT, ha="center",
                arrowprops={"arrowstyle": "-", "color": TEXT, "lw": 1},
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "#FFFFFF", "edgecolor": "none"})
    ribbon = well.ribbons[0]
    mid = ribbon[len(ribbon) // 3]
    ax.annotate("ribbon (trabecula)", (mid[0], mid[1]), (0.3, 0.6), fontsize=9, color=TEXT,
                ha="center", arrowprops={"arrowstyle": "-", "color": TEXT, "lw": 1},
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "#FFFFFF", "edgecolor": "none"})
    if poor.necrosis is not None:
        cx, cy = poor.necrosis.mean(axis=0)
        ax.text(1.15 + cx, cy, "necrosis", ha="center", va="center", fontsize=9, color=TEXT,
                fontweight="bold", zorder=5,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "#FFFFFF",
                      "edgecolor": "none"})
    ax.set_xlim(-0.02, 2.17)
    ax.set_ylim(1.3, -0.2)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return []
