"""What the browser tests do with each lesson: one ``LessonSpec`` row per interactive explorer.

To cover a new lesson, add a row to ``LESSONS``: the notebook, the CSS hooks its widgets carry
(``widget.add_class(...)``), the text shown before any interaction, and keyboard steps with the
text expected after each step. The same row runs in JupyterLab (after Run All) and in Voila.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class KeyStep:
    """Focus ``target``, press ``keys`` in order, then expect the ``expect`` texts.

    ``expect`` maps a CSS selector to the exact (whitespace-trimmed) text it must show.
    For a ``<select>`` target, if ``keys`` did not change the selection, ``alt_keys`` (another
    keyboard route) are tried, and only then ``select_option(label=select_fallback)``; the test
    prints which route worked (and warns when it had to leave the keyboard).
    ``figure_changes``: the figure's ``<img src>`` must change after the step.
    """

    name: str
    target: str
    keys: tuple[str, ...]
    expect: dict[str, str]
    alt_keys: tuple[str, ...] = ()
    select_fallback: str | None = None
    figure_changes: bool = True


@dataclass(frozen=True)
class LessonSpec:
    id: str
    notebook: str  # path relative to the server's root dir (a temporary copy of notebooks/)
    ready: str  # selector that is visible once the explorer has rendered
    figure_img: str  # the figure's <img> (must carry alt text)
    explorer_parts: tuple[str, ...]  # the explorer is the smallest element holding all of these
    initial: dict[str, str]
    steps: tuple[KeyStep, ...]
    text_checks: tuple[str, ...] = field(default=())  # selectors checked for float noise
    harness_fixture: bool = False  # notebook comes from tests/browser/fixtures/, not notebooks/
    # Screen-reader checks (slider names, aria-valuetext float noise, img alt): True = fail the
    # test (the package's page script, gepnet_widgets/widgets/a11y.py, fixes ipywidgets 8
    # sliders for every lesson); False = warn only (the harness fixture, which does not use it).
    a11y_strict: bool = True


# The T explorer of the TNM lesson (contract in the lesson; hooks added with add_class).
# Stomach: T1 <= 1 cm, T2 > 1 cm (mucosa/submucosa). Appendix: T1 <= 2 cm. So ArrowRight once
# (1.0 -> 1.1 cm) at the stomach gives T2, and moving the site four options down (stomach,
# duodenum, ampulla, jejunum_ileum, appendix) at 1.1 cm gives T1 again.
T_EXPLORER_STEPS = (
    KeyStep(
        name="size-1.1cm",
        target=".gepnet-t-size .noUi-handle",
        keys=("ArrowRight",),
        expect={
            ".gepnet-t-category": "T2",
            ".gepnet-t-size .widget-readout": "1.1",
            ".gepnet-t-site select option:checked": "Stomach",
        },
    ),
    KeyStep(
        name="site-appendix",
        target=".gepnet-t-site select",
        keys=("ArrowDown",) * 4,
        # JupyterLab's command-mode shortcuts take plain ArrowUp/ArrowDown away from a focused,
        # closed <select> (jupyter-widgets/ipywidgets#3912); opening the list with Alt+ArrowDown
        # is the keyboard route that works there.
        alt_keys=("Alt+ArrowDown", *("ArrowDown",) * 4, "Enter"),
        select_fallback="Appendix",
        expect={
            ".gepnet-t-category": "T1",
            ".gepnet-t-size .widget-readout": "1.1",
            ".gepnet-t-site select option:checked": "Appendix",
        },
    ),
)
T_EXPLORER_INITIAL = {
    ".gepnet-t-category": "T1",
    ".gepnet-t-size .widget-readout": "1.0",
    ".gepnet-t-site select option:checked": "Stomach",
}
T_EXPLORER_PARTS = (
    ".gepnet-t-site",
    ".gepnet-t-size",
    ".gepnet-t-invasion",
    ".gepnet-t-count",
    ".gepnet-t-readout",
    ".gepnet-t-figure",
)
T_EXPLORER_TEXT = (".gepnet-t-readout", ".gepnet-t-size .widget-readout", ".gepnet-t-figure")


LESSONS = (
    LessonSpec(
        id="harness-fake-t-explorer",
        notebook="_browser_fixtures/fake_t_explorer.ipynb",
        ready=".gepnet-t-readout .gepnet-t-category",
        figure_img=".gepnet-t-figure img",
        explorer_parts=T_EXPLORER_PARTS,
        initial=T_EXPLORER_INITIAL,
        steps=T_EXPLORER_STEPS,
        text_checks=T_EXPLORER_TEXT,
        harness_fixture=True,
        a11y_strict=False,
    ),
    LessonSpec(
        id="03-tnm-t-explorer",
        notebook="03_tnm_staging.ipynb",
        ready=".gepnet-t-readout .gepnet-t-category",
        figure_img=".gepnet-t-figure img",
        explorer_parts=T_EXPLORER_PARTS,
        initial=T_EXPLORER_INITIAL,
        steps=T_EXPLORER_STEPS,
        text_checks=T_EXPLORER_TEXT,
    ),
)

# Lesson 4, grade explorer: Ki-67 18.0% (G2) with mitoses 4 per 2 mm2 (G2) is NET G2; 21 presses
# of ArrowRight (step 0.1) give 20.1%, above the WHO 2019 cut-off: NET G3 (20.0% is still G2).
GRADE_PARTS = (
    ".gepnet-grade-ki67",
    ".gepnet-grade-mitoses",
    ".gepnet-grade-differentiation",
    ".gepnet-grade-readout",
    ".gepnet-grade-figure",
)
LESSONS = (
    *LESSONS,
    LessonSpec(
        id="04-grade-explorer",
        notebook="04_grade_and_differentiation.ipynb",
        ready=".gepnet-grade-readout .gepnet-grade-category",
        figure_img=".gepnet-grade-figure img",
        explorer_parts=GRADE_PARTS,
        initial={
            ".gepnet-grade-category": "NET G2",
            ".gepnet-grade-ki67 .widget-readout": "18.0",
        },
        steps=(
            KeyStep(
                name="ki67-20.1",
                target=".gepnet-grade-ki67 .noUi-handle",
                keys=("ArrowRight",) * 21,
                expect={
                    ".gepnet-grade-category": "NET G3",
                    ".gepnet-grade-ki67 .widget-readout": "20.1",
                },
            ),
        ),
        text_checks=(".gepnet-grade-readout", ".gepnet-grade-ki67 .widget-readout"),
    ),
)

# Lesson 6, evidence explorer: PROMID (HR 0.34) -> next trial CLARINET (HR 0.47, median not
# reached on lanreotide), as in the fact base section 5.2.
LESSONS = (
    *LESSONS,
    LessonSpec(
        id="06-treatment-evidence",
        notebook="06_treatment_categories.ipynb",
        ready=".gepnet-evidence-readout .gepnet-evidence-name",
        figure_img=".gepnet-evidence-figure img",
        explorer_parts=(
            ".gepnet-evidence-trial",
            ".gepnet-evidence-readout",
            ".gepnet-evidence-figure",
        ),
        initial={
            ".gepnet-evidence-name": "PROMID",
            ".gepnet-evidence-hr": "0.34",
            ".gepnet-evidence-trial select option:checked": "PROMID (2009)",
        },
        steps=(
            KeyStep(
                name="trial-clarinet",
                target=".gepnet-evidence-trial select",
                keys=("ArrowDown",),
                alt_keys=("Alt+ArrowDown", "ArrowDown", "Enter"),
                select_fallback="CLARINET (2014)",
                expect={
                    ".gepnet-evidence-name": "CLARINET",
                    ".gepnet-evidence-hr": "0.47",
                    ".gepnet-evidence-median-tested": "not reached",
                },
            ),
        ),
        text_checks=(".gepnet-evidence-readout",),
    ),
)


def _checkbox_step(name: str, target: str, expect: dict[str, str]) -> KeyStep:
    """Focus a checkbox and press Space (the keyboard way to tick it)."""
    return KeyStep(name=name, target=target, keys=("Space",), expect=expect)


# Lessons 1, 2 and 5 (issue 4): one keyboard interaction each.
LESSONS = (
    *LESSONS,
    LessonSpec(
        id="01-cell-explorer",
        notebook="01_what_are_gepnets.ipynb",
        ready=".gepnet-cell-readout .gepnet-cell-current",
        figure_img=".gepnet-cell-figure img",
        explorer_parts=(".gepnet-cell-step", ".gepnet-cell-readout", ".gepnet-cell-figure"),
        initial={".gepnet-cell-current": "1 of 4", ".gepnet-cell-title": "A signal arrives"},
        steps=(
            KeyStep(
                name="step-2",
                target=".gepnet-cell-step .noUi-handle",
                keys=("ArrowRight",),
                expect={
                    ".gepnet-cell-current": "2 of 4",
                    ".gepnet-cell-title": "The granules release hormone",
                },
            ),
        ),
        text_checks=(".gepnet-cell-readout",),
    ),
    LessonSpec(
        id="02-workup-planner",
        notebook="02_diagnosis.ipynb",
        ready=".gepnet-plan-readout .gepnet-plan-score",
        figure_img=".gepnet-plan-figure img",
        explorer_parts=(".gepnet-plan-scenario", ".gepnet-plan-readout", ".gepnet-plan-figure"),
        initial={".gepnet-plan-score": "0 of 3 best tests picked"},
        steps=(
            _checkbox_step(
                "pick-sstr-pet",
                ".gepnet-plan-sstr_pet input",
                {".gepnet-plan-score": "1 of 3 best tests picked"},
            ),
        ),
        text_checks=(".gepnet-plan-readout",),
    ),
    LessonSpec(
        id="05-carcinoid-flow",
        notebook="05_functional_vs_nonfunctional.ipynb",
        ready=".gepnet-flow-readout .gepnet-flow-reaches",
        figure_img=".gepnet-flow-figure img",
        explorer_parts=(".gepnet-flow-liver", ".gepnet-flow-readout", ".gepnet-flow-figure"),
        initial={".gepnet-flow-reaches": "mostly not", ".gepnet-flow-syndrome": "unusual"},
        steps=(
            _checkbox_step(
                "liver-metastases",
                ".gepnet-flow-liver input",
                {".gepnet-flow-reaches": "yes", ".gepnet-flow-syndrome": "can occur"},
            ),
        ),
        text_checks=(".gepnet-flow-readout",),
    ),
)

# Lesson 7, case studies: the patient dropdown moves from patient 1 to patient 2.
PATIENT_2 = "Mrs Okafor, 64"
LESSONS = (
    *LESSONS,
    LessonSpec(
        id="07-case-study",
        notebook="07_case_studies.ipynb",
        ready=".gepnet-case-readout .gepnet-case-title",
        figure_img=".gepnet-case-figure img",
        explorer_parts=(".gepnet-case-patient", ".gepnet-case-readout", ".gepnet-case-figure"),
        initial={".gepnet-case-title": "Mr Aydin, 58"},
        steps=(
            KeyStep(
                name="patient-2",
                target=".gepnet-case-patient select",
                keys=("ArrowDown",),
                alt_keys=("Alt+ArrowDown", "ArrowDown", "Enter"),
                select_fallback=f"Patient 2: {PATIENT_2}",
                expect={".gepnet-case-title": PATIENT_2},
            ),
        ),
        text_checks=(".gepnet-case-readout",),
    ),
)

# Lesson 9, review: "Your progress" switches from per lesson to per learning objective.
LESSONS = (
    *LESSONS,
    LessonSpec(
        id="09-progress-view",
        notebook="09_review.ipynb",
        ready=".gepnet-progress-readout .gepnet-progress-grouping",
        figure_img=".gepnet-progress-figure img",
        explorer_parts=(".gepnet-progress-group", ".gepnet-progress-readout",
                        ".gepnet-progress-figure"),
        initial={".gepnet-progress-grouping": "by lesson"},
        steps=(
            KeyStep(
                name="by-objective",
                target=".gepnet-progress-group select",
                keys=("ArrowDown",),
                alt_keys=("Alt+ArrowDown", "ArrowDown", "Enter"),
                select_fallback="By learning objective",
                expect={".gepnet-progress-grouping": "by learning objective"},
            ),
        ),
        text_checks=(".gepnet-progress-readout",),
    ),
)

# Lesson 8, the report reader: the report dropdown moves from example 1 (small bowel, G2 as
# stated) to example 2 (pancreas biopsy; the report says grade 1, T2 from the scan).
LESSONS = (
    *LESSONS,
    LessonSpec(
        id="08-report-reader",
        notebook="08_reading_a_report.ipynb",
        ready=".gepnet-report-readout .gepnet-report-stage",
        figure_img=".gepnet-report-figure img",
        explorer_parts=(".gepnet-report-source", ".gepnet-report-readout",
                        ".gepnet-report-figure"),
        initial={".gepnet-report-grade": "G2", ".gepnet-report-tnm": "pT3 N1 M?",
                 ".gepnet-report-stage": "not given"},
        steps=(
            KeyStep(
                name="example-2",
                target=".gepnet-report-source select",
                keys=("ArrowDown",),
                alt_keys=("Alt+ArrowDown", "ArrowDown", "Enter"),
                select_fallback="Example 2: pancreas biopsy and scan (fictional)",
                expect={".gepnet-report-grade": "G1", ".gepnet-report-tnm": "T2 N? M?"},
            ),
        ),
        text_checks=(".gepnet-report-readout",),
    ),
)
