"""The bibliography: every fact the package shows cites one of these keys.

Keys follow the project fact base (``shared/reference/gepnet-facts.md``, section 7), so a reviewer
can trace any number from a widget back to the fact base and from there to the primary source.
Pure data: no widget or plotting import.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Source", "SOURCES", "cite", "AJCC8", "WHO2019"]


@dataclass(frozen=True)
class Source:
    """One cited work.

    Attributes
    ----------
    key: short key used in data (``"S1"``).
    short: how a learner sees it inline (``"NCI PDQ GI NETs, 2025"``).
    full: the full reference.
    year: year of the edition used.
    """

    key: str
    short: str
    full: str
    year: int


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
