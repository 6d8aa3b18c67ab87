"""A matplotlib Figure shown as an accessible ``<img alt>`` inside an ``ipywidgets.HTML``.

The figure is built once (no pyplot, so nothing is auto-displayed and nothing piles up). Drawing
functions mark the artists that change as *animated*; :meth:`FigureView.refresh` renders the
static rest once, keeps it as a background, and on later updates only restores that background
and draws the animated artists over it (blitting), then encodes the pixels as PNG. Rendering
through ``widgets.HTML`` (not ``widgets.Image``) lets the picture carry alt text, which axe-core
requires and screen readers read.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterable

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from ..style import FIGURE_DPI

__all__ = ["FigureView", "png_bytes", "img_tag"]


def png_bytes(canvas: FigureCanvasAgg) -> bytes:
    """Encode the canvas's current pixels as PNG (fast compression; pixels as drawn)."""
    buf = io.BytesIO()
    pixels = np.asarray(canvas.buffer_rgba())
    Image.fromarray(pixels[..., :3]).save(buf, format="png", compress_level=1)
    return buf.getvalue()


def img_tag(png: bytes, alt: str, width_px: int) -> str:
    """Return an ``<img>`` element embedding ``png`` with escaped ``alt`` text."""
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
        f'style="max-width:100%;width:{width_px}px;height:auto">'
    )


class FigureView:
    """Own one Figure and the HTML widget that shows it.

    Parameters
    ----------
    width, height:
        Figure size in inches (at the house DPI).
    css_class:
        Class added to the HTML widget (a stable hook for browser tests).
    """

    def __init__(self, width: float, height: float, css_class: str) -> None:
        self.figure = Figure(figsize=(width, height), dpi=FIGURE_DPI)
        self.canvas = FigureCanvasAgg(self.figure)
        self.widget = widgets.HTML(layout=widgets.Layout(width="auto"))
        self.widget.add_class(css_class)
        self.widget.add_class("gepnet-figure")
        self.render_count = 0
        self.png = b""
        self.alt = ""
        self._width_px = int(width * FIGURE_DPI)
        self._background = None
        self._animated: list[Artist] = []

    def axes(self):
        """The figure's single Axes, created on first use to fill the figure."""
        if not self.figure.axes:
            self.figure.add_axes((0.01, 0.01, 0.98, 0.98))
        return self.figure.axes[0]

    def redraw_all(self, animated: Iterable[Artist] = ()) -> None:
        """Forget the cached background (after a full redraw); ``animated`` change later."""
        self._background = None
        self._animated = list(animated)
        for artist in self._animated:
            artist.set_animated(True)

    def refresh(self, alt: str) -> None:
        """Render the figure and show it with ``alt`` as its text alternative."""
        if self._background is None:
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        else:
            self.canvas.restore_region(self._background)
        for artist in self._animated:
            self.figure.draw_artist(artist)
        self.png = png_bytes(self.canvas)
        self.alt = alt
        self.widget.value = img_tag(self.png, alt, self._width_px)
        self.render_count += 1
