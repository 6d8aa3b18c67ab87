"""Explorers of the functional-tumour lesson: syndrome map, serotonin flow, mystery patients.

They wire controls to :mod:`gepnet_widgets.syndromes` (the cited data and logic) and
:mod:`gepnet_widgets.drawing.syndromes` (the pictures); they hold no clinical fact themselves.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import ipywidgets as widgets

from ..drawing.syndromes import (
    draw_mystery,
    draw_serotonin_flow,
    draw_syndrome_map,
    update_mystery,
    update_serotonin_flow,
    update_syndrome_map,
)
from ..sources import LEVEL_WORDS
from ..style import CSS_MUTED, CSS_TEXT
from ..syndromes import (
    CARCINOID_MAINLY_WITH_LIVER_METASTASES,
    CONFIRM_TESTS,
    FLOW_PRIMARY_LABELS,
    HORMONES,
    LIVER_INACTIVATES,
    MYSTERIES,
    OTHER_BYPASS_ROUTES,
    SYMPTOMS,
    SYNDROMES,
    FlowResult,
    Links,
    MysteryVerdict,
    PickVerdict,
    Statement,
    Syndrome,
    hormone_choices,
    item_label,
    item_options,
    judge_mystery,
    links_from,
    mystery,
    place_label,
    serotonin_flow,
    start_options,
    syndrome_choices,
)
from .base import Explorer, labelled
from .citations import sources_html

__all__ = ["SyndromeExplorer", "CarcinoidFlow", "MysteryPatient", "statement_html",
           "sources_line"]

_KIND_WORDS = {"symptom": "a symptom", "hormone": "a hormone", "syndrome": "a syndrome",
               "site": "a site", "test": "a test"}


# --- readout helpers ----------------------------------------------------------------------------


def statement_html(statement: Statement) -> str:
    """One statement as HTML; says so, in the learner's words, when it is not yet checked."""
    flag = f" <i>({LEVEL_WORDS['unverified']})</i>" if statement.unverified else ""
    return f"{html.escape(statement.text)}{flag}"


def sources_line(statements: Iterable[Statement] = (), keys: Iterable[str] = ()) -> str:
    """The one sources line of a tool: every source behind ``statements`` and ``keys``.

    The level is "not yet checked against the original" when any statement is flagged so.
    """
    statements = tuple(statements)
    found: list[str] = []
    for group in (*(st.sources for st in statements), tuple(keys)):
        found.extend(k for k in group if k not in found)
    if not found:
        return ""
    level = "unverified" if any(st.unverified for st in statements) else None
    return sources_html(found, level=level)


def _headline(label: str, value: str, css: str) -> str:
    return (f'<div style="font-size:1.1em;color:{CSS_TEXT};margin:2px 0">{html.escape(label)}: '
            f'<b class="{css}">{html.escape(value)}</b></div>')


def _list(items: Iterable[str]) -> str:
    body = "".join(f"<li>{item}</li>" for item in items)
    return f'<ul style="margin:2px 0 6px;padding-left:18px">{body}</ul>'


def _syndrome_card(s: Syndrome, open_: bool) -> str:
    h = HORMONES[s.hormone]
    test = CONFIRM_TESTS[s.test]
    features = "; ".join(
        f"{html.escape(SYMPTOMS[f.symptom].label)}: {html.escape(f.detail)}" for f in s.features)
    sites = "; ".join(
        f"{html.escape(place_label(x.place))}"
        f"{'' if x.main else ' (exception)'}: {html.escape(x.note)}"
        for x in s.sites)
    rows = [
        f"<b>Hormone:</b> {html.escape(h.name)}. {html.escape(h.excess)}",
        f"<b>Features:</b> {features}",
        f"<b>Where it arises:</b> {sites}",
        f"<b>Confirmed by:</b> {html.escape(test.name)}. "
        + " ".join(statement_html(d) for d in test.details),
        *(statement_html(n) for n in s.notes),
    ]
    return (f'<details {"open" if open_ else ""} class="gepnet-syn-card gepnet-syn-card-{s.id}">'
            f"<summary><b>{html.escape(s.name)}</b></summary>{_list(rows)}</details>")


# --- syndrome explorer --------------------------------------------------------------------------


class SyndromeExplorer(Explorer):
    """Start from a symptom, hormone, syndrome, site or test and follow the links both ways."""

    prefix = "syn"

    def __init__(self, start: str = "symptom", item: str = "diarrhoea") -> None:
        super().__init__(7.4, 4.7, "Syndrome explorer: symptom, hormone, syndrome, site, test")
        self.start = labelled(
            widgets.Dropdown(options=start_options(), value=start, description="Start from"),
            self.prefix, "start")
        self.item = labelled(
            widgets.Dropdown(options=item_options(start), value=item, description="Choose",
                             layout=widgets.Layout(width="420px")),
            self.prefix, "item")
        self.links: Links | None = None
        self._map = None
        self._assemble([[self.start, self.item]])

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        return {"start": self.start, "item": self.item}

    def _on_change(self, change: dict) -> None:
        if change["owner"] is self.start and not self._quiet:
            with self.quietly():
                options = item_options(self.start.value)
                self.item.options = options
                self.item.value = options[0][1]
        super()._on_change(change)

    def _update(self) -> None:
        kind, item = self.start.value, self.item.value
        self.links = links_from(kind, item)
        ax = self.view.axes()
        if self._map is None:
            self._map = draw_syndrome_map(ax, self.links)
            self.view.redraw_all(self._map.changing)
        else:
            update_syndrome_map(self._map, self.links)
        names = ", ".join(SYNDROMES[s].short for s in self.links.syndromes) or "none"
        self.view.refresh(
            "Map joining 15 symptoms and signs to six hormone syndromes, where each arises, "
            f"and the test that confirms it. Starting from {item_label(kind, item)} "
            f"({_KIND_WORDS[kind]}), the linked syndromes are: {names}.")
        self.readout.value = self._readout()

    def _readout(self) -> str:
        links = self.links
        kind, item = links.kind, links.item
        syndromes = [SYNDROMES[s] for s in links.syndromes]
        names = "; ".join(s.name for s in syndromes) or "none"
        parts = [
            _headline(f"Starting from {_KIND_WORDS[kind]}", item_label(kind, item),
                      "gepnet-syn-selected"),
            _headline("Syndromes", names, "gepnet-syn-syndromes"),
            _headline("Hormones", ", ".join(HORMONES[h].name for h in links.hormones),
                      "gepnet-syn-hormones"),
            _headline("Where they arise", ", ".join(place_label(p) for p in links.places),
                      "gepnet-syn-places"),
            _headline("Confirming tests", ", ".join(CONFIRM_TESTS[t].name for t in links.tests),
                      "gepnet-syn-tests"),
        ]
        if kind == "symptom" and len(syndromes) > 1:
            parts.append(f'<p style="color:{CSS_TEXT};margin:4px 0">One symptom can point to '
                         "several syndromes: look at the other symptoms and at the test that "
                         "confirms each.</p>")
        parts += [_syndrome_card(s, len(syndromes) <= 2) for s in syndromes]
        shown = [st for s in syndromes
                 for st in (*CONFIRM_TESTS[s.test].details, *s.notes)]
        keys = [k for s in syndromes for k in (*HORMONES[s.hormone].sources, *s.source_keys)]
        parts.append(sources_line(shown, keys))
        return "".join(parts)


# --- carcinoid flow -----------------------------------------------------------------------------


class CarcinoidFlow(Explorer):
    """Move the tumour (small intestine, ovary, lung; liver or bone metastases): does serotonin
    reach the body?"""

    prefix = "flow"

    def __init__(self, primary: str = "jejunum_ileum", liver_metastases: bool = False,
                 bone_metastases: bool = False) -> None:
        super().__init__(6.6, 4.3, "Why carcinoid syndrome usually needs liver metastases")
        self.primary = labelled(
            widgets.Dropdown(options=[(label, key) for key, label in FLOW_PRIMARY_LABELS.items()],
                             value=primary, description="Where is the primary tumour?",
                             layout=widgets.Layout(width="460px")),
            self.prefix, "primary")
        self.liver = labelled(
            widgets.Checkbox(value=liver_metastases, description="Metastases in the liver",
                             indent=False),
            self.prefix, "liver")
        self.bone = labelled(
            widgets.Checkbox(value=bone_metastases, description="Extensive bone metastases",
                             indent=False),
            self.prefix, "bone")
        self.result: FlowResult | None = None
        self._flow = None
        self._assemble([[self.primary], [self.liver, self.bone]])

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        return {"primary": self.primary, "liver": self.liver, "bone": self.bone}

    def _update(self) -> None:
        self.result = serotonin_flow(self.primary.value, self.liver.value, self.bone.value)
        ax = self.view.axes()
        if self._flow is None:
            self._flow = draw_serotonin_flow(ax, self.result)
            self.view.redraw_all(self._flow.changing)
        else:
            update_serotonin_flow(self._flow, self.result)
        r = self.result
        where = FLOW_PRIMARY_LABELS[r.primary].lower()
        mets = [w for w, on in (("the liver", r.liver_metastases),
                                ("the bones", r.bone_metastases)) if on]
        spread = f" with metastases in {' and '.join(mets)}" if mets else " without metastases"
        liver = r.liver_note.replace("\n", " ")
        liver = f" The liver box says: {liver}." if liver else ""
        self.view.refresh(
            f"Diagram of blood routes. A tumour in the {where}{spread}.{liver} "
            f"{r.verdict}")
        self.readout.value = self._readout()

    def _readout(self) -> str:
        r = self.result
        steps = [f"<b>{html.escape(place_label(s.place))}:</b> {html.escape(s.text)}"
                 for s in r.steps]
        context = (LIVER_INACTIVATES, CARCINOID_MAINLY_WITH_LIVER_METASTASES,
                   OTHER_BYPASS_ROUTES)
        return (
            _headline("Serotonin reaches the body", "yes" if r.reaches_body else "mostly not",
                      "gepnet-flow-reaches")
            + _headline("Carcinoid syndrome", "can occur" if r.reaches_body else "unusual",
                        "gepnet-flow-syndrome")
            + _list(steps)
            + f'<p style="color:{CSS_TEXT};margin:4px 0">'
            + statement_html(LIVER_INACTIVATES) + " "
            + statement_html(CARCINOID_MAINLY_WITH_LIVER_METASTASES) + " "
            + statement_html(OTHER_BYPASS_ROUTES) + "</p>"
            + sources_line(context, r.source_keys)
        )


# --- mystery patients ---------------------------------------------------------------------------

_VERDICT_WORDS = {None: "not answered yet", True: "right", False: "not quite"}


def _unordered(choices: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """The answers with "none" first, then the rest alphabetically: the mystery patients are
    listed in the data's teaching order, so the data's order of answers would give each
    patient's answer away by its position."""
    *named, none = choices
    return [none, *sorted(named, key=lambda c: c[0].lower())]


class MysteryPatient(Explorer):
    """Read a short fictional story, then name the hormone and the syndrome; feedback on each."""

    prefix = "mystery"

    def __init__(self, case: str = "ulcers") -> None:
        super().__init__(6.6, 2.6, "Mystery patients: which hormone, which syndrome?")
        self.case = labelled(
            widgets.Dropdown(
                options=[(f"Patient {i}: {m.title}", m.id)
                         for i, m in enumerate(MYSTERIES.values(), start=1)],
                value=case, description="Patient", layout=widgets.Layout(width="420px")),
            self.prefix, "case")
        self.hormone = labelled(
            widgets.Dropdown(options=[("Choose a hormone", ""), *_unordered(hormone_choices())],
                             value="",
                             description="Which hormone?", layout=widgets.Layout(width="460px")),
            self.prefix, "hormone")
        self.syndrome = labelled(
            widgets.Dropdown(options=[("Choose a syndrome", ""),
                                      *_unordered(syndrome_choices())], value="",
                             description="Which syndrome?",
                             layout=widgets.Layout(width="460px")),
            self.prefix, "syndrome")
        self.verdict: MysteryVerdict | None = None
        self._drawing = None
        self._assemble([[self.case], [self.hormone, self.syndrome]])

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        return {"case": self.case, "hormone": self.hormone, "syndrome": self.syndrome}

    def _on_change(self, change: dict) -> None:
        if change["owner"] is self.case and not self._quiet:
            with self.quietly():
                self.hormone.value = ""
                self.syndrome.value = ""
        super()._on_change(change)

    def _update(self) -> None:
        m = mystery(self.case.value)
        h, s = self.hormone.value, self.syndrome.value
        self.verdict = judge_mystery(m.id, h, s)
        ax = self.view.axes()
        if self._drawing is None:
            self._drawing = draw_mystery(ax, m, self.verdict, h, s)
            self.view.redraw_all(self._drawing.changing)
        else:
            update_mystery(self._drawing, m, self.verdict, h, s)
        clues = ", ".join(SYMPTOMS[c].label.lower() for c in m.clues) or \
            "no hormone-related symptoms"
        v = self.verdict
        self.view.refresh(
            f"Diagram of the clues ({clues}) leading to the hormone and the syndrome. "
            f"Hormone answer: {_VERDICT_WORDS[v.hormone.correct]}; "
            f"syndrome answer: {_VERDICT_WORDS[v.syndrome.correct]}.")
        self.readout.value = self._readout()

    def _pick_html(self, label: str, verdict: PickVerdict, css: str) -> str:
        return (_headline(label, _VERDICT_WORDS[verdict.correct], css)
                + f'<p style="color:{CSS_TEXT};margin:0 0 6px">{html.escape(verdict.feedback)}</p>')

    def _readout(self) -> str:
        m = mystery(self.case.value)
        v = self.verdict
        parts = [
            f'<blockquote class="gepnet-mystery-story" style="color:{CSS_TEXT};margin:0 0 8px;'
            f'border-left:4px solid {CSS_MUTED};padding:2px 8px">{html.escape(m.story)}'
            f' <i style="color:{CSS_MUTED}">(fictional)</i></blockquote>',
            self._pick_html("Hormone", v.hormone, "gepnet-mystery-hormone-verdict"),
            self._pick_html("Syndrome", v.syndrome, "gepnet-mystery-syndrome-verdict"),
        ]
        if v.solved:
            if m.answer in SYNDROMES:
                test = CONFIRM_TESTS[SYNDROMES[m.answer].test]
                parts.append(f'<p style="color:{CSS_TEXT}"><b>Solved.</b> The test that would '
                             f"confirm it: {html.escape(test.name)}.</p>")
            else:
                parts.append(f'<p style="color:{CSS_TEXT}"><b>Solved.</b></p>')
            parts.append(sources_html(m.sources))
        return "".join(parts)
