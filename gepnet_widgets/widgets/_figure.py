"""A matplotlib Figure shown as an accessible ``<img alt>`` inside an ``ipywidgets.HTML``.

The figure is built once (no pyplot, so nothing is auto-displayed and nothing piles up), drawing
functions update its artists in place, and :meth:`FigureView.refresh` renders it to PNG and swaps
the image. Rendering through ``widgets.HTML`` (not ``widgets.Image``) lets the picture carry alt
text, which axe-core requires and screen readers read.
"""

from __future__ import annotations

import base64
import html
import io

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..style import FIGURE_DPI

__all__ = ["FigureView", "png_bytes", "img_tag"]


def png_bytes(fig: Figure) -> bytes:
    """Render ``fig`` to PNG bytes with the Agg canvas (no tight bbox: one draw, not two)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=FIGURE_DPI)
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
        FigureCanvasAgg(self.figure)
        self.widget = widgets.HTML(layout=widgets.Layout(width="auto"))
        self.widget.add_class(css_class)
        self.widget.add_class("gepnet-figure")
        self.render_count = 0
        self._width_px = int(width * FIGURE_DPI)

    def refresh(self, alt: str) -> None:
        """Render the figure and show it with ``alt`` as its text alternative."""
        self.widget.value = img_tag(png_bytes(self.figure), alt, self._width_px)
        self.render_count += 1
