"""Explorers of the treatment lesson (lesson 6). They wire controls to the cited data and logic of
:mod:`gepnet_widgets.treatment` and the pictures of :mod:`gepnet_widgets.drawing.treatment`; they
hold no clinical fact themselves.

* :class:`TreatmentComparer`: filter the treatments by goal or mechanism, compare any two.
* :class:`MechanismExplorer`: how a somatostatin analogue, PRRT and embolisation work, drawn.
* :class:`EvidenceExplorer`: the forest plot of trials; pick one to see its details.
* :class:`DiscussionExplorer`: set a fictional tumour's features, see what guidelines discuss.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..drawing.treatment import (
    draw_forest,
    draw_mechanism_scene,
    draw_tiles,
    draw_treatment_map,
    mechanism_state,
    short_comparison,
    update_forest,
    update_mechanism_scene,
    update_tiles,
    update_treatment_map,
)
from ..style import CSS_HIGHLIGHT, CSS_INFO, CSS_MUTED, CSS_TEXT
from ..treatment import (
    CATEGORIES,
    CI_UNVERIFIED,
    FEATURES,
    GOALS,
    KI67_RANGES,
    MECHANISM_FAMILIES,
    MECHANISM_LABELS,
    MEMBERS,
    NOT_COMPARABLE,
    RECEPTOR_MECHANISMS,
    TRIALS,
    Discussion,
    Fact,
    Member,
    Trial,
    category,
    comparison_rows,
    discussed_for,
    filter_members,
    hazard_ratio_reading,
    mechanism_panel,
    median_text,
    member,
    trial,
)
from .base import Explorer, labelled, number_box
from .citations import sources_html

__all__ = ["TreatmentComparer", "MechanismExplorer", "EvidenceExplorer", "DiscussionExplorer"]

_NONE = ""  # the comparer's placeholder value when no treatment matches the filters


# --- shared readout pieces ----------------------------------------------------------------------


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _fact_html(fact: Fact) -> str:
    """A fact's text (muted and in italics when the course has no source for it); its sources
    go in the one sources line of the tool (:func:`sources_html`)."""
    if fact.missing or not fact.sources:
        return f'<span style="color:{CSS_MUTED}"><i>{_esc(fact.text)}</i></span>'
    return _esc(fact.text)


def _keys(*facts: Fact) -> tuple[str, ...]:
    """Every source key of ``facts``, first-seen order."""
    return tuple(dict.fromkeys(k for f in facts for k in f.sources))


def _tag(css: str, text: str) -> str:
    """A key value wrapped for tests: ``<b class="css">text</b>``."""
    return f'<b class="{css}">{_esc(text)}</b>'


def _box(body: str, colour: str = CSS_INFO) -> str:
    return (f'<div style="border-left:4px solid {colour};padding:4px 10px;margin:6px 0;'
            f'color:{CSS_TEXT}">{body}</div>')


def _dropdown(prefix: str, name: str, description: str, options, value,
              width: str = "420px") -> widgets.Dropdown:
    return labelled(widgets.Dropdown(options=options, value=value, description=description,
                                     layout=widgets.Layout(width=width)), prefix, name)


# --- 1. comparer --------------------------------------------------------------------------------


def _member_options(members: tuple[Member, ...]) -> list[tuple[str, str]]:
    if not members:
        return [("(no treatment matches these filters)", _NONE)]
    return [(m.name, m.key) for m in members]


class TreatmentComparer(Explorer):
    """Filter the treatments by goal or mechanism; compare any two side by side on a map."""

    prefix = "treat"

    def __init__(self, first: str = "octreotide", second: str = "lu_dotatate") -> None:
        super().__init__(6.6, 5.4, "Treatment comparer: what each treatment does, and for what")
        self.goal = _dropdown(self.prefix, "goal", "Goal",
                              [("Any goal", "all"), *((g.label, g.key) for g in GOALS)], "all",
                              "260px")
        self.mechanism = _dropdown(
            self.prefix, "mechanism", "Mechanism",
            [("Any mechanism", "all"), *((f.label, f.key) for f in MECHANISM_FAMILIES)], "all")
        options = _member_options(MEMBERS)
        self.first = _dropdown(self.prefix, "first", "Compare (A)", options, first)
        self.second = _dropdown(self.prefix, "second", "with (B)", options, second)
        self.matching: tuple[Member, ...] = MEMBERS
        self._map = None
        self._assemble([[self.goal, self.mechanism], [self.first, self.second]])

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        return {"goal": self.goal, "mechanism": self.mechanism, "first": self.first,
                "second": self.second}

    def _on_change(self, change: dict) -> None:
        if change["owner"] in (self.goal, self.mechanism) and not self._quiet:
            with self.quietly():
                self._refilter()
        super()._on_change(change)

    def _refilter(self) -> None:
        """Offer only the treatments that match both filters, keeping the current ones if
        they still match."""
        self.matching = filter_members(self.goal.value, self.mechanism.value)
        options = _member_options(self.matching)
        keys = [k for _, k in options]
        for i, dropdown in enumerate((self.first, self.second)):
            current = dropdown.value
            dropdown.options = options
            dropdown.value = current if current in keys else keys[min(i, len(keys) - 1)]
            dropdown.disabled = not self.matching

    def _update(self) -> None:
        first = self.first.value or None
        second = self.second.value or None
        ax = self.view.axes()
        if self._map is None:
            self._map = draw_treatment_map(ax)
            self.view.redraw_all(self._map.changing)
        update_treatment_map(self._map, {m.key for m in self.matching}, self.goal.value,
                             first, second)
        self.view.refresh(self._alt(first, second))
        self.readout.value = self._readout(first, second)

    def _alt(self, first: str | None, second: str | None) -> str:
        chosen = "; ".join(f"{tag}: {member(k).name}" for tag, k in (("A", first), ("B", second))
                           if k)
        return (f"Map of {len(MEMBERS)} treatments: rows are how they work, columns are their "
                f"goals (cure, tumour control, symptom control). {len(self.matching)} match the "
                f"filters and are highlighted. {chosen or 'None chosen'}.")

    def _readout(self, first: str | None, second: str | None) -> str:
        count = (f'<div style="color:{CSS_TEXT}">'
                 f'{_tag("gepnet-treat-count", str(len(self.matching)))}'
                 f" of {len(MEMBERS)} treatments match the filters.</div>")
        if not self.matching:
            return count + _box("No treatment in this course's list has both that goal and that "
                                "mechanism. Try <i>Any goal</i> or <i>Any mechanism</i>.")
        table = self._table(first, second)
        same = ""
        if len(self.matching) == 1:
            same = (f"<p style='color:{CSS_TEXT}'>Only one treatment matches, so A and B are "
                    "the same.</p>")
        elif first == second:
            same = (f"<p style='color:{CSS_TEXT}'>A and B are the same treatment: "
                    "choose another.</p>")
        names = ", ".join(_esc(m.name) for m in self.matching)
        shown = [f for m in (member(first), member(second))
                 for f in (m.mechanism, m.given, m.setting, *m.details)]
        shown += [f for _, fa, fb in comparison_rows(first, second) for f in (fa, fb)]
        return (count + same + table + sources_html(_keys(*shown)) +
                f'<details style="color:{CSS_TEXT};font-size:0.9em;margin:4px 0"><summary>Show the '
                f"{len(self.matching)} matching treatments</summary>{names}.</details>")

    def _table(self, first: str, second: str) -> str:
        a, b = member(first), member(second)
        head = (f"<tr><th style='text-align:left'>Aspect</th><th style='text-align:left'>A: "
                f"{_tag('gepnet-treat-name-a', a.name)}</th>"
                f"<th style='text-align:left'>B: {_tag('gepnet-treat-name-b', b.name)}</th></tr>")
        rows = [
            f"<tr><td style='vertical-align:top;padding:3px 6px'><b>"
            f"{_esc(label)}</b></td><td style='vertical-align:top;padding:3px 6px'>"
            f"{_fact_html(fa)}</td><td style='vertical-align:top;padding:3px 6px'>"
            f"{_fact_html(fb)}</td></tr>"
            for label, fa, fb in comparison_rows(first, second)
        ]
        rows.append(
            "<tr><td style='vertical-align:top;padding:3px 6px'><b>More</b></td>"
            + "".join(f"<td style='vertical-align:top;padding:3px 6px'>{self._more(m)}</td>"
                      for m in (a, b)) + "</tr>")
        return (f'<table style="border-collapse:collapse;font-size:0.9em;color:{CSS_TEXT}">'
                f"{head}{''.join(rows)}</table>")

    @staticmethod
    def _more(m: Member) -> str:
        label = ""
        if m.unverified:
            label = (f'<p class="gepnet-treat-unverified" style="margin:0 0 4px"><b>Not yet '
                     f"checked:</b> {_esc(m.unverified)}</p>")
        if not m.details:
            return label + (f'<span style="color:{CSS_MUTED}"><i>Nothing more in our sources.'
                            "</i></span>")
        items = "".join(f"<li>{_fact_html(f)}</li>" for f in m.details)
        return (f"{label}<details><summary>Results, side effects, cautions ({len(m.details)})"
                f'</summary><ul style="margin:0;padding-left:16px">{items}</ul></details>')


# --- 2. how it works ----------------------------------------------------------------------------


class MechanismExplorer(Explorer):
    """How a somatostatin analogue, PRRT and embolisation work, before and during treatment."""

    prefix = "how"

    def __init__(self, mechanism: str = "ssa", receptors: str = "positive",
                 treated: bool = False) -> None:
        super().__init__(6.0, 4.1, "How it works: three treatments, drawn")
        self.mechanism = _dropdown(self.prefix, "mechanism", "Treatment",
                                   [(label, key) for key, label in MECHANISM_LABELS.items()],
                                   mechanism, "360px")
        self.receptors = _dropdown(self.prefix, "receptors", "Tumour cells are",
                                   [("Receptor-positive (SSTR on imaging)", "positive"),
                                    ("Receptor-negative", "negative")], receptors, "360px")
        self.treated = labelled(widgets.Checkbox(value=treated, indent=False,
                                                 description="Show the treatment acting"),
                                self.prefix, "treated")
        self._scene = None
        self._assemble([[self.mechanism, self.receptors], [self.treated]])

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        return {"mechanism": self.mechanism, "receptors": self.receptors,
                "treated": self.treated}

    def _update(self) -> None:
        mechanism = self.mechanism.value
        uses_receptors = mechanism in RECEPTOR_MECHANISMS
        self.receptors.layout.display = None if uses_receptors else "none"
        receptors = self.receptors.value if uses_receptors else None
        panel = mechanism_panel(mechanism, receptors, self.treated.value)
        self._scene = self.view.scene(mechanism, lambda ax: draw_mechanism_scene(ax, mechanism))
        update_mechanism_scene(self._scene, receptors, self.treated.value)
        state = mechanism_state(mechanism, receptors, self.treated.value)
        self.view.refresh(f"Drawing. {state}. {panel.caption.text}")
        self.readout.value = (
            f'<div style="font-size:1.1em;color:{CSS_TEXT}">{_tag("gepnet-how-state", state)}</div>'
            f'<p class="gepnet-how-caption" style="color:{CSS_TEXT};margin:2px 0">'
            f"{_fact_html(panel.caption)}</p>"
            + self._mechanism_line(mechanism)
            + sources_html(_keys(panel.caption, category(mechanism).mechanism))
        )

    @staticmethod
    def _mechanism_line(mechanism: str) -> str:
        cat = category(mechanism)
        return (f'<p style="color:{CSS_TEXT};font-size:0.9em;margin:2px 0">'
                f'<b>{_esc(cat.name)}</b>: '
                f"{_fact_html(cat.mechanism)}</p>")


# --- 3. evidence --------------------------------------------------------------------------------


class EvidenceExplorer(Explorer):
    """The trials as a forest plot of hazard ratios; pick one to see who, what and the result."""

    prefix = "evidence"

    def __init__(self, trial_key: str = "promid", guide: bool = False) -> None:
        super().__init__(8.4, 6.0, "Evidence explorer: the randomised trials as a forest plot")
        self.trial = _dropdown(self.prefix, "trial", "Trial",
                               [(f"{t.name} ({t.year})", t.key) for t in TRIALS], trial_key,
                               "380px")
        self.guide = labelled(widgets.Checkbox(value=guide, indent=False,
                                               description="Label the point and the interval"),
                              self.prefix, "guide")
        self._forest = None
        self._assemble([[self.trial, self.guide]])

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        return {"trial": self.trial, "guide": self.guide}

    def _update(self) -> None:
        t = trial(self.trial.value)
        ax = self.view.axes()
        if self._forest is None:
            self._forest = draw_forest(ax, TRIALS)
            self.view.redraw_all(self._forest.changing)
        update_forest(self._forest, t, self.guide.value)
        self.view.refresh(self._alt(t))
        self.readout.value = self._readout(t)

    @staticmethod
    def _ci_text(t: Trial) -> str:
        if t.ci_drawn:
            return f"{t.ci[0]}-{t.ci[1]}"
        if t.ci is None:
            return "not reported"
        return "not verified (point drawn alone)"

    def _alt(self, t: Trial) -> str:
        return (f"Forest plot of {len(TRIALS)} trial comparisons, hazard ratios on a log scale "
                f"with 95% confidence intervals where verified. Selected: {t.name} ({t.year}), "
                f"{short_comparison(t)}, hazard ratio {t.hr}, interval {self._ci_text(t)}; "
                f"median {median_text(t.median_experimental)} vs "
                f"{median_text(t.median_control)}.")

    def _readout(self, t: Trial) -> str:
        tested = member(t.member)
        year = f"{t.year}" + (f" ({t.year_note})" if t.year_note else "")
        rows = (
            ("Year", _tag("gepnet-evidence-year", year)),
            ("Design", _esc(t.design)),
            ("Who took part", f"{_esc(t.population)} (n = {_esc(t.n)})"),
            ("Tested arm", _esc(t.experimental)),
            ("Control arm", _esc(t.control)),
            ("Endpoint", _tag("gepnet-evidence-endpoint", t.endpoint)),
            ("Hazard ratio", _tag("gepnet-evidence-hr", t.hr)),
            ("95% CI", _tag("gepnet-evidence-ci", self._ci_text(t))),
            ("Median, tested arm", _tag("gepnet-evidence-median-tested",
                                        median_text(t.median_experimental))),
            ("Median, control arm", _tag("gepnet-evidence-median-control",
                                         median_text(t.median_control))),
            ("Other results", _esc(t.result)),
        )
        table = "".join(f"<tr><td style='padding:2px 6px;vertical-align:top;white-space:nowrap'>"
                        f"{label}</td><td style='padding:2px 6px'>{value}</td></tr>"
                        for label, value in rows)
        note = _box(f"<b>Note:</b> {_esc(t.note)}", CSS_HIGHLIGHT) if t.note else ""
        return (
            f'<div style="font-size:1.2em;color:{CSS_TEXT}">'
            f'{_tag("gepnet-evidence-name", t.name)}: {_esc(tested.name)}</div>'
            f'<table style="border-collapse:collapse;font-size:0.9em;color:{CSS_TEXT}">{table}'
            f"</table>{note}"
            + _box(f"<b>Reading the hazard ratio.</b> {_esc(hazard_ratio_reading(t.key))}")
            + _box(f"<b>Reading a median.</b> {_esc(self._median_reading(t))}")
            + _box(f"<b>Not a league table.</b> {_esc(NOT_COMPARABLE)}", CSS_MUTED)
            + sources_html(t.sources,
                           level="unverified" if t.ci_status == CI_UNVERIFIED else None)
        )

    @staticmethod
    def _median_reading(t: Trial) -> str:
        event = "progression" if t.endpoint == "time to progression" else "progression or death"
        if t.median_experimental is None:
            tested = (f"With {t.experimental}, fewer than half had had {event} by the time of "
                      "the analysis, so the median was not reached: it is longer than the "
                      "follow-up so far, not zero and not unknown.")
        else:
            tested = (f"With {t.experimental}, half of the people were still free of {event} "
                      f"at {t.median_experimental} months.")
        control = ("" if t.median_control is None else
                   f" With {t.control}: {t.median_control} months.")
        return (f"The median {t.endpoint} is the time by which half of the people in an arm had "
                f"had {event}. {tested}{control}")


# --- 4. what is discussed when ------------------------------------------------------------------


class DiscussionExplorer(Explorer):
    """Set a fictional tumour's features; see every category guidelines discuss, with reasons."""

    prefix = "discuss"

    def __init__(self, extent: str = "liver_only", grade: str = "NET G2",
                 receptors: str = "positive", function: str = "non_functioning",
                 site: str = "small_intestine", ki67: int | None = None) -> None:
        super().__init__(6.0, 4.9, "What guidelines discuss, and why: a fictional tumour")
        values = {"extent": extent, "grade": grade, "receptors": receptors,
                  "function": function, "site": site}
        self.features = {
            f.key: _dropdown(self.prefix, f.key, f.label,
                             [(label, value) for value, label in f.options], values[f.key],
                             "470px")
            for f in FEATURES
        }
        low, high = KI67_RANGES[grade]
        self.ki67 = labelled(widgets.IntSlider(
            value=low if ki67 is None else ki67, min=low, max=high, step=1,
            continuous_update=True, description="Ki-67 index (%)",
            layout=widgets.Layout(width="470px")), self.prefix, "ki67")
        self.ki67_box = number_box(self.ki67, self.prefix, "ki67_box", "or type Ki-67 (%)")
        # A typed value outside the grade's range is clamped by the box, so say the range.
        self.ki67_range = widgets.HTML(layout=widgets.Layout(margin="0 0 0 8px"))
        self.ki67_range.add_class(f"gepnet-{self.prefix}-ki67-range")
        self.result: Discussion | None = None
        self._tiles = None
        fs = self.features
        self._assemble([[fs["extent"], fs["grade"]], [fs["receptors"], fs["function"]],
                        [fs["site"]], [self.ki67, self.ki67_box, self.ki67_range]])

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        return {**self.features, "ki67": self.ki67}

    def _fit_ki67(self) -> None:
        """Offer only the Ki-67 values the chosen grade allows, keeping the value if it fits."""
        low, high = KI67_RANGES[self.features["grade"].value]
        if (self.ki67.min, self.ki67.max) == (low, high):
            return
        value = min(max(self.ki67.value, low), high)
        quiet, self._quiet = self._quiet, True
        try:  # widen first so that min never passes max while the bounds move
            self.ki67.min, self.ki67.max = 0, 100
            self.ki67.value = value
            self.ki67.min, self.ki67.max = low, high
        finally:
            self._quiet = quiet

    def ki67_range_text(self) -> str:
        """``"for NET G2 the Ki-67 box takes 3-20%"``: the whole per cents the grade allows.
        A typed value outside them is clamped by the box, so the learner is told the range."""
        grade = self.features["grade"].value
        low, high = KI67_RANGES[grade]
        return f"for {grade} the Ki-67 box takes {low}-{high}%"

    def _update(self) -> None:
        self._fit_ki67()
        text = self.ki67_range_text()
        self.ki67_range.value = (f'<span style="color:{CSS_MUTED};font-size:0.9em">'
                                 f"{_esc(text[0].upper() + text[1:])}: change the grade for "
                                 "other values.</span>")
        values = {key: dropdown.value for key, dropdown in self.features.items()}
        self.result = discussed_for(**values, ki67=self.ki67.value)
        ax = self.view.axes()
        if self._tiles is None:
            self._tiles = draw_tiles(ax)
            self.view.redraw_all(self._tiles.changing)
        update_tiles(self._tiles, set(self.result.category_keys))
        names = ", ".join(d.category.name for d in self.result.categories)
        self.view.refresh(
            f"{len(CATEGORIES)} treatment categories as tiles. For these features guidelines "
            f"discuss "
            f"{len(self.result.categories)}: {names}. The others are not listed for these "
            "features. Not a ranking.")
        self.readout.value = self._readout()

    def _readout(self) -> str:
        r = self.result
        message = _box(f'<b class="gepnet-discuss-message">{_esc(r.message)}</b>', CSS_HIGHLIGHT)
        items = []
        for d in r.categories:
            members = ", ".join(_esc(m.name) for m in d.members)
            reasons = "".join(f"<li>{_esc(rule.reason)}</li>" for rule in d.rules)
            items.append(
                f"<li style='margin-bottom:4px'>"
                f"{_tag('gepnet-discuss-cat-' + d.category.key, d.category.name)}"
                f" <span style='color:{CSS_MUTED}'>({members})</span>"
                f"<ul style='margin:2px 0;padding-left:16px'>{reasons}</ul></li>")
        notes = "".join(f"<li>{_esc(n.text)}</li>" for n in r.notes)
        missing = ", ".join(_esc(c.name) for c in r.not_discussed)
        count = len(r.categories)
        one = (_box("Only one category is listed for these features. Within it there are still "
                    "choices, and whether and when to treat is decided with the care team.",
                    CSS_MUTED) if count == 1 else "")
        return (
            message
            + f'<div style="color:{CSS_TEXT}">Ki-67 used: '
              f'{_tag("gepnet-discuss-ki67-used", f"{self.ki67.value}%")} '
              f'({_esc(self.ki67_range_text())})</div>'
            + f'<div style="color:{CSS_TEXT}">Categories guidelines discuss: '
              f'{_tag("gepnet-discuss-count", str(count))} (in a fixed order, not ranked)</div>'
            + f'<ul style="margin:4px 0;padding-left:18px;color:{CSS_TEXT}">{"".join(items)}</ul>'
            + one
            + (f'<div style="color:{CSS_TEXT};font-size:0.9em"><b>Also note:</b>'
               f'<ul style="margin:2px 0;padding-left:18px">{notes}</ul></div>' if notes else "")
            + (f'<p style="color:{CSS_MUTED};font-size:0.85em;margin:2px 0">Not listed for these '
               f"features: {missing}.</p>" if missing else "")
            + sources_html(r.sources)
        )
