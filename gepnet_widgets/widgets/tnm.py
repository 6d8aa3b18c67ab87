"""Explorers of the TNM lesson. They wire controls to :mod:`gepnet_widgets.staging` (the rules)
and :mod:`gepnet_widgets.drawing.tnm` (the pictures); they hold no clinical fact themselves."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..drawing.tnm import (
    LADDER_SITES,
    MAX_TUMOURS_DRAWN,
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
from ..staging import (
    COMPARISON_DEPTHS,
    CONFIDENCE_WORDS,
    DEFAULT_EDITION,
    EDITIONS,
    SITES,
    EditionComparison,
    StagingResult,
    compare_editions,
    compare_sites,
    edition_changes,
    edition_label,
    edition_short,
    invasion_options,
    metastasis_options,
    n_definitions,
    scope_note,
    site_label,
    site_tnm,
    stage_tumor,
    t_definitions,
)
from ..style import CSS_HIGHLIGHT, CSS_MARK_BG, CSS_MUTED, CSS_TEXT
from .base import Explorer, definition_table, labelled, number_box
from .citations import sources_html
from .static import STATIC_CLASS, STATIC_CSS, FallbackBox, StaticView, html_to_text

__all__ = ["TExplorer", "NMExplorer", "StageExplorer", "SiteComparison", "edition_control",
           "edition_html", "edition_changes_html", "edition_changes_table"]

MAX_SIZE_CM = 10.0
MAX_NODES = 30
MAX_TUMOURS = 10


# --- controls -----------------------------------------------------------------------------------


def edition_control(prefix: str, value: str = DEFAULT_EDITION) -> widgets.Dropdown:
    """Which staging edition to use: AJCC Version 9 (current, the default) or the 8th."""
    options = [(edition_label(e), e) for e in EDITIONS]
    return labelled(
        widgets.Dropdown(options=options, value=value, description="Staging edition",
                         layout=widgets.Layout(width="520px")),
        prefix, "edition")


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
                            continuous_update=True, layout=widgets.Layout(width="340px")),
        prefix, "size")


def size_box(prefix: str, size: widgets.FloatSlider) -> widgets.BoundedFloatText:
    """A box to type the size exactly (1.0 and 1.1 cm can stage differently)."""
    return number_box(size, prefix, "size_box", "or type size (cm)")


def count_box(prefix: str, count: widgets.IntSlider) -> widgets.BoundedIntText:
    """A box to type the number of tumours."""
    return number_box(count, prefix, "count_box", "or type number")


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
                          continuous_update=True, layout=widgets.Layout(width="340px")),
        prefix, "count")


class NodeControls:
    """Whether nodes were examined, how many were positive, and the mesenteric mass."""

    def __init__(self, prefix: str, nodes: int = 0) -> None:
        self.assessed = labelled(
            widgets.Checkbox(value=True, description="Lymph nodes examined by a pathologist",
                             indent=False),
            prefix, "assessed")
        self.nodes = labelled(
            widgets.IntSlider(value=nodes, min=0, max=MAX_NODES,
                              description="Positive regional lymph nodes",
                              continuous_update=True, layout=widgets.Layout(width="420px")),
            prefix, "nodes")
        self.nodes_box = number_box(self.nodes, prefix, "nodes_box", "or type nodes")
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
        self.nodes.disabled = not self.assessed.value  # the box follows (linked)


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
        f'<span style="color:{CSS_MUTED}">({html.escape(r.source)}; '
        f"{html.escape(r.confidence)})</span></li>"
        for r in result.rules
        if r.category.startswith(prefixes)
    ]
    return f'<ul style="margin:4px 0;padding-left:18px">{"".join(items)}</ul>'


def _sources_line(site: str, edition: str) -> str:
    """One sources line for a site's rules under ``edition`` (names in words, linked)."""
    return sources_html(site_tnm(site, edition).source_keys)


_FIELD_WORDS = {"t": "T category", "n": "N category", "m": "M category", "stage": "stage group"}


def _value(result: StagingResult, name: str) -> str:
    value = getattr(result, name)
    return "no stage group" if value is None else f"stage {value}" if name == "stage" else value


def edition_html(prefix: str, edition: str, comparison: EditionComparison | None,
                 fields: tuple[str, ...] = ("t", "n", "m", "stage")) -> str:
    """Which edition is in use, and, where the editions differ on this case, how and why."""
    line = (f'<div class="gepnet-{prefix}-edition-in-use" style="color:{CSS_TEXT};margin:2px 0">'
            f"Edition in use: <b>{html.escape(edition_short(edition))}</b></div>")
    if comparison is None:
        return line
    shown = [name for name in comparison.differences if name in fields]
    if not shown:
        return line
    other = next(e for e in EDITIONS if e != edition)
    now, then = comparison.results[edition], comparison.results[other]
    what = "; ".join(
        f"{_FIELD_WORDS[name]}: {_value(now, name)} under {edition_short(edition)}, "
        f"{_value(then, name)} under {edition_short(other)}"
        for name in shown)
    why = " ".join(
        f"{change.point}: {edition_short('ajcc8')}: {change.ajcc8} "
        f"{edition_short('ajcc9')}: {change.ajcc9}"
        for change in comparison.reasons)
    keys = tuple(k for change in comparison.reasons for k in change.sources) or ("S5",)
    return (
        line
        + f'<div class="gepnet-{prefix}-edition-diff" '
        f'style="color:{CSS_TEXT};background:{CSS_MARK_BG};'
        f'border-left:4px solid {CSS_HIGHLIGHT};padding:4px 8px;margin:4px 0">'
        f"<b>The editions differ for this case.</b> {html.escape(what)}.<br>"
        f"Why: {html.escape(why)}{sources_html(keys)}</div>"
    )


def _headline(label: str, value: str, css: str) -> str:
    return (f'<div style="font-size:1.25em;color:{CSS_TEXT}">{html.escape(label)}: '
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
                 invasion: str | None = None, edition: str = DEFAULT_EDITION) -> None:
        super().__init__(6.4, 4.0, "T explorer: how far has the primary tumour grown?")
        self.site = site_control(self.prefix, site)
        self.size = size_control(self.prefix, size_cm)
        self.invasion = invasion_control(self.prefix, site)
        if invasion is not None:
            self.invasion.value = invasion
        self.count = count_control(self.prefix)
        self.size_box = size_box(self.prefix, self.size)
        self.count_box = count_box(self.prefix, self.count)
        self.edition = edition_control(self.prefix, edition)
        self.result: StagingResult | None = None
        self.comparison: EditionComparison | None = None
        self._wall = None
        self._assemble([[self.edition], [self.site, self.invasion],
                        [self.size, self.size_box], [self.count, self.count_box]])

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        return {"edition": self.edition, "site": self.site, "size": self.size,
                "invasion": self.invasion, "count": self.count}

    def _update(self) -> None:
        site, size, invasion = self.site.value, round(self.size.value, 1), self.invasion.value
        count, edition = self.count.value, self.edition.value
        self.comparison = compare_editions(site, size, invasion, 0, "none", tumor_count=count)
        self.result = self.comparison.results[edition]
        self._wall = self.view.scene(site, lambda ax: draw_wall(ax, site, invasion, size, count))
        update_wall(self._wall, invasion, size, count)
        drawn = min(count, MAX_TUMOURS_DRAWN)
        tumours = f"A {size:.1f} cm tumour" if count == 1 else (
            f"{count} tumours ({drawn} drawn, the others dashed and smaller). "
            f"A {size:.1f} cm tumour (the one that sets T)")
        ladder = (" The layers are a ladder of staging depths, not true anatomy."
                  if site in LADDER_SITES else "")
        self.view.refresh(
            f"Diagram of the {_lower_first(site_label(site))} wall in layers "
            f"({edition_short(edition)}).{ladder} {tumours} "
            f"reaches the {_lower_first(layer_name(site, invasion))}. "
            f"T category {self.result.t}.")
        self.readout.value = self._readout(site, edition)

    def _readout(self, site: str, edition: str) -> str:
        r = self.result
        t_base = r.t.replace("(m)", "")
        return (
            _headline("T category", r.t, "gepnet-t-category")
            + edition_html(self.prefix, edition, self.comparison, ("t",))
            + _rule_list(r, ("T", "(m)"))
            + definition_table(t_definitions(site, edition), t_base,
                               f"T categories at the {_lower_first(site_label(site))} "
                               f"({edition_short(edition)})")
            + _sources_line(site, edition)
        )


class NMExplorer(Explorer):
    """Choose the nodes and the metastases; see N and M with their rules."""

    prefix = "nm"

    def __init__(self, site: str = "jejunum_ileum", edition: str = DEFAULT_EDITION) -> None:
        super().__init__(6.4, 3.0, "N and M explorer: has it spread, and where?")
        self.site = site_control(self.prefix, site)
        self.node_controls = NodeControls(self.prefix)
        self.metastasis = metastasis_control(self.prefix)
        self.edition = edition_control(self.prefix, edition)
        self.result: StagingResult | None = None
        self._spread = None
        nc = self.node_controls
        self._assemble([[self.edition], [self.site, self.metastasis],
                        [nc.assessed], [nc.nodes, nc.nodes_box, nc.mass]])

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        nc = self.node_controls
        return {"edition": self.edition, "site": self.site, "assessed": nc.assessed,
                "nodes": nc.nodes, "mass": nc.mass, "metastasis": self.metastasis}

    def _update(self) -> None:
        site = self.site.value
        with self.quietly():
            self.node_controls.show_for(site)
        nodes, mass = self.node_controls.count, self.node_controls.mass.value
        shallowest = site_tnm(site).invasion_keys[0]
        self.result = stage_tumor(site, 0.5, shallowest, nodes, self.metastasis.value,
                                  mesenteric_mass_gt_2cm=mass, edition=self.edition.value)
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
        r, edition = self.result, self.edition.value
        same = ("N and M are the same under both editions; only the wording of N1 changed "
                "(compare the table under each edition).")
        mass = ""
        if site_tnm(site, edition).has_mesenteric_mass:
            mass = (f'<p style="font-size:0.9em;color:{CSS_TEXT};margin:4px 0">A mesenteric '
                    "mass of 2 cm or less is reported but does not make N2 or change the stage "
                    "(Version 9 wording).</p>")
        return (
            _headline("N category", r.n, "gepnet-nm-n")
            + _headline("M category", r.m, "gepnet-nm-m")
            + edition_html(self.prefix, edition, None)
            + f'<p style="font-size:0.9em;color:{CSS_MUTED};margin:2px 0">{same}</p>'
            + _rule_list(r, ("N", "M"))
            + mass
            + definition_table(n_definitions(site, edition), r.n,
                               f"N categories at the {_lower_first(site_label(site))} "
                               f"({edition_short(edition)})")
            + _sources_line(site, edition)
        )


class StageExplorer(_SiteDepthExplorer):
    """A whole case: T, N and M together give the stage group, shown on the site's stage grid."""

    prefix = "stage"

    def __init__(self, site: str = "colon_rectum", edition: str = DEFAULT_EDITION) -> None:
        super().__init__(6.0, 3.4, "Stage explorer: from T, N and M to the stage group")
        self.site = site_control(self.prefix, site)
        self.size = size_control(self.prefix, 1.5)
        self.invasion = invasion_control(self.prefix, site)
        self.count = count_control(self.prefix)
        self.size_box = size_box(self.prefix, self.size)
        self.count_box = count_box(self.prefix, self.count)
        self.node_controls = NodeControls(self.prefix)
        self.metastasis = metastasis_control(self.prefix)
        self.edition = edition_control(self.prefix, edition)
        self.result: StagingResult | None = None
        self.comparison: EditionComparison | None = None
        self._grid = None
        nc = self.node_controls
        self._assemble([[self.edition], [self.site, self.invasion], [self.size, self.size_box],
                        [self.count, self.count_box], [nc.assessed],
                        [nc.nodes, nc.nodes_box, nc.mass], [self.metastasis]])

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        nc = self.node_controls
        return {"edition": self.edition, "site": self.site, "size": self.size,
                "invasion": self.invasion, "count": self.count, "assessed": nc.assessed,
                "nodes": nc.nodes, "mass": nc.mass, "metastasis": self.metastasis}

    def _update(self) -> None:
        site = self.site.value
        with self.quietly():
            self.node_controls.show_for(site)
        nc = self.node_controls
        edition = self.edition.value
        self.comparison = compare_editions(site, round(self.size.value, 1),
                                           self.invasion.value, nc.count, self.metastasis.value,
                                           mesenteric_mass_gt_2cm=nc.mass.value,
                                           tumor_count=self.count.value)
        self.result = result = self.comparison.results[edition]
        self._grid = self.view.scene(
            (site, edition), lambda ax: draw_stage_grid(ax, site, result, edition))
        update_stage_grid(self._grid, self.result)
        stage = self.result.stage or "none (not defined)"
        self.view.refresh(
            f"Stage table of the {_lower_first(site_label(site))} ({edition_short(edition)}). "
            f"The case {self.result.tnm} is framed: stage {stage}.")
        self.readout.value = self._readout(site, edition)

    def _readout(self, site: str, edition: str) -> str:
        r = self.result
        return (
            _headline("TNM", r.tnm, "gepnet-stage-tnm")
            + _headline("Stage group", r.stage or "none", "gepnet-stage-group")
            + self._case_line(site)
            + edition_html(self.prefix, edition, self.comparison)
            + _rule_list(r, ("T", "(m)", "N", "M", "Stage", "No stage"))
            + f'<p style="font-size:0.9em;color:{CSS_TEXT}">'
            f"{html.escape(scope_note(edition))}</p>"
            + _sources_line(site, edition)
        )

    def _case_line(self, site: str) -> str:
        """The tumour as set (size, number, deepest layer), so that a move of a control that
        leaves T the same (1.5 cm in the mucosa or the submucosa: both T1b) still shows."""
        size, count = round(self.size.value, 1), self.count.value
        layer = _lower_first(layer_name(site, self.invasion.value))
        tumours = (f"a {size:.1f} cm tumour" if count == 1
                   else f"{count} tumours; the one that sets T is {size:.1f} cm and")
        return (f'<div class="gepnet-stage-case" style="color:{CSS_TEXT};margin:2px 0">'
                f"Your case: {html.escape(tumours)} reaches the {html.escape(layer)}.</div>")


class SiteComparison(Explorer):
    """The same tumour staged at all seven sites side by side: site matters."""

    prefix = "compare"

    def __init__(self, edition: str = DEFAULT_EDITION) -> None:
        super().__init__(6.0, 3.6, "Same tumour, seven sites")
        self.size = size_control(self.prefix, 1.5)
        self.size_box = size_box(self.prefix, self.size)
        self.depth = labelled(
            widgets.Dropdown(options=COMPARISON_DEPTHS, value="muscularis_propria",
                             description="Deepest layer reached",
                             layout=widgets.Layout(width="460px")),
            self.prefix, "depth")
        self.node_controls = NodeControls(self.prefix)
        self.metastasis = metastasis_control(self.prefix)
        self.edition = edition_control(self.prefix, edition)
        self.results: dict[str, StagingResult | None] = {}
        self.other_results: dict[str, StagingResult | None] = {}
        self._table = None
        nc = self.node_controls
        self._assemble([[self.edition], [self.size, self.size_box, self.depth],
                        [nc.assessed], [nc.nodes, nc.nodes_box], [self.metastasis]])

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        nc = self.node_controls
        return {"edition": self.edition, "size": self.size, "depth": self.depth,
                "assessed": nc.assessed, "nodes": nc.nodes, "metastasis": self.metastasis}

    def _update(self) -> None:
        nc = self.node_controls
        nc.nodes.disabled = not nc.assessed.value
        size, edition = round(self.size.value, 1), self.edition.value
        other = next(e for e in EDITIONS if e != edition)
        args = (size, self.depth.value, nc.count, self.metastasis.value)
        self.results = compare_sites(*args, edition=edition)
        self.other_results = compare_sites(*args, edition=other)
        ax = self.view.axes()
        if self._table is None:
            self._table = draw_site_comparison(ax, SITES)
            self.view.redraw_all(self._table.changing)
        update_site_comparison(self._table, self.results)
        summary = "; ".join(
            f"{site_label(s)}: {r.tnm}, stage {r.stage or 'none'}" if r
            else f"{site_label(s)}: depth not defined"
            for s, r in self.results.items())
        self.view.refresh(f"Table: a {size:.1f} cm tumour staged at seven sites "
                          f"({edition_short(edition)}). {summary}.")
        self.readout.value = self._readout(edition, other)

    def _differs(self, site: str) -> bool:
        r, o = self.results[site], self.other_results[site]
        return r is not None and o is not None and (r.t, r.stage) != (o.t, o.stage)

    def _readout(self, edition: str, other: str) -> str:
        td = 'style="padding:2px 6px;vertical-align:top"'
        rows = []
        for site, r in self.results.items():
            if r is None:
                why = "this depth is not defined at this site"
                cells = (f'<td colspan="3" style="padding:2px 6px;color:{CSS_MUTED}">'
                         f"{why}</td>")
            else:
                note = ""
                if self._differs(site):
                    o = self.other_results[site]
                    note = (f'<br><span class="gepnet-compare-edition-diff" style="background:'
                            f"{CSS_MARK_BG};border-left:3px solid {CSS_HIGHLIGHT};"
                            f'padding:0 4px">{html.escape(edition_short(other))}: '
                            f"{html.escape(o.t)}, stage {html.escape(o.stage or 'none')}</span>")
                cells = (f'<td class="gepnet-compare-t-{site}"><b>{html.escape(r.t)}</b></td>'
                         f'<td style="padding:2px 6px;vertical-align:top;white-space:nowrap">'
                         f"{html.escape(r.n)} {html.escape(r.m)}, stage "
                         f"{html.escape(r.stage or 'none')}{note}</td>"
                         f"<td {td}>{html.escape(r.rules[0].text)}</td>")
            rows.append(f"<tr><td {td}>{html.escape(site_label(site))}</td>{cells}</tr>")
        differ = [s for s in self.results if self._differs(s)]
        why = ""
        if differ:
            names = ", ".join(_lower_first(site_label(s)) for s in differ)
            why = (f'<p style="font-size:0.9em;color:{CSS_TEXT};margin:4px 0">The editions '
                   f"differ here at the {html.escape(names)}: Version 9 gives T1 NX M0 stage I "
                   "at the stomach, duodenum, appendix, colon and rectum, and calls a 1.0 cm "
                   "colorectal tumour T1a (the 8th edition: T1b).</p>")
        return (
            edition_html(self.prefix, edition, None)
            + f'<table style="border-collapse:collapse;font-size:0.9em;color:{CSS_TEXT}">'
            "<tr><th style='text-align:left;padding:2px 6px'>Site</th>"
            "<th style='text-align:left;padding:2px 6px'>T</th>"
            "<th style='text-align:left;padding:2px 6px'>N, M, stage</th>"
            "<th style='text-align:left;padding:2px 6px'>Why T "
            f"({html.escape(edition_short(edition))})</th></tr>"
            f"{''.join(rows)}</table>"
            + why
            + sources_html(site_tnm("stomach", edition).source_keys)
        )


def edition_changes_html() -> str:
    """The side-by-side table of what changed from the AJCC 8th edition to Version 9, with how
    sure each row is in a learner's words and the sources in words (one line), as HTML."""
    rows = []
    keys: list[str] = []
    for change in edition_changes():
        keys += change.sources
        rows.append(
            f"<tr><td style='padding:3px 6px'><b>{html.escape(change.point)}</b></td>"
            f"<td style='padding:3px 6px'>{html.escape(change.ajcc8)}</td>"
            f"<td style='padding:3px 6px'>{html.escape(change.ajcc9)}</td>"
            f"<td style='padding:3px 6px'>{html.escape(CONFIDENCE_WORDS[change.confidence])}"
            "</td></tr>")
    table = (
        f'<table class="gepnet-editions-table" style="border-collapse:collapse;'
        f'font-size:0.92em;color:{CSS_TEXT}">'
        "<caption style='text-align:left;caption-side:top'>What changed from the AJCC 8th "
        "edition to AJCC Version 9 (NET chapters)</caption>"
        "<tr><th style='text-align:left'>Point</th><th style='text-align:left'>AJCC 8th "
        "edition (2017)</th><th style='text-align:left'>AJCC Version 9 (cases from 2024)</th>"
        "<th style='text-align:left'>How sure</th></tr>"
        f"{''.join(rows)}</table>"
    )
    return table + sources_html(dict.fromkeys(keys))


def edition_changes_table() -> FallbackBox:
    """The edition change table (:func:`edition_changes_html`) as a widget whose display also
    carries the table as a static fallback (exported pages, GitHub and nbviewer show it)."""
    page = edition_changes_html()
    static = StaticView(
        f'<div class="{STATIC_CLASS} {STATIC_CLASS}-editions" style="color:{CSS_TEXT};'
        f'margin:4px 0 12px">{STATIC_CSS}{page}</div>',
        html_to_text(page),
    )
    out = FallbackBox([widgets.HTML(page)], fallback=lambda: static)
    out.add_class("gepnet-editions")
    return out
