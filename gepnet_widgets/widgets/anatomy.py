"""Explorers of lesson 1: a neuroendocrine cell step by step, and the map of the GEP sites.

They wire controls to :mod:`gepnet_widgets.anatomy` (cited data) and
:mod:`gepnet_widgets.drawing.anatomy` (the pictures); they hold no clinical fact themselves.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..anatomy import (
    CELL_EXAMPLES,
    CELL_STEPS,
    CELL_TYPES,
    NOT_IN_SOURCES,
    SiteProfile,
    cell_step,
    site_profile,
)
from ..drawing.anatomy import draw_cell, draw_gi_map, update_cell, update_gi_map
from ..staging import SITES, site_label
from ..style import CSS_MUTED, CSS_TEXT
from ..syndromes import SYNDROMES
from .base import Explorer, labelled
from .syndromes import sources_line, statement_html

__all__ = ["CellExplorer", "SiteMap"]


def _headline(label: str, value: str, css: str) -> str:
    return (f'<div style="font-size:1.1em;color:{CSS_TEXT};margin:2px 0">{html.escape(label)}: '
            f'<b class="{css}">{html.escape(value)}</b></div>')


def _list(items) -> str:
    body = "".join(f"<li>{item}</li>" for item in items)
    return f'<ul style="margin:2px 0 6px;padding-left:18px">{body}</ul>'


class CellExplorer(Explorer):
    """Step through what a neuroendocrine cell does, and what changes when it forms a NET."""

    prefix = "cell"

    def __init__(self, step: int = 1, example: str = "any") -> None:
        super().__init__(6.6, 4.6, "A neuroendocrine cell, step by step")
        self.step = labelled(
            widgets.IntSlider(value=step, min=1, max=len(CELL_STEPS), step=1,
                              description="Step", continuous_update=True,
                              layout=widgets.Layout(width="320px")),
            self.prefix, "step")
        self.example = labelled(
            widgets.Dropdown(options=[(e.label, e.id) for e in CELL_EXAMPLES.values()],
                             value=example, description="Example cell",
                             layout=widgets.Layout(width="420px")),
            self.prefix, "example")
        self._cell = None
        self._assemble([[self.step, self.example]])

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        return {"step": self.step, "example": self.example}

    def _update(self) -> None:
        step, example = self.step.value, self.example.value
        ax = self.view.axes()
        if self._cell is None:
            self._cell = draw_cell(ax, step, example)
            self.view.redraw_all(self._cell.changing)
        else:
            update_cell(self._cell, step, example)
        s = cell_step(step)
        self.view.refresh(
            f"Diagram: a nerve, a neuroendocrine cell with its granules, a blood vessel and a "
            f"target cell. Step {step} of {len(CELL_STEPS)}: {s.title}. "
            f"{s.statement.text}")
        self.readout.value = self._readout()

    def _readout(self) -> str:
        s = cell_step(self.step.value)
        parts = [
            _headline("Step", f"{s.number} of {len(CELL_STEPS)}", "gepnet-cell-current"),
            f'<p style="color:{CSS_TEXT};margin:2px 0"><b class="gepnet-cell-title">'
            f"{html.escape(s.title)}</b>. {statement_html(s.statement)}</p>",
        ]
        example = CELL_EXAMPLES[self.example.value]
        shown = [s.statement]
        if example.cell_type is not None:
            c = CELL_TYPES[example.cell_type]
            shown.append(c.statement)
            parts += [
                _headline("This cell", c.name, "gepnet-cell-type"),
                f'<p style="color:{CSS_TEXT};margin:2px 0">Lives in: '
                f"{html.escape(site_label(example.site))}. Makes: "
                f"{html.escape(c.hormone_name)}. {statement_html(c.statement)}</p>",
            ]
        if s.number == len(CELL_STEPS):
            parts.append(f'<p style="color:{CSS_MUTED};margin:6px 0 0">Whether a NET makes a '
                         "hormone that causes symptoms is the subject of lesson 5; how far it "
                         "has spread (stage) and how many of its cells are dividing (grade), of "
                         "lessons 3 and 4.</p>")
        parts.append(sources_line(shown))
        return "".join(parts)


class SiteMap(Explorer):
    """Choose a GEP site on the map: what arises there, which cells live there, how it behaves."""

    prefix = "site"

    def __init__(self, site: str = "stomach") -> None:
        super().__init__(5.8, 5.6, "Where GEP-NETs arise")
        self.site = labelled(
            widgets.Dropdown(options=[(site_label(s), s) for s in SITES], value=site,
                             description="Site", layout=widgets.Layout(width="320px")),
            self.prefix, "site")
        self.profile: SiteProfile | None = None
        self._map = None
        self._assemble([[self.site]])

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        return {"site": self.site}

    def _update(self) -> None:
        site = self.site.value
        self.profile = site_profile(site)
        ax = self.view.axes()
        if self._map is None:
            self._map = draw_gi_map(ax, site)
            self.view.redraw_all(self._map.changing)
        else:
            update_gi_map(self._map, site)
        self.view.refresh(
            "Schematic map of the digestive organs where GEP-NETs arise: stomach, duodenum "
            "with the ampulla of Vater, jejunum and ileum, appendix, colon and rectum, and "
            f"pancreas. Highlighted: {self.profile.label}.")
        self.readout.value = self._readout()

    def _readout(self) -> str:
        p = self.profile
        cells = ", ".join(c.name for c in p.cell_types) or "not covered by the course's sources"
        syndromes = "; ".join(SYNDROMES[s].name for s in p.syndromes) or "none of the six"
        parts = [
            _headline("Site", p.label, "gepnet-site-name"),
            f'<p style="color:{CSS_TEXT};margin:6px 0 0"><b>What arises here</b></p>',
            _list(statement_html(s) for s in p.info.arises),
            _headline("Hormone-producing cells", cells, "gepnet-site-cells"),
            _list(statement_html(c.statement) for c in p.cell_types) if p.cell_types
            else f'<p style="color:{CSS_MUTED};margin:2px 0">{html.escape(NOT_IN_SOURCES)}</p>',
            f'<p style="color:{CSS_TEXT};margin:6px 0 0"><b>Typical behaviour</b></p>',
            _list(statement_html(s) for s in p.info.behaviour),
            _headline("Hormone syndromes that arise here", syndromes, "gepnet-site-syndromes"),
            f'<p style="color:{CSS_MUTED};margin:4px 0 0">{html.escape(p.staging_note)}</p>',
            sources_line((*p.info.arises, *(c.statement for c in p.cell_types),
                          *p.info.behaviour)),
        ]
        return "".join(parts)
