"""Shared wiring for explorers: a labelled control row, a figure, and a text readout beside it."""

from __future__ import annotations

import html
import math
from collections.abc import Iterator
from contextlib import contextmanager

import ipywidgets as widgets
from IPython.display import display
from traitlets import validate

from ..style import CSS_HIGHLIGHT, CSS_MARK_BG, CSS_MUTED, CSS_TEXT
from ._figure import FigureView
from .static import (
    STATIC_CLASS,
    STATIC_CSS,
    FallbackBox,
    StaticView,
    html_to_text,
    note_html,
    settings_html,
    settings_text,
)

__all__ = ["Explorer", "labelled", "number_box", "error_html", "definition_table",
           "CONTROL_STYLE", "NUMBER_BOX_CLASS"]

CONTROL_STYLE = {"description_width": "initial"}
#: An explorer's title: an h3 (it sits in a lesson section) at the size of the old h4.
HEADING_STYLE = "margin:4px 0;font-size:1.1em"


def labelled(control: widgets.Widget, prefix: str, name: str) -> widgets.Widget:
    """Give ``control`` the house style and the CSS hook ``gepnet-<prefix>-<name>``."""
    control.style = CONTROL_STYLE
    control.add_class(f"gepnet-{prefix}-{name}")
    control.add_class("gepnet-control")
    if getattr(control.layout, "width", None) is None:
        control.layout.width = "auto"
    control.layout.margin = "2px 24px 2px 0"
    return control


#: CSS hook shared by every number box beside a slider (the course stylesheet sizes them).
NUMBER_BOX_CLASS = "gepnet-number-box"


class _SteppedFloatText(widgets.BoundedFloatText):
    """A bounded float box that keeps typed values on its step grid (counted from ``min``).

    Typed values outside the bounds are clamped (as in ``BoundedFloatText``); a value that is
    not a finite number keeps the current value instead of raising. The front end is the stock
    ``BoundedFloatText`` view (same model name).
    """

    @validate("value")
    def _validate_value(self, proposal: dict) -> float:
        value = float(proposal["value"])
        if not math.isfinite(value):
            return self.value
        value = min(max(value, self.min), self.max)
        if self.step and self.step > 0:
            steps = round((value - self.min) / self.step)
            value = min(max(round(self.min + steps * self.step, 10), self.min), self.max)
        return value


class _SteppedIntText(widgets.BoundedIntText):
    """A bounded int box: typed values outside the bounds are clamped, never refused."""

    @validate("value")
    def _validate_value(self, proposal: dict) -> int:
        return min(max(int(proposal["value"]), self.min), self.max)


def number_box(slider: widgets.Widget, prefix: str, name: str, description: str,
               step: float | None = None) -> widgets.Widget:
    """A number box beside ``slider`` for a value a learner wants exactly (1.0 vs 1.1 cm).

    The box has the slider's bounds and (unless ``step`` is given) its step; typed values are
    clamped into the bounds and, for floats, put on the step grid, so a typed value never
    raises. Box and slider are linked in the kernel (``widgets.link``): the slider's own
    observer does the explorer's update, so a typed value makes one refresh, not two. The box
    follows the slider's bounds when they move, and is disabled and hidden together with it.
    Keep the box out of an explorer's ``controls`` (the slider is the control; the box only
    sets it).

    Returns the box, labelled (``description``), with the CSS hooks ``gepnet-<prefix>-<name>``
    and :data:`NUMBER_BOX_CLASS`.
    """
    floats = isinstance(slider.value, float)
    cls = _SteppedFloatText if floats else _SteppedIntText
    box = cls(value=slider.value, min=slider.min, max=slider.max,
              step=slider.step if step is None else step, description=description,
              layout=widgets.Layout(width="190px"))
    for trait in ("max", "min", "value"):  # bounds first (they may move, e.g. with a grade)
        widgets.link((slider, trait), (box, trait))
    widgets.link((slider, "disabled"), (box, "disabled"))
    widgets.link((slider.layout, "display"), (box.layout, "display"))
    box.add_class(NUMBER_BOX_CLASS)
    return labelled(box, prefix, name)


def error_html(message: str) -> str:
    """A readable message (never a traceback) for input the logic refused."""
    return (
        f'<div class="gepnet-error" style="color:{CSS_TEXT};border-left:4px solid {CSS_HIGHLIGHT};'
        f'padding:4px 8px"><b>That input cannot be used:</b> '
        f"{html.escape(message)}</div>"
    )


def definition_table(rows: tuple[tuple[str, str], ...], current: str, caption: str) -> str:
    """An HTML table of category definitions with the ``current`` category marked."""
    body = []
    for category, text in rows:
        mark = category == current
        style = (f"background:{CSS_MARK_BG};font-weight:bold;"
                 f"border-left:4px solid {CSS_HIGHLIGHT}") if mark else ""
        flag = " (this tumour)" if mark else ""
        body.append(
            f'<tr style="{style}"><td style="padding:2px 6px;white-space:nowrap">'
            f"{html.escape(category)}{flag}</td><td style=\"padding:2px 6px\">"
            f"{html.escape(text)}</td></tr>"
        )
    return (
        f'<table style="border-collapse:collapse;font-size:0.92em;color:{CSS_TEXT}">'
        f'<caption style="text-align:left;color:{CSS_MUTED};caption-side:top">'
        f"{html.escape(caption)}</caption>{''.join(body)}</table>"
    )


class Explorer:
    """Base for explorers: controls on top, the figure with its readout beside it.

    Subclasses build their controls, call :meth:`_assemble`, and implement :meth:`_update`,
    which reads the controls, calls the domain logic, updates the drawing and the readout.

    The root ``widget`` is a :class:`~gepnet_widgets.widgets.static.FallbackBox`: where no
    kernel runs (GitHub, nbviewer, ``make site`` pages) the explorer shows
    :meth:`static_view` (its picture, settings and readout) instead of an empty box.
    """

    prefix = "explorer"

    def __init__(self, width: float, height: float, title: str, palette: bool = False) -> None:
        self.view = FigureView(width, height, f"gepnet-{self.prefix}-figure", palette=palette)
        self.readout = widgets.HTML(layout=widgets.Layout(flex="1 1 320px", min_width="280px"))
        self.readout.add_class(f"gepnet-{self.prefix}-readout")
        self.title = title
        self.widget: widgets.VBox | None = None
        self._quiet = False
        self.update_count = 0

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        """The explorer's controls by name (tests and the benchmark drive these)."""
        raise NotImplementedError

    def _assemble(self, rows: list[list[widgets.Widget]]) -> None:
        control_rows = [
            widgets.HBox(row, layout=widgets.Layout(flex_flow="row wrap"))
            for row in rows
        ]
        self.view.widget.layout = widgets.Layout(flex="0 1 auto", margin="0 16px 8px 0")
        body = widgets.HBox(
            [self.view.widget, self.readout],
            layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start"),
        )
        # h3: an explorer sits inside a lesson's "## n." section (axe: heading-order).
        heading = widgets.HTML(f"<h3 style='{HEADING_STYLE}'>{html.escape(self.title)}</h3>")
        self.widget = FallbackBox([heading, *control_rows, body], fallback=self.static_view)
        self.widget.add_class(f"gepnet-{self.prefix}")
        self.widget.add_class("gepnet-explorer")
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.refresh()

    @contextmanager
    def quietly(self) -> Iterator[None]:
        """Change several controls at once without an update per change."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def _on_change(self, _change: dict) -> None:
        if not self._quiet:
            self.refresh()

    def refresh(self) -> None:
        """Recompute and redraw from the current control values."""
        try:
            self._update()
        except ValueError as err:  # controls offer only valid values; this is a safety net
            self.readout.value = error_html(str(err))
        self.update_count += 1

    def _update(self) -> None:
        raise NotImplementedError

    def static_view(self) -> StaticView:
        """The current state as a static picture, settings list and readout.

        Returns
        -------
        StaticView
            HTML (root class ``gepnet-static``; the figure as ``<img alt>``), a plain-text
            summary, and the figure's PNG.
        """
        controls = list(self.controls.values())
        title = html.escape(self.title)
        figure = self.view.img_html() if self.view.png else ""
        page = (
            f'<div class="{STATIC_CLASS} {STATIC_CLASS}-{self.prefix}" role="group" '
            f'aria-label="{title} (static view)" style="color:{CSS_TEXT};margin:4px 0 12px">'
            f"{STATIC_CSS}<h3 style='{HEADING_STYLE}'>{title}</h3>"
            + note_html()
            + settings_html(controls)
            + '<div style="display:flex;flex-wrap:wrap;align-items:flex-start;gap:8px 16px">'
            f'<div class="{STATIC_CLASS}-figure" style="flex:0 1 auto">{figure}</div>'
            f'<div class="{STATIC_CLASS}-readout" style="flex:1 1 320px;min-width:280px">'
            f"{self.readout.value}</div></div></div>"
        )
        lines = [
            f"{self.title} (static view: run the notebook to change it)",
            f"Settings: {settings_text(controls)}",
            f"Figure: {self.view.alt}" if self.view.alt else "",
            html_to_text(self.readout.value),
        ]
        text = "\n".join(line for line in lines if line)
        return StaticView(page, text, self.view.png, self.view.width_px)

    def _ipython_display_(self) -> None:
        display(self.widget)

