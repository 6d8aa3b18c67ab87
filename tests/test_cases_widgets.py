"""The case-study widget (layer 3), without a browser, and the "try it with" explorers.

Every patient and every answer of every step is driven through the widget; the verdicts shown
must be the checker's, the readout must tell the story, and the figure must change with the
patient. Then each patient's findings are set in the lessons' own explorers (as the hints say):
they must show the same T, N, M, stage, grade and treatment categories as the checker.
"""

from __future__ import annotations

import re

import pytest

from gepnet_widgets import cases as cs
from gepnet_widgets.widgets.cases import UNANSWERED, CaseStudy
from gepnet_widgets.widgets.grading import GradeExplorer
from gepnet_widgets.widgets.tnm import NMExplorer, StageExplorer, TExplorer
from gepnet_widgets.widgets.treatment import DiscussionExplorer

CASE_IDS = tuple(cs.CASES)


def _tagged(html: str, css: str) -> str:
    found = re.findall(rf'class="{css}">([^<]*)<', html)
    assert len(found) == 1, (css, html[:300])
    return found[0].replace("&amp;", "&").replace("&#x27;", "'")


@pytest.fixture(scope="module")
def study() -> CaseStudy:
    return CaseStudy()


def test_default_state(study: CaseStudy) -> None:
    first = next(iter(cs.CASES.values()))
    assert study.patient.value == first.id
    assert _tagged(study.readout.value, "gepnet-case-title") == first.title
    assert "fictional" in study.readout.value
    assert _tagged(study.progress.value, "gepnet-case-score") == f"0 of {len(cs.STEPS)}"
    assert "gepnet-error" not in study.readout.value
    assert len(study.view.alt) > 40 and study.view.png


def test_controls_answers_and_buttons_are_labelled_and_hooked(study: CaseStudy) -> None:
    assert set(study.controls) == {"patient", "edition"}
    widgets = {"patient": study.patient, **{f"answer-{k}": d for k, d in study.answers.items()},
               **{f"treatment-{k}": b for k, b in study.treatment.items()}}
    for name, control in widgets.items():
        assert control.description.strip(), name
        assert f"gepnet-case-{name}" in control._dom_classes
        assert control.style.description_width == "initial"
    for step, button in study.buttons.items():
        assert button.description.startswith("Check") and f"gepnet-case-check-{step}" in \
            button._dom_classes
        assert f"gepnet-case-feedback-{step}" in study.feedback[step]._dom_classes
    assert set(study.answers) | {"treatment"} == set(cs.STEP_KEYS)
    assert "gepnet-case-readout" in study.readout._dom_classes
    assert "gepnet-case-figure" in study.view.widget._dom_classes


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_every_answer_of_every_step(case_id: str) -> None:
    study = CaseStudy(case_id)
    assert _tagged(study.readout.value, "gepnet-case-title") == cs.case(case_id).title
    for line in cs.findings(case_id):
        assert line.split(":")[0] in study.readout.value
    for step, dropdown in study.answers.items():
        assert dropdown.value == UNANSWERED
        assert study.check(step) is None and "Choose an answer" in study.feedback[step].value
        for _label, value in dropdown.options[1:]:
            dropdown.value = value
            verdict = study.check(step)
            expected = cs.check_case_answer(case_id, step, value)
            assert verdict == expected
            shown = _tagged(study.feedback[step].value, f"gepnet-case-verdict-{step}")
            assert shown == ("Correct." if expected.correct else "Not quite.")
            assert "gepnet-error" not in study.feedback[step].value
        assert "Try it with" in study.hints[step].value


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_treatment_ticks_and_score(case_id: str) -> None:
    study = CaseStudy(case_id)
    expected = cs.expected_answer(case_id, "treatment")
    study.check("treatment")  # nothing ticked: a verdict, never an error
    assert _tagged(study.feedback["treatment"].value, "gepnet-case-verdict-treatment") == \
        "Not quite."
    for key, box in study.treatment.items():
        box.value = key in expected
    assert study.check("treatment").correct
    for step, dropdown in study.answers.items():
        dropdown.value = cs.expected_answer(case_id, step)
        assert study.check(step).correct
    assert _tagged(study.progress.value, "gepnet-case-score") == \
        f"{len(cs.STEPS)} of {len(cs.STEPS)}"


def test_switching_patient_resets_answers_and_changes_the_figure() -> None:
    study = CaseStudy("rectal")
    png, alt = study.view.png, study.view.alt
    study.answers["t"].value = "T1a"
    study.check("t")
    study.treatment["surgery"].value = True
    study.patient.value = "ileal"
    assert study.answers["t"].value == UNANSWERED and not study.treatment["surgery"].value
    assert study.feedback["t"].value == ""
    assert study.view.png != png and study.view.alt != alt
    assert "2.2 cm" in study.view.alt and "subserosa" in study.view.alt
    assert [v for _l, v in study.answers["t"].options[1:]] == \
        [v for _l, v in cs.answer_options("ileal", "t")]
    study.patient.value = "rectal"
    assert study.view.png == png  # the cached scene comes back unchanged


def test_reveal_lists_the_computed_answers() -> None:
    study = CaseStudy("insulinoma")
    assert study.answer_key.value == ""
    study.reveal.value = True
    for step in cs.STEP_KEYS:
        label = cs.answer_label("insulinoma", step, cs.expected_answer("insulinoma", step))
        assert _tagged(study.answer_key.value, f"gepnet-case-expected-{step}") == label
    study.patient.value = "appendix"
    assert not study.reveal.value and study.answer_key.value == ""


# --- the explorers the hints name give the same answers ------------------------------------------


@pytest.mark.parametrize("case_id", [c for c in CASE_IDS if cs.staging_result(c) is not None])
def test_tnm_explorers_reproduce_the_case(case_id: str) -> None:
    c = cs.case(case_id)
    expected = {s: cs.expected_answer(case_id, s) for s in ("t", "n", "m", "stage")}
    t = TExplorer(site=c.site, size_cm=c.size_cm, invasion=c.invasion)
    t.count.value = c.tumor_count
    assert t.result.t == expected["t"]
    assert t.title in cs.explorer_hint(case_id, "t")

    nm = NMExplorer(site=c.site)
    with nm.quietly():
        nm.node_controls.assessed.value = bool(c.nodes_examined)
        nm.node_controls.nodes.value = c.nodes_positive
        nm.node_controls.mass.value = c.mass_gt_2cm
        nm.metastasis.value = c.metastasis
    nm.refresh()
    assert (nm.result.n, nm.result.m) == (expected["n"], expected["m"])

    stage = StageExplorer(site=c.site)
    with stage.quietly():
        stage.size.value = c.size_cm
        stage.invasion.value = c.invasion
        stage.count.value = c.tumor_count
        stage.node_controls.assessed.value = bool(c.nodes_examined)
        stage.node_controls.nodes.value = c.nodes_positive
        stage.node_controls.mass.value = c.mass_gt_2cm
        stage.metastasis.value = c.metastasis
    stage.refresh()
    assert (stage.result.stage or cs.NO_STAGE) == expected["stage"]


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_grade_and_discussion_explorers_reproduce_the_case(case_id: str) -> None:
    c = cs.case(case_id)
    mitoses_in_10mm2 = round(c.mitoses_per_2mm2 * 5)
    assert f"{mitoses_in_10mm2} mitoses in 10 mm²" in cs.explorer_hint(case_id, "grade")
    grade = GradeExplorer(ki67=c.ki67_percent, mitoses=mitoses_in_10mm2,
                          differentiation=c.differentiation)
    assert grade.result.category == cs.expected_answer(case_id, "grade")

    features = cs.treatment_features(case_id)
    discuss = DiscussionExplorer(**features)
    assert set(discuss.result.category_keys) == cs.expected_answer(case_id, "treatment")
    hint = cs.explorer_hint(case_id, "treatment")
    for key in ("extent", "receptors", "site"):  # findings; grade and hormone are answers
        labels = {v: lbl for lbl, v in discuss.features[key].options}
        assert labels[features[key]] in hint
    for key in ("grade", "function"):
        labels = {v: lbl for lbl, v in discuss.features[key].options}
        assert labels[features[key]] not in hint, "the hint must not give an answer away"


def test_static_view_is_a_worksheet_without_answers() -> None:
    from gepnet_widgets.widgets.static import STATIC_CLASS

    study = CaseStudy("ileal")
    view = study.static_view()
    assert STATIC_CLASS in view.html and view.png
    assert cs.case("ileal").title in view.html and "Your answers" in view.html
    for step in cs.STEPS:
        assert html_escape(step.label) in view.html
    from gepnet_widgets.widgets.static import html_to_text

    words = html_to_text(view.html)
    assert "gepnet-case-expected" not in view.html
    assert not re.search(r"\b(?:N2|M1a|T3\(m\)|Stage IV|NET G2)\b", words), "an answer leaked"
    assert view.text.count("____") == len(cs.STEPS)
    bundle = study.widget._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert "text/html" in data and "application/vnd.jupyter.widget-view+json" in data


def html_escape(text: str) -> str:
    import html

    return html.escape(text)


def test_edition_switch_changes_the_rectal_answer_and_says_why() -> None:
    """Fact base 1.8: T1 NX M0 (the rectal case) is stage I under AJCC Version 9, no stage group
    under the AJCC 8th edition. The default is Version 9."""
    study = CaseStudy("rectal")
    assert study.edition.value == "ajcc9"
    assert "gepnet-case-edition-diff" in study.readout.value
    assert "Edition in use: <b>AJCC Version 9</b>" in study.readout.value
    study.reveal.value = True
    assert 'gepnet-case-expected-stage">Stage I<' in study.answer_key.value
    study.answers["stage"].value = "I"
    assert study.check("stage").correct
    study.edition.value = "ajcc8"
    study.reveal.value = True
    assert 'gepnet-case-expected-stage">No stage group' in study.answer_key.value
    study.answers["stage"].value = "I"
    verdict = study.check("stage")
    assert not verdict.correct and "AJCC Version 9 the answer would be Stage I" in verdict.text


def test_no_edition_difference_shown_where_editions_agree() -> None:
    study = CaseStudy("ileal")
    assert "gepnet-case-edition-diff" not in study.readout.value
    assert "Edition in use" in study.readout.value


def test_hint_titles_and_labels_are_the_tools_own() -> None:
    """Review finding 8: each hint's tool title and checkbox label is what the tool shows."""
    from gepnet_widgets.widgets.syndromes import MysteryPatient, SyndromeExplorer

    tools = {"t": TExplorer(), "nm": NMExplorer(), "stage": StageExplorer(),
             "grade": GradeExplorer(), "syndrome": SyndromeExplorer(),
             "mystery": MysteryPatient(), "discuss": DiscussionExplorer()}
    for key, (_where, title) in cs.TOOL_PLACES.items():
        assert tools[key].title == title, key
    nodes = tools["nm"].node_controls
    assert nodes.assessed.description == cs.NODES_EXAMINED_LABEL
    assert nodes.mass.description == cs.MASS_LABEL


def test_edition_switch_keeps_answers_and_regrades_them() -> None:
    """Review finding 9: switching the edition keeps every answer, re-grades the checked ones
    under the new edition, marks what changed, and keeps the answer key shown."""
    study = CaseStudy("rectal")
    for step, value in (("t", "T1a"), ("n", "NX"), ("stage", "I"), ("grade", "NET G1")):
        study.answers[step].value = value
        assert study.check(step).correct
    study.reveal.value = True
    study.edition.value = "ajcc8"
    assert {s: study.answers[s].value for s in ("t", "n", "stage", "grade")} == {
        "t": "T1a", "n": "NX", "stage": "I", "grade": "NET G1"}
    assert study.reveal.value is True
    assert 'gepnet-case-expected-stage">No stage group' in study.answer_key.value
    assert study.verdicts["stage"] is not None and not study.verdicts["stage"].correct
    assert "gepnet-case-changed-stage" in study.feedback["stage"].value
    assert "Under AJCC Version 9 this answer was right" in study.feedback["stage"].value
    assert study.verdicts["t"].correct and "gepnet-case-changed" not in study.feedback["t"].value
    assert _tagged(study.progress.value, "gepnet-case-score") == f"3 of {len(cs.STEPS)}"
    study.edition.value = "ajcc9"
    assert study.verdicts["stage"].correct
    assert "Under the AJCC 8th edition this answer was not right" in study.feedback["stage"].value
    # a new patient still starts afresh
    study.patient.value = "ileal"
    assert all(v is None for v in study.verdicts.values())
    assert study.answers["t"].value == UNANSWERED

