"""The bibliography: every fact the package shows cites one of these keys.

Keys follow the project fact base (``shared/reference/gepnet-facts.md``, section 7), so a reviewer
can trace any number from a widget back to the fact base and from there to the primary source.
Pure data: no widget or plotting import.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "Source",
    "SOURCES",
    "LEVELS",
    "LEVEL_WORDS",
    "REFERENCES_PAGE",
    "cite",
    "source_words",
    "level_words",
    "AJCC8",
    "WHO2019",
]

#: How sure a statement is, weakest last. "primary": checked against the original text;
#: "secondary": taken from a published summary or transcription of it; "unverified": not yet
#: checked against the original (shown to learners as such).
LEVELS: tuple[str, ...] = ("primary", "secondary", "unverified")

#: The same three levels in a learner's words (the only wording learners see).
LEVEL_WORDS: dict[str, str] = {
    "primary": "checked against the original source",
    "secondary": "from a published summary of the source",
    "unverified": "not yet checked against the original",
}

#: The course's reference page, relative to a lesson notebook (the site builder maps it to HTML).
REFERENCES_PAGE = "references.ipynb"


@dataclass(frozen=True)
class Source:
    """One cited work.

    Attributes
    ----------
    key: short key used in data (``"S1"``).
    short: how a learner sees it inline (``"NCI PDQ GI NETs, 2025"``).
    full: the full reference.
    year: year of the edition used.
    level: how the course saw it: one of :data:`LEVELS` ("primary": the original text).
    """

    key: str
    short: str
    full: str
    year: int
    level: str = "secondary"


AJCC8 = (
    "AJCC Cancer Staging Manual, 8th edition (Amin MB et al., eds). Springer, 2017; "
    "chapters 29-34, neuroendocrine tumours of the stomach, duodenum and ampulla of Vater, "
    "jejunum and ileum, appendix, colon and rectum, and pancreas"
)
WHO2019 = (
    "WHO Classification of Tumours Editorial Board. Digestive System Tumours, 5th edition. "
    "IARC, 2019"
)

_ENTRIES = (
    Source(
        "AJCC8",
        "AJCC 8th ed., 2017",
        AJCC8 + ". Mandatory in the US from 1 January 2018.",
        2017,
    ),
    Source(
        "S1",
        "NCI PDQ GI NETs (HP), 2025",
        "NCI PDQ. Gastrointestinal Neuroendocrine Tumors Treatment (PDQ) - Health Professional "
        "Version, last updated 9 May 2025. National Cancer Institute. Reprints the AJCC 8th "
        "edition NET tables for stomach, duodenum/ampulla, jejunum/ileum, appendix, colon/rectum.",
        2025,
    ),
    Source(
        "S2",
        "NCI PDQ pancreatic NETs (HP), 2025",
        "NCI PDQ. Pancreatic Neuroendocrine Tumors (Islet Cell Tumors) Treatment (PDQ) - Health "
        "Professional Version, 9 May 2025. National Cancer Institute. Reprints the AJCC 8th "
        "edition pancreas NET tables.",
        2025,
    ),
    Source(
        "S3",
        "PathologyOutlines NET staging, 2018-2025",
        "Gonzalez RS. PathologyOutlines.com staging pages for neuroendocrine tumours of the "
        "stomach, duodenum/ampulla, small bowel, appendix, colon and pancreas (versions "
        "2018-2025).",
        2025,
    ),
    Source(
        "S4",
        "CAP NET stomach checklist",
        "College of American Pathologists NET stomach checklist (AJCC 8th), as reproduced at "
        "essentialpathology.info, TumorChecklist/Staging8.",
        2017,
    ),
    Source(
        "S5",
        "AJCC version 9 GEP-NET update, 2024",
        "Critical updates in neuroendocrine tumors: Version 9 AJCC staging system for "
        "gastroenteropancreatic neuroendocrine tumors. CA Cancer J Clin 2024;74(4):359-367. "
        "doi:10.3322/caac.21840.",
        2024,
    ),
    Source(
        "S7",
        "NCCN NET guideline v1.2026, ST-1",
        "NCCN Clinical Practice Guidelines in Oncology: Neuroendocrine and Adrenal Tumors, "
        "version 1.2026, staging table ST-1 (AJCC version 9 jejunum/ileum), secondary "
        "transcription.",
        2026,
    ),
    Source(
        "S8",
        "NCCN NET guideline v3.2025",
        "NCCN Clinical Practice Guidelines in Oncology: Neuroendocrine and Adrenal Tumors, "
        "version 3.2025 (WHO 2019 table, PanNET, well-differentiated G3, poorly differentiated "
        "NEC, systemic therapy), secondary transcription.",
        2025,
    ),
    Source(
        "S9",
        "WHO 2019 grading, 5th ed.",
        WHO2019 + ". Grading table and counting footnotes as reproduced in J Nucl Med Technol, "
        "patho-logisch.de and the CAP NET checklist note.",
        2019,
    ),
    Source(
        "S10",
        "WHO 2010 and 2017 tables",
        "WHO 2010 grading table: Drug Des Devel Ther 2016;10:3459 (PMC5087808); WHO 2017 table: "
        "PMC5697502.",
        2017,
    ),
    Source(
        "S13",
        "ENETS pancreatic TNM tables",
        "ENETS pancreatic TNM tables: Sci World J 2012;357475, Table 1; World J Surg Oncol "
        "doi:10.1186/s12957-018-1446-y, Table 2.",
        2018,
    ),
    Source(
        "S15",
        "WHO 2022 / NET G3 reviews",
        "Reviews of the WHO 2022 classification and the history of NET G3 (Br J Cancer 2025 "
        "NORDIC NEC 2 context; Cureus 2026 doi:10.7759/cureus.102857).",
        2026,
    ),
    Source(
        "S38",
        "NETTER-2, Lancet 2024",
        "Singh S et al. NETTER-2: first-line 177Lu-DOTATATE in SSTR-positive G2 (Ki-67 10-20%) and "
        "G3 (Ki-67 >20-55%) GEP-NETs. Lancet 2024 (docwirenews/medpath summaries; JNM 2024 "
        "supplement abstract).",
        2024,
    ),
    Source(
        "S45",
        "NORDIC NEC, Ann Oncol 2013",
        "Sorbye H et al. NORDIC NEC study, Ann Oncol 2013, as cited in the Br J Cancer 2025 "
        "NORDIC NEC 2 paper (Ki-67 55% split in digestive NEC).",
        2013,
    ),
    Source(
        "WILSON1927",
        "Wilson 1927 (score interval)",
        "Wilson EB. Probable inference, the law of succession, and statistical inference. "
        "J Am Stat Assoc 1927;22:209-212.",
        1927,
    ),
    Source(
        "KLIMSTRA2010",
        "Klimstra et al., Pancreas 2010",
        "Klimstra DS, Modlin IR, Coppola D, Lloyd RV, Suster S. The pathologic classification of "
        "neuroendocrine tumors: a review of nomenclature, grading, and staging systems. Pancreas "
        "2010;39(6):707-712. doi:10.1097/MPA.0b013e3181ec124e. Cited for the look of the two "
        "differentiations (well: organoid nests and trabeculae of uniform cells; poor: sheet-like "
        "growth, atypical nuclei, necrosis); not in the project fact base.",
        2010,
    ),
    Source(
        "S16",
        "ENETS 2023 functioning pNET guidance",
        "Hofland J et al. ENETS 2023 guidance paper for functioning pancreatic neuroendocrine "
        "tumour syndromes. J Neuroendocrinol 2023. doi:10.1111/jne.13318.",
        2023,
    ),
    Source(
        "S17",
        "MSD Manual Professional, Insulinoma",
        "MSD Manual Professional Version: Insulinoma (msdmanuals.com), online edition as used "
        "for the project fact base (2025; the page's own revision date was not recorded).",
        2025,
    ),
    Source(
        "S18",
        "Jensen et al., ZES diagnosis (NIH)",
        "Jensen RT et al. Zollinger-Ellison syndrome diagnosis controversies (PMC5757869); and "
        "Serum gastrin in Zollinger-Ellison syndrome II: prospective study of gastrin "
        "provocative testing in 293 patients from the National Institutes of Health. Medicine "
        "2006;85(6):331-364 (PMC9817094).",
        2006,
    ),
    Source(
        "S19",
        "5-HIAA testing: NETRF; AACE Clin Case Rep 2016",
        "Neuroendocrine Tumor Research Foundation (NETRF) patient page on 5-HIAA testing; AACE "
        "Clinical Case Reports 2016 (24-hour urine 5-HIAA dietary pitfall); a study of dietary "
        "serotonin and serum 5-HIAA.",
        2016,
    ),
    Source(
        "S20",
        "Korse et al., Br J Cancer 2011; Arch Med Sci 2016",
        "Korse CM et al. Br J Cancer 2011;105:1173-1175 (PMC3208502), chromogranin A and proton "
        "pump inhibitors; Arch Med Sci 2016;12(1), Table I (PMC4754364), causes of false "
        "chromogranin A elevation.",
        2016,
    ),
    Source(
        "S21",
        "64Cu-DOTATATE phase III, J Nucl Med 2020",
        "64Cu-DOTATATE PET phase III study. J Nucl Med 2020;61:890; FDA approval of "
        "64Cu-DOTATATE (Detectnet), September 2020.",
        2020,
    ),
    Source(
        "S22",
        "Chan et al., NETPET, Theranostics 2017",
        "Chan DLH et al. Dual somatostatin receptor/FDG PET/CT imaging in metastatic "
        "neuroendocrine tumours: proposal for a novel grading scheme with prognostic "
        "significance (NETPET grade). Theranostics 2017;7:1149-1158.",
        2017,
    ),
    Source(
        "S47",
        "Grawe et al., Cancer Imaging 2023",
        "Grawe F et al. Diagnostic performance of PET/CT in the detection of liver metastases in "
        "well-differentiated neuroendocrine tumours. Cancer Imaging 2023.",
        2023,
    ),
    Source(
        "S27",
        "ESMO GEP-NEN guideline, 2020",
        "Pavel M et al. Gastroenteropancreatic neuroendocrine neoplasms: ESMO Clinical Practice "
        "Guidelines for diagnosis, treatment and follow-up. Ann Oncol 2020;31:844-860 (partially "
        "verified: the guideline text exists; volume and pages from knowledge).",
        2020,
    ),
    Source(
        "S29",
        "ASPEN study protocol",
        "ASPEN study protocol (observation vs surgery for small non-functioning pancreatic NETs), "
        "PMC7785972.",
        2020,
    ),
    Source(
        "S30",
        "RETNET protocol, Trials 2018",
        "Chen JX, Wileyto EP, Soulen MC. Randomized Embolization Trial for NeuroEndocrine Tumor "
        "Metastases to the Liver (RETNET): study protocol. Trials 2018;19:390. "
        "doi:10.1186/s13063-018-2782-5.",
        2018,
    ),
    Source(
        "S31",
        "CLARINET, NEJM 2014",
        "Caplin ME et al. Lanreotide in metastatic enteropancreatic neuroendocrine tumors. "
        "N Engl J Med 2014;371:224-233; CLARINET open-label extension final analysis: Endocrine "
        "2021;71:502-513 (PMC7881960).",
        2014,
    ),
    Source(
        "S32",
        "RADIANT-3, NEJM 2011",
        "Yao JC et al. Everolimus for advanced pancreatic neuroendocrine tumors. N Engl J Med "
        "2011;364:514-523. doi:10.1056/NEJMoa1009290; overall survival: J Clin Oncol 2016, "
        "doi:10.1200/JCO.2016.68.0702.",
        2011,
    ),
    Source(
        "S33",
        "RADIANT-4, Lancet 2016",
        "Yao JC et al. Everolimus for the treatment of advanced, non-functional neuroendocrine "
        "tumours of the lung or gastrointestinal tract (RADIANT-4). Lancet 2016;387:968-977. "
        "doi:10.1016/S0140-6736(15)00817-X.",
        2016,
    ),
    Source(
        "S34",
        "Sunitinib pNET trial, NEJM 2011",
        "Raymond E et al. Sunitinib malate for the treatment of pancreatic neuroendocrine tumors. "
        "N Engl J Med 2011;364:501-513. doi:10.1056/NEJMoa1003825.",
        2011,
    ),
    Source(
        "S35",
        "NCI news: sunitinib and everolimus, 2011",
        "National Cancer Institute news: Targeted therapies sunitinib and everolimus improve "
        "survival in pancreatic neuroendocrine tumors (cancer.gov).",
        2011,
    ),
    Source(
        "S36",
        "CABINET, NEJM 2025",
        "Chan JA et al. Phase 3 trial of cabozantinib to treat advanced neuroendocrine tumors "
        "(Alliance A021602, CABINET). N Engl J Med 2025 (online 16 September 2024). "
        "doi:10.1056/NEJMoa2403991.",
        2025,
    ),
    Source(
        "S37",
        "NETTER-1, NEJM 2017",
        "Strosberg J et al. Phase 3 trial of 177Lu-Dotatate for midgut neuroendocrine tumors. "
        "N Engl J Med 2017;376:125-135. doi:10.1056/NEJMoa1607427; final overall survival: "
        "Lancet Oncol 2021 (ASCO Post summary).",
        2017,
    ),
    Source(
        "S39",
        "Lutathera SmPC / NETTER-R",
        "Lutathera (177Lu-oxodotreotide) summary of product characteristics and the NETTER-R "
        "description of the approved regimen.",
        2017,
    ),
    Source(
        "S40",
        "Rotterdam 177Lu-DOTATATE series, 2017",
        "Brabander T et al. Long-term efficacy, survival, and safety of [177Lu-DOTA0,Tyr3]"
        "octreotate in patients with gastroenteropancreatic and bronchial neuroendocrine tumors. "
        "Clin Cancer Res 2017;23:4617.",
        2017,
    ),
    Source(
        "S41",
        "COMPETE, ENETS 2025 / Lancet 2026",
        "COMPETE trial (177Lu-edotreotide vs everolimus): ENETS 2025 abstract; Lancet 2026 "
        "summary (journaljams.org). Lower authority than a full paper.",
        2026,
    ),
    Source(
        "S42",
        "E2211, JCO 2023",
        "Kunz PL et al. Randomized study of temozolomide or temozolomide and capecitabine in "
        "patients with advanced pancreatic neuroendocrine tumors (ECOG-ACRIN E2211). J Clin "
        "Oncol 2023;41:1359-1369. doi:10.1200/JCO.22.01013.",
        2023,
    ),
    Source(
        "S43",
        "Moertel, NEJM 1992",
        "Moertel CG et al. Streptozocin-doxorubicin, streptozocin-fluorouracil, or chlorozotocin "
        "in the treatment of advanced islet-cell carcinoma. N Engl J Med 1992;326:519-523. "
        "doi:10.1056/NEJM199202203260804.",
        1992,
    ),
    Source(
        "S44",
        "ENETS 2023 digestive NEC guidance",
        "Sorbye H et al. European Neuroendocrine Tumor Society (ENETS) 2023 guidance paper for "
        "digestive neuroendocrine carcinoma. J Neuroendocrinol 2023;35:e13249. "
        "doi:10.1111/jne.13249.",
        2023,
    ),
    Source(
        "S46",
        "TELESTAR (JCO 2017) / TELECAST (2018)",
        "Kulke MH et al. Telotristat ethyl, a tryptophan hydroxylase inhibitor for the treatment "
        "of carcinoid syndrome (TELESTAR). J Clin Oncol 2017; Pavel M et al. TELECAST. Endocr "
        "Relat Cancer 2018;25:309-322.",
        2017,
    ),
    Source(
        "ENETS_NEC_ABSTRACT",
        "ENETS 2023 NEC guidance, abstract",
        "Abstract of Sorbye H, Grande E, Pavel M, et al. ENETS 2023 guidance paper for digestive "
        "neuroendocrine carcinoma. J Neuroendocrinol 2023;35:e13249 (the paper behind S44), as "
        "indexed at biomed.reviewer.ly. States that surgery can benefit localised disease after "
        "extensive preoperative imaging, that carboplatin + etoposide is recommended first line "
        "for metastatic disease, and that molecular profiling is encouraged where available. "
        "Retrieved for lesson 6; not in the project fact base.",
        2023,
    ),
    Source(
        "SUNITINIB_GICTT2011",
        "Sunitinib in pNET review, 2011",
        "Role of sunitinib for the management of pancreatic neuroendocrine tumors. "
        "Gastrointestinal Cancer: Targets and Therapy 2011:1 53-57 (published online 15 August "
        "2011), doi:10.2147/GICTT.S18231: sunitinib is an orally administered multitargeted "
        "tyrosine kinase inhibitor; phase III dose 37.5 mg daily. Retrieved for lesson 6; not in "
        "the project fact base.",
        2011,
    ),
    Source(
        "CABINET_PATHWAY",
        "CABINET trial summary (Pathway)",
        "Pathway.md study summary of Chan JA et al., Phase 3 Trial of Cabozantinib to Treat "
        "Advanced Neuroendocrine Tumors, N Engl J Med 2024 (online 16 September 2024): "
        "cabozantinib at an oral dose of 60 mg once daily vs matching placebo. Retrieved for "
        "lesson 6; not in the project fact base.",
        2024,
    ),
    Source(
        "E2211_PROTOCOL",
        "E2211 protocol listing (NCT01824875)",
        "ECOG-ACRIN E2211 (ClinicalTrials.gov NCT01824875), trial listing at UT Southwestern "
        "(study STU 032014-061): arm B capecitabine 750 mg/m2 by mouth twice daily on days 1-14 "
        "with temozolomide 200 mg/m2 by mouth once daily on days 10-14. Retrieved for lesson 6; "
        "not in the project fact base.",
        2013,
    ),
    Source(
        "S23",
        "Swedish national care programme, histopathology",
        "Regionala cancercentrum i samverkan. Nationellt vårdprogram neuroendokrina buktumörer "
        "(GEP-NET), chapter 9, Histopatologi (kunskapsbanken.cancercentrum.se; version "
        "fastställd 2018-12-11): biopsy or resection, not fine-needle aspirate; synaptophysin and "
        "chromogranin A staining; Ki-67 for grading.",
        2018,
    ),
    Source(
        "RCC_GEPNET",
        "Swedish national care programme, chapters 7-8",
        "Regionala cancercentrum i samverkan. Nationellt vårdprogram neuroendokrina buktumörer "
        "(GEP-NET), chapter 7, Symtom och tidig utredning, and chapter 8, Diagnostik "
        "(kunskapsbanken.cancercentrum.se, web edition; version 3.0 dated 2021-05-04). Not in "
        "the project fact base: cited for general and specific hormone tests, chromogranin A in "
        "all neuroendocrine cells with hormone granules, SSTR PET as the first method to show "
        "somatostatin receptors, and serotonin from the EC cells of small-intestine NETs.",
        2021,
    ),
    Source(
        "VISS_SVF",
        "VISS (Region Stockholm), GEP-NET referral guide",
        "VISS, Region Stockholm. Neuroendokrina buktumörer, standardiserat vårdförlopp (SVF) "
        "vid välgrundad misstanke (viss.nu, web page; undated in the copy seen). Not in the "
        "project fact base: cited for 'a normal chromogranin A does not rule out a "
        "neuroendocrine tumour' and for stopping proton-pump inhibitors at least two weeks "
        "before chromogranin A sampling.",
        2025,
    ),
    Source(
        "NCI_DICT_NET",
        "NCI Dictionary of Cancer Terms, 'neuroendocrine tumor'",
        "National Cancer Institute. NCI Dictionary of Cancer Terms: neuroendocrine tumor "
        "(cancer.gov; web page, the version seen is undated). Not in the project fact base: "
        "cited for 'a tumour that forms from cells that release hormones into the blood in "
        "response to a signal from the nervous system' and 'may make higher-than-normal amounts "
        "of hormones, which can cause many different symptoms'.",
        2025,
    ),
    Source(
        "CCS_NES",
        "Canadian Cancer Society, The neuroendocrine system",
        "Canadian Cancer Society. The neuroendocrine system (cancer.ca, neuroendocrine tumours; "
        "web page, the version seen is undated). Not in the project fact base: cited for what "
        "neuroendocrine cells do (receive signals from the nervous system, release hormones into "
        "the blood, hormones act on target cells through receptors) and where they are (the GI "
        "tract, the pancreas as islet cells).",
        2025,
    ),
    Source(
        "WALDUM2019",
        "Waldum et al., Int J Mol Sci 2019 (ECL cell)",
        "Waldum HL, Sørdal ØF, Mjønes PG. The enterochromaffin-like [ECL] cell: central in "
        "gastric physiology and pathology. Int J Mol Sci 2019;20(10):2444. "
        "doi:10.3390/ijms20102444. Not in the project fact base: cited for gastrin stimulating "
        "the histamine-producing ECL cell of the stomach, which gives rise to gastric NETs.",
        2019,
    ),
    Source(
        "S6",
        "AJCC Version 9 pancreas NET protocol, 2023",
        "AJCC Version 9 Cancer Staging Protocol: Neuroendocrine Tumors of the Pancreas (Rindi G, "
        "Dasari A, Hope TA, Mittra E, Thomas SM, Wei AC). American College of Surgeons, 2023; "
        "scope section seen in a mirror of the AJCC content. Supports: Version 9 stages NET G1, "
        "G2 and G3; NEC and MiNEN go to the exocrine pancreas chapter.",
        2023,
    ),
    Source(
        "S11",
        "SEER EOD 3.3 staging schemas",
        "National Cancer Institute SEER Program. Extent of Disease (EOD) public algorithm 3.3 "
        "(imsweb staging-client-java, eod_public-3.3). NET schemas for AJCC 8th (cases "
        "2018-2023) and AJCC Version 9 (cases diagnosed from 1 January 2024). Supports: the dates "
        "each edition is used in US registries; Version 9 NET schemas reuse the 8th-era "
        "extension, node and metastasis code tables.",
        2024,
    ),
    Source(
        "S48",
        "UICC TNM Classification, 8th ed., 2017",
        "Brierley JD, Gospodarowicz MK, Wittekind C, eds. TNM Classification of Malignant "
        "Tumours, 8th edition. Union for International Cancer Control (UICC), Wiley-Blackwell, "
        "2017: chapter 'Neuroendocrine tumours' (gastric, small and large intestine, appendix, "
        "pancreas), seen as a scan of the chapter's first part and the UICC TNM Atlas "
        "reproduction. Supports: UICC stages well-differentiated G1 and G2 NETs only and prints "
        "an older grading table (G1 Ki-67 2% or less, mitoses per 10 high-power fields).",
        2017,
    ),
)

#: Every source the package cites, by key.
SOURCES: dict[str, Source] = {s.key: s for s in _ENTRIES}


def cite(key: str) -> Source:
    """Return the source for ``key``.

    Raises
    ------
    ValueError
        If ``key`` is not a known source; the message lists the known keys.
    """
    try:
        return SOURCES[key]
    except KeyError:
        raise ValueError(
            f"unknown source key {key!r}; known keys: {', '.join(sorted(SOURCES))}"
        ) from None


def source_words(keys: Iterable[str]) -> str:
    """A statement's sources in words, as a learner reads them (``"WHO 2019; AJCC 8th, 2017"``).

    Duplicate keys are shown once, in first-seen order. Raises ``ValueError`` for an unknown key.
    """
    return "; ".join(cite(k).short for k in dict.fromkeys(keys))


def level_words(keys: Iterable[str], level: str | None = None) -> str:
    """How sure a statement is, in a learner's words.

    ``level`` (one of :data:`LEVELS`) is the statement's own level when it is weaker than its
    sources (e.g. a number the original was not checked for); otherwise the weakest level among
    the sources decides.
    """
    levels = [cite(k).level for k in dict.fromkeys(keys)]
    if level is not None:
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r}; allowed: {', '.join(LEVELS)}")
        levels.append(level)
    if not levels:
        raise ValueError("a statement needs at least one source key")
    return LEVEL_WORDS[max(levels, key=LEVELS.index)]
