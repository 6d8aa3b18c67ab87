"""The course glossary: every technical term of the lessons, defined once in plain words.

Each :class:`Entry` holds a term, its plain definition, other spellings (``aliases``), the source
keys where the definition states a clinical fact (resolved in
:data:`gepnet_widgets.sources.SOURCES`), whether it is a ``technical`` term (a word of medicine
or statistics a learner may need to look up) or a name (an organisation, a guideline, a trial),
and the lesson that teaches it.

Where another module of the package already words a definition (the treatment categories and
drugs, the diagnostic tests, the syndromes and hormones, the trials, the course's four key
words), the entry *reuses* that text rather than typing it again, so the two can never drift
apart. Everything else is written here.

:func:`lookup` finds the entry for a word, :func:`search` ranks entries for a query (the
glossary widget), and :func:`mentioned_in` lists the entries a text mentions (the lesson tests).

Pure layer-1 module: no plotting, widget or IPython import.

Examples
--------
>>> lookup("Ki-67").term
'Ki-67 index'
>>> lookup("mitoses").term
'Mitosis'
>>> search("hot spot")[0].term
'Hot spot'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .anatomy import TERMS
from .diagnosis import TESTS
from .syndromes import (
    CONFIRM_TESTS,
    FUNCTIONAL_DEFINITION,
    HORMONES,
    NONFUNCTIONING_DEFINITION,
    SYNDROMES,
)
from .treatment import CATEGORIES, GOALS, TRIALS, category, member

__all__ = [
    "Entry",
    "GLOSSARY",
    "LESSON_TITLES",
    "lookup",
    "search",
    "mentioned_in",
    "entry_pattern",
    "entries_for_lesson",
    "all_source_keys",
]

#: The lessons an entry can name, with their titles (the course map in lesson 0 lists them too).
LESSON_TITLES: dict[str, str] = {
    "01_what_are_gepnets": "What GEP-NETs are",
    "02_diagnosis": "How GEP-NETs are diagnosed",
    "03_tnm_staging": "Staging a GEP-NET with TNM",
    "04_grade_and_differentiation": "Grade and differentiation",
    "05_functional_vs_nonfunctional": "Functional and non-functional GEP-NETs",
    "06_treatment_categories": "How treatment categories differ",
    "07_case_studies": "Case studies",
    "08_reading_a_report": "Reading a report",
    "00_start_here": "Start here",
}


@dataclass(frozen=True)
class Entry:
    """One glossary entry.

    Attributes
    ----------
    term : str
        The headword, as a learner reads it (``"Ki-67 index"``).
    definition : str
        Plain words; a patient or carer can follow it.
    aliases : tuple of str
        Other spellings, abbreviations and plurals a lesson may use (``"Ki-67"``).
    sources : tuple of str
        Source keys, where the definition states a clinical fact; empty for plain anatomy,
        statistics and names.
    technical : bool
        True for a technical term; False for a name (organisation, guideline, trial).
    lesson : str
        The stem of the lesson that teaches it (a key of :data:`LESSON_TITLES`).
    """

    term: str
    definition: str
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    technical: bool = True
    lesson: str = ""

    @property
    def words(self) -> tuple[str, ...]:
        """The term, its parts (``"Chromogranin A (CgA)"`` gives ``"Chromogranin A"`` and
        ``"CgA"``) and its aliases, without repeats."""
        parts = re.fullmatch(r"(.+?) \(([^()]+)\)", self.term)
        found = (self.term, *(parts.groups() if parts else ()), *self.aliases)
        return tuple(dict.fromkeys(found))


def _e(term: str, definition: str, lesson: str, *sources: str,
       aliases: tuple[str, ...] = (), technical: bool = True) -> Entry:
    return Entry(term, definition, aliases, tuple(sources), technical, lesson)


_L1, _L2, _L3 = "01_what_are_gepnets", "02_diagnosis", "03_tnm_staging"
_L4, _L5, _L6 = "04_grade_and_differentiation", "05_functional_vs_nonfunctional", \
    "06_treatment_categories"
_L7 = "07_case_studies"
_L8 = "08_reading_a_report"
_L0 = "00_start_here"

# --- written here --------------------------------------------------------------------------------

_BASICS = (
    _e("Neuroendocrine cell", "A cell that receives signals from nerves and, in the gut, from "
       "what passes through it (such as food and acid), and answers by releasing hormones into "
       "the blood; many also act on the cells next to them. Such cells are scattered through "
       "the digestive tract and the pancreas.", _L1, "CCS_NES", "NCI_DICT_NET",
       "GUT_CELLS_TABLE",
       aliases=("neuroendocrine cells", "neuroendocrine")),
    _e("Neuroendocrine tumour (NET)", "A tumour that forms from neuroendocrine cells. In this "
       "course NET means a well-differentiated one, graded G1, G2 or G3.", _L1, "NCI_DICT_NET",
       "S9", aliases=("NET", "NETs", "neuroendocrine tumour", "neuroendocrine tumours",
                      "neuroendocrine tumor", "neuroendocrine tumors")),
    _e("GEP-NET", "A neuroendocrine tumour of the stomach or intestines (gastro-entero-) or of "
       "the pancreas (pancreatic).", _L1, "S1", "S2",
       aliases=("GEP-NETs", "GEP", "gastroenteropancreatic neuroendocrine tumour",
                "gastroenteropancreatic neuroendocrine tumours", "gastroenteropancreatic")),
    _e("Neuroendocrine carcinoma (NEC)", "A poorly differentiated neuroendocrine cancer (a "
       "carcinoma), of small-cell or large-cell type. It is not graded (it is high grade by "
       "definition) and it is staged with the carcinoma system of its organ, not with the NET "
       "chapters.", _L4, "S9", "S8", "S3", "PO_PANNEC",
       aliases=("NEC", "NECs", "neuroendocrine carcinoma", "neuroendocrine carcinomas",
                "small-cell", "large-cell")),
    _e("Neoplasm", "A new, abnormal growth of tissue: a tumour. 'Neuroendocrine neoplasm' covers "
       "NETs, NECs and mixed tumours.", _L1, "S9",
       aliases=("neoplasms", "neuroendocrine neoplasm", "neuroendocrine neoplasms")),
    _e("Carcinoma", "A cancer of epithelial cells (the cells that line organs and form glands). "
       "A neuroendocrine carcinoma (NEC) is a poorly differentiated one, staged with the system "
       "of the ordinary carcinomas of its organ. NETs are cancers too (malignant, often "
       "slow-growing), but they are well differentiated and are not called carcinomas.", _L4,
       "PO_PANNEC", "NEN_TERMS2024", "S3",
       aliases=("carcinomas",)),
    _e("MiNEN", "A mixed tumour with a neuroendocrine part and a non-neuroendocrine part (usually "
       "an adenocarcinoma), each making up at least 30% of the tumour; each part is graded "
       "separately when possible. WHO 2010 called it MANEC.", _L4, "S14", "S8", "S10",
       aliases=("mixed neuroendocrine and non-neuroendocrine neoplasm", "MANEC", "mixed tumour",
                "mixed tumours")),
    _e("Primary tumour", "The tumour where the disease started, as opposed to its metastases.",
       _L3, aliases=("primary", "primary tumor", "primaries")),
    _e("Metastasis", "A tumour that has spread from where it started (the primary) to another "
       "place, such as the liver, the lungs or the bones. The plural is metastases.", _L3, "S1",
       aliases=("metastases", "metastatic", "distant spread")),
    _e("Lymph node", "A small filter that drains fluid from an organ. Regional lymph nodes are the "
       "ones near the tumour's organ; tumour in them gives N1 (or N2).", _L3, "S1",
       aliases=("lymph nodes", "regional lymph nodes", "regional lymph node", "nodal")),
    _e("Multifocal", "With several tumours at once. Up to about 40% of jejunal and ileal NETs are "
       "multifocal.", _L1, "S1", aliases=("multiple tumours",)),
    _e("Tissue", "Cells and the material between them, as taken in a biopsy or an operation and "
       "examined under the microscope.", _L2),
    _e("Necrosis", "Areas of dead tumour cells, seen under the microscope; often found in poorly "
       "differentiated tumours.", _L4, "KLIMSTRA2010"),
    _e("Fibrosis", "Scarring: tissue replaced by tough fibres. Carcinoid heart disease is fibrosis "
       "of the right-sided heart valves.", _L5, "S1"),
)

_ANATOMY = (
    _e("Mucosa", "The inner lining of the stomach or bowel: the first layer of the wall.", _L3,
       aliases=("mucosal",)),
    _e("Lamina propria", "The thin layer of tissue inside the mucosa, just under its surface "
       "cells. A tumour confined to the lamina propria has stayed in the lining.", _L3),
    _e("Submucosa", "The layer of the wall just under the lining (the mucosa).", _L3,
       aliases=("submucosal",)),
    _e("Muscularis propria", "The main muscle layer of the wall of the stomach or bowel.", _L3),
    _e("Subserosa", "The tissue between the main muscle layer and the thin outer covering "
       "(the serosa).", _L3, aliases=("subserosal",)),
    _e("Serosa", "The thin outer covering of the stomach and bowel (the visceral peritoneum).", _L3,
       aliases=("visceral peritoneum",)),
    _e("Peritoneum", "The thin lining of the inside of the abdomen, which also covers the bowel.",
       _L3, aliases=("peritoneal",)),
    _e("Mesentery", "The fatty fold that carries the bowel's blood vessels and lymph nodes.", _L3,
       aliases=("mesenteric",)),
    _e("Mesenteric mass", "A lump of tumour in the mesentery. In the jejunum and ileum a "
       "mesenteric mass larger than 2 cm makes N2 (AJCC 8th edition and Version 9; Version 9 adds "
       "that smaller masses are reported but do not change the stage).", _L3, "S1", "S7",
       aliases=("mesenteric masses",)),
    _e("Mesoappendix", "The fatty fold that holds the appendix. Tumour reaching it makes T3 at "
       "the appendix.", _L3, "S1"),
    _e("Sphincter of Oddi", "The ring of muscle at the ampulla of Vater, where bile and "
       "pancreatic juice enter the duodenum.", _L3),
    _e("Ampulla of Vater", "The small opening in the wall of the duodenum where the bile duct and "
       "the pancreatic duct empty. NETs there are staged with the duodenum (AJCC 8th, chapter "
       "30).", _L3, "S1", aliases=("ampulla",)),
    _e("Bile duct", "The tube that carries bile from the liver to the duodenum.", _L3,
       aliases=("common bile duct",)),
    _e("Stomach", "The organ between the gullet and the small intestine; one of the seven GEP "
       "sites.", _L1, "S1", aliases=("gastric",)),
    _e("Duodenum", "The first part of the small intestine, right after the stomach.", _L1,
       aliases=("duodenal",)),
    _e("Jejunum and ileum", "The rest of the small intestine after the duodenum; the ileum is its "
       "last part. NETs there arise from EC cells, which mainly make serotonin.", _L1, "S1",
       "RCC_GEPNET",
       aliases=("jejunum", "ileum", "ileal", "jejunal", "small intestine", "small bowel",
                "small-intestine", "small-bowel")),
    _e("Midgut", "The middle part of the gut. In this course, midgut NETs are NETs of the small "
       "intestine (jejunum and ileum).", _L6, "S1"),
    _e("Appendix", "A small, finger-shaped pouch of the bowel where the small intestine joins "
       "the colon.", _L1, aliases=("appendiceal",)),
    _e("Colon and rectum", "The large bowel; the rectum is its last part.", _L1,
       aliases=("colon", "rectum", "rectal", "colorectal", "large bowel")),
    _e("Pancreas", "A gland behind the stomach that makes digestive juices and, in its islet "
       "cells, hormones such as insulin and glucagon.", _L1, "CCS_NES", "S2",
       aliases=("pancreatic",)),
    _e("Islet cells", "The neuroendocrine cells of the pancreas. Pancreatic NETs are also called "
       "islet cell tumours.", _L1, "CCS_NES", "S2",
       aliases=("islet cell", "islet cell tumours", "islets")),
    _e("EC cells", "Enterochromaffin cells: neuroendocrine cells found along the whole gut, the "
       "appendix included, that mainly make serotonin. Small-intestine NETs arise from them, "
       "and so do most appendiceal NETs.", _L1, "RCC_GEPNET", "S1", "GUT_CELLS_TABLE",
       "RCA_APPENDIX",
       aliases=("EC", "EC cell", "enterochromaffin", "enterochromaffin cells")),
    _e("ECL cells", "Enterochromaffin-like cells: stomach cells that release histamine when the "
       "hormone gastrin stimulates them. Gastric NETs arise from them.", _L1, "WALDUM2019",
       aliases=("ECL", "ECL cell", "enterochromaffin-like")),
    _e("D cells", "Neuroendocrine cells that make somatostatin. Duodenal D-cell tumours rarely "
       "cause the somatostatinoma syndrome.", _L1, "S1", aliases=("D cell", "D-cell")),
    _e("L cells", "Neuroendocrine cells of the gut, most common in the rectum, that make "
       "glucagon-like peptides and peptide YY. Rectal NETs mostly arise from them.", _L1,
       "GUT_CELLS_TABLE", "SOHN2015", aliases=("L cell", "L-cell")),
    _e("Peptide YY", "A gut hormone made by L cells, which are most common in the rectum.",
       _L1, "GUT_CELLS_TABLE", aliases=("PYY", "YY")),
    _e("Portal vein", "The vein that carries blood from the gut to the liver. The normal liver "
       "gets most of its blood this way.", _L5, "S1", "S2", aliases=("portal",)),
    _e("Hepatic artery", "The artery of the liver. Liver metastases are fed mainly by it, which "
       "is what embolisation uses.", _L6, "S1", "S2", aliases=("hepatic",)),
    _e("Hepatic veins", "The veins that carry blood out of the liver towards the heart.", _L5,
       aliases=("hepatic vein",)),
    _e("Gastrointestinal (GI)", "Of the stomach and intestines.", _L6,
       aliases=("GI", "gastrointestinal tract", "digestive tract", "gut")),
)

_CELL = (
    _e("Hormone", "A chemical messenger: cells release it into the blood, and it changes what "
       "cells elsewhere in the body do.", _L1, "CCS_NES", aliases=("hormones",)),
    _e("Receptor", "A docking point on a cell: a hormone or a drug attaches to it and changes "
       "what the cell does.", _L1, "CCS_NES", aliases=("receptors",)),
    _e("Granules", "Small packets inside a neuroendocrine cell that store its hormone until it is "
       "released.", _L1, "RCC_GEPNET", "CCS_NES", aliases=("granule",)),
)

_STAGING = (
    _e("TNM", "The staging system: T describes the primary tumour, N the regional lymph nodes, "
       "M distant spread.", _L3, "AJCC8", aliases=("TNM stage", "TNM staging")),
    _e("T category", "How big the primary tumour is and how deep it has grown; at most sites it "
       "is the higher of what the size and the depth give. At the colon and rectum T1 is split "
       "into T1a and T1b by size. A 'p' (pT) means the category comes from the pathology "
       "report.", _L3, "AJCC8", "S1",
       aliases=("T1", "T2", "T3", "T4", "T1a", "T1b", "pT", "T categories")),
    _e("N category", "Whether the regional lymph nodes contain tumour: NX not assessed, N0 none, "
       "N1 yes; N2 (jejunum and ileum only) 12 or more positive nodes or a mesenteric mass "
       "larger than 2 cm.", _L3, "AJCC8", "S1",
       aliases=("N0", "N1", "N2", "N categories")),
    _e("M category", "Distant spread: M0 none; M1a the liver only; M1b outside the liver only; "
       "M1c both.", _L3, "AJCC8", "S1",
       aliases=("M0", "M1", "M1a", "M1b", "M1c", "M categories")),
    _e("(m) suffix", "Added to T when there are several primary tumours, as in T3(m). It does not "
       "change the stage group.", _L3, "S1", "S4", aliases=("(m)",)),
    _e("NX", "Pathological N category 'not assessed': no lymph nodes were examined by a "
       "pathologist. It is not the same as N0. With NX M0 the pathological stage has no group "
       "under the AJCC 8th edition; AJCC Version 9 makes T1 NX M0 stage I at the stomach, "
       "duodenum, appendix, colon and rectum. A clinical N from scans is a separate category.",
       _L3, "AJCC8", "S1", "S5", aliases=("not assessed",)),
    _e("UICC", "Union for International Cancer Control: it publishes the TNM Classification of "
       "Malignant Tumours used in many countries outside the US (8th edition, 2017). Its NET "
       "chapter stages well-differentiated G1 and G2 NETs.", _L3, "S48"),
    _e("Clinical stage", "A stage from examination, scans, endoscopy and biopsies before "
       "treatment, written cTNM (for example cN0 from scans).", _L3, "AJCC8",
       aliases=("cTNM", "clinical staging")),
    _e("Pathological stage", "A stage from the tumour and lymph nodes removed at surgery and "
       "examined by a pathologist, written pTNM.", _L3, "AJCC8",
       aliases=("pTNM", "pathological staging")),
    _e("SEER", "The US National Cancer Institute's cancer registry programme (Surveillance, "
       "Epidemiology, and End Results); its staging schemas show which AJCC edition applies to "
       "cases diagnosed in which years.", _L3, "S11", technical=False),
    _e("Stage group", "T, N and M combined into a group from I (small and local) to IV (distant "
       "spread), from a table in each AJCC chapter. The colon and rectum keep sub-stages (IIA, "
       "IIB, IIIA, IIIB).", _L3, "AJCC8", "S1",
       aliases=("stage groups", "stage I", "stage II", "stage III", "stage IV", "sub-stages")),
    _e("JupyterLab", "The program in your web browser that opens the course's notebooks: pages "
       "of text with cells you can run. Voila shows the same pages as an app, without code.",
       _L0, aliases=("Jupyter", "JupyterHub", "Voila"), technical=False),
    _e("AJCC", "American Joint Committee on Cancer: it publishes the TNM staging manual. The "
       "course uses AJCC Version 9 (US cases from 2024) by default, with the 8th edition (2017) "
       "beside it.", _L3, "AJCC8", "S5",
       aliases=("American Joint Committee on Cancer", "AJCC Cancer Staging Manual",
                "AJCC version 9", "version 9"), technical=False),
)

_GRADING = (
    _e("Well differentiated", "Cells that keep an organised pattern (nests and ribbons) and look "
       "alike. Well-differentiated tumours are NETs, graded G1, G2 or G3.", _L4, "S9",
       "KLIMSTRA2010", aliases=("well-differentiated",)),
    _e("Poorly differentiated", "Cells that grow in sheets with no organised pattern, with "
       "nuclei of different sizes and shapes. Poorly differentiated tumours are NECs.", _L4,
       "S9", "KLIMSTRA2010", aliases=("poorly-differentiated",)),
    _e("NET G3", "A well-differentiated NET with a Ki-67 index above 20% or more than 20 mitoses "
       "per 2 mm²: high grade. Like every NET it is a cancer (a malignant tumour); it is not a "
       "NEC, because its cells are well differentiated. Introduced by WHO 2017 (pancreas) and "
       "WHO 2019 (whole digestive tract).", _L4, "NAGTEGAAL2020", "S9", "S10", "S15",
       "NEN_TERMS2024"),
    _e("Ki-67 index", "The percentage of tumour cells stained for Ki-67, a protein in the nucleus "
       "of cells that are dividing or getting ready to divide: it shows how many cells are "
       "dividing, not the speed of division. It is counted in the hot spot, on at least 500 "
       "cells.", _L4, "NAGTEGAAL2020", "S9", "S8",
       aliases=("Ki-67", "Ki67", "Ki-67 labelling index")),
    _e("Hot spot", "The area of a tumour slide with the most Ki-67-stained (brown) nuclei, chosen "
       "at low magnification; the Ki-67 index is counted there.", _L4, "S9", "S8",
       aliases=("hot spots", "hot-spot")),
    _e("Mitosis", "A cell caught in the act of dividing. The mitotic count is the number of "
       "mitoses per 2 mm², counted in 50 fields of 0.2 mm² (10 mm²) and divided by 5.", _L4,
       "S9", aliases=("mitoses", "mitotic count", "mitotic")),
    _e("High-power field (HPF)", "The area seen through a microscope at high magnification. WHO "
       "2010 counted mitoses per 10 HPF; WHO 2019 counts per 2 mm², because a field has no fixed "
       "area.", _L8, "S10", "S9", aliases=("HPF", "high-power fields")),
    _e("Cut-off", "The value at which a category changes. Ki-67 3% and 20% are the WHO 2019 "
       "cut-offs: 20.0% is still G2, 20.1% is G3.", _L4, "S9", aliases=("cut-offs", "cutoff")),
    _e("WHO classification", "The World Health Organization's classification of tumours. This "
       "course grades with its Digestive System Tumours, 5th edition (WHO 2019).", _L4, "S9",
       aliases=("WHO", "World Health Organization", "WHO 2019", "WHO 2010", "WHO 2017",
                "WHO 2022"), technical=False),
    _e("College of American Pathologists (CAP)", "A US professional body of pathologists. Its "
       "reporting checklists advise, for example, counting the Ki-67 hot spot by hand near a "
       "cut-off.", _L4, "S9", aliases=("CAP",), technical=False),
    _e("NORDIC NEC", "A Nordic study of people with advanced neuroendocrine carcinoma (NEC) of the "
       "digestive system, treated with platinum-based chemotherapy; NECs with a Ki-67 below 55% "
       "responded less often but lived longer.", _L4, "S45", aliases=("NORDIC",),
       technical=False),
    _e("p53, Rb and p16", "Proteins a pathologist can test for when it is unclear whether a "
       "high-grade tumour is a NET G3 or a NEC.", _L4, "S8", aliases=("p53", "p16")),
    _e("Pathologist", "A doctor who examines tissue under the microscope and writes the pathology "
       "report, which gives the T and N categories, the differentiation and the grade.", _L4,
       aliases=("pathologists", "pathology", "pathology report")),
)

_FUNCTION = (
    _e("Syndrome", "A group of symptoms that occur together; here, the symptoms a hormone causes "
       "when a tumour makes too much of it.", _L5, "S16", aliases=("syndromes",)),
    _e("Rarer syndromes", "Hormone syndromes rarer than the six classic ones, each named after "
       "the hormone the tumour makes ('-oma' means tumour): ACTHoma, PTHrPoma, calcitoninoma and "
       "GHRHoma.", _L5, "S16",
       aliases=("ACTHoma", "PTHrPoma", "calcitoninoma", "GHRHoma")),
    _e("Carcinoid", "An old name for a well-differentiated NET of the gut. It is no longer "
       "acceptable in pathology reports, but it lives on in 'carcinoid syndrome'.", _L5, "S3",
       aliases=("carcinoids",)),
    _e("Carcinoid heart disease", "Scarring (fibrosis) of the valves on the right side of the "
       "heart, the tricuspid and pulmonary valves; more than a third of people with carcinoid "
       "syndrome develop it.", _L5, "S1"),
    _e("Carcinoid crisis", "A sudden, severe attack of carcinoid syndrome, which anaesthesia, "
       "surgery or embolisation can trigger; it is prevented with somatostatin-analogue cover.",
       _L6, "S1"),
    _e("Hypoglycaemia", "Low blood sugar.", _L5, "S17",
       aliases=("hypoglycemia", "low blood sugar", "hypoglycaemic")),
    _e("Hyperglycaemia", "High blood sugar, as in diabetes.", _L5, "S2",
       aliases=("hyperglycemia", "high blood sugar")),
    _e("Hypokalaemia", "Low potassium in the blood.", _L5, "S2",
       aliases=("hypokalemia", "low potassium")),
    _e("Achlorhydria", "No acid in the stomach.", _L5, "S2"),
    _e("Steatorrhoea", "Fatty, greasy stools.", _L5, "S2",
       aliases=("steatorrhea", "fatty stools")),
    _e("Necrolytic migratory erythema", "A red skin rash that breaks down the skin and moves from "
       "place to place; a sign of glucagonoma.", _L5, "S2"),
    _e("Peptic ulcer", "A sore in the lining of the stomach or duodenum.", _L5, "S1",
       aliases=("peptic ulcers", "ulcer", "ulcers")),
    _e("Venous thrombosis", "A blood clot in a vein.", _L5, "S2",
       aliases=("blood clots", "blood clot")),
    _e("Bronchospasm", "Narrowing of the airways that causes wheezing.", _L5, "S1",
       aliases=("wheezing",)),
    _e("MEN1", "An inherited syndrome found in 5-8% of people with an insulinoma and 20-30% of "
       "those with a gastrinoma (the NCI PDQ gives 15-35%).", _L5, "S2", "S18", "S1"),
    _e("NF1", "An inherited syndrome; up to half of the somatostatin-making tumours around the "
       "ampulla of Vater occur with it.", _L5, "S1"),
    _e("Inactive tumour products", "Substances some non-functioning pancreatic NETs release "
       "without causing symptoms: pancreatic polypeptide, neurotensin, alpha-hCG, NSE and "
       "chromogranin A.", _L5, "S2",
       aliases=("NSE", "alpha-hCG", "pancreatic polypeptide", "neurotensin")),
    _e("Secretin test", "A test for gastrinoma: gastrin is measured after an injection of the "
       "hormone secretin. A rise of at least 120 pg/mL had a sensitivity of 94% and a "
       "specificity of 100% in the NIH series.", _L5, "S18"),
)

_DIAGNOSIS = (
    _e("Biopsy", "A small sample of tissue taken to be examined under the microscope.", _L2,
       "S23", aliases=("biopsies", "needle biopsy")),
    _e("Immunohistochemistry (IHC)", "Staining tissue with antibodies that colour one protein, "
       "such as synaptophysin, chromogranin A or Ki-67, so the pathologist can see which cells "
       "carry it.", _L2, "S23", "S1", aliases=("IHC", "immunohistochemical", "stain", "stains")),
    _e("Synaptophysin", "A protein of neuroendocrine cells. A stain for it confirms that a tumour "
       "is neuroendocrine; it is both sensitive and specific.", _L2, "S23", "S1"),
    _e("Chromogranin A (CgA)", "A protein of neuroendocrine cells. Stained in tissue it confirms "
       "a NET; measured in blood it is a general marker that is sensitive but not specific, "
       "falsely raised by acid-lowering medicines and other conditions. AJCC version 9 advises "
       "against the blood test for diagnosis and monitoring.", _L2, "S23", "S1", "S20", "S5",
       aliases=("CgA", "chromogranin", "blood chromogranin A")),
    _e("Marker", "A substance measured in blood or urine that points to a tumour or a hormone "
       "excess.", _L2, "S1", aliases=("markers", "tumour marker", "blood marker")),
    _e("Sensitivity", "The share of people with a condition whom a test finds. A test with low "
       "sensitivity misses many cases.", _L2, aliases=("sensitive",)),
    _e("Specificity", "The share of people without a condition whom a test correctly calls "
       "negative. A test with low specificity raises false alarms.", _L2, aliases=("specific",)),
    _e("Proton-pump inhibitor (PPI)", "A medicine that lowers stomach acid. It falsely raises "
       "chromogranin A and gastrin in blood tests; at a high dose it counters a gastrinoma's "
       "acid.", _L2, "S1", "S20", "S8",
       aliases=("PPI", "PPIs", "proton-pump inhibitors", "proton pump inhibitor")),
    _e("H2 blocker", "Another kind of acid-lowering medicine. Like a proton-pump inhibitor, it "
       "raises gastrin and chromogranin A in blood tests.", _L2, "S1", "S20", "MURUGESAN2009",
       aliases=("H2 blockers",)),
    _e("GLP-1 receptor PET", "A PET scan with a tracer that sticks to the receptor for "
       "glucagon-like peptide 1 (GLP-1). It finds insulinomas that somatostatin-receptor scans "
       "miss: in one study it found the insulinoma in 42 of 43 patients.", _L5, "LUO2016",
       aliases=("GLP-1", "GLP-1 receptor PET/CT", "glucagon-like peptide 1")),
    _e("Atrophic gastritis", "A long-lasting inflammation that thins the stomach lining. It "
       "raises gastrin and chromogranin A, and type I gastric NETs arise with it.", _L1, "S1",
       "S20", aliases=("chronic atrophic gastritis", "gastritis")),
    _e("Imaging", "Scans that show the inside of the body: CT, MRI, PET and ultrasound.", _L2,
       "S8", aliases=("scan", "scans")),
    _e("PET scan", "A scan that shows where a radioactive tracer collects in the body; combined "
       "with CT as PET/CT.", _L2, "S8", aliases=("PET", "PET/CT")),
    _e("Tracer", "The small amount of radioactive substance given for a PET scan; it collects "
       "where its target is (somatostatin receptors, or sugar-hungry cells for FDG).", _L2, "S8",
       aliases=("tracers", "68Ga-DOTATATE", "64Cu-DOTATATE", "68Ga-DOTATOC", "DOTATATE",
                "DOTATOC", "Octreoscan")),
    _e("Somatostatin receptor (SSTR)", "A receptor for the hormone somatostatin. More than 70% of "
       "GEP-NETs carry several subtypes, mainly SSTR2 and SSTR5: somatostatin analogues and PRRT "
       "work through them.", _L2, "S1", "S8",
       aliases=("SSTR", "SSTRs", "SSTR2", "SSTR5", "somatostatin receptors",
                "somatostatin-receptor", "receptor-positive", "receptor-negative")),
    _e("NETPET", "Reading SSTR PET and FDG PET together: lesions that are receptor-negative but "
       "FDG-positive suggest a more aggressive tumour and will not respond to PRRT.", _L2, "S22"),
    _e("Colonoscopy", "An endoscopy of the large bowel (the colon and rectum).", _L7, "S1"),
)

_EVIDENCE = (
    _e("Guideline", "A document in which experts summarise the evidence and describe what to "
       "consider for groups of patients with certain features. It is not a decision for one "
       "person.", _L6, "S8", "S27", aliases=("guidelines",)),
    _e("Randomised trial", "A study in which people are assigned by chance to the treatment being "
       "tested or to a control, so that the groups differ only by the treatment.", _L6,
       aliases=("randomised trials", "randomized trial", "randomised", "randomized", "trial",
                "trials", "phase II", "phase III")),
    _e("Control", "The comparison group of a trial: people given a placebo or another treatment.",
       _L6, aliases=("control group", "control arm", "controls")),
    _e("Placebo", "A dummy treatment with no active drug, given to the control group.", _L6,
       aliases=("placebos",)),
    _e("Hazard ratio (HR)", "Compares how fast an event (the tumour growing, or death) happens in "
       "two groups of a trial at any moment. 1 means no difference; below 1, the event happened "
       "more slowly with the tested treatment. It is not the share of people who had the event.",
       _L6, aliases=("HR", "hazard ratio", "hazard ratios")),
    _e("Confidence interval (CI)", "The range of values compatible with the data, usually the "
       "95% interval. A narrow interval means a precise estimate; an interval of hazard ratios "
       "that crosses 1 cannot rule out no difference.", _L6,
       aliases=("CI", "95% confidence interval", "95% interval", "confidence interval",
                "confidence intervals")),
    _e("Median", "The middle value: the time by which half of the people in a group had the "
       "event. 'Not reached' means fewer than half had it when the data were analysed.", _L6,
       aliases=("medians", "not reached")),
    _e("Progression-free survival (PFS)", "The time until the tumour grows (progresses) or the "
       "person dies, whichever comes first.", _L6, aliases=("PFS", "progression-free")),
    _e("Time to progression (TTP)", "The time until the tumour grows; unlike progression-free "
       "survival, deaths are not counted as events.", _L6, aliases=("TTP",)),
    _e("Progression", "Growth or spread of a tumour, seen on scans.", _L6,
       aliases=("progressive", "progresses")),
    _e("Endpoint", "What a trial measures to judge a treatment, such as progression-free "
       "survival.", _L6, aliases=("endpoints",)),
    _e("Binomial probability", "The exact chance of a given number of 'successes' (here, brown "
       "cells) among the cells counted, when each cell is positive with the same probability; "
       "used to check the counting simulation.", _L4, "WILSON1927", aliases=("binomial",)),
    _e("Sequencing", "The order in which treatments are given one after another. NCCN states "
       "there are no data to guide the order of systemic drugs.", _L6, "S8"),
)

_ORGANISATIONS = (
    _e("NCCN", "National Comprehensive Cancer Network (USA): publishes the NCCN Guidelines for "
       "Neuroendocrine and Adrenal Tumors; this course uses version 3.2025.", _L6, "S8",
       aliases=("National Comprehensive Cancer Network",), technical=False),
    _e("ENETS", "European Neuroendocrine Tumor Society: publishes guidance papers on NETs (2023 "
       "editions in this course).", _L6, "S16", "S44", technical=False),
    _e("ESMO", "European Society for Medical Oncology: its 2020 guideline covers "
       "gastroenteropancreatic neuroendocrine neoplasms.", _L6, "S27", technical=False),
    _e("NCI PDQ", "The US National Cancer Institute's summaries of cancer information (PDQ); the "
       "course uses its health-professional versions on GI and pancreatic NETs (2025).", _L3,
       "S1", "S2", aliases=("NCI", "PDQ", "National Cancer Institute"), technical=False),
    _e("NIH", "The US National Institutes of Health; its series of patients with Zollinger-"
       "Ellison syndrome is a source for gastrinoma tests.", _L5, "S18", technical=False),
    _e("MSD Manual", "A medical reference (MSD Manual Professional Version); a source for "
       "insulinoma.", _L5, "S17", aliases=("MSD",), technical=False),
    _e("Endocrine Society", "A professional society of hormone specialists; one of the insulin "
       "cut-offs for insulinoma follows its style.", _L5, "S17", technical=False),
    _e("TELESTAR", "A randomised trial (2017) of telotristat against placebo in people whose "
       "carcinoid-syndrome diarrhoea was not controlled by a somatostatin analogue.", _L6, "S46",
       technical=False),
)

_WORDS_OF_THE_COURSE = (
    _e("Appendicectomy", "An operation to remove the appendix; a small appendiceal NET is often "
       "found this way, without lymph nodes being examined.", _L7, "S5",
       aliases=("appendectomy",)),
    _e("Debulking", "Removing most of a tumour (often quoted as 90% or more) to ease hormone "
       "symptoms, when all of it cannot be removed.", _L6, "S1", aliases=("cytoreduction",)),
    _e("Post-embolisation syndrome", "Feeling unwell after an embolisation; it is common.", _L6,
       "S1", aliases=("post-embolization syndrome",)),
    _e("Extent of spread", "How far a tumour has spread, in the words the treatment tools use: "
       "localised (only in its organ), regional (nearby lymph nodes or tissues), liver only, or "
       "widespread (beyond the liver).", _L6, "S8",
       aliases=("localised", "localized", "widespread")),
)

#: Words of reports that lesson 8 (reading a report) teaches.
_REPORT = (
    _e("Resection margin", "The cut edge of the tissue a surgeon or endoscopist removed. R0: no "
       "tumour left; R1: tumour at the edge under the microscope; R2: tumour left that can be "
       "seen by eye. It is reported beside the stage, not part of it.", _L8, "PDQ_R_TABLE",
       "TNMO2016",
       aliases=("margin", "margins", "resection margins", "R0", "R1", "R2")),
    _e("Lymphovascular invasion", "Tumour cells seen inside small lymph or blood vessels in the "
       "removed tissue (written LVI, or L1 for lymph vessels and V1 for veins; L0 and V0: not "
       "seen). Reported beside the stage, not part of it.", _L8, "TNMO2016",
       aliases=("LVI", "L1", "V1", "L0", "V0")),
    _e("Perineural invasion", "Tumour cells growing along nerves in the removed tissue (Pn1; "
       "Pn0: not seen). Reported beside the stage, not part of it.", _L8, "TNMO2016",
       aliases=("Pn1", "Pn0")),
    _e("Krenning score", "How strongly spots take up the tracer on a somatostatin-receptor scan, "
       "compared with normal liver and spleen: 1 less than liver, 2 about the same as liver, 3 "
       "more than liver, 4 more than spleen.", _L8, "KRENNING_RADIOPAEDIA"),
    _e("MIB-1", "The antibody that shows the Ki-67 protein on tissue; a report's 'MIB-1 index' "
       "is the Ki-67 index.", _L8, "MIB1_1998"),
)


# --- reused from the other modules (never retyped) --------------------------------------------

def _reused() -> tuple[Entry, ...]:
    out: list[Entry] = []
    for key, lesson in (("stage", _L3), ("grade", _L4), ("differentiation", _L4)):
        t = TERMS[key]
        aliases = {"stage": ("staging", "staged"), "grade": ("grades", "grading", "graded",
                                                             "G1", "G2", "G3", "NET G1",
                                                             "NET G2", "low grade",
                                                             "high grade"),
                   "differentiation": ("differentiated",)}[key]
        out.append(Entry(t.word, t.plain, aliases, t.sources, True, lesson))
    out.append(Entry("Functioning (functional)", FUNCTIONAL_DEFINITION.text,
                     ("functioning", "functional", "functioning tumour"),
                     FUNCTIONAL_DEFINITION.sources, True, _L5))
    out.append(Entry("Non-functioning", NONFUNCTIONING_DEFINITION.text,
                     ("non-functional", "nonfunctioning", "non-functioning tumour"),
                     NONFUNCTIONING_DEFINITION.sources, True, _L5))
    out += _syndrome_entries() + _hormone_entries() + _test_entries()
    out += _treatment_entries() + _trial_entries()
    return tuple(out)


_SYNDROME_ALIASES = {
    "insulinoma": ("insulinomas",),
    "gastrinoma": ("gastrinomas", "Zollinger-Ellison syndrome", "Zollinger-Ellison", "ZES"),
    "glucagonoma": ("glucagonomas",),
    "vipoma": ("VIPomas", "WDHA", "WDHA syndrome"),
    "somatostatinoma": ("somatostatinomas",),
    "carcinoid_syndrome": (),
}


def _syndrome_entries() -> list[Entry]:
    out = []
    for s in SYNDROMES.values():
        h = HORMONES[s.hormone]
        name, _, also = s.name.partition(" (")
        if s.id == "carcinoid_syndrome":
            what = f"The syndrome of a functioning NET that makes too much {h.short}."
        else:  # a tumour, named for its hormone, that causes a syndrome
            causing = (f", causing {also.rstrip(')')}" if also
                       else "; the syndrome it causes has the same name")
            what = f"A tumour: a functioning NET that makes too much {h.short}{causing}."
        out.append(Entry(name, f"{what} {h.excess}", _SYNDROME_ALIASES[s.id], h.sources, True,
                         _L5))
    return out


_HORMONE_ALIASES = {"vip": ("VIP", "vasoactive intestinal peptide"), "serotonin": ("serotonin",)}


def _hormone_entries() -> list[Entry]:
    out = []
    for h in HORMONES.values():
        term = h.name.split(" (")[0]
        aliases = tuple(a for a in _HORMONE_ALIASES.get(h.id, ()) if a != term)
        out.append(Entry(term, f"A hormone. {h.excess}", aliases, h.sources, True, _L5))
    return out


def _test_entries() -> list[Entry]:
    fivehiaa = CONFIRM_TESTS["urine_5hiaa"].details[0]
    fast = CONFIRM_TESTS["supervised_fast"].details[0]
    out = [
        Entry("5-HIAA", fivehiaa.text, ("urine 5-HIAA", "24-hour urine 5-HIAA"),
              fivehiaa.sources, True, _L5),
        Entry("Supervised fast", fast.text, ("fast",), fast.sources, True, _L5),
    ]
    names = {"ct": ("CT scan", ("CT", "computed tomography")),
             "mri": ("MRI scan", ("MRI", "magnetic resonance imaging")),
             "sstr_pet": ("Somatostatin-receptor PET", ("SSTR PET", "SSTR imaging",
                                                        "receptor imaging",
                                                        "somatostatin-receptor imaging")),
             "fdg_pet": ("FDG PET", ("FDG", "FDG-PET")),
             "endoscopy": ("Endoscopy", ("endoscope", "endoscopic", "upper endoscopy")),
             "eus": ("Endoscopic ultrasound (EUS)", ("EUS", "endoscopic ultrasound"))}
    for test_id, (term, aliases) in names.items():
        t = TESTS[test_id]
        keys = tuple(dict.fromkeys(k for f in t.facts for k in f.sources))
        out.append(Entry(term, t.what, aliases, keys, True, _L2))
    return out


_CATEGORY_ALIASES = {
    "surgery": ("Surgery", ("surgical resection", "resection", "operation", "surgical")),
    "ablation": ("Ablation", ("RFA", "radiofrequency ablation", "cryoablation",
                              "microwave ablation")),
    "embolisation": ("Embolisation", ("embolization", "TAE", "TACE", "TARE", "chemoembolisation",
                                      "radioembolisation", "Y-90")),
    "radiotherapy": ("External-beam radiotherapy", ("radiotherapy", "EBRT", "radiation beams")),
    "ssa": ("Somatostatin analogue (SSA)", ("SSA", "SSAs", "somatostatin analogue",
                                            "somatostatin analogues")),
    "targeted": ("Targeted therapy", ("targeted therapies", "mTOR", "kinase", "kinases",
                                      "multi-kinase inhibitor", "VEGF", "VEGF receptors",
                                      "anti-angiogenic")),
    "prrt": ("PRRT", ("peptide receptor radionuclide therapy",)),
    "chemotherapy": ("Chemotherapy", ("cytotoxic", "chemo")),
    "symptom": ("Symptom-directed treatment", ("symptom-directed",)),
    "immunotherapy": ("Immunotherapy", ("immune checkpoint inhibitor",
                                        "immune checkpoint inhibitors", "checkpoint inhibitor")),
}
_MEMBER_TERMS = {
    "endoscopic": ("Endoscopic resection", ("endoscopic removal",)),
    "octreotide": ("Octreotide", ("octreotide LAR", "LAR")),
    "lanreotide": ("Lanreotide", ()),
    "everolimus": ("Everolimus", ()),
    "sunitinib": ("Sunitinib", ()),
    "cabozantinib": ("Cabozantinib", ()),
    "lu_dotatate": ("177Lu-DOTATATE", ("Lutathera", "lutetium-177")),
    "lu_edotreotide": ("177Lu-edotreotide", ()),
    "captem": ("CAPTEM", ("capecitabine", "temozolomide")),
    "streptozocin": ("Streptozocin", ("5-FU", "doxorubicin")),
    "platinum_etoposide": ("Platinum and etoposide", ("etoposide", "carboplatin", "cisplatin",
                                                      "platinum")),
    "telotristat": ("Telotristat", ("telotristat ethyl",)),
    "biomarker": ("Drugs matched to tumour test results", ("biomarker", "BRAF", "NTRK", "RET")),
    "pembrolizumab": ("Pembrolizumab", ("anti-PD-1", "PD-1", "MSI-H", "dMMR", "TMB-H")),
    "diazoxide": ("Diazoxide", ()),
}


def _treatment_entries() -> list[Entry]:
    out = []
    for cat in CATEGORIES:
        term, aliases = _CATEGORY_ALIASES[cat.key]
        out.append(Entry(term, f"A treatment category. {cat.mechanism.text}", aliases,
                         cat.mechanism.sources, True, _L6))
    for key, (term, aliases) in _MEMBER_TERMS.items():
        m = member(key)
        text = f"{m.mechanism.text} Treatment category: {category(m.category).name}."
        out.append(Entry(term, text, aliases, m.mechanism.sources, True, _L6))
    for goal in GOALS:
        out.append(Entry(goal.label, f"A treatment goal: to {goal.meaning}.", (), (), True, _L6))
    return out


def _trial_entries() -> list[Entry]:
    by_name: dict[str, list] = {}
    for t in TRIALS:
        by_name.setdefault(re.split(r",| \(", t.name)[0], []).append(t)
    out = []
    for name, trials in by_name.items():
        t = trials[0]
        who = "; ".join(x.population for x in trials)
        out.append(Entry(name, f"A trial ({t.design}, {t.year}) of {t.experimental} against "
                         f"{t.control}, in people with: {who}.", (),
                         tuple(dict.fromkeys(k for x in trials for k in x.sources)), False, _L6))
    return out


def _check(entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """Fail at import on a repeated word (each word must lead to one entry)."""
    seen: dict[str, str] = {}
    for entry in entries:
        for word in entry.words:
            key = word.casefold()
            if key in seen and seen[key] != entry.term:
                raise ValueError(f"glossary word {word!r} is in both {seen[key]!r} and "
                                 f"{entry.term!r}")
            seen[key] = entry.term
        if entry.lesson not in LESSON_TITLES:
            raise ValueError(f"glossary entry {entry.term!r}: unknown lesson {entry.lesson!r}; "
                             f"allowed: {', '.join(LESSON_TITLES)}")
    return entries


#: Every entry, sorted by term (case-insensitive).
GLOSSARY: tuple[Entry, ...] = _check(tuple(sorted(
    (*_BASICS, *_ANATOMY, *_CELL, *_STAGING, *_GRADING, *_FUNCTION, *_DIAGNOSIS, *_EVIDENCE,
     *_ORGANISATIONS, *_WORDS_OF_THE_COURSE, *_REPORT, *_reused()),
    key=lambda e: e.term.casefold())))

_BY_WORD: dict[str, Entry] = {w.casefold(): e for e in GLOSSARY for w in e.words}


# --- finding entries ------------------------------------------------------------------------------


def lookup(word: str) -> Entry | None:
    """Return the entry whose term or alias is ``word`` (case-insensitive; a plural ``s`` or
    ``es`` may be dropped), or ``None``."""
    key = word.strip().casefold()
    for candidate in (key, key[:-1] if key.endswith("s") else None,
                      key[:-2] if key.endswith("es") else None):
        if candidate and candidate in _BY_WORD:
            return _BY_WORD[candidate]
    return None


def _is_acronym(word: str) -> bool:
    """Whether ``word`` holds an abbreviation: a token with two or more capitals (``SSTR``)."""
    return any(sum(ch.isupper() for ch in token) >= 2 for token in word.split())


def entry_pattern(word: str) -> re.Pattern[str]:
    """The pattern that finds ``word`` in a text: whole word, optional plural ``s``/``es``.

    Acronyms (two or more capitals, e.g. ``NET``) match case-sensitively, so ``net`` in a
    sentence is not the tumour; other words match in any case.
    """
    flags = 0 if _is_acronym(word) else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?:s|es)?(?![\w-])", flags)


def mentioned_in(text: str) -> tuple[Entry, ...]:
    """The entries whose term or one of whose aliases occurs in ``text``, in glossary order."""
    return tuple(e for e in GLOSSARY if any(entry_pattern(w).search(text) for w in e.words))


def search(query: str) -> tuple[Entry, ...]:
    """Entries matching ``query``, best first: term or alias equal, then starting with it, then
    containing it, then definitions containing it. An empty query returns every entry."""
    q = query.strip().casefold()
    if not q:
        return GLOSSARY
    ranks: list[tuple[int, int, Entry]] = []
    for i, e in enumerate(GLOSSARY):
        words = [w.casefold() for w in e.words]
        if q in words:
            rank = 0
        elif any(w.startswith(q) for w in words):
            rank = 1
        elif any(q in w for w in words):
            rank = 2
        elif q in e.definition.casefold():
            rank = 3
        else:
            continue
        ranks.append((rank, i, e))
    return tuple(e for _rank, _i, e in sorted(ranks, key=lambda r: (r[0], r[1])))


def entries_for_lesson(lesson: str) -> tuple[Entry, ...]:
    """The entries taught in ``lesson`` (a stem of :data:`LESSON_TITLES`)."""
    if lesson not in LESSON_TITLES:
        raise ValueError(f"unknown lesson {lesson!r}; allowed: {', '.join(LESSON_TITLES)}")
    return tuple(e for e in GLOSSARY if e.lesson == lesson)


def all_source_keys() -> tuple[str, ...]:
    """Every source key the glossary cites (for validation)."""
    return tuple(dict.fromkeys(k for e in GLOSSARY for k in e.sources))
