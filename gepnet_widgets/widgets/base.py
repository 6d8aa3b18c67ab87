"""Shared wiring for explorers: a labelled control row, a figure, and a text readout beside it."""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager

import ipywidgets as widgets
from IPython.display import display

from ..style import HIGHLIGHT, MUTED, TEXT
from ._figure import FigureView

__all__ = ["Explorer", "labelled", "error_html", "definition_table", "CONTROL_STYLE"]

CONTROL_STYLE = {"description_width": "initial"}


def labelled(control: widgets.Widget, prefix: str, name: str) -> widgets.Widget:
    """Give ``control`` the house style and the CSS hook ``gepnet-<prefix>-<name>``."""
    control.style = CONTROL_STYLE
    control.add_class(f"gepnet-{prefix}-{name}")
    control.add_class("gepnet-control")
    if getattr(control.layout, "width", None) is None:
        control.layout.width = "auto"
    control.layout.margin = "2px 24px 2px 0"
    return control


def error_html(message: str) -> str:
    """A readable message (never a traceback) for input the logic refused."""
    return (
        f'<div class="gepnet-error" style="color:{TEXT};border-left:4px solid {HIGHLIGHT};'
        f'padding:4px 8px"><b>That input cannot be used:</b> '
        f"{html.escape(message)}</div>"
    )


def definition_table(rows: tuple[tuple[str, str], ...], current: str, caption: str) -> str:
    """An HTML table of category definitions with the ``current`` category marked."""
    body = []
    for category, text in rows:
        mark = category == current
        style = f"background:#FDEBD9;font-weight:bold;border-left:4px solid {HIGHLIGHT}" if mark \
            else ""
        flag = " (this tumour)" if mark else ""
        body.append(
            f'<tr style="{style}"><td style="padding:2px 6px;white-space:nowrap">'
            f"{html.escape(category)}{flag}</td><td style=\"padding:2px 6px\">"
            f"{html.escape(text)}</td></tr>"
        )
    return (
        f'<table style="border-collapse:collapse;font-size:0.92em;color:{TEXT}">'
        f'<caption style="text-align:left;color:{MUTED};caption-side:top">'
        f"{html.escape(caption)}</caption>{''.join(body)}</table>"
    )


class Explorer:
    """Base for explorers: controls on top, the figure with its readout beside it.

    Subclasses build their controls, call :meth:`_assemble`, and implement :meth:`_update`,
    which reads the controls, calls the domain logic, updates the drawing and the readout.
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
        heading = widgets.HTML(f"<h4 style='margin:4px 0'>{html.escape(self.title)}</h4>")
        self.widget = widgets.VBox([heading, *control_rows, body])
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

    def _ipython_display_(self) -> None:
        display(self.widget)

