"""Functional and non-functional GEP-NETs: the hormone syndromes as cited data, and their logic.

Everything here comes from the project's clinical reference notes (sections 3, 4 and 9), each
statement with its source keys (resolved in :data:`gepnet_widgets.sources.SOURCES`). Items not
yet checked against the original source carry ``unverified=True`` so that a widget can say so in
the learner's words.

The data are linked by id, never by copied text:

* a :class:`Syndrome` names its :class:`Hormone` (``hormone``), the :class:`Symptom` ids of its
  features, the places where it usually arises (:data:`PLACES`: the seven GEP sites of
  :data:`gepnet_widgets.staging.SITES` plus a small extra vocabulary for places outside them)
  and the :class:`ConfirmTest` that proves it;
* :func:`links_from` walks these links in either direction (symptom -> hormone -> syndrome ->
  site -> test, and back);
* :func:`serotonin_flow` is the liver-bypass logic of carcinoid syndrome;
* :data:`MYSTERIES` are short fictional stories built only from the syndromes' features, and
  :func:`judge_mystery` gives feedback on a learner's answer.

Pure layer-1 module: no plotting, widget or IPython import.

Examples
--------
>>> sorted(links_from("symptom", "diarrhoea").syndromes)
['carcinoid_syndrome', 'gastrinoma', 'somatostatinoma', 'vipoma']
>>> serotonin_flow("jejunum_ileum", liver_metastases=False).reaches_body
False
>>> serotonin_flow("jejunum_ileum", liver_metastases=True).reaches_body
True
"""

from __future__ import annotations

from dataclasses import dataclass

from .staging import SITES, site_label

__all__ = [
    "Statement",
    "Symptom",
    "Hormone",
    "Feature",
    "SiteLink",
    "ConfirmTest",
    "Syndrome",
    "Links",
    "Drainage",
    "FlowStep",
    "FlowResult",
    "Mystery",
    "PickVerdict",
    "MysteryVerdict",
    "symptom",
    "hormone",
    "syndrome",
    "confirm_test",
    "place_label",
    "links_from",
    "start_options",
    "item_options",
    "item_label",
    "syndromes_with_symptom",
    "serotonin_flow",
    "mystery",
    "judge_mystery",
    "hormone_choices",
    "syndrome_choices",
    "all_source_keys",
    "readout_texts",
    "EXTRA_PLACES",
    "PLACES",
    "SYMPTOMS",
    "HORMONES",
    "SYNDROMES",
    "CONFIRM_TESTS",
    "START_KINDS",
    "FUNCTIONAL_DEFINITION",
    "NONFUNCTIONING_DEFINITION",
    "MOST_ARE_NONFUNCTIONING",
    "INACTIVE_PRODUCTS",
    "NOT_IN_STAGING",
    "RARER_SYNDROMES",
    "SOURCE_DISAGREEMENTS",
    "FLOW_PRIMARIES",
    "FLOW_PRIMARY_LABELS",
    "DRAINAGE",
    "LIVER_INACTIVATES",
    "LIVER_NOTES",
    "CARCINOID_MAINLY_WITH_LIVER_METASTASES",
    "OTHER_BYPASS_ROUTES",
    "MYSTERIES",
    "NO_HORMONE",
    "NONFUNCTIONING",
]


# --- building blocks ------------------------------------------------------------------------


@dataclass(frozen=True)
class Statement:
    """One cited sentence of teaching text.

    Attributes
    ----------
    text : str
        The statement in plain words.
    sources : tuple of str
        Source keys; each resolves in :data:`gepnet_widgets.sources.SOURCES`.
    unverified : bool
        True where the fact base marks the statement *unverified*; widgets must label it.
    """

    text: str
    sources: tuple[str, ...]
    unverified: bool = False


@dataclass(frozen=True)
class Symptom:
    """A symptom or sign that a hormone syndrome can cause.

    Attributes
    ----------
    id : str
        Stable id used by the syndromes' features.
    label : str
        Plain words, short enough for a diagram node.
    term : str
        The medical term (shown next to the plain words).
    """

    id: str
    label: str
    term: str


@dataclass(frozen=True)
class Hormone:
    """A hormone that a functioning GEP-NET can make in excess.

    Attributes
    ----------
    id : str
        Stable id.
    name : str
        Display name.
    short : str
        Name inside a sentence (``"insulin"``, ``"VIP"``).
    excess : str
        What too much of it does, in plain words (built from the syndrome's features).
    sources : tuple of str
        Source keys.
    """

    id: str
    name: str
    short: str
    excess: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Feature:
    """One feature of a syndrome: the symptom id, what is typical about it, and the sources."""

    symptom: str
    detail: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class SiteLink:
    """Where a syndrome's tumour usually arises (``place`` is a key of :data:`PLACES`).

    ``main`` marks the usual place; other links are less common places or exceptions.
    """

    place: str
    note: str
    sources: tuple[str, ...]
    main: bool = True


@dataclass(frozen=True)
class ConfirmTest:
    """The test that confirms a syndrome, with what it shows (cited statements).

    ``positive`` is how a result that supports the syndrome is said (``"raised"`` for a level,
    ``"positive"`` for the supervised fast, which is read as positive or negative).
    """

    id: str
    name: str
    short: str
    details: tuple[Statement, ...]
    positive: str = "raised"


@dataclass(frozen=True)
class Syndrome:
    """A hormone syndrome of a functioning GEP-NET, linked to the rest of the data by id.

    Attributes
    ----------
    id, name, short : str
        Stable id, full display name, and a short name for diagrams.
    hormone : str
        Key of :data:`HORMONES`.
    features : tuple of Feature
        Its typical features (symptom ids with detail and sources).
    sites : tuple of SiteLink
        Where it usually arises (keys of :data:`PLACES`).
    test : str
        Key of :data:`CONFIRM_TESTS`.
    notes : tuple of Statement
        Further cited facts (how often malignant, inherited syndromes, cautions).
    """

    id: str
    name: str
    short: str
    hormone: str
    features: tuple[Feature, ...]
    sites: tuple[SiteLink, ...]
    test: str
    notes: tuple[Statement, ...] = ()

    @property
    def symptoms(self) -> tuple[str, ...]:
        """The symptom ids of its features, in order."""
        return tuple(f.symptom for f in self.features)

    @property
    def places(self) -> tuple[str, ...]:
        """The place keys of its sites, in order."""
        return tuple(s.place for s in self.sites)

    @property
    def source_keys(self) -> tuple[str, ...]:
        """Every source key the syndrome cites (features, sites, test, notes), in order."""
        keys: list[str] = []
        groups = [f.sources for f in self.features] + [s.sources for s in self.sites]
        groups += [d.sources for d in CONFIRM_TESTS[self.test].details]
        groups += [n.sources for n in self.notes]
        for group in groups:
            keys.extend(k for k in group if k not in keys)
        return tuple(keys)


# --- vocabulary -----------------------------------------------------------------------------

#: Places outside the seven GEP sites, needed for carcinoid-syndrome exceptions and metastases.
EXTRA_PLACES: dict[str, str] = {
    "ovary": "Ovary",
    "lung": "Lung (bronchus)",
    "liver": "Liver",
    "bone": "Bone",
}

#: Every place key the data may name: the GEP sites (from the staging module) and the extras.
PLACES: dict[str, str] = {**{s: site_label(s) for s in SITES}, **EXTRA_PLACES}

_SYMPTOMS = (
    Symptom("hypoglycaemia", "Low blood sugar", "hypoglycaemia"),
    Symptom("peptic_ulcers", "Stomach or duodenal ulcers", "peptic ulcers"),
    Symptom("reflux", "Acid reflux (heartburn)", "GERD"),
    Symptom("diarrhoea", "Diarrhoea", "diarrhoea"),
    Symptom("abdominal_pain", "Belly pain", "abdominal pain"),
    Symptom("skin_rash", "Moving red skin rash", "necrolytic migratory erythema"),
    Symptom("diabetes", "Diabetes (high blood sugar)", "hyperglycaemia"),
    Symptom("blood_clots", "Blood clots in veins", "venous thrombosis"),
    Symptom("hypokalaemia", "Low potassium", "hypokalaemia"),
    Symptom("achlorhydria", "No stomach acid", "achlorhydria"),
    Symptom("gallstones", "Gallstones", "cholelithiasis"),
    Symptom("steatorrhoea", "Fatty stools", "steatorrhoea"),
    Symptom("flushing", "Flushing", "flushing"),
    Symptom("wheezing", "Wheezing", "bronchospasm"),
    Symptom("heart_valves", "Heart valve damage", "carcinoid heart disease"),
)
#: Symptoms and signs, by id, in diagram order.
SYMPTOMS: dict[str, Symptom] = {s.id: s for s in _SYMPTOMS}

_HORMONES = (
    Hormone("insulin", "Insulin", "insulin",
            "Too much insulin lowers the blood sugar (hypoglycaemia).", ("S17",)),
    Hormone("gastrin", "Gastrin", "gastrin",
            "Too much gastrin causes ulcers that are hard to treat, acid reflux and diarrhoea.",
            ("S1", "S18")),
    Hormone("glucagon", "Glucagon", "glucagon",
            "Too much glucagon causes a moving skin rash, diabetes and blood clots.", ("S2",)),
    Hormone("vip", "VIP (vasoactive intestinal peptide)", "VIP",
            "Too much VIP causes watery diarrhoea, low potassium and no stomach acid.", ("S2",)),
    Hormone("somatostatin", "Somatostatin", "somatostatin",
            "Too much somatostatin causes diabetes, gallstones and diarrhoea or fatty stools.",
            ("S2",)),
    Hormone("serotonin", "Serotonin (with other amines and peptides)", "serotonin",
            "Too much serotonin, with other vasoactive substances, causes flushing, diarrhoea, "
            "belly pain, wheezing and damage to the heart valves.", ("S1",)),
)
#: The hormones of the syndromes, by id.
HORMONES: dict[str, Hormone] = {h.id: h for h in _HORMONES}

# --- confirming tests ---------------------------------------------------------------------------

_CONFIRM = (
    ConfirmTest(
        "supervised_fast",
        "Supervised fast (48-72 hours)",
        "Supervised fast",
        (
            Statement("Under supervision the patient fasts for up to 48-72 hours. Insulinoma is "
                      "shown by a blood glucose below 55 mg/dL (3.0 mmol/L) while insulin is "
                      "still inappropriately detectable, with C-peptide at least 0.6 ng/mL "
                      "(0.2 nmol/L) and proinsulin at least 5 pmol/L.", ("S17",)),
            Statement("About 98% of people with an insulinoma become hypoglycaemic within 48 "
                      "hours, and 70-80% within 24 hours.", ("S17",)),
            Statement("Sources differ on the insulin cut-off: at least 3 µU/mL (Endocrine "
                      "Society style) or more than 6 µU/mL (MSD Manual).", ("S17",)),
            Statement("The fast is read as positive or negative, not as raised. A screen for "
                      "sulfonylureas (diabetes tablets that also raise insulin and C-peptide) "
                      "is part of the test.", ("S17",)),
        ),
        positive="positive",
    ),
    ConfirmTest(
        "gastrin_ph_secretin",
        "Fasting gastrin with stomach pH; secretin test",
        "Gastrin + pH, secretin test",
        (
            Statement("A fasting gastrin more than 10 times the upper limit of normal with a "
                      "stomach pH below 2 is the classic diagnostic criterion.", ("S18",),
                      unverified=True),
            Statement("About two thirds of patients have a smaller (less than 10-fold) rise; "
                      "then a secretin test helps: a gastrin rise of at least 120 pg/mL had a "
                      "sensitivity of 94% and a specificity of 100% in the NIH series.",
                      ("S18",)),
            Statement("Proton-pump inhibitors and H2 blockers raise gastrin. Gastrin is best "
                      "measured fasting and, where the care team judges it safe, after a pause "
                      "of more than a week from the PPI; the pause is arranged only under "
                      "medical supervision, because stopping acid suppression in a gastrinoma "
                      "can lead to ulcer complications.", ("S8", "S18", "MURUGESAN2009")),
            Statement("Kidney failure and atrophic gastritis also raise gastrin and must be "
                      "excluded.", ("S18",)),
        ),
    ),
    ConfirmTest(
        "glucagon_level",
        "Blood glucagon level",
        "Blood glucagon",
        (Statement("A glucagon level above 1000 pg/mL confirms a glucagonoma.", ("S2",)),),
    ),
    ConfirmTest(
        "vip_level",
        "Blood VIP level (with electrolytes)",
        "Blood VIP",
        (
            Statement("A VIP level above 200 pg/mL is diagnostic.", ("S2",)),
            Statement("Electrolytes (such as potassium) are checked too.", ("S8",)),
        ),
    ),
    ConfirmTest(
        "somatostatin_level",
        "Fasting somatostatin level",
        "Fasting somatostatin",
        (Statement("A fasting somatostatin level above 100 pg/mL.", ("S2",)),),
    ),
    ConfirmTest(
        "urine_5hiaa",
        "24-hour urine 5-HIAA",
        "Urine 5-HIAA (24 h)",
        (
            Statement("5-HIAA is what serotonin is broken down to. The 24-hour urine test has "
                      "a specificity of about 88%. Its sensitivity as low as 35% concerns "
                      "finding NETs in general, many of which make no serotonin; in carcinoid "
                      "syndrome it is raised far more often.", ("S1", "S19", "TORMEY1995")),
            Statement("For about 48 hours before and during the collection, serotonin-rich "
                      "foods such as bananas, tomatoes, eggplant (aubergine), pineapple, "
                      "walnuts, avocado and kiwi are left out.", ("S1", "S19")),
            Statement("Plasma or serum 5-HIAA is available at some centres; serotonin in food "
                      "raises serum 5-HIAA only for a short time (back to baseline within 24 "
                      "hours).", ("S19",)),
        ),
    ),
)
#: The tests that confirm each syndrome, by id.
CONFIRM_TESTS: dict[str, ConfirmTest] = {t.id: t for t in _CONFIRM}

# --- the syndromes ------------------------------------------------------------------------------

_SYNDROMES = (
    Syndrome(
        "insulinoma", "Insulinoma", "Insulinoma", "insulin",
        features=(
            Feature("hypoglycaemia", "low blood sugar when fasting or exercising, with symptoms "
                    "from the brain running short of sugar and from the body's alarm response "
                    "(neuroglycopenic and adrenergic symptoms)", ("S17",)),
        ),
        sites=(SiteLink("pancreas", "the pancreas", ("S2",)),),
        test="supervised_fast",
        notes=(
            Statement("About 10% are multiple, about 10% are malignant, and 5-8% occur with "
                      "the inherited syndrome MEN1.", ("S2",)),
            Statement("Somatostatin-receptor scans often miss insulinomas; GLP-1 receptor "
                      "PET/CT found the insulinoma in 42 of 43 patients in one prospective "
                      "study. Endoscopic ultrasound localises more than 90%.",
                      ("LUO2016", "S17")),
            Statement("Care teams control the low blood sugar with frequent meals and the "
                      "medicine diazoxide, which lowers insulin release, before surgery or when "
                      "the tumour cannot be removed. A somatostatin analogue is considered only "
                      "if the tumour is receptor-positive, otherwise low blood sugar can get "
                      "worse.", ("INSULINOMA_MED", "S8")),
        ),
    ),
    Syndrome(
        "gastrinoma", "Gastrinoma (Zollinger-Ellison syndrome)", "Gastrinoma (ZES)", "gastrin",
        features=(
            Feature("peptic_ulcers", "peptic ulcers that do not heal, are multiple or are in "
                    "unusual places", ("S1",)),
            Feature("reflux", "acid reflux (GERD)", ("S1",)),
            Feature("diarrhoea", "diarrhoea in about half of patients", ("S1",)),
            Feature("abdominal_pain", "belly pain in about half of patients", ("S1",)),
        ),
        sites=(
            SiteLink("duodenum", "70-80% are in the duodenum", ("S18",)),
            SiteLink("pancreas", "the head of the pancreas", ("S18",)),
        ),
        test="gastrin_ph_secretin",
        notes=(
            Statement("MEN1 causes 20-30% of cases (the NCI PDQ gives 15-35%: sources "
                      "differ).", ("S18", "S1")),
            Statement("Germline (inherited) genetic testing for MEN1 is part of the gastrinoma "
                      "work-up.", ("S8", "ZHANG_KUNZ2022")),
        ),
    ),
    Syndrome(
        "glucagonoma", "Glucagonoma", "Glucagonoma", "glucagon",
        features=(
            Feature("skin_rash", "necrolytic migratory erythema, a red rash that moves around "
                    "the body", ("S2",)),
            Feature("diabetes", "high blood sugar or diabetes", ("S2",)),
            Feature("blood_clots", "blood clots in the veins (venous thrombosis)", ("S2",)),
        ),
        sites=(SiteLink("pancreas", "usually the tail of the pancreas", ("S8",)),),
        test="glucagon_level",
        notes=(Statement("About 75% are malignant.", ("S2",)),),
    ),
    Syndrome(
        "vipoma", "VIPoma (WDHA syndrome)", "VIPoma (WDHA)", "vip",
        features=(
            Feature("diarrhoea", "watery diarrhoea, the W of WDHA", ("S2",)),
            Feature("hypokalaemia", "low potassium (hypokalaemia), the H of WDHA", ("S2",)),
            Feature("achlorhydria", "no stomach acid (achlorhydria), the A of WDHA", ("S2",)),
        ),
        sites=(SiteLink("pancreas", "mostly the pancreas", ("S2",)),),
        test="vip_level",
    ),
    Syndrome(
        "somatostatinoma", "Somatostatinoma", "Somatostatinoma", "somatostatin",
        features=(
            Feature("diabetes", "diabetes", ("S2",)),
            Feature("gallstones", "gallstones (somatostatin inhibits the hormone CCK)",
                    ("S2",)),
            Feature("diarrhoea", "diarrhoea, as digestive enzymes and bicarbonate are held "
                    "back", ("S2",)),
            Feature("steatorrhoea", "fatty stools (steatorrhoea)", ("S2",)),
        ),
        sites=(
            SiteLink("pancreas", "the pancreas", ("S2",)),
            SiteLink("duodenum", "the duodenum around the ampulla (up to 50% with the "
                     "inherited syndrome NF1); these duodenal D-cell tumours rarely cause the "
                     "syndrome", ("S1",)),
        ),
        test="somatostatin_level",
        notes=(Statement("Most are malignant or have spread when found.", ("S2",)),),
    ),
    Syndrome(
        "carcinoid_syndrome", "Carcinoid syndrome", "Carcinoid syndrome", "serotonin",
        features=(
            Feature("flushing", "flushing", ("S1",)),
            Feature("diarrhoea", "diarrhoea", ("S1",)),
            Feature("abdominal_pain", "belly pain", ("S1",)),
            Feature("wheezing", "wheezing (bronchospasm)", ("S1",)),
            Feature("heart_valves", "carcinoid heart disease in more than a third of people "
                    "with the syndrome: scarring of the right-sided valves (tricuspid, "
                    "pulmonary)", ("S1",)),
        ),
        sites=(
            SiteLink("jejunum_ileum", "small-intestine (midgut) NETs of the EC "
                     "(enterochromaffin) cells, mainly once they have spread to the liver",
                     ("S1",)),
            SiteLink("ovary", "ovarian primaries: their veins bypass the liver", ("S1",),
                     main=False),
            SiteLink("lung", "bronchial primaries: their veins bypass the liver", ("S1",),
                     main=False),
        ),
        test="urine_5hiaa",
        notes=(
            Statement("It occurs in fewer than 20% of people with a NET.", ("S1",)),
            Statement("A carcinoid crisis can be set off by anaesthesia, surgery or "
                      "embolisation; care teams prevent it with somatostatin-analogue cover.",
                      ("S1",)),
            Statement("Echocardiography (an ultrasound scan of the heart) looks for carcinoid "
                      "heart disease in people with carcinoid syndrome.",
                      ("CHD_EXPERT2017",)),
        ),
    ),
)
#: The six classic syndromes, by id, in teaching order.
SYNDROMES: dict[str, Syndrome] = {s.id: s for s in _SYNDROMES}

# --- definitions and context --------------------------------------------------------------------

FUNCTIONAL_DEFINITION = Statement(
    "A functioning NET causes a clinical syndrome, and tests prove that a hormone is "
    "inappropriately raised: both are needed.", ("S16",))
NONFUNCTIONING_DEFINITION = Statement(
    "Non-functioning means no hormone-related symptoms, whether or not hormone levels in the "
    "blood are raised.", ("S8",))
MOST_ARE_NONFUNCTIONING = Statement(
    "Most GEP-NETs are non-functioning. They are found because of their size (pressing on "
    "nearby structures), because they have spread, or by chance.", ("S2",))
INACTIVE_PRODUCTS = Statement(
    "Non-functioning pancreatic NETs may still release products that cause no symptoms: "
    "pancreatic polypeptide, neurotensin, alpha-hCG, NSE and chromogranin A.", ("S2",))
NOT_IN_STAGING = Statement(
    "Whether a tumour makes hormones does not change its TNM stage.", ("S3",))
RARER_SYNDROMES = Statement(
    "Rarer syndromes include ACTHoma, PTHrPoma, calcitoninoma and GHRHoma.", ("S16",))

#: Where sources disagree, as shown in the lesson (the tools use the first reading).
SOURCE_DISAGREEMENTS: tuple[Statement, ...] = (
    Statement("Insulinoma, insulin cut-off during the fast: at least 3 µU/mL (Endocrine "
              "Society style) or more than 6 µU/mL (MSD Manual); both are shown.", ("S17",)),
    Statement("Gastrinoma with MEN1: 20-30% of cases (NIH series) or 15-35% (NCI PDQ).",
              ("S18", "S1")),
    Statement("Gastrinoma, fasting gastrin more than 10 times normal with pH below 2: a "
              "classic criterion, not yet checked against the original source.", ("S18",),
              unverified=True),
)

# --- navigation -----------------------------------------------------------------------------

#: The kinds of thing a learner can start from, with their labels.
START_KINDS: tuple[tuple[str, str], ...] = (
    ("A symptom", "symptom"),
    ("A hormone", "hormone"),
    ("A syndrome", "syndrome"),
    ("A site", "site"),
    ("A test", "test"),
)


@dataclass(frozen=True)
class Links:
    """What is connected to one starting point.

    Attributes
    ----------
    kind, item : str
        The starting point (``kind`` from :data:`START_KINDS`, ``item`` an id of that kind).
    syndromes, hormones, symptoms, places, tests : tuple of str
        Ids connected to it through the syndromes, in data order.
    """

    kind: str
    item: str
    syndromes: tuple[str, ...]
    hormones: tuple[str, ...]
    symptoms: tuple[str, ...]
    places: tuple[str, ...]
    tests: tuple[str, ...]


def _lookup(table: dict, key: object, what: str):
    try:
        return table[key]
    except (KeyError, TypeError):
        raise ValueError(f"unknown {what} {key!r}; allowed: {', '.join(table)}") from None


def symptom(symptom_id: str) -> Symptom:
    """Return the symptom ``symptom_id``; ValueError lists the allowed ids."""
    return _lookup(SYMPTOMS, symptom_id, "symptom")


def hormone(hormone_id: str) -> Hormone:
    """Return the hormone ``hormone_id``; ValueError lists the allowed ids."""
    return _lookup(HORMONES, hormone_id, "hormone")


def syndrome(syndrome_id: str) -> Syndrome:
    """Return the syndrome ``syndrome_id``; ValueError lists the allowed ids."""
    return _lookup(SYNDROMES, syndrome_id, "syndrome")


def confirm_test(test_id: str) -> ConfirmTest:
    """Return the confirming test ``test_id``; ValueError lists the allowed ids."""
    return _lookup(CONFIRM_TESTS, test_id, "confirming test")


def place_label(place: str) -> str:
    """Return the plain name of ``place`` (a GEP site or an extra place)."""
    return _lookup(PLACES, place, "place")


def syndromes_with_symptom(symptom_id: str) -> tuple[str, ...]:
    """Return the ids of the syndromes that list ``symptom_id`` among their features."""
    symptom(symptom_id)
    return tuple(s.id for s in SYNDROMES.values() if symptom_id in s.symptoms)


def _matching_syndromes(kind: str, item: str) -> tuple[str, ...]:
    if kind == "symptom":
        return syndromes_with_symptom(item)
    if kind == "hormone":
        hormone(item)
        return tuple(s.id for s in SYNDROMES.values() if s.hormone == item)
    if kind == "syndrome":
        return (syndrome(item).id,)
    if kind == "site":
        place_label(item)
        return tuple(s.id for s in SYNDROMES.values() if item in s.places)
    if kind == "test":
        confirm_test(item)
        return tuple(s.id for s in SYNDROMES.values() if s.test == item)
    allowed = ", ".join(k for _label, k in START_KINDS)
    raise ValueError(f"unknown starting point {kind!r}; allowed: {allowed}")


def _union(groups) -> tuple[str, ...]:
    out: list[str] = []
    for group in groups:
        out.extend(x for x in group if x not in out)
    return tuple(out)


def links_from(kind: str, item: str) -> Links:
    """Follow the links from one starting point through every syndrome it touches.

    Parameters
    ----------
    kind : str
        ``"symptom"``, ``"hormone"``, ``"syndrome"``, ``"site"`` or ``"test"``.
    item : str
        An id of that kind (a place key for ``"site"``).

    Returns
    -------
    Links
        The connected syndromes, and their hormones, symptoms, places and tests.

    Raises
    ------
    ValueError
        If ``kind`` or ``item`` is unknown (the message lists what is allowed).
    """
    ids = _matching_syndromes(kind, item)
    found = [SYNDROMES[i] for i in ids]
    return Links(
        kind=kind,
        item=item,
        syndromes=ids,
        hormones=_union((s.hormone,) for s in found),
        symptoms=_union(s.symptoms for s in found),
        places=_union(s.places for s in found),
        tests=_union((s.test,) for s in found),
    )


def _site_places() -> tuple[str, ...]:
    return _union(s.places for s in SYNDROMES.values())


def item_options(kind: str) -> tuple[tuple[str, str], ...]:
    """Return ``(label, id)`` pairs a learner can choose for ``kind`` (only linked items)."""
    if kind == "symptom":
        return tuple((s.label, s.id) for s in SYMPTOMS.values())
    if kind == "hormone":
        return tuple((h.name, h.id) for h in HORMONES.values())
    if kind == "syndrome":
        return tuple((s.name, s.id) for s in SYNDROMES.values())
    if kind == "site":
        return tuple((place_label(p), p) for p in _site_places())
    if kind == "test":
        return tuple((t.name, t.id) for t in CONFIRM_TESTS.values())
    allowed = ", ".join(k for _label, k in START_KINDS)
    raise ValueError(f"unknown starting point {kind!r}; allowed: {allowed}")


def start_options() -> tuple[tuple[str, str], ...]:
    """Return the ``(label, kind)`` pairs of the starting points."""
    return START_KINDS


def item_label(kind: str, item: str) -> str:
    """Return the display label of ``item`` of ``kind``."""
    for label, key in item_options(kind):
        if key == item:
            return label
    raise ValueError(f"unknown {kind} {item!r}; allowed: "
                     f"{', '.join(k for _l, k in item_options(kind))}")


# --- carcinoid syndrome: why the liver matters -----------------------------------------------

LIVER_INACTIVATES = Statement(
    "Blood from the gut passes through the liver first, and the liver normally inactivates "
    "serotonin and similar amines.", ("S1",))
CARCINOID_MAINLY_WITH_LIVER_METASTASES = Statement(
    "Carcinoid syndrome comes mainly from small-intestine (midgut) NETs that have spread to the "
    "liver.", ("S1",))
#: The liver box's label in the serotonin-flow drawing, by state (see FlowResult.liver_note);
#: the same facts as the "liver" and "jejunum_ileum" entries of DRAINAGE [S1].
LIVER_NOTES: dict[str, str] = {
    "filter": "liver inactivates\nthe serotonin",
    "metastases": "metastases release\nserotonin into\nthe hepatic veins",
}
OTHER_BYPASS_ROUTES = Statement(
    "Other exceptions where the blood bypasses the liver: disease behind the abdominal lining "
    "(retroperitoneal) or in the pelvis, and extensive bone metastases.", ("S1",))


@dataclass(frozen=True)
class Drainage:
    """Where the blood from one place goes first.

    ``route`` is ``"portal"`` (through the liver first, which inactivates serotonin) or
    ``"systemic"`` (straight into the body's circulation).
    """

    place: str
    route: str
    text: str
    sources: tuple[str, ...]


#: The primary places a learner can move the tumour to in the flow drawing, with labels.
FLOW_PRIMARY_LABELS: dict[str, str] = {
    "jejunum_ileum": "Small intestine (jejunum or ileum)",
    "ovary": "Ovary",
    "lung": "Lung (bronchus)",
}
FLOW_PRIMARIES: tuple[str, ...] = tuple(FLOW_PRIMARY_LABELS)

_DRAINAGE = (
    Drainage("jejunum_ileum", "portal",
             "Blood from the small intestine flows to the liver first (portal vein), and the "
             "liver inactivates the serotonin.", ("S1", "RCC_GEPNET")),
    Drainage("liver", "systemic",
             "Metastases in the liver release serotonin into the hepatic veins, the blood "
             "already leaving the liver, so it reaches the rest of the body without being "
             "inactivated.", ("S1",)),
    Drainage("ovary", "systemic",
             "The veins of the ovary bypass the liver: serotonin goes straight into the "
             "body's circulation.", ("S1",)),
    Drainage("lung", "systemic",
             "The veins of the lung (bronchus) bypass the liver: serotonin goes straight into "
             "the body's circulation.", ("S1",)),
    Drainage("bone", "systemic",
             "Extensive bone metastases release serotonin into blood that bypasses the liver.",
             ("S1",)),
)
#: Where blood from each place goes first, by place key.
DRAINAGE: dict[str, Drainage] = {d.place: d for d in _DRAINAGE}


@dataclass(frozen=True)
class FlowStep:
    """One place holding tumour, and where its serotonin goes."""

    place: str
    route: str
    reaches_body: bool
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class FlowResult:
    """Whether serotonin from a tumour reaches the body's circulation, and why.

    Attributes
    ----------
    primary : str
        Place of the primary tumour.
    liver_metastases, bone_metastases : bool
        Whether there are metastases there.
    steps : tuple of FlowStep
        One step per place holding tumour (primary first).
    reaches_body : bool
        True when at least one place drains straight into the body's circulation.
    verdict : str
        The answer in plain words.
    """

    primary: str
    liver_metastases: bool
    bone_metastases: bool
    steps: tuple[FlowStep, ...]
    reaches_body: bool
    verdict: str

    @property
    def source_keys(self) -> tuple[str, ...]:
        """Every source key behind the steps."""
        return _union(s.sources for s in self.steps)

    @property
    def liver_note(self) -> str:
        """What the liver does to the serotonin in this state, as the drawing labels it.

        Metastases in the liver release serotonin into the hepatic veins (the liver is no
        filter for them); otherwise the liver inactivates serotonin from a small-intestine
        primary; an ovarian or bronchial primary bypasses the liver (empty label).
        """
        if self.liver_metastases:
            return LIVER_NOTES["metastases"]
        if self.primary == "jejunum_ileum":
            return LIVER_NOTES["filter"]
        return ""


def serotonin_flow(primary: str, liver_metastases: bool = False,
                   bone_metastases: bool = False) -> FlowResult:
    """Follow serotonin from a tumour to see whether it reaches the body's circulation.

    Parameters
    ----------
    primary : str
        One of :data:`FLOW_PRIMARIES` (the small intestine, the ovary or the lung).
    liver_metastases, bone_metastases : bool
        Whether the tumour has spread to the liver, or extensively to the bones.

    Returns
    -------
    FlowResult
        ``reaches_body`` is True when any tumour drains past the liver (liver metastases, an
        ovarian or bronchial primary, extensive bone metastases) [S1].

    Raises
    ------
    ValueError
        If ``primary`` is not one of :data:`FLOW_PRIMARIES`, or a flag is not a bool.
    """
    if primary not in FLOW_PRIMARIES:
        raise ValueError(f"unknown primary place {primary!r}; allowed: "
                         f"{', '.join(FLOW_PRIMARIES)}")
    for name, flag in (("liver_metastases", liver_metastases),
                       ("bone_metastases", bone_metastases)):
        if not isinstance(flag, bool):
            raise ValueError(f"{name} must be True or False, got {flag!r}")
    places = [primary] + (["liver"] if liver_metastases else []) + (
        ["bone"] if bone_metastases else [])
    steps = tuple(
        FlowStep(p, DRAINAGE[p].route, DRAINAGE[p].route == "systemic", DRAINAGE[p].text,
                 DRAINAGE[p].sources)
        for p in places
    )
    reaches = any(s.reaches_body for s in steps)
    if reaches:
        verdict = ("Serotonin reaches the body's circulation: carcinoid syndrome can occur.")
    else:
        verdict = ("The liver inactivates the serotonin before it reaches the rest of the "
                   "body: carcinoid syndrome is unusual.")
    return FlowResult(primary, liver_metastases, bone_metastases, steps, reaches, verdict)


# --- mystery patients -------------------------------------------------------------------------

#: Answer value for "no hormone": the tumour is non-functioning.
NO_HORMONE = "none"
#: Answer value for "no syndrome": the tumour is non-functioning.
NONFUNCTIONING = "nonfunctioning"


@dataclass(frozen=True)
class Mystery:
    """A short fictional patient story for the learner to solve.

    Attributes
    ----------
    id, title, story : str
        Stable id, a neutral title (the patient's name and age, so it gives no syndrome away)
        and the story (fictional; every clue is a feature in the data).
    clues : tuple of str
        The symptom ids the story mentions (empty for a non-functioning tumour).
    answer : str
        Syndrome id, or :data:`NONFUNCTIONING`.
    sources : tuple of str
        Sources of the facts the story relies on.
    """

    id: str
    title: str
    story: str
    clues: tuple[str, ...]
    answer: str
    sources: tuple[str, ...]

    @property
    def hormone(self) -> str:
        """The hormone that answers the story, or :data:`NO_HORMONE`."""
        return NO_HORMONE if self.answer == NONFUNCTIONING else SYNDROMES[self.answer].hormone


_MYSTERIES = (
    Mystery("ulcers", "Mr A, 52",
            "Mr A, 52, has had painful ulcers for two years. They keep coming back despite "
            "treatment, and an endoscopy found several ulcers in unusual places. He also has "
            "acid reflux (heartburn) and diarrhoea.",
            ("peptic_ulcers", "reflux", "diarrhoea"), "gastrinoma", ("S1", "S18")),
    Mystery("low-sugar", "Ms B, 41",
            "Ms B, 41, has spells of feeling unwell in the morning before breakfast and after "
            "exercise. During one spell her blood sugar was measured: it was low.",
            ("hypoglycaemia",), "insulinoma", ("S17", "S2")),
    Mystery("rash", "Mrs C, 63",
            "Mrs C, 63, has a red rash that breaks down the skin and moves from place to "
            "place. This year she was found to have diabetes, and last month a blood clot in "
            "a leg vein.",
            ("skin_rash", "diabetes", "blood_clots"), "glucagonoma", ("S2",)),
    Mystery("watery", "Mr D, 48",
            "Mr D, 48, has watery diarrhoea every day. His blood tests show low potassium, and "
            "a test of his stomach juice found almost no acid.",
            ("diarrhoea", "hypokalaemia", "achlorhydria"), "vipoma", ("S2",)),
    Mystery("gallstones", "Ms E, 57",
            "Ms E, 57, was recently found to have diabetes and gallstones. She also has fatty "
            "stools (steatorrhoea).",
            ("diabetes", "gallstones", "steatorrhoea"), "somatostatinoma", ("S2",)),
    Mystery("flushing", "Mr F, 66",
            "Mr F, 66, has spells of flushing (his face goes red), diarrhoea and sometimes "
            "wheezing. Scans show a tumour in the small intestine and several metastases in "
            "the liver.",
            ("flushing", "diarrhoea", "wheezing"), "carcinoid_syndrome", ("S1",)),
    Mystery("by-chance", "Mrs G, 58",
            "Mrs G, 58, had a CT scan after a minor car accident. It showed a 2 cm lump in the "
            "pancreas, and a biopsy showed a NET. She feels well: no low blood sugar, no "
            "flushing, no diarrhoea, no ulcers. Her blood chromogranin A is raised.",
            (), NONFUNCTIONING, ("S2", "S8")),
)
#: The mystery patients, by id, in teaching order.
MYSTERIES: dict[str, Mystery] = {m.id: m for m in _MYSTERIES}


def mystery(mystery_id: str) -> Mystery:
    """Return the mystery patient ``mystery_id``; ValueError lists the allowed ids."""
    return _lookup(MYSTERIES, mystery_id, "mystery patient")


def hormone_choices() -> tuple[tuple[str, str], ...]:
    """The ``(label, value)`` answers for "which hormone?" (every hormone, then none)."""
    return (*((h.name, h.id) for h in HORMONES.values()),
            ("None: no hormone is causing symptoms", NO_HORMONE))


def syndrome_choices() -> tuple[tuple[str, str], ...]:
    """The ``(label, value)`` answers for "which syndrome?" (every syndrome, then none)."""
    return (*((s.name, s.id) for s in SYNDROMES.values()),
            ("No syndrome: a non-functioning tumour", NONFUNCTIONING))


@dataclass(frozen=True)
class PickVerdict:
    """Feedback on one answer: ``correct`` is None when nothing was picked yet."""

    correct: bool | None
    feedback: str


@dataclass(frozen=True)
class MysteryVerdict:
    """Feedback on both answers to a mystery patient."""

    hormone: PickVerdict
    syndrome: PickVerdict

    @property
    def solved(self) -> bool:
        """True when both answers are right."""
        return bool(self.hormone.correct and self.syndrome.correct)


def _labels(symptom_ids, conjunction: str = "and") -> str:
    names = [SYMPTOMS[s].label.lower() for s in symptom_ids]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {conjunction} " + names[-1]


def _explains(syndrome_id: str, clues: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    own = SYNDROMES[syndrome_id].symptoms
    return tuple(c for c in clues if c in own), tuple(c for c in clues if c not in own)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _judge_syndrome_like(m: Mystery, syndrome_id: str, thing: str) -> PickVerdict:
    """Feedback for a picked syndrome, or for the syndrome of a picked hormone (``thing``)."""
    s = SYNDROMES[syndrome_id]
    if syndrome_id == m.answer:
        return PickVerdict(True, f"Yes: {thing}. It explains {_labels(m.clues)}.")
    if m.answer == NONFUNCTIONING:
        return PickVerdict(False, f"{_cap(thing)} would cause {_labels(s.symptoms)}, and this "
                           "patient has no hormone-related symptoms. A raised chromogranin A "
                           "does not make a tumour functioning.")
    fits, misses = _explains(syndrome_id, m.clues)
    if fits:
        return PickVerdict(False, f"{_cap(thing)} would explain {_labels(fits)}, but not "
                           f"{_labels(misses, 'or')}. What explains every clue?")
    none = "this is not" if len(s.symptoms) == 1 else "none of these is"
    return PickVerdict(False, f"{_cap(thing)} would cause {_labels(s.symptoms)}: {none} in "
                       "the story.")


def _judge_none(m: Mystery, thing: str) -> PickVerdict:
    if m.answer == NONFUNCTIONING:
        return PickVerdict(True, f"Yes: {thing}. There are no hormone-related symptoms, so the "
                           "tumour is non-functioning, even though chromogranin A is raised.")
    return PickVerdict(False, "This patient has symptoms that a hormone causes: "
                       f"{_labels(m.clues)}. Non-functioning means no hormone-related "
                       "symptoms.")


def _judge_hormone(m: Mystery, pick: str) -> PickVerdict:
    if pick == "":
        return PickVerdict(None, "Pick the hormone that explains the story.")
    if pick == NO_HORMONE:
        return _judge_none(m, "no hormone is causing symptoms")
    h = hormone(pick)
    caused = next(s.id for s in SYNDROMES.values() if s.hormone == h.id)
    return _judge_syndrome_like(m, caused, f"too much {h.short}")


def _judge_syndrome(m: Mystery, pick: str) -> PickVerdict:
    if pick == "":
        return PickVerdict(None, "Pick the syndrome.")
    if pick == NONFUNCTIONING:
        return _judge_none(m, "a non-functioning tumour")
    return _judge_syndrome_like(m, syndrome(pick).id, syndrome(pick).name)


def judge_mystery(mystery_id: str, hormone_pick: str = "",
                  syndrome_pick: str = "") -> MysteryVerdict:
    """Give feedback on a learner's hormone and syndrome for one mystery patient.

    Parameters
    ----------
    mystery_id : str
        Key of :data:`MYSTERIES`.
    hormone_pick : str
        A hormone id, :data:`NO_HORMONE`, or ``""`` (not answered yet).
    syndrome_pick : str
        A syndrome id, :data:`NONFUNCTIONING`, or ``""`` (not answered yet).

    Returns
    -------
    MysteryVerdict
        One verdict per answer, each with feedback built from the data.

    Raises
    ------
    ValueError
        If an id is unknown (the message lists the allowed values).
    """
    m = mystery(mystery_id)
    return MysteryVerdict(_judge_hormone(m, hormone_pick), _judge_syndrome(m, syndrome_pick))


# --- all sources ------------------------------------------------------------------------------


def readout_texts() -> tuple[str, ...]:
    """Every sentence of this module's data that a learner can read (for wording checks)."""
    texts = [h.excess for h in HORMONES.values()]
    texts += [d.text for t in CONFIRM_TESTS.values() for d in t.details]
    for s in SYNDROMES.values():
        texts += [f.detail for f in s.features] + [x.note for x in s.sites]
        texts += [n.text for n in s.notes]
    texts += [d.text for d in DRAINAGE.values()] + [m.story for m in MYSTERIES.values()]
    texts += [note.replace("\n", " ") for note in LIVER_NOTES.values()]
    texts += [st.text for st in (FUNCTIONAL_DEFINITION, NONFUNCTIONING_DEFINITION,
                                 MOST_ARE_NONFUNCTIONING, INACTIVE_PRODUCTS, NOT_IN_STAGING,
                                 RARER_SYNDROMES, LIVER_INACTIVATES,
                                 CARCINOID_MAINLY_WITH_LIVER_METASTASES, OTHER_BYPASS_ROUTES,
                                 *SOURCE_DISAGREEMENTS)]
    return tuple(texts)


def all_source_keys() -> tuple[str, ...]:
    """Every source key cited anywhere in this module's data (for validation)."""
    groups: list[tuple[str, ...]] = [h.sources for h in HORMONES.values()]
    groups += [s.source_keys for s in SYNDROMES.values()]
    groups += [d.sources for t in CONFIRM_TESTS.values() for d in t.details]
    groups += [d.sources for d in DRAINAGE.values()]
    groups += [m.sources for m in MYSTERIES.values()]
    groups += [st.sources for st in (FUNCTIONAL_DEFINITION, NONFUNCTIONING_DEFINITION,
                                      MOST_ARE_NONFUNCTIONING, INACTIVE_PRODUCTS, NOT_IN_STAGING,
                                      RARER_SYNDROMES, LIVER_INACTIVATES,
                                      CARCINOID_MAINLY_WITH_LIVER_METASTASES,
                                      OTHER_BYPASS_ROUTES, *SOURCE_DISAGREEMENTS)]
    return _union(groups)
