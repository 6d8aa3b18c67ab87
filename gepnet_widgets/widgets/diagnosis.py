"""Explorers of the diagnosis lesson: the test matrix, the work-up planner, the marker pitfalls.

They wire controls to :mod:`gepnet_widgets.diagnosis` (cited data and logic) and
:mod:`gepnet_widgets.drawing.diagnosis` (the pictures); they hold no clinical fact themselves.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..diagnosis import (
    CONDITIONS,
    LEVEL_WORDS,
    MARKERS,
    QUESTIONS,
    SCENARIOS,
    TESTS,
    WORKUP_EXTRAS,
    Cell,
    Interpretation,
    PlanResult,
    cell,
    interpret_marker,
    judge_plan,
)
from ..drawing.diagnosis import (
    draw_matrix,
    draw_pitfalls,
    draw_plan,
    update_matrix,
    update_pitfalls,
    update_plan,
)
from ..sources import LEVEL_WORDS as SOURCE_LEVEL_WORDS
from ..style import CSS_MUTED, CSS_TEXT
from ..syndromes import CONFIRM_TESTS, Statement
from .base import Explorer, labelled
from .citations import sources_html
from .syndromes import sources_line, statement_html

__all__ = ["TestMatrix", "WorkupPlanner", "MarkerPitfalls"]


def _headline(label: str, value: str, css: str) -> str:
    return (f'<div style="font-size:1.1em;color:{CSS_TEXT};margin:2px 0">{html.escape(label)}: '
            f'<b class="{css}">{html.escape(value)}</b></div>')


def _list(items) -> str:
    body = "".join(f"<li>{item}</li>" for item in items)
    return f'<ul style="margin:2px 0 6px;padding-left:18px">{body}</ul>'


def _cell_html(c: Cell) -> str:
    flag = f" <i>({SOURCE_LEVEL_WORDS['unverified']})</i>" if c.unverified else ""
    return f"{html.escape(c.text)}{flag}"


def _as_statement(c: Cell) -> Statement:
    return Statement(c.text, c.sources, c.unverified)


def _checkbox(prefix: str, name: str, description: str) -> widgets.Checkbox:
    return labelled(widgets.Checkbox(value=False, description=description, indent=False,
                                     layout=widgets.Layout(width="auto")), prefix, name)


# --- the matrix -------------------------------------------------------------------------------


class TestMatrix(Explorer):
    """Choose a test and a question: what can this test tell, and why (with sources)?"""

    __test__ = False  # a widget, not a pytest test class
    prefix = "matrix"

    def __init__(self, test: str = "chromogranin_a", question: str = "net") -> None:
        super().__init__(7.0, 5.0, "Which test answers which question?")
        self.test = labelled(
            widgets.Dropdown(options=[(t.name, t.id) for t in TESTS.values()], value=test,
                             description="Test", layout=widgets.Layout(width="460px")),
            self.prefix, "test")
        self.question = labelled(
            widgets.Dropdown(options=[(q.text, q.id) for q in QUESTIONS.values()],
                             value=question, description="Question",
                             layout=widgets.Layout(width="560px")),
            self.prefix, "question")
        self.cell: Cell | None = None
        self._matrix = None
        self._assemble([[self.test], [self.question]])

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        return {"test": self.test, "question": self.question}

    def _update(self) -> None:
        t, q = self.test.value, self.question.value
        self.cell = cell(t, q)
        ax = self.view.axes()
        if self._matrix is None:
            self._matrix = draw_matrix(ax, t, q)
            self.view.redraw_all(self._matrix.changing)
        else:
            update_matrix(self._matrix, t, q)
        self.view.refresh(
            f"Matrix of {len(TESTS)} tests against {len(QUESTIONS)} questions: a filled circle "
            "means yes, a half-filled circle partly, a dash no. Framed: "
            f"{TESTS[t].name}, {QUESTIONS[q].text} Answer: {LEVEL_WORDS[self.cell.level]}.")
        self.readout.value = self._readout()

    def _readout(self) -> str:
        test = TESTS[self.test.value]
        parts = [
            _headline("Test", test.name, "gepnet-matrix-test-name"),
            _headline("Question", QUESTIONS[self.question.value].label,
                      "gepnet-matrix-question-name"),
            _headline("Answer", LEVEL_WORDS[self.cell.level], "gepnet-matrix-answer"),
            f'<p style="color:{CSS_TEXT};margin:2px 0 8px">{_cell_html(self.cell)}</p>',
            f'<p style="color:{CSS_TEXT};margin:0"><b>About this test.</b> '
            f"{html.escape(test.what)}</p>",
            _list(statement_html(s) for s in test.facts),
        ]
        if test.confirms:
            names = "; ".join(html.escape(CONFIRM_TESTS[c].name) for c in test.confirms)
            parts.append(f'<p style="color:{CSS_TEXT};margin:0">Stands for: {names} '
                         '(see lesson 5).</p>')
        parts.append(f'<p style="color:{CSS_TEXT};margin:6px 0 0"><b>Also in the work-up, for some '
                     "people:</b></p>")
        parts.append(_list(statement_html(s) for s in WORKUP_EXTRAS))
        parts.append(sources_line((_as_statement(self.cell), *test.facts, *WORKUP_EXTRAS)))
        return "".join(parts)


# --- the work-up planner ----------------------------------------------------------------------

_PICK_WORDS = {"yes": "Good pick", "partly": "Helps, but", "no": "Does not answer this"}


class WorkupPlanner(Explorer):
    """A clinical question: tick the tests you would order and get feedback on each pick."""

    prefix = "plan"

    def __init__(self, scenario: str = "liver") -> None:
        super().__init__(5.6, 4.4, "Plan the work-up: which tests answer the question?")
        self.scenario = labelled(
            widgets.Dropdown(options=[(s.prompt, s.id) for s in SCENARIOS.values()],
                             value=scenario, description="Question",
                             layout=widgets.Layout(width="640px")),
            self.prefix, "scenario")
        self.picks = {t.id: _checkbox(self.prefix, t.id, t.name) for t in TESTS.values()}
        self.result: PlanResult | None = None
        self._plan = None
        boxes = list(self.picks.values())
        self._assemble([[self.scenario], boxes[:4], boxes[4:8], boxes[8:]])

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        return {"scenario": self.scenario, **self.picks}

    def chosen(self) -> set[str]:
        """The ids of the ticked tests."""
        return {t for t, box in self.picks.items() if box.value}

    def _on_change(self, change: dict) -> None:
        if change["owner"] is self.scenario and not self._quiet:
            with self.quietly():
                for box in self.picks.values():
                    box.value = False
        super()._on_change(change)

    def _update(self) -> None:
        s = SCENARIOS[self.scenario.value]
        chosen = self.chosen()
        self.result = judge_plan(s.id, chosen)
        ax = self.view.axes()
        if self._plan is None:
            self._plan = draw_plan(ax, s, chosen)
            self.view.redraw_all(self._plan.changing)
        else:
            update_plan(self._plan, s, chosen)
        words = "; ".join(f"{TESTS[p.test].short}: {_PICK_WORDS[p.level].lower()}"
                          for p in self.result.picks) or "no test picked yet"
        self.view.refresh(f"Checklist of {len(TESTS)} tests for the question: {s.prompt} "
                          f"Picks: {words}. {self.result.summary}.")
        self.readout.value = self._readout()

    def _readout(self) -> str:
        r = self.result
        s = SCENARIOS[r.scenario]
        cells = [s.verdict(p.test) for p in r.picks]
        items = [f"<b>{html.escape(TESTS[p.test].name)}</b>: {_PICK_WORDS[p.level]}. "
                 f"{_cell_html(c)}" for p, c in zip(r.picks, cells, strict=True)]
        parts = [
            f'<p style="color:{CSS_TEXT};margin:0 0 4px"><b>{html.escape(s.prompt)}</b></p>',
            _headline("Score", r.summary, "gepnet-plan-score"),
        ]
        if items:
            parts.append(_list(items))
        else:
            parts.append(f'<p style="color:{CSS_MUTED}">Tick the tests you would order.</p>')
        if r.complete:
            parts.append(f'<p style="color:{CSS_TEXT}"><b>Well planned:</b> you picked every test '
                         "that answers this question directly, and nothing that does not.</p>")
        elif r.best_found == r.best_total and r.unhelpful:
            parts.append(f'<p style="color:{CSS_TEXT}">You have the best tests; untick the ones '
                         "that do not answer this question.</p>")
        if cells:
            parts.append(sources_line(_as_statement(c) for c in cells))
        return "".join(parts)


# --- marker pitfalls --------------------------------------------------------------------------


class MarkerPitfalls(Explorer):
    """Choose a marker and tick what applies to the patient: can a high result be trusted?"""

    prefix = "pitfall"

    def __init__(self, marker: str = "chromogranin_a") -> None:
        super().__init__(5.8, 4.0, "Pitfalls: what raises a marker falsely?")
        self.marker = labelled(
            widgets.Dropdown(options=[(m.name, m.id) for m in MARKERS.values()], value=marker,
                             description="Marker", layout=widgets.Layout(width="420px")),
            self.prefix, "marker")
        self.conditions = {c.id: _checkbox(self.prefix, c.id, c.label)
                           for c in CONDITIONS.values()}
        self.result: Interpretation | None = None
        self._grid = None
        boxes = list(self.conditions.values())
        self._assemble([[self.marker], boxes[:3], boxes[3:6], boxes[6:]])

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        return {"marker": self.marker, **self.conditions}

    def ticked(self) -> set[str]:
        """The ids of the ticked conditions."""
        return {c for c, box in self.conditions.items() if box.value}

    def _update(self) -> None:
        m, ticked = self.marker.value, self.ticked()
        self.result = interpret_marker(m, ticked)
        ax = self.view.axes()
        if self._grid is None:
            self._grid = draw_pitfalls(ax, m, ticked)
            self.view.redraw_all(self._grid.changing)
        else:
            update_pitfalls(self._grid, m, ticked)
        causes = ", ".join(CONDITIONS[i.condition].short.lower()
                           for i in self.result.interfering) or "none"
        self.view.refresh(
            "Grid of patient conditions against three markers; a triangle marks a condition "
            f"that can raise the marker falsely. Framed: {MARKERS[m].name}; ticked conditions "
            f"that interfere: {causes}.")
        self.readout.value = self._readout()

    def _readout(self) -> str:
        r = self.result
        m = MARKERS[r.marker]
        items = [statement_html(i.effect) for i in r.interfering]
        parts = [
            _headline("Could a high result be a false rise",
                      "not from what is ticked" if r.high_trustworthy
                      else "yes: check first",
                      "gepnet-pitfall-trust"),
            f'<p style="color:{CSS_TEXT};margin:2px 0">{html.escape(r.verdict)}</p>',
        ]
        if items:
            parts.append(_list(items))
        if r.advice:
            parts.append(f'<p style="color:{CSS_TEXT};margin:2px 0"><i>Before the test, what the '
                         "care team may arrange:</i></p>")
            parts.append(_list(statement_html(a) for a in r.advice))
        if r.harmless:
            names = ", ".join(CONDITIONS[c].short.lower() for c in r.harmless)
            parts.append(f'<p style="color:{CSS_MUTED};margin:2px 0">Ticked but not known (in the '
                         f"course's sources) to change {html.escape(m.short)}: "
                         f"{html.escape(names)}.</p>")
        parts.append(f'<p style="color:{CSS_TEXT};margin:6px 0 0"><b>And a normal result?</b> '
                     f"{statement_html(m.normal)}</p>")
        parts.append(sources_html(r.source_keys))
        return "".join(parts)
