"""The Ki-67 slide's nuclei raster: the fast rasteriser paints exactly what the plain one did.

``reference_image`` is the earlier, straightforward rasteriser (one pixel list for the whole
slide, rims first, then cores); the shipped one writes each pixel as one 32-bit word in chunks.
Both must give the same bytes for any geometry, and a slide drawn again must look the same.
"""

from __future__ import annotations

import numpy as np
import pytest

from gepnet_widgets.counting import make_slide
from gepnet_widgets.drawing.grading import (
    _NUCLEUS_RADIUS,
    KI67_NEGATIVE,
    KI67_POSITIVE,
    NucleiArtist,
    ground_table,
    nuclei_image,
)
from gepnet_widgets.widgets.grading import CountingLab


def _rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)], np.uint8)


def reference_image(cx, cy, positive, radius, width, height) -> np.ndarray:
    """Every nucleus's coverage of every pixel near it; partial pixels painted before full."""
    reach = int(np.ceil(radius + 0.5))
    offsets = np.arange(-reach, reach + 1)
    flat, cover, stain = [], [], []
    for x, y, pos in zip(np.asarray(cx, np.float32), np.asarray(cy, np.float32), positive,
                         strict=True):
        fx, fy = np.floor(x), np.floor(y)
        for dy in offsets:
            for dx in offsets:
                ox = np.float32(fx - x + np.float32(0.5)) + np.float32(dx)
                oy = np.float32(fy - y + np.float32(0.5)) + np.float32(dy)
                c = np.clip(np.float32(radius + 0.5) - np.sqrt(ox * ox + oy * oy), 0, 1)
                px, py = int(fx) + dx, int(fy) + dy
                if c > 0 and 0 <= px < width and 0 <= py < height:
                    flat.append(py * width + px)
                    cover.append(np.float32(c))
                    stain.append(bool(pos))
    image = np.zeros((height * width, 4), np.uint8)
    for full in (False, True):
        for f, c, s in zip(flat, cover, stain, strict=True):
            if (c >= 1.0) == full:
                image[f, :3] = _rgb(KI67_POSITIVE if s else KI67_NEGATIVE)
                image[f, 3] = int(255.0 * np.float32(c) + np.float32(0.5))
    return image.reshape(height, width, 4)


@pytest.mark.parametrize("unit", [2.3, 4.0, 5.37, 6.0])
def test_fast_raster_equals_the_reference_on_a_corner_of_a_slide(unit):
    slide = make_slide(3)
    near = (slide.x < 14) & (slide.y < 10)  # a corner: edges clip some discs
    cx, cy = slide.x[near] * unit - 3, slide.y[near] * unit - 2
    width, height = int(12 * unit), int(8 * unit)
    radius = _NUCLEUS_RADIUS * unit
    fast = nuclei_image(cx, cy, slide.positive[near], radius, width, height)
    slow = reference_image(cx, cy, slide.positive[near], radius, width, height)
    assert fast.shape == (height, width, 4) and fast.dtype == np.uint8
    assert np.array_equal(fast, slow)
    assert (fast[..., 3] == 255).any() and ((fast[..., 3] > 0) & (fast[..., 3] < 255)).any()


# Radii whose disc (radius + 0.5) just passes a pixel's nearest corner or edge, e.g. 1.63 + 0.5
# just past hypot(1.5, 1.5) = 2.12: the pixels a wrong skip would lose.
@pytest.mark.parametrize("radius", [0.49, 0.51, 1.01, 1.63, 2.01, 2.06, 2.16, 2.5, 3.0 - 1e-6])
def test_fast_raster_equals_the_reference_for_centres_on_pixel_edges(radius):
    # The fast rasteriser skips the pixels no disc of this radius can reach; centres on or next
    # to pixel edges are where a wrongly skipped pixel would show.
    rng = np.random.default_rng(round(radius * 100))
    n = 80
    whole = rng.integers(2, 30, size=(2, n)).astype(np.float64)
    edge = rng.choice([0.0, 1e-6, 0.5, 1 - 1e-6, 0.999], size=(2, n))
    cx, cy = whole + edge
    positive = rng.random(n) < 0.4
    fast = nuclei_image(cx, cy, positive, radius, 32, 32)
    assert np.array_equal(fast, reference_image(cx, cy, positive, radius, 32, 32))


def test_touching_discs_keep_the_core_over_the_rim():
    # Two discs 3 px apart with radius 2: each one's rim reaches the other's core.
    image = nuclei_image(np.array([4.5, 7.5]), np.array([4.5, 4.5]), np.array([True, False]),
                         2.0, 12, 9)
    assert tuple(image[4, 4]) == (*_rgb(KI67_POSITIVE), 255)
    assert tuple(image[4, 7]) == (*_rgb(KI67_NEGATIVE), 255)


def test_whole_slide_raster_has_every_nucleus_in_its_colour():
    slide = make_slide(0)
    unit = 6.0
    image = nuclei_image(slide.x * unit, slide.y * unit, slide.positive,
                         _NUCLEUS_RADIUS * unit, int(slide.width * unit), int(slide.height * unit))
    centres = image[(slide.y * unit).astype(int), (slide.x * unit).astype(int)]
    assert (centres[:, 3] == 255).all()
    assert (centres[slide.positive, :3] == _rgb(KI67_POSITIVE)).all()
    assert (centres[~slide.positive, :3] == _rgb(KI67_NEGATIVE)).all()


def test_a_slide_seen_again_looks_the_same_and_few_rasters_are_kept():
    lab = CountingLab(slide=2)
    first = lab.view._stream.last.copy()  # the drawn pixels (the PNG's palette may move)
    for seed in (3, 4, 5, 6, 2):
        lab.slide.value = seed
    assert np.array_equal(lab.view._stream.last, first)
    nuclei = lab._field.nuclei
    assert isinstance(nuclei, NucleiArtist)
    assert 1 <= len(nuclei._recent) <= NucleiArtist._KEPT


def _over_ground_by_agg(image: np.ndarray, ground: str) -> np.ndarray:
    """The earlier drawing: the transparent raster drawn by Agg over an opaque ground."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.colors import to_rgb

    height, width = image.shape[:2]
    renderer = RendererAgg(width, height, 72)
    pixels = np.asarray(renderer.buffer_rgba())
    pixels[...] = [*(round(255 * c) for c in to_rgb(ground)), 255]
    gc = renderer.new_gc()
    renderer.draw_image(gc, 0, 0, image[::-1])
    gc.restore()
    return pixels.copy()


def test_ground_table_ends_in_the_ground_and_the_two_stains():
    table = ground_table("#FFFFFF").view(np.uint8).reshape(512, 4)
    assert tuple(table[0]) == (255, 255, 255, 255) == tuple(table[256])
    assert tuple(table[255]) == (*_rgb(KI67_NEGATIVE), 255)
    assert tuple(table[511]) == (*_rgb(KI67_POSITIVE), 255)
    # Darker with more coverage (both stains are darker than white).
    assert (np.diff(table[:256, :3].astype(int).sum(axis=1)) <= 0).all()


@pytest.mark.parametrize("ground", ["#FFFFFF", "#F0E442", "#202020"])
@pytest.mark.parametrize("unit", [2.3, 5.37])
def test_nuclei_on_a_ground_equal_the_transparent_raster_drawn_over_it(ground, unit):
    slide = make_slide(5)
    near = (slide.x < 20) & (slide.y < 12)
    cx, cy = slide.x[near] * unit - 1, slide.y[near] * unit - 1
    width, height = int(18 * unit), int(10 * unit)
    args = (cx, cy, slide.positive[near], _NUCLEUS_RADIUS * unit, width, height)
    on_ground = nuclei_image(*args, ground=ground_table(ground))
    assert np.array_equal(on_ground, _over_ground_by_agg(nuclei_image(*args), ground))
    assert (on_ground[..., 3] == 255).all()


def test_the_counting_lab_draws_its_nuclei_as_the_transparent_raster_did():
    lab = CountingLab(slide=4)
    nuclei = lab._field.nuclei
    assert nuclei.ground == "#ffffff"

    def drawn_from_scratch() -> np.ndarray:
        lab.view.redraw_all(lab.view.changing)  # forget the kept background
        return lab.view.full_frame()

    ours = drawn_from_scratch()
    nuclei.ground = None  # the earlier drawing: the raster blended over the white figure
    earlier = drawn_from_scratch()
    box = lab._axes[0].bbox  # the two can differ only on the box's partly covered edge pixels
    rows, cols = ours.shape[:2]
    inner = (slice(rows - int(box.y1) + 1, rows - int(np.ceil(box.y0)) - 1),
             slice(int(np.ceil(box.x0)) + 1, int(box.x1) - 1))
    assert np.array_equal(ours[inner], earlier[inner])
    outside = np.ones((rows, cols), bool)
    outside[rows - int(np.ceil(box.y1)):rows - int(box.y0), int(box.x0):int(np.ceil(box.x1))] \
        = False
    assert np.array_equal(ours[outside], earlier[outside])
    assert (ours[inner][..., :3] != 255).any()  # the comparison covers drawn nuclei


@pytest.mark.parametrize("fmt", ["svg", "pdf"])
def test_a_vector_export_gets_the_nuclei_as_one_image(fmt):
    import io

    lab = CountingLab(slide=1)
    out = io.BytesIO()
    lab.view.figure.savefig(out, format=fmt)
    data = out.getvalue()
    assert (b"<image" in data) if fmt == "svg" else (b"/Subtype /Image" in data)
