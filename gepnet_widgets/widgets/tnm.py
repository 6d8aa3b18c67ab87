"""Explorers of the TNM lesson. They wire controls to :mod:`gepnet_widgets.staging` (the rules)
and :mod:`gepnet_widgets.drawing.tnm` (the pictures); they hold no clinical fact themselves."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..drawing.tnm import (
    draw_site_comparison,
    draw_spread,
    draw_stage_grid,
    draw_wall,
    layer_name,
    update_site_comparison,
    update_spread,
    update_stage_grid,
    update_wall,
)
from ..sources import SOURCES
from ..staging import (
    COMPARISON_DEPTHS,
    SCOPE_NOTE,
    SITES,
    StagingResult,
    compare_sites,
    invasion_options,
    metastasis_options,
    n_definitions,
    site_label,
    site_tnm,
    stage_tumor,
    t_definitions,
)
from ..style import MUTED, TEXT
from .base import Explorer, definition_table, labelled

__all__ = ["TExplorer", "NMExplorer", "StageExplorer", "SiteComparison"]

MAX_SIZE_CM = 10.0
MAX_NODES = 30
MAX_TUMOURS = 10


# --- controls -----------------------------------------------------------------------------------


def site_control(prefix: str, value: str = "stomach") -> widgets.Dropdown:
    """A dropdown of the seven sites, labelled in plain words."""
    options = [(site_label(s), s) for s in SITES]
    return labelled(widgets.Dropdown(options=options, value=value, description="Site"),
                    prefix, "site")


def size_control(prefix: str, value: float = 1.0) -> widgets.FloatSlider:
    """Tumour size in cm, 0.1 to 10 in steps of 0.1 (the AJCC cut-offs are all on this grid)."""
    return labelled(
        widgets.FloatSlider(value=value, min=0.1, max=MAX_SIZE_CM, step=0.1,
                            description="Size (cm)", readout_format=".1f",
                            continuous_update=False, layout=widgets.Layout(width="340px")),
        prefix, "size")


def invasion_control(prefix: str, site: str) -> widgets.Dropdown:
    """The deepest layer reached: only the site's own options, shallow to deep."""
    return labelled(
        widgets.Dropdown(options=invasion_options(site), description="Deepest layer reached",
                         layout=widgets.Layout(width="460px")),
        prefix, "invasion")


def count_control(prefix: str) -> widgets.IntSlider:
    """Number of primary tumours, 1 to 10."""
    return labelled(
        widgets.IntSlider(value=1, min=1, max=MAX_TUMOURS, description="Number of tumours",
                          continuous_update=False, layout=widgets.Layout(width="340px")),
        prefix, "count")


class NodeControls:
    """Whether nodes were examined, how many were positive, and the mesenteric mass."""

    def __init__(self, prefix: str, nodes: int = 0) -> None:
        self.assessed = labelled(
            widgets.Checkbox(value=True, description="Lymph nodes were examined", indent=False),
            prefix, "assessed")
        self.nodes = labelled(
            widgets.IntSlider(value=nodes, min=0, max=MAX_NODES,
                              description="Positive regional lymph nodes",
                              continuous_update=False, layout=widgets.Layout(width="420px")),
            prefix, "nodes")
        self.mass = labelled(
            widgets.Checkbox(value=False, description="Mesenteric mass larger than 2 cm",
                             indent=False),
            prefix, "mass")

    @property
    def count(self) -> int | None:
        """Positive nodes, or None when not examined."""
        return self.nodes.value if self.assessed.value else None

    def show_for(self, site: str) -> None:
        """Offer the mesenteric mass only where it counts (jejunum and ileum)."""
        has_mass = site_tnm(site).has_mesenteric_mass
        self.mass.layout.display = None if has_mass else "none"
        if not has_mass:
            self.mass.value = False
        self.nodes.disabled = not self.assessed.value


def metastasis_control(prefix: str) -> widgets.Dropdown:
    """Distant metastasis: none, liver only, beyond the liver only, both."""
    return labelled(
        widgets.Dropdown(options=metastasis_options(), value="none",
                         description="Distant metastasis", layout=widgets.Layout(width="460px")),
        prefix, "metastasis")


def reset_invasion(dropdown: widgets.Dropdown, site: str) -> None:
    """Offer ``site``'s layers, keeping the current one where the site has it."""
    current = dropdown.value
    options = invasion_options(site)
    dropdown.options = options
    keys = [key for _label, key in options]
    dropdown.value = current if current in keys else keys[0]


# --- readout pieces -----------------------------------------------------------------------------


def _lower_first(name: str) -> str:
    """'Ampulla of Vater' -> 'ampulla of Vater' (proper names keep their capitals)."""
    return name[:1].lower() + name[1:]


def _rule_list(result: StagingResult, prefixes: tuple[str, ...]) -> str:
    items = [
        f"<li><b>{html.escape(r.category)}</b>: {html.escape(r.text)} "
        f'<span style="color:{MUTED}">({html.escape(r.source)})</span></li>'
        for r in result.rules
        if r.category.startswith(prefixes)
    ]
    return f'<ul style="margin:4px 0;padding-left:18px">{"".join(items)}</ul>'


def _sources_line(site: str) -> str:
    data = site_tnm(site)
    names = "; ".join(html.escape(SOURCES[k].short) for k in data.source_keys)
    return (f'<p style="color:{MUTED};font-size:0.9em;margin:6px 0 0">Rules: AJCC 8th ed. '
            f"(2017), {data.chapter}. Sources: {names}.</p>")


def _headline(label: str, value: str, css: str) -> str:
    return (f'<div style="font-size:1.25em;color:{TEXT}">{html.escape(label)}: '
            f'<b class="{css}">{html.escape(value)}</b></div>')


# --- explorers ----------------------------------------------------------------------------------


class _SiteDepthExplorer(Explorer):
    """An explorer with a site and a depth control: a new site offers its own layers."""

    site: widgets.Dropdown
    invasion: widgets.Dropdown

    def _on_change(self, change: dict) -> None:
        if change["owner"] is self.site and not self._quiet:
            with self.quietly():
                reset_invasion(self.invasion, self.site.value)
        super()._on_change(change)


class TExplorer(_SiteDepthExplorer):
    """Choose a site, a size, the deepest layer and the number of tumours; see T and the wall."""

    prefix = "t"

    def __init__(self, site: str = "stomach", size_cm: float = 1.0,
                 invasion: str | None = None) -> None:
        super().__init__(6.4, 4.0, "T explorer: how far has the primary tumour grown?")
        self.site = site_control(self.prefix, site)
        self.size = size_control(self.prefix, size_cm)
        self.invasion = invasion_control(self.prefix, site)
        if invasion is not None:
            self.invasion.value = invasion
        self.count = count_control(self.prefix)
        self.result: StagingResult | None = None
        self._wall = None
        self._assemble([[self.site, self.invasion], [self.size, self.count]])

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        return {"site": self.site, "size": self.size, "invasion": self.invasion,
                "count": self.count}

    def _update(self) -> None:
        site, size, invasion = self.site.value, round(self.size.value, 1), self.invasion.value
        self.result = stage_tumor(site, size, invasion, 0, "none", tumor_count=self.count.value)
        self._wall = self.view.scene(site, lambda ax: draw_wall(ax, site, invasion, size))
        update_wall(self._wall, invasion, size)
        self.view.refresh(
            f"Diagram of the {_lower_first(site_label(site))} wall in layers. A {size:.1f} cm "
            f"tumour reaches the {_lower_first(layer_name(site, invasion))}. "
            f"T category {self.result.t}.")
        self.readout.value = self._readout(site)

    def _readout(self, site: str) -> str:
        r = self.result
        t_base = r.t.replace("(m)", "")
        return (
            _headline("T category", r.t, "gepnet-t-category")
            + _rule_list(r, ("T", "(m)"))
            + definition_table(t_definitions(site), t_base,
                               f"T categories at the {_lower_first(site_label(site))} (AJCC 8th)")
            + _sources_line(site)
        )


class NMExplorer(Explorer):
    """Choose the nodes and the metastases; see N and M with their rules."""

    prefix = "nm"

    def __init__(self, site: str = "jejunum_ileum") -> None:
        super().__init__(6.4, 3.0, "N and M explorer: has it spread, and where?")
        self.site = site_control(self.prefix, site)
        self.node_controls = NodeControls(self.prefix)
        self.metastasis = metastasis_control(self.prefix)
        self.result: StagingResult | None = None
        self._spread = None
        nc = self.node_controls
        self._assemble([[self.site, self.metastasis], [nc.assessed, nc.nodes, nc.mass]])

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        nc = self.node_controls
        return {"site": self.site, "assessed": nc.assessed, "nodes": nc.nodes,
                "mass": nc.mass, "metastasis": self.metastasis}

    def _update(self) -> None:
        site = self.site.value
        with self.quietly():
            self.node_controls.show_for(site)
        nodes, mass = self.node_controls.count, self.node_controls.mass.value
        shallowest = site_tnm(site).invasion_keys[0]
        self.result = stage_tumor(site, 0.5, shallowest, nodes, self.metastasis.value,
                                  mesenteric_mass_gt_2cm=mass)
        ax = self.view.axes()
        if self._spread is None:
            self._spread = draw_spread(ax, self.result, nodes, mass)
            self.view.redraw_all(self._spread.changing)
        else:
            update_spread(self._spread, self.result, nodes, mass)
        nodes_text = "not examined" if nodes is None else f"{nodes} positive"
        self.view.refresh(
            f"Diagram of spread: regional lymph nodes {nodes_text}; "
            f"{'a mesenteric mass larger than 2 cm; ' if mass else ''}"
            f"N category {self.result.n}, M category {self.result.m}.")
        self.readout.value = self._readout(site)

    def _readout(self, site: str) -> str:
        r = self.result
        return (
            _headline("N category", r.n, "gepnet-nm-n")
            + _headline("M category", r.m, "gepnet-nm-m")
            + _rule_list(r, ("N", "M"))
            + definition_table(n_definitions(site), r.n,
                               f"N categories at the {_lower_first(site_label(site))} (AJCC 8th)")
            + _sources_line(site)
        )


class StageExplorer(_SiteDepthExplorer):
    """A whole case: T, N and M together give the stage group, shown on the site's stage grid."""

    prefix = "stage"

    def __init__(self, site: str = "colon_rectum") -> None:
        super().__init__(6.0, 3.4, "Stage explorer: from T, N and M to the stage group")
        self.site = site_control(self.prefix, site)
        self.size = size_control(self.prefix, 1.5)
        self.invasion = invasion_control(self.prefix, site)
        self.count = count_control(self.prefix)
        self.node_controls = NodeControls(self.prefix)
        self.metastasis = metastasis_control(self.prefix)
        self.result: StagingResult | None = None
        self._grid = None
        nc = self.node_controls
        self._assemble([[self.site, self.invasion], [self.size, self.count],
                        [nc.assessed, nc.nodes, nc.mass], [self.metastasis]])

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        nc = self.node_controls
        return {"site": self.site, "size": self.size, "invasion": self.invasion,
                "count": self.count, "assessed": nc.assessed, "nodes": nc.nodes,
                "mass": nc.mass, "metastasis": self.metastasis}

    def _update(self) -> None:
        site = self.site.value
        with self.quietly():
            self.node_controls.show_for(site)
        nc = self.node_controls
        self.result = stage_tumor(site, round(self.size.value, 1), self.invasion.value,
                                  nc.count, self.metastasis.value,
                                  mesenteric_mass_gt_2cm=nc.mass.value,
                                  tumor_count=self.count.value)
        result = self.result
        self._grid = self.view.scene(site, lambda ax: draw_stage_grid(ax, site, result))
        update_stage_grid(self._grid, self.result)
        stage = self.result.stage or "none (not defined)"
        self.view.refresh(
            f"Stage table of the {_lower_first(site_label(site))} (AJCC 8th). The case "
            f"{self.result.tnm} is framed: stage {stage}.")
        self.readout.value = self._readout(site)

    def _readout(self, site: str) -> str:
        r = self.result
        return (
            _headline("TNM", r.tnm, "gepnet-stage-tnm")
            + _headline("Stage group", r.stage or "none", "gepnet-stage-group")
            + _rule_list(r, ("T", "(m)", "N", "M", "Stage", "No stage"))
            + f'<p style="font-size:0.9em;color:{TEXT}">{html.escape(SCOPE_NOTE)}</p>'
            + _sources_line(site)
        )


class SiteComparison(Explorer):
    """The same tumour staged at all seven sites side by side: site matters."""

    prefix = "compare"

    def __init__(self) -> None:
        super().__init__(6.0, 3.6, "Same tumour, seven sites")
        self.size = size_control(self.prefix, 1.5)
        self.depth = labelled(
            widgets.Dropdown(options=COMPARISON_DEPTHS, value="muscularis_propria",
                             description="Deepest layer reached",
                             layout=widgets.Layout(width="460px")),
            self.prefix, "depth")
        self.node_controls = NodeControls(self.prefix)
        self.metastasis = metastasis_control(self.prefix)
        self.results: dict[str, StagingResult | None] = {}
        self._table = None
        nc = self.node_controls
        self._assemble([[self.size, self.depth], [nc.assessed, nc.nodes], [self.metastasis]])

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        nc = self.node_controls
        return {"size": self.size, "depth": self.depth, "assessed": nc.assessed,
                "nodes": nc.nodes, "metastasis": self.metastasis}

    def _update(self) -> None:
        nc = self.node_controls
        nc.nodes.disabled = not nc.assessed.value
        size = round(self.size.value, 1)
        self.results = compare_sites(size, self.depth.value, nc.count, self.metastasis.value)
        ax = self.view.axes()
        if self._table is None:
            self._table = draw_site_comparison(ax, SITES)
            self.view.redraw_all(self._table.changing)
        update_site_comparison(self._table, self.results)
        summary = "; ".join(
            f"{site_label(s)}: {r.tnm}, stage {r.stage or 'none'}" if r
            else f"{site_label(s)}: depth not defined"
            for s, r in self.results.items())
        self.view.refresh(f"Table: a {size:.1f} cm tumour staged at seven sites. {summary}.")
        self.readout.value = self._readout()

    def _readout(self) -> str:
        rows = []
        for site, r in self.results.items():
            if r is None:
                why = "this depth is not defined at this site"
                cells = f'<td colspan="3" style="color:{MUTED}">{why}</td>'
            else:
                cells = (f'<td class="gepnet-compare-t-{site}"><b>{html.escape(r.t)}</b></td>'
                         f"<td>{html.escape(r.n)} {html.escape(r.m)}, stage "
                         f"{html.escape(r.stage or 'none')}</td>"
                         f"<td>{html.escape(r.rules[0].text)}</td>")
            rows.append(f"<tr><td>{html.escape(site_label(site))}</td>{cells}</tr>")
        return (
            f'<table style="border-collapse:collapse;font-size:0.9em;color:{TEXT}">'
            "<tr><th style='text-align:left'>Site</th><th>T</th>"
            "<th style='text-align:left'>N, M, stage</th>"
            "<th style='text-align:left'>Why T (AJCC 8th ed., 2017)</th></tr>"
            f"{''.join(rows)}</table>"
        )
