"""Static fallbacks: what an explorer shows where no kernel runs.

A live widget needs a kernel and a widget manager. GitHub, nbviewer, an HTML file exported with
``make site`` and a notebook opened untrusted have neither, and would show "Loading widget..." or
the widget's Python ``repr``. So every explorer's root widget is a :class:`FallbackBox`: a
``VBox`` whose display bundle carries, beside the widget view, a ``text/html`` picture-and-summary
of the state it was displayed in, the picture as ``image/png``, and a plain-text summary.

Front ends with a widget manager (JupyterLab, Notebook 7, Voila, VS Code) prefer the widget view
and render the live explorer; nbconvert (``make site``, nbviewer) drops the widget view when the
notebook carries no widget state and renders the ``text/html``; plain-text front ends print the
summary.

Example
-------
>>> from gepnet_widgets.widgets.static import StaticView, FallbackBox
>>> box = FallbackBox([], fallback=lambda: StaticView("<p>Hi</p>", "Hi"))
>>> sorted(box._repr_mimebundle_())  # doctest: +NORMALIZE_WHITESPACE
['application/vnd.jupyter.widget-view+json', 'text/html', 'text/plain']
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import ipywidgets as widgets

from ..style import CSS_MUTED, CSS_TEXT
from .a11y import deliver_a11y_script

__all__ = [
    "StaticView",
    "FallbackBox",
    "html_to_text",
    "control_label",
    "control_value_text",
    "settings_html",
    "settings_text",
    "note_html",
    "STATIC_CLASS",
    "STATIC_CSS",
    "STATIC_NOTE",
]

#: CSS class on every static fallback's root element (tests and ``make site`` look for it).
STATIC_CLASS = "gepnet-static"
#: Layout rules for static fallbacks (nbconvert's page CSS right-aligns table cells).
STATIC_CSS = (
    f"<style>.{STATIC_CLASS} td, .{STATIC_CLASS} th, .{STATIC_CLASS} tr "
    "{ text-align: left !important; vertical-align: top }"
    f" .{STATIC_CLASS} img {{ max-width: 100%; height: auto }}"
    # readouts single-spaced, lists tight (as the live readouts: widgets.a11y.PAGE_CSS)
    f" .{STATIC_CLASS}-readout :is(p, div, ul, ol, li, table, details, summary) "
    "{ line-height: 1.35 } "
    f".{STATIC_CLASS}-readout :is(ul, ol) > li {{ margin: 0.1em 0 }}</style>"
)
#: What a static fallback says about itself.
STATIC_NOTE = (
    "Static view: this is how the interactive part looked when the notebook ran. To change "
    "it, open the notebook in Jupyter (Binder, a JupyterHub, your computer) or in app mode "
    "(Voila)."
)


@dataclass(frozen=True)
class StaticView:
    """A static stand-in for a widget.

    Attributes
    ----------
    html : str
        Self-contained HTML (inline styles, pictures as data URLs), root class ``gepnet-static``.
    text : str
        Plain-text summary (for front ends that show only ``text/plain``).
    png : bytes
        The picture, if any (sent as ``image/png``).
    width_px : int
        The picture's display width in pixels (0 if there is no picture).
    """

    html: str
    text: str
    png: bytes = b""
    width_px: int = 0


class FallbackBox(widgets.VBox):
    """A ``VBox`` whose display bundle also carries a static fallback.

    Parameters
    ----------
    children : iterable of ipywidgets.Widget
        As for ``VBox``.
    fallback : callable
        Called at display time; returns the :class:`StaticView` of the current state.
    **kwargs
        Passed to ``VBox`` (``layout``, ...).

    Notes
    -----
    Displaying the box also delivers, once per kernel, the page script of
    :mod:`gepnet_widgets.widgets.a11y` (slider names for screen readers).
    """

    def __init__(
        self,
        children: Iterable[widgets.Widget] = (),
        *,
        fallback: Callable[[], StaticView],
        **kwargs: Any,
    ) -> None:
        super().__init__(list(children), **kwargs)
        self._fallback = fallback

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        data = super()._repr_mimebundle_(**kwargs)
        if not data or "application/vnd.jupyter.widget-view+json" not in data:
            return data
        deliver_a11y_script()
        try:
            view = self._fallback()
        except Exception as exc:  # a fallback must never stop the live widget from showing
            view = StaticView(
                f'<div class="{STATIC_CLASS}"><p>{html.escape(STATIC_NOTE)}</p></div>',
                f"(static view unavailable: {type(exc).__name__})",
            )
        data["text/html"] = view.html
        data["text/plain"] = view.text
        metadata: dict[str, Any] = {}
        if view.png:
            data["image/png"] = base64.b64encode(view.png).decode("ascii")
            if view.width_px:
                metadata["image/png"] = {"width": view.width_px}
        return (data, metadata) if metadata else data


# --------------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------------


class _TextOf(HTMLParser):
    """Collects the text of an HTML fragment (no script or style content)."""

    _SKIP = frozenset({"script", "style"})
    _BREAKS = frozenset({"p", "div", "li", "tr", "br", "h1", "h2", "h3", "h4", "h5", "h6",
                         "table", "ul", "ol", "caption", "details", "summary"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BREAKS:
            self.parts.append("\n")
        elif tag in {"td", "th"}:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """The readable text of an HTML fragment: tags dropped, one line per block, spaces folded.

    >>> html_to_text("<p>T category: <b>T1</b></p><ul><li>a &amp; b</li></ul>")
    'T category: T1\\na & b'
    """
    parser = _TextOf()
    parser.feed(fragment)
    parser.close()
    raw = "".join(parser.parts).split("\n")
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in raw)
    return "\n".join(line for line in lines if line)


def control_label(control: widgets.Widget) -> str:
    """The control's label (its description, else its tooltip, else its class name)."""
    for attr in ("description", "tooltip"):
        text = getattr(control, attr, None)
        if text:
            return html_to_text(str(text)).rstrip(":")
    return type(control).__name__


def _format_number(control: widgets.Widget, value: float) -> str:
    fmt = getattr(control, "readout_format", "") or ""
    try:
        return format(value, fmt.lstrip("%")) if fmt else str(value)
    except (TypeError, ValueError):
        return str(value)


def control_value_text(control: widgets.Widget) -> str:
    """The control's current value as the learner sees it (option labels, formatted numbers).

    >>> control_value_text(widgets.FloatSlider(value=1.0, readout_format=".1f"))
    '1.0'
    >>> control_value_text(widgets.Dropdown(options=[("Stomach", "stomach")]))
    'Stomach'
    >>> control_value_text(widgets.Checkbox(value=False))
    'no'
    """
    if isinstance(control, widgets.Checkbox | widgets.ToggleButton):
        return "yes" if control.value else "no"
    labels = getattr(control, "_options_labels", None)
    if labels is not None:  # selection widgets: show labels, not internal values
        index = getattr(control, "index", None)
        if isinstance(control, widgets.SelectionRangeSlider):
            return " to ".join(labels[i] for i in index)
        if isinstance(index, tuple):  # SelectMultiple
            return ", ".join(labels[i] for i in index) or "none"
        return labels[index] if index is not None else "none chosen"
    value = control.value
    if isinstance(value, tuple):  # range sliders
        return " to ".join(_format_number(control, v) for v in value)
    if isinstance(value, float):
        return _format_number(control, value)
    return "" if value is None else str(value)


def settings_html(controls: Iterable[widgets.Widget]) -> str:
    """An HTML list ``label: value`` of the visible controls."""
    items = [
        f"<li><span>{html.escape(control_label(c))}</span>: "
        f"<b>{html.escape(control_value_text(c))}</b></li>"
        for c in controls
        if getattr(c.layout, "display", None) != "none"
    ]
    if not items:
        return ""
    return (
        f'<ul class="{STATIC_CLASS}-settings" style="margin:4px 0 8px;padding-left:18px;'
        f'color:{CSS_TEXT}">{"".join(items)}</ul>'
    )


def settings_text(controls: Iterable[widgets.Widget]) -> str:
    """``label = value; ...`` of the visible controls."""
    return "; ".join(
        f"{control_label(c)} = {control_value_text(c)}"
        for c in controls
        if getattr(c.layout, "display", None) != "none"
    )


def note_html() -> str:
    """The "this is a static view" line."""
    return (
        f'<p class="{STATIC_CLASS}-note" '
        f'style="color:{CSS_MUTED};font-size:0.9em;margin:2px 0 6px">'
        f"{html.escape(STATIC_NOTE)}</p>"
    )
