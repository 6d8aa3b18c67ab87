"""The words a GEP-NET report uses, as cited data: what each means in plain words, its sources,
and the lesson section that teaches it.

Pure layer-1 data (no widget or plotting import). :mod:`gepnet_widgets.reading.scanner` finds the
words; :mod:`gepnet_widgets.reading.reader` turns them into a :class:`ReportReading`.

Every meaning carries source keys of :data:`gepnet_widgets.sources.SOURCES`; ``level`` is set
where the statement is weaker than its sources (``"unverified"``: not checked against the
original). Kinds that hold no clinical fact (a date, an identifier) carry no source.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "Term",
    "LESSON_LINKS",
    "TERMS",
    "SITE_WORDS",
    "DEPTH_WORDS",
    "STAINS",
    "IMAGING",
    "MARKERS",
    "METASTASIS_SITE_WORDS",
    "EXAMPLE_REPORTS",
    "ExampleReport",
    "NOT_TOLD",
    "PRIVACY_NOTE",
    "DEPTH_AT_SITE",
    "term",
    "PANCREAS_DEPTHS",
    "INVASION_LABELS",
]

#: Where each subject is taught (notebook and heading anchor, relative to a lesson notebook).
LESSON_LINKS: dict[str, str] = {
    "tnm": "03_tnm_staging.ipynb#1.-What-T,-N-and-M-describe",
    "t": "03_tnm_staging.ipynb#2.-T:-how-far-has-the-primary-tumour-grown?",
    "nm": "03_tnm_staging.ipynb#3.-N-and-M:-has-it-spread,-and-where?",
    "stage": "03_tnm_staging.ipynb#4.-The-stage-group",
    "site": "03_tnm_staging.ipynb#5.-Site-matters",
    "grade": "04_grade_and_differentiation.ipynb#4.-From-the-two-indices-to-the-grade",
    "ki67": "04_grade_and_differentiation.ipynb#2.-The-Ki-67-counting-lab",
    "mitoses": "04_grade_and_differentiation.ipynb#1.-Dividing-cells:-what-the-grade-measures",
    "differentiation": "04_grade_and_differentiation.ipynb#5.-Differentiation-is-not-grade",
    "tests": "02_diagnosis.ipynb#1.-What-each-test-can-tell",
    "function": "05_functional_vs_nonfunctional.ipynb#1.-Functioning-or-non-functioning?",
    "report": "08_reading_a_report.ipynb#2.-The-words-in-order",
    "privacy": "08_reading_a_report.ipynb#3.-Read-a-report-with-the-reader",
}

_TNM8 = ("AJCC8", "S1", "S2")
_WHO = ("S9", "S8")


@dataclass(frozen=True)
class Term:
    """One kind of report item: its name, its meaning in plain words, sources and lesson link.

    Attributes
    ----------
    kind : str
        The finding kind (``"ki67"``, ``"margin"``, ...).
    label : str
        What a learner calls it.
    meaning : str
        Plain words; a patient or carer can follow it.
    sources : tuple of str
        Source keys (empty only for kinds that state no clinical fact).
    lesson : str
        A key of :data:`LESSON_LINKS`.
    level : str or None
        ``"unverified"`` where the statement was not checked against the original.
    """

    kind: str
    label: str
    meaning: str
    sources: tuple[str, ...]
    lesson: str = "report"
    level: str | None = None

    @property
    def unverified(self) -> bool:
        """Whether the statement was not checked against the original (for the review report)."""
        return self.level == "unverified"


_TERMS = (
    Term("t", "T category (the primary tumour)",
         "How big the main tumour is and how deep it has grown into the wall of the organ.",
         _TNM8, "t"),
    Term("n", "N category (regional lymph nodes)",
         "Whether the tumour has reached the lymph nodes near it: N0 none, N1 (and at the "
         "jejunum and ileum N2) some, NX not assessed.", _TNM8, "nm"),
    Term("m", "M category (distant metastasis)",
         "Whether the tumour has spread to distant organs: M0 no; M1a liver only; M1b outside "
         "the liver only (such as lung, bone, peritoneum, distant lymph nodes); M1c both.",
         _TNM8, "nm"),
    Term("prefix", "Prefix before T, N or M",
         "p: from the pathologist's look at removed tissue; c: from examination and scans "
         "before treatment; y: after treatment given before surgery; r: a tumour that came "
         "back. (m) or a number in brackets after T: more than one primary tumour.",
         ("S1", "S4"), "tnm"),
    Term("stage_stated", "Stage group named in the report",
         "The stage group (I to IV) sums up T, N and M in one label for the site and edition.",
         _TNM8, "stage"),
    Term("site", "Where the tumour started (the primary site)",
         "The organ the tumour grew from. The T rules differ from organ to organ, so the site "
         "comes first.", _TNM8, "site"),
    Term("size", "Size of the tumour",
         "The largest measurement of the tumour; T uses the greatest dimension.", _TNM8, "t"),
    Term("size_other", "A measurement of something else",
         "A size that belongs to a margin, a lymph node, a liver spot or a mass, not to the "
         "main tumour; it is not used as the tumour's size.", _TNM8, "t"),
    Term("tumor_count", "Number of tumours",
         "More than one primary tumour is shown by (m) or the number after T; T is taken from "
         "the highest one (pancreas: the largest). It does not change the stage group.",
         ("S1", "S2", "S4"), "t"),
    Term("depth", "How deep the tumour has grown",
         "The layers of the wall from inside out: mucosa, submucosa, muscularis propria, "
         "subserosa, serosa (the outer covering). Deeper growth means a higher T.", _TNM8, "t"),
    Term("depth_negated", "A layer the report says is not reached",
         "The report names this layer as free of tumour, so it is not the depth.", _TNM8, "t"),
    Term("nodes", "Lymph nodes examined and positive",
         "Lymph nodes removed and looked at under the microscope, and how many held tumour "
         "(for example 3/15: 3 of 15). At the jejunum and ileum, fewer than 12 positive nodes "
         "is N1 and 12 or more is N2.", (*_TNM8, "S7"), "nm"),
    Term("mesenteric_mass", "Mesenteric mass",
         "A lump of tumour in the mesentery (the fan of tissue that holds the small bowel). At "
         "the jejunum and ileum a mass larger than 2 cm makes N2; a smaller one is reported "
         "but does not change N.", ("S1", "S7"), "nm"),
    Term("metastasis", "Spread to a distant organ",
         "Tumour found away from the primary: liver only is M1a; outside the liver only "
         "(lung, bone, peritoneum, distant lymph nodes) is M1b; both is M1c.", _TNM8, "nm"),
    Term("metastasis_uncertain", "Spots that may or may not be spread",
         "Words such as 'lesions' or 'nodules' describe spots seen; the report does not say "
         "they are tumour. Only the care team can say what they are.", _TNM8, "nm"),
    Term("metastasis_none", "No distant spread mentioned as found",
         "The report says no spread to distant organs was found (M0).", _TNM8, "nm"),
    Term("metastasis_none_organ", "No spread found in one organ",
         "The report says no spread was found in the organ it names. That alone is not M0: M0 "
         "means no distant spread anywhere, so other distant sites need to have been checked "
         "too.", _TNM8, "nm"),
    Term("depth_pancreas", "How far a pancreatic tumour has grown",
         "At the pancreas, T does not use the layers of a bowel wall. While the tumour is "
         "limited to the pancreas, its size decides T (below 2 cm T1, 2-4 cm T2, above 4 cm T3); "
         "growth into the duodenum or bile duct is T3, and into nearby organs or the wall of "
         "large vessels T4. Spread into the fat around the pancreas does not change T.",
         ("S2", "AJCC8"), "t"),
    Term("sstr_not_routine", "Receptor scan not a routine step",
         "For a small, localised, low-grade (G1) rectal or appendiceal NET, a "
         "somatostatin-receptor scan (SSTR PET) is not a routine step; the care team decides "
         "which scans are needed.", ("ENETS2023_CRC",), "tests", "unverified"),
    Term("ki67", "Ki-67 index",
         "The share of tumour cells that are dividing, counted in the busiest area (hot spot) "
         "on at least 500 cells. WHO 2019: below 3% G1, 3-20% G2, above 20% G3.", _WHO, "ki67"),
    Term("cells_counted", "Cells counted for Ki-67",
         "How many tumour cells were counted for the Ki-67 index; WHO 2019 asks for at least "
         "500 in the hot spot.", _WHO, "ki67"),
    Term("mitoses", "Mitotic count per 2 mm²",
         "Dividing cells seen under the microscope, per 2 mm² of tumour. WHO 2019: below 2 G1, "
         "2-20 G2, above 20 G3. The higher grade of Ki-67 and mitoses decides.", _WHO,
         "mitoses"),
    Term("mitoses_hpf", "Mitotic count per 10 high-power fields",
         "An older unit (WHO 2010). The size of a microscope field differs between "
         "microscopes, so this count is not converted to per 2 mm² here.", ("S10", "S9"),
         "mitoses"),
    Term("mitoses_other", "Mitotic count without a unit",
         "A mitotic count without per 2 mm² or per 10 fields; it cannot be placed in a WHO "
         "band without its unit.", _WHO, "mitoses"),
    Term("grade", "WHO grade",
         "G1, G2 or G3 from the Ki-67 index and the mitotic count (WHO 2019): the higher of "
         "the two decides. Low, intermediate and high grade are the same three.", _WHO,
         "grade"),
    Term("differentiation", "Differentiation",
         "How much the tumour cells still look like normal cells. Well differentiated: a NET "
         "(G1, G2 or G3). Poorly differentiated (small cell or large cell type): a "
         "neuroendocrine carcinoma (NEC), high grade by definition.", _WHO,
         "differentiation"),
    Term("differentiation_other", "'Moderately differentiated'",
         "WHO 2019 divides neuroendocrine neoplasms into well and poorly differentiated only; "
         "'moderately' is not one of its words for them.", _WHO, "differentiation"),
    Term("type_net", "Neuroendocrine tumour (NET)",
         "A well-differentiated neuroendocrine neoplasm; it is graded G1, G2 or G3 and staged "
         "with the NET chapters of TNM. All NETs are cancers (malignant), often slow-growing; "
         "NET or NEC is about how the cells look under the microscope (well or poorly "
         "differentiated), not about cancer or not cancer.",
         (*_WHO, *_TNM8[:1], "NCI_DICT_NET", "NET_MALIGNANT2017", "NEN_TERMS2024"),
         "differentiation"),
    Term("type_nec", "Neuroendocrine carcinoma (NEC)",
         "A poorly differentiated neuroendocrine neoplasm. It is not graded (high grade by "
         "definition) and is staged with the carcinoma system of the organ, not the NET "
         "chapters.", (*_WHO, "S3", "S6"), "differentiation"),
    Term("type_minen", "MiNEN (mixed neoplasm)",
         "A tumour with a neuroendocrine part and a non-neuroendocrine part (usually "
         "adenocarcinoma); it is staged with the carcinoma system of the organ.",
         (*_WHO, "S3", "S6"), "differentiation"),
    Term("type_carcinoid", "'Carcinoid' (an older name)",
         "An older name for a NET; it is no longer used in pathology reports of digestive NETs "
         "(it lives on in 'carcinoid syndrome').", ("S3",), "differentiation"),
    Term("edition", "Staging or grading edition named",
         "Which rule book the report used. This reader stages with AJCC Version 9 or the AJCC "
         "8th edition and grades with WHO 2019.", ("S5", "AJCC8", "S9"), "stage"),
    Term("margin", "Resection margin (R0, R1, R2)",
         "Whether tumour is left behind at the cut edge (the residual tumour, R, descriptor): "
         "R0 none left, R1 tumour left that is seen only under the microscope (at the edge), "
         "R2 tumour left that can be seen by eye. Written beside TNM, not part of the stage.",
         ("PDQ_R_TABLE", "TNMO2016"), "report"),
    Term("invasion_vessels", "Lymphovascular or perineural invasion",
         "Tumour cells seen inside small lymph or blood vessels (LVI; L1 lymph vessels, V1 or "
         "V2 veins) or along nerves (Pn1); 0 means not seen, X not assessed. These UICC "
         "descriptors are written beside TNM; they are not T, N or M and do not change the "
         "stage.", ("TNMO2016",), "report"),
    Term("procedure", "Type of sample",
         "A biopsy takes a small piece; a resection removes the tumour. A p prefix (from "
         "removed tissue) needs a resection.", ("S1",), "report"),
    Term("imaging_weighting", "MRI sequence name",
         "T1- or T2-weighted are kinds of MRI picture; they are not T categories.",
         ("S8",), "tests"),
    Term("krenning", "Krenning score",
         "How strongly spots take up the tracer on a somatostatin-receptor scan, compared with "
         "normal liver and spleen: 1 less than liver, 2 about the same as liver, 3 more than "
         "liver, 4 more than spleen.", ("KRENNING_RADIOPAEDIA",), "tests"),
    Term("suv", "SUV (standardised uptake value)",
         "A number for how much tracer a spot takes up on a PET scan; the report's author "
         "says what it means for that scan.", ("S22",), "tests", "unverified"),
    Term("stain_item", "Immunostain", "A stain on the tumour tissue (see its own meaning).",
         ("S1",), "tests"),
    Term("imaging_item", "Imaging", "A scan or tracer (see its own meaning).", ("S8",), "tests"),
    Term("marker_item", "Blood or urine marker", "A hormone or product measured in blood or "
         "urine (see its own meaning).", ("S1",), "function"),
    Term("date", "A date",
         "A date; not needed to read the tumour and not used here.", (), "privacy"),
    Term("identifier", "A reference or identity number",
         "An identity or specimen number; not needed to read the tumour and not used here. "
         "Leave such numbers out of what you paste.", (), "privacy"),
    Term("personal", "A personal detail",
         "An age or other personal detail; not needed to read the tumour and not used here.",
         (), "privacy"),
)

#: Every term by kind.
TERMS: dict[str, Term] = {t.kind: t for t in _TERMS}


def term(kind: str) -> Term:
    """The :class:`Term` of ``kind``; ``ValueError`` for an unknown kind."""
    try:
        return TERMS[kind]
    except KeyError:
        raise ValueError(f"unknown finding kind {kind!r}; known: {', '.join(TERMS)}") from None


#: Words that name a primary site, with the staging site they mean (regex source, site).
SITE_WORDS: tuple[tuple[str, str], ...] = (
    (r"stomach|gastric(?!\s{0,2}(?:emptying|acid|juice))|antrum|antral|fundus|fundic", "stomach"),
    (r"duodenal\s{0,2}bulb|duodenum|duodenal", "duodenum"),
    (r"ampulla(?:\s{0,2}of\s{0,2}vater)?|ampullary|periampullary", "ampulla"),
    (r"terminal\s{0,2}ileum|ileum|ileal|jejunum|jejunal|small\s{0,2}(?:bowel|intestine|intestinal)",
     "jejunum_ileum"),
    (r"appendix|appendiceal|appendicular|appendi(?:c)?ectomy", "appendix"),
    (r"rectum|rectal|recto-?sigmoid|sigmoid|caecum|cecum|caecal|cecal|colon|colonic|"
     r"(?:ascending|transverse|descending)\s{0,2}colon", "colon_rectum"),
    (r"pancreas|pancreatic(?:\s{0,2}(?:head|body|tail|neck|uncinate))?|"
     r"(?:head|body|tail|neck|uncinate\s{0,2}process)\s{0,2}of\s{0,2}(?:the\s{0,2})?pancreas",
     "pancreas"),
)

#: Depth words: (regex source, generic depth key). The reader maps generic keys to the site's
#: own invasion keywords (:func:`gepnet_widgets.staging.invasion_options`).
DEPTH_WORDS: tuple[tuple[str, str], ...] = (
    (r"(?:confined|limited)\s{0,2}to\s{0,2}(?:the\s{0,2})?pancreas", "pancreas"),
    (r"(?:confined|limited)\s{0,2}(?:with)?in\s{0,2}(?:the\s{0,2})?sphincter\s{0,2}of\s{0,2}oddi",
     "sphincter_of_oddi"),
    (r"muscularis\s{0,2}mucosae|lamina\s{0,2}propria", "mucosa"),
    (r"(?<![A-Za-z])mucosa(?:l)?(?![A-Za-z])", "mucosa"),
    (r"submucosa(?:l)?", "submucosa"),
    (r"muscularis\s{0,2}propria|muscularis\s{0,2}externa|muscle\s{0,2}(?:layer|wall|coat)",
     "muscularis_propria"),
    (r"subserosa(?:l)?(?:\s{0,2}(?:fat|tissue))?|pericolic\s{0,2}(?:fat|tissue)?|"
     r"perirectal\s{0,2}(?:fat|tissue)?|mesorectal\s{0,2}fat", "subserosa"),
    (r"mesoappendix|meso-appendix|mesoappendiceal", "mesoappendix"),
    (r"visceral\s{0,2}peritoneum|(?<![A-Za-z])serosa(?:l)?(?:\s{0,2}surface)?(?![A-Za-z])|"
     r"peritoneal\s{0,2}surface", "serosa"),
    (r"peri-?pancreatic\s{0,2}(?:fat|adipose\s{0,2}tissue|soft\s{0,2}tissue|tissue)",
     "peripancreatic"),
    (r"(?:invad\w{0,4}|into|involv\w{0,4}|infiltrat\w{0,5})\s{1,3}(?:the\s{1,2})?"
     r"(?:pancreas|pancreatic\s{0,2}(?:parenchyma|tissue))", "into_pancreas"),
    (r"(?:invad\w{0,4}|into|involv\w{0,4}|infiltrat\w{0,5})\s{1,3}(?:the\s{1,2})?"
     r"(?:duodenum|duodenal\s{0,2}wall|common\s{0,2}bile\s{0,2}duct|bile\s{0,2}duct)",
     "into_duodenum_or_bile_duct"),
    (r"(?:wall\s{0,2}of\s{0,2}(?:the\s{0,2})?)?(?:c(?:o)?eliac\s{0,2}axis|superior\s{0,2}"
     r"mesenteric\s{0,2}artery)", "large_vessels"),
    (r"adjacent\s{0,2}(?:organs?|structures?)|abdominal\s{0,2}wall|skeletal\s{0,2}muscle|"
     r"(?:invad\w{0,4}|into|involv\w{0,4})\s{1,3}(?:the\s{1,2})?(?:spleen|adrenal(?:\s{0,2}gland)?)",
     "adjacent_organs"),
)

#: How each generic depth key maps to a site's invasion keyword (missing: not used at the site).
DEPTH_AT_SITE: dict[str, dict[str, str]] = {
    "pancreas": {"pancreas": "pancreas", "peripancreatic": "peripancreatic_fat",
                 "into_duodenum_or_bile_duct": "duodenum_or_bile_duct",
                 "large_vessels": "large_vessels", "adjacent_organs": "adjacent_organs"},
    "ampulla": {"sphincter_of_oddi": "sphincter_of_oddi", "submucosa": "submucosa",
                "muscularis_propria": "muscularis_propria",
                "peripancreatic": "pancreas_or_peripancreatic",
                "into_pancreas": "pancreas_or_peripancreatic", "serosa": "serosa",
                "adjacent_organs": "adjacent_organs"},
    "duodenum": {"mucosa": "mucosa", "submucosa": "submucosa",
                 "muscularis_propria": "muscularis_propria",
                 "peripancreatic": "pancreas_or_peripancreatic",
                 "into_pancreas": "pancreas_or_peripancreatic", "serosa": "serosa",
                 "adjacent_organs": "adjacent_organs"},
}
_LUMINAL = {"mucosa": "mucosa", "submucosa": "submucosa",
            "muscularis_propria": "muscularis_propria", "subserosa": "subserosa",
            "serosa": "serosa", "adjacent_organs": "adjacent_organs"}
for _site in ("stomach", "jejunum_ileum", "colon_rectum"):
    DEPTH_AT_SITE[_site] = dict(_LUMINAL)
DEPTH_AT_SITE["appendix"] = {**_LUMINAL, "mesoappendix": "mesoappendix"}

#: Distant sites named in metastasis phrases: (regex source, "liver" or "extrahepatic").
METASTASIS_SITE_WORDS: tuple[tuple[str, str], ...] = (
    (r"liver|hepatic", "liver"),
    (r"bones?|osseous|skeletal|spine|vertebra\w{0,2}", "extrahepatic"),
    (r"lungs?|pulmonary", "extrahepatic"),
    (r"peritoneum|peritoneal|omentum|omental", "extrahepatic"),
    (r"ovary|ovaries|ovarian", "extrahepatic"),
    (r"brain", "extrahepatic"),
    (r"(?:distant|non-?regional|para-?aortic|supraclavicular|mediastinal)\s{0,2}(?:lymph\s{0,2})?"
     r"(?:nodes?|nodal)", "extrahepatic"),
)


@dataclass(frozen=True)
class Stain:
    """An immunostain or ancillary test named in pathology reports."""

    pattern: str
    label: str
    meaning: str
    sources: tuple[str, ...]
    level: str | None = None

    @property
    def unverified(self) -> bool:
        """Whether the statement was not checked against the original (for the review report)."""
        return self.level == "unverified"


STAINS: tuple[Stain, ...] = (
    Stain(r"synaptophysin", "Synaptophysin",
          "A stain that marks neuroendocrine cells; highly sensitive and specific. Positive "
          "staining supports a neuroendocrine tumour.", ("S1", "S23")),
    Stain(r"chromogranin(?:\s{0,2}a)?|(?<![A-Za-z])CgA(?![A-Za-z])", "Chromogranin A",
          "On tissue: a stain that marks neuroendocrine cells (very specific, less sensitive). "
          "In blood, chromogranin A is a different test that many conditions and medicines "
          "raise; AJCC Version 9 advises against using it for diagnosis and follow-up.",
          ("S1", "S23", "S20", "S5")),
    Stain(r"INSM-?1", "INSM1",
          "A stain used as a general marker of neuroendocrine cells.", ("S15",), "unverified"),
    Stain(r"SSTR-?2A?(?:\s{0,2}(?:immuno\w{0,12}|stain\w{0,3}|IHC))?", "SSTR2",
          "Somatostatin receptor type 2: most GEP-NETs carry it (with SSTR5). It is what "
          "somatostatin-receptor scans and some treatments act on.", ("S1",)),
    Stain(r"(?<![A-Za-z])p53(?![A-Za-z0-9])", "p53",
          "A protein tested when it is unclear whether a high-grade tumour is a NET G3 or a "
          "NEC (with Rb and p16).", ("S8",)),
    Stain(r"(?<![A-Za-z])(?:Rb1?|RB1?|retinoblastoma\s{0,2}protein)(?![A-Za-z0-9])", "Rb",
          "A protein tested with p53 to help separate a NET G3 from a NEC.", ("S8",)),
    Stain(r"(?<![A-Za-z])p16(?![A-Za-z0-9])", "p16",
          "Tested with p53 and Rb to help separate a NET G3 from a NEC.", ("S8",)),
    Stain(r"CDX-?2", "CDX2",
          "A stain that points to an intestinal origin; it helps suggest where a tumour "
          "started.", ("S24",)),
    Stain(r"ISL-?1|Islet-?1", "ISL1",
          "A stain positive in most NETs of the pancreas and duodenum and rarely in those of the "
          "ileum; it helps suggest where a tumour started.", ("GRAHAM2012",)),
    Stain(r"CD-?56|(?<![A-Za-z])NSE(?![A-Za-z])", "CD56 / NSE",
          "Stains that mark neuroendocrine cells; sensitive but not specific.", ("S1",)),
    Stain(r"TTF-?1", "TTF-1", "A stain that points to the lung as the origin.", ("S24",)),
)


@dataclass(frozen=True)
class Imaging:
    """An imaging word or tracer."""

    pattern: str
    label: str
    meaning: str
    sources: tuple[str, ...]
    sstr: bool = False
    level: str | None = None

    @property
    def unverified(self) -> bool:
        """Whether the statement was not checked against the original (for the review report)."""
        return self.level == "unverified"


_SSTR_PET = ("A PET scan with a tracer that sticks to somatostatin receptors: it shows where "
             "receptor-carrying tumour is, and it is also used to decide whether treatments that "
             "act on these receptors are possible.")
IMAGING: tuple[Imaging, ...] = (
    Imaging(r"(?:(?:68|64)\s{0,2}-?\s{0,2}(?:Ga|Cu)|(?:Ga|Cu)\s{0,2}-?\s{0,2}(?:68|64))"
            r"(?:\s{0,2}-?\s{0,2}(?:DOTA-?TATE|DOTA-?TOC|DOTA-?NOC))?"
            r"(?:\s{0,2}(?:PET(?:\s{0,2}/?\s{0,2}(?:CT|MRI?))?|scan))?",
            "SSTR PET (gallium-68 or copper-64 tracer)", _SSTR_PET, ("S8", "S21"), True),
    Imaging(r"DOTA-?TATE|DOTA-?TOC|DOTA-?NOC", "DOTATATE / DOTATOC tracer", _SSTR_PET,
            ("S8", "S21"), True),
    Imaging(r"SSTR[\s-]{0,2}PET(?:\s{0,2}/\s{0,2}CT)?|somatostatin[\s-]{0,2}receptor\s{0,2}"
            r"(?:PET|imaging|scintigraphy|scan)", "SSTR PET", _SSTR_PET, ("S8",), True),
    Imaging(r"octreoscan|(?:111\s{0,2}-?\s{0,2}In|In\s{0,2}-?\s{0,2}111)(?:[\s-]{0,2}"
            r"(?:pentetreotide|octreotide))?|pentetreotide", "Octreoscan (older SSTR scan)",
            "An older somatostatin-receptor scan (indium-111); SSTR PET has replaced it.",
            ("S8",), True),
    Imaging(r"(?:18\s{0,2}F[\s-]{0,2})?FDG(?:[\s-]{0,2}PET(?:\s{0,2}/\s{0,2}CT)?)?",
            "FDG PET", "A PET scan with a sugar-like tracer: spots that take it up are very "
            "active, which can point to higher-grade disease.", ("S22", "S8")),
    Imaging(r"(?<![A-Za-z])(?:CT|MRI|MR)(?![A-Za-z])(?:\s{0,2}(?:scan|of\s{0,2}the\s{0,2}"
            r"(?:abdomen|chest|liver|pelvis)))?", "CT or MRI scan",
            "Cross-sectional scans of the body; they show size and where tumour is.",
            ("S8", "S1")),
    Imaging(r"(?<![A-Za-z])EUS(?![A-Za-z])|endoscopic\s{0,2}ultrasound", "Endoscopic ultrasound",
            "An ultrasound probe on an endoscope; it measures size and depth in the wall.",
            ("S1",)),
)


@dataclass(frozen=True)
class Marker:
    """A hormone or breakdown product measured in blood or urine."""

    pattern: str
    label: str
    meaning: str
    sources: tuple[str, ...]


MARKERS: tuple[Marker, ...] = (
    Marker(r"5-?HIAA|5-?hydroxy-?indole-?acetic\s{0,2}acid", "5-HIAA",
           "The breakdown product of serotonin, measured in urine (24 hours) or blood; used "
           "when carcinoid syndrome is a question. Foods rich in serotonin can raise it.",
           ("S1", "S19")),
    Marker(r"(?:serum\s{0,2}|fasting\s{0,2}|plasma\s{0,2})?gastrin(?!oma)", "Gastrin",
           "A stomach hormone measured in blood when a gastrinoma is a question; acid-lowering "
           "medicines raise it too.", ("S18", "S8")),
    Marker(r"(?:serum\s{0,2}|fasting\s{0,2}|plasma\s{0,2})?insulin(?!oma)", "Insulin",
           "Measured with glucose (often during a supervised fast) when an insulinoma is a "
           "question.", ("S17",)),
)


#: Pancreas depth keys (generic keys of :data:`DEPTH_WORDS` used at the pancreas).
PANCREAS_DEPTHS = frozenset({"pancreas", "peripancreatic", "into_duodenum_or_bile_duct",
                             "large_vessels"})

#: The finding label for each kind of invasion a report names.
INVASION_LABELS = {
    "lymphovascular": "Lymphovascular invasion", "lymphatic": "Lymphatic invasion (L)",
    "venous": "Venous invasion (V)", "perineural": "Perineural invasion (Pn)",
}

#: What the reader cannot say (shown with every reading; the lesson's last section says more).
NOT_TOLD = ("This reading explains the words of a report. It does not say what the report means "
            "for you: outlook depends on many things a report does not hold, and only your care "
            "team can say what it means for one person.")

#: The privacy note shown in the text box.
PRIVACY_NOTE = ("Do not paste names, dates of birth, addresses or hospital numbers: the reader "
                "does not need them. Your text is read in this notebook only, never sent or "
                "stored, and the box is emptied after reading so the notebook file does not keep "
                "it.")


@dataclass(frozen=True)
class ExampleReport:
    """A fictional report fragment for the widget and the lesson."""

    key: str
    title: str
    text: str


#: Three fictional reports (written for this course; no real person).
EXAMPLE_REPORTS: tuple[ExampleReport, ...] = (
    ExampleReport(
        "ileum",
        "Example 1: small bowel resection (fictional)",
        "SPECIMEN: Segment of terminal ileum with mesentery (resection).\n"
        "DIAGNOSIS: Well-differentiated neuroendocrine tumour of the terminal ileum.\n"
        "Tumour size: 2.3 cm. The tumour invades through the muscularis propria into the "
        "subserosa; the serosa is intact.\n"
        "Ki-67 index: 4% (hot spot, 600 cells). Mitotic count: 1 per 2 mm2. WHO grade: G2.\n"
        "Lymph nodes: 3/15 lymph nodes positive. Mesenteric mass 1.5 cm.\n"
        "Lymphovascular invasion: present (L1). Margins clear (R0).\n"
        "Immunohistochemistry: synaptophysin and chromogranin A positive.\n"
        "Clinical note: liver lesions on CT.\n"
        "pT3 pN1",
    ),
    ExampleReport(
        "pancreas",
        "Example 2: pancreas biopsy and scan (fictional)",
        "EUS-guided biopsy, tail of pancreas: neuroendocrine tumour, well differentiated.\n"
        "Ki-67 labelling index 12%; mitoses 3 per 10 HPF. Reported as grade 1.\n"
        "CT: 3.1 cm mass in the tail of the pancreas, confined to the pancreas. No liver "
        "metastases. 68Ga-DOTATATE PET/CT: intense uptake in the primary (Krenning 3).\n"
        "Staged by UICC TNM 8th edition.",
    ),
    ExampleReport(
        "rectum",
        "Example 3: rectal polyp removed at endoscopy (fictional)",
        "Rectal polyp, endoscopic resection: well-differentiated NET, 0.6 cm, confined to the "
        "submucosa. Ki-67 <1%, grade 1. Deep margin clear. No lymphovascular invasion (L0, V0).\n"
        "No lymph nodes in the specimen (NX). pT1a NX",
    ),
)
