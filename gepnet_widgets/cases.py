"""Case studies: fictional patients whose findings exercise the whole course, and their checker.

Each :class:`Case` holds the *findings* of one fictional patient (where the tumour is, its size
and depth, the lymph nodes, distant spread, the Ki-67 index and mitotic count, the
differentiation, the symptoms, which hormone tests came back positive (raised), and the
somatostatin-receptor imaging). It holds **no answers**. Every expected answer is computed by the
package's own logic, so the answer key is never typed twice:

* T, N, M and the stage group: :func:`gepnet_widgets.staging.stage_tumor` under the edition
  asked for (AJCC Version 9 by default, or the AJCC 8th edition; the answers differ where the
  editions do, e.g. T1 NX M0);
  for a poorly differentiated carcinoma (NEC) the NET chapters do not apply
  (:data:`gepnet_widgets.staging.SCOPE_NOTE`), and the expected answer is :data:`NOT_NET`;
* the grade: :func:`gepnet_widgets.grading.who_grade` (WHO 2019);
* functioning or not, and which hormone: the syndromes of :mod:`gepnet_widgets.syndromes` whose
  features explain every symptom and whose confirming test came back positive (a functioning NET
  needs both, :data:`gepnet_widgets.syndromes.FUNCTIONAL_DEFINITION`);
* the treatment categories guidelines discuss: :func:`gepnet_widgets.treatment.discussed_for`
  with the features read from the findings by :func:`treatment_features`.

:func:`check_case_answer` compares a learner's answer with the computed one and returns
:class:`Feedback` whose text is built from the rules that fired.

Readings used (the course's, stated so a reviewer can disagree):

* **How far it has spread** (the ``extent`` of :func:`gepnet_widgets.treatment.discussed_for`)
  is read from the findings, not from a stage group, so that it also works for a NEC:
  metastases in the liver only -> ``liver_only``; anywhere outside the liver -> ``widespread``;
  otherwise positive regional nodes, a mesenteric mass, or growth into neighbouring organs or
  the wall of large vessels -> ``regional``; otherwise ``localised`` (nodes not examined count
  as "no spread found").
* **Site group**: the pancreas is ``pancreas``; the six other sites are the ``gut``.

All patients are fictional: any likeness to a real person is chance.

Pure layer-1 module: no plotting, widget or IPython import.

Examples
--------
>>> expected_answer("rectal", "t")
'T1a'
>>> expected_answer("rectal", "stage", edition="ajcc8")
'none'
>>> expected_answer("rectal", "stage", edition="ajcc9")
'I'
>>> check_case_answer("ileal", "n", "N2").correct
True
>>> expected_answer("pancreatic-nec", "t") == NOT_NET
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .grading import DIFFERENTIATIONS, WHO_2019_TABLE, GradeResult, who_grade
from .staging import (
    DEFAULT_EDITION,
    EDITIONS,
    METASTASIS_WORDS,
    SCOPE_NOTE,
    SITES,
    StagingResult,
    check_edition,
    edition_short,
    invasion_options,
    m_definitions,
    metastasis_options,
    n_definitions,
    scope_note,
    site_label,
    site_tnm,
    stage_table,
    stage_tumor,
    t_definitions,
)
from .syndromes import (
    CONFIRM_TESTS,
    FUNCTIONAL_DEFINITION,
    HORMONES,
    NO_HORMONE,
    NONFUNCTIONING_DEFINITION,
    SYMPTOMS,
    SYNDROMES,
    hormone_choices,
)
from .treatment import (
    CATEGORIES,
    DISCUSSION_RULES,
    FEATURES,
    KI67_RANGES,
    NO_BEST_TREATMENT,
    Discussion,
    category,
    discussed_for,
)

__all__ = [
    "Case",
    "Feedback",
    "Step",
    "CASES",
    "STEPS",
    "STEP_KEYS",
    "NOT_NET",
    "NO_STAGE",
    "FUNCTIONING",
    "NON_FUNCTIONING",
    "FICTIONAL_NOTE",
    "PNET_G3_NOTE",
    "SCOPE_TEXT",
    "case",
    "staging_result",
    "grade_result",
    "case_syndrome",
    "spread_extent",
    "site_group",
    "treatment_features",
    "case_ki67",
    "discussion",
    "expected_answer",
    "answer_options",
    "answer_label",
    "check_case_answer",
    "explorer_hint",
    "TOOL_PLACES",
    "NODES_EXAMINED_LABEL",
    "MASS_LABEL",
    "findings",
    "case_source_keys",
]

#: Sources of each edition's scope statement (what its NET chapters stage), plus WHO grading.
_NEC_SCOPE_SOURCES: dict[str, tuple[str, ...]] = {"ajcc9": ("S5", "S6", "S9"),
                                                   "ajcc8": ("S3", "S9")}

#: Answer for T, N, M and stage when the AJCC NET chapters do not apply (a NEC).
NOT_NET = "not_net"
#: Answer for the stage when AJCC 8th defines no stage group (e.g. T1 NX M0).
NO_STAGE = "none"
#: Answers for "functioning or not?".
FUNCTIONING = "functioning"
NON_FUNCTIONING = "non_functioning"

#: Shown with every case (notebook and widget).
FICTIONAL_NOTE = (
    "These patients are fictional: their stories and findings were made up for teaching, and "
    "any likeness to a real person is chance."
)

#: The scope of the AJCC NET chapters, without the inline source tags (sources are shown apart).
SCOPE_TEXT: str = re.sub(r" \[S\d+(?:, S\d+)*\]", "", SCOPE_NOTE)

#: Fact base ambiguity 8.7, as the pancreas data word it (reused, never retyped).
PNET_G3_NOTE: str = re.sub(r" \(fact base [^)]*\)", "",
                           next(note for note in site_tnm("pancreas", "ajcc8").notes
                                if "G3" in note))
_PNET_G3_SOURCES = ("S3", "S5")


# --- the data -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """The findings of one fictional patient (no answers: those are computed).

    Attributes
    ----------
    id, title : str
        Stable id (used in CSS hooks) and a neutral title: the patient's name and age, so the
        title gives no diagnosis, stage or grade away.
    story : str
        The story in plain words. It carries no number other than the age: every measured value
        is a finding below, shown by :func:`findings`.
    site : str
        One of :data:`gepnet_widgets.staging.SITES`.
    size_cm : float
        Greatest dimension of the primary tumour (of the one with the highest T).
    invasion : str
        Deepest extent, one of the site's :func:`gepnet_widgets.staging.invasion_options`.
    nodes_examined : int or None
        Regional lymph nodes examined; ``None`` or ``0`` means not examined (NX).
    nodes_positive : int
        How many of them contain tumour (0 when none were examined).
    metastasis : str
        ``"none"``, ``"hepatic"``, ``"extrahepatic"`` or ``"both"``.
    ki67_percent, mitoses_per_2mm2 : float
        The two proliferation indices.
    differentiation : str
        ``"well"`` or ``"poor"``.
    symptoms : tuple of str
        Hormone-related symptoms, ids of :data:`gepnet_widgets.syndromes.SYMPTOMS`.
    tests_raised : tuple of str
        Confirming tests that came back positive (a raised level, a positive fast), ids of
        :data:`gepnet_widgets.syndromes.CONFIRM_TESTS`.
    receptors : str
        Somatostatin-receptor imaging: ``"positive"``, ``"negative"`` or ``"not_imaged"``.
    tumor_count : int
        Number of primary tumours.
    mesenteric_mass_cm : float or None
        Size of a mesenteric mass (jejunum and ileum), if any.
    other_results : tuple of str
        Further fictional results shown with the findings (e.g. a raised general marker).
    nodes_note : str
        How the nodes were (or were not) examined, in plain words.
    cell_type : str
        Extra words on the look of the cells (e.g. "small-cell type"); may be empty.
    sources : tuple of str
        Sources of the facts the story relies on (the rules themselves cite their own).
    """

    id: str
    title: str
    story: str
    site: str
    size_cm: float
    invasion: str
    nodes_examined: int | None
    nodes_positive: int
    metastasis: str
    ki67_percent: float
    mitoses_per_2mm2: float
    differentiation: str
    symptoms: tuple[str, ...]
    tests_raised: tuple[str, ...]
    receptors: str
    sources: tuple[str, ...]
    tumor_count: int = 1
    mesenteric_mass_cm: float | None = None
    other_results: tuple[str, ...] = ()
    nodes_note: str = ""
    cell_type: str = ""

    @property
    def nodes_assessed(self) -> int | None:
        """Positive nodes for :func:`stage_tumor`: ``None`` when no node was examined (NX)."""
        return self.nodes_positive if self.nodes_examined else None

    @property
    def mass_gt_2cm(self) -> bool:
        """Whether there is a mesenteric mass larger than 2 cm."""
        return self.mesenteric_mass_cm is not None and self.mesenteric_mass_cm > 2.0


_CASES = (
    Case(
        id="rectal",
        title="Mr Aydin, 58",
        story=(
            "Mr Aydin, 58, had a colonoscopy as part of bowel screening. He had no symptoms. "
            "In the rectum the endoscopist saw a small, smooth, yellowish bump under the "
            "lining and removed it whole through the endoscope. The pathologist reported a "
            "neuroendocrine tumour. A scan afterwards showed no spread."
        ),
        site="colon_rectum",
        size_cm=0.8,
        invasion="submucosa",
        nodes_examined=None,
        nodes_positive=0,
        nodes_note="not examined: the tumour was removed through the endoscope, without nodes",
        metastasis="none",
        ki67_percent=1.0,
        mitoses_per_2mm2=0.4,
        differentiation="well",
        symptoms=(),
        tests_raised=(),
        receptors="not_imaged",
        sources=("S1", "S5"),
    ),
    Case(
        id="ileal",
        title="Mrs Okafor, 64",
        story=(
            "Mrs Okafor, 64, has had spells of flushing (her face and neck turn red) and "
            "diarrhoea for a year, and lately she sometimes wheezes. A CT scan showed a lump "
            "in the mesentery, the fatty fold that carries the bowel's blood vessels, and "
            "several metastases in the liver. A urine test for serotonin's breakdown product "
            "came back raised. She had "
            "an operation to remove the tumour in the ileum with the mesenteric lump and the "
            "lymph nodes around it; the pathologist found two small-bowel tumours."
        ),
        site="jejunum_ileum",
        size_cm=2.2,
        invasion="subserosa",
        tumor_count=2,
        nodes_examined=14,
        nodes_positive=5,
        mesenteric_mass_cm=3.0,
        metastasis="hepatic",
        ki67_percent=4.0,
        mitoses_per_2mm2=1.0,
        differentiation="well",
        symptoms=("flushing", "diarrhoea", "wheezing"),
        tests_raised=("urine_5hiaa",),
        receptors="positive",
        sources=("S1", "S19"),
    ),
    Case(
        id="insulinoma",
        title="Ms Novak, 39",
        story=(
            "Ms Novak, 39, has had spells of sweating, shaking and confusion in the morning "
            "before breakfast and after exercise; eating helps. During one spell her blood "
            "sugar was low. In hospital she had a supervised fast, which confirmed the cause. "
            "An endoscopic ultrasound found a small tumour in the pancreas, which a "
            "somatostatin-receptor PET scan did not show. Surgeons removed it with two nearby "
            "lymph nodes."
        ),
        site="pancreas",
        size_cm=1.4,
        invasion="pancreas",
        nodes_examined=2,
        nodes_positive=0,
        metastasis="none",
        ki67_percent=1.5,
        mitoses_per_2mm2=0.4,
        differentiation="well",
        symptoms=("hypoglycaemia",),
        tests_raised=("supervised_fast",),
        receptors="negative",
        sources=("S17", "S8", "S2", "LUO2016"),
    ),
    Case(
        id="pnet-g3",
        title="Mr Haddad, 61",
        story=(
            "Mr Haddad, 61, had a CT scan for belly discomfort. It showed a tumour in the tail "
            "of the pancreas, limited to the pancreas, and several spots in the liver. He has "
            "no flushing, no diarrhoea, no low blood sugar and no ulcers. A needle biopsy "
            "through an endoscopic ultrasound took a sample of an enlarged lymph node next to "
            "the pancreas, and a liver biopsy was done. Under the microscope the cells look "
            "organised and alike, but many of them are dividing."
        ),
        site="pancreas",
        size_cm=3.5,
        invasion="pancreas",
        nodes_examined=1,
        nodes_positive=1,
        nodes_note="one enlarged node sampled by needle biopsy",
        metastasis="hepatic",
        ki67_percent=35.0,
        mitoses_per_2mm2=12.0,
        differentiation="well",
        symptoms=(),
        tests_raised=(),
        receptors="positive",
        other_results=("Blood chromogranin A: raised",),
        sources=("S8", "S9", "S38", "S3", "S5"),
    ),
    Case(
        id="pancreatic-nec",
        title="Mrs Lindqvist, 66",
        story=(
            "Mrs Lindqvist, 66, went to her doctor with belly pain. A CT scan showed a tumour "
            "in the head of the pancreas, an enlarged lymph node beside it and several spots "
            "in the liver. A liver biopsy showed a neuroendocrine neoplasm, but under the "
            "microscope the cells grow in sheets, with no organised pattern, and many are "
            "dividing. She has no hormone-related symptoms. Her care team did not order a "
            "somatostatin-receptor scan."
        ),
        site="pancreas",
        size_cm=4.5,
        invasion="pancreas",
        nodes_examined=1,
        nodes_positive=1,
        nodes_note="one enlarged node seen on CT, with tumour on biopsy",
        metastasis="hepatic",
        ki67_percent=80.0,
        mitoses_per_2mm2=45.0,
        differentiation="poor",
        cell_type="small-cell type",
        symptoms=(),
        tests_raised=(),
        receptors="not_imaged",
        sources=("S3", "S8", "S9", "S44"),
    ),
    Case(
        id="appendix",
        title="Sam, 19",
        story=(
            "Sam, 19, had an emergency operation to remove the appendix (an appendicectomy) "
            "for sudden belly pain. Under the microscope, the pathologist found a small "
            "neuroendocrine tumour near the tip of the appendix, which had grown into the "
            "muscle layer. The lymph nodes that came out with the appendix were examined. Sam "
            "has no hormone-related symptoms."
        ),
        site="appendix",
        size_cm=1.2,
        invasion="muscularis_propria",
        nodes_examined=2,
        nodes_positive=0,
        metastasis="none",
        ki67_percent=2.0,
        mitoses_per_2mm2=0.6,
        differentiation="well",
        symptoms=(),
        tests_raised=(),
        receptors="not_imaged",
        sources=("S1", "S3"),
    ),
)

#: The fictional patients, by id, in teaching order.
CASES: dict[str, Case] = {c.id: c for c in _CASES}


@dataclass(frozen=True)
class Step:
    """One question asked about every case: ``key``, learner ``label`` and the ``lesson``."""

    key: str
    label: str
    lesson: str


#: The questions, in the order the widget asks them.
STEPS: tuple[Step, ...] = (
    Step("t", "T category", "03_tnm_staging"),
    Step("n", "N category", "03_tnm_staging"),
    Step("m", "M category", "03_tnm_staging"),
    Step("stage", "Stage group", "03_tnm_staging"),
    Step("grade", "Grade", "04_grade_and_differentiation"),
    Step("functional", "Functioning?", "05_functional_vs_nonfunctional"),
    Step("hormone", "Which hormone?", "05_functional_vs_nonfunctional"),
    Step("treatment", "Treatment categories discussed", "06_treatment_categories"),
)
STEP_KEYS: tuple[str, ...] = tuple(s.key for s in STEPS)
_STAGING_STEPS = ("t", "n", "m", "stage")


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer.

    Attributes
    ----------
    correct : bool
        Whether the answer equals the computed one.
    text : str
        Why, in plain words, built from the rules that fired.
    expected : str
        The computed answer as a learner reads it (shown only when asked).
    sources : tuple of str
        Source keys behind the expected answer.
    hint : str
        For a wrong answer: a pointer to the idea (which finding to look at again) that does
        not give the answer away, for the first wrong try; :attr:`text` (the full why) is for a
        second try or when the learner asks. Empty for a right answer.
    """

    correct: bool
    text: str
    expected: str
    sources: tuple[str, ...]
    hint: str = ""


# --- lookups and computed facts ------------------------------------------------------------------


def _lookup(table: dict, key: object, what: str):
    try:
        return table[key]
    except (KeyError, TypeError):
        raise ValueError(f"unknown {what} {key!r}; allowed: {', '.join(table)}") from None


#: A lesson cell names a case by its patient number (``"patient-3"``), so the code a learner
#: sees in JupyterLab does not give the diagnosis away; the case ids stay the data's keys.
PATIENT_PREFIX = "patient-"


def case(case_id: str) -> Case:
    """Return the case ``case_id`` or ``"patient-N"`` (N from 1, in course order).

    ValueError lists the allowed ids and patient numbers.
    """
    if isinstance(case_id, str) and case_id.startswith(PATIENT_PREFIX):
        number = case_id[len(PATIENT_PREFIX):]
        ids = list(CASES)
        if number.isdigit() and 1 <= int(number) <= len(ids):
            return CASES[ids[int(number) - 1]]
        raise ValueError(f"unknown patient {case_id!r}; allowed: {PATIENT_PREFIX}1 to "
                         f"{PATIENT_PREFIX}{len(ids)}, or a case id ({', '.join(ids)})")
    return _lookup(CASES, case_id, "case")


def _step(step: str) -> Step:
    return _lookup({s.key: s for s in STEPS}, step, "step")


def _is_net(c: Case) -> bool:
    return grade_result(c.id).category != "NEC"


def staging_result(case_id: str, edition: str = DEFAULT_EDITION) -> StagingResult | None:
    """The staging of the case under ``edition`` (AJCC Version 9 by default, or ``"ajcc8"``),
    or ``None`` for a NEC (the NET chapters do not apply)."""
    c = case(case_id)
    check_edition(edition)
    if not _is_net(c):
        return None
    return stage_tumor(c.site, c.size_cm, c.invasion, c.nodes_assessed, c.metastasis,
                       mesenteric_mass_gt_2cm=c.mass_gt_2cm, tumor_count=c.tumor_count,
                       edition=edition)


def grade_result(case_id: str) -> GradeResult:
    """The WHO 2019 grade of the case (:func:`gepnet_widgets.grading.who_grade`)."""
    c = case(case_id)
    return who_grade(c.ki67_percent, c.mitoses_per_2mm2, c.differentiation)


def case_syndrome(case_id: str) -> str | None:
    """The syndrome id the findings prove, or ``None`` (non-functioning).

    A syndrome is proven when its features explain every hormone-related symptom of the case
    **and** its confirming test came back positive (both are needed,
    :data:`gepnet_widgets.syndromes.FUNCTIONAL_DEFINITION`). With no hormone-related symptom
    the tumour is non-functioning, whatever a general marker shows.

    Raises
    ------
    ValueError
        If symptoms are present but no syndrome, or more than one, fits them.
    """
    c = case(case_id)
    if not c.symptoms:
        return None
    fits = [s.id for s in SYNDROMES.values()
            if set(c.symptoms) <= set(s.symptoms) and s.test in c.tests_raised]
    if len(fits) != 1:
        raise ValueError(f"case {c.id!r}: symptoms {c.symptoms} with raised tests "
                         f"{c.tests_raised} fit {len(fits)} syndromes ({fits}); exactly one "
                         "must fit")
    return fits[0]


def spread_extent(case_id: str) -> str:
    """How far the tumour has spread, as :func:`discussed_for` takes it (see module notes)."""
    c = case(case_id)
    if c.metastasis == "hepatic":
        return "liver_only"
    if c.metastasis in ("extrahepatic", "both"):
        return "widespread"
    if c.nodes_positive > 0 or c.mass_gt_2cm or c.invasion in ("adjacent_organs", "large_vessels"):
        return "regional"
    return "localised"


#: Staging sites -> the "Where did it start?" values of :func:`discussed_for` (any other
#: staging site is "gut": another gut site).
_SITE_GROUPS: dict[str, str] = {"pancreas": "pancreas", "jejunum_ileum": "small_intestine"}


def site_group(case_id: str) -> str:
    """``"pancreas"``, ``"small_intestine"`` (jejunum or ileum) or ``"gut"`` (another gut
    site), as :func:`discussed_for` takes it."""
    return _SITE_GROUPS.get(case(case_id).site, "gut")


def _function_feature(syndrome_id: str | None) -> str:
    """The treatment module's hormone-symptom value for a syndrome id (or none)."""
    if syndrome_id is None:
        return "non_functioning"
    values = next(f for f in FEATURES if f.key == "function").values
    return syndrome_id if syndrome_id in values else "other_syndrome"


def treatment_features(case_id: str) -> dict[str, str]:
    """The five features :func:`gepnet_widgets.treatment.discussed_for` reads, from the case."""
    c = case(case_id)
    return {
        "extent": spread_extent(c.id),
        "grade": grade_result(c.id).category,
        "receptors": c.receptors,
        "function": _function_feature(case_syndrome(c.id)),
        "site": site_group(c.id),
    }


def case_ki67(case_id: str) -> float | None:
    """The case's Ki-67 as :func:`discussed_for` takes it: ``None`` when it lies outside its
    grade's range (the mitotic count decided a higher grade), so it never raises."""
    c = case(case_id)
    low, high = KI67_RANGES[grade_result(c.id).category]
    return c.ki67_percent if low <= c.ki67_percent <= high else None


def discussion(case_id: str) -> Discussion:
    """What guidelines discuss for the case (:func:`gepnet_widgets.treatment.discussed_for`),
    judged on the case's own Ki-67 (which decides first-line PRRT)."""
    return discussed_for(**treatment_features(case_id), ki67=case_ki67(case_id))


# --- expected answers and answer options -------------------------------------------------------


def expected_answer(case_id: str, step: str,
                    edition: str = DEFAULT_EDITION) -> str | frozenset[str]:
    """The computed answer to ``step`` for the case (staging steps: under ``edition``).

    Returns
    -------
    str or frozenset of str
        ``t``/``n``/``m``: the category (``"T3(m)"``, ``"NX"``, ``"M1a"``) or :data:`NOT_NET`;
        ``stage``: the stage group (``"IV"``), :data:`NO_STAGE` or :data:`NOT_NET`;
        ``grade``: ``"NET G1"`` ... ``"NEC"``; ``functional``: :data:`FUNCTIONING` or
        :data:`NON_FUNCTIONING`; ``hormone``: a hormone id or
        :data:`gepnet_widgets.syndromes.NO_HORMONE`; ``treatment``: the frozenset of category
        keys guidelines discuss.

    Raises
    ------
    ValueError
        For an unknown case or step.
    """
    c, s = case(case_id), _step(step).key
    if s in _STAGING_STEPS:
        result = staging_result(c.id, edition)
        if result is None:
            return NOT_NET
        value = getattr(result, s)
        return NO_STAGE if value is None else value
    if s == "grade":
        return grade_result(c.id).category
    syndrome_id = case_syndrome(c.id)
    if s == "functional":
        return NON_FUNCTIONING if syndrome_id is None else FUNCTIONING
    if s == "hormone":
        return NO_HORMONE if syndrome_id is None else SYNDROMES[syndrome_id].hormone
    return frozenset(discussion(c.id).category_keys)


_NOT_NET_LABEL = "Not staged with the NET chapters (a carcinoma system applies)"
_NO_STAGE_LABEL = "No stage group (the pathological stage is unknown under this edition)"


def _t_options(site: str, edition: str) -> list[tuple[str, str]]:
    out = []
    for t, _text in t_definitions(site, edition):
        out += [(t, t), (f"{t}(m): several tumours", f"{t}(m)")]
    return out


def answer_options(case_id: str, step: str,
                   edition: str = DEFAULT_EDITION) -> tuple[tuple[str, str], ...]:
    """The ``(label, value)`` answers offered for ``step`` (for the treatment step: categories).

    The staging options are the case site's own categories (from the edition's data) plus
    :data:`NOT_NET`, so the options never give the answer away.
    """
    c, s = case(case_id), _step(step).key
    not_net = (_NOT_NET_LABEL, NOT_NET)
    if s == "t":
        return (*_t_options(c.site, edition), not_net)
    if s == "n":
        return (*((n, n) for n, _ in n_definitions(c.site, edition)), not_net)
    if s == "m":
        return (*((m, m) for m, _ in m_definitions()), not_net)
    if s == "stage":
        stages = dict.fromkeys(row.stage for row in stage_table(c.site, edition))
        return (*((f"Stage {g}", g) for g in stages), (_NO_STAGE_LABEL, NO_STAGE), not_net)
    if s == "grade":
        return tuple((row.category, row.category) for row in WHO_2019_TABLE)
    if s == "functional":
        return (("Functioning: a hormone causes a syndrome", FUNCTIONING),
                ("Non-functioning: no hormone-related symptoms", NON_FUNCTIONING))
    if s == "hormone":
        return hormone_choices()
    return tuple((cat.name, cat.key) for cat in CATEGORIES)


def answer_label(case_id: str, step: str, value: str | frozenset[str],
                 edition: str = DEFAULT_EDITION) -> str:
    """How a learner reads ``value`` (an answer or an expected answer) for ``step``."""
    if _step(step).key == "treatment":
        keys = [cat.key for cat in CATEGORIES if cat.key in value]
        return "; ".join(category(k).name for k in keys) or "none"
    labels = {v: label for label, v in answer_options(case_id, step, edition)}
    if value not in labels:
        raise ValueError(f"{value!r} is not an answer to step {step!r} of case {case_id!r}; "
                         f"allowed: {', '.join(labels)}")
    return labels[value]


# --- feedback -----------------------------------------------------------------------------------


def _rule_for(result: StagingResult, step: str):
    if step == "stage":
        return result.rules[-1]
    prefix = {"t": "T", "n": "N", "m": "M"}[step]
    return next(r for r in result.rules if r.category.startswith(prefix))


def _site_sources(c: Case, edition: str = DEFAULT_EDITION) -> tuple[str, ...]:
    return site_tnm(c.site, edition).source_keys


def _edition_note(c: Case, step: str, edition: str) -> str:
    """Where the other edition gives a different answer to this step, say so."""
    other = next(e for e in EDITIONS if e != edition)
    mine, theirs = expected_answer(c.id, step, edition), expected_answer(c.id, step, other)
    if mine == theirs:
        return ""
    return (f" Under the {edition_short(other)} the answer would be "
            f"{answer_label(c.id, step, theirs, other)}: the editions differ here.")


def _staging_feedback(c: Case, step: str, answer: str,
                      edition: str = DEFAULT_EDITION) -> Feedback:
    expected = expected_answer(c.id, step, edition)
    label = answer_label(c.id, step, expected, edition)
    if expected == NOT_NET:
        ok = answer == NOT_NET
        text = ("This tumour is poorly differentiated: a neuroendocrine carcinoma (NEC), not a "
                f"NET. {scope_note(edition)} This course does not teach the carcinoma chapters.")
        return Feedback(ok, text, label, _NEC_SCOPE_SOURCES[edition],
                        "" if ok else _LOOK_AT_CELLS)
    pnet_g3 = c.site == "pancreas" and grade_result(c.id).category == "NET G3"
    if answer == NOT_NET:
        text = ("This tumour is well differentiated: a NET, so the AJCC "
                f"NET chapter for the {site_label(c.site).lower()} applies. Only a "
                "poorly differentiated carcinoma (NEC) is staged another way.")
        if pnet_g3 and edition == "ajcc8":  # fact base 8.7, 1.0: disputed under the 8th
            text = ("This tumour is well differentiated: a NET G3, so the course stages it "
                    "with the pancreatic NET chapter; whether AJCC 8th covers NET G3 is "
                    "disputed (see 'Where sources disagree' at the end of section 5). Under "
                    "Version 9 only a poorly differentiated carcinoma (NEC) is staged another "
                    "way.")
            return Feedback(False, text, label, (*_site_sources(c, edition), *_PNET_G3_SOURCES),
                            _pnet_g3_hint(edition))
        if pnet_g3:  # fact base 8.7: whether the 8th edition covers it is disputed
            return Feedback(False, f"{text} Note: {PNET_G3_NOTE}", label,
                            (*_site_sources(c, edition), *_PNET_G3_SOURCES),
                            _pnet_g3_hint(edition))
        return Feedback(False, text, label, _site_sources(c, edition), _LOOK_AT_CELLS)
    result = staging_result(c.id, edition)
    assert result is not None  # a NET
    rule = _rule_for(result, step)
    note = f" Note: {PNET_G3_NOTE}" if pnet_g3 else ""
    note += _edition_note(c, step, edition)
    if answer == expected:
        return Feedback(True, f"{rule}.{note}", label,
                        (*_site_sources(c, edition), *(_PNET_G3_SOURCES if note else ())))
    return Feedback(False, _wrong_staging_text(c, step, answer, expected, rule, edition) + note,
                    label, _site_sources(c, edition),
                    _staging_hint(c, step, answer, expected, edition))


#: The first-try pointer when the question is whether the NET chapters apply at all.
_LOOK_AT_CELLS = ("Look again at how the cells look under the microscope (in the findings): "
                  "which tumours do the AJCC NET chapters stage (lesson 3)?")


def _pnet_g3_hint(edition: str) -> str:
    """First-try pointer for 'not staged' given for a pancreatic NET G3 (a disputed point)."""
    name = edition_short(edition)
    name = f"the {name}" if name.endswith("edition") else name
    return ("Look again at how the cells look and at the grade (in the findings): which "
            f"tumours do the NET chapters of {name} stage? Sources disagree "
            + ("about this edition" if edition == "ajcc8" else "only about the AJCC 8th edition")
            + ": see 'Where sources disagree' at the end of section 5.")


def _staging_hint(c: Case, step: str, answer: str, expected: str,
                  edition: str = DEFAULT_EDITION) -> str:
    """Which findings to look at again for a wrong T, N, M or stage (no rule, no answer)."""
    if step == "t" and answer.split("(")[0] == expected.split("(")[0]:
        return "Close: look again at how many primary tumours the findings list."
    if step == "t" and expected[:2] == answer and len(expected) > 2 and "(" not in expected:
        return (f"Nearly: at the {site_label(c.site).lower()}, {answer} is split by size. Look "
                "again at the size in the findings.")
    look = {
        "t": ("Look again at the size of the primary tumour and its deepest extent in the "
              "findings: at the appendix, which decides the two lowest T categories, size or "
              "depth?" if c.site == "appendix" else
              "Look again at the size of the primary tumour, its deepest extent and how many "
              "tumours there are in the findings."),
        "n": "Look again at the lymph nodes in the findings: were any examined, and how many "
             "contain tumour?" + (" And the mesenteric mass?" if c.mesenteric_mass_cm is not None
                                  else ""),
        "m": "Look again at the distant spread in the findings: is there any, and where?",
        "stage": "The stage group comes from T, N and M with the site's table: check your T, N "
                 "and M first, and in the findings whether any lymph node was examined"
                 + (", and which staging edition is selected." if _edition_note(c, step, edition)
                    else "."),
    }[step]
    return f"Not '{_short_answer(c, step, answer, edition)}'. {look}"


def _short_answer(c: Case, step: str, answer: str, edition: str) -> str:
    """An answer as quoted in a hint: the bare category ('T1(m)'), 'No stage group'."""
    if step == "t":
        return answer
    if answer == NO_STAGE:
        return _NO_STAGE_LABEL.split(" (")[0]
    return answer_label(c.id, step, answer, edition)


def _wrong_staging_text(c: Case, step: str, answer: str, expected: str, rule,
                        edition: str = DEFAULT_EDITION) -> str:
    if step == "t" and answer.split("(")[0] == expected.split("(")[0]:
        if "(m)" in expected:
            return (f"The category is right, but there are {c.tumor_count} tumours: add (m) "
                    "for multiple tumours. It does not change the stage group.")
        return "The category is right, but there is only one tumour: no (m)."
    if step == "t" and expected[:2] == answer and len(expected) > 2 and "(" not in expected:
        return (f"Nearly: at the {site_label(c.site).lower()}, {answer} is split by size. "
                f"Which part? The deciding rule: {rule.text} ({rule.source}).")
    return (f"Not {answer_label(c.id, step, answer, edition)}. Look again at the findings; the "
            f"rule that decides here is: {rule.text} ({rule.source}).")


def _grade_feedback(c: Case, answer: str) -> Feedback:
    result = grade_result(c.id)
    why = " ".join(line.rsplit(";", 1)[0] + "." for line in result.explanation_lines)
    if answer == result.category:
        return Feedback(True, why, result.category,
                        result.sources)
    if result.category == "NEC":
        hint = ("Look at the differentiation first: a poorly differentiated tumour is a NEC "
                "whatever its numbers, and a NEC is not graded.")
        pointer = ("Look at how the cells look under the microscope (in the findings) before "
                   "the numbers: what does that decide (lesson 4)?")
    elif answer == "NEC" and result.category == "NET G3":
        hint = ("High numbers do not make a carcinoma: the cells are well differentiated, so "
                "it is a NET, graded G1, G2 or G3 from the higher of the two indices.")
        pointer = ("Look again at how the cells look under the microscope (in the findings): "
                   "do high numbers alone make a carcinoma (lesson 4)?")
    elif answer == "NEC":  # the numbers are not even high
        hint = ("How the cells look decides a carcinoma, not the numbers: the cells are well "
                "differentiated, so it is a NET, graded G1, G2 or G3 from the higher of the two "
                "indices.")
        pointer = ("Look again at how the cells look under the microscope (in the findings): "
                   "does a neuroendocrine carcinoma depend on the numbers or on how the cells "
                   "look (lesson 4)?")
    else:
        hint = pointer = (f"Grade each index on its own (Ki-67 {c.ki67_percent:.1f}%, mitoses "
                          f"{c.mitoses_per_2mm2:.1f} per 2 mm²), then take the higher grade.")
    return Feedback(False, f"Not {answer}. {hint} {why}", result.category, result.sources,
                    f"Not {answer}. {pointer}")


def _symptom_words(symptom_ids: tuple[str, ...]) -> str:
    names = [SYMPTOMS[s].label.lower() for s in symptom_ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _function_feedback(c: Case, answer: str) -> Feedback:
    syndrome_id = case_syndrome(c.id)
    expected = expected_answer(c.id, "functional")
    label = answer_label(c.id, "functional", expected)
    ok = answer == expected
    if syndrome_id is None:
        raised = [_raised_words(r) for r in c.other_results]
        extra = "".join(f" {r} does not change that." for r in raised if r)
        text = ("There are no hormone-related symptoms. "
                f"{NONFUNCTIONING_DEFINITION.text}{extra}")
        hint = ("Look again at the line 'Hormone-related symptoms' in the findings: "
                + ("does a raised general marker make a tumour functioning (lesson 5)?"
                   if any(raised) else "what does a functioning tumour need (lesson 5)?"))
        return Feedback(ok, text, label, NONFUNCTIONING_DEFINITION.sources,
                        "" if ok else hint)
    s = SYNDROMES[syndrome_id]
    test = CONFIRM_TESTS[s.test]
    text = (f"{FUNCTIONAL_DEFINITION.text} Here: {_symptom_words(c.symptoms)} (the "
            f"syndrome), and the test that proves it came back {test.positive}: {test.name} "
            "(the proof).")
    return Feedback(ok, text, label, (*FUNCTIONAL_DEFINITION.sources, *s.source_keys),
                    "" if ok else _FUNCTION_HINT)


#: The first-try pointer for the "functioning?" step of a patient with symptoms.
_FUNCTION_HINT = ("Look again at two lines of the findings: the hormone-related symptoms, and "
                  "whether a test that proves a hormone excess came back positive (lesson 5).")


def _raised_words(result: str) -> str:
    """'Blood chromogranin A: raised' -> 'A raised blood chromogranin A' ('' otherwise)."""
    name, _sep, value = result.partition(": ")
    return f"A raised {_lower_first(name)}" if value == "raised" else ""


def _hormone_feedback(c: Case, answer: str) -> Feedback:
    syndrome_id = case_syndrome(c.id)
    expected = expected_answer(c.id, "hormone")
    label = answer_label(c.id, "hormone", expected)
    if syndrome_id is None:
        if answer == NO_HORMONE:
            return Feedback(True, "No hormone is causing symptoms, so there is none to name.",
                            label, NONFUNCTIONING_DEFINITION.sources)
        return Feedback(False, f"{HORMONES[answer].excess} This patient has no hormone-related "
                        "symptoms, so no hormone is to blame.", label,
                        NONFUNCTIONING_DEFINITION.sources,
                        f"{HORMONES[answer].excess} Look again at the hormone-related symptoms "
                        "in the findings: which of them would this hormone explain?")
    s = SYNDROMES[syndrome_id]
    test = CONFIRM_TESTS[s.test]
    right = (f"{HORMONES[expected].name}, the hormone behind {_lower_first(s.name)}. "
             f"{HORMONES[expected].excess} The test that proves it came back {test.positive}: "
             f"{test.name}.")
    if answer == expected:
        return Feedback(True, right, label,
                        tuple(dict.fromkeys((*HORMONES[answer].sources, *s.source_keys))))
    if answer == NO_HORMONE:
        text = (f"This patient has symptoms a hormone causes: {_symptom_words(c.symptoms)}, "
                f"and a {test.positive} confirming test.")
        return Feedback(False, f"{text} {right}", label,
                        tuple(dict.fromkeys((*HORMONES[expected].sources, *s.source_keys))),
                        f"{text} Which hormone explains every symptom?")
    caused = next(x for x in SYNDROMES.values() if x.hormone == answer)
    fits = [x for x in c.symptoms if x in caused.symptoms]
    misses = [x for x in c.symptoms if x not in caused.symptoms]
    if fits and misses:
        why = (f"Too much {HORMONES[answer].short} would explain {_symptom_words(tuple(fits))} "
               f"but not {_symptom_words(tuple(misses))}.")
    else:
        why = (f"Too much {HORMONES[answer].short} would cause "
               f"{_symptom_words(caused.symptoms)}: that is not this story.")
    hint = (f"{why} Which hormone explains every symptom, and which test came back "
            f"{test.positive}?")
    return Feedback(False, f"{why} {right}", label,
                    tuple(dict.fromkeys((*HORMONES[expected].sources, *s.source_keys))), hint)


def _treatment_feedback(c: Case, answer: frozenset[str]) -> Feedback:
    d = discussion(c.id)
    expected = frozenset(d.category_keys)
    label = answer_label(c.id, "treatment", expected)
    missing = [dc for dc in d.categories if dc.category.key not in answer]
    extra = [cat for cat in CATEGORIES if cat.key in answer and cat.key not in expected]
    notes = _treatment_notes(c)
    sources = tuple(dict.fromkeys([*(k for dc in d.categories for k in dc.sources),
                                   *(k for n in notes for k in n.sources)]))
    said = ("" if not notes else " Notes from the tool: "
            + " ".join(n.text for n in notes))
    if not missing and not extra:
        why = " ".join(f"{dc.category.name}: {dc.rules[0].reason}" for dc in d.categories)
        return Feedback(True, f"Guidelines discuss {len(expected)} "
                        f"categor{'y' if len(expected) == 1 else 'ies'} for these features. "
                        f"{why}{said} {NO_BEST_TREATMENT}", label, sources)
    parts = []
    if missing:
        parts.append("Also discussed: " + " ".join(
            f"{dc.category.name}: {dc.rules[0].reason}" for dc in missing))
    if extra:
        parts.append("Not listed for these features: " + ", ".join(cat.name for cat in extra)
                     + ". " + " ".join(_not_listed_reason(c, cat) for cat in extra))
    return Feedback(False, " ".join(parts) + f"{said} {NO_BEST_TREATMENT}", label, sources,
                    _treatment_hint(c, missing, extra))


#: Words by which a discussion note speaks of a treatment category (to pick the notes that say
#: why a category is or is not listed; work-up and other notes are left to lesson 6's tool).
_NOTE_WORDS: tuple[str, ...] = ("somatostatin analogue", "PRRT", "Chemotherapy", "radiotherapy",
                                "proton-pump inhibitor")


#: The extents the tool calls advanced (its systemic settings are for them).
_ADVANCED_EXTENTS = frozenset({"liver_only", "widespread"})
#: Receptor settings whose notes are about the growth-slowing uses (PRRT, an analogue to slow
#: growth): shown for advanced disease only. Receptor imaging is not indicated before a small
#: localised G1 rectal or appendiceal NET (fact base 9.20).
_GROWTH_RECEPTOR_NOTES = (frozenset({"negative"}), frozenset({"not_imaged"}))


def _treatment_notes(c: Case) -> tuple:
    """The tool's notes for the case that speak of a treatment category (e.g. why a
    receptor-negative insulinoma gets no somatostatin analogue). The receptor-negative and
    'receptor imaging comes first' notes concern PRRT and slowing growth, so they are kept for
    advanced disease only."""
    advanced = spread_extent(c.id) in _ADVANCED_EXTENTS
    return tuple(n for n in discussion(c.id).notes
                 if any(w in n.text for w in _NOTE_WORDS)
                 and (advanced or dict(n.when).get("receptors") not in _GROWTH_RECEPTOR_NOTES))


def _scan_needed(when: tuple) -> dict[str, frozenset[str]]:
    """A rule's conditions as an explanation reads them: a rule for "Not imaged yet" receptors
    means "only once a scan shows receptors", so it reads as Receptor-positive."""
    out = dict(when)
    if "not_imaged" in out.get("receptors", ()):
        out["receptors"] = (out["receptors"] - {"not_imaged"}) | {"positive"}
    return out


def _closest_rules(c: Case, category_key: str) -> list[tuple[object, list[str]]]:
    """The rules of a category that miss the case by the fewest features, each with the
    features it misses on (several rules can be equally close). A "Not imaged yet" rule counts
    as needing a positive scan (:func:`_scan_needed`)."""
    features = treatment_features(c.id)
    failing = [(r, [k for k, allowed in _scan_needed(r.when).items()
                    if k in features and features[k] not in allowed])
               for r in DISCUSSION_RULES if r.category == category_key]
    failing = [(r, keys) for r, keys in failing if keys]
    if not failing:
        return []
    fewest = min(len(keys) for _r, keys in failing)
    return [(r, keys) for r, keys in failing if len(keys) == fewest]


def _short_option(feature_key: str, value: str) -> str:
    """A feature value's label without its bracketed gloss ('Receptor-positive')."""
    label = next(f for f in FEATURES if f.key == feature_key).option_label(value)
    return re.sub(r"( \([^)]*\)|: .*)$", "", label)


def _not_listed_reason(c: Case, cat) -> str:
    """One line: which features the tool's closest settings of ``cat`` need, and the case's."""
    features = treatment_features(c.id)
    labels = {f.key: f.label for f in FEATURES}
    needs: dict[tuple[str, ...], dict[str, list[str]]] = {}
    for rule, keys in _closest_rules(c, cat.key):
        group = needs.setdefault(tuple(keys), {k: [] for k in keys})
        allowed = _scan_needed(rule.when)
        for k in keys:
            group[k] += [v for v in order_values(k) if v in allowed[k] and v not in group[k]]

    def option(k: str, v: str, keys: tuple[str, ...]) -> str:
        # insulinoma is listed for an analogue only with a positive scan (fact base 9.5)
        if k == "function" and v == "insulinoma" and cat.key == "ssa" and "receptors" not in keys:
            return f"{_short_option(k, v)} (only if Receptor-positive)"
        return _short_option(k, v)

    clauses = [" and ".join(f"'{labels[k]}' set to {_or([option(k, v, keys) for v in vals])}"
                            for k, vals in group.items()) for keys, group in needs.items()]
    # the case's values in the order the clauses name the features
    seen = list(dict.fromkeys(k for keys in needs for k in keys))
    here = "; ".join(_short_option(k, features[k]) for k in seen)
    if not clauses:
        return f"The tool lists {_lower_first(cat.name)} for no feature set like this one."
    return (f"The tool lists {_lower_first(cat.name)} only with {', or '.join(clauses)} "
            f"(here: {here}).")


def _or(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def order_values(feature_key: str) -> tuple[str, ...]:
    """The values of a treatment feature, in the tool's order."""
    return next(f for f in FEATURES if f.key == feature_key).values


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _treatment_hint(c: Case, missing: list, extra: list) -> str:
    """How many ticks are missing or extra, and which features to look at again (no names)."""
    counts = []
    if missing:
        counts.append(_count(len(missing), "category that guidelines discuss for these "
                             "features is", "categories that guidelines discuss for these "
                             "features are") + " not ticked")
    if extra:
        counts.append(_count(len(extra), "category you ticked is", "categories you ticked are")
                      + " not listed for these features")
    keys: list[str] = []
    if missing:  # the features the first missed category's reason depends on
        keys += [k for k, _allowed in missing[0].rules[0].when]
    for cat in extra[:1]:  # the features that keep the nearest rules of an extra tick from
        # firing: all of them when several rules are equally close (any of them could decide)
        keys += [k for _rule, failing in _closest_rules(c, cat.key) for k in failing]
    labels = {f.key: f.label for f in FEATURES}
    named = [f"'{labels[k]}'" for k in dict.fromkeys(keys) if k in labels]
    look = (" Look again at the findings behind " + " and ".join(
        [", ".join(named[:-1]), named[-1]] if len(named) > 1 else named) + "."
            if named else " Look again at the findings and your answers above.")
    said = " and ".join(counts)
    return said[:1].upper() + said[1:] + "." + look + (
        " The tool under 'Try it with' shows what each feature changes.")


def check_case_answer(case_id: str, step: str, answer: str | frozenset[str] | set[str],
                      edition: str = DEFAULT_EDITION) -> Feedback:
    """Check a learner's ``answer`` to ``step`` of a case against the computed answer.

    Parameters
    ----------
    case_id : str
        Key of :data:`CASES`.
    step : str
        One of :data:`STEP_KEYS`.
    answer : str or set of str
        A value of :func:`answer_options` (for ``"treatment"``: a set of category keys).
    edition : str
        The staging edition for the T, N, M and stage steps: ``"ajcc9"`` (default) or
        ``"ajcc8"``.

    Returns
    -------
    Feedback
        Whether it is right, why (from the rules that fired), the computed answer, sources.

    Raises
    ------
    ValueError
        For an unknown case, step or answer (the message lists what is allowed).
    """
    c, s = case(case_id), _step(step).key
    if s == "treatment":
        allowed = ", ".join(cat.key for cat in CATEGORIES)
        if isinstance(answer, str):
            raise ValueError(f"treatment answer must be a set of category keys, got {answer!r}; "
                             f"allowed keys: {allowed}")
        picked = frozenset(answer)
        unknown = sorted(picked - {cat.key for cat in CATEGORIES})
        if unknown:
            raise ValueError(f"unknown treatment categories {unknown}; allowed keys: {allowed}")
        return _treatment_feedback(c, picked)
    check_edition(edition)
    answer_label(c.id, s, answer, edition)  # raises ValueError for a value that is not offered
    if s in _STAGING_STEPS:
        return _staging_feedback(c, s, answer, edition)
    if s == "grade":
        return _grade_feedback(c, answer)
    if s == "functional":
        return _function_feedback(c, answer)
    return _hormone_feedback(c, answer)


# --- hints and findings ---------------------------------------------------------------------------


def _lower_first(text: str) -> str:
    """Lower-case the first letter, unless the first word is an abbreviation (``VIPoma``)."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def _layer(c: Case) -> str:
    return dict((key, label) for label, key in invasion_options(c.site))[c.invasion]


def _metastasis_words(c: Case) -> str:
    return _lower_first({key: label for label, key in metastasis_options()}[c.metastasis])


def _nodes_words(c: Case) -> str:
    if not c.nodes_examined:
        return f"Lymph nodes: {c.nodes_note or 'not examined'}"
    if c.nodes_positive == 0:
        base = f"Lymph nodes: none of the {c.nodes_examined} examined contains tumour"
    else:
        verb = "contains" if c.nodes_positive == 1 else "contain"
        base = f"Lymph nodes: {c.nodes_positive} of {c.nodes_examined} examined {verb} tumour"
    return base + (f" ({c.nodes_note})" if c.nodes_note else "")


#: The tools a hint points to: where they are, and their titles as learners see them (a test
#: checks each title against the tool's own).
TOOL_PLACES: dict[str, tuple[str, str]] = {
    "t": ("Lesson 3, section 2", "T explorer: how far has the primary tumour grown?"),
    "nm": ("Lesson 3, section 3", "N and M explorer: has it spread, and where?"),
    "stage": ("Lesson 3, section 4", "Stage explorer: from T, N and M to the stage group"),
    "grade": ("Lesson 4, section 4",
              "Grade explorer: from Ki-67 and mitoses to the WHO category"),
    "syndrome": ("Lesson 5, section 2",
                 "Syndrome explorer: symptom, hormone, syndrome, site, test"),
    "mystery": ("Lesson 5, section 4", "Mystery patients: which hormone, which syndrome?"),
    "discuss": ("Lesson 6, section 4", "What guidelines discuss, and why: a fictional tumour"),
}
#: The labels of the lesson 3 node checkboxes, as the tools show them (checked by a test).
NODES_EXAMINED_LABEL = "Lymph nodes examined by a pathologist"
MASS_LABEL = "Mesenteric mass larger than 2 cm"


def _tool(key: str) -> str:
    where, title = TOOL_PLACES[key]
    return f"{where}, the tool '{title}'"


def explorer_hint(case_id: str, step: str) -> str:
    """Which lesson's tool answers ``step``, with the settings that reproduce the case."""
    c, s = case(case_id), _step(step).key
    site, count = site_label(c.site), c.tumor_count
    if s == "t":
        return (f"{_tool('t')}: site {site}, size {c.size_cm:.1f} cm, deepest layer "
                f"'{_layer(c)}', {count} tumour{'s' if count > 1 else ''}. First check the "
                "differentiation: the AJCC NET chapters are for well-differentiated NETs only.")
    if s in ("n", "m"):
        plural = "" if c.nodes_positive == 1 else "s"
        nodes = (f"{c.nodes_positive} positive node{plural}" if c.nodes_examined
                 else f"untick '{NODES_EXAMINED_LABEL}'")
        mass = f", tick '{MASS_LABEL}'" if c.mass_gt_2cm else ""
        return (f"{_tool('nm')}: site {site}, {nodes}{mass}, distant metastasis "
                f"'{_metastasis_words(c)}'.")
    if s == "stage":
        return f"{_tool('stage')}, with the same size, depth, nodes and metastasis."
    if s == "grade":
        return (f"{_tool('grade')}: Ki-67 {c.ki67_percent:.1f}%, "
                f"{c.mitoses_per_2mm2 * 5:.0f} mitoses in 10 mm² "
                f"({c.mitoses_per_2mm2:.1f} per 2 mm²), "
                f"{'well' if c.differentiation == 'well' else 'poorly'} differentiated.")
    if s in ("functional", "hormone"):
        if not c.symptoms:
            return ("Lesson 5, section 1: functioning needs a syndrome and proof of hormone "
                    f"excess; the tool '{TOOL_PLACES['mystery'][1]}' "
                    f"({_lower_first(TOOL_PLACES['mystery'][0])}) has a similar patient.")
        return (f"{_tool('syndrome')}: start from the symptom "
                f"'{SYMPTOMS[c.symptoms[0]].label}'.")
    f = treatment_features(c.id)
    shown = {feature.key: feature for feature in FEATURES}
    known = ", ".join(f"'{shown[k].label}' to '{shown[k].option_label(f[k])}'"
                      for k in _FINDING_FEATURES)
    return (f"{_tool('discuss')}: set {known}, and the grade and the hormone symptoms "
            "from your answers above.")


#: The treatment features read straight from the findings (the others are answers to steps).
_FINDING_FEATURES = ("extent", "receptors", "site")


#: A one-time plain gloss of a positive result, as lesson 5's tool says it (S17, fact base 3).
_TEST_GLOSS: dict[str, str] = {
    "supervised_fast": " (the blood sugar fell below 55 mg/dL, 3.0 mmol/L, while "
                       "insulin was still detectable)",
}


def findings(case_id: str) -> tuple[str, ...]:
    """The case's findings as report lines (generated from the data, so they never disagree)."""
    c = case(case_id)
    look = ("well differentiated (organised nests and ribbons of alike cells)"
            if c.differentiation == "well" else "poorly differentiated (sheets of cells)")
    if c.cell_type:
        look += f", {c.cell_type}"
    lines = [
        (f"Primary tumours: {_lower_first(site_label(c.site))}, {c.tumor_count} tumours; the "
         f"one that grew deepest measures {c.size_cm:.1f} cm" if c.tumor_count > 1 else
         f"Primary tumour: {_lower_first(site_label(c.site))}, {c.size_cm:.1f} cm"),
        f"Deepest extent: {_layer(c)}",
        _nodes_words(c),
    ]
    if c.mesenteric_mass_cm is not None:
        lines.append(f"Mesenteric mass: {c.mesenteric_mass_cm:.1f} cm")
    lines += [
        f"Distant spread: {_metastasis_words(c)}" if c.metastasis != "none"
        else "Distant spread: none found on scans",
        f"Under the microscope: {look}",
        f"Ki-67 index: {c.ki67_percent:.1f}% (hot spot)",
        f"Mitotic count: {c.mitoses_per_2mm2:.1f} per 2 mm²",
        "Hormone-related symptoms: " + (_symptom_words(c.symptoms).capitalize()
                                        if c.symptoms else "none"),
    ]
    lines += [f"{CONFIRM_TESTS[t].name}: {CONFIRM_TESTS[t].positive}{_TEST_GLOSS.get(t, '')}"
              for t in c.tests_raised]
    lines += list(c.other_results)
    receptor_words = {"positive": "receptor-positive", "negative": "receptor-negative (the "
                      "tumour did not show)", "not_imaged": "not done"}
    lines.append(f"Somatostatin-receptor imaging: {receptor_words[c.receptors]}")
    return tuple(lines)


def case_source_keys(case_id: str) -> tuple[str, ...]:
    """Every source key behind the case's story and computed answers."""
    c = case(case_id)
    keys = list(c.sources) + list(_site_sources(c)) + list(grade_result(c.id).sources)
    for s in STEP_KEYS:
        keys += check_case_answer(c.id, s, expected_answer(c.id, s)).sources
    return tuple(dict.fromkeys(keys))


# --- import-time checks ---------------------------------------------------------------------------


def _check_cases() -> None:
    """Fail at import on findings the logic cannot read (dangling ids, impossible values)."""
    for c in CASES.values():
        if c.site not in SITES:
            raise ValueError(f"case {c.id!r}: unknown site {c.site!r}")
        if c.metastasis not in METASTASIS_WORDS or c.differentiation not in DIFFERENTIATIONS:
            raise ValueError(f"case {c.id!r}: bad metastasis or differentiation")
        if not c.nodes_examined and c.nodes_positive:
            raise ValueError(f"case {c.id!r}: positive nodes without examined nodes")
        if c.nodes_examined and c.nodes_positive > c.nodes_examined:
            raise ValueError(f"case {c.id!r}: more positive nodes than examined")
        for s in c.symptoms:
            _lookup(SYMPTOMS, s, "symptom")
        for t in c.tests_raised:
            _lookup(CONFIRM_TESTS, t, "confirming test")
        if c.receptors not in next(f for f in FEATURES if f.key == "receptors").values:
            raise ValueError(f"case {c.id!r}: bad receptors {c.receptors!r}")
        _layer(c)
        case_syndrome(c.id)


_check_cases()
