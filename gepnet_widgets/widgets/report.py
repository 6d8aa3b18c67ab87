"""Lesson 8's tool: read a report (a built-in fictional example, your own text, or a short form).

The reader wires controls to :func:`gepnet_widgets.reading.read_report` (layer 1) and
:mod:`gepnet_widgets.drawing.report` (layer 2); every meaning, check and question comes from
the reading, with its sources.

Privacy: how the text is kept out of the notebook file
------------------------------------------------------
A widget's value is saved into the notebook file only as widget state, which Jupyter writes when
the notebook is saved with its widget state. The text box is therefore emptied as soon as its
text has been read (``Read this text``): the reading stays on screen, the raw text is no longer in
any widget model, so it cannot be saved. Dates, identity numbers and ages found in the text are
shown as "hidden", never repeated. The box's text is not one of :attr:`ReportReader.controls`
(which the settings summary and the benchmark list), and nothing is written to disk, logged or
sent. Text typed but never read stays in the box's model until it is read or cleared.
"""

from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as widgets

from ..drawing.report import CHECKLIST_ROWS, STATUS_WORDS, draw_checklist, update_checklist
from ..reading import MAX_CHARS, ReportReading, read_report
from ..reading.vocabulary import EXAMPLE_REPORTS, IMAGING, NOT_TOLD, PRIVACY_NOTE
from ..sources import LEVEL_WORDS
from ..staging import SITES, site_label
from ..style import CSS_BORDER, CSS_MUTED, CSS_TEXT
from .base import Explorer, error_html, labelled, number_box
from .citations import sources_html

__all__ = ["ReportReader"]

OWN = "own"
FORM = "form"
_SEVERITY = {"disagreement": "Does not fit", "gap": "Missing", "note": "Worth knowing"}
_DEPTHS = (
    ("not stated", ""), ("mucosa", "confined to the mucosa"),
    ("submucosa", "invades the submucosa"),
    ("muscularis propria", "invades the muscularis propria"),
    ("subserosa", "invades the subserosa"), ("serosa (visceral peritoneum)", "invades the serosa"),
    ("mesoappendix (appendix)", "invades the mesoappendix"),
    ("limited to the pancreas (pancreas)", "confined to the pancreas"),
    ("fat around the pancreas", "extends into peripancreatic fat"),
    ("neighbouring organs", "invades adjacent organs"),
)
_SPREAD = (
    ("not stated", ""), ("none found", "No distant metastases."),
    ("liver only", "Liver metastases."), ("outside the liver only", "Lung metastases."),
    ("liver and outside it", "Liver and bone metastases."),
)
_MAX_SHOWN = 40


def _form_text(site: str, size: float, depth: str, nodes: bool, positive: int, spread: str,
               ki67: float) -> str:
    """The short form's values as report text (the reader reads it like any report)."""
    parts = [f"Site: {site_label(site)}.", f"Tumour size {size:.1f} cm."]
    if depth:
        parts.append(f"The tumour {depth}.")
    if nodes:
        parts.append(f"{positive} lymph nodes positive.")
    if spread:
        parts.append(spread)
    parts.append(f"Ki-67 {ki67:.1f}%.")
    return " ".join(parts)


class ReportReader(Explorer):
    """Read a GEP-NET report: each item with its meaning and lesson, the stage, checks, questions.

    Parameters
    ----------
    source : str
        ``"ileum"``, ``"pancreas"`` or ``"rectum"`` (the fictional examples), ``"own"`` (the text
        box) or ``"form"`` (pick values).
    edition : str
        ``"ajcc9"`` (default) or ``"ajcc8"``.
    """

    prefix = "report"

    def __init__(self, source: str = "ileum", edition: str = "ajcc9") -> None:
        super().__init__(4.6, 4.0, "Read a report")
        options = [(e.title, e.key) for e in EXAMPLE_REPORTS]
        options += [("Your own text (the box below)", OWN), ("A short form instead of text", FORM)]
        self.source = labelled(widgets.Dropdown(options=options, value=source,
                                                description="Report to read",
                                                layout=widgets.Layout(width="440px")),
                               self.prefix, "source")
        self.edition = labelled(widgets.Dropdown(
            options=[("AJCC Version 9 (default)", "ajcc9"), ("AJCC 8th edition", "ajcc8")],
            value=edition, description="Staging edition"), self.prefix, "edition")
        self._build_form()
        self._build_box()
        self._reading: ReportReading | None = None
        self._own_text = ""
        self._checklist = None
        self._assemble([[self.source, self.edition], [self.box_panel],
                        [self.site, self.depth], [self.size, self.size_box],
                        [self.nodes, self.positive, self.positive_box], [self.spread],
                        [self.ki67, self.ki67_box]])

    # --- controls ---------------------------------------------------------------------------

    def _build_form(self) -> None:
        p = self.prefix
        # Each slider has a width: with "auto" its track shrinks to nothing beside its name.
        self.site = labelled(widgets.Dropdown(options=[(site_label(s), s) for s in SITES],
                                              value="jejunum_ileum", description="Site"), p, "site")
        self.size = labelled(widgets.FloatSlider(value=2.0, min=0.1, max=10.0, step=0.1,
                                                 description="Size (cm)", readout_format=".1f",
                                                 continuous_update=False,
                                                 layout=widgets.Layout(width="340px")), p, "size")
        self.depth = labelled(widgets.Dropdown(options=[(label, text) for label, text in _DEPTHS],
                                               value="invades the subserosa",
                                               description="Deepest layer"), p, "depth")
        self.nodes = labelled(widgets.Checkbox(value=True, description="Lymph nodes examined",
                                               indent=False), p, "nodes")
        self.positive = labelled(widgets.IntSlider(value=2, min=0, max=20, step=1,
                                                   description="Nodes with tumour",
                                                   continuous_update=False,
                                                   layout=widgets.Layout(width="340px")),
                                 p, "positive")
        self.spread = labelled(widgets.Dropdown(options=list(_SPREAD),
                                                value="No distant metastases.",
                                                description="Distant spread"), p, "spread")
        self.ki67 = labelled(widgets.FloatSlider(value=4.0, min=0.5, max=80.0, step=0.5,
                                                 description="Ki-67 (%)", readout_format=".1f",
                                                 continuous_update=False,
                                                 layout=widgets.Layout(width="340px")), p, "ki67")
        # Exact values by typing (linked to the sliders, same bounds, hidden with them).
        self.size_box = number_box(self.size, p, "size_box", "or type size (cm)")
        self.positive_box = number_box(self.positive, p, "positive_box", "or type nodes")
        # Ki-67 to 0.1 by typing (the slider moves in 0.5 steps; 2.9% and 3.0% grade differently).
        self.ki67_box = number_box(self.ki67, p, "ki67_box", "or type Ki-67 (%)", step=0.1)

    def _build_box(self) -> None:
        note = widgets.HTML(f'<p class="gepnet-report-privacy" '
                            f'style="color:{CSS_TEXT};margin:2px 0">'
                            f"<b>Privacy:</b> {html.escape(PRIVACY_NOTE)}</p>")
        self.text = widgets.Textarea(
            value="", placeholder="Paste the words of a report here (no names, no dates of "
            "birth, no hospital numbers), then press 'Read this text'.",
            description="Report text", continuous_update=False,
            layout=widgets.Layout(width="95%", height="140px"))
        self.text.style = {"description_width": "initial"}
        self.text.add_class("gepnet-report-text")
        self.read_button = widgets.Button(description="Read this text", button_style="",
                                          tooltip="Read the text, then empty the box")
        self.read_button.add_class("gepnet-report-read")
        self.read_button.on_click(lambda _b: self.read_text())
        self.box_status = widgets.HTML()
        self.box_status.add_class("gepnet-report-box-status")
        self.box_panel = widgets.VBox([note, self.text, widgets.HBox([self.read_button,
                                                                      self.box_status])],
                                      layout=widgets.Layout(width="100%"))

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        return {"source": self.source, "edition": self.edition, "site": self.site,
                "size": self.size, "depth": self.depth, "nodes": self.nodes,
                "positive": self.positive, "spread": self.spread, "ki67": self.ki67}

    def read_text(self, text: str | None = None) -> None:
        """Read the box's text (or ``text``), then empty the box so the text is not kept."""
        raw = self.text.value if text is None else text
        if len(raw) > MAX_CHARS:
            self.box_status.value = error_html(
                f"the text is {len(raw):,} characters long; at most {MAX_CHARS:,} are read at "
                "once. Paste the part with the diagnosis, the tumour and the lymph nodes.")
            return
        self._own_text = raw
        self.text.value = ""
        self.box_status.value = (f'<span style="color:{CSS_MUTED}">Read {len(raw):,} characters; '
                                 "the box was emptied so the notebook file does not keep your "
                                 "text.</span>")
        if self.source.value != OWN:
            self.source.value = OWN  # triggers refresh
        else:
            self.refresh()

    # --- update -----------------------------------------------------------------------------

    def _current_text(self) -> str:
        source = self.source.value
        if source == OWN:
            return self._own_text
        if source == FORM:
            return _form_text(self.site.value, self.size.value, self.depth.value,
                              self.nodes.value, self.positive.value, self.spread.value,
                              self.ki67.value)
        return next(e.text for e in EXAMPLE_REPORTS if e.key == source)

    def _show_controls(self) -> None:
        form = self.source.value == FORM
        for c in (self.site, self.size, self.depth, self.nodes, self.spread, self.ki67):
            c.layout.display = None if form else "none"
        self.positive.layout.display = None if form and self.nodes.value else "none"
        self.box_panel.layout.display = None if self.source.value == OWN else "none"

    def _update(self) -> None:
        self._show_controls()
        text = self._current_text()
        # The examples and the form are read once per edition and kept; a learner's own text
        # is never kept beyond the current reading.
        reading = read_report(text, self.edition.value) if self.source.value == OWN else \
            _read_known(text, self.edition.value)
        self._reading = reading
        ax = self.view.axes()
        if self._checklist is None:
            self._checklist = draw_checklist(ax)
            self.view.redraw_all(self._checklist.changing)
        rows = _checklist_rows(reading)
        caption = f"Stage: {reading.stage or 'not given'} ({reading.edition_name})"
        update_checklist(self._checklist, rows, caption)
        self.view.refresh(_alt_text(rows, caption))
        self.readout.value = self._readout(reading, text)

    @property
    def reading(self) -> ReportReading | None:
        """The last reading shown."""
        return self._reading

    def _readout(self, r: ReportReading, text: str) -> str:
        if not text.strip():
            return (f'<div style="color:{CSS_TEXT}"><b class="gepnet-report-stage">not given</b>: '
                    "nothing to read yet. Paste a report in the box and press 'Read this "
                    "text'.</div>")
        tnm = " ".join(x for x in ((r.t_prefix or "") + r.t if r.t else "T?", r.n or "N?",
                                   r.m or "M?"))
        head = (
            f'<div style="color:{CSS_TEXT};font-size:1.05em;margin:2px 0">Stage: '
            f'<b class="gepnet-report-stage">{html.escape(r.stage or "not given")}</b> '
            f'(<b class="gepnet-report-stage-edition">{html.escape(r.edition_name)}</b>) · '
            f'TNM: <b class="gepnet-report-tnm">{html.escape(tnm)}</b> · Grade: '
            f'<b class="gepnet-report-grade">{html.escape(r.grade or "not given")}</b>'
            f"{'' if r.grade_stated or not r.grade else ' (from Ki-67/mitoses)'}</div>"
            f'<p style="margin:2px 0 6px">{html.escape(r.stage_reason)}</p>')
        parts = [head, _findings_html(r), _checks_html(r), _unrecognised_html(r),
                 _questions_html(r),
                 f'<p style="color:{CSS_TEXT};margin:6px 0"><b>What this does not tell you.</b> '
                 f"{html.escape(NOT_TOLD)}</p>",
                 sources_html(_keys(r))]
        return f'<div style="color:{CSS_TEXT}">{"".join(parts)}</div>'


@lru_cache(maxsize=64)
def _read_known(text: str, edition: str) -> ReportReading:
    """:func:`read_report` for the built-in examples and the short form's texts (cached)."""
    return read_report(text, edition)


def _keys(r: ReportReading) -> tuple[str, ...]:
    keys = [k for f in r.findings for k in f.sources]
    keys += [k for c in r.checks for k in c.sources] + list(r.stage_sources)
    return tuple(dict.fromkeys(keys)) or ("S9",)


def _findings_html(r: ReportReading) -> str:
    if not r.findings:
        return '<p class="gepnet-report-items"><b>Items recognised:</b> none.</p>'
    rows = []
    # a thin rule between items: each item is a few lines long once readouts are single-spaced
    cell = f"padding:3px 6px;vertical-align:top;border-top:1px solid {CSS_BORDER}"
    for f in r.findings[:_MAX_SHOWN]:
        said = "hidden (not needed)" if f.private else f.text.strip()
        sure = "" if f.level is None else f" <i>({html.escape(LEVEL_WORDS[f.level])})</i>"
        rows.append(
            f'<tr><td style="{cell}">{html.escape(said)}</td>'
            f'<td style="{cell}"><b>{html.escape(f.label)}</b>: '
            f"{html.escape(f.meaning)}{sure} "
            f'<a href="{html.escape(f.lesson)}">Where the course teaches this</a></td></tr>')
    more = len(r.findings) - _MAX_SHOWN
    extra = f"<p>... and {more} more items.</p>" if more > 0 else ""
    return (f'<details open class="gepnet-report-items"><summary><b>Items recognised '
            f'({len(r.findings)})</b></summary><table style="border-collapse:collapse;'
            f'font-size:0.92em"><thead><tr><th style="text-align:left;padding:2px 6px">The '
            f'report says</th><th style="text-align:left;padding:2px 6px">What it means</th>'
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table>{extra}</details>")


def _checks_html(r: ReportReading) -> str:
    if not r.checks:
        return '<p class="gepnet-report-checks"><b>Checks:</b> nothing found that does not fit.</p>'
    items = "".join(f"<li><b>{_SEVERITY[c.severity]}:</b> {html.escape(c.text)}</li>"
                    for c in r.checks)
    return (f'<div class="gepnet-report-checks"><b>Checks ({len(r.checks)})</b>'
            f'<ul style="margin:2px 0 6px;padding-left:18px">{items}</ul></div>')


def _unrecognised_html(r: ReportReading) -> str:
    if not r.unrecognised:
        return ('<p class="gepnet-report-unrecognised"><b>Not recognised:</b> nothing with a '
                "number or a code was left unread.</p>")
    shown = ", ".join(html.escape(s.text) for s in r.unrecognised[:_MAX_SHOWN])
    more = len(r.unrecognised) - _MAX_SHOWN
    return (f'<p class="gepnet-report-unrecognised"><b>Not recognised '
            f"({len(r.unrecognised)}):</b> {shown}{' ...' if more > 0 else ''}. Ask your care "
            "team what these mean.</p>")


def _questions_html(r: ReportReading) -> str:
    items = "".join(f"<li>{html.escape(q)}</li>" for q in r.questions)
    return (f'<div class="gepnet-report-questions"><b>Questions to ask your care team</b>'
            f'<ul style="margin:2px 0 6px;padding-left:18px">{items}</ul></div>')


def _has_check(r: ReportReading, *kinds: str) -> bool:
    return any(c.kind in kinds for c in r.checks)


def _checklist_rows(r: ReportReading) -> list[tuple[str, str]]:
    """(status, value) for each of :data:`CHECKLIST_ROWS`."""
    def row(value: str | None, *check_kinds: str) -> tuple[str, str]:
        if value is None:
            return ("missing", "not stated")
        return ("check" if _has_check(r, *check_kinds) else "found", value)

    nodes = None
    if r.nodes_positive is not None:
        nodes = f"{r.nodes_positive} positive" + (
            f" of {r.nodes_examined}" if r.nodes_examined is not None else "")
    elif r.n is not None:
        nodes = r.n
    spread = r.m
    if spread is None and r.findings_of("metastasis_uncertain"):
        spread = None
    index = None
    if r.ki67_text is not None:
        index = f"Ki-67 {r.ki67_text}"
    elif r.mitoses_per_2mm2 is not None:
        index = f"{r.mitoses_per_2mm2:g} mitoses per 2 mm²"
    elif r.mitoses_per_10hpf is not None:
        index = f"{r.mitoses_per_10hpf:g} mitoses per 10 HPF"
    sstr = any(f.kind == "imaging_item" and any(i.label == f.label and i.sstr for i in IMAGING)
               for f in r.findings)
    if sstr:
        scan = ("found", "mentioned")
    elif r.sstr_not_routine:
        scan = ("not_routine", "not a routine step for a small, localised G1 tumour here")
    else:
        scan = ("missing", "not mentioned")
    return [
        row(r.site_label, "several_sites"),
        row(None if r.size_cm is None else f"{r.size_cm:g} cm", "t_mismatch"),
        row(None if r.depth is None else r.depth.replace("_", " "), "t_mismatch",
            "depth_not_at_site"),
        row(nodes, "n_mismatch", "nodes_impossible"),
        row(spread, "m_mismatch", "m0_with_lesions", "m1_unsplit"),
        row(index, "hpf", "ki67_impossible", "ki67_range", "ki67_near_cutoff"),
        row(r.grade, "grade_mismatch", "grade_nec", "grade_several", "grade_without_index",
            "grade_provisional", "pancreas_g3_ajcc8"),
        row(r.differentiation or r.tumour_type, "well_nec", "moderately", "grade_review"),
        scan,
    ]


def _alt_text(rows: list[tuple[str, str]], caption: str) -> str:
    said = "; ".join(f"{label}: {STATUS_WORDS[status]}" + (
        f" ({value})" if status not in {"missing", "not_routine"} else "")
        for label, (status, value) in zip(CHECKLIST_ROWS, rows, strict=True))
    return f"Checklist of what the report states. {caption}. {said}."
