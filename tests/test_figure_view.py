"""FigureView paints only what changed (a dirty region) and the result is the same picture.

Every explorer of every lesson is driven through its controls; after each change the picture
the learner gets must equal the picture painted from scratch, pixel for pixel.
"""

from __future__ import annotations

import io
import struct
import sys
import zlib
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.bench_explorers import change_plan, discover_explorers, slider_values
from gepnet_widgets.widgets._figure import (
    _GLYPHS,
    BAND_ROWS,
    PALETTE_TOLERANCE,
    FigureView,
    PngStream,
    _Canvas,
    _TextCachingRenderer,
    adler32_combine,
    dirty_plan,
)

EXPLORERS = discover_explorers()


def _choices(control: widgets.ValueWidget) -> list:
    if isinstance(control, widgets.Checkbox):
        return [not control.value, control.value]
    if hasattr(control, "options"):
        return [value for _label, value in control.options]
    return slider_values(control.min, control.max, control.step,
                         isinstance(control, widgets.IntSlider))


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_dirty_regions_paint_the_same_picture_as_a_full_repaint(cls: type) -> None:
    explorer = cls()
    checked = 0
    for name, control in explorer.controls.items():
        values, _warmup = change_plan(control.value, _choices(control), min_changes=1)
        for value in values:
            control.value = value
            shown = np.asarray(explorer.view.canvas.buffer_rgba()).copy()
            full = explorer.view.full_frame()
            changed = np.argwhere((shown != full).any(axis=-1))
            assert not len(changed), (
                f"{cls.__name__}.{name}={value!r}: {len(changed)} pixels differ from a full "
                f"repaint, rows {changed[:, 0].min()}-{changed[:, 0].max()}")
            sent = _decoded(explorer.view.png)
            error = np.abs(sent - shown[..., :3].astype(int)).max()
            assert error <= (PALETTE_TOLERANCE if explorer.view.palette else 0), (
                f"{cls.__name__}.{name}={value!r}: the PNG sent is {error} off the canvas")
            checked += 1
    assert checked or not explorer.controls


def _view_with_two_boxes() -> tuple[FigureView, Rectangle, Rectangle]:
    view = FigureView(2.0, 1.0, "gepnet-test-figure")
    ax = view.axes()
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 5)
    a = ax.add_patch(Rectangle((1, 1), 2, 2, facecolor="#E69F00"))
    b = ax.add_patch(Rectangle((6, 1), 2, 2, facecolor="#56B4E9"))
    view.redraw_all([a, b])
    view.refresh("two boxes")
    return view, a, b


def test_an_unchanged_frame_is_not_encoded_again() -> None:
    view, a, _b = _view_with_two_boxes()
    png = view.png
    view.refresh("two boxes, same picture")
    assert view.png is png and view.render_count == 2
    assert 'alt="two boxes, same picture"' in view.widget.value
    a.set_x(2)
    view.refresh("moved")
    assert view.png != png
    assert np.array_equal(np.asarray(view.canvas.buffer_rgba()), view.full_frame())


def test_moving_one_artist_leaves_the_other_alone() -> None:
    view, a, _b = _view_with_two_boxes()
    calls: list[object] = []
    draw = view.figure.draw_artist
    view.figure.draw_artist = lambda artist: (calls.append(artist), draw(artist))[1]
    a.set_facecolor("#009E73")
    view.refresh("a recoloured")
    assert calls == [a]
    shown = np.asarray(view.canvas.buffer_rgba()).copy()
    assert np.array_equal(shown, view.full_frame())


def test_dirty_plan_grows_over_overlapping_artists() -> None:
    boxes = {0: (0, 0, 10, 10), 1: (8, 0, 20, 10), 2: (18, 0, 30, 10), 3: (50, 50, 60, 60)}
    regions, redraw = dirty_plan(boxes, {0: [(0, 0, 10, 10), (0, 0, 9, 9)]})
    assert redraw == [0, 1, 2]  # 1 overlaps 0's box, 2 overlaps 1's: all repainted, 3 is not
    assert (50, 50, 60, 60) not in regions and (18, 0, 30, 10) in regions
    assert dirty_plan(boxes, {3: [(50, 50, 60, 60)]}) == ([(50, 50, 60, 60)], [3])


def test_a_drawing_by_someone_else_on_the_canvas_does_not_leak_into_the_next_frame() -> None:
    view, a, b = _view_with_two_boxes()
    b.set_visible(False)
    view.canvas.draw()  # e.g. a static export or savefig renders on the same canvas
    b.set_visible(True)
    b.stale = False
    a.set_x(2)
    view.refresh("a moved")
    assert np.array_equal(np.asarray(view.canvas.buffer_rgba()), view.full_frame())


def _decoded(png: bytes) -> np.ndarray:
    """A PNG's pixels as RGB ints, after checking its zlib stream (Adler-32) and chunk CRCs."""
    pos, idat = 8, b""
    while pos < len(png):
        (length,), kind = struct.unpack(">I", png[pos:pos + 4]), png[pos + 4:pos + 8]
        data = png[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", png[pos + 8 + length:pos + 12 + length])
        assert crc == zlib.crc32(kind + data), f"bad CRC in {kind!r}"
        idat += data if kind == b"IDAT" else b""
        pos += 12 + length
    zlib.decompress(idat)  # raises on a wrong Adler-32 or a broken stream
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def test_adler32_combine_matches_zlib() -> None:
    rng = np.random.default_rng(0)
    for n_a, n_b in ((0, 0), (1, 0), (0, 7), (100, 65_600), (70_000, 3)):
        a, b = rng.bytes(n_a), rng.bytes(n_b)
        assert adler32_combine(zlib.adler32(a), zlib.adler32(b), len(b)) == zlib.adler32(a + b)


def _picture(height: int = 50, width: int = 40) -> np.ndarray:
    rgba = np.full((height, width, 4), 255, np.uint8)
    rgba[5:20, 3:30, :3] = (230, 159, 0)
    rgba[30:45, 10:35, :3] = (0, 114, 178)
    return rgba


def test_png_stream_sends_exactly_the_pixels_and_deflates_only_changed_bands() -> None:
    stream = PngStream()
    rgba = _picture()
    first = stream.encode(rgba)
    assert np.array_equal(_decoded(first), rgba[..., :3])
    n_bands = -(-rgba.shape[0] // BAND_ROWS)
    assert stream.bands_encoded == n_bands
    assert stream.encode(rgba.copy()) == first and stream.bands_encoded == n_bands
    rgba[40, 12, :3] = (204, 121, 167)  # one pixel in the last band
    second = stream.encode(rgba)
    assert stream.bands_encoded == n_bands + 1
    assert np.array_equal(_decoded(second), rgba[..., :3])
    # Rows named by the hint that did not change are compared, not deflated again.
    stream.encode(rgba, rows=[(0, 10)])
    assert stream.bands_encoded == n_bands + 1
    assert PngStream().encode(rgba) == second  # the bytes depend only on the pixels


def test_palette_png_stays_close_and_grows_its_palette_for_new_colours() -> None:
    stream = PngStream(palette=True)
    rgba = _picture()
    assert np.array_equal(_decoded(stream.encode(rgba)), rgba[..., :3])
    rng = np.random.default_rng(1)
    rgba[22:28] = np.concatenate([rng.integers(0, 256, (6, 40, 3), np.uint8),
                                  np.full((6, 40, 1), 255, np.uint8)], axis=-1)
    shown = _decoded(stream.encode(rgba))
    assert np.abs(shown - rgba[..., :3]).max() <= PALETTE_TOLERANCE
    assert np.array_equal(shown[:16], rgba[:16, :, :3])  # bands above kept their pixels


def test_palette_stream_stays_close_over_many_partial_changes() -> None:
    stream = PngStream(palette=True)
    rng = np.random.default_rng(7)
    rgba = _picture(90, 120)
    stream.encode(rgba)
    for step in range(25):  # boxes of new (sometimes never seen) colours, anywhere
        top, left = rng.integers(0, 80), rng.integers(0, 110)
        colour = rng.integers(0, 256, 3) if step % 3 else (0, 114, 178)
        rgba[top:top + rng.integers(1, 12), left:left + rng.integers(1, 12), :3] = colour
        shown = _decoded(stream.encode(rgba))
        assert np.abs(shown.astype(int) - rgba[..., :3]).max() <= PALETTE_TOLERANCE, step
    before = stream.bands_encoded
    rgba[3, 100, :3] = (213, 94, 0)  # one pixel: one band
    stream.encode(rgba)
    assert stream.bands_encoded == before + 1


def test_a_new_size_starts_a_new_stream() -> None:
    stream = PngStream()
    stream.encode(_picture())
    bigger = _picture(70, 40)
    assert np.array_equal(_decoded(stream.encode(bigger)), bigger[..., :3])


def _texts(canvas_cls: type, rotation: float, size: float) -> np.ndarray:
    fig = Figure(figsize=(4, 3), dpi=100)
    canvas = canvas_cls(fig)
    for k in range(12):  # the same text moved by whole pixels, from a fractional start
        fig.text(10.3 + 23 * k, 20.7 + 17 * k, "Hot spot 12.5% ◇", transform=None,
                 rotation=rotation, fontsize=size, fontweight="bold" if k % 2 else "normal",
                 bbox={"facecolor": "#FFFFFF", "alpha": 0.6} if k % 3 == 0 else None)
    fig.text(0.5, 0.9, "mathtext $x^2$ is drawn by matplotlib", ha="center")
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


@pytest.mark.parametrize("rotation", [0, 90, 30])
def test_kept_glyphs_paint_exactly_what_matplotlib_paints(rotation: float, monkeypatch) -> None:
    made: list[str] = []
    make_run = _TextCachingRenderer._glyph_run

    def counted(self, *args, **kwargs):
        made.append("run")
        return make_run(self, *args, **kwargs)

    monkeypatch.setattr(_TextCachingRenderer, "_glyph_run", counted)
    for size in (9, 11):
        before = len(_GLYPHS)
        assert np.array_equal(_texts(_Canvas, rotation, size),
                              _texts(FigureCanvasAgg, rotation, size))
        made.clear()
        assert np.array_equal(_texts(_Canvas, rotation, size),  # now from the kept glyphs
                              _texts(FigureCanvasAgg, rotation, size))
        assert len(_GLYPHS) - before < 12 * 16  # glyphs were reused, not made per draw
        assert not made  # and texts at the same place were drawn from their kept runs


def _extents(canvas_cls: type) -> list[tuple[float, ...]]:
    fig = Figure(figsize=(4, 3), dpi=100)
    canvas = canvas_cls(fig)
    texts = [fig.text(0.1, 0.1 + 0.07 * k, f"Ki-67 {k}%\nline two" if k % 4 == 0 else
                      f"Hot spot {k}", family=family, fontsize=size, fontweight=weight,
                      linespacing=1.6 if k % 5 == 0 else None)
             for k, (family, size, weight) in enumerate(
                 (f, s, w) for f in ("sans-serif", "serif", "monospace") for s in (7, 9.5, 14)
                 for w in ("normal", "bold"))]
    renderer = canvas.get_renderer()
    return [tuple(t.get_window_extent(renderer).extents) for t in texts]


def test_kept_font_metrics_lay_out_text_as_matplotlib_does() -> None:
    ours = _extents(_Canvas)
    assert _extents(_Canvas) == ours  # again, from the kept metrics
    assert ours == _extents(FigureCanvasAgg)
    assert len(set(ours)) == len(ours)  # 18 different boxes: the comparison can fail


def test_restyle_touches_only_what_differs() -> None:
    from matplotlib.lines import Line2D

    from gepnet_widgets.drawing._restyle import restyle

    box = Rectangle((0, 0), 1, 1, facecolor="#E69F00", edgecolor="none", linewidth=1.0)
    line = Line2D([0, 1], [2, 3], color="#0072B2", marker="o")
    for artist in (box, line):
        artist.stale = False
    restyle(box, facecolor=(230 / 255, 159 / 255, 0.0, 1.0), edgecolor="none", linewidth=1.0,
            linestyle="solid")
    restyle(line, xdata=[0, 1], ydata=np.array([2, 3]), color="#0072b2", marker="o")
    assert not box.stale and not line.stale  # the same style in other spellings
    restyle(box, linewidth=2.0)
    restyle(line, ydata=[2, 4])
    assert box.stale and box.get_linewidth() == 2.0
    assert line.stale and list(line.get_ydata()) == [2, 4]
    box.stale = False
    restyle(box, color="#56B4E9")  # a patch's colour is its face and its edge
    assert box.stale and box.get_edgecolor() == box.get_facecolor()
