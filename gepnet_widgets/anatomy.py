"""What GEP-NETs are: the neuroendocrine cell, where GEP-NETs arise, and the course's words.

Cited data, each statement with its source keys (resolved in
:data:`gepnet_widgets.sources.SOURCES`). Where the course's sources say nothing about a site,
the data say so instead of guessing (:data:`NOT_IN_SOURCES`).

* :data:`CELL_STEPS` and :data:`CELL_EXAMPLES` drive the step-through diagram of a
  neuroendocrine cell.
* :data:`SITE_INFO` holds, for each of the seven GEP sites of
  :data:`gepnet_widgets.staging.SITES`, what arises there, which hormone-producing cells live
  there, and typical behaviour; :func:`site_profile` adds the syndromes that arise there (from
  :mod:`gepnet_widgets.syndromes`) and the AJCC chapter (from :mod:`gepnet_widgets.staging`).
* :data:`TERMS` previews the words used in the rest of the course, with the lesson that teaches
  each.

Pure layer-1 module: no plotting, widget or IPython import.

Examples
--------
>>> cell_step(2).title
'The granules release hormone'
>>> site_profile("duodenum").syndromes
('gastrinoma', 'somatostatinoma')
"""

from __future__ import annotations

from dataclasses import dataclass

from .staging import SITES, site_label, site_tnm
from .syndromes import HORMONES, SYNDROMES, Statement, links_from

__all__ = [
    "CellStep",
    "CellExample",
    "CellType",
    "SiteInfo",
    "SiteProfile",
    "Term",
    "cell_step",
    "cell_example",
    "hormone_word",
    "site_info",
    "site_profile",
    "term",
    "all_source_keys",
    "readout_texts",
    "CELL_STEPS",
    "CELL_EXAMPLES",
    "CELL_TYPES",
    "SITE_INFO",
    "TERMS",
    "NOT_IN_SOURCES",
]

#: Shown where the course's sources say nothing about a site.
NOT_IN_SOURCES = "The course's sources say nothing specific about this here."


# --- the neuroendocrine cell, step by step -------------------------------------------------------


@dataclass(frozen=True)
class CellStep:
    """One step of the neuroendocrine-cell diagram: ``number`` (1-based), title and statement."""

    number: int
    title: str
    statement: Statement


CELL_STEPS: tuple[CellStep, ...] = (
    CellStep(1, "A signal arrives", Statement(
        "A neuroendocrine cell receives a signal: from nerves, and in the gut also from what "
        "passes through it, such as food and acid.",
        ("CCS_NES", "NCI_DICT_NET", "GUT_CELLS_TABLE"))),
    CellStep(2, "The granules release hormone", Statement(
        "The cell keeps its hormone in small packets (granules) and, when signalled, "
        "releases it into the blood; many gut cells also act on their neighbours.",
        ("RCC_GEPNET", "CCS_NES", "GUT_CELLS_TABLE"))),
    CellStep(3, "The hormone acts at a distance", Statement(
        "The hormone travels in the blood to cells elsewhere in the body (target cells), "
        "attaches to their receptors and changes what they do.", ("CCS_NES",))),
    CellStep(4, "Cells grow out of control: a NET", Statement(
        "A neuroendocrine tumour (NET) forms from these cells. Every NET is a cancer (a "
        "malignant tumour), though many grow slowly. It may make more hormone than normal, "
        "which can cause symptoms; most GEP-NETs, though, cause no hormone symptoms "
        "(non-functioning).", ("NCI_DICT_NET", "NET_MALIGNANT2017", "S2"))),
)


@dataclass(frozen=True)
class CellType:
    """A hormone-producing cell type of the digestive system.

    ``hormone`` is a key of :data:`gepnet_widgets.syndromes.HORMONES` when the cell makes one of
    the syndromes' hormones, else ``None`` (and ``hormone_name`` says what it makes).
    """

    id: str
    name: str
    hormone: str | None
    hormone_name: str
    statement: Statement


CELL_TYPES: dict[str, CellType] = {c.id: c for c in (
    CellType("ec", "EC (enterochromaffin) cells", "serotonin", "serotonin", Statement(
        "Small-intestine NETs arise from EC (enterochromaffin) cells, which mainly make "
        "serotonin (and vasoactive peptides).", ("RCC_GEPNET", "S1"))),
    CellType("ecl", "ECL (enterochromaffin-like) cells", None, "histamine", Statement(
        "In the stomach, the hormone gastrin stimulates the ECL (enterochromaffin-like) "
        "cells to release histamine; gastric NETs arise from these cells.", ("WALDUM2019",))),
    CellType("d", "D cells", "somatostatin", "somatostatin", Statement(
        "Duodenal D-cell tumours make somatostatin but rarely cause the somatostatinoma "
        "syndrome.", ("S1",))),
    CellType("islet", "Islet cells", None, "hormones such as insulin or glucagon", Statement(
        "The neuroendocrine cells of the pancreas are the islet cells: beta cells make insulin, "
        "alpha cells glucagon, delta cells somatostatin and PP cells pancreatic polypeptide. "
        "Pancreatic NETs are also called islet cell tumours, and their syndromes include "
        "insulinoma and glucagonoma.", ("CCS_NES", "GUT_CELLS_TABLE", "S2"))),
    CellType("g", "G cells", "gastrin", "gastrin", Statement(
        "G cells of the stomach and duodenum make gastrin; 70-80% of gastrinomas are in the "
        "duodenum.", ("GUT_CELLS_TABLE", "S18"))),
    CellType("ec_appendix", "EC (enterochromaffin) cells", "serotonin", "serotonin", Statement(
        "EC cells, which mainly make serotonin, are found along the whole gut, the appendix "
        "included; appendiceal NETs mostly come from them.", ("GUT_CELLS_TABLE", "RCA_APPENDIX"))),
    CellType("l", "L cells", None, "glucagon-like peptides (GLP-1) and peptide YY", Statement(
        "L cells make glucagon-like peptides and peptide YY and are most common in the rectum; "
        "in one large series 83.5% of rectal neuroendocrine neoplasms were of the L-cell "
        "type.", ("GUT_CELLS_TABLE", "SOHN2015"))),
)}


@dataclass(frozen=True)
class CellExample:
    """An example neuroendocrine cell for the diagram: where it is and what it makes."""

    id: str
    label: str
    cell_type: str | None
    site: str | None


CELL_EXAMPLES: dict[str, CellExample] = {e.id: e for e in (
    CellExample("any", "Any neuroendocrine cell", None, None),
    CellExample("ec", "An EC cell of the small intestine", "ec", "jejunum_ileum"),
    CellExample("ecl", "An ECL cell of the stomach", "ecl", "stomach"),
    CellExample("d", "A D cell of the duodenum", "d", "duodenum"),
    CellExample("islet", "An islet cell of the pancreas", "islet", "pancreas"),
)}


def _lookup(table: dict, key: object, what: str):
    try:
        return table[key]
    except (KeyError, TypeError):
        allowed = ", ".join(str(k) for k in table)
        raise ValueError(f"unknown {what} {key!r}; allowed: {allowed}") from None


def cell_step(number: int) -> CellStep:
    """Return step ``number`` (1 to 4) of the neuroendocrine-cell diagram."""
    return _lookup({s.number: s for s in CELL_STEPS}, number, "cell step")


def cell_example(example_id: str) -> CellExample:
    """Return the example cell ``example_id``; ValueError lists the allowed ids."""
    return _lookup(CELL_EXAMPLES, example_id, "cell example")


def hormone_word(example_id: str) -> str:
    """What the example cell releases, in a short phrase (``"hormone"`` for the generic cell)."""
    example = cell_example(example_id)
    if example.cell_type is None:
        return "hormone"
    return CELL_TYPES[example.cell_type].hormone_name


# --- where GEP-NETs arise -----------------------------------------------------------------------


@dataclass(frozen=True)
class SiteInfo:
    """What the course's sources say about one GEP site.

    Attributes
    ----------
    site : str
        A key of :data:`gepnet_widgets.staging.SITES`.
    arises : tuple of Statement
        What arises there.
    cells : tuple of str
        Keys of :data:`CELL_TYPES` living there (empty where the sources say nothing).
    behaviour : tuple of Statement
        Typical behaviour and handling.
    """

    site: str
    arises: tuple[Statement, ...]
    cells: tuple[str, ...]
    behaviour: tuple[Statement, ...]


_SITE_INFO = (
    SiteInfo(
        "stomach",
        arises=(
            Statement("Gastric NETs come in three types. Type I is the most common: it grows "
                      "with chronic atrophic gastritis and high gastrin, and is multifocal, "
                      "small and indolent. Type II is the least common (high gastrin from MEN1 "
                      "with Zollinger-Ellison syndrome). Type III is sporadic, with normal "
                      "gastrin, aggressive and often metastatic.", ("S1",)),
        ),
        cells=("ecl",),
        behaviour=(
            Statement("Type I spreads (metastasises) in fewer than 10%; type II more often "
                      "(about 10-30% in a 2022 review); type III is often metastatic.",
                      ("S1", "WJG2022_GASTRIC")),
            Statement("Small type I tumours (under 1 cm) can be removed through the "
                      "endoscope.", ("S1",)),
        ),
    ),
    SiteInfo(
        "duodenum",
        arises=(
            Statement("70-80% of gastrinomas (Zollinger-Ellison syndrome) are in the "
                      "duodenum.", ("S18",)),
            Statement("Duodenal D-cell tumours make somatostatin but rarely cause the "
                      "syndrome.", ("S1",)),
        ),
        cells=("g", "d"),
        behaviour=(
            Statement("Tumours under 1 cm can be removed through the endoscope; 1-2 cm ones by "
                      "a full-thickness local excision after endoscopic ultrasound.", ("S1",)),
        ),
    ),
    SiteInfo(
        "ampulla",
        arises=(
            Statement("Somatostatin-making tumours around the ampulla, up to half of them in "
                      "people with the inherited syndrome NF1.", ("S1",)),
        ),
        cells=("d",),
        behaviour=(
            Statement("T1 here means 1 cm or smaller and confined within the sphincter of "
                      "Oddi, the muscle ring of the ampulla.", ("S1",)),
        ),
    ),
    SiteInfo(
        "jejunum_ileum",
        arises=(
            Statement("Small-intestine (midgut) NETs; carcinoid syndrome comes mainly from "
                      "these once they have spread to the liver.", ("S1",)),
        ),
        cells=("ec",),
        behaviour=(
            Statement("Multiple tumours are common: up to about 40% are multifocal.", ("S1",)),
            Statement("The only GEP site with N2: 12 or more positive nodes, or a mesenteric "
                      "mass larger than 2 cm.", ("S1",)),
            Statement("Surgery removes the tumour with the mesenteric lymph nodes.", ("S1",)),
        ),
    ),
    SiteInfo(
        "appendix",
        arises=(
            Statement("Appendiceal NETs. Goblet-cell tumours of the appendix are not staged as "
                      "NETs (they use appendix carcinoma staging).", ("S3",)),
        ),
        cells=("ec_appendix",),
        behaviour=(
            Statement("T1 and T2 are decided by size alone (T1: 2 cm or smaller).", ("S1",)),
            Statement("2 cm or smaller: removing the appendix; larger than 2 cm: a right "
                      "hemicolectomy.", ("S1",)),
            Statement("Most are localised when found; for a small, localised, low-grade "
                      "tumour, further blood tests and scans are not routinely needed.",
                      ("ALEXANDRAKI2016",), unverified=True),
        ),
    ),
    SiteInfo(
        "colon_rectum",
        arises=(
            Statement("Colorectal NETs; rectal NETs are found at colonoscopy.", ("S1",)),
        ),
        cells=("l",),
        behaviour=(
            Statement("Rectal NETs under 1 cm can be removed through the endoscope; larger "
                      "than 2 cm, or into the muscle layer, need a bowel resection; 1-2 cm is "
                      "debated (31% had lymph-node metastases in one series).", ("S1",)),
            Statement("Endoscopic ultrasound stages colorectal NETs with about 90% "
                      "accuracy.", ("S1",)),
        ),
    ),
    SiteInfo(
        "pancreas",
        arises=(
            Statement("Pancreatic NETs (islet cell tumours). Most are non-functioning and are "
                      "found because of their size, their spread or by chance.", ("S2",)),
        ),
        cells=("islet",),
        behaviour=(
            Statement("Small (2 cm or less), incidental, non-functioning, low-grade pancreatic "
                      "NETs may be watched rather than removed; 1-2 cm ones still carry a risk "
                      "of nodal spread.", ("S8", "S29")),
            Statement("T depends on size and on invasion of neighbouring organs: the pancreas "
                      "has no wall layers.", ("S2",)),
        ),
    ),
)
#: What the sources say about each GEP site, by site key.
SITE_INFO: dict[str, SiteInfo] = {s.site: s for s in _SITE_INFO}


@dataclass(frozen=True)
class SiteProfile:
    """Everything the site map shows for one site (the info plus linked data)."""

    site: str
    label: str
    info: SiteInfo
    cell_types: tuple[CellType, ...]
    syndromes: tuple[str, ...]
    chapter: str  #: the AJCC 8th edition's chapter (Version 9 chapter numbers are not used)

    @property
    def staging_note(self) -> str:
        """Which staging editions apply, in words (both named; the 8th's chapter number)."""
        return (f"Staged with AJCC Version 9 (US reports of cases diagnosed from 2024) or the "
                f"AJCC 8th edition ({self.chapter} of the 8th); lesson 3 compares them.")


def site_info(site: str) -> SiteInfo:
    """Return the cited information on ``site``; ValueError lists the allowed sites."""
    return _lookup(SITE_INFO, site, "site")


def site_profile(site: str) -> SiteProfile:
    """Return what the site map shows for ``site``.

    Parameters
    ----------
    site : str
        A key of :data:`gepnet_widgets.staging.SITES`.

    Returns
    -------
    SiteProfile
        The cited info, the cell types, the syndromes that usually arise there (from
        :func:`gepnet_widgets.syndromes.links_from`) and the AJCC 8th chapter (see
        :attr:`SiteProfile.staging_note` for the editions in words).
    """
    info = site_info(site)
    syndromes = links_from("site", site).syndromes if any(
        site in s.places for s in SYNDROMES.values()) else ()
    return SiteProfile(
        site=site,
        label=site_label(site),
        info=info,
        cell_types=tuple(CELL_TYPES[c] for c in info.cells),
        syndromes=syndromes,
        chapter=site_tnm(site, "ajcc8").chapter,
    )


# --- the course's words ---------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """A word used in the rest of the course, in plain language, with the lesson that teaches it."""

    id: str
    word: str
    plain: str
    lesson: str
    lesson_title: str
    sources: tuple[str, ...]


TERMS: dict[str, Term] = {t.id: t for t in (
    Term("stage", "Stage",
         "How far the tumour has spread: T (the tumour itself), N (the nearby lymph nodes) and M "
         "(distant spread), combined into stage groups I to IV by the AJCC staging system: "
         "Version 9 for US reports of cases diagnosed from 2024, the 8th edition (2017) in "
         "older reports.",
         "03_tnm_staging.ipynb", "Staging a GEP-NET with TNM", ("S11", "S5", "AJCC8", "S1")),
    Term("grade", "Grade",
         "How many of the tumour cells are dividing, from the Ki-67 index and the mitotic "
         "count: G1, G2 or G3 in the WHO 2019 classification.",
         "04_grade_and_differentiation.ipynb", "Grade and differentiation", ("S9",)),
    Term("differentiation", "Differentiation",
         "How much the tumour cells still resemble the gut's own neuroendocrine cells. "
         "Well-differentiated tumours are NETs; poorly differentiated ones are neuroendocrine "
         "carcinomas (NEC), which are high grade by definition.",
         "04_grade_and_differentiation.ipynb", "Grade and differentiation", ("S23", "S9")),
    Term("functional", "Functional (functioning)",
         "A functioning tumour makes a hormone in excess that causes symptoms (a syndrome), "
         "proven by tests. Most GEP-NETs are non-functioning.",
         "05_functional_vs_nonfunctional.ipynb", "Functional and non-functional GEP-NETs",
         ("S16", "S2")),
)}


def term(term_id: str) -> Term:
    """Return the term ``term_id``; ValueError lists the allowed ids."""
    return _lookup(TERMS, term_id, "term")


def readout_texts() -> tuple[str, ...]:
    """Every sentence of this module's data that a learner can read (for wording checks)."""
    texts = [s.statement.text for s in CELL_STEPS] + [NOT_IN_SOURCES]
    texts += [c.statement.text for c in CELL_TYPES.values()]
    for info in SITE_INFO.values():
        texts += [s.text for s in (*info.arises, *info.behaviour)]
    texts += [t.plain for t in TERMS.values()]
    texts += [site_profile(site).staging_note for site in SITE_INFO]
    return tuple(texts)


def all_source_keys() -> tuple[str, ...]:
    """Every source key cited anywhere in this module's data (for validation)."""
    groups = [s.statement.sources for s in CELL_STEPS]
    groups += [c.statement.sources for c in CELL_TYPES.values()]
    for info in SITE_INFO.values():
        groups += [s.sources for s in (*info.arises, *info.behaviour)]
    groups += [t.sources for t in TERMS.values()]
    keys: list[str] = []
    for group in groups:
        keys.extend(k for k in group if k not in keys)
    return tuple(keys)


def _check_links() -> None:
    """Fail at import on a dangling id (site, cell type, hormone)."""
    for info in SITE_INFO.values():
        if info.site not in SITES:
            raise ValueError(f"unknown site {info.site!r}; allowed: {', '.join(SITES)}")
        for c in info.cells:
            _lookup(CELL_TYPES, c, "cell type")
    for c in CELL_TYPES.values():
        if c.hormone is not None:
            _lookup(HORMONES, c.hormone, "hormone")
    for e in CELL_EXAMPLES.values():
        if e.cell_type is not None:
            _lookup(CELL_TYPES, e.cell_type, "cell type")
        if e.site is not None and e.site not in SITES:
            raise ValueError(f"unknown site {e.site!r}")


_check_links()
