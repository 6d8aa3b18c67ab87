"""FigureView paints only what changed (a dirty region) and the result is the same picture.

Every explorer of every lesson is driven through its controls; after each change the picture
the learner gets must equal the picture painted from scratch, pixel for pixel.
"""

from __future__ import annotations

import sys
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.patches import Rectangle

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.bench_explorers import change_plan, discover_explorers, slider_values
from gepnet_widgets.widgets._figure import FigureView, dirty_plan

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
