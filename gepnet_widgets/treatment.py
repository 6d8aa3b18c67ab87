"""Treatment categories for GEP-NETs: what each does, for what goal, and when guidelines discuss it.

Pure, cited data and small logic functions for lesson 6 (fact base section 5). Four parts:

* :data:`CATEGORIES` and :data:`MEMBERS`: the treatment categories of the fact base's section 5
  table (surgery, ablation, embolisation, external-beam radiotherapy, somatostatin analogues,
  targeted therapies, PRRT, chemotherapy, symptom-directed treatment), each with its main
  members. Every shown sentence is a :class:`Fact` carrying its source keys.
* :data:`TRIALS`: the randomised trials of section 5 with hazard ratios, as printed in the fact
  base (numbers kept as the printed strings, so "0.20" stays "0.20"). Where section 5.4b says an
  interval was not retrieved, :attr:`Trial.ci_status` says so and drawings show the point only.
* :data:`DISCUSSION_RULES`: the settings in which guidelines *discuss* each category, as data
  (feature -> allowed values), read by :func:`discussed_for`. The result is never a
  recommendation: it lists every category whose setting matches, each with the reason and the
  source, and always carries :data:`NO_BEST_TREATMENT`.
* :data:`MECHANISM_PANELS`: the captions of the "how it works" drawings.

Readings used (where the fact base leaves room):

* The section 5 table names its guidelines (NCCN v3.2025 [S8], ENETS 2023, ESMO 2020 [S27]) but
  tags no single row, so a fact taken from the table alone cites :data:`TABLE_SOURCES`.
* A table setting without a grade (e.g. everolimus: "progressive pNET") applies to every
  well-differentiated grade (NET G1-G3); settings that name grades (somatostatin analogues:
  "SSTR+ G1/G2") use exactly those. NEC appears only where the fact base names it.
* Systemic and liver-directed settings are for advanced disease (liver or beyond); a
  "regional" tumour is taken to be removable (see :data:`REGIONAL_ASSUMPTION`).
* Microwave ablation is not verified in the retrieved sources: it is listed, labelled, with no
  details. Diazoxide with frequent meals (insulinoma) was confirmed in the ENETS 2023 guidance
  [S16] and is listed. Cabozantinib's exact targets are not verified; only its vessel-growth
  (VEGF) receptor action (fact base section 9.8) is shown.
* Somatostatin analogues for hormone symptoms: carcinoid syndrome (a positive scan predicts
  response but is not a condition [MSD_CARCINOID]) and other functioning syndromes such as
  VIPoma and glucagonoma (octreotide label [FDA_OCTREOTIDE], MSD Manual [MSD_GLUCAGONOMA]) are
  listed whatever the scan; insulinoma only with a positive scan (it can worsen hypoglycaemia);
  for gastrinoma a proton-pump inhibitor is the drug of choice [ZES_PPI2019], so the analogue
  appears only in its growth-slowing setting.
* First-line PRRT (NETTER-2) depends on Ki-67: NET G2 with Ki-67 of 10% or more, or NET G3 up
  to 55% [S38]. :func:`discussed_for` takes an optional ``ki67``; without it, the NETTER-2
  setting is not listed for NET G2 and a note says what it depends on.

Pure logic: no plotting, widget or IPython import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product

from .grading import WHO_2019_TABLE

__all__ = [
    "Fact",
    "Goal",
    "MechanismFamily",
    "Category",
    "Member",
    "Trial",
    "Feature",
    "DiscussionRule",
    "DiscussionNote",
    "DiscussedCategory",
    "Discussion",
    "MechanismPanel",
    "member",
    "category",
    "members_of",
    "trial",
    "trials_for",
    "filter_members",
    "comparison_rows",
    "discussed_for",
    "all_feature_combinations",
    "mechanism_panel",
    "goal_label",
    "family_label",
    "hazard_ratio_reading",
    "median_text",
    "fact_keys",
    "GOALS",
    "MECHANISM_FAMILIES",
    "CATEGORIES",
    "MEMBERS",
    "TRIALS",
    "FEATURES",
    "DISCUSSION_RULES",
    "DISCUSSION_NOTES",
    "MECHANISM_PANELS",
    "MECHANISM_LABELS",
    "RECEPTOR_MECHANISMS",
    "CI_RETRIEVED",
    "CI_UNVERIFIED",
    "CI_NOT_REPORTED",
    "TABLE_SOURCES",
    "NO_BEST_TREATMENT",
    "NOT_COMPARABLE",
    "REGIONAL_ASSUMPTION",
    "KI67_RANGES",
    "KI67_BANDS",
    "NETTER2_KI67",
    "ki67_band",
    "SEQUENCING_NOTE",
    "MICROWAVE_NOTE",
]

#: The section 5 table summarises NCCN v3.2025 [S8] and ESMO 2020 [S27] (with ENETS 2023) and tags
#: no single row; facts taken from the table alone cite these two.
TABLE_SOURCES: tuple[str, ...] = ("S8", "S27")


# --------------------------------------------------------------------------------------------
# Small building blocks
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    """One sentence a learner sees, with the source keys it comes from.

    Attributes
    ----------
    text : str
        Plain text (no HTML).
    sources : tuple of str
        Keys of :data:`gepnet_widgets.sources.SOURCES`; empty only for a "not in our sources"
        statement (see :attr:`missing`).
    missing : bool
        True when the text says the fact base does not hold this fact.
    """

    text: str
    sources: tuple[str, ...]
    missing: bool = False


def _fact(text: str, *sources: str) -> Fact:
    return Fact(text, tuple(sources))


def _missing(text: str) -> Fact:
    return Fact(text, (), missing=True)


@dataclass(frozen=True)
class Goal:
    """A treatment goal (``key``, learner ``label``, one-line ``meaning``)."""

    key: str
    label: str
    meaning: str


#: The three goals the lesson filters by.
GOALS: tuple[Goal, ...] = (
    Goal("cure", "Cure", "remove all of the tumour for good"),
    Goal("tumour_control", "Tumour control", "shrink the tumour or stop or slow its growth"),
    Goal("symptom_control", "Symptom control", "ease symptoms such as those from hormones"),
)
_GOAL_KEYS = tuple(g.key for g in GOALS)


@dataclass(frozen=True)
class MechanismFamily:
    """A family of mechanisms for the comparer's filter (``key``, learner ``label``)."""

    key: str
    label: str


#: Mechanism families, in the order of the comparer's map.
MECHANISM_FAMILIES: tuple[MechanismFamily, ...] = (
    MechanismFamily("removal", "Removing the tumour"),
    MechanismFamily("destroy", "Destroying it where it is (heat, cold, radiation beams)"),
    MechanismFamily("blood_supply", "Blocking its blood supply"),
    MechanismFamily("receptor_drug", "Acting on somatostatin receptors"),
    MechanismFamily("receptor_radiation", "Radiation carried to somatostatin receptors"),
    MechanismFamily("signal_blocking", "Blocking growth signals in the cell"),
    MechanismFamily("vessel_blocking", "Blocking new blood-vessel growth (anti-angiogenic)"),
    MechanismFamily("immune", "Releasing a brake on the immune system (immunotherapy)"),
    MechanismFamily("cell_killing", "Killing dividing cells (cytotoxic drugs)"),
    MechanismFamily("hormone_blocking", "Blocking a hormone or its effect"),
)
_FAMILY_KEYS = tuple(f.key for f in MECHANISM_FAMILIES)


# --------------------------------------------------------------------------------------------
# Categories (fact base section 5 table) and their members (sections 5.1-5.6)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Category:
    """One treatment category (a row of the fact base's section 5 table).

    Attributes
    ----------
    key, name : str
        Identifier and learner-facing name.
    group : str
        The course seed's plain-words group (several table rows share "Procedures that destroy
        or shrink tumours").
    mechanism : Fact
        How it works, in one line.
    goals : tuple of str
        Keys of :data:`GOALS` (the table's "main goal").
    setting : Fact
        When guidelines consider it (the table's "typical setting").
    """

    key: str
    name: str
    group: str
    mechanism: Fact
    goals: tuple[str, ...]
    setting: Fact


_SEED_SURGERY = "Surgery first, where possible"
_SEED_LOCAL = "Procedures that destroy or shrink tumours"

#: The categories, in the order of the fact base's section 5 table.
CATEGORIES: tuple[Category, ...] = (
    Category(
        "surgery", "Surgery and endoscopic removal", _SEED_SURGERY,
        _fact("Removes the primary tumour, with or without nearby lymph nodes or liver "
              "metastases.", *TABLE_SOURCES),
        ("cure", "symptom_control"),
        _fact("Localised NETs; liver metastases that can all be removed; debulking (removing "
              "most of the tumour) to ease hormone symptoms; removing the primary to prevent "
              "blockage or bleeding.", *TABLE_SOURCES),
    ),
    Category(
        "ablation", "Ablation", _SEED_LOCAL,
        _fact("Destroys liver metastases where they are, with heat or cold.", *TABLE_SOURCES),
        ("tumour_control", "symptom_control"),
        _fact("Limited liver disease, alone or with surgery.", *TABLE_SOURCES),
    ),
    Category(
        "embolisation", "Embolisation", _SEED_LOCAL,
        _fact("Cuts off the hepatic-artery blood supply of liver metastases (the normal liver "
              "is fed mainly by the portal vein), with or without a chemotherapy drug "
              "(doxorubicin) or radioactive (beta-emitting) microspheres.", *TABLE_SOURCES),
        ("tumour_control", "symptom_control"),
        _fact("Liver-dominant disease that cannot be removed and is growing or causing "
              "symptoms.", *TABLE_SOURCES),
    ),
    Category(
        "radiotherapy", "External-beam radiotherapy", _SEED_LOCAL,
        _fact("Radiation beams from outside the body damage the DNA of the tumour where they "
              "are aimed.", *TABLE_SOURCES),
        ("symptom_control", "tumour_control"),
        _fact("Easing symptoms from metastases in bone, brain or spinal cord; a locally "
              "advanced pancreatic NET (one that cannot be removed), with or without a "
              "fluoropyrimidine drug. NETs respond poorly to radiotherapy.", *TABLE_SOURCES, "S1"),
    ),
    Category(
        "ssa", "Somatostatin analogues", "Somatostatin analogues",
        _fact("Bind somatostatin receptors (SSTR2 and SSTR5) on tumour cells: they reduce "
              "hormone release and slow growth (cytostatic).", *TABLE_SOURCES, "S1"),
        ("symptom_control", "tumour_control"),
        _fact("Functioning tumours (hormone symptoms; first-line for carcinoid syndrome); "
              "first-line treatment to slow the growth of receptor-positive (SSTR+) G1 and G2 "
              "tumours.", *TABLE_SOURCES, "MSD_CARCINOID"),
    ),
    Category(
        "targeted", "Targeted therapies", "Targeted therapies",
        _fact("Everolimus blocks mTOR, a growth-signal protein inside tumour cells. Sunitinib "
              "and cabozantinib block several kinases, above all the receptors for blood-vessel "
              "growth (VEGF receptors): they act mainly against the tumour's new blood vessels "
              "(anti-angiogenic). Other drugs are matched to a change found in the tumour (BRAF, "
              "NTRK, RET).", *TABLE_SOURCES),
        ("tumour_control",),
        _fact("A growing (progressive) pancreatic NET; a growing non-functioning NET of the "
              "gut or lung; after earlier treatment (cabozantinib); everolimus also for low "
              "blood sugar from a malignant insulinoma.", *TABLE_SOURCES, "S16"),
    ),
    Category(
        "prrt", "Peptide receptor radionuclide therapy (PRRT)",
        "Peptide receptor radionuclide therapy (PRRT)",
        _fact("A radiolabelled somatostatin analogue delivers beta radiation to cells that carry "
              "somatostatin receptors.", *TABLE_SOURCES),
        ("tumour_control",),
        _fact("Receptor-positive (uptake at least as high as the liver) advanced NET that grows "
              "despite a somatostatin analogue; first line for NET G2 with Ki-67 of 10% or more "
              "and NET G3 with Ki-67 up to 55% (NETTER-2).", *TABLE_SOURCES, "S37", "S38"),
    ),
    Category(
        "chemotherapy", "Chemotherapy", "Chemotherapy",
        _fact("Cell-killing drugs: alkylating drugs and antimetabolites (CAPTEM; streptozocin "
              "with 5-FU or doxorubicin); platinum with etoposide for NEC.", *TABLE_SOURCES),
        ("tumour_control",),
        _fact("A pancreatic NET that needs to shrink; NET G3; NEC (poorly differentiated).",
              *TABLE_SOURCES),
    ),
    Category(
        "symptom", "Symptom-directed treatment", "Symptom-directed treatment",
        _fact("Blocks the making, the release or the effect of a hormone: telotristat blocks "
              "serotonin synthesis (tryptophan hydroxylase); acid suppression counters "
              "gastrin's effect; diazoxide lowers insulin release.", *TABLE_SOURCES, "S16"),
        ("symptom_control",),
        _fact("Carcinoid-syndrome diarrhoea not controlled by a somatostatin analogue; "
              "Zollinger-Ellison syndrome (gastrinoma); low blood sugar from an insulinoma.",
              *TABLE_SOURCES, "S16"),
    ),
    Category(
        "immunotherapy", "Immunotherapy (immune checkpoint inhibitors)",
        "Immunotherapy (immune checkpoint inhibitors)",
        _fact("An antibody (pembrolizumab, anti-PD-1) releases a brake on the immune system's "
              "T cells so that they attack the tumour; it does not act on the tumour's growth "
              "signals.", "S8"),
        ("tumour_control",),
        _fact("Advanced NEC whose tumour tests show MSI-H, dMMR or a high tumour mutational "
              "burden (TMB-H); it plays a minor role without such a test result.",
              "S8", "ENETS_NEC_ABSTRACT"),
    ),
)
_CATEGORY_BY_KEY = {c.key: c for c in CATEGORIES}

#: Why microwave ablation has no details here.
MICROWAVE_NOTE = (
    "Listed among ablation methods in the guideline summary this course uses, but not yet "
    "checked against an original source, so this course shows no details for it."
)


@dataclass(frozen=True)
class Member:
    """One treatment within a category (a drug, a regimen or a procedure).

    Attributes
    ----------
    key, name, short : str
        Identifier, full learner-facing name, and a short label for drawings.
    category : str
        Key of its :class:`Category`.
    family : str
        Key of its :class:`MechanismFamily`.
    goals : tuple of str
        Keys of :data:`GOALS`.
    mechanism, given, setting : Fact
        How it works, how it is given, when guidelines consider it.
    details : tuple of Fact
        Further cited facts (results, side effects, cautions).
    unverified : str
        Empty, or why (part of) this entry is unverified in the fact base.
    """

    key: str
    name: str
    short: str
    category: str
    family: str
    goals: tuple[str, ...]
    mechanism: Fact
    given: Fact
    setting: Fact
    details: tuple[Fact, ...] = ()
    unverified: str = ""


_NOT_IN_SOURCES = (
    "Route and schedule are not in this course's sources; the care team explains them."
)

#: The members, category by category.
MEMBERS: tuple[Member, ...] = (
    # --- surgery -------------------------------------------------------------------------
    Member(
        "resection", "Surgical resection", "Surgery", "surgery", "removal",
        ("cure", "symptom_control"),
        _fact("An operation removes the tumour; for jejunal and ileal NETs with the mesenteric "
              "lymph nodes.", "S1"),
        _fact("An operation.", "S1"),
        _fact("Localised NETs; liver metastases that can all be removed; debulking for hormone "
              "syndromes; removing the primary to prevent blockage or bleeding.",
              *TABLE_SOURCES, "S1"),
        (
            _fact("The only potentially curative treatment; possible in up to about 20% of "
                  "people with a GI NET.", "S1"),
            _fact("Removing all visible liver metastases went with 61% five-year survival and "
                  "96% biochemical response in one series of 120 patients (about 30% five-year "
                  "survival without surgery): case-series evidence only.", "S1", "S2"),
            _fact("Removing 90% or more of the tumour (cytoreduction) is often quoted for easing "
                  "symptoms.", "S1"),
        ),
    ),
    Member(
        "endoscopic", "Endoscopic resection", "Endoscopic", "surgery", "removal",
        ("cure",),
        _fact("Removes a small tumour from the inside of the gut through an endoscope (a "
              "flexible camera tube).", "S1"),
        _fact("Through an endoscope, after endoscopic ultrasound (EUS) has measured the size "
              "and depth.", "S1"),
        _fact("Small NETs: gastric type I under 1 cm, duodenal under 1 cm (1-2 cm: full-"
              "thickness local excision after EUS) and rectal under 1 cm.", "S1"),
    ),
    # --- ablation --------------------------------------------------------------------------
    Member(
        "rfa", "Radiofrequency ablation (RFA)", "RFA", "ablation", "destroy",
        ("tumour_control", "symptom_control"),
        _fact("Heat destroys a liver metastasis where it is (thermal destruction).",
              *TABLE_SOURCES),
        _fact("A procedure on each liver metastasis, alone or together with surgery.",
              *TABLE_SOURCES),
        _fact("Limited liver disease.", *TABLE_SOURCES),
        (
            _fact("63 patients, 80 RFA sessions: 92% had at least partial symptom relief, 5% "
                  "had complications, symptoms were controlled for 11 ± 2.3 months, and median "
                  "survival was 3.9 years after the first RFA.", "S1"),
        ),
    ),
    Member(
        "microwave", "Microwave ablation", "Microwave", "ablation", "destroy",
        ("tumour_control", "symptom_control"),
        _missing("Details not yet checked against a source."),
        _missing("Details not yet checked against a source."),
        _missing("Details not yet checked against a source."),
        (),
        MICROWAVE_NOTE,
    ),
    Member(
        "cryo", "Cryoablation", "Cryo", "ablation", "destroy",
        ("tumour_control", "symptom_control"),
        _fact("Cold (freezing) destroys a liver metastasis where it is.", *TABLE_SOURCES),
        _fact("A procedure on each liver metastasis, alone or together with surgery.",
              *TABLE_SOURCES),
        _fact("Limited liver disease.", *TABLE_SOURCES),
    ),
    # --- embolisation ----------------------------------------------------------------------
    Member(
        "bland", "Bland embolisation (TAE)", "Bland TAE", "embolisation", "blood_supply",
        ("tumour_control", "symptom_control"),
        _fact("Blocks the hepatic artery to the metastases with material alone (gelatin "
              "powder), no drug.", "S1"),
        _fact("Into the hepatic artery (the liver's artery), which it blocks.", "S1"),
        _fact("Liver-dominant disease that cannot be removed and is growing or causing "
              "symptoms.", *TABLE_SOURCES),
        (
            _fact("34% biochemical and 42% radiological responses.", "S1"),
            _fact("RETNET randomises bland embolisation against two kinds of chemoembolisation "
                  "(primary endpoint: progression-free survival in the liver).", "S30"),
            _fact("Post-embolisation syndrome is common; embolisation can trigger a carcinoid "
                  "crisis.", "S1"),
        ),
    ),
    Member(
        "tace", "Chemoembolisation (TACE)", "TACE", "embolisation", "blood_supply",
        ("tumour_control", "symptom_control"),
        _fact("Blocks the hepatic artery (gelatin foam) and delivers a chemotherapy drug "
              "(doxorubicin) into the metastases.", "S1"),
        _fact("Into the hepatic artery, which it blocks.", "S1"),
        _fact("Liver-dominant disease that cannot be removed and is growing or causing "
              "symptoms.", *TABLE_SOURCES),
        (
            _fact("4 trials, 66 patients: about 71% biochemical and about 50% tumour "
                  "responses.", "S1"),
            _fact("Earlier instrumentation of the bile ducts raises the risk of infection after "
                  "liver-directed therapy.", "S8"),
        ),
    ),
    Member(
        "tare", "Radioembolisation (TARE, Y-90)", "TARE", "embolisation", "blood_supply",
        ("tumour_control", "symptom_control"),
        _fact("Delivers radioactive (beta-emitting) microspheres through the hepatic artery "
              "into the metastases.", "S2", *TABLE_SOURCES),
        _fact("Into the hepatic artery.", "S2"),
        _fact("An accepted alternative to embolisation for liver-dominant disease.", "S2"),
    ),
    # --- external-beam radiotherapy --------------------------------------------------------
    Member(
        "ebrt", "External-beam radiotherapy", "Radiotherapy", "radiotherapy", "destroy",
        ("symptom_control", "tumour_control"),
        _fact("Radiation beams damage tumour DNA locally.", *TABLE_SOURCES),
        _fact("Beams aimed from outside the body.", *TABLE_SOURCES),
        _fact("Easing symptoms from bone, brain or spinal-cord metastases; a locally advanced "
              "pancreatic NET (one that cannot be removed).", *TABLE_SOURCES, "S1"),
        (_fact("NETs respond poorly to it; it is used mainly to ease symptoms.", "S1"),),
    ),
    # --- somatostatin analogues ------------------------------------------------------------
    Member(
        "octreotide", "Octreotide LAR", "Octreotide", "ssa", "receptor_drug",
        ("symptom_control", "tumour_control"),
        _fact("Binds somatostatin receptors (SSTR2, SSTR5): less hormone release, slower "
              "growth.", *TABLE_SOURCES),
        _fact("Injection into a muscle, 20-30 mg every 4 weeks (up to 60 mg a month above the "
              "label); short-acting octreotide 100-250 µg under the skin three times a day for "
              "breakthrough symptoms.", "S8"),
        _fact("Functioning tumours (first-line for carcinoid syndrome); first-line growth "
              "control in receptor-positive G1 and G2 tumours.", *TABLE_SOURCES, "MSD_CARCINOID"),
        (
            _fact("About 70% of people with carcinoid syndrome get relief of diarrhoea and "
                  "flushing.", "S1"),
            _fact("For carcinoid-syndrome symptoms a positive receptor scan makes a response "
                  "more likely, but it is not a condition for using the drug; it is a condition "
                  "for PRRT.", "S8", "S27", "MSD_CARCINOID"),
            _fact("Side effects: gallstones or sludge (up to 50%; 1-3% with symptoms), fatty "
                  "stools, high or low blood sugar.", "S1"),
            _fact("Insulinoma: only if receptor imaging is positive, otherwise low blood sugar "
                  "can get worse.", "S8", "S16"),
            _fact("NCCN: stop after clinically significant progression in non-functioning "
                  "tumours; in functioning tumours continue it and add the next therapy.", "S8"),
        ),
    ),
    Member(
        "lanreotide", "Lanreotide", "Lanreotide", "ssa", "receptor_drug",
        ("symptom_control", "tumour_control"),
        _fact("Binds somatostatin receptors (SSTR2, SSTR5): less hormone release, slower "
              "growth.", *TABLE_SOURCES),
        _fact("Injection under the skin, 120 mg every 4 weeks (above the label: every 14 "
              "days).", "S8"),
        _fact("Functioning tumours (first-line for carcinoid syndrome); first-line growth "
              "control in receptor-positive G1 and G2 tumours.", *TABLE_SOURCES, "MSD_CARCINOID"),
        (
            _fact("Symptom relief similar to octreotide (75-80%).", "S1"),
            _fact("NCCN: stop after clinically significant progression in non-functioning "
                  "tumours; in functioning tumours continue it and add the next therapy.", "S8"),
        ),
    ),
    # --- targeted therapies ----------------------------------------------------------------
    Member(
        "everolimus", "Everolimus", "Everolimus", "targeted", "signal_blocking",
        ("tumour_control",),
        _fact("Blocks mTOR, a growth-signal protein inside the cell.", *TABLE_SOURCES),
        _fact("By mouth, 10 mg a day (the dose in RADIANT-3).", *TABLE_SOURCES, "S32"),
        _fact("A growing pancreatic NET; a growing non-functioning NET of the gut or lung.",
              *TABLE_SOURCES),
        (
            _fact("Common side effects: mouth sores (stomatitis), diarrhoea, tiredness.", "S33"),
            _fact("FDA-approved for pancreatic NETs in 2011.", "S35"),
            _fact("Also used to control low blood sugar from a malignant (spread) insulinoma.",
                  "S16", "MATEJ2016"),
        ),
    ),
    Member(
        "sunitinib", "Sunitinib", "Sunitinib", "targeted", "vessel_blocking",
        ("tumour_control",),
        _fact("Blocks several kinases, above all the receptors for blood-vessel growth (VEGFR), "
              "so it acts mainly against new tumour blood vessels (anti-angiogenic); also "
              "PDGFR, KIT, RET, FLT3 and CSF1R.", *TABLE_SOURCES),
        _fact("By mouth, 37.5 mg a day.", "S34", "SUNITINIB_GICTT2011"),
        _fact("A growing pancreatic NET.", *TABLE_SOURCES),
        (_fact("FDA-approved for pancreatic NETs in 2011.", "S35"),),
    ),
    Member(
        "cabozantinib", "Cabozantinib", "Cabozantinib", "targeted", "vessel_blocking",
        ("tumour_control",),
        _fact("Blocks several kinases, including the receptors for blood-vessel growth (VEGF "
              "receptors): it acts largely against new tumour blood vessels (anti-angiogenic).",
              *TABLE_SOURCES),
        _fact("By mouth, 60 mg once a day (the dose in CABINET).", "S36", "CABINET_PATHWAY"),
        _fact("A growing pancreatic or extra-pancreatic NET after earlier treatment; NCCN "
              "category 1 after everolimus, 177Lu-dotatate or sunitinib (pancreatic NET).",
              *TABLE_SOURCES, "S8"),
        (_fact("Grade 3 or worse side effects in 62-65% (placebo 23-27%).", "S36"),),
        "Its full list of target kinases has not yet been checked against a source, so only its "
        "vessel-growth receptor action is shown.",
    ),
    Member(
        "biomarker", "Biomarker-matched drugs (NEC: BRAF, NTRK, RET)", "Biomarker-matched",
        "targeted", "signal_blocking", ("tumour_control",),
        _fact("Drugs matched to a change found by testing the tumour: drugs that block the "
              "signal of a changed BRAF (V600E), NTRK or RET gene.", "S8"),
        _missing(_NOT_IN_SOURCES),
        _fact("Advanced NEC whose tumour tests show one of these changes; ENETS 2023 encourages "
              "molecular profiling where available.", "S8", "ENETS_NEC_ABSTRACT"),
    ),
    # --- immunotherapy -----------------------------------------------------------------------
    Member(
        "pembrolizumab", "Pembrolizumab (anti-PD-1)", "Pembrolizumab", "immunotherapy",
        "immune", ("tumour_control",),
        _fact("An immune checkpoint inhibitor: an antibody against PD-1 that releases a brake on "
              "T cells so that the immune system attacks the tumour.", "S8"),
        _missing(_NOT_IN_SOURCES),
        _fact("Advanced NEC whose tumour tests show MSI-H, dMMR or a high tumour mutational "
              "burden (TMB-H).", "S8"),
        (_fact("ENETS 2023: immunotherapy plays a minor role in NEC not selected by a "
               "biomarker.", "ENETS_NEC_ABSTRACT"),),
    ),
    # --- PRRT --------------------------------------------------------------------------------
    Member(
        "lu_dotatate", "177Lu-DOTATATE (Lutathera)", "177Lu-DOTATATE", "prrt",
        "receptor_radiation", ("tumour_control",),
        _fact("A somatostatin analogue carrying radioactive lutetium-177 binds the receptors and "
              "delivers beta radiation to those cells.", *TABLE_SOURCES),
        _fact("Into a vein: 7.4 GBq (200 mCi) every 8 weeks, 4 times.", "S37", "S39", "S38"),
        _fact("Receptor-positive (uptake at least liver level) advanced NET after a "
              "somatostatin analogue; first line for higher-grade G2 (Ki-67 10-20%) and G3 "
              "(up to 55%).", *TABLE_SOURCES, "S37", "S38"),
        (
            _fact("Receptor imaging comes first: a positive scan (uptake at least as high as the "
                  "liver) is a condition for PRRT.", "S8", "S39"),
            _fact("Long term, in a Rotterdam series of 610 patients: myelodysplastic syndrome "
                  "about 1.5%, acute leukaemia about 0.7%.", "S40"),
            _fact("An amino-acid infusion (lysine and arginine), started before each dose and "
                  "run for about 4 hours, protects the kidneys: it is part of the approved "
                  "Lutathera regimen.", "S39"),
        ),
    ),
    Member(
        "lu_edotreotide", "177Lu-edotreotide", "177Lu-edotreotide", "prrt",
        "receptor_radiation", ("tumour_control",),
        _fact("A radiolabelled somatostatin analogue: beta radiation to receptor-carrying "
              "cells.", *TABLE_SOURCES),
        _fact("Every 3 months, up to 4 times (COMPETE).", "S41"),
        _fact("Studied in receptor-positive G1 and G2 (Ki-67 up to 20%) GEP-NETs (COMPETE).",
              "S41"),
    ),
    # --- chemotherapy ------------------------------------------------------------------------
    Member(
        "captem", "CAPTEM (capecitabine + temozolomide)", "CAPTEM", "chemotherapy",
        "cell_killing", ("tumour_control",),
        _fact("An alkylating drug (temozolomide) with an antimetabolite (capecitabine).",
              *TABLE_SOURCES),
        _fact("By mouth, in repeating cycles: capecitabine twice a day on days 1-14, "
              "temozolomide once a day on days 10-14 (E2211 protocol).", "E2211_PROTOCOL"),
        _fact("A pancreatic NET that needs to shrink (preferred then); NET G3.",
              "S8", *TABLE_SOURCES),
        (_fact("MGMT deficiency in the tumour was linked to response.", "S42"),),
    ),
    Member(
        "streptozocin", "Streptozocin-based (with 5-FU or doxorubicin)", "Streptozocin",
        "chemotherapy", "cell_killing", ("tumour_control",),
        _fact("Streptozocin combined with 5-FU (an antimetabolite) or doxorubicin.",
              *TABLE_SOURCES, "S43"),
        _missing(_NOT_IN_SOURCES),
        _fact("Pancreatic NETs.", "S43", *TABLE_SOURCES),
        (
            _fact("Moertel 1992 (105 patients): with doxorubicin vs with 5-FU, response 69% vs "
                  "45%, time to progression 20 vs 6.9 months, survival 2.2 vs 1.4 years (older "
                  "response criteria, not RECIST).", "S43"),
            _fact("Chemotherapy is of little value for jejunal and ileal NETs (responses under "
                  "15%).", "S1"),
        ),
    ),
    Member(
        "platinum_etoposide", "Platinum + etoposide (carboplatin or cisplatin)",
        "Platinum-etoposide", "chemotherapy", "cell_killing", ("tumour_control",),
        _fact("A platinum drug (carboplatin or cisplatin) with etoposide: cell-killing drugs.",
              *TABLE_SOURCES, "S44"),
        _missing(_NOT_IN_SOURCES),
        _fact("First-line treatment for NEC; ENETS 2023 recommends carboplatin + etoposide.",
              "S44"),
        (
            _fact("Second line: irinotecan with a fluoropyrimidine has the best evidence.", "S44"),
            _fact("Median overall survival in metastatic NEC is 11-12 months.", "S44"),
            _fact("NORDIC NEC: tumours with Ki-67 under 55% respond less to platinum-etoposide "
                  "but people live longer.", "S45"),
        ),
    ),
    # --- symptom-directed --------------------------------------------------------------------
    Member(
        "telotristat", "Telotristat ethyl", "Telotristat", "symptom", "hormone_blocking",
        ("symptom_control",),
        _fact("Blocks tryptophan hydroxylase, the enzyme that makes serotonin.", *TABLE_SOURCES),
        _fact("250 or 500 mg three times a day (the doses in TELESTAR).", "S46"),
        _fact("Carcinoid-syndrome diarrhoea not controlled by a somatostatin analogue.",
              *TABLE_SOURCES, "S46"),
        (
            _fact("TELESTAR (135 patients, 12 weeks): 0.81 and 0.69 fewer bowel movements a "
                  "day than placebo; responders 44% and 42% vs 20%; urinary 5-HIAA fell.",
                  "S46"),
            _fact("TELECAST extended the evidence to people with fewer than 4 bowel movements "
                  "a day.", "S46"),
        ),
    ),
    Member(
        "ppi", "Acid suppression (high-dose proton-pump inhibitor)", "PPI", "symptom",
        "hormone_blocking", ("symptom_control",),
        _fact("Suppresses stomach acid, countering the effect of the gastrin a gastrinoma "
              "makes.", *TABLE_SOURCES),
        _fact("A high dose.", "S2", "S8"),
        _fact("Zollinger-Ellison syndrome (gastrinoma).", "S2", "S8"),
        (
            _fact("PPIs falsely raise gastrin and chromogranin A in blood tests; any change to "
                  "acid suppression before a test is for the care team to arrange, because "
                  "stopping it can be risky with a gastrinoma.", "S8", "S1"),
        ),
    ),
    Member(
        "diazoxide", "Diazoxide (with frequent meals)", "Diazoxide", "symptom",
        "hormone_blocking", ("symptom_control",),
        _fact("Lowers the release of insulin from the tumour cells, so blood sugar falls less.",
              "S16", "ENDOTEXT_INSULINOMA"),
        _fact("By mouth, together with frequent meals of slowly absorbed carbohydrate to avoid "
              "long fasts; the dose is for the care team.", "S16"),
        _fact("Low blood sugar from an insulinoma: first-line medical treatment when the "
              "tumour cannot be removed (advanced insulinoma).", "S16"),
        (
            _fact("Everolimus is also used to control low blood sugar from a malignant "
                  "insulinoma.", "S16", "MATEJ2016"),
            _fact("Somatostatin analogues can make low blood sugar worse in insulinoma; they "
                  "are considered only if receptor imaging is positive.", "S8", "S16"),
        ),
    ),
)
_MEMBER_BY_KEY = {m.key: m for m in MEMBERS}


# --------------------------------------------------------------------------------------------
# Trials (fact base sections 5.2-5.5 and 5.4b)
# --------------------------------------------------------------------------------------------

CI_RETRIEVED = "retrieved"
CI_UNVERIFIED = "unverified"
CI_NOT_REPORTED = "not reported"


@dataclass(frozen=True)
class Trial:
    """One randomised comparison with a hazard ratio (one row of the forest plot).

    Numbers are kept as the strings printed in the fact base; use the float properties to plot.

    Attributes
    ----------
    key, name : str
        Identifier and row label (``"CABINET, pancreatic"``).
    year : int
        Year of the primary publication used.
    year_note : str
        Extra dating detail (``"online September 2024; NEJM 2025"``) or empty.
    member : str
        Key of the :class:`Member` tested.
    design : str
        Phase and randomisation (``"phase III, placebo-controlled"``).
    population : str
        Who took part.
    n : str
        Number of patients as printed (``"229-231"``).
    experimental, control : str
        The two arms.
    control_kind : str
        ``"placebo"``, ``"high-dose octreotide"`` or ``"active drug"``.
    endpoint : str
        ``"progression-free survival"`` or ``"time to progression"``.
    hr : str
        Hazard ratio as printed.
    ci : tuple of str or None
        95% confidence interval as printed; ``None`` if the fact base has none.
    ci_status : str
        ``"retrieved"``, ``"unverified"`` (an interval not yet checked against the trial
        paper: not drawn) or ``"not reported"``.
    median_experimental, median_control : str or None
        Median of the endpoint in months as printed; ``None`` means "not reached".
    result : str
        Other results in one line.
    sources : tuple of str
        Source keys.
    note : str
        Caution shown with the trial (unverified details).
    """

    key: str
    name: str
    year: int
    year_note: str
    member: str
    design: str
    population: str
    n: str
    experimental: str
    control: str
    control_kind: str
    endpoint: str
    hr: str
    ci: tuple[str, str] | None
    ci_status: str
    median_experimental: str | None
    median_control: str | None
    result: str
    sources: tuple[str, ...]
    note: str = ""

    @property
    def hr_value(self) -> float:
        """The hazard ratio as a number."""
        return float(self.hr)

    @property
    def ci_values(self) -> tuple[float, float] | None:
        """The interval as numbers, or ``None`` when there is none."""
        return None if self.ci is None else (float(self.ci[0]), float(self.ci[1]))

    @property
    def ci_drawn(self) -> bool:
        """Whether the interval may be drawn (checked against a source)."""
        return self.ci is not None and self.ci_status == CI_RETRIEVED

    @property
    def comparison(self) -> str:
        """``"everolimus vs placebo"``."""
        return f"{self.experimental} vs {self.control}"


_PFS = "progression-free survival"

#: The trials, in the order of fact base sections 5.2-5.5.
TRIALS: tuple[Trial, ...] = (
    Trial(
        "promid", "PROMID", 2009, "", "octreotide", "randomised, placebo-controlled",
        "Metastatic midgut NET", "85 analysed", "octreotide LAR 30 mg every 28 days",
        "placebo", "placebo", "time to progression", "0.34", ("0.20", "0.59"), CI_RETRIEVED,
        "14.3", "6.0", "No difference in overall survival (heavy crossover).",
        ("PROMID_JCO2009", "S1"),
        "Endpoint is time to progression (not progression-free survival).",
    ),
    Trial(
        "clarinet", "CLARINET", 2014, "", "lanreotide", "randomised, placebo-controlled",
        "Non-functioning G1/G2 (Ki-67 under 10%), receptor-positive enteropancreatic NET; 96% "
        "had stable disease at entry", "204", "lanreotide 120 mg every 28 days", "placebo",
        "placebo", _PFS, "0.47", ("0.30", "0.73"), CI_RETRIEVED, None, "18.0",
        "Progression-free at 24 months: 65.1% vs 33.0%. Open-label extension: median PFS 38.5 "
        "months on continuous lanreotide.", ("S31",),
    ),
    Trial(
        "radiant3", "RADIANT-3", 2011, "", "everolimus", "randomised, placebo-controlled",
        "Progressive low- or intermediate-grade pancreatic NET", "410",
        "everolimus 10 mg a day", "placebo", "placebo", _PFS, "0.35", ("0.27", "0.45"),
        CI_RETRIEVED, "11.0", "4.6",
        "Final overall survival 44.0 vs 37.7 months, HR 0.94, not significant (85% crossover).",
        ("S32",),
    ),
    Trial(
        "radiant4", "RADIANT-4", 2016, "", "everolimus", "randomised 2:1, placebo-controlled",
        "Progressive non-functioning lung or GI NET", "302", "everolimus", "placebo", "placebo",
        _PFS, "0.48", ("0.35", "0.67"), CI_RETRIEVED, "11.0", "3.9",
        "GI-only subgroup: 13.1 vs 5.4 months, HR 0.56.", ("S33",),
    ),
    Trial(
        "sunitinib", "Sunitinib pNET trial", 2011, "", "sunitinib",
        "randomised, placebo-controlled, stopped early", "Pancreatic NET", "171",
        "sunitinib 37.5 mg a day", "placebo", "placebo", _PFS, "0.42", ("0.26", "0.66"),
        CI_RETRIEVED, "11.4", "5.5",
        "Response rate 9.3% vs 0%; deaths 10% vs 25% (HR 0.41).", ("S34",),
    ),
    Trial(
        "netter1", "NETTER-1", 2017, "", "lu_dotatate", "randomised, control: high-dose octreotide",
        "Progressive receptor-positive midgut NET on octreotide", "229-231",
        "177Lu-DOTATATE + octreotide LAR 30 mg", "octreotide LAR 60 mg (high dose)",
        "high-dose octreotide", _PFS, "0.21", ("0.13", "0.33"), CI_UNVERIFIED, None, "8.4",
        "Response rate 18% vs 3%. Final overall survival 48.0 vs 36.3 months (not "
        "significant).", ("S37",),
        "The 95% interval reported in the trial paper (0.13-0.33) has not yet been checked "
        "against the original, so the point is drawn without it. The number of people is "
        "shown as the range the course's sources give (229-231), also not yet checked against "
        "the paper.",
    ),
    Trial(
        "netter2", "NETTER-2", 2024, "", "lu_dotatate",
        "phase III, randomised 2:1, control: high-dose octreotide",
        "First line, receptor-positive G2 (Ki-67 10-20%) or G3 (Ki-67 over 20% up to 55%) "
        "GEP-NET", "226", "177Lu-DOTATATE + octreotide LAR 30 mg",
        "octreotide LAR 60 mg (high dose)", "high-dose octreotide", _PFS, "0.276",
        ("0.182", "0.418"), CI_RETRIEVED, "22.8", "8.5", "Response rate 43.0% vs 9.3%.",
        ("S38",),
    ),
    Trial(
        "cabinet_ep", "CABINET, extra-pancreatic", 2025, "online September 2024; NEJM 2025",
        "cabozantinib", "phase III, randomised 2:1, placebo-controlled",
        "Extra-pancreatic NET after at least one earlier non-SSA therapy", "203",
        "cabozantinib 60 mg a day", "placebo", "placebo", _PFS, "0.38", ("0.25", "0.59"),
        CI_RETRIEVED, "8.4", "3.9",
        "Response rate 5% vs 0%; overall survival not different (crossover).", ("S36",),
    ),
    Trial(
        "cabinet_p", "CABINET, pancreatic", 2025, "online September 2024; NEJM 2025",
        "cabozantinib", "phase III, randomised 2:1, placebo-controlled",
        "Pancreatic NET after at least one earlier non-SSA therapy", "95",
        "cabozantinib 60 mg a day", "placebo", "placebo", _PFS, "0.23", ("0.12", "0.42"),
        CI_RETRIEVED, "13.8", "4.4",
        "Response rate 19% vs 0%; overall survival not different (crossover).", ("S36",),
    ),
    Trial(
        "e2211", "E2211 (CAPTEM)", 2023, "", "captem",
        "randomised phase II, control: another active drug",
        "Progressive low- or intermediate-grade pancreatic NET", "144",
        "capecitabine + temozolomide", "temozolomide alone",
        "active drug", _PFS, "0.58", None, CI_NOT_REPORTED, "22.7", "14.4",
        "Overall survival 58.7 vs 53.8 months (not significant). Stratified log-rank P = .022.",
        ("S42",),
        "The abstract gives no confidence interval: the point is drawn alone.",
    ),
    Trial(
        "compete", "COMPETE", 2026, "presented at ENETS 2025; Lancet 2026", "lu_edotreotide",
        "randomised, control: another active drug (everolimus)",
        "Receptor-positive G1/G2 (Ki-67 up to 20%) GEP-NET",
        "309", "177Lu-edotreotide", "everolimus", "active drug", _PFS, "0.67",
        ("0.48", "0.95"), CI_RETRIEVED, "23.9", "14.1", "Response rate 21.9% vs 4.2%.",
        ("S41",),
        "Source is a conference abstract and a journal summary (lower authority).",
    ),
)
_TRIAL_BY_KEY = {t.key: t for t in TRIALS}

#: Why the forest plot is not a league table.
NOT_COMPARABLE = (
    "These trials are not directly comparable: they enrolled different people (different "
    "sites, grades and earlier treatments), compared against different controls (placebo, "
    "high-dose octreotide, or another active drug), and were not all built the same way: PROMID "
    "measured time to progression; E2211 was a randomised phase II trial against an active "
    "drug. A smaller hazard ratio in one "
    "trial does not make that treatment better than a treatment tested in another trial."
)

#: NCCN on sequencing (fact base section 5 introduction).
SEQUENCING_NOTE = _fact(
    "NCCN states there are no data to guide the order (sequencing) of systemic drugs, and no "
    "role for systemic therapy after complete removal (adjuvant) of a pancreatic NET.", "S8",
)


def median_text(value: str | None) -> str:
    """``"14.3 months"``, or ``"not reached"`` for a median that was not reached."""
    return "not reached" if value is None else f"{value} months"


def hazard_ratio_reading(trial_key: str) -> str:
    """A plain-words reading of a trial's hazard ratio (what it does and does not mean).

    Raises
    ------
    ValueError
        If ``trial_key`` is not a trial in :data:`TRIALS`.
    """
    t = trial(trial_key)
    percent = round(t.hr_value * 100)
    event = "progression" if t.endpoint == "time to progression" else "progression or death"
    return (
        f"HR {t.hr}: at any moment during the trial, people on {t.experimental} had {event} at "
        f"about {percent}% of the rate seen with {t.control}. It does not mean that {percent}% "
        f"of the patients had {event}, and it is not a cure rate."
    )


# --------------------------------------------------------------------------------------------
# "What is discussed when": features, rules (data) and the matcher
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Feature:
    """One feature of the fictional tumour: ``key``, ``label``, ``options`` (value, label)."""

    key: str
    label: str
    options: tuple[tuple[str, str], ...]

    @property
    def values(self) -> tuple[str, ...]:
        """The allowed values, in order."""
        return tuple(v for v, _ in self.options)

    def option_label(self, value: str) -> str:
        """The learner label of ``value``."""
        return dict(self.options)[value]


_GRADES = tuple(row.category for row in WHO_2019_TABLE)  # "NET G1", "NET G2", "NET G3", "NEC"
_GRADE_LABELS = {
    "NET G1": "NET G1 (well differentiated, low grade)",
    "NET G2": "NET G2 (well differentiated, intermediate grade)",
    "NET G3": "NET G3 (well differentiated, high grade)",
    "NEC": "NEC (poorly differentiated carcinoma)",
}

#: The features a learner sets, in the order of the controls.
FEATURES: tuple[Feature, ...] = (
    Feature("extent", "How far has it spread?", (
        ("localised", "Localised: only in the organ where it started"),
        ("regional", "Regional: nearby lymph nodes or tissues"),
        ("liver_only", "Spread to the liver only"),
        ("widespread", "Widespread: beyond the liver"),
    )),
    Feature("grade", "Grade and differentiation",
            tuple((g, _GRADE_LABELS[g]) for g in _GRADES)),
    Feature("receptors", "Somatostatin receptors on imaging", (
        ("positive", "Receptor-positive (uptake at least as high as the liver)"),
        ("negative", "Receptor-negative"),
        ("not_imaged", "Not imaged yet"),
    )),
    Feature("function", "Hormone symptoms (functioning?)", (
        ("non_functioning", "Non-functioning (no hormone symptoms)"),
        ("carcinoid_syndrome", "Carcinoid syndrome (serotonin)"),
        ("gastrinoma", "Gastrinoma (Zollinger-Ellison syndrome)"),
        ("insulinoma", "Insulinoma (low blood sugar)"),
        ("other_syndrome", "Another hormone syndrome"),
    )),
    Feature("site", "Where did it start?", (
        ("pancreas", "Pancreas"),
        ("small_intestine", "Small intestine (jejunum or ileum)"),
        ("gut", "Another gut site (stomach, duodenum, appendix, colon, rectum)"),
    )),
)
_FEATURE_BY_KEY = {f.key: f for f in FEATURES}

_NET = frozenset({"NET G1", "NET G2", "NET G3"})
_GUT = frozenset({"small_intestine", "gut"})

#: The Ki-67 index (whole per cent) each grade allows, as the Ki-67 control offers it
#: (WHO 2019 [S9]: G1 under 3%, G2 3-20%, G3 and NEC over 20%).
KI67_RANGES: dict[str, tuple[int, int]] = {
    "NET G1": (0, 2), "NET G2": (3, 20), "NET G3": (21, 100), "NEC": (21, 100),
}
#: NETTER-2 enrolled NET G2 with Ki-67 of 10% or more and NET G3 up to 55% [S38].
NETTER2_KI67: tuple[int, int] = (10, 55)


def ki67_band(grade: str, ki67: float | None) -> str:
    """Where a Ki-67 index sits for first-line PRRT (NETTER-2 [S38]).

    ``"unknown"`` (no value), ``"below"`` (under 10%), ``"netter2"`` (10-55%) or ``"above"``.

    Raises
    ------
    ValueError
        If ``ki67`` is outside 0-100 or does not fit ``grade`` (the message gives the range).
    """
    if ki67 is None:
        return "unknown"
    if isinstance(ki67, bool) or not isinstance(ki67, (int, float)) or not 0 <= ki67 <= 100:
        raise ValueError(f"Ki-67 must be a number from 0 to 100 (per cent); got {ki67!r}")
    low, high = KI67_RANGES[grade]
    if not low <= ki67 <= high:
        raise ValueError(f"a Ki-67 of {ki67:g}% does not fit {grade} ({low}-{high}%); choose "
                         "a Ki-67 within the grade's range")
    if ki67 < NETTER2_KI67[0]:
        return "below"
    return "netter2" if ki67 <= NETTER2_KI67[1] else "above"
_ADVANCED = frozenset({"liver_only", "widespread"})
_FUNCTIONING = frozenset({"carcinoid_syndrome", "gastrinoma", "insulinoma", "other_syndrome"})

#: How the tool reads "regional" (systemic settings in the fact base are for advanced disease).
REGIONAL_ASSUMPTION = (
    "This tool takes a regional tumour to be removable. If it cannot be removed (locally "
    "advanced), the care team also weighs the treatments discussed for advanced disease."
)

#: The seed's point, shown with every result.
NO_BEST_TREATMENT = (
    "There is no best treatment, only the one recommended for a specific person by their care "
    "team. This list shows what guidelines discuss for tumours with these features; it is not "
    "a recommendation for anyone."
)


@dataclass(frozen=True)
class DiscussionRule:
    """One setting in which guidelines discuss a category.

    Attributes
    ----------
    category : str
        Key of the :class:`Category`.
    when : tuple of (str, frozenset of str)
        Feature key -> allowed values; a feature not listed matches any value.
    reason : str
        "Guidelines discuss ... because ..." (never an instruction).
    members : tuple of str
        Keys of the members the reason is about.
    sources : tuple of str
        Source keys.
    """

    category: str
    when: tuple[tuple[str, frozenset[str]], ...]
    reason: str
    members: tuple[str, ...]
    sources: tuple[str, ...]

    def matches(self, features: dict[str, str]) -> bool:
        """Whether every condition holds for ``features`` (feature key -> value; a missing
        ``ki67_band`` counts as not set)."""
        return all(_feature_value(features, key) in allowed for key, allowed in self.when)


@dataclass(frozen=True)
class DiscussionNote:
    """A caution shown (not a category) when its conditions hold; same matching as a rule."""

    when: tuple[tuple[str, frozenset[str]], ...]
    text: str
    sources: tuple[str, ...]

    def matches(self, features: dict[str, str]) -> bool:
        """Whether every condition holds for ``features``."""
        return all(_feature_value(features, key) in allowed for key, allowed in self.when)


#: The values of the derived ``ki67_band`` condition (see :func:`ki67_band`); ``"unknown_g3"``
#: is a NET G3 with no Ki-67 set (over 20% by definition; the NETTER-2 setting is kept).
KI67_BANDS: tuple[str, ...] = ("unknown", "unknown_g3", "below", "netter2", "above")


def _feature_value(features: dict[str, str], key: str) -> str:
    if key == "ki67_band" and key not in features:
        return "unknown_g3" if features.get("grade") == "NET G3" else "unknown"
    return features[key]


def _when(**conditions: str | frozenset[str] | set[str]) -> tuple[tuple[str, frozenset], ...]:
    out = []
    for key, allowed in conditions.items():
        values = frozenset({allowed}) if isinstance(allowed, str) else frozenset(allowed)
        out.append((key, values))
    return tuple(out)


def _rule(category: str, when: tuple, reason: str, members: tuple[str, ...],
          *sources: str) -> DiscussionRule:
    return DiscussionRule(category, when, reason, members, tuple(sources))


#: The settings, from the fact base's section 5 table and sections 5.1-5.6.
DISCUSSION_RULES: tuple[DiscussionRule, ...] = (
    # --- surgery (5.1) -------------------------------------------------------------------
    _rule("surgery", _when(extent="localised", grade=_NET),
          "Guidelines discuss removing the tumour (an operation, or endoscopic removal for some "
          "small stomach, duodenal and rectal NETs) because removal is the only treatment that "
          "can cure a NET that has not spread.",
          ("resection", "endoscopic"), "S1", *TABLE_SOURCES),
    _rule("surgery", _when(extent="regional", grade=_NET),
          "Guidelines discuss an operation that removes the primary tumour with its nearby lymph "
          "nodes (for the jejunum and ileum: with the mesenteric nodes) because removal is the "
          "only potentially curative treatment.",
          ("resection",), "S1", *TABLE_SOURCES),
    _rule("surgery", _when(extent="localised", grade="NET G1", site="pancreas",
                           function="non_functioning"),
          "Guidelines also discuss watching with scans instead (observation) when a pancreatic "
          "NET like this is small (2 cm or less) and found by chance, because NCCN lists "
          "observation as an option (ASPEN and PANDORA data); tumours of 1-2 cm still carry a "
          "risk of spread to the lymph nodes.",
          ("resection",), "S8", "S29"),
    _rule("surgery", _when(extent="liver_only", grade=_NET),
          "Guidelines discuss surgery when every liver metastasis can be removed, because in one "
          "series of 120 patients removing all visible liver metastases went with 61% five-year "
          "survival (case-series evidence, not a trial).",
          ("resection",), "S1", "S2"),
    _rule("surgery", _when(extent=_ADVANCED, grade=_NET, function=_FUNCTIONING),
          "Guidelines discuss debulking (removing most of the tumour, often quoted as 90% or "
          "more) because it can ease hormone symptoms.",
          ("resection",), "S1", *TABLE_SOURCES),
    _rule("surgery", _when(extent=_ADVANCED, grade=_NET, site=_GUT),
          "Guidelines discuss removing the primary tumour in the bowel because it can prevent "
          "blockage (obstruction) or bleeding.",
          ("resection",), *TABLE_SOURCES),
    _rule("surgery", _when(extent={"localised", "regional"}, grade="NEC"),
          "Guidelines discuss surgery as one part of combined (multimodal) treatment for NEC "
          "that has not spread beyond nearby lymph nodes or tissues, because ENETS 2023 says it "
          "can benefit such disease after extensive imaging beforehand.",
          ("resection",), "S44", "ENETS_NEC_ABSTRACT"),
    # --- ablation and embolisation (5.1) ---------------------------------------------------
    _rule("ablation", _when(extent="liver_only", grade=_NET),
          "Guidelines discuss ablation (destroying liver metastases with heat or cold) because "
          "it suits limited liver disease, alone or with surgery; after radiofrequency ablation "
          "92% of 63 patients had at least partial symptom relief.",
          ("rfa", "cryo"), "S1", *TABLE_SOURCES),
    _rule("embolisation", _when(extent="liver_only", grade=_NET),
          "Guidelines discuss embolisation because liver metastases are fed by the hepatic "
          "artery while the normal liver runs mainly on the portal vein, so blocking the artery "
          "starves the metastases; it is used when liver disease cannot be removed and is "
          "growing or causing symptoms.",
          ("bland", "tace", "tare"), "S1", "S2", *TABLE_SOURCES),
    _rule("embolisation", _when(extent="widespread", grade=_NET),
          "Guidelines discuss embolisation if most of the tumour is in the liver (liver-"
          "dominant), because blocking the hepatic artery starves liver metastases while the "
          "portal vein keeps the normal liver supplied.",
          ("bland", "tace", "tare"), "S1", "S2", *TABLE_SOURCES),
    # --- external-beam radiotherapy (5.1) --------------------------------------------------
    _rule("radiotherapy", _when(extent="widespread", grade=_NET),
          "Guidelines discuss external-beam radiotherapy if metastases in bone, brain or spinal "
          "cord cause symptoms, because it can ease them (NETs otherwise respond poorly to it).",
          ("ebrt",), "S1", *TABLE_SOURCES),
    _rule("radiotherapy", _when(extent="widespread", grade="NEC"),
          "Guidelines discuss external-beam radiotherapy if metastases in bone, brain or spinal "
          "cord cause symptoms, because it can ease them.",
          ("ebrt",), "S1", *TABLE_SOURCES),
    # --- somatostatin analogues (5.2) ------------------------------------------------------
    _rule("ssa", _when(function="carcinoid_syndrome", grade=_NET),
          "Guidelines discuss a somatostatin analogue first for carcinoid-syndrome symptoms, "
          "because it reduces hormone release: about 70% of people get relief of diarrhoea and "
          "flushing with octreotide (lanreotide similar, 75-80%). A positive receptor scan "
          "makes a response more likely, but it is not a condition for this use (it is for "
          "PRRT).",
          ("octreotide", "lanreotide"), "S1", "S8", "S27", "MSD_CARCINOID"),
    _rule("ssa", _when(function="other_syndrome", grade=_NET),
          "Guidelines discuss a somatostatin analogue for the hormone symptoms of other "
          "functioning tumours, such as the watery diarrhoea of a VIPoma (octreotide is approved "
          "for it) or a glucagonoma (octreotide suppresses glucagon), because it reduces hormone "
          "release. The octreotide label sets no receptor scan as a condition for this use; a "
          "positive scan is a condition for PRRT and for using the drug to slow growth.",
          ("octreotide", "lanreotide"), *TABLE_SOURCES, "FDA_OCTREOTIDE", "MSD_GLUCAGONOMA"),
    _rule("ssa", _when(function="insulinoma", grade=_NET, receptors="positive"),
          "Guidelines discuss a somatostatin analogue for insulinoma only because imaging shows "
          "receptors: without them it can make low blood sugar worse.",
          ("octreotide", "lanreotide"), "S8"),
    _rule("ssa", _when(extent=_ADVANCED, grade={"NET G1", "NET G2"}, receptors="positive"),
          "Guidelines discuss a somatostatin analogue to slow growth, because it is the first-"
          "line antiproliferative treatment for receptor-positive G1 and G2 tumours: PROMID "
          "(octreotide) and CLARINET (lanreotide) showed longer times without progression than "
          "placebo.",
          ("octreotide", "lanreotide"), *TABLE_SOURCES, "S1", "S31"),
    _rule("ssa", _when(grade=_NET, receptors="not_imaged", function="insulinoma"),
          "Guidelines discuss a somatostatin analogue for insulinoma only after receptor imaging "
          "has shown receptors, because without them it can make low blood sugar worse.",
          ("octreotide", "lanreotide"), "S8", "S16"),
    _rule("ssa", _when(extent=_ADVANCED, grade={"NET G1", "NET G2"}, receptors="not_imaged",
                       function="non_functioning"),
          "Guidelines discuss a somatostatin analogue to slow growth once receptor imaging shows "
          "receptors, because its growth-slowing role is for receptor-positive G1 and G2 "
          "tumours (CLARINET enrolled receptor-positive tumours).",
          ("octreotide", "lanreotide"), "S8", *TABLE_SOURCES, "S31"),
    # --- targeted therapies (5.3) ----------------------------------------------------------
    _rule("targeted", _when(extent=_ADVANCED, grade=_NET, site="pancreas"),
          "Guidelines discuss everolimus or sunitinib if a pancreatic NET is growing, because "
          "each lengthened median progression-free survival against placebo (RADIANT-3: 11.0 vs "
          "4.6 months; sunitinib trial: 11.4 vs 5.5 months).",
          ("everolimus", "sunitinib"), *TABLE_SOURCES, "S32", "S34"),
    _rule("targeted", _when(extent=_ADVANCED, grade=_NET, site=_GUT,
                            function="non_functioning"),
          "Guidelines discuss everolimus if a non-functioning gut NET is growing, because in "
          "RADIANT-4 it lengthened median progression-free survival against placebo (11.0 vs 3.9 "
          "months).",
          ("everolimus",), *TABLE_SOURCES, "S33"),
    _rule("targeted", _when(extent=_ADVANCED, grade=_NET),
          "Guidelines discuss cabozantinib if the tumour grows after earlier treatment, because "
          "in CABINET it lengthened median progression-free survival against placebo "
          "(pancreatic 13.8 vs 4.4 months; extra-pancreatic 8.4 vs 3.9 months).",
          ("cabozantinib",), *TABLE_SOURCES, "S36", "S8"),
    _rule("targeted", _when(extent=_ADVANCED, function="insulinoma", grade=_NET),
          "Guidelines discuss everolimus for a malignant insulinoma, because besides slowing "
          "growth it can help control low blood sugar.",
          ("everolimus",), "S16", "MATEJ2016"),
    _rule("targeted", _when(extent=_ADVANCED, grade="NEC"),
          "Guidelines list drugs matched to specific tumour test results for advanced NEC "
          "(BRAF V600E, NTRK, RET), because such changes can be targeted; ENETS 2023 encourages "
          "molecular profiling where available.",
          ("biomarker",), "S8", "ENETS_NEC_ABSTRACT"),
    # --- immunotherapy ---------------------------------------------------------------------
    _rule("immunotherapy", _when(extent=_ADVANCED, grade="NEC"),
          "Guidelines list pembrolizumab, an immune checkpoint inhibitor (anti-PD-1), for "
          "advanced NEC whose tumour tests show MSI-H, dMMR or a high tumour mutational burden, "
          "because these tumours are more visible to the immune system; without such a result "
          "immunotherapy plays a minor role.",
          ("pembrolizumab",), "S8", "ENETS_NEC_ABSTRACT"),
    # --- PRRT (5.4) ----------------------------------------------------------------------
    _rule("prrt", _when(extent=_ADVANCED, grade={"NET G1", "NET G2"}, receptors="positive"),
          "Guidelines discuss PRRT if a receptor-positive tumour grows despite a somatostatin "
          "analogue, because in NETTER-1 177Lu-DOTATATE cut the rate of progression or death "
          "compared with high-dose octreotide (HR 0.21).",
          ("lu_dotatate",), *TABLE_SOURCES, "S37"),
    _rule("prrt", _when(extent=_ADVANCED, grade={"NET G2", "NET G3"}, receptors="positive",
                        ki67_band={"netter2", "unknown_g3"}),
          "Guidelines discuss PRRT as a first treatment for receptor-positive NET G2 with Ki-67 "
          "of 10% or more, or NET G3 with Ki-67 up to 55%, because in NETTER-2 median "
          "progression-free survival was 22.8 vs 8.5 months; NCCN lists it first line for "
          "receptor-positive pancreatic NETs with Ki-67 of 10% or more and a large tumour "
          "burden.",
          ("lu_dotatate",), "S38", "S8"),
    _rule("prrt", _when(extent=_ADVANCED, grade=_NET, receptors="not_imaged",
                        ki67_band={"unknown", "unknown_g3", "below", "netter2"}),
          "Guidelines discuss PRRT only after receptor imaging, because it works by binding "
          "somatostatin receptors and a positive scan is a condition for it (NETTER-1 and "
          "NETTER-2 required receptor-positive lesions).",
          ("lu_dotatate",), "S8", "S37", "S38"),
    # --- chemotherapy (5.5) ----------------------------------------------------------------
    _rule("chemotherapy", _when(grade="NEC"),
          "Guidelines discuss platinum (carboplatin or cisplatin) plus etoposide for NEC, "
          "because it is the first-line combination for this poorly differentiated "
          "cancer (ENETS 2023 recommends carboplatin + etoposide for metastatic "
          "NEC).",
          ("platinum_etoposide",), "S44", *TABLE_SOURCES),
    _rule("chemotherapy", _when(extent=_ADVANCED, grade="NET G3"),
          "Guidelines discuss chemotherapy for an advanced NET G3 (well differentiated, with "
          "many dividing cells), because NET G3 is one of the settings they name for it, "
          "with pancreatic NETs that need to shrink and NEC.",
          ("captem",), *TABLE_SOURCES),
    _rule("chemotherapy", _when(extent=_ADVANCED, grade=_NET, site="pancreas"),
          "Guidelines discuss chemotherapy for a pancreatic NET that needs to shrink, because "
          "pancreatic NETs respond to it: in E2211 capecitabine + temozolomide (CAPTEM, "
          "preferred when shrinkage is needed) gave a median progression-free survival of 22.7 "
          "vs 14.4 months with temozolomide alone; streptozocin-based combinations are the "
          "older option.",
          ("captem", "streptozocin"), "S42", "S8", "S43"),
    # --- symptom-directed (5.6) ------------------------------------------------------------
    _rule("symptom", _when(function="carcinoid_syndrome"),
          "Guidelines discuss telotristat if carcinoid-syndrome diarrhoea is not controlled by a "
          "somatostatin analogue, because it blocks serotonin production: in TELESTAR 44% and "
          "42% responded vs 20% on placebo.",
          ("telotristat",), "S46", *TABLE_SOURCES),
    _rule("symptom", _when(function="insulinoma"),
          "Guidelines discuss diazoxide with frequent meals of slowly absorbed carbohydrate, "
          "because diazoxide lowers insulin release: it is the first-line medical treatment for "
          "low blood sugar from an insulinoma that cannot be removed.",
          ("diazoxide",), "S16", *TABLE_SOURCES),
    _rule("symptom", _when(function="gastrinoma"),
          "Guidelines discuss high-dose acid suppression (a proton-pump inhibitor) because a "
          "gastrinoma's gastrin causes ulcers and reflux.",
          ("ppi",), "S2", "S8", "S1"),
)

#: Cautions shown beside the categories.
DISCUSSION_NOTES: tuple[DiscussionNote, ...] = (
    DiscussionNote(_when(receptors="negative", grade=_NET),
                   "Receptor-negative: PRRT needs the receptors that imaging shows, and the "
                   "growth-slowing role of somatostatin analogues is for receptor-positive "
                   "tumours, so neither is listed for those uses. Lesions that are receptor-"
                   "negative and FDG-positive will not respond to PRRT.",
                   ("S8", "S22")),
    DiscussionNote(_when(receptors="not_imaged", grade=_NET),
                   "Receptor imaging (SSTR PET) comes first: a positive scan is a condition for "
                   "PRRT and for using a somatostatin analogue to slow growth.", ("S8",)),
    DiscussionNote(_when(grade="NEC", receptors={"positive", "not_imaged"}),
                   "Receptor (SSTR) imaging is not routine for poorly differentiated NEC, and "
                   "this course's sources list no somatostatin-analogue or PRRT setting for "
                   "NEC.", ("S8",)),
    DiscussionNote(_when(extent="regional"), REGIONAL_ASSUMPTION, TABLE_SOURCES),
    DiscussionNote(_when(extent="regional", grade=_NET, site="pancreas"),
                   "If a pancreatic NET is locally advanced (cannot be removed), external-beam "
                   "radiotherapy, with or without a fluoropyrimidine drug, can also be discussed "
                   "for local control.", TABLE_SOURCES),
    DiscussionNote(_when(site="small_intestine", grade={"NET G1", "NET G2"}, extent=_ADVANCED),
                   "Chemotherapy is of little value for jejunal and ileal NETs (responses under "
                   "15%).", ("S1",)),
    DiscussionNote(_when(function="carcinoid_syndrome"),
                   "Carcinoid crisis can be triggered by anaesthesia, surgery or embolisation; "
                   "it is prevented with somatostatin-analogue cover.", ("S1",)),
    DiscussionNote(_when(function="carcinoid_syndrome"),
                   "Work-up: echocardiography (a heart ultrasound) is used to look for carcinoid "
                   "heart disease in people with carcinoid syndrome.", ("S8", "ENETS_ECHO2009")),
    DiscussionNote(_when(site="pancreas", grade=_NET),
                   "Work-up: about 1 in 10 pancreatic NETs comes from an inherited syndrome "
                   "(MEN1, VHL, NF1, tuberous sclerosis), so germline (inherited) genetic "
                   "testing may be discussed, especially with several tumours, a young age or a "
                   "gastrinoma.", ("S8", "GEURTS2020")),
    DiscussionNote(_when(function="carcinoid_syndrome", extent={"localised", "regional"}),
                   "Unusual combination: carcinoid syndrome mainly comes from small-intestinal "
                   "NETs with liver metastases (the liver normally inactivates the hormones).",
                   ("S1",)),
    DiscussionNote(_when(function="insulinoma", site="gut"),
                   "Unusual combination: insulinomas arise in the pancreas.", ("S2",)),
    DiscussionNote(_when(function="insulinoma"),
                   "Insulinoma: a negative receptor (SSTR) scan is common, and somatostatin "
                   "analogues can make low blood sugar worse, so they are considered only if "
                   "receptor imaging is positive.", ("S8", "S16")),
    DiscussionNote(_when(extent=_ADVANCED, grade="NET G2", receptors="positive",
                         ki67_band={"unknown", "below"}),
                   "First-line PRRT (NETTER-2) was studied in NET G2 with Ki-67 of 10% or more "
                   "(and NET G3 up to 55%), so it is not listed for a NET G2 below 10% or whose "
                   "Ki-67 is not set.", ("S38",)),
    DiscussionNote(_when(extent=_ADVANCED, grade="NET G3", ki67_band="above",
                         receptors={"positive", "not_imaged"}),
                   "No PRRT setting is listed for this tumour. NETTER-2 (PRRT as a first "
                   "treatment) enrolled NET G3 only up to a Ki-67 of 55%: that is where the "
                   "trial's entry ended (a trial cut-off, not a pathology criterion), so its "
                   "evidence does not reach above 55%. This tool lists PRRT after a "
                   "somatostatin analogue (NETTER-1) only for NET G1 and G2, the grades for "
                   "which the analogue's growth-slowing role is listed.",
                   ("S38", "S37", *TABLE_SOURCES)),
    DiscussionNote(_when(function="gastrinoma"),
                   "Gastrinoma: acid suppression with a proton-pump inhibitor is the drug of "
                   "choice for its symptoms, so a somatostatin analogue is listed here only "
                   "where guidelines discuss it to slow growth.", ("ZES_PPI2019", "S8")),
    DiscussionNote(_when(grade=_NET, extent=_ADVANCED), SEQUENCING_NOTE.text,
                   SEQUENCING_NOTE.sources),
)


@dataclass(frozen=True)
class DiscussedCategory:
    """A category guidelines discuss for the given features, with every matching reason."""

    category: Category
    rules: tuple[DiscussionRule, ...]

    @property
    def members(self) -> tuple[Member, ...]:
        """The members named by the matching rules, in :data:`MEMBERS` order, no repeats."""
        keys = {k for r in self.rules for k in r.members}
        return tuple(m for m in MEMBERS if m.key in keys)

    @property
    def sources(self) -> tuple[str, ...]:
        """All source keys of the matching rules, first-seen order."""
        return tuple(dict.fromkeys(k for r in self.rules for k in r.sources))


@dataclass(frozen=True)
class Discussion:
    """What guidelines discuss for one set of features (see :func:`discussed_for`)."""

    features: dict[str, str] = field(hash=False)
    categories: tuple[DiscussedCategory, ...]
    notes: tuple[DiscussionNote, ...]
    message: str = NO_BEST_TREATMENT
    ki67: float | None = None

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source key behind the listed reasons and notes, first-seen order."""
        keys = [k for d in self.categories for k in d.sources]
        keys += [k for n in self.notes for k in n.sources]
        return tuple(dict.fromkeys(keys))

    @property
    def category_keys(self) -> tuple[str, ...]:
        """Keys of the discussed categories, in table order."""
        return tuple(d.category.key for d in self.categories)

    @property
    def not_discussed(self) -> tuple[Category, ...]:
        """Categories with no matching setting for these features."""
        return tuple(c for c in CATEGORIES if c.key not in self.category_keys)


def _check_features(features: dict[str, object]) -> dict[str, str]:
    unknown = sorted(set(features) - set(_FEATURE_BY_KEY))
    if unknown:
        raise ValueError(f"unknown feature(s) {', '.join(map(repr, unknown))}; known features: "
                         f"{', '.join(_FEATURE_BY_KEY)}")
    checked = {}
    for f in FEATURES:
        if f.key not in features:
            raise ValueError(f"feature {f.key!r} is missing; allowed values: "
                             f"{', '.join(f.values)}")
        value = features[f.key]
        if value not in f.values:
            raise ValueError(f"{f.key} must be one of {', '.join(map(repr, f.values))}; "
                             f"got {value!r}")
        checked[f.key] = value
    return checked


def discussed_for(extent: str, grade: str, receptors: str, function: str,
                  site: str, ki67: float | None = None) -> Discussion:
    """Return the categories guidelines discuss for a tumour with these features.

    Every category whose setting (a rule in :data:`DISCUSSION_RULES`) matches is listed, in the
    order of the fact base's table, with each matching reason; the result always carries
    :data:`NO_BEST_TREATMENT`. It never picks one.

    Parameters
    ----------
    extent : str
        ``"localised"``, ``"regional"``, ``"liver_only"`` or ``"widespread"``.
    grade : str
        ``"NET G1"``, ``"NET G2"``, ``"NET G3"`` or ``"NEC"`` (the WHO 2019 categories of
        :mod:`gepnet_widgets.grading`).
    receptors : str
        ``"positive"``, ``"negative"`` or ``"not_imaged"`` (somatostatin-receptor imaging).
    function : str
        ``"non_functioning"``, ``"carcinoid_syndrome"``, ``"gastrinoma"``, ``"insulinoma"`` or
        ``"other_syndrome"``.
    site : str
        ``"pancreas"``, ``"small_intestine"`` (jejunum or ileum) or ``"gut"`` (another gut
        site).
    ki67 : float, optional
        The Ki-67 index in per cent, within the grade's range (:data:`KI67_RANGES`). It decides
        first-line PRRT (NETTER-2: NET G2 with Ki-67 of 10% or more, NET G3 up to 55%). Without
        it, that setting is not listed for NET G2 (a note says why) and is listed for NET G3.

    Raises
    ------
    ValueError
        If a value is not one of the allowed values (the message names it and lists them).
    """
    features = _check_features({"extent": extent, "grade": grade, "receptors": receptors,
                                "function": function, "site": site})
    band = ki67_band(features["grade"], ki67)
    # NET G3 means Ki-67 over 20%; with no value the NETTER-2 setting (up to 55%) is kept.
    features["ki67_band"] = "unknown_g3" if band == "unknown" and grade == "NET G3" else band
    matched = [r for r in DISCUSSION_RULES if r.matches(features)]
    categories = tuple(
        DiscussedCategory(c, tuple(r for r in matched if r.category == c.key))
        for c in CATEGORIES if any(r.category == c.key for r in matched)
    )
    notes = tuple(n for n in DISCUSSION_NOTES if n.matches(features))
    return Discussion(features, categories, notes, ki67=ki67)


def all_feature_combinations() -> tuple[dict[str, str], ...]:
    """Every combination of feature values (for coverage tests and the benchmark)."""
    keys = [f.key for f in FEATURES]
    return tuple(dict(zip(keys, values, strict=True))
                 for values in product(*(f.values for f in FEATURES)))


# --------------------------------------------------------------------------------------------
# "How it works" panels
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MechanismPanel:
    """Captions of one "how it works" drawing for one state.

    Attributes
    ----------
    mechanism : str
        ``"ssa"``, ``"prrt"`` or ``"embolisation"``.
    receptors : str or None
        ``"positive"`` / ``"negative"`` (``None`` for embolisation, where receptors do not
        matter).
    treated : bool
        Before (False) or with the treatment acting (True).
    caption : Fact
        What the picture shows, in plain words.
    """

    mechanism: str
    receptors: str | None
    treated: bool
    caption: Fact


#: Mechanisms that can be drawn, with their learner labels.
MECHANISM_LABELS: dict[str, str] = {
    "ssa": "Somatostatin analogue",
    "prrt": "PRRT (177Lu-DOTATATE)",
    "embolisation": "Embolisation of liver metastases",
}
#: Which drawable mechanisms depend on receptor status.
RECEPTOR_MECHANISMS = ("ssa", "prrt")

MECHANISM_PANELS: tuple[MechanismPanel, ...] = (
    MechanismPanel("ssa", "positive", False, _fact(
        "Tumour cells carry somatostatin receptors (SSTR2, SSTR5) on their surface and release "
        "hormone (dots leaving the cells).", "S1", *TABLE_SOURCES)),
    MechanismPanel("ssa", "positive", True, _fact(
        "The analogue binds the receptors: hormone release falls and growth slows. About 70% of "
        "people with carcinoid syndrome get relief with octreotide.", *TABLE_SOURCES, "S1")),
    MechanismPanel("ssa", "negative", False, _fact(
        "These tumour cells carry no somatostatin receptors and release hormone.", "S8")),
    MechanismPanel("ssa", "negative", True, _fact(
        "Cells without receptors give the analogue nothing to bind, so their hormone release "
        "goes on. A negative scan makes a response less likely, but for carcinoid-syndrome "
        "symptoms a positive scan is not a condition for trying the drug; in insulinoma it is "
        "given only if receptor-positive, because it can make low blood sugar worse.",
        "S8", "S27", "MSD_CARCINOID", "S16")),
    MechanismPanel("prrt", "positive", False, _fact(
        "Receptor imaging first: these cells carry somatostatin receptors (uptake at least as "
        "high as the liver), so PRRT can reach them.", "S8", "S37")),
    MechanismPanel("prrt", "positive", True, _fact(
        "177Lu-DOTATATE binds the receptors and delivers beta radiation to the receptor-"
        "carrying cells (7.4 GBq every 8 weeks, 4 times, with an amino-acid infusion that "
        "protects the kidneys).", *TABLE_SOURCES, "S37", "S39")),
    MechanismPanel("prrt", "negative", False, _fact(
        "These cells carry no somatostatin receptors: imaging would show no uptake.", "S8")),
    MechanismPanel("prrt", "negative", True, _fact(
        "No receptors, no binding: the radiation is not carried to these cells. Lesions that "
        "are receptor-negative and FDG-positive will not respond to PRRT.", "S22", "S8")),
    MechanismPanel("embolisation", None, False, _fact(
        "Liver metastases are fed by the hepatic artery, while the normal liver is fed mainly "
        "by the portal vein.", *TABLE_SOURCES)),
    MechanismPanel("embolisation", None, True, _fact(
        "Blocking the hepatic artery (bland, chemo- or radio-embolisation) starves the "
        "metastases while the portal vein keeps the normal liver supplied. Post-embolisation "
        "syndrome is common.", *TABLE_SOURCES, "S1", "S2")),
)


def mechanism_panel(mechanism: str, receptors: str | None, treated: bool) -> MechanismPanel:
    """Return the panel for ``mechanism`` in this state.

    ``receptors`` is ignored (may be anything) for embolisation.

    Raises
    ------
    ValueError
        If ``mechanism`` or ``receptors`` is not allowed.
    """
    if mechanism not in MECHANISM_LABELS:
        raise ValueError(f"mechanism must be one of {', '.join(map(repr, MECHANISM_LABELS))}; "
                         f"got {mechanism!r}")
    if mechanism in RECEPTOR_MECHANISMS:
        if receptors not in ("positive", "negative"):
            raise ValueError(f"receptors must be 'positive' or 'negative' for {mechanism}; "
                             f"got {receptors!r}")
    else:
        receptors = None
    return next(p for p in MECHANISM_PANELS
                if p.mechanism == mechanism and p.receptors == receptors
                and p.treated == bool(treated))


# --------------------------------------------------------------------------------------------
# Accessors and the comparer's logic
# --------------------------------------------------------------------------------------------


def member(key: str) -> Member:
    """Return the member ``key``.

    Raises
    ------
    ValueError
        If ``key`` is unknown (the message lists the known keys).
    """
    try:
        return _MEMBER_BY_KEY[key]
    except KeyError:
        raise ValueError(f"unknown treatment {key!r}; known: {', '.join(_MEMBER_BY_KEY)}") from None


def category(key: str) -> Category:
    """Return the category ``key``; ValueError if unknown."""
    try:
        return _CATEGORY_BY_KEY[key]
    except KeyError:
        raise ValueError(f"unknown category {key!r}; known: {', '.join(_CATEGORY_BY_KEY)}") \
            from None


def members_of(category_key: str) -> tuple[Member, ...]:
    """The members of a category, in :data:`MEMBERS` order; ValueError if unknown."""
    category(category_key)
    return tuple(m for m in MEMBERS if m.category == category_key)


def trial(key: str) -> Trial:
    """Return the trial ``key``; ValueError if unknown."""
    try:
        return _TRIAL_BY_KEY[key]
    except KeyError:
        raise ValueError(f"unknown trial {key!r}; known: {', '.join(_TRIAL_BY_KEY)}") from None


def trials_for(member_key: str) -> tuple[Trial, ...]:
    """The trials that tested a member; ValueError if the member is unknown."""
    member(member_key)
    return tuple(t for t in TRIALS if t.member == member_key)


def filter_members(goal: str = "all", family: str = "all") -> tuple[Member, ...]:
    """Members with ``goal`` among their goals and in mechanism ``family`` (``"all"``: any).

    Raises
    ------
    ValueError
        If ``goal`` or ``family`` is not ``"all"`` or a known key.
    """
    if goal != "all" and goal not in _GOAL_KEYS:
        raise ValueError(f"goal must be 'all' or one of {', '.join(_GOAL_KEYS)}; got {goal!r}")
    if family != "all" and family not in _FAMILY_KEYS:
        raise ValueError(f"mechanism family must be 'all' or one of {', '.join(_FAMILY_KEYS)}; "
                         f"got {family!r}")
    return tuple(m for m in MEMBERS
                 if (goal == "all" or goal in m.goals) and (family == "all" or m.family == family))


def goal_label(key: str) -> str:
    """The learner label of a goal key."""
    return next(g.label for g in GOALS if g.key == key)


def family_label(key: str) -> str:
    """The learner label of a mechanism family key."""
    return next(f.label for f in MECHANISM_FAMILIES if f.key == key)


def comparison_rows(first: str, second: str) -> tuple[tuple[str, Fact, Fact], ...]:
    """Side-by-side rows (label, fact for ``first``, fact for ``second``) of two members.

    Raises
    ------
    ValueError
        If either key is unknown.
    """
    a, b = member(first), member(second)

    def goals(m: Member) -> Fact:
        return Fact(", ".join(goal_label(g) for g in m.goals), category(m.category).setting.sources)

    def evidence(m: Member) -> Fact:
        found = trials_for(m.key)
        if not found:
            return _missing("No randomised trial with a hazard ratio in this course's sources.")
        text = "; ".join(f"{t.name} ({t.year}): HR {t.hr}" for t in found)
        return Fact(text, tuple(dict.fromkeys(k for t in found for k in t.sources)))

    def cat(m: Member) -> Fact:
        c = category(m.category)
        group = f" (one of the {c.group.lower()})" if c.group == _SEED_LOCAL else ""
        return Fact(f"{c.name}{group}", c.mechanism.sources)

    return (
        ("Category", cat(a), cat(b)),
        ("How it works", a.mechanism, b.mechanism),
        ("Main goals", goals(a), goals(b)),
        ("How it is given", a.given, b.given),
        ("When guidelines consider it", a.setting, b.setting),
        ("Trial evidence", evidence(a), evidence(b)),
    )


def fact_keys() -> set[str]:
    """Every source key cited anywhere in this module's data (for validation)."""
    keys: set[str] = set(TABLE_SOURCES) | set(SEQUENCING_NOTE.sources)
    for c in CATEGORIES:
        keys |= set(c.mechanism.sources) | set(c.setting.sources)
    for m in MEMBERS:
        for f in (m.mechanism, m.given, m.setting, *m.details):
            keys |= set(f.sources)
    for t in TRIALS:
        keys |= set(t.sources)
    for r in DISCUSSION_RULES:
        keys |= set(r.sources)
    for n in DISCUSSION_NOTES:
        keys |= set(n.sources)
    for p in MECHANISM_PANELS:
        keys |= set(p.caption.sources)
    return keys

