"""Diagnosis of GEP-NETs: the tests, what each can tell, the work-up activity and the pitfalls.

Cited data (sections 3, 4 and 9 of the project's clinical reference notes), each statement with
its source keys resolved in :mod:`gepnet_widgets.sources`.

* :data:`TESTS` are the tests of the work-up (history and examination; blood and urine tests;
  CT, MRI, somatostatin-receptor PET, FDG PET, endoscopy, endoscopic ultrasound; tissue with
  immunohistochemistry). The hormone tests link by id to the confirming tests of
  :mod:`gepnet_widgets.syndromes`.
* :data:`QUESTIONS` are what a test can tell (is it a NET; T; N; M; grade; hormones; receptors).
* :func:`cell` gives the answer of one test to one question (``yes``, ``partly`` or ``no``)
  with the reason and its sources: the interactive matrix.
* :data:`SCENARIOS` and :func:`judge_plan` are the "plan the work-up" activity.
* :data:`MARKERS`, :data:`CONDITIONS` and :func:`interpret_marker` are the classic pitfalls
  (acid-lowering medicines raise chromogranin A and gastrin; foods before urine 5-HIAA).
* :data:`WORKUP_EXTRAS` are parts of the work-up for some people only (germline testing,
  echocardiography).

Pure layer-1 module: no plotting, widget or IPython import.

Examples
--------
>>> cell("sstr_pet", "receptors").level
'yes'
>>> judge_plan("liver", ["chromogranin_a"]).picks[0].level
'no'
>>> interpret_marker("chromogranin_a", ["ppi"]).high_trustworthy
False
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .syndromes import CONFIRM_TESTS, Statement

__all__ = [
    "Question",
    "Test",
    "Cell",
    "Scenario",
    "PickFeedback",
    "PlanResult",
    "Marker",
    "Condition",
    "Interference",
    "Interpretation",
    "lookup_test",
    "question",
    "cell",
    "matrix",
    "scenario",
    "judge_plan",
    "marker",
    "interpret_marker",
    "all_source_keys",
    "LEVELS",
    "LEVEL_WORDS",
    "QUESTIONS",
    "TESTS",
    "CELLS",
    "NO_CELL_TEXT",
    "SCENARIOS",
    "MARKERS",
    "CONDITIONS",
    "INTERFERENCES",
    "CGA_DISAGREEMENT",
    "SSTR_DECIDES_TREATMENT",
    "WORKUP_EXTRAS",
    "readout_texts",
]

#: Answer levels, from most to least useful.
LEVELS: tuple[str, ...] = ("yes", "partly", "no")
#: How each level is said to a learner.
LEVEL_WORDS: dict[str, str] = {"yes": "yes, a main use", "partly": "partly", "no": "no"}


@dataclass(frozen=True)
class Question:
    """Something a test can tell: ``id``, a short ``label`` (for the matrix) and ``text``."""

    id: str
    label: str
    text: str


@dataclass(frozen=True)
class Test:
    """One test of the work-up.

    Attributes
    ----------
    id, name, short : str
        Stable id, display name, and a short name for diagrams.
    kind : str
        ``"clinic"``, ``"blood or urine"``, ``"imaging"``, ``"endoscopy"`` or ``"tissue"``.
    what : str
        What is done, in plain words.
    facts : tuple of Statement
        Cited facts about the test.
    confirms : tuple of str
        Ids of :data:`gepnet_widgets.syndromes.CONFIRM_TESTS` this test stands for.
    """

    id: str
    name: str
    short: str
    kind: str
    what: str
    facts: tuple[Statement, ...]
    confirms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cell:
    """The answer of one test to one question: ``level`` (yes/partly/no), why, and sources."""

    level: str
    text: str
    sources: tuple[str, ...]
    unverified: bool = False


# --- questions and tests --------------------------------------------------------------------

_QUESTIONS = (
    Question("net", "Is it a NET?", "Is the tumour a neuroendocrine tumour at all?"),
    Question("t", "Where, size (T)?", "Where is the tumour, and how big and deep is it (T)?"),
    Question("n", "Nodes (N)?", "Has it reached the lymph nodes (N)?"),
    Question("m", "Spread (M)?", "Has it spread to distant places such as the liver (M)?"),
    Question("grade", "Grade?", "How many of its cells are dividing (the grade)?"),
    Question("hormones", "Hormone excess?", "Is it making a hormone that causes symptoms?"),
    Question("receptors", "Receptors?",
             "Does it carry somatostatin receptors, so that receptor-targeted treatment can "
             "work?"),
)
#: The questions a test can answer, by id, in matrix order.
QUESTIONS: dict[str, Question] = {q.id: q for q in _QUESTIONS}

CGA_DISAGREEMENT = Statement(
    "Sources disagree on blood chromogranin A: AJCC version 9 (2024) advises against it for "
    "diagnosis and monitoring, while the NCI PDQ still presents it as the main marker.",
    ("S5", "S1"))
SSTR_DECIDES_TREATMENT = Statement(
    "Somatostatin-receptor imaging also helps decide receptor-targeted treatment: a positive "
    "scan is a condition for PRRT. For a somatostatin analogue a positive scan makes a response "
    "more likely, but it is not a condition for trying one against carcinoid-syndrome symptoms. "
    "In insulinoma a somatostatin analogue is considered only if the tumour is "
    "receptor-positive, otherwise low blood sugar can get worse.",
    ("S8", "S27", "MSD_CARCINOID"))
#: Medicines interfere with urine 5-HIAA too; none is named (the list was not checked).
MEDICINES_5HIAA = Statement(
    "Some medicines can also change the result; the care team checks which ones before the "
    "collection.", ("S19",))
INSULINOMA_IMAGING = Statement(
    "Somatostatin-receptor scans often miss insulinomas. A different tracer, GLP-1 receptor "
    "PET/CT, found the insulinoma in 42 of 43 patients in one prospective study, against 8 of 41 "
    "for a somatostatin-receptor scan.", ("LUO2016",))
#: Parts of the work-up for some people only, shown beside the matrix.
WORKUP_EXTRAS: tuple[Statement, ...] = (
    Statement("Germline (inherited) genetic testing, for example for MEN1, VHL or NF1, is part "
              "of the work-up of a gastrinoma and is considered for other pancreatic and "
              "duodenal NETs.", ("S8", "ZHANG_KUNZ2022")),
    Statement("Echocardiography (an ultrasound scan of the heart) looks for carcinoid heart "
              "disease in people with carcinoid syndrome, especially when there are signs of it "
              "or NT-proBNP or 5-HIAA is high.", ("CHD_EXPERT2017",)),
)

_TESTS = (
    Test("history_exam", "History and examination", "History and exam", "clinic",
         "Asking about symptoms and examining the patient.",
         (Statement("Specific combinations of symptoms and findings (for example flushing, "
                    "long-lasting diarrhoea, recurring ulcers, low blood sugar) should raise "
                    "the suspicion of a NET.", ("RCC_GEPNET",)),
          Statement("A functioning NET needs a clinical syndrome and biochemical proof of the "
                    "hormone excess.", ("S16",)))),
    Test("chromogranin_a", "Blood chromogranin A", "Chromogranin A (blood)", "blood or urine",
         "A blood test for a general marker of neuroendocrine cells.",
         (Statement("Sensitive but not specific. It is falsely raised by proton-pump "
                    "inhibitors (even short, low-dose courses), H2 blockers, atrophic "
                    "gastritis, kidney or liver failure, high blood pressure, heart failure, "
                    "inflammatory bowel disease and other cancers.", ("S1", "S20")),
          Statement("A normal chromogranin A does not rule out a neuroendocrine tumour.",
                    ("VISS_SVF",)),
          CGA_DISAGREEMENT)),
    Test("hormone_tests", "Specific hormone tests", "Hormone tests (blood)", "blood or urine",
         "Blood tests for one hormone at a time, some after a fast or a stimulus.",
         (Statement("Each syndrome has its own test: a supervised fast for insulin, fasting "
                    "gastrin with the stomach pH and a secretin test, and glucagon, VIP or "
                    "somatostatin levels.", ("S17", "S18", "S2")),),
         confirms=("supervised_fast", "gastrin_ph_secretin", "glucagon_level", "vip_level",
                   "somatostatin_level")),
    Test("urine_5hiaa", "24-hour urine 5-HIAA", "Urine 5-HIAA (24 h)", "blood or urine",
         "Urine collected for 24 hours, tested for the breakdown product of serotonin.",
         (Statement("Specificity about 88%. As a test for finding NETs in general its "
                    "sensitivity may be as low as 35%, because many NETs make no serotonin; "
                    "in carcinoid syndrome it is raised far more often.",
                    ("S1", "S19", "TORMEY1995")),
          Statement("Serotonin-rich foods are left out for about 48 hours before the "
                    "collection: bananas, tomatoes, eggplant (aubergine), pineapple, walnuts, "
                    "avocado and kiwi.", ("S1", "S19")),
          MEDICINES_5HIAA),
         confirms=("urine_5hiaa",)),
    Test("ct", "CT scan (multiphase, with contrast)", "CT", "imaging",
         "X-ray cross-sections with contrast, in arterial and portal-venous phases.",
         (Statement("Multiphase contrast CT or MRI of the abdomen, with the pelvis and chest "
                    "as needed, is the cross-sectional imaging of the work-up.", ("S8",)),
          Statement("CT and MRI detect about 80% of tumours overall (CT 76-100% across "
                    "series).", ("S1",)))),
    Test("mri", "MRI scan", "MRI", "imaging",
         "Magnetic-resonance cross-sections, in arterial and portal-venous phases.",
         (Statement("MRI detects 67-100% of tumours across series.", ("S1",)),
          Statement("Liver MRI is the reference against which other scans are judged for "
                    "liver metastases.", ("S47",)))),
    Test("sstr_pet", "Somatostatin-receptor PET", "SSTR PET", "imaging",
         "A whole-body PET scan (skull to mid-thigh) with a tracer that sticks to somatostatin "
         "receptors: 68Ga-DOTATATE, 64Cu-DOTATATE or 68Ga-DOTATOC.",
         (Statement("More than 70% of GEP-NETs carry several somatostatin-receptor subtypes, "
                    "mainly SSTR2 and SSTR5.", ("S1",)),
          Statement("These PET tracers have replaced the older Octreoscan scintigraphy; "
                    "64Cu-DOTATATE had a sensitivity of 90.9% and a specificity of 96.6% in "
                    "its phase III study.", ("S8", "S21")),
          Statement("Against liver MRI, SSTR PET/CT found liver metastases with a "
                    "sensitivity of 97.0% and a specificity of 97.7% (1000 patients with G1 or "
                    "G2 NETs).", ("S47",)),
          SSTR_DECIDES_TREATMENT,
          INSULINOMA_IMAGING,
          Statement("It is not routine for poorly differentiated neuroendocrine carcinoma.",
                    ("S8",)))),
    Test("fdg_pet", "FDG PET", "FDG PET", "imaging",
         "A PET scan with radioactive sugar (FDG), which shows how active the tumour cells "
         "are.",
         (Statement("FDG uptake marks higher-grade or dedifferentiated disease and predicts a "
                    "worse outlook.", ("S22",)),
          Statement("With SSTR PET (the NETPET grade): receptor-positive, FDG-negative disease "
                    "has the best outlook; receptor-negative, FDG-positive lesions suggest "
                    "dedifferentiation and will not respond to PRRT.", ("S22",)),
          Statement("In neuroendocrine carcinoma, FDG PET is part of the staging work-up.",
                    ("S44",)))),
    Test("endoscopy", "Endoscopy (upper endoscopy, colonoscopy)", "Endoscopy", "endoscopy",
         "A camera on a flexible tube looks at the inside of the stomach, duodenum or bowel "
         "and takes biopsies.",
         (Statement("Upper endoscopy and colonoscopy find gastric, duodenal and rectal NETs; "
                    "capsule endoscopy or double-balloon enteroscopy look for small-bowel "
                    "primaries.", ("S1",)),)),
    Test("eus", "Endoscopic ultrasound (EUS)", "EUS", "endoscopy",
         "An ultrasound probe on the endoscope looks through the wall and at the pancreas.",
         (Statement("EUS measures size and depth before endoscopic removal and looks at the "
                    "pancreas: it localises more than 90% of insulinomas.", ("S1", "S17")),
          Statement("EUS is about 90% accurate for staging colorectal NETs.", ("S1",)),
          Statement("EUS-guided fine-needle biopsy takes tissue from the pancreas.",
                    ("S23",)))),
    Test("biopsy_ihc", "Tissue: biopsy or removed tumour, with immunohistochemistry",
         "Tissue + IHC", "tissue",
         "A pathologist examines tumour tissue under the microscope, with stains "
         "(immunohistochemistry) for synaptophysin, chromogranin A and Ki-67.",
         (Statement("The diagnosis must be confirmed with synaptophysin and chromogranin A "
                    "stains, and Ki-67 is required for grading; a fine-needle aspirate alone "
                    "is not advised.", ("S23",)),
          Statement("Synaptophysin: high sensitivity and specificity. Chromogranin A: high "
                    "specificity, lower sensitivity.", ("S1",)),
          Statement("p53 and Rb (and p16) help to separate a NET G3 from a neuroendocrine "
                    "carcinoma.", ("S8",)))),
)
#: The tests of the work-up, by id, in matrix order.
TESTS: dict[str, Test] = {t.id: t for t in _TESTS}

# --- the matrix -------------------------------------------------------------------------------

_Y, _P, _N = "yes", "partly", "no"

#: Explicit answers of tests to questions; every other pair is "no" (see :data:`NO_CELL_TEXT`).
CELLS: dict[tuple[str, str], Cell] = {
    ("history_exam", "hormones"): Cell(
        _P, "Asking about symptoms finds a possible syndrome (flushing, ulcers, low blood "
        "sugar...), but a functioning NET also needs tests proving the hormone excess.",
        ("S16", "RCC_GEPNET")),
    ("chromogranin_a", "net"): Cell(
        _P, "A general marker, sensitive but not specific: many conditions and medicines raise "
        "it, a normal value does not rule out a NET, and AJCC version 9 advises against it for "
        "diagnosis.", ("S1", "S20", "VISS_SVF", "S5")),
    ("chromogranin_a", "hormones"): Cell(
        _N, "It is a general marker, not a hormone that causes a syndrome: non-functioning "
        "tumours can release it too.", ("S2",)),
    ("chromogranin_a", "m"): Cell(
        _N, "A blood level cannot show where the tumour is; AJCC version 9 also advises "
        "against chromogranin A for monitoring.", ("S5",)),
    ("hormone_tests", "hormones"): Cell(
        _Y, "Each syndrome has its own test (supervised fast, gastrin with pH and secretin "
        "test, glucagon, VIP or somatostatin levels).", ("S17", "S18", "S2")),
    ("urine_5hiaa", "hormones"): Cell(
        _Y, "It shows serotonin excess (carcinoid syndrome): specificity about 88%. The "
        "sensitivity as low as 35% concerns finding NETs in general, many of which make no "
        "serotonin.", ("S1", "S19", "TORMEY1995")),
    ("ct", "t"): Cell(
        _Y, "Finds the tumour and shows its size; CT and MRI detect about 80% of tumours "
        "overall.", ("S8", "S1")),
    ("ct", "n"): Cell(_P, "Part of the staging work-up of the abdomen and pelvis.", ("S8",)),
    ("ct", "m"): Cell(_Y, "Part of the staging work-up for distant spread (abdomen, pelvis, "
                      "chest as needed).", ("S8",)),
    ("mri", "t"): Cell(_Y, "Finds the tumour and shows its size (67-100% across series).",
                       ("S8", "S1")),
    ("mri", "n"): Cell(_P, "Part of the staging work-up of the abdomen and pelvis.", ("S8",)),
    ("mri", "m"): Cell(_Y, "Liver MRI is the reference for liver metastases.", ("S47",)),
    ("sstr_pet", "net"): Cell(
        _P, "More than 70% of GEP-NETs carry somatostatin receptors, so uptake fits a NET; "
        "the diagnosis is still made on tissue.", ("S1", "S23")),
    ("sstr_pet", "t"): Cell(_Y, "Finds primary tumours in a whole-body scan (64Cu-DOTATATE: "
                            "sensitivity 90.9%, specificity 96.6%).", ("S8", "S21")),
    ("sstr_pet", "n"): Cell(_P, "The whole-body scan is part of the staging work-up.",
                            ("S8",)),
    ("sstr_pet", "m"): Cell(_Y, "Against liver MRI: sensitivity 97.0% and specificity 97.7% "
                            "for liver metastases.", ("S47",)),
    ("sstr_pet", "grade"): Cell(
        _N, "Receptors are not the grade: the grade comes from Ki-67 and the mitotic count on "
        "tissue.", ("S23", "S9")),
    ("sstr_pet", "hormones"): Cell(
        _N, "It shows receptors, not hormone excess; it often misses insulinomas.",
        ("S8", "LUO2016")),
    ("sstr_pet", "receptors"): Cell(
        _Y, "It shows whether the tumour carries somatostatin receptors. A positive scan is a "
        "condition for PRRT; for a somatostatin analogue it makes a response more likely, but "
        "it is not a condition for trying one against carcinoid-syndrome symptoms.",
        ("S8", "S27", "MSD_CARCINOID", "RCC_GEPNET")),
    ("fdg_pet", "m"): Cell(
        _P, "Finds FDG-avid (more aggressive) disease; in neuroendocrine carcinoma it is part "
        "of the staging work-up.", ("S22", "S44")),
    ("fdg_pet", "grade"): Cell(
        _P, "Uptake marks higher-grade or dedifferentiated disease and a worse outlook; the "
        "grade itself comes from tissue.", ("S22", "S23")),
    ("fdg_pet", "receptors"): Cell(
        _P, "With SSTR PET: lesions that are receptor-negative and FDG-positive will not "
        "respond to PRRT.", ("S22",)),
    ("endoscopy", "t"): Cell(
        _Y, "Finds gastric, duodenal and rectal NETs from the inside; capsule endoscopy or "
        "double-balloon enteroscopy for the small bowel.", ("S1",)),
    ("endoscopy", "net"): Cell(
        _P, "Takes biopsies; the diagnosis is then made on that tissue.", ("S1", "S23")),
    ("eus", "t"): Cell(
        _Y, "Measures size and depth before endoscopic removal; localises more than 90% of "
        "insulinomas.", ("S1", "S17")),
    ("eus", "n"): Cell(_P, "About 90% accurate for staging colorectal NETs.", ("S1",)),
    ("eus", "net"): Cell(_P, "EUS-guided fine-needle biopsy takes tissue from the pancreas.",
                         ("S23",)),
    ("biopsy_ihc", "net"): Cell(
        _Y, "Synaptophysin and chromogranin A stains confirm a NET (synaptophysin: high "
        "sensitivity and specificity; chromogranin A: high specificity, lower sensitivity).",
        ("S23", "S1")),
    ("biopsy_ihc", "grade"): Cell(
        _Y, "Ki-67 (with the mitotic count) gives the WHO grade; p53 and Rb help separate "
        "NET G3 from carcinoma.", ("S23", "S9", "S8")),
    ("biopsy_ihc", "t"): Cell(
        _P, "On a removed tumour the pathologist measures size and depth: the pathological "
        "T.", ("S1",)),
    ("biopsy_ihc", "n"): Cell(
        _P, "When lymph nodes are removed, the pathologist counts the positive ones (N); "
        "without examined nodes N is NX.", ("S1",)),
    ("biopsy_ihc", "m"): Cell(
        _P, "A biopsy of a distant lesion (for example in the liver) can confirm that it is "
        "NET tissue; scans show how far it has spread.", ("S23",)),
    ("biopsy_ihc", "hormones"): Cell(
        _P, "Stains can show specific hormones in the tumour, but it is functioning only with "
        "a syndrome and blood or urine proof of the excess.", ("S23", "S16")),
}

#: What a learner reads for a test and question with no explicit entry.
NO_CELL_TEXT = "Not what this test is used for in the course's sources."


def _lookup(table: dict, key: object, what: str):
    try:
        return table[key]
    except (KeyError, TypeError):
        raise ValueError(f"unknown {what} {key!r}; allowed: {', '.join(table)}") from None


def lookup_test(test_id: str) -> Test:
    """Return the test ``test_id``; ValueError lists the allowed ids."""
    return _lookup(TESTS, test_id, "test")


def question(question_id: str) -> Question:
    """Return the question ``question_id``; ValueError lists the allowed ids."""
    return _lookup(QUESTIONS, question_id, "question")


def cell(test_id: str, question_id: str) -> Cell:
    """Return what test ``test_id`` tells about question ``question_id``.

    Returns
    -------
    Cell
        The explicit entry, or a ``"no"`` cell without sources (:data:`NO_CELL_TEXT`).

    Raises
    ------
    ValueError
        If either id is unknown (the message lists the allowed ids).
    """
    lookup_test(test_id)
    question(question_id)
    return CELLS.get((test_id, question_id), Cell(_N, NO_CELL_TEXT, ()))


def matrix() -> dict[tuple[str, str], Cell]:
    """Every test against every question, in matrix order."""
    return {(t, q): cell(t, q) for t in TESTS for q in QUESTIONS}


# --- plan the work-up ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    """A question a clinician asks, for the "plan the work-up" activity.

    ``question`` is the matrix column it belongs to; ``overrides`` replace matrix cells where
    the scenario is narrower than the column (for example serotonin rather than any hormone).
    """

    id: str
    prompt: str
    question: str
    overrides: tuple[tuple[str, Cell], ...] = ()

    def verdict(self, test_id: str) -> Cell:
        """The answer of ``test_id`` to this scenario."""
        for key, value in self.overrides:
            if key == test_id:
                return value
        return cell(test_id, self.question)

    @property
    def best(self) -> tuple[str, ...]:
        """The tests that answer this scenario directly (level ``yes``)."""
        return tuple(t for t in TESTS if self.verdict(t).level == _Y)


_NOT_SEROTONIN = Cell(_N, "These tests measure insulin, gastrin, glucagon, VIP or somatostatin, "
                      "not serotonin.", ("S17", "S18", "S2"))
_SCAN_NOT_DEPTH = Cell(_P, "Shows where tumours are, but EUS measures the depth in the wall "
                       "before endoscopic removal.", ("S1",))
_SCENARIOS = (
    Scenario("liver", "Has it spread to the liver?", "m"),
    Scenario("growth", "What is its grade (how many of its cells are dividing)?", "grade"),
    Scenario("serotonin", "Is it making serotonin (flushing and diarrhoea)?", "hormones",
             overrides=(
                 ("hormone_tests", _NOT_SEROTONIN),
                 ("history_exam", Cell(_P, "Flushing, diarrhoea, belly pain and wheezing "
                                       "suggest carcinoid syndrome, but the urine test "
                                       "proves the serotonin excess.", ("S1",))),
             )),
    Scenario("insulin", "Is the low blood sugar caused by an insulin-making tumour?",
             "hormones",
             overrides=(
                 ("urine_5hiaa", Cell(_N, "5-HIAA comes from serotonin, not insulin.",
                                      ("S1",))),
                 ("hormone_tests", Cell(_Y, "The supervised fast (up to 48-72 hours) proves "
                                        "inappropriate insulin while the blood sugar is low.",
                                        ("S17",))),
                 ("eus", Cell(_P, "Once the insulin excess is proven, EUS localises more "
                              "than 90% of insulinomas.", ("S1", "S17"))),
                 ("sstr_pet", Cell(_N, "Somatostatin-receptor scans often miss insulinomas; "
                                   "GLP-1 receptor PET/CT, a different scan, finds most of "
                                   "them once the insulin excess is proven.",
                                   ("LUO2016",))),
             )),
    Scenario("is-net", "Is this lump a neuroendocrine tumour at all?", "net"),
    Scenario("receptors",
             "Could a receptor-targeted treatment (PRRT or a somatostatin analogue) work?",
             "receptors"),
    Scenario("rectal-depth",
             "How big and how deep is this small rectal tumour, before it is removed "
             "through the endoscope?", "t",
             overrides=(
                 *((t, _SCAN_NOT_DEPTH) for t in ("ct", "mri")),
                 ("sstr_pet", Cell(_N, "It does not measure depth in the wall, and whole-body "
                                   "receptor imaging is not a routine step before removing a "
                                   "small, localised, low-grade rectal NET.",
                                   ("ENETS2023_CRC",), unverified=True)),
                 ("endoscopy", Cell(_P, "Finds the rectal tumour and takes biopsies; EUS adds "
                                    "its depth in the wall.", ("S1",))),
                 ("biopsy_ihc", Cell(_N, "Before removal there is no removed tumour to "
                                     "measure; a biopsy gives the diagnosis and the grade.",
                                     ("S23",))),
             )),
)
#: The work-up scenarios, by id, in teaching order.
SCENARIOS: dict[str, Scenario] = {s.id: s for s in _SCENARIOS}


@dataclass(frozen=True)
class PickFeedback:
    """Feedback on one picked test: its level for the scenario, the reason and the sources."""

    test: str
    level: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class PlanResult:
    """The outcome of a learner's plan for one scenario.

    Attributes
    ----------
    scenario : str
        Scenario id.
    picks : tuple of PickFeedback
        One per picked test, in matrix order.
    best_found, best_total : int
        How many of the scenario's best tests were picked, out of how many.
    unhelpful : int
        Picked tests that do not answer the question.
    """

    scenario: str
    picks: tuple[PickFeedback, ...]
    best_found: int
    best_total: int
    unhelpful: int

    @property
    def complete(self) -> bool:
        """True when every best test was picked and no unhelpful one."""
        return self.best_found == self.best_total and self.unhelpful == 0

    @property
    def summary(self) -> str:
        """The score in words, e.g. ``"1 of 2 best tests picked; 1 pick does not help"``."""
        text = f"{self.best_found} of {self.best_total} best tests picked"
        if self.unhelpful:
            text += f"; {self.unhelpful} pick{'s' if self.unhelpful > 1 else ''} " \
                    f"{'do' if self.unhelpful > 1 else 'does'} not help"
        return text


def scenario(scenario_id: str) -> Scenario:
    """Return the scenario ``scenario_id``; ValueError lists the allowed ids."""
    return _lookup(SCENARIOS, scenario_id, "scenario")


def judge_plan(scenario_id: str, picks: Iterable[str]) -> PlanResult:
    """Give feedback on each test a learner picked for a scenario.

    Parameters
    ----------
    scenario_id : str
        Key of :data:`SCENARIOS`.
    picks : iterable of str
        Test ids (keys of :data:`TESTS`); order and repeats do not matter.

    Returns
    -------
    PlanResult

    Raises
    ------
    ValueError
        If the scenario or a test id is unknown.
    """
    s = scenario(scenario_id)
    chosen = set(picks)
    for t in chosen:
        lookup_test(t)
    feedback = tuple(
        PickFeedback(t, s.verdict(t).level, s.verdict(t).text, s.verdict(t).sources)
        for t in TESTS if t in chosen)
    best = s.best
    return PlanResult(
        scenario=s.id,
        picks=feedback,
        best_found=sum(1 for t in best if t in chosen),
        best_total=len(best),
        unhelpful=sum(1 for f in feedback if f.level == _N),
    )


# --- pitfalls: what falsely raises a marker ------------------------------------------------------


@dataclass(frozen=True)
class Marker:
    """A blood or urine marker with its pitfalls; ``normal`` says what a normal result means.

    ``short`` is the name inside a sentence (``"chromogranin A"``).
    """

    id: str
    name: str
    short: str
    normal: Statement


@dataclass(frozen=True)
class Condition:
    """Something about the patient that can falsely raise a marker (``short`` for diagrams)."""

    id: str
    label: str
    short: str


@dataclass(frozen=True)
class Interference:
    """``condition`` falsely raises ``marker``; ``advice`` says what to do about it."""

    marker: str
    condition: str
    effect: Statement
    advice: Statement | None = None


_MARKERS = (
    Marker("chromogranin_a", "Blood chromogranin A", "chromogranin A",
           Statement("A normal chromogranin A does not rule out a neuroendocrine tumour.",
                     ("VISS_SVF",))),
    Marker("gastrin", "Fasting blood gastrin", "gastrin",
           Statement("A normal fasting gastrin is uncommon in a gastrinoma: 0.3-3% of "
                     "patients in a large NIH series and in published cases.",
                     ("BERNA2006_FSG",))),
    Marker("urine_5hiaa", "24-hour urine 5-HIAA", "urine 5-HIAA",
           Statement("As a test for finding NETs in general its sensitivity may be as low as "
                     "35%, because many NETs make no serotonin: a normal result does not rule "
                     "out a NET. In carcinoid syndrome it is raised far more often.",
                     ("S1", "TORMEY1995"))),
)
#: The markers of the pitfall explorer, by id.
MARKERS: dict[str, Marker] = {m.id: m for m in _MARKERS}

_CONDITIONS = (
    Condition("ppi", "Takes a proton-pump inhibitor (PPI, an acid-reducing medicine)",
              "Proton-pump inhibitor"),
    Condition("h2_blocker", "Takes an H2 blocker (another acid-reducing medicine)",
              "H2 blocker"),
    Condition("atrophic_gastritis", "Has atrophic gastritis (a thinned stomach lining)",
              "Atrophic gastritis"),
    Condition("kidney_failure", "Has kidney failure", "Kidney failure"),
    Condition("liver_failure", "Has liver failure", "Liver failure"),
    Condition("heart", "Has high blood pressure or heart failure",
              "High blood pressure, heart failure"),
    Condition("ibd", "Has inflammatory bowel disease", "Inflammatory bowel disease"),
    Condition("other_cancer", "Has another cancer", "Another cancer"),
    Condition("serotonin_foods", "Ate serotonin-rich foods in the last 48 hours",
              "Serotonin-rich food, last 48 h"),
)
#: Patient conditions that can falsely raise a marker, by id.
CONDITIONS: dict[str, Condition] = {c.id: c for c in _CONDITIONS}

_CGA = ("S1", "S20")
_PPI_CGA_ADVICE = Statement(
    "In a prospective study, a 2-week pause of the PPI lowered unexplained high chromogranin A "
    "by about 82% (77% when it was switched to an H2 blocker), and a Swedish referral guide has "
    "the test taken after a two-week pause. Whether to pause is for the care team to decide "
    "and arrange: acid-lowering medicine is paused only under medical supervision.",
    ("S20", "VISS_SVF", "S18"))
#: One advice for both acid-lowering medicines (shown once even when both are ticked).
_ACID_GASTRIN_ADVICE = Statement(
    "Gastrin is best measured fasting. Whether an acid-lowering medicine (a PPI or an H2 "
    "blocker) is paused before the test is for the care team to decide and arrange, only under "
    "medical supervision: for a PPI, guidelines suggest more than a week where it is safe; in a "
    "gastrinoma, stopping acid suppression can lead to ulcer complications, so it is kept when "
    "stopping is risky.", ("S8", "S18", "MURUGESAN2009"))
_FOOD_ADVICE = Statement(
    "Bananas, tomatoes, eggplant (aubergine), pineapple, walnuts, avocado and kiwi are left out "
    "for about 48 hours before and during the collection. Some medicines can also change the "
    "result; the care team checks which ones before the collection.", ("S1", "S19"))

_INTERFERENCES = (
    Interference("chromogranin_a", "ppi",
                 Statement("Proton-pump inhibitors raise chromogranin A, even short, low-dose "
                           "courses.", _CGA), _PPI_CGA_ADVICE),
    *(Interference("chromogranin_a", c, Statement(f"{CONDITIONS[c].short}: chromogranin A "
                                                  "can be falsely raised.", _CGA))
      for c in ("h2_blocker", "atrophic_gastritis", "kidney_failure", "liver_failure", "heart",
                "ibd", "other_cancer")),
    Interference("gastrin", "ppi",
                 Statement("Proton-pump inhibitors falsely raise gastrin.", ("S8",
                                                                          "MURUGESAN2009")),
                 _ACID_GASTRIN_ADVICE),
    Interference("gastrin", "h2_blocker",
                 Statement("H2 blockers raise gastrin too: like proton-pump inhibitors, they "
                           "lower stomach acid.", ("MURUGESAN2009", "S18")),
                 _ACID_GASTRIN_ADVICE),
    Interference("gastrin", "atrophic_gastritis",
                 Statement("Atrophic gastritis raises gastrin and must be excluded.",
                           ("S18", "MURUGESAN2009"))),
    Interference("gastrin", "kidney_failure",
                 Statement("Kidney failure raises gastrin and must be excluded.", ("S18",))),
    Interference("urine_5hiaa", "serotonin_foods",
                 Statement("Serotonin-rich foods raise 5-HIAA.", ("S1", "S19")), _FOOD_ADVICE),
)
#: Every known (marker, condition) pitfall.
INTERFERENCES: dict[tuple[str, str], Interference] = {
    (i.marker, i.condition): i for i in _INTERFERENCES}


@dataclass(frozen=True)
class Interpretation:
    """What a marker result means for a patient with the given conditions.

    Attributes
    ----------
    marker : str
        Marker id.
    interfering : tuple of Interference
        The ticked conditions that falsely raise this marker.
    harmless : tuple of str
        The ticked conditions that do not affect this marker (in the course's sources).
    high_trustworthy : bool
        False when a high result may be a false rise.
    verdict : str
        The answer in plain words.
    """

    marker: str
    interfering: tuple[Interference, ...]
    harmless: tuple[str, ...]
    high_trustworthy: bool
    verdict: str

    @property
    def advice(self) -> tuple[Statement, ...]:
        """What the care team may arrange before the test, each piece of advice once."""
        return tuple(dict.fromkeys(i.advice for i in self.interfering if i.advice))

    @property
    def source_keys(self) -> tuple[str, ...]:
        """Every source key behind the interpretation."""
        keys: list[str] = []
        for i in self.interfering:
            for group in (i.effect.sources, i.advice.sources if i.advice else ()):
                keys.extend(k for k in group if k not in keys)
        keys.extend(k for k in MARKERS[self.marker].normal.sources if k not in keys)
        return tuple(keys)


def marker(marker_id: str) -> Marker:
    """Return the marker ``marker_id``; ValueError lists the allowed ids."""
    return _lookup(MARKERS, marker_id, "marker")


def interpret_marker(marker_id: str, conditions: Iterable[str]) -> Interpretation:
    """Say whether a high ``marker_id`` result can be trusted for a patient with ``conditions``.

    Parameters
    ----------
    marker_id : str
        Key of :data:`MARKERS`.
    conditions : iterable of str
        Keys of :data:`CONDITIONS` that apply to the patient.

    Returns
    -------
    Interpretation

    Raises
    ------
    ValueError
        If the marker or a condition is unknown.
    """
    m = marker(marker_id)
    ticked = [c for c in CONDITIONS if c in set(conditions)]
    for c in set(conditions):
        _lookup(CONDITIONS, c, "condition")
    interfering = tuple(INTERFERENCES[(m.id, c)] for c in ticked if (m.id, c) in INTERFERENCES)
    harmless = tuple(c for c in ticked if (m.id, c) not in INTERFERENCES)
    if interfering:
        verdict = (f"A high {m.short} may be a false rise: check the "
                   f"{'cause' if len(interfering) == 1 else 'causes'} below first.")
    else:
        verdict = (f"Nothing ticked is known to raise {m.short} falsely. A high result still "
                   "needs the confirming tests and a look at other causes before it is trusted.")
    return Interpretation(m.id, interfering, harmless, not interfering, verdict)


# --- all sources ------------------------------------------------------------------------------


def all_source_keys() -> tuple[str, ...]:
    """Every source key cited anywhere in this module's data (for validation)."""
    groups: list[tuple[str, ...]] = []
    groups += [s.sources for t in TESTS.values() for s in t.facts]
    groups += [c.sources for c in CELLS.values()]
    groups += [c.sources for s in SCENARIOS.values() for _t, c in s.overrides]
    groups += [m.normal.sources for m in MARKERS.values()]
    groups += [s.sources for s in WORKUP_EXTRAS]
    for i in INTERFERENCES.values():
        groups.append(i.effect.sources)
        if i.advice:
            groups.append(i.advice.sources)
    keys: list[str] = []
    for group in groups:
        keys.extend(k for k in group if k not in keys)
    return tuple(keys)


def readout_texts() -> tuple[str, ...]:
    """Every sentence of this module's data that a learner can read (for wording checks)."""
    texts = [q.text for q in QUESTIONS.values()]
    texts += [t.what for t in TESTS.values()] + [s.text for t in TESTS.values() for s in t.facts]
    texts += [c.text for c in CELLS.values()] + [NO_CELL_TEXT]
    texts += [s.prompt for s in SCENARIOS.values()]
    texts += [c.text for s in SCENARIOS.values() for _t, c in s.overrides]
    texts += [m.normal.text for m in MARKERS.values()] + [s.text for s in WORKUP_EXTRAS]
    for i in INTERFERENCES.values():
        texts.append(i.effect.text)
        if i.advice:
            texts.append(i.advice.text)
    return tuple(texts)


def _check_links() -> None:
    """Fail at import if a hormone test points to a confirming test that does not exist."""
    for t in TESTS.values():
        missing = [c for c in t.confirms if c not in CONFIRM_TESTS]
        if missing:
            raise ValueError(f"test {t.id!r} confirms unknown {missing}; known: "
                             f"{', '.join(CONFIRM_TESTS)}")


_check_links()
