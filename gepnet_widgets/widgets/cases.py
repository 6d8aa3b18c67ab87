"""The case-study widget of lesson 7: read a fictional patient's story, answer step by step.

It wires controls to :mod:`gepnet_widgets.cases` (the findings, the computed answers and the
feedback) and reuses the wall drawing of :mod:`gepnet_widgets.drawing.tnm` for the primary
tumour; it holds no clinical fact itself.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as widgets

from ..cases import (
    CASES,
    FICTIONAL_NOTE,
    STEPS,
    Feedback,
    answer_label,
    answer_options,
    case,
    case_source_keys,
    check_case_answer,
    expected_answer,
    explorer_hint,
    findings,
    staging_result,
)
from ..drawing.tnm import draw_wall, layer_name, update_wall
from ..staging import EditionComparison, compare_editions, edition_short, site_label
from ..style import CSS_CORRECT, CSS_HIGHLIGHT, CSS_MARK_BG, CSS_MUTED, CSS_TEXT
from .base import Explorer, error_html, labelled
from .citations import sources_html
from .static import STATIC_CLASS, StaticView
from .tnm import edition_control, edition_html

__all__ = ["CaseStudy"]

#: Placeholder value of an answer dropdown before the learner picks.
UNANSWERED = ""

_VERDICT = {True: "Correct", False: "Not quite"}
#: Added to a first wrong try's pointer (the full why comes after a second try or on request).
TRY_AGAIN_TEXT = "Try again, or press Show the answer."
_COLOURS = {True: CSS_CORRECT, False: CSS_HIGHLIGHT}
_RIGHT = {True: "right", False: "not right"}


def _cite(keys) -> str:
    """The sources line in words, linked to the reference page, with how sure (one helper)."""
    return sources_html(dict.fromkeys(keys))


def _edition_comparison(case_id: str) -> EditionComparison | None:
    """The case staged under both editions (None for a NEC: the NET chapters do not apply)."""
    c = case(case_id)
    if staging_result(case_id) is None:
        return None
    return compare_editions(c.site, c.size_cm, c.invasion, c.nodes_assessed, c.metastasis,
                            mesenteric_mass_gt_2cm=c.mass_gt_2cm, tumor_count=c.tumor_count)


def _step_button(description: str, tooltip: str, css: str,
                 on_click: Callable[[widgets.Button], None]) -> widgets.Button:
    """A labelled step button with its CSS hook and click handler."""
    button = widgets.Button(description=description, tooltip=tooltip,
                            layout=widgets.Layout(width="auto"))
    button.add_class(css)
    button.on_click(on_click)
    return button


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _the(edition: str) -> str:
    """'AJCC Version 9' or 'the AJCC 8th edition', to sit inside a sentence."""
    name = edition_short(edition)
    return f"the {name}" if name.endswith("edition") else name


class CaseStudy(Explorer):
    """Choose a fictional patient, read the story and findings, then answer eight steps.

    Controls (``.controls``): ``patient`` (the case). Answers (not in ``.controls``; a Check
    button each): ``answers[step]`` dropdowns for T, N, M, stage, grade, functioning and hormone,
    and ``treatment[category]`` checkboxes for the treatment categories. Feedback comes from
    :func:`gepnet_widgets.cases.check_case_answer`: a first wrong try shows only its pointer to
    the idea (:attr:`~gepnet_widgets.cases.Feedback.hint`, which finding to look at again); the
    full why and the answer come after a second wrong try, or with the step's "Show the
    answer" button. Default: the first case (a small rectal NET).

    CSS hooks: ``gepnet-case-patient``, ``gepnet-case-answer-<step>``,
    ``gepnet-case-treatment-<category>``, ``gepnet-case-check-<step>``,
    ``gepnet-case-show-<step>`` ("Show the answer" for one step),
    ``gepnet-case-feedback-<step>`` (verdict in ``<b class="gepnet-case-verdict-<step>">``),
    ``gepnet-case-hint-<step>``, ``gepnet-case-reveal``, ``gepnet-case-answers``,
    ``gepnet-case-progress`` (``<b class="gepnet-case-score">``), the readout
    ``gepnet-case-readout`` (``<b class="gepnet-case-title">``) and ``gepnet-case-figure``.
    """

    prefix = "case"

    def __init__(self, patient: str | None = None) -> None:
        super().__init__(5.6, 3.6, "Case studies: stage, grade, function and treatment "
                         "(fictional patients)")
        first = next(iter(CASES)) if patient is None else case(patient).id
        self.patient = labelled(
            widgets.Dropdown(options=[(f"Patient {i}: {c.title}", c.id)
                                      for i, c in enumerate(CASES.values(), start=1)],
                             value=first, description="Patient",
                             layout=widgets.Layout(width="520px")),
            self.prefix, "patient")
        self.answers: dict[str, widgets.Dropdown] = {}
        self.treatment: dict[str, widgets.Checkbox] = {}
        self.buttons: dict[str, widgets.Button] = {}
        self.feedback: dict[str, widgets.HTML] = {}
        self.hints: dict[str, widgets.HTML] = {}
        self.show_buttons: dict[str, widgets.Button] = {}
        self.verdicts: dict[str, Feedback | None] = {s.key: None for s in STEPS}
        #: Wrong tries per step (for this patient); from the second on, the full why is shown.
        self.wrong_tries: dict[str, int] = {s.key: 0 for s in STEPS}
        #: Steps whose answer the learner asked to see.
        self.answer_shown: dict[str, bool] = {s.key: False for s in STEPS}
        self._wall = None
        self._shown: tuple[str, str] | None = None  #: (patient, edition) last shown
        self._build_steps()
        self.progress = widgets.HTML()
        self.progress.add_class("gepnet-case-progress")
        self.reveal = labelled(widgets.ToggleButton(value=False, description="Show the answers",
                                                    tooltip="Show the computed answers"),
                               self.prefix, "reveal")
        self.reveal.observe(self._on_reveal, names="value")
        self.answer_key = widgets.HTML()
        self.answer_key.add_class("gepnet-case-answers")
        self.edition = edition_control(self.prefix)
        self._assemble([[self.patient], [self.edition]])
        steps = widgets.VBox([self._step_box(s) for s in STEPS])
        assert self.widget is not None
        self.widget.children = (*self.widget.children, steps, self.progress,
                                widgets.HBox([self.reveal]), self.answer_key)

    # --- building -------------------------------------------------------------------------

    def _build_steps(self) -> None:
        for s in STEPS:
            if s.key == "treatment":
                for label, key in answer_options(self.patient.value, "treatment"):
                    box = widgets.Checkbox(value=False, description=label, indent=False)
                    self.treatment[key] = labelled(box, self.prefix, f"treatment-{key}")
            else:
                self.answers[s.key] = labelled(
                    widgets.Dropdown(description=s.label, layout=widgets.Layout(width="520px")),
                    self.prefix, f"answer-{s.key}")
            self.buttons[s.key] = _step_button(
                f"Check: {s.label}", f"Check your answer: {_lower_first(s.label)}",
                f"gepnet-case-check-{s.key}", lambda _b, key=s.key: self.check(key))
            self.show_buttons[s.key] = _step_button(
                f"Show the answer: {s.label}",
                f"Show the answer ({_lower_first(s.label)}) and why",
                f"gepnet-case-show-{s.key}", lambda _b, key=s.key: self.show_answer(key))
            self.feedback[s.key] = widgets.HTML()
            self.feedback[s.key].add_class(f"gepnet-case-feedback-{s.key}")
            self.hints[s.key] = widgets.HTML()
            self.hints[s.key].add_class(f"gepnet-case-hint-{s.key}")

    def _step_box(self, step) -> widgets.VBox:
        if step.key == "treatment":
            ticks = widgets.Box(list(self.treatment.values()),
                                layout=widgets.Layout(flex_flow="row wrap"))
            answer = widgets.VBox([widgets.HTML(f"<b>{html.escape(step.label)}</b> (tick every "
                                                "category guidelines would discuss)"), ticks])
        else:
            answer = self.answers[step.key]
        row = widgets.HBox([answer, self.buttons[step.key], self.show_buttons[step.key]],
                           layout=widgets.Layout(flex_flow="row wrap", align_items="center"))
        return widgets.VBox([row, self.hints[step.key], self.feedback[step.key]],
                            layout=widgets.Layout(margin="4px 0 8px 0",
                                                  border_left=f"3px solid {CSS_MUTED}",
                                                  padding="0 0 0 8px"))

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        return {"patient": self.patient, "edition": self.edition}

    # --- reacting ---------------------------------------------------------------------------

    def _reset_answers(self) -> None:
        cid = self.patient.value
        for key, dropdown in self.answers.items():
            dropdown.options = [("Choose an answer", UNANSWERED),
                                *answer_options(cid, key, self.edition.value)]
            dropdown.value = UNANSWERED
        for box in self.treatment.values():
            box.value = False
        for s in STEPS:
            self.verdicts[s.key] = None
            self.wrong_tries[s.key] = 0
            self.answer_shown[s.key] = False
            self.feedback[s.key].value = ""
            self.hints[s.key].value = (
                f'<span style="color:{CSS_MUTED};font-size:0.9em">Try it with: '
                f"{html.escape(explorer_hint(cid, s.key))}</span>")
        self.reveal.value = False

    def _keep_answers(self, before: str) -> None:
        """After an edition switch: keep every answer, re-grade the checked ones under the new
        edition, and mark the verdicts that changed."""
        cid, edition = self.patient.value, self.edition.value
        for key, dropdown in self.answers.items():
            value = dropdown.value
            options = [("Choose an answer", UNANSWERED), *answer_options(cid, key, edition)]
            dropdown.options = options
            dropdown.value = value if value in {v for _label, v in options} else UNANSWERED
        for s in STEPS:
            old = self.verdicts[s.key]
            if old is None:
                continue
            new = self.check(s.key, show=False)
            if new is None:
                continue
            changed = (new.correct != old.correct or new.expected != old.expected)
            note = ""
            if changed:
                note = (f'<div class="gepnet-case-changed-{s.key}" style="color:{CSS_TEXT};'
                        f"background:{CSS_MARK_BG};border-left:4px solid {CSS_HIGHLIGHT};"
                        f'padding:2px 8px;margin:2px 0"><b>Changed with the edition.</b> '
                        f"Under {html.escape(_the(before))} this answer was "
                        f"{_RIGHT[old.correct]} (answer: {html.escape(old.expected)}); "
                        f"under {html.escape(_the(edition))} it is "
                        f"{_RIGHT[new.correct]} (answer: "
                        f"{html.escape(new.expected)}).</div>")
            self._show_verdict(s.key, new, note)

    def _update(self) -> None:
        c = case(self.patient.value)
        shown = (c.id, self.edition.value)
        if self._shown is not None and self._shown[0] == c.id and self._shown[1] != shown[1]:
            self._keep_answers(self._shown[1])
        else:
            self._reset_answers()
        self._shown = shown
        self._wall = self.view.scene(c.id, lambda ax: draw_wall(ax, c.site, c.invasion,
                                                                c.size_cm))
        update_wall(self._wall, c.invasion, c.size_cm)
        self.view.refresh(
            f"Diagram of the {_lower_first(site_label(c.site))} in layers, from the inside "
            f"outwards, with this patient's {c.size_cm:.1f} cm tumour drawn to scale: it reaches "
            f"the {_lower_first(layer_name(c.site, c.invasion))}.")
        self.readout.value = self._readout()
        self._show_progress()
        self._show_answer_key()

    def _readout(self) -> str:
        c = case(self.patient.value)
        items = "".join(f"<li>{html.escape(line)}</li>" for line in findings(c.id))
        return (
            f'<div style="color:{CSS_TEXT}"><b class="gepnet-case-title">{html.escape(c.title)}</b>'
            f' <i style="color:{CSS_MUTED}">(fictional patient)</i>'
            f'<blockquote class="gepnet-case-story" style="margin:6px 0;border-left:4px solid '
            f'{CSS_MUTED};padding:2px 8px">{html.escape(c.story)}</blockquote>'
            f'<b>Findings</b><ul class="gepnet-case-findings" style="margin:2px 0 6px">{items}'
            f'</ul><p style="color:{CSS_MUTED};font-size:0.9em;margin:4px 0">'
            f"{html.escape(FICTIONAL_NOTE)}</p>"
            + edition_html(self.prefix, self.edition.value, _edition_comparison(c.id))
            + f"{_cite(case_source_keys(c.id))}</div>"
        )

    def answer_of(self, step: str) -> str | frozenset[str]:
        """The learner's current answer to ``step`` (a set of category keys for treatment)."""
        if step == "treatment":
            return frozenset(k for k, box in self.treatment.items() if box.value)
        return self.answers[step].value

    def check(self, step: str, show: bool = True) -> Feedback | None:
        """Check the answer to ``step`` (what its Check button does); show the feedback
        (unless ``show`` is false: then the caller shows it)."""
        answer = self.answer_of(step)
        if step != "treatment" and answer == UNANSWERED:
            self.verdicts[step] = None
            self.feedback[step].value = (f'<p style="color:{CSS_TEXT};margin:2px 0">Choose an '
                                         "answer first.</p>")
            self._show_progress()
            return None
        try:
            verdict = check_case_answer(self.patient.value, step, answer, self.edition.value)
        except ValueError as err:  # the controls only offer valid answers; a safety net
            self.feedback[step].value = error_html(str(err))
            return None
        if show:
            if not verdict.correct:
                self.wrong_tries[step] += 1
            self._show_verdict(step, verdict)
        return verdict

    def _full(self, step: str, verdict: Feedback) -> bool:
        """Whether the full why (and the answer) is shown for this verdict."""
        return (verdict.correct or not verdict.hint or self.wrong_tries[step] >= 2
                or self.answer_shown[step])

    def _show_verdict(self, step: str, verdict: Feedback, note: str = "") -> None:
        self.verdicts[step] = verdict
        colour = _COLOURS[verdict.correct]
        if not self._full(step, verdict):
            body = (f'<span class="gepnet-case-pointer-{step}">{html.escape(verdict.hint)}</span> '
                    f"{TRY_AGAIN_TEXT}")
        else:
            answer = ("" if verdict.correct else
                      f' <b>The answer:</b> <span class="gepnet-case-answer-is-{step}">'
                      f"{html.escape(verdict.expected)}</span>.")
            body = f"{html.escape(verdict.text)}{answer} {_cite(verdict.sources)}"
        self.feedback[step].value = note + (
            f'<div style="color:{CSS_TEXT};border-left:4px solid {colour};padding:2px 8px;'
            f'margin:2px 0"><b class="gepnet-case-verdict-{step}">'
            f"{_VERDICT[verdict.correct]}.</b> {body}</div>")
        self._show_progress()

    def show_answer(self, step: str) -> None:
        """Show the answer to ``step`` and why (what its "Show the answer" button does)."""
        self.answer_shown[step] = True
        verdict = self.verdicts[step]
        if verdict is not None:
            self._show_verdict(step, verdict)
            return
        cid, edition = self.patient.value, self.edition.value
        expected = expected_answer(cid, step, edition)
        why = check_case_answer(cid, step, expected, edition)
        self.feedback[step].value = (
            f'<div style="color:{CSS_TEXT};border-left:4px solid {CSS_MUTED};padding:2px 8px;'
            f'margin:2px 0"><b>The answer:</b> <span class="gepnet-case-answer-is-{step}">'
            f"{html.escape(why.expected)}</span>. {html.escape(why.text)} "
            f"{_cite(why.sources)}</div>")

    def _show_progress(self) -> None:
        right = sum(1 for v in self.verdicts.values() if v is not None and v.correct)
        self.progress.value = (f'<p style="color:{CSS_TEXT};margin:4px 0">Steps answered correctly '
                               f'for this patient: <b class="gepnet-case-score">{right} of '
                               f"{len(STEPS)}</b></p>")

    def static_view(self) -> StaticView:
        """The patient (picture, story, findings) and the eight steps as a worksheet.

        Shown where no kernel runs (handouts, ``make site`` pages): the steps are listed with a
        blank for the answer and the explorer to try; no answer is shown.
        """
        view = super().static_view()
        cid = self.patient.value
        items = "".join(
            f"<li style='margin:0 0 6px'><b>{html.escape(s.label)}</b>: "
            "______________________<br>"
            f"<span style='color:{CSS_MUTED};font-size:0.9em'>Try it with: "
            f"{html.escape(explorer_hint(cid, s.key))}</span></li>" for s in STEPS)
        steps = (f'<div class="{STATIC_CLASS} {STATIC_CLASS}-case-steps" style="color:{CSS_TEXT}">'
                 f"<p style='margin:6px 0'><b>Your answers</b> (checked in the running "
                 f"notebook)</p><ol>{items}</ol></div>")
        text = "\n".join([view.text, "Your answers:",
                           *(f"{i}. {s.label}: ____" for i, s in enumerate(STEPS, start=1))])
        return StaticView(view.html + steps, text, view.png, view.width_px)

    def _on_reveal(self, _change: dict) -> None:
        self._show_answer_key()

    def _show_answer_key(self) -> None:
        if not self.reveal.value:
            self.answer_key.value = ""
            return
        cid, ed = self.patient.value, self.edition.value
        rows = "".join(
            f'<tr><td style="padding:2px 8px 2px 0">{html.escape(s.label)}</td>'
            f'<td style="padding:2px 0" class="gepnet-case-expected-{s.key}">'
            f"{html.escape(answer_label(cid, s.key, expected_answer(cid, s.key, ed), ed))}"
            "</td></tr>"
            for s in STEPS)
        self.answer_key.value = (
            f'<table style="color:{CSS_TEXT};border-collapse:collapse"><caption style="text-align:'
            f'left;color:{CSS_MUTED}">Answers computed by the course\'s rules for this patient'
            f"</caption>{rows}</table>")
