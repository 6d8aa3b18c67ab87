"""The treatment map's words stay inside their boxes and their column (no label runs over)."""

from __future__ import annotations

from matplotlib.patches import Rectangle

from gepnet_widgets import TreatmentComparer
from gepnet_widgets.drawing import treatment as dt


def _drawn():
    """The map as the comparer draws it (its figure size and axes)."""
    comparer = TreatmentComparer()
    fig = comparer.view.figure
    ax = comparer.view.axes()
    renderer = fig.canvas.get_renderer()
    return ax, comparer._map, renderer


def test_family_labels_stay_in_their_column() -> None:
    ax, _artists, renderer = _drawn()
    column_edge = ax.transData.transform((dt._MAP_LEFT, 0))[0]
    labels = [t for t in ax.texts if t.get_position()[0] < 1]  # the left column's labels
    assert len(labels) >= len(dt.MECHANISM_FAMILIES)
    for t in labels[:len(dt.MECHANISM_FAMILIES)]:
        box = t.get_window_extent(renderer)
        assert box.x1 <= column_edge, (t.get_text(), box.x1, column_edge)


def test_every_name_fits_its_box() -> None:
    ax, artists, renderer = _drawn()
    boxes = [b.get_window_extent(renderer) for b in artists.boxes.values()]
    names = [t for t in ax.texts if t.get_ha() == "center" and t.get_fontsize() < 9]
    assert len(names) == len(boxes)
    for t in names:
        extent = t.get_window_extent(renderer)
        cx, cy = (extent.x0 + extent.x1) / 2, (extent.y0 + extent.y1) / 2
        box = next(b for b in boxes if b.x0 <= cx <= b.x1 and b.y0 <= cy <= b.y1)
        assert extent.x0 >= box.x0 + 1 and extent.x1 <= box.x1 - 1, t.get_text()
    assert all(isinstance(b, Rectangle) for b in artists.boxes.values())


def test_rows_are_tall_enough_for_their_labels() -> None:
    ax, _artists, renderer = _drawn()
    rows, _cells = dt._map_layout()
    labels = [t for t in ax.texts if t.get_position()[0] < 1][:len(rows)]
    for (_key, top, height), t in zip(rows, labels, strict=True):
        box = t.get_window_extent(renderer)
        y_top = ax.transData.transform((0, top))[1]
        y_bottom = ax.transData.transform((0, top - height))[1]
        assert box.y1 <= y_top and box.y0 >= y_bottom, t.get_text()
