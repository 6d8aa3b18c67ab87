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
    short: how a learner sees it inline, in words with its date (``"NCI PDQ, GI NETs, 2025"``;
        an undated web page reads ``"..., undated (accessed 2026)"``).
    full: the full reference.
    year: year of the edition used, or ``None`` for an undated web page (never a guessed year).
    level: how the course saw it: one of :data:`LEVELS` ("primary": the original text was read;
        "secondary": a reprint, transcription or summary of it was read).
    takes: what the course takes from it, in plain words (shown on the reference page).
    """

    key: str
    short: str
    full: str
    year: int | None
    level: str = "secondary"
    takes: str = ""

    @property
    def uses(self) -> str:
        """What the course takes from it: :attr:`takes`, else the reference's "Supports:" part."""
        if self.takes:
            return self.takes
        _, sep, rest = self.full.partition("Supports: ")
        return rest.strip() if sep else ""

    @property
    def reference(self) -> str:
        """The full reference without the "Supports: ..." note (that is :attr:`uses`)."""
        return self.full.partition(" Supports: ")[0].strip()

    @property
    def dated(self) -> bool:
        """Whether the work carries a date (undated web pages say "undated (accessed 2026)")."""
        return self.year is not None


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
        AJCC8 + ". Mandatory in the US from 1 January 2018. The course read these tables in the "
        "NCI PDQ reprint (NCI PDQ, GI NETs and pancreatic NETs, 2025), not in the book itself.",
        2017,
        "secondary",
        "The TNM rules and stage groups of the six NET chapters (29-34) for the seven sites.",
    ),
    Source(
        "S1",
        "NCI PDQ, GI NETs, 2025",
        "NCI PDQ. Gastrointestinal Neuroendocrine Tumors Treatment (PDQ) - Health Professional "
        "Version, last updated 9 May 2025. National Cancer Institute. Reprints the AJCC 8th "
        "edition NET tables for stomach, duodenum/ampulla, jejunum/ileum, appendix, colon/rectum.",
        2025,
        "primary",
        "The AJCC 8th NET tables for the gut sites (reprinted with AJCC's permission), gastric NET "
        "types, carcinoid syndrome and crisis care, symptom control with somatostatin analogues, "
        "PROMID results and chemotherapy notes.",
    ),
    Source(
        "S2",
        "NCI PDQ, pancreatic NETs, 2025",
        "NCI PDQ. Pancreatic Neuroendocrine Tumors (Islet Cell Tumors) Treatment (PDQ) - Health "
        "Professional Version, 9 May 2025. National Cancer Institute. Reprints the AJCC 8th "
        "edition pancreas NET tables.",
        2025,
        "primary",
        "The AJCC 8th pancreas NET table and the functioning pancreatic syndromes (insulinoma, "
        "gastrinoma, VIPoma, glucagonoma) with their tests.",
    ),
    Source(
        "S3",
        "PathologyOutlines staging pages, 2018-2025",
        "Gonzalez RS. PathologyOutlines.com staging pages for neuroendocrine tumours of the "
        "stomach, duodenum/ampulla, small bowel, appendix, colon and pancreas (versions "
        "2018-2025).",
        2025,
        "secondary",
        "A second reading of every site's TNM rules, the scope of the NET chapters (NEC and MiNEN "
        "go elsewhere) and the small wording changes of AJCC version 9.",
    ),
    Source(
        "S4",
        "CAP stomach NET checklist (reproduction), undated (accessed 2026)",
        "College of American Pathologists NET stomach checklist (AJCC 8th), as reproduced at "
        "essentialpathology.info, TumorChecklist/Staging8 (web page, undated; accessed 2026).",
        None,
        "secondary",
        "The stomach NET T rules and the M1a/M1b/M1c split, as a pathologist's checklist words "
        "them.",
    ),
    Source(
        "S5",
        "AJCC version 9 update, CA Cancer J Clin 2024",
        "Critical updates in neuroendocrine tumors: Version 9 AJCC staging system for "
        "gastroenteropancreatic neuroendocrine tumors. CA Cancer J Clin 2024;74(4):359-367. "
        "doi:10.3322/caac.21840.",
        2024,
        "secondary",
        "What AJCC version 9 changed: T1 NX M0 becomes stage I at four sites, NET G3 is in scope, "
        "and serum chromogranin A is advised against for diagnosis and monitoring.",
    ),
    Source(
        "S7",
        "NCCN guideline v1.2026 (transcription)",
        "NCCN Clinical Practice Guidelines in Oncology: Neuroendocrine and Adrenal Tumors, "
        "version 1.2026, staging table ST-1 (AJCC version 9 jejunum/ileum), as transcribed in a "
        "public copy (secondary).",
        2026,
        "secondary",
        "The AJCC version 9 jejunum and ileum table, including that mesenteric masses of 2 cm or "
        "less are reported but do not change the stage.",
    ),
    Source(
        "S8",
        "NCCN guideline v3.2025 (transcription)",
        "NCCN Clinical Practice Guidelines in Oncology: Neuroendocrine and Adrenal Tumors, "
        "version 3.2025 (WHO 2019 table, PanNET, well-differentiated G3, poorly differentiated "
        "NEC, systemic therapy), as transcribed in a public decision-tool source (secondary).",
        2025,
        "secondary",
        "The WHO 2019 grading table as NCCN prints it, the work-up and treatment options by "
        "situation, somatostatin analogue doses, and the biomarker-matched options for NEC.",
    ),
    Source(
        "S9",
        "WHO 2019, 5th ed. (reproduced grading table)",
        WHO2019 + ". Grading table and counting footnotes as reproduced in J Nucl Med Technol, "
        "patho-logisch.de and the CAP NET checklist note (the WHO book itself was not seen).",
        2019,
        "secondary",
        "The grade cut-offs (Ki-67 below 3%, 3-20%, above 20%; mitoses below 2, 2-20, above 20 "
        "per 2 mm²), how to count (hot spot, at least 500 cells, 10 mm² for mitoses) and the rule "
        "that the higher of the two grades counts.",
    ),
    Source(
        "S10",
        "WHO 2010 and 2017 grading tables (journal reproductions)",
        "WHO 2010 grading table: Drug Des Devel Ther 2016;10:3459 (PMC5087808); WHO 2017 table: "
        "PMC5697502.",
        2017,
        "secondary",
        "The older WHO grading schemes, to show what changed in 2017 and 2019.",
    ),
    Source(
        "S13",
        "ENETS pancreatic TNM (journal tables), 2012-2018",
        "ENETS pancreatic TNM tables: Sci World J 2012;357475, Table 1 (and Table 2: mitotic "
        "count per 10 HPF (2 mm²)); World J Surg Oncol doi:10.1186/s12957-018-1446-y, Table 2.",
        2018,
        "secondary",
        "The ENETS pancreas TNM, so the course can say where it differs from AJCC; and that the "
        "older count per 10 high-power fields was taken as 2 mm².",
    ),
    Source(
        "S15",
        "Reviews of WHO 2022 and NET G3, 2025-2026",
        "Reviews of the WHO 2022 classification and the history of NET G3 (Br J Cancer 2025 "
        "NORDIC NEC 2 context; Cureus 2026 doi:10.7759/cureus.102857).",
        2026,
        "secondary",
        "That WHO 2022 keeps the NET versus NEC split, and how NET G3 entered the "
        "classification.",
    ),
    Source(
        "S38",
        "NETTER-2, Lancet 2024 (summaries)",
        "Singh S et al. NETTER-2: first-line 177Lu-DOTATATE in SSTR-positive G2 (Ki-67 10-20%) and "
        "G3 (Ki-67 >20-55%) GEP-NETs. Lancet 2024 (read in docwirenews and medpath summaries and "
        "a J Nucl Med 2024 supplement abstract).",
        2024,
        "secondary",
        "Who NETTER-2 enrolled (NET G2 with Ki-67 10% or more, or NET G3 up to 55%) and its "
        "results: progression-free survival 22.8 vs 8.5 months, hazard ratio 0.276.",
    ),
    Source(
        "S45",
        "NORDIC NEC, Ann Oncol 2013 (as cited)",
        "Sorbye H et al. NORDIC NEC study, Ann Oncol 2013, as cited in the Br J Cancer 2025 "
        "NORDIC NEC 2 paper (Ki-67 55% split in digestive NEC).",
        2013,
        "secondary",
        "The Ki-67 55% split in digestive NEC (lower Ki-67 responds less to platinum and "
        "etoposide but lives longer), a trial cut-off the course uses only as a prompt for review.",
    ),
    Source(
        "WILSON1927",
        "Wilson, J Am Stat Assoc 1927",
        "Wilson EB. Probable inference, the law of succession, and statistical inference. "
        "J Am Stat Assoc 1927;22:209-212.",
        1927,
        "secondary",
        "The score interval the counting lab draws around a counted Ki-67 index (statistics, "
        "not a clinical fact).",
    ),
    Source(
        "KLIMSTRA2010",
        "Klimstra et al., Pancreas 2010",
        "Klimstra DS, Modlin IR, Coppola D, Lloyd RV, Suster S. The pathologic classification of "
        "neuroendocrine tumors: a review of nomenclature, grading, and staging systems. Pancreas "
        "2010;39(6):707-712. doi:10.1097/MPA.0b013e3181ec124e.",
        2010,
        "secondary",
        "How the two differentiations look under the microscope (well: nests and ribbons of "
        "uniform cells; poor: sheets of atypical cells, necrosis).",
    ),
    Source(
        "S16",
        "ENETS functioning pNET guidance, 2023",
        "Hofland J et al. ENETS 2023 guidance paper for functioning pancreatic neuroendocrine "
        "tumour syndromes. J Neuroendocrinol 2023. doi:10.1111/jne.13318.",
        2023,
        "secondary",
        "The functioning pancreatic syndromes, their tests and symptom control.",
    ),
    Source(
        "S17",
        "MSD Manual, Insulinoma, undated (accessed 2026)",
        "MSD Manual Professional Version: Insulinoma (msdmanuals.com; web page, revision date "
        "not recorded; accessed 2026).",
        None,
        "primary",
        "How insulinoma is confirmed: the supervised fast and its thresholds for glucose, "
        "insulin, C-peptide and proinsulin.",
    ),
    Source(
        "S18",
        "Jensen et al., gastrinoma tests (NIH), 2006",
        "Jensen RT et al. Zollinger-Ellison syndrome diagnosis controversies (PMC5757869); and "
        "Serum gastrin in Zollinger-Ellison syndrome II: prospective study of gastrin "
        "provocative testing in 293 patients from the National Institutes of Health. Medicine "
        "2006;85(6):331-364 (PMC9817094).",
        2006,
        "secondary",
        "Where gastrinomas arise, how often they come with MEN1, the secretin test, other causes "
        "of a high gastrin, and why stopping acid-lowering medicine before a test is for the "
        "care team to arrange.",
    ),
    Source(
        "S19",
        "5-HIAA testing: NETRF page; AACE case report 2016",
        "Neuroendocrine Tumor Research Foundation (NETRF) patient page on 5-HIAA testing (web "
        "page, undated; accessed 2026); AACE Clinical Case Reports 2016 (24-hour urine 5-HIAA "
        "dietary pitfall); a study of dietary serotonin and serum 5-HIAA.",
        2016,
        "secondary",
        "How the 5-HIAA test is done and which foods can raise it.",
    ),
    Source(
        "S20",
        "Korse et al., 2011; Arch Med Sci 2016",
        "Korse CM et al. Br J Cancer 2011;105:1173-1175 (PMC3208502), chromogranin A and proton "
        "pump inhibitors; Arch Med Sci 2016;12(1), Table I (PMC4754364), causes of false "
        "chromogranin A elevation.",
        2016,
        "secondary",
        "What else raises chromogranin A (acid-lowering medicines, kidney failure, atrophic "
        "gastritis and others).",
    ),
    Source(
        "S21",
        "64Cu-DOTATATE PET study, J Nucl Med 2020",
        "64Cu-DOTATATE PET phase III study. J Nucl Med 2020;61:890; FDA approval of "
        "64Cu-DOTATATE (Detectnet), September 2020.",
        2020,
        "secondary",
        "Somatostatin receptor PET with copper-64 as an approved imaging test.",
    ),
    Source(
        "S22",
        "NETPET grade, Theranostics 2017",
        "Chan DLH et al. Dual somatostatin receptor/FDG PET/CT imaging in metastatic "
        "neuroendocrine tumours: proposal for a novel grading scheme with prognostic "
        "significance (NETPET grade). Theranostics 2017;7:1149-1158.",
        2017,
        "secondary",
        "Why receptor PET and FDG-PET together tell more than either alone.",
    ),
    Source(
        "S47",
        "Grawe et al., Cancer Imaging 2023",
        "Grawe F et al. Diagnostic performance of PET/CT in the detection of liver metastases in "
        "well-differentiated neuroendocrine tumours. Cancer Imaging 2023.",
        2023,
        "secondary",
        "How well PET/CT finds liver spread in well-differentiated NETs.",
    ),
    Source(
        "S27",
        "ESMO guideline, 2020",
        "Pavel M et al. Gastroenteropancreatic neuroendocrine neoplasms: ESMO Clinical Practice "
        "Guidelines for diagnosis, treatment and follow-up. Ann Oncol 2020;31:844-860 (the "
        "guideline text was seen; volume and pages not yet checked).",
        2020,
        "secondary",
        "The treatment categories and when each is discussed, alongside NCCN.",
    ),
    Source(
        "S29",
        "ASPEN study protocol, Front Med 2020",
        "Partelli S et al. Management of asymptomatic sporadic nonfunctioning pancreatic "
        "neuroendocrine neoplasms (ASPEN) ≤2 cm: study protocol for a prospective observational "
        "study. Front Med (Lausanne) 2020;7:598438. doi:10.3389/fmed.2020.598438 (PMC7785972).",
        2020,
        "primary",
        "That watching a small (2 cm or less), symptom-free non-functioning pancreatic NET is an "
        "option being studied against surgery.",
    ),
    Source(
        "S30",
        "RETNET protocol, Trials 2018",
        "Chen JX, Wileyto EP, Soulen MC. Randomized Embolization Trial for NeuroEndocrine Tumor "
        "Metastases to the Liver (RETNET): study protocol. Trials 2018;19:390. "
        "doi:10.1186/s13063-018-2782-5.",
        2018,
        "secondary",
        "The kinds of liver embolisation compared in a trial.",
    ),
    Source(
        "S31",
        "CLARINET, NEJM 2014",
        "Caplin ME et al. Lanreotide in metastatic enteropancreatic neuroendocrine tumors. "
        "N Engl J Med 2014;371:224-233; CLARINET open-label extension final analysis: Endocrine "
        "2021;71:502-513 (PMC7881960).",
        2014,
        "primary",
        "CLARINET's population and results: hazard ratio 0.47 (0.30-0.73), 24-month "
        "progression-free survival 65.1% vs 33.0%; 38.5 months in the extension (checked against "
        "the abstracts).",
    ),
    Source(
        "S32",
        "RADIANT-3, NEJM 2011",
        "Yao JC et al. Everolimus for advanced pancreatic neuroendocrine tumors. N Engl J Med "
        "2011;364:514-523. doi:10.1056/NEJMoa1009290; overall survival: J Clin Oncol 2016, "
        "doi:10.1200/JCO.2016.68.0702.",
        2011,
        "primary",
        "RADIANT-3's results: progression-free survival 11.0 vs 4.6 months, hazard ratio 0.35 "
        "(0.27-0.45); overall survival 44.0 vs 37.7 months, not significant (checked against the "
        "abstracts).",
    ),
    Source(
        "S33",
        "RADIANT-4, Lancet 2016",
        "Yao JC et al. Everolimus for the treatment of advanced, non-functional neuroendocrine "
        "tumours of the lung or gastrointestinal tract (RADIANT-4). Lancet 2016;387:968-977. "
        "doi:10.1016/S0140-6736(15)00817-X.",
        2016,
        "primary",
        "RADIANT-4's results: progression-free survival 11.0 vs 3.9 months, hazard ratio 0.48 "
        "(0.35-0.67) (checked against the abstract).",
    ),
    Source(
        "S34",
        "Sunitinib trial, NEJM 2011",
        "Raymond E et al. Sunitinib malate for the treatment of pancreatic neuroendocrine tumors. "
        "N Engl J Med 2011;364:501-513. doi:10.1056/NEJMoa1003825.",
        2011,
        "secondary",
        "The sunitinib trial's results: progression-free survival 11.4 vs 5.5 months, hazard "
        "ratio 0.42.",
    ),
    Source(
        "S35",
        "NCI news on sunitinib and everolimus, undated (accessed 2026)",
        "National Cancer Institute news: Targeted therapies sunitinib and everolimus improve "
        "survival in pancreatic neuroendocrine tumors (cancer.gov; web page, date not recorded; "
        "accessed 2026).",
        None,
        "secondary",
        "That everolimus and sunitinib were both approved for pancreatic NETs in 2011.",
    ),
    Source(
        "S36",
        "CABINET, NEJM 2025",
        "Chan JA et al. Phase 3 trial of cabozantinib to treat advanced neuroendocrine tumors "
        "(Alliance A021602, CABINET). N Engl J Med 2025 (online 16 September 2024). "
        "doi:10.1056/NEJMoa2403991.",
        2025,
        "primary",
        "CABINET's results: progression-free survival 8.4 vs 3.9 months (hazard ratio 0.38) "
        "outside the pancreas and 13.8 vs 4.4 months (0.23) in the pancreas (checked against "
        "the abstract).",
    ),
    Source(
        "S37",
        "NETTER-1, NEJM 2017",
        "Strosberg J et al. Phase 3 trial of 177Lu-Dotatate for midgut neuroendocrine tumors. "
        "N Engl J Med 2017;376:125-135. doi:10.1056/NEJMoa1607427; final overall survival: "
        "Lancet Oncol 2021 (read in an ASCO Post summary).",
        2017,
        "secondary",
        "NETTER-1's design and results: hazard ratio 0.21, response 18% vs 3%, and the 7.4 GBq "
        "every 8 weeks for 4 doses schedule.",
    ),
    Source(
        "S39",
        "Lutathera product information, undated (accessed 2026)",
        "Lutathera (177Lu-oxodotreotide) summary of product characteristics and the NETTER-R "
        "description of the approved regimen (web pages, revision date not recorded; accessed "
        "2026).",
        None,
        "secondary",
        "The approved PRRT regimen, including the amino-acid infusion that protects the "
        "kidneys.",
    ),
    Source(
        "S40",
        "Rotterdam PRRT series, Clin Cancer Res 2017",
        "Brabander T et al. Long-term efficacy, survival, and safety of [177Lu-DOTA0,Tyr3]"
        "octreotate in patients with gastroenteropancreatic and bronchial neuroendocrine tumors. "
        "Clin Cancer Res 2017;23:4617.",
        2017,
        "secondary",
        "The long-term risks of PRRT (a small risk of bone-marrow disease and leukaemia).",
    ),
    Source(
        "S41",
        "COMPETE, ENETS 2025 abstract; Lancet 2026 summary",
        "COMPETE trial (177Lu-edotreotide vs everolimus): ENETS 2025 abstract; Lancet 2026 "
        "summary (journaljams.org). Lower authority than a full paper.",
        2026,
        "secondary",
        "COMPETE's results: progression-free survival 23.9 vs 14.1 months, hazard ratio 0.67.",
    ),
    Source(
        "S42",
        "E2211, J Clin Oncol 2023",
        "Kunz PL et al. Randomized study of temozolomide or temozolomide and capecitabine in "
        "patients with advanced pancreatic neuroendocrine tumors (ECOG-ACRIN E2211). J Clin "
        "Oncol 2023;41:1359-1369. doi:10.1200/JCO.22.01013.",
        2023,
        "primary",
        "E2211's results: progression-free survival 22.7 vs 14.4 months, hazard ratio 0.58 (the "
        "abstract gives no interval) (checked against the abstract).",
    ),
    Source(
        "S43",
        "Moertel et al., NEJM 1992",
        "Moertel CG et al. Streptozocin-doxorubicin, streptozocin-fluorouracil, or chlorozotocin "
        "in the treatment of advanced islet-cell carcinoma. N Engl J Med 1992;326:519-523. "
        "doi:10.1056/NEJM199202203260804.",
        1992,
        "secondary",
        "Streptozocin-based chemotherapy for pancreatic NETs and its response rates.",
    ),
    Source(
        "S44",
        "ENETS NEC guidance, 2023",
        "Sorbye H et al. European Neuroendocrine Tumor Society (ENETS) 2023 guidance paper for "
        "digestive neuroendocrine carcinoma. J Neuroendocrinol 2023;35:e13249. "
        "doi:10.1111/jne.13249.",
        2023,
        "secondary",
        "How NEC is treated: platinum and etoposide first, surgery as part of treatment for "
        "localised disease, FDG-PET for staging.",
    ),
    Source(
        "S46",
        "TELESTAR 2017; TELECAST 2018",
        "Kulke MH et al. Telotristat ethyl, a tryptophan hydroxylase inhibitor for the treatment "
        "of carcinoid syndrome (TELESTAR). J Clin Oncol 2017; Pavel M et al. TELECAST. Endocr "
        "Relat Cancer 2018;25:309-322.",
        2017,
        "secondary",
        "Telotristat for carcinoid-syndrome diarrhoea that continues despite a somatostatin "
        "analogue.",
    ),
    Source(
        "ENETS_NEC_ABSTRACT",
        "ENETS NEC guidance, 2023 (abstract)",
        "Abstract of Sorbye H, Grande E, Pavel M, et al. ENETS 2023 guidance paper for digestive "
        "neuroendocrine carcinoma. J Neuroendocrinol 2023;35:e13249, as indexed at "
        "biomed.reviewer.ly.",
        2023,
        "primary",
        "Three statements of the guidance abstract: surgery can benefit localised NEC after "
        "careful imaging; carboplatin with etoposide is recommended first for spread disease; "
        "molecular profiling is encouraged where available.",
    ),
    Source(
        "SUNITINIB_GICTT2011",
        "Sunitinib review, Gastrointest Cancer Targets Ther 2011",
        "Role of sunitinib for the management of pancreatic neuroendocrine tumors. "
        "Gastrointestinal Cancer: Targets and Therapy 2011:1 53-57 (published online 15 August "
        "2011), doi:10.2147/GICTT.S18231.",
        2011,
        "primary",
        "That sunitinib is a tablet that blocks several kinases, at 37.5 mg a day in the phase III "
        "trial.",
    ),
    Source(
        "CABINET_PATHWAY",
        "CABINET trial summary (Pathway), undated (accessed 2026)",
        "Pathway.md study summary of Chan JA et al., Phase 3 Trial of Cabozantinib to Treat "
        "Advanced Neuroendocrine Tumors, N Engl J Med 2024 (online 16 September 2024) (web page, "
        "undated; accessed 2026).",
        None,
        "secondary",
        "Cabozantinib's dose in CABINET: 60 mg by mouth once a day, against a matching placebo.",
    ),
    Source(
        "E2211_PROTOCOL",
        "E2211 trial listing, undated (accessed 2026)",
        "ECOG-ACRIN E2211 (ClinicalTrials.gov NCT01824875), trial listing at UT Southwestern "
        "(study STU 032014-061) (web page, undated; accessed 2026).",
        None,
        "secondary",
        "The CAPTEM schedule in E2211: capecitabine 750 mg/m² twice a day on days 1-14 with "
        "temozolomide 200 mg/m² once a day on days 10-14.",
    ),
    Source(
        "S23",
        "Swedish national care programme, pathology, 2018",
        "Regionala cancercentrum i samverkan. Nationellt vårdprogram neuroendokrina buktumörer "
        "(GEP-NET), chapter 9, Histopatologi (kunskapsbanken.cancercentrum.se; version "
        "fastställd 2018-12-11).",
        2018,
        "primary",
        "How the diagnosis is made on tissue: a biopsy or resection rather than a fine-needle "
        "aspirate, synaptophysin and chromogranin A staining, and Ki-67 for the grade.",
    ),
    Source(
        "RCC_GEPNET",
        "Swedish national care programme, diagnosis, 2021",
        "Regionala cancercentrum i samverkan. Nationellt vårdprogram neuroendokrina buktumörer "
        "(GEP-NET), chapter 7, Symtom och tidig utredning, and chapter 8, Diagnostik "
        "(kunskapsbanken.cancercentrum.se, web edition; version 3.0 dated 2021-05-04).",
        2021,
        "primary",
        "General and specific hormone tests; chromogranin A in all neuroendocrine cells with "
        "hormone granules; receptor PET as the first method to show somatostatin receptors; "
        "serotonin from the EC cells of small-intestine NETs.",
    ),
    Source(
        "VISS_SVF",
        "VISS Stockholm referral guide, undated (accessed 2026)",
        "VISS, Region Stockholm. Neuroendokrina buktumörer, standardiserat vårdförlopp (SVF) "
        "vid välgrundad misstanke (viss.nu; web page, undated; accessed 2026).",
        None,
        "primary",
        "That a normal chromogranin A does not rule out a neuroendocrine tumour, and that acid-"
        "lowering medicines affect chromogranin A (any pause is arranged by the care team).",
    ),
    Source(
        "NCI_DICT_NET",
        "NCI Dictionary of Cancer Terms, undated (accessed 2026)",
        "National Cancer Institute. NCI Dictionary of Cancer Terms: neuroendocrine tumor "
        "(cancer.gov; web page, undated; accessed 2026).",
        None,
        "primary",
        "A plain definition: a tumour of cells that release hormones into the blood in response "
        "to a signal from the nervous system, which may make too much hormone and cause "
        "symptoms.",
    ),
    Source(
        "CCS_NES",
        "Canadian Cancer Society, neuroendocrine system, undated (accessed 2026)",
        "Canadian Cancer Society. The neuroendocrine system (cancer.ca, neuroendocrine tumours; "
        "web page, undated; accessed 2026).",
        None,
        "primary",
        "What neuroendocrine cells do (receive nerve signals, release hormones into the blood, "
        "act on target cells through receptors) and where they are (the gut, the pancreatic "
        "islets).",
    ),
    Source(
        "WALDUM2019",
        "Waldum et al., Int J Mol Sci 2019",
        "Waldum HL, Sørdal ØF, Mjønes PG. The enterochromaffin-like [ECL] cell: central in "
        "gastric physiology and pathology. Int J Mol Sci 2019;20(10):2444. "
        "doi:10.3390/ijms20102444.",
        2019,
        "secondary",
        "That gastrin stimulates the histamine-making ECL cell of the stomach, the cell that "
        "gives rise to gastric NETs.",
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
        "SEER staging schemas (EOD 3.3), 2024",
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
    Source(
        "NAGTEGAAL2020",
        "Nagtegaal et al., Histopathology 2020 (WHO 2019 digestive)",
        "Nagtegaal ID, Odze RD, Klimstra D, et al. The 2019 WHO classification of tumours of the "
        "digestive system. Histopathology 2020;76(2):182-188. doi:10.1111/his.13975. The "
        "commentary itself was seen (first page); its neuroendocrine grading table (NET G1/G2/G3 "
        "by Ki-67 <3 / 3-20 / >20% and mitoses <2 / 2-20 / >20 per 2 mm² from 50 fields of "
        "0.2 mm²; Ki-67 on at least 500 cells in hot spots; the higher index decides; NEC not "
        "formally graded but high grade; MiNEN components graded separately) was read in the "
        "J Nucl Med Technol reproduction of that table. Supports: the WHO 2019 grading table.",
        2020,
    ),
    Source(
        "RINDI2022",
        "Rindi et al., Endocr Pathol 2022 (WHO 2022 overview)",
        "Rindi G, et al. Overview of the 2022 WHO classification of neuroendocrine neoplasms. "
        "Endocr Pathol 2022;33:115-154. doi:10.1007/s12022-022-09708-2. The course could not "
        "read this paper. That WHO 2022 keeps the WHO 2019 cut-offs for GEP-NETs rests on NCCN "
        "v3.2025, which still prints the 2019 table, and on reviews of the 2022 classification.",
        2022,
        level="unverified",
        takes="That WHO 2022 keeps the WHO 2019 grade cut-offs for GEP-NETs (not yet checked "
        "against the paper).",
    ),
    Source(
        "S14",
        "Frizziero et al., J Clin Med 2020 (MiNEN)",
        "Frizziero M, Chakrabarty B, Nagy B, Lamarca A, Hubner RA, Valle JW, McNamara MG. Mixed "
        "neuroendocrine non-neuroendocrine neoplasms: a systematic review of a controversial and "
        "underestimated diagnosis. J Clin Med 2020;9(1):273. doi:10.3390/jcm9010273. The "
        "abstract was seen (MiNEN mostly an adenocarcinoma with an often high-grade "
        "neuroendocrine part); the rule that each part makes up at least 30% of the tumour "
        "was read in reviews (World J Gastroenterol 2022 mini-reviews: 'at least 30%' and "
        "'more than 30%').",
        2020,
        takes="What a MiNEN is: a neuroendocrine and a non-neuroendocrine part, each at least "
        "30% of the tumour (some reviews write more than 30%).",
    ),
    Source(
        "NEN_TERMS2024",
        "Neuroendocrinology 2024, NEN terminology review",
        "Relation between WHO classification and location- and functionality-based "
        "classifications of neuroendocrine neoplasms of the digestive tract. Neuroendocrinology "
        "2024;114(2):120-133. doi:10.1159/000534035 (abstract seen). Supports: NETs should "
        "always be considered malignancies because they can spread (metastasise), although they "
        "are often called benign; NECs are high grade by definition and a separate entity from "
        "NET G3.",
        2024,
        level="primary",
    ),
    Source(
        "PO_PANNEC",
        "PathologyOutlines, pancreatic NEC, 2022",
        "Mastrosimini MG, Luchini C. Poorly differentiated neuroendocrine carcinoma (pancreas). "
        "PathologyOutlines.com, last author update 8 August 2022 (and the 2018 version by Sopha "
        "S). Supports: a NEC is a poorly differentiated, high-grade, malignant epithelial "
        "neoplasm (a carcinoma) of small-cell or large-cell type; small-cell type with a high "
        "nucleus-to-cytoplasm ratio and nuclear moulding, large-cell type with prominent "
        "nucleoli; tumour necrosis; NEC distinct from well-differentiated NETs of any grade.",
        2022,
        level="primary",
    ),
    Source(
        "NEC_SUBTYPES2014",
        "J Gastroenterol 2014, pancreatic NEC subtypes",
        "Pancreatic neuroendocrine carcinomas subclassified into well-differentiated and "
        "poorly differentiated (large-cell and small-cell) types. J Gastroenterol, "
        "doi:10.1007/s00535-014-0987-2 (PMC4653242; abstract and figure legends seen). "
        "Supports: small-cell NEC of small cells with dense chromatin and scarce cytoplasm; "
        "large-cell NEC with nuclear atypia, varied cells and frequent necrosis; Rb staining "
        "kept in the well-differentiated tumours (4 of 4) but mostly lost in poorly "
        "differentiated NEC (kept in 1 of 7).",
        2014,
        level="primary",
    ),
    Source(
        "MURUGESAN2009",
        "Murugesan et al., Aliment Pharmacol Ther 2009 (hypergastrinaemia)",
        "Murugesan SVM, Varro A, Pritchard DM. Review article: strategies to determine whether "
        "hypergastrinaemia is due to Zollinger-Ellison syndrome rather than a more common benign "
        "cause. Aliment Pharmacol Ther 2009;29(10):1055-1068 (full text seen as reproduced on "
        "Medscape). Supports: proton-pump inhibitors and H2 blockers both raise fasting gastrin "
        "(by lowering stomach acid); H. pylori infection and chronic atrophic gastritis are other "
        "common causes; stopping a PPI before a gastrin test risks complicated peptic ulcer "
        "disease.",
        2009,
        level="primary",
    ),
    Source(
        "TORMEY1995",
        "Tormey and FitzGerald, 1995 (urine 5-HIAA)",
        "Tormey WP, FitzGerald RJ. The clinical and laboratory correlates of an increased "
        "urinary 5-hydroxyindoleacetic acid. Postgrad Med J 1995 (abstract seen). Supports: "
        "specificity 88%, but urine 5-HIAA is relatively insensitive for finding carcinoid "
        "tumours in general.",
        1995,
    ),
    Source(
        "LUO2016",
        "Luo et al., J Nucl Med 2016 (GLP-1 receptor PET)",
        "Luo Y et al. Glucagon-like peptide-1 receptor PET/CT with 68Ga-NOTA-exendin-4 for "
        "detecting localized insulinoma: a prospective cohort study. J Nucl Med "
        "2016;57:715-720 (abstract seen, PubMed 26795291). Supports: GLP-1 receptor PET/CT "
        "found the insulinoma in 42 of 43 patients (sensitivity 97.7%); somatostatin-receptor "
        "SPECT/CT found 8 of 41 (19.5%).",
        2016,
        level="primary",
    ),
    Source(
        "INSULINOMA_MED",
        "Medscape insulinoma treatment, 2017; Gill et al. 1997 (diazoxide)",
        "Ali ZA. Insulinoma treatment and management (Medscape eMedicine, updated 2017); Gill GV, "
        "Rauf O, MacFarlane IA. Diazoxide treatment for insulinoma: a national UK survey. "
        "Postgrad Med J 1997;73:640-641 (abstract seen). Supports: medical control of "
        "hypoglycaemia with frequent feeds and diazoxide (which lowers insulin release) when "
        "the tumour cannot be removed or before surgery; diazoxide effective in most patients, "
        "side effects such as fluid retention and excess hair growth.",
        2017,
    ),
    Source(
        "WJG2022_GASTRIC",
        "World J Gastroenterol 2022, gastric NET types (table 2)",
        "World J Gastroenterol 2022;28(17):1751-1767, doi:10.3748/wjg.v28.i17.1751, table 2: "
        "clinicopathologic characteristics of gastric neuroendocrine tumours (table seen). "
        "Supports: metastatic rate type 1 about 2-5%, type 2 about 10-30%, type 3 about "
        "50-100%; type 2 with MEN1 and Zollinger-Ellison syndrome.",
        2022,
        level="primary",
    ),
    Source(
        "CHD_EXPERT2017",
        "Carcinoid heart disease expert statement, 2017 (summary)",
        "Davar J et al. Diagnosis and management of carcinoid heart disease in patients with "
        "neuroendocrine tumors: an expert statement. J Am Coll Cardiol 2017;69:1288-1304, as "
        "summarised by Medical Dialogues (key points seen). Supports: transthoracic "
        "echocardiography is the standard test for carcinoid heart disease and should be done in "
        "patients with carcinoid syndrome and a high suspicion of it (clinical features, raised "
        "NT-proBNP or 5-HIAA).",
        2017,
    ),
    Source(
        "ZHANG_KUNZ2022",
        "Zhang and Kunz, J Oncol Pract 2022 (managing NETs)",
        "Zhang JY, Kunz PL. Making sense of a complex disease: a practical approach to managing "
        "neuroendocrine tumors. J Oncol Pract 2022;18(4):258-264 (section seen on Medscape). "
        "Supports: NCCN frames genetic risk assessment and counselling for patients with "
        "gastrinoma, multifocal pancreatic NETs or a clinical suspicion of MEN1, and to be "
        "considered for duodenal or pancreatic NETs at any age; inherited syndromes include "
        "MEN1, MEN2, VHL, tuberous sclerosis and NF1.",
        2022,
    ),
    Source(
        "ALEXANDRAKI2016",
        "Alexandraki et al., Endocr Relat Cancer 2016 (appendiceal NENs)",
        "Alexandraki KI, Kaltsas GA, Grozinsky-Glasberg S, Chatzellis E, Grossman AB. "
        "Appendiceal neuroendocrine neoplasms: diagnosis and management. Endocr Relat Cancer "
        "2016;23:R27-R41 (abstract and figure legends seen). Supports: most appendiceal NENs are "
        "localised at diagnosis, so further biochemical and radiological assessment is not "
        "routinely recommended; somatostatin-receptor imaging depends on the unit (little "
        "evidence).",
        2016,
        level="primary",
    ),
    Source(
        "ENETS2023_CRC",
        "ENETS colorectal NET guidance, 2023",
        "Rinke A et al. European Neuroendocrine Tumor Society (ENETS) 2023 guidance paper for "
        "colorectal neuroendocrine tumours. J Neuroendocrinol 2023, doi:10.1111/jne.13309 "
        "(title page seen only). Supports: no routine receptor imaging before removing a small "
        "localised low-grade rectal NET (not yet checked against the guidance text).",
        2023,
        level="unverified",
    ),
    Source(
        "SOHN2015",
        "Sohn et al., Cancer Res Treat 2015 (rectal L-cell NETs)",
        "The Gastrointestinal Pathology Study Group of Korean Society of Pathologists; Sohn JH et "
        "al. Prognostic significance of defining L-cell type on the biologic behavior of rectal "
        "neuroendocrine tumors. Cancer Res Treat 2015;47(4) (abstract seen). Supports: an "
        "L-cell immunophenotype (glucagon-like peptides) in 83.5% of rectal neuroendocrine "
        "neoplasms.",
        2015,
        level="primary",
    ),
    Source(
        "GUT_CELLS_TABLE",
        "Textbook chapter on NET classification, undated (accessed 2026)",
        "Neuroendocrine tumors: a nosologic framework, textbook chapter reproduced at "
        "abdominalkey.com (undated, accessed 2026); table of gut and pancreatic endocrine cells. "
        "Supports: alpha cells glucagon, beta cells insulin, delta cells somatostatin, PP cells "
        "pancreatic polypeptide (pancreas); G cells gastrin (stomach, duodenum); EC cells "
        "serotonin (stomach to rectum, including the appendix); ECL cells histamine (stomach); L "
        "cells GLP-1 and peptide YY (rectum, small intestine); gut endocrine cells detect what "
        "is in the gut and act through nerve, local (paracrine) and blood-borne routes.",
        None,
    ),
    Source(
        "RCA_APPENDIX",
        "Rare Cancers Australia, appendiceal NETs, undated (accessed 2026)",
        "Rare Cancers Australia knowledge base: appendiceal neuroendocrine tumours "
        "(rarecancers.org.au; undated, accessed 2026). Supports: appendiceal NETs are a rare "
        "form of cancer that involve the enterochromaffin cells, which most commonly make "
        "serotonin.",
        None,
    ),
    Source(
        "NET_MALIGNANT2017",
        "GE Port J Gastroenterol 2017, rectal NET review (WHO 2010: malignant)",
        "Neuroendocrine tumors of the rectum: review. GE Port J Gastroenterol 2017 (PMC5579972; "
        "abstract seen). Supports: since WHO 2010 these tumours, as a category, are considered "
        "malignant; most rectal NETs are small, well differentiated, with a good prognosis.",
        2017,
    ),
    Source(
        "PROMID_JCO2009",
        "PROMID trial, J Clin Oncol 2009",
        "Rinke A, Müller HH, Schade-Brittinger C, et al. Placebo-controlled, double-blind, "
        "prospective, randomized study on the effect of octreotide LAR in the control of tumor "
        "growth in patients with metastatic neuroendocrine midgut tumors: a report from the "
        "PROMID Study Group. J Clin Oncol 2009;27(28):4656-4663. doi:10.1200/JCO.2009.22.8510 "
        "(abstract read via PubMed). Supports: octreotide LAR 30 mg monthly vs placebo in 85 "
        "patients; median time to tumour progression 14.3 vs 6 months, HR 0.34 (95% CI "
        "0.20-0.59).",
        2009,
        level="primary",
    ),
    Source(
        "MSD_CARCINOID",
        "MSD Manual Professional, GI NETs and carcinoid syndrome, undated (accessed 2026)",
        "MSD Manual Professional Version. Gastrointestinal neuroendocrine tumors and carcinoid "
        "syndrome (msdmanuals.com; undated, accessed 2026). Supports: guidelines recommend "
        "octreotide or lanreotide as first-line treatment for symptomatic carcinoid syndrome; "
        "telotristat for diarrhoea not controlled by them. The NCCN and ESMO text on receptor "
        "imaging before symptom control was not reachable; a clinical-reference text seen in a "
        "copy states that a positive receptor scan predicts a good response but that positive "
        "imaging has not been established as necessary before starting these drugs.",
        None,
    ),
    Source(
        "MATEJ2016",
        "Matej et al., Hormones 2016 (glycaemic control in insulinoma)",
        "Matej A, Bujwid H, Wroński J. Glycemic control in patients with insulinoma. Hormones "
        "(Athens) 2016;15(4):489-499. doi:10.14310/horm.2002.1706 (abstract read). Supports: "
        "medical control of hypoglycaemia in insulinoma includes diet, diazoxide, somatostatin "
        "analogues and the mTOR inhibitor everolimus.",
        2016,
        level="primary",
    ),
    Source(
        "ENDOTEXT_INSULINOMA",
        "Endotext, Insulinoma (NCBI Bookshelf), 2023",
        "Endotext [Internet], chapter Insulinoma (NCBI Bookshelf; last update 4 April 2023; "
        "abstract read). Supports: if hyperinsulinaemia and hypoglycaemia persist, diazoxide "
        "(with a thiazide diuretic) relieves hypoglycaemia; GLP-1 receptor PET localises benign "
        "insulinomas.",
        2023,
        level="primary",
    ),
    Source(
        "ENETS_ECHO2009",
        "ENETS standards of care: echocardiography, 2009",
        "Plöckinger U, Gustafsson B, Ivan D, Szpak W, Davar J, et al. ENETS consensus guidelines "
        "for the standards of care in neuroendocrine tumors: echocardiography. "
        "Neuroendocrinology 2009;90:190-193 (introduction read as reproduced by the Carcinoid "
        "Cancer Foundation). Supports: carcinoid heart disease in 40-50% of people with "
        "carcinoid syndrome; early diagnosis is required in each patient with carcinoid "
        "syndrome; echocardiography is the gold standard for detecting it.",
        2009,
    ),
    Source(
        "GEURTS2020",
        "Geurts, J Gastrointest Oncol 2020 (inherited syndromes and pancreatic NETs)",
        "Geurts JL. Inherited syndromes involving pancreatic neuroendocrine tumors. J "
        "Gastrointest Oncol 2020;11(3):559-566. doi:10.21037/jgo.2020.03.09 (abstract read). "
        "Supports: about 10% of pancreatic NETs are due to an inherited syndrome (MEN1, MEN4, "
        "VHL, NF1, tuberous sclerosis complex); hallmarks include multiple primary tumours and "
        "an earlier age at diagnosis (usually under 40).",
        2020,
        level="primary",
    ),
    Source(
        "S24",
        "The Healing NET Foundation, pathology page, undated (accessed 2026)",
        "The Healing NET Foundation. Pathology of neuroendocrine tumours (thehealingnet.org; web "
        "page, undated; low authority, immunostain examples only). Supports: CDX2 suggests an "
        "intestinal origin and TTF-1 a lung origin.",
        None,
        takes="Which immunostains suggest where a tumour started (CDX2: intestine; TTF-1: lung).",
    ),
    Source(
        "GRAHAM2012",
        "Graham et al., ISL1 in NETs, USCAP abstract 2012",
        "Graham RP, Shrestha B, Caron BL, Smyrk TC, Grogg KL, Lloyd RV, Zhang L. Is Islet 1 "
        "(Isl1) a sensitive and specific marker for pancreatic neuroendocrine tumors and their "
        "metastases? USCAP 2012 annual meeting, abstract 1848 (abstract read). Supports: ISL1 "
        "positive in 90% of pancreatic, 89% of duodenal and 6% of ileal primary NETs.",
        2012,
        level="primary",
        takes="ISL1 staining is common in pancreatic and duodenal NETs and rare in ileal NETs.",
    ),
    Source(
        "KRENNING_RADIOPAEDIA",
        "Radiopaedia, Krenning score, 2021",
        "Bell DJ et al. Krenning score of neuroendocrine tumour uptake. Radiopaedia.org (last "
        "revised 1 September 2021); after Kwekkeboom DJ, Krenning EP, Somatostatin receptor "
        "imaging, Semin Nucl Med 2002;32:84-91. Supports: uptake scored against normal liver "
        "and spleen (1 much lower than liver, 2 about equal to liver, 3 greater than liver, "
        "4 greater than spleen).",
        2021,
        takes="What the Krenning score's four levels mean.",
    ),
    Source(
        "MIB1_1998",
        "MIB-1 index in pancreatic NETs, Am J Clin Pathol 1998",
        "The relationship between MIB-1 proliferation index and outcome in pancreatic "
        "neuroendocrine tumors. Am J Clin Pathol 1998;109(3):286-293. doi:10.1093/ajcp/109.3.286 "
        "(abstract read).",
        1998,
        level="primary",
        takes="MIB-1 is the antibody that shows the Ki-67 antigen; reports call the result the "
        "MIB-1 (proliferation) index.",
    ),
    Source(
        "FDA_OCTREOTIDE",
        "US FDA label, octreotide injection (Sandostatin), 2024",
        "US Food and Drug Administration. Prescribing information, octreotide acetate injection "
        "(Sandostatin and generics), section 1 Indications and usage, as published on openFDA "
        "(label revised 07/2024; indications read). Supports: octreotide is indicated for the "
        "symptomatic treatment of metastatic carcinoid tumours (severe diarrhoea and flushing) "
        "and for the profuse watery diarrhoea of VIP-secreting tumours (VIPomas); the label "
        "names no receptor scan as a condition for these uses.",
        2024,
        level="primary",
        takes="Octreotide is approved to control the watery diarrhoea of a VIPoma, as well as "
        "carcinoid-syndrome symptoms, without a receptor scan as a condition.",
    ),
    Source(
        "MSD_GLUCAGONOMA",
        "MSD Manual Professional, Glucagonoma, 2023",
        "Villano A. Glucagonoma. MSD Manual Professional Version (msdmanuals.com; reviewed/"
        "revised October 2023; page read). Supports: treatment is surgical removal for localised "
        "disease, chemotherapy for metastatic disease, and octreotide to suppress glucagon "
        "production.",
        2023,
        level="primary",
        takes="Octreotide is used to suppress glucagon production from a glucagonoma.",
    ),
    Source(
        "ZES_PPI2019",
        "Lee et al., Int J Mol Sci 2019 (Zollinger-Ellison syndrome and PPIs)",
        "Lee L, Ramos-Alvarez I, Ito T, Jensen RT. Insights into effects/risks of chronic "
        "hypergastrinemia and lifelong PPI treatment in man based on studies of patients with "
        "Zollinger-Ellison syndrome. Int J Mol Sci 2019;20(20):5128. "
        "doi:10.3390/ijms20205128 (abstract read). Supports: the acid hypersecretion of "
        "Zollinger-Ellison syndrome needs lifelong antisecretory treatment with proton-pump "
        "inhibitors, which are the drugs of choice.",
        2019,
        level="primary",
        takes="Proton-pump inhibitors are the drugs of choice for the acid of a gastrinoma.",
    ),
    Source(
        "WEBPATH_GINEC",
        "WebPathology, GI neuroendocrine carcinoma, undated (accessed 2026)",
        "WebPathology.com. Neuroendocrine carcinomas of the GI tract: microscopic features "
        "(image atlas text; web page, undated; accessed 2026). Supports: the cells of a GI "
        "neuroendocrine carcinoma may be arranged in nests, ribbons, trabecular, gyriform and "
        "solid patterns, with marked atypia and necrosis; large-cell NEC has a more organoid "
        "(organised) appearance than small-cell NEC.",
        None,
        takes="A large-cell NEC can keep an organised pattern (nests, ribbons).",
    ),
    Source(
        "KIM2020_HGPANNEN",
        "Kim et al., Cancer Res Treat 2020 (high-grade pancreatic NENs)",
        "Kim H, An S, Lee K, et al. Pancreatic high-grade neuroendocrine neoplasms in the Korean "
        "population: a multicenter study. Cancer Res Treat 2020;52(1):263-276. "
        "doi:10.4143/crt.2019.192 (PMC6962471; abstract read). Supports: telling NET G3 from "
        "NEC is difficult in practice; NECs showed diffuse nuclear atypia, solid growth and "
        "apoptosis more often, and organised (organoid) growth less often, than NETs; ATRX, "
        "DAXX, Rb and p53 stains were used on the high-grade tumours.",
        2020,
        level="primary",
        takes="NET G3 and NEC differ in how often features appear, not always in kind; telling "
        "them apart can be hard.",
    ),
    Source(
        "BERNA2006_FSG",
        "Berna et al., Medicine 2006 (fasting gastrin in 309 NIH patients)",
        "Berna MJ, Hoffmann KM, Serrano J, Gibril F, Jensen RT. Serum gastrin in "
        "Zollinger-Ellison syndrome: I. Prospective study of fasting serum gastrin in 309 "
        "patients from the National Institutes of Health and comparison with 2229 cases from the "
        "literature. Medicine (Baltimore) 2006;85(6) (PubMed 17108778; abstract read). "
        "Supports: normal fasting gastrin values were uncommon in Zollinger-Ellison syndrome "
        "(0.3%-3% of the NIH and literature patients).",
        2006,
        level="primary",
        takes="A normal fasting gastrin is uncommon in a gastrinoma (0.3-3% of patients).",
    ),
    Source(
        "PDQ_R_TABLE",
        "NCI PDQ, GI carcinoid tumours, residual tumour (R) table, undated (accessed 2026)",
        "NCI PDQ. Gastrointestinal Carcinoid Tumors Treatment (PDQ) - Health Professional "
        "Version, an earlier version of the page, as kept by PubMed Health (PMH0032507), Table "
        "16 'Residual Tumor (R)', headed 'Carcinoma and Carcinoid' (table read; undated copy, "
        "accessed 2026). Supports: R0 complete resection with histologically negative margins, "
        "no residual tumour; R1 microscopic tumour left (margins involved under the "
        "microscope); R2 gross tumour left.",
        None,
        level="primary",
        takes="R0: no tumour left; R1: tumour left that is seen only under the microscope; R2: "
        "tumour left that can be seen by eye.",
    ),
    Source(
        "TNMO2016",
        "TNM-O, J Biomed Semantics 2016 (TNM descriptors table)",
        "TNM-O: ontology support for staging of malignant tumours. J Biomed Semantics 2016, "
        "doi:10.1186/s13326-016-0106-9, Table 1 'TNM classification descriptors and additional "
        "modifiers' (table read; it summarises the UICC TNM rules, not the UICC book itself). "
        "Supports: L (lymphatic invasion, X/0/1), V (venous invasion, X/0/1/2), Pn (perineural "
        "invasion, X/0/1) and R (residual tumour, X/0/1/2) are descriptors added to TNM, not T, "
        "N or M categories.",
        2016,
        level="secondary",
        takes="L0/L1, V0/V1/V2, Pn0/Pn1 and R0/R1/R2 are extra TNM descriptors, not T, N or M.",
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
