"""A matplotlib Figure shown as an accessible ``<img alt>`` inside an ``ipywidgets.HTML``.

The figure is built once (no pyplot, so nothing is auto-displayed and nothing piles up). Drawing
functions mark the artists that change as *animated*; :meth:`FigureView.refresh` renders the
static rest once, keeps it as a background, and on later updates only restores that background
and draws the animated artists over it (blitting), then encodes the pixels as PNG. Between two
frames of the same scene only the artists that changed (matplotlib marks them *stale*) and
those overlapping them are repainted (a dirty region); a frame where nothing changed is not
encoded again. The PNG is written by :class:`PngStream`, which compresses only the row bands
whose pixels changed, and the canvas's renderer keeps text layouts and glyph bitmaps
(:class:`_TextCachingRenderer`): text pixels are matplotlib's exactly, and the PNG holds the
canvas's pixels exactly (palette pictures: within :data:`PALETTE_TOLERANCE`); tests compare
them. Drawing functions help by touching only the properties that change
(:func:`gepnet_widgets.drawing._restyle.restyle`). Rendering through ``widgets.HTML`` (not
``widgets.Image``) lets the picture carry alt text, which axe-core requires and screen readers
read.

Every figure follows one rule in every theme: the picture keeps its light canvas (its text and
colours are checked on white) and sits in a frame, a thin border around a light mat
(:data:`gepnet_widgets.style.CSS_FIGURE_FRAME`), so on a dark page it reads as a picture.
"""

from __future__ import annotations

import base64
import html
import math
import os
import struct
import threading
import time
import zlib
from collections.abc import Callable, Hashable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends import backend_agg
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import fontManager, get_font
from matplotlib.ft2font import FT2Font
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from PIL import Image

from ..style import CSS_FIGURE_FRAME, FIGURE_DPI

__all__ = ["FigureView", "PngStream", "png_bytes", "img_tag"]

T = TypeVar("T")
U = TypeVar("U")


#: Rows per band of a PNG stream: a band is compressed on its own, and only bands whose pixels
#: changed since the last frame are compressed again.
BAND_ROWS = 16
#: Largest difference (0-255, any channel) a palette PNG may show from the drawn pixels; a frame
#: that the kept palette cannot show this closely gets a new palette.
PALETTE_TOLERANCE = 20
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ADLER_BASE = 65521
#: A final, empty deflate block (ends the stream of bands).
_DEFLATE_END = zlib.compressobj(1, zlib.DEFLATED, -15).flush()


def adler32_combine(first: int, second: int, second_len: int) -> int:
    """The Adler-32 checksum of ``a + b`` from those of ``a`` and ``b`` (zlib's algorithm)."""
    rem = second_len % _ADLER_BASE
    sum1 = first & 0xFFFF
    sum2 = (rem * sum1) % _ADLER_BASE
    sum1 += (second & 0xFFFF) + _ADLER_BASE - 1
    sum2 += ((first >> 16) & 0xFFFF) + ((second >> 16) & 0xFFFF) + _ADLER_BASE - rem
    sum1 %= _ADLER_BASE
    sum2 %= _ADLER_BASE
    return sum1 | (sum2 << 16)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind))))


#: Bands below which a frame is encoded in one thread (handing work over costs ~0.1 ms).
PARALLEL_MIN_BANDS = 6
_worker: ThreadPoolExecutor | None = None


_CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else \
    (os.cpu_count() or 1)


#: How long a reading of the load average is used before it is read again (seconds).
_LOAD_READ_EVERY_S = 1.0
_load_seen: tuple[float, float] = (-math.inf, 0.0)  #: (when read, 1-minute load average)


def _a_core_is_free() -> bool:
    """Whether a second core is likely idle: two cores or more, and a 1-minute load average
    below the cores less half a core (this kernel's own work counts in it). On a busy hub (a
    class) the halves would only take turns on the same cores, so the caller then does all
    the work itself."""
    global _load_seen
    if _CORES < 2:
        return False
    now = time.monotonic()
    if now - _load_seen[0] > _LOAD_READ_EVERY_S:
        try:
            _load_seen = (now, os.getloadavg()[0])
        except OSError:  # not available here: assume the machine is not shared
            _load_seen = (now, 0.0)
    return _load_seen[1] < _CORES - 0.5


def in_two(work: Callable[[list[T]], list[U]], items: list[T]) -> list[U]:
    """``work(items)``, done as two halves at once when that can be faster.

    The second half runs in one shared worker thread while the caller does the first, and the
    two results are joined in order: ``work`` must not touch shared state, and the caller must
    accept either one result for all items or one per half. Used for encoding (Pillow and
    zlib let go of Python's lock while they work), only with at least
    :data:`PARALLEL_MIN_BANDS` items and a core to spare (:func:`_a_core_is_free`).
    """
    global _worker
    if len(items) < PARALLEL_MIN_BANDS or not _a_core_is_free():
        return work(items) if items else []
    if _worker is None:
        _worker = ThreadPoolExecutor(1, thread_name_prefix="gepnet-png")
    middle = len(items) // 2
    second = _worker.submit(work, items[middle:])
    try:
        first = work(items[:middle])
    finally:
        rest = second.result()
    return first + rest


class PngStream:
    """Encode successive frames of one canvas as PNG, fast.

    The image is cut into bands of :data:`BAND_ROWS` rows; each band is deflated on its own
    (rows unfiltered, zlib level 1), so a frame where only part of the picture changed
    compresses only the bands whose pixels differ from the last frame and reuses the rest.
    The bytes depend only on the pixels (and, for palettes, on the palette kept).

    With ``palette=True`` the pixels are mapped to a palette of at most 256 colours made from a
    whole frame (adaptive octree, no dither; run-length deflate): for busy pictures (a
    microscope field) that is about a third of the size. No pixel is sent farther than
    :data:`PALETTE_TOLERANCE` from its drawn colour: a colour the palette cannot show that
    closely is added to it; when the palette is full, a new one is made from the frame.
    """

    def __init__(self, palette: bool = False) -> None:
        self.palette = palette
        self._shape: tuple[int, ...] | None = None
        self._last: np.ndarray | None = None  #: the RGBA pixels last encoded
        self._bands: list[tuple[bytes, int, int]] = []  #: (deflated, adler32, raw length)
        #: The kept palette as a Pillow image, one per thread that maps pixels to it: Pillow
        #: keeps a colour cache inside the palette and fills it while it maps, without
        #: Python's lock, so two threads never share one.
        self._palette_images: dict[int, Image.Image] = {}
        self._palette_rgb: np.ndarray | None = None
        self.bands_encoded = 0  #: bands deflated so far (tests and benchmarks read it)

    def encode(self, rgba: np.ndarray, rows: Iterable[tuple[int, int]] | None = None) -> bytes:
        """The PNG of ``rgba`` (height x width x 4, uint8; alpha is dropped).

        ``rows``: (top, bottom) row ranges (bottom exclusive) outside which the pixels are known
        to equal the last frame's; None (default) compares every band.
        """
        height, width = rgba.shape[:2]
        n_bands = -(-height // BAND_ROWS)
        if rgba.shape != self._shape:
            self._shape = rgba.shape
            self._last = None
            self._bands = [(b"", 1, 0)] * n_bands
            rows = None
        if rows is None:
            candidates = range(n_bands)
        else:
            found: set[int] = set()
            for top, bottom in rows:
                top, bottom = max(0, int(top)), min(height, int(bottom))
                if top < bottom:
                    found.update(range(top // BAND_ROWS, (bottom - 1) // BAND_ROWS + 1))
            candidates = sorted(found)
        last = self._last
        changed = [i for i in candidates if last is None or not np.array_equal(
            rgba[i * BAND_ROWS:(i + 1) * BAND_ROWS], last[i * BAND_ROWS:(i + 1) * BAND_ROWS])]
        if self._last is None:
            self._last = rgba.copy()
        else:
            for i in changed:
                band = slice(i * BAND_ROWS, (i + 1) * BAND_ROWS)
                self._last[band] = rgba[band]
        if self.palette:
            if self._palette_rgb is None or not self._encode_palette_bands(changed):
                self._new_palette()
                self._encode_palette_bands(range(n_bands), grow_only=True)
        else:
            self._keep(in_two(self._pack_rgb, changed))
        return self._assemble(width, height)

    @property
    def last(self) -> np.ndarray | None:
        """The RGBA pixels of the last frame encoded (None before the first)."""
        return self._last

    def _rows(self, bands: list[int]) -> np.ndarray:
        """The last frame's rows of ``bands`` (a view when they are one run of rows)."""
        if bands == list(range(bands[0], bands[-1] + 1)):
            return self._last[bands[0] * BAND_ROWS:(bands[-1] + 1) * BAND_ROWS]
        return np.concatenate([self._last[i * BAND_ROWS:(i + 1) * BAND_ROWS] for i in bands])

    def _pack_rgb(self, bands: list[int]) -> list[tuple[int, tuple[bytes, int, int]]]:
        """Deflate ``bands`` of the last frame as RGB rows (safe to run in a worker thread)."""
        # Pillow drops alpha in C (a numpy slice of the RGBA array copies slowly).
        rgb = np.asarray(Image.fromarray(self._rows(bands)).convert("RGB"))
        return self._pack(bands, rgb.reshape(rgb.shape[0], -1))

    def _pack(self, bands: list[int], rows: np.ndarray,
              ) -> list[tuple[int, tuple[bytes, int, int]]]:
        """Deflate ``rows`` (the rows of ``bands``, in order; one byte string per row) band by
        band: each band's (index, (deflated, adler32, raw length)). Touches no state, so it may
        run in a worker thread (zlib lets go of Python's lock while it compresses)."""
        raw = np.empty((rows.shape[0], 1 + rows.shape[1]), np.uint8)
        raw[:, 0] = 0  # filter type None
        raw[:, 1:] = rows
        strategy = zlib.Z_RLE if self.palette else zlib.Z_DEFAULT_STRATEGY
        packed, top = [], 0
        for i in bands:
            data = raw[top:top + min(BAND_ROWS, self._shape[0] - i * BAND_ROWS)].tobytes()
            top += BAND_ROWS
            # Palette rows are runs of one index: run-length matching is faster and smaller.
            packer = zlib.compressobj(1, zlib.DEFLATED, -15, 8, strategy)
            packed.append((i, (packer.compress(data) + packer.flush(zlib.Z_SYNC_FLUSH),
                               zlib.adler32(data), len(data))))
        return packed

    def _keep(self, packed: Iterable[tuple[int, tuple[bytes, int, int]]]) -> None:
        for i, band in packed:
            self._bands[i] = band
            self.bands_encoded += 1

    def _new_palette(self) -> None:
        """A palette of the colours an adaptive octree picks for the whole last frame."""
        quantized = Image.fromarray(self._last[..., :3]).quantize(
            255, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
        used = sorted(index for _count, index in quantized.getcolors(256))
        entries = np.array(quantized.getpalette(), np.uint8).reshape(-1, 3)
        self._set_palette(entries[used])

    def _set_palette(self, colours: np.ndarray) -> None:
        self._palette_rgb = colours
        self._palette_images = {}

    def _palette_image(self) -> Image.Image:
        """This thread's image of the kept palette (made on first use)."""
        thread = threading.get_ident()
        image = self._palette_images.get(thread)
        if image is None:
            image = Image.new("P", (1, 1))
            image.putpalette(self._palette_rgb.tobytes())
            image.load()
            self._palette_images = {**self._palette_images, thread: image}
        return image

    def _map_to_palette(self, bands: list[int],
                        ) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
        """Map ``bands`` of the last frame to the kept palette (safe in a worker thread).

        Returns the palette indices, the drawn RGB, the RGB the indices show, and the largest
        difference between the two.
        """
        image = Image.fromarray(self._rows(bands)).convert("RGB")  # drops alpha in C
        mapped = image.quantize(palette=self._palette_image(), dither=Image.Dither.NONE)
        rgb, shown = np.asarray(image), np.asarray(mapped.convert("RGB"))
        worst = int((np.maximum(rgb, shown) - np.minimum(rgb, shown)).max())
        return np.array(mapped), rgb, shown, worst

    def _encode_palette_bands(self, bands: Iterable[int], grow_only: bool = False) -> bool:
        """Map ``bands`` to the kept palette and deflate them.

        A pixel farther than :data:`PALETTE_TOLERANCE` from every palette colour gets its exact
        colour added to the palette (the other bands keep their indices). False, with nothing
        deflated, when the palette would grow past 256 colours (unless ``grow_only``: then the
        colours that do not fit keep their nearest palette colour). Large frames are mapped and
        deflated in two halves at once (see :func:`in_two`); the bytes are the same.
        """
        bands = list(bands)
        if not bands:
            return True
        parts = in_two(lambda half: [self._map_to_palette(half)], bands)
        index = np.concatenate([part[0] for part in parts]) if len(parts) > 1 else parts[0][0]
        if max(part[3] for part in parts) > PALETTE_TOLERANCE:
            rgb, shown = (np.concatenate([part[k] for part in parts]) for k in (1, 2))
            far = np.abs(shown.astype(np.int16) - rgb).max(axis=-1) > PALETTE_TOLERANCE
            new, where = np.unique(rgb[far], axis=0, return_inverse=True)
            room = 256 - len(self._palette_rgb)
            if len(new) > room and not grow_only:
                return False
            start = len(self._palette_rgb)
            self._set_palette(np.concatenate([self._palette_rgb, new[:room]]))
            fits = where.ravel() < room
            rows, cols = np.nonzero(far)
            index[rows[fits], cols[fits]] = start + where.ravel()[fits]
        # Bands are in picture order and whole (only the picture's last band can be short), so
        # the band at position k of ``bands`` starts at row k * BAND_ROWS of ``index``.
        self._keep(in_two(lambda at: self._pack(
            [bands[k] for k in at], index[at[0] * BAND_ROWS:(at[-1] + 1) * BAND_ROWS]),
            list(range(len(bands)))))
        return True

    def _assemble(self, width: int, height: int) -> bytes:
        adler, packed = 1, []
        for data, band_adler, length in self._bands:
            adler = adler32_combine(adler, band_adler, length)
            packed.append(data)
        stream = b"".join([b"\x78\x01", *packed, _DEFLATE_END, struct.pack(">I", adler)])
        if self.palette:
            header = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)
            extra = _chunk(b"PLTE", self._palette_rgb.tobytes())
        else:
            header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
            extra = b""
        return b"".join([_PNG_SIGNATURE, _chunk(b"IHDR", header), extra,
                         _chunk(b"IDAT", stream), _chunk(b"IEND", b"")])


def png_bytes(canvas: FigureCanvasAgg, palette: bool = False) -> bytes:
    """Encode the canvas's current pixels as PNG, fast (see :class:`PngStream`)."""
    return PngStream(palette).encode(np.asarray(canvas.buffer_rgba()))


#: Text layouts and glyph bitmaps kept for reuse (all figures share them; oldest dropped first).
_LAYOUT_CACHE_SIZE = 2000
_GLYPH_CACHE_SIZE = 8000
#: Whole texts placed at one exact position (a label drawn again where it was): each glyph's
#: bitmap and pixel, so drawing it again is only the glyph copies.
_RUN_CACHE_SIZE = 1000
_LAYOUTS: dict[tuple, list[tuple]] = {}
_RUNS: dict[tuple, list[tuple[np.ndarray, int, int]]] = {}
_GLYPHS: dict[tuple, tuple[np.ndarray, int, int]] = {}
#: The glyph-by-glyph text drawing of matplotlib >= 3.11 that :class:`_TextCachingRenderer`
#: reproduces; with another matplotlib, text is drawn by matplotlib itself.
_CAN_CACHE_TEXT = all(hasattr(FT2Font, name) for name in ("_layout", "_render_glyph",
                                                           "_set_transform")) and \
    hasattr(backend_agg, "get_hinting_flag") and hasattr(backend_agg, "RenderMode") and \
    hasattr(RendererAgg, "_draw_text_glyphs_and_boxes")


def _remember_item(cache: dict, key: tuple, value: object, size: int) -> None:
    if len(cache) >= size:
        cache.pop(next(iter(cache)))
    cache[key] = value


_FONT_HEIGHTS: dict[tuple, tuple[float | None, float | None, float | None]] = {}


def _font_height_metrics(font: FT2Font, size_pt: float, dpi: float,
                         ) -> tuple[float | None, float | None, float | None]:
    """matplotlib's (3.11) font height metrics: the OS/2 typographic values, else hhea's."""
    for table_name, gap_key, ascent_key, descent_key in (
            ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
            ("hhea", "lineGap", "ascent", "descent")):
        table = font.get_sfnt_table(table_name)
        if table is None:
            continue
        scale = 1 / font.get_sfnt_table("head")["unitsPerEm"] * size_pt * dpi / 72
        return table[ascent_key] * scale, -table[descent_key] * scale, table[gap_key] * scale
    return None, None, None  # matplotlib then measures the text "lp"


def _font_key(prop: object) -> tuple:
    return (tuple(prop.get_family()), prop.get_slant(), prop.get_variant(), prop.get_weight(),
            prop.get_stretch(), prop.get_size_in_points(), prop.get_file(),
            prop.get_math_fontfamily())


class _TextCachingRenderer(RendererAgg):
    """Agg renderer that keeps text layouts and glyph bitmaps instead of redoing them.

    matplotlib lays out and rasterises every glyph of a text on every draw; an explorer draws
    the same labels again and again. A glyph placed at ``(i + f)`` pixels (``i`` whole, ``f``
    a 1/64 fraction) is the glyph rendered at ``f`` moved by ``i`` whole pixels, so a bitmap is
    kept per glyph, size, angle and sub-pixel offset, and painted with the same call
    matplotlib makes: the pixels are the same as matplotlib's (tests compare them).

    It also keeps each font's line metrics, which matplotlib reads from the font's tables for
    every text it lays out (:meth:`_get_font_height_metrics`).
    """

    def _get_font_height_metrics(self, prop) -> tuple[float | None, float | None, float | None]:
        """Ascent, descent and line gap of ``prop``'s font, in pixels, as ``Text._get_layout``
        computes them from the font's OS/2 or hhea table (kept per font file, size and DPI)."""
        files = tuple(fontManager._find_fonts_by_props(prop))
        key = (files, prop.get_size_in_points(), self.dpi)
        metrics = _FONT_HEIGHTS.get(key)
        if metrics is None:
            metrics = _font_height_metrics(get_font(list(files)), key[1], self.dpi)
            _remember_item(_FONT_HEIGHTS, key, metrics, _LAYOUT_CACHE_SIZE)
        return metrics

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath or not _CAN_CACHE_TEXT:
            return super().draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        flags = backend_agg.get_hinting_flag()
        size = prop.get_size_in_points()
        key = (s, _font_key(prop), self.dpi, flags,
               tuple(features) if isinstance(features, list) else features,
               tuple(language) if isinstance(language, list) else language)
        antialiased = gc.get_antialiased()
        run_key = (key, x, y, angle, antialiased, self.height)
        run = _RUNS.get(run_key)
        if run is None:
            items = _LAYOUTS.get(key)
            if items is None:
                font = self._prepare_font(prop)
                items = [(item.ft_object, item.glyph_index, item.x, item.y) for item in
                         font._layout(s, flags=flags, features=features, language=language)]
                _remember_item(_LAYOUTS, key, items, _LAYOUT_CACHE_SIZE)
            run = self._glyph_run(x, y, angle, items, size, flags, antialiased)
            _remember_item(_RUNS, run_key, run, _RUN_CACHE_SIZE)
        draw = self._renderer.draw_text_image
        for buffer, left, top in run:
            draw(buffer, left, top, 0, gc)

    def _glyph_run(self, x, y, angle, items, size, flags, antialiased,
                   ) -> list[tuple[np.ndarray, int, int]]:
        """Each glyph's bitmap and the pixel where ``draw_text_image`` puts it."""
        # The arithmetic below is matplotlib's (RendererAgg._draw_text_glyphs_and_boxes), so
        # every glyph lands on the same 1/64 pixel.
        cos = math.cos(math.radians(angle))
        sin = math.sin(math.radians(angle))
        matrix = None
        height = self.height
        run = []
        for font, glyph_index, dx, dy in items:
            tx = round(0x40 * (x + dx * cos - dy * sin))
            ty = round(0x40 * (height - y + dx * sin + dy * cos))
            key = (font, size, self.dpi, glyph_index, angle, flags, antialiased, tx & 63,
                   ty & 63)
            glyph = _GLYPHS.get(key)
            if glyph is None:
                if matrix is None:
                    matrix = (0x10000 * np.array([[cos, -sin], [sin, cos]])
                              @ [[1, 0], [0, 1]]).round().astype(int)
                font.set_size(size, self.dpi)
                font._set_transform(matrix, [tx, ty])
                bitmap = font._render_glyph(
                    glyph_index, flags, backend_agg.RenderMode.NORMAL if antialiased
                    else backend_agg.RenderMode.MONO)
                buffer = np.array(bitmap.buffer)
                if not antialiased:
                    buffer *= 0xFF
                glyph = (buffer, bitmap.left - (tx >> 6), bitmap.top - (ty >> 6))
                _remember_item(_GLYPHS, key, glyph, _GLYPH_CACHE_SIZE)
            buffer, left, top = glyph
            # draw_text_image's y is downwards & the bitmap's bottom side.
            run.append((buffer, left + (tx >> 6),
                        int(height) - (top + (ty >> 6)) + buffer.shape[0]))
        return run


class _Canvas(FigureCanvasAgg):
    """An Agg canvas whose renderer keeps text (see :class:`_TextCachingRenderer`)."""

    def get_renderer(self) -> RendererAgg:
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key:
            self.renderer = _TextCachingRenderer(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer


#: The frame's padding plus border on each side, in pixels (kept out of the picture's width,
#: so a picture shown at full width is not rescaled).
FRAME_PX = 5


def img_tag(png: bytes, alt: str, width_px: int) -> str:
    """Return an ``<img>`` element embedding ``png`` with escaped ``alt`` text, in its frame.

    The frame (light mat and border) is the ``<img>``'s own padding and border, so the picture
    is one element wherever it is shown (live widget, static page).
    """
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<img class="gepnet-frame" src="data:image/png;base64,{data}" '
        f'alt="{html.escape(alt, quote=True)}" style="{CSS_FIGURE_FRAME};'
        f'max-width:calc(100% - {2 * FRAME_PX}px);width:{width_px}px;height:auto">'
    )


#: Pixels added around an artist's extent when repainting it (antialiasing, glyph overhang).
_PAD_PX = 3
#: Artist types whose window extent covers what they paint (others force a full repaint).
_BOUNDED = (Text, Patch, Line2D, AxesImage)


def _extent(artist: Artist, renderer: object) -> tuple[float, float, float, float] | None:
    """The pixel box ``artist`` paints, padded; None if it cannot be known."""
    if not isinstance(artist, _BOUNDED):
        return None
    try:
        box = _patch_box(artist) if isinstance(artist, Patch) else \
            artist.get_window_extent(renderer)
        if isinstance(artist, Text) and artist.get_bbox_patch() is not None:
            box = Bbox.union([box, _patch_box(artist.get_bbox_patch())])
    except (RuntimeError, ValueError):  # no renderer yet, or a degenerate path
        return None
    pad = _PAD_PX + (artist.get_linewidth() * FIGURE_DPI / 72
                     if isinstance(artist, Patch | Line2D) else 0)
    if isinstance(artist, Line2D):
        pad += artist.get_markersize() * FIGURE_DPI / 72
    x0, y0, x1, y1 = box.extents
    if not np.all(np.isfinite((x0, y0, x1, y1))):
        return None
    return (x0 - pad, y0 - pad, x1 + pad, y1 + pad)


def _patch_box(patch: Patch) -> Bbox:
    """A patch's pixel box from its path's control points (they bound every Bezier curve, and
    are much cheaper than the exact extents)."""
    points = patch.get_transform().transform(patch.get_path().vertices)
    return Bbox([points.min(axis=0), points.max(axis=0)]) if len(points) else Bbox.unit()


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def dirty_plan(boxes: dict[int, tuple[float, float, float, float]],
               dirty: dict[int, list[tuple[float, float, float, float]]],
               ) -> tuple[list[tuple[float, float, float, float]], list[int]]:
    """Which boxes to repaint, and which artists (by index, in drawing order) to draw again.

    ``boxes`` holds every artist's box now; ``dirty`` the boxes (old and new) of the artists
    that changed. An artist overlapping a repainted box is drawn again too, and its whole box
    is repainted (so no antialiased edge is painted twice), until nothing more overlaps.
    """
    regions = [box for found in dirty.values() for box in found]
    redraw = set(dirty)
    grew = True
    while grew:
        grew = False
        for index, box in boxes.items():
            if index not in redraw and any(_overlaps(box, r) for r in regions):
                redraw.add(index)
                regions.append(box)
                grew = True
    return regions, sorted(redraw)


@dataclass
class _Scene:
    """One Axes of the figure, the artists that change on it, and its cached background."""

    axes: Axes | None  #: None: the figure's own Axes, managed by the caller
    changing: list[Artist] = field(default_factory=list)
    background: object = None
    drawing: object = None
    #: Each changing artist's box in the last frame (None: the canvas holds no frame of this
    #: scene that later frames can start from).
    boxes: list[tuple[float, float, float, float] | None] | None = None


class FigureView:
    """Own one Figure and the HTML widget that shows it.

    A figure holds one or more *scenes* (an Axes each, e.g. one wall drawing per site); only
    the current scene is visible. Each scene caches its static background after its first
    full draw, so switching back to a scene costs a restore and a blit, not a redraw.

    Parameters
    ----------
    width, height:
        Figure size in inches (at the house DPI).
    css_class:
        Class added to the HTML widget (a stable hook for browser tests).
    palette:
        Encode as a 255-colour palette PNG (see :func:`png_bytes`), for busy pictures.
    """

    _DEFAULT = "_default"
    _RECT = (0.01, 0.01, 0.98, 0.98)

    def __init__(self, width: float, height: float, css_class: str,
                 palette: bool = False) -> None:
        self.figure = Figure(figsize=(width, height), dpi=FIGURE_DPI)
        self.canvas = _Canvas(self.figure)
        self.widget = widgets.HTML(layout=widgets.Layout(width="auto"))
        self.widget.add_class(css_class)
        self.widget.add_class("gepnet-figure")
        self.render_count = 0
        self.png = b""
        self.alt = ""
        self._width_px = int(width * FIGURE_DPI)
        self.palette = palette
        self._stream = PngStream(palette)
        #: Buffer rows (top, bottom) repainted since the last encoded frame (None: all).
        self._dirty_rows: list[tuple[int, int]] | None = None
        self._scenes: dict[Hashable, _Scene] = {}
        self._current: Hashable | None = None
        self._painted = False

    @property
    def width_px(self) -> int:
        """The picture's display width in pixels."""
        return self._width_px

    def img_html(self) -> str:
        """The last rendered picture as an ``<img alt>`` element (empty before the first)."""
        return img_tag(self.png, self.alt, self._width_px) if self.png else ""

    def full_frame(self) -> np.ndarray:
        """The current scene painted from scratch, as RGBA pixels (checks the dirty regions)."""
        scene = self._scene_now()
        self._paint_all(scene)
        return np.asarray(self.canvas.buffer_rgba()).copy()

    def _show(self, key: Hashable) -> _Scene:
        if key != self._current:
            for k, scene in self._scenes.items():
                if scene.axes is not None:
                    scene.axes.set_visible(k == key)
                scene.boxes = None  # the canvas will hold another scene's pixels
            self._current = key
        return self._scenes[key]

    def axes(self) -> Axes:
        """The figure's single Axes (the default scene), created on first use."""
        scene = self._scenes.setdefault(self._DEFAULT, _Scene(None))
        if scene.axes is None:
            scene.axes = self.figure.add_axes(self._RECT)
        return self._show(self._DEFAULT).axes

    def _scene_now(self) -> _Scene:
        if self._current is None:
            self._scenes.setdefault(self._DEFAULT, _Scene(None))
            self._current = self._DEFAULT
        return self._scenes[self._current]

    def scene(self, key: Hashable, build: Callable[[Axes], T]) -> T:
        """Show the scene ``key``; the first time, ``build(ax)`` draws it on a new Axes.

        ``build`` returns the drawing's artists object; its ``changing`` artists are redrawn on
        every refresh over the cached background.
        """
        if key not in self._scenes:
            ax = self.figure.add_axes(self._RECT)
            drawing = build(ax)
            self._scenes[key] = _Scene(ax, list(drawing.changing), drawing=drawing)
            for artist in drawing.changing:
                artist.set_animated(True)
        return self._show(key).drawing

    @property
    def background(self) -> object:
        """The current scene's cached static background (None until its first full draw)."""
        return self._scene_now().background

    @property
    def changing(self) -> list[Artist]:
        """The artists of the current scene that are redrawn over its cached background."""
        return self._scene_now().changing

    def redraw_all(self, animated: Iterable[Artist] = ()) -> None:
        """Forget the current scene's background (after a full redraw of its Axes)."""
        scene = self._scene_now()
        scene.background = None
        scene.boxes = None
        scene.changing = list(animated)
        for artist in scene.changing:
            artist.set_animated(True)

    def refresh(self, alt: str) -> None:
        """Render the current scene and show it with ``alt`` as its text alternative.

        Only what changed since the scene's last frame is painted again; when nothing did, the
        last PNG is kept (only the alt text may change).
        """
        scene = self._scene_now()
        if not self.png or not self._paint_changes(scene):
            self._paint_all(scene)
        if self._painted or not self.png:
            self.png = self._stream.encode(np.asarray(self.canvas.buffer_rgba()),
                                           self._dirty_rows)
        self.alt = alt
        self.widget.value = self.img_html()
        self.render_count += 1

    def _paint_all(self, scene: _Scene) -> None:
        """Restore (or first draw) the scene's background and draw every changing artist."""
        if scene.background is None:
            self.canvas.draw()
            scene.background = self.canvas.copy_from_bbox(self.figure.bbox)
        else:
            self.canvas.restore_region(scene.background)
        for artist in scene.changing:
            self.figure.draw_artist(artist)
        self._remember(scene)
        self._painted = True
        self._dirty_rows = None

    def _remember(self, scene: _Scene, boxes: list | None = None) -> None:
        """Record each changing artist's box and mark it drawn (not stale)."""
        if boxes is None:
            renderer = self.canvas.get_renderer()
            boxes = []
            for artist in scene.changing:
                boxes.append(_extent(artist, renderer))
                if boxes[-1] is None:  # this scene is always painted whole: stop measuring
                    boxes = None
                    break
        scene.boxes = boxes
        for artist in scene.changing:
            artist.stale = False  # Text.draw leaves empty or hidden texts stale

    def _paint_changes(self, scene: _Scene) -> bool:
        """Repaint only the changed artists' region. False: a full repaint is needed."""
        self._painted = False
        if scene.background is None or scene.boxes is None:
            return False
        stale = [i for i, artist in enumerate(scene.changing) if artist.stale]
        if not stale:
            return True
        renderer = self.canvas.get_renderer()
        pixels = np.asarray(renderer.buffer_rgba())
        last = self._stream.last
        if last is None or last.shape != pixels.shape:
            return False
        # Start from the last frame sent: anything else that rendered on the canvas since (a
        # static export, savefig, a test) must not leak into this frame.
        pixels[...] = last
        now = list(scene.boxes)  # an artist that is not stale still covers its last box
        for i in stale:
            now[i] = _extent(scene.changing[i], renderer)
        if any(box is None for box in now) or any(box is None for box in scene.boxes):
            return False
        dirty = {i: [scene.boxes[i], now[i]] for i in stale}
        regions, redraw = dirty_plan(dict(enumerate(now)), dirty)
        width, height = self.canvas.get_width_height(physical=True)
        # restore_region takes (left, top, right, bottom) in buffer rows (y from the top; the
        # far edges inclusive) and xy, the saved region's own origin (it may start a row down).
        origin = scene.background.get_extents()[:2]
        rects = set()
        for x0, y0, x1, y1 in regions:
            left, right = max(0, int(x0)), min(width, int(np.ceil(x1)))
            top, bottom = max(0, int(height - y1)), min(height, int(np.ceil(height - y0)))
            if left < right and top < bottom:
                rects.add((left, top, right - 1, bottom - 1))
        for rect in rects:  # the same box often comes from several artists: restored once
            renderer.restore_region(scene.background, rect, origin)
        rows = [(top - _PAD_PX, bottom + 1 + _PAD_PX) for _left, top, _right, bottom in rects]
        for i in redraw:
            self.figure.draw_artist(scene.changing[i])
        self._remember(scene, now)
        self._painted = True
        self._dirty_rows = rows
        return True

    def redraw_axes(self, ax: Axes, animated: Iterable[Artist]) -> None:
        """Re-render only ``ax``'s static content into the cached background.

        For a change that touches one Axes of a multi-Axes figure, the other Axes are not drawn
        again. ``animated`` replaces the artists that change on later updates. ``ax`` must own
        its column of the figure (nothing else is drawn above or below it): the whole column is
        blanked and drawn again.
        """
        scene = self._scene_now()
        if scene.background is None:
            self.redraw_all(animated)
            return
        self.canvas.restore_region(scene.background)
        scene.changing = list(animated)
        for artist in scene.changing:
            artist.set_animated(True)
        renderer = self.canvas.get_renderer()
        # Blank the Axes' whole column of the figure, in whole pixels (not antialiased): text
        # that reaches past the Axes' box (a title) and partly covered edge pixels would
        # otherwise keep some of the old drawing, and the picture would differ from a fresh
        # draw of the same state.
        x0, x1 = math.floor(ax.bbox.x0), math.ceil(ax.bbox.x1)
        y0, y1 = 0, math.ceil(self.figure.bbox.y1)
        blank = Rectangle((x0, y0), x1 - x0, y1 - y0, transform=None, antialiased=False,
                          facecolor=self.figure.get_facecolor(), edgecolor="none")
        blank.set_figure(self.figure)
        blank.draw(renderer)
        ax.draw(renderer)
        scene.background = self.canvas.copy_from_bbox(self.figure.bbox)
        scene.boxes = None
