"""WHO grading of gastroenteropancreatic neuroendocrine neoplasms (pure logic, cited data).

Edition used: **WHO 2019**, *Digestive System Tumours*, 5th edition (IARC 2019), which applies
to the GI tract and pancreas, as published in Nagtegaal et al. 2020 [NAGTEGAAL2020] and
reproduced in [S9, S8]. NCCN v3.2025 and reviews give the same GEP-NET cut-offs for **WHO 2022**
(*Endocrine and Neuroendocrine Tumours*, 5th ed.; Rindi et al. 2022 [RINDI2022]); the 2022 paper
itself could not be read, so that statement is shown at the level "not yet checked against the
original" (see :data:`WHO_2022_NOTE`).

Learner-facing strings here never contain a source key: every result carries its keys in a
``sources`` tuple, and widgets render them in words with
:func:`gepnet_widgets.widgets.citations.sources_html`.

The grade is read from one table, :data:`WHO_2019_TABLE` (category, Ki-67 band, mitosis band,
source keys), never from a copied if-chain:

==========  ===============  ============  =========
Category    Differentiation  Mitoses/2mm²  Ki-67
==========  ===============  ============  =========
NET G1      well             <2            <3%
NET G2      well             2-20          3-20%
NET G3      well             >20           >20%
NEC         poor             (not graded: high grade by definition)
==========  ===============  ============  =========

Readings of the fact base's ambiguity register (section 8) used here:

* **Rounding (8.8)**: WHO gives no rounding rule, so values are used unrounded (2.96% is G1).
  A flag is raised when rounding Ki-67 to a whole percent would change the grade.
* **One index only (8.9)**: the grade comes from the index that was measured; a mitosis-only
  grade is flagged as provisional, a Ki-67-only grade is flagged because a mitotic count could
  raise it (the higher index wins).
* **Morphology/proliferation mismatch (8.10)**: the stated differentiation is followed, and the
  mismatch is flagged for review (see :data:`VERY_HIGH_KI67_PERCENT` for the threshold).
* **Poorly differentiated with neither index measured**: allowed, because NEC is a morphological
  diagnosis and is not graded [S8, S9].

MiNEN (mixed neuroendocrine and non-neuroendocrine neoplasm) is not a grade and is not returned
by :func:`who_grade`: each component is graded separately when feasible [S8].

Pure logic: no plotting, widget or IPython import.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from statistics import NormalDist

__all__ = [
    "DIFFERENTIATIONS",
    "GRADING_SOURCE",
    "GRADING_SOURCES",
    "HAND_COUNT_NOTE",
    "HAND_COUNT_SOURCES",
    "MALIGNANCY_NOTE",
    "MALIGNANCY_SOURCES",
    "MINEN_NOTE",
    "MINEN_SOURCES",
    "NEC_TYPES_NOTE",
    "NEC_TYPES_SOURCES",
    "KI67_CUTOFFS",
    "MITOSIS_COUNT_AREA_MM2",
    "MITOSIS_CUTOFFS",
    "MITOSIS_FIELDS",
    "MITOSIS_FIELD_AREA_MM2",
    "VERY_HIGH_KI67_PERCENT",
    "VERY_HIGH_KI67_REASON",
    "VERY_HIGH_KI67_SOURCES",
    "WHO_2019_TABLE",
    "WHO_2022_NOTE",
    "WHO_2022_SOURCES",
    "WHO_MIN_CELLS",
    "WHO_SCHEME_CHANGES",
    "WHO_2010_G1_MAX",
    "WHO_2010_G2_MIN",
    "WHO_2010_NEC_CUTOFF",
    "WHO_2010_UNIT_NOTE",
    "Who2010Reading",
    "Band",
    "GradeResult",
    "GradeRow",
    "SchemeChange",
    "ki67_confidence_interval",
    "ki67_grade",
    "ki67_index",
    "mitoses_per_2mm2",
    "mitotic_grade",
    "rounding_sources",
    "very_high_sources",
    "who_2010_reading",
    "who_grade",
]

# --------------------------------------------------------------------------------------------
# Cited constants
# --------------------------------------------------------------------------------------------

#: Ki-67 cut-offs in percent: G1 <3, G2 3-20 (both ends included), G3 >20 [S9, S8].
KI67_CUTOFFS: tuple[float, float] = (3.0, 20.0)
#: Mitotic cut-offs per 2 mm²: G1 <2, G2 2-20 (both ends included), G3 >20 [S9, S8].
MITOSIS_CUTOFFS: tuple[float, float] = (2.0, 20.0)
#: Ki-67 is counted in the hot spot(s) on at least this many tumour cells [S9, S8].
WHO_MIN_CELLS: int = 500
#: Mitoses are counted in 50 fields of 0.2 mm² (10 mm²) and expressed per 2 mm² [S9].
MITOSIS_FIELDS: int = 50
MITOSIS_FIELD_AREA_MM2: float = 0.2
MITOSIS_COUNT_AREA_MM2: float = 10.0
#: The two differentiation words :func:`who_grade` accepts.
DIFFERENTIATIONS: tuple[str, str] = ("well", "poor")

#: How explanation lines name the grading scheme (the sources travel in ``sources``).
_WHO = "WHO 2019 (5th ed.)"

#: Source keys of the WHO 2019 grading table and counting rules.
GRADING_SOURCES: tuple[str, ...] = ("NAGTEGAAL2020", "S9", "S8")

#: The grading scheme in words, for a widget footer (sources: :data:`GRADING_SOURCES`).
GRADING_SOURCE: str = (
    "Grades follow the WHO Classification of Tumours, Digestive System Tumours, 5th edition "
    "(WHO 2019), for neuroendocrine neoplasms of the digestive tract and pancreas."
)

#: What is known about WHO 2022 (fact base section 2.2); shown with level "unverified".
WHO_2022_NOTE: str = (
    "WHO 2022 (Endocrine and Neuroendocrine Tumours, 5th ed.) keeps the split into NET (well "
    "differentiated) and NEC (poorly differentiated). NCCN (v3.2025) and reviews of the "
    "2022 classification give the same cut-offs for GEP-NETs as WHO 2019 (Ki-67 <3 / 3-20 / "
    ">20%; mitoses <2 / 2-20 / >20 per 2 mm²)."
)
#: Source keys of :data:`WHO_2022_NOTE` (show it with ``level="unverified"``).
WHO_2022_SOURCES: tuple[str, ...] = ("RINDI2022", "S8", "S15")

#: NETs are cancers too; NET vs NEC is about differentiation (fact base 9.12).
MALIGNANCY_NOTE: str = (
    "Every NET, of any grade, is a cancer (a malignant tumour): it can spread, even if it often "
    "grows slowly. NET or NEC is a question of differentiation, not of cancer or not cancer. A "
    "NEC is a carcinoma: a poorly differentiated, high-grade cancer of epithelial cells."
)
#: Source keys of :data:`MALIGNANCY_NOTE`.
MALIGNANCY_SOURCES: tuple[str, ...] = ("NEN_TERMS2024", "PO_PANNEC")

#: Small-cell vs large-cell NEC, and the stains that help (fact base 9.19, checked).
NEC_TYPES_NOTE: str = (
    "A small-cell NEC is made of small cells with dark nuclei and very little cytoplasm, whose "
    "nuclei press into one another (moulding). A large-cell NEC has larger cells with more "
    "cytoplasm and prominent nucleoli. Both are poorly differentiated and often show areas of "
    "dead tumour (necrosis). These are tendencies, not absolute rules: a large-cell NEC can keep "
    "an organised pattern (nests and ribbons), and NET G3 and NEC share features that differ "
    "only in how often they appear. When the look is unclear, stains for p53 and Rb help: Rb "
    "is usually kept in a NET G3 and often lost in a NEC."
)
#: Source keys of :data:`NEC_TYPES_NOTE` (fact base 9.19; organised patterns in NEC:
#: WEBPATH_GINEC, KIM2020_HGPANNEN).
NEC_TYPES_SOURCES: tuple[str, ...] = ("PO_PANNEC", "NEC_SUBTYPES2014", "S8", "WEBPATH_GINEC",
                                      "KIM2020_HGPANNEN")

#: Counting by hand near a cut-off (CAP advice, fact base 9.15).
HAND_COUNT_NOTE: str = (
    "Near a cut-off, the College of American Pathologists (CAP) advises counting the hot spot "
    "by hand on a printed or camera image rather than estimating by eye. That makes the count "
    "of those cells more accurate; it does not remove the chance difference between one field "
    "of cells and another."
)
#: Source keys of :data:`HAND_COUNT_NOTE` (the CAP note as reproduced).
HAND_COUNT_SOURCES: tuple[str, ...] = ("S9",)

#: MiNEN: mixed tumours, each part at least 30% (fact base 2.1, ambiguity 8.11).
MINEN_NOTE: str = (
    "A MiNEN (mixed neuroendocrine and non-neuroendocrine neoplasm) has a neuroendocrine part "
    "and a non-neuroendocrine part (usually an adenocarcinoma), each making up at least 30% of "
    "the tumour (some reviews write 'more than 30%'). It is not a grade: each part is graded "
    "separately when possible."
)
#: Source keys of :data:`MINEN_NOTE`.
MINEN_SOURCES: tuple[str, ...] = ("S14", "NAGTEGAAL2020", "S8")

#: A well-differentiated tumour with Ki-67 above this (percent) is flagged for review.
VERY_HIGH_KI67_PERCENT: float = 55.0
#: Why :data:`VERY_HIGH_KI67_PERCENT` is 55, in a learner's words (fact base 8.10 and 9.23).
VERY_HIGH_KI67_REASON: str = (
    "55% is not a pathology rule: the WHO sets no upper limit for NET G3. It is a prompt for "
    "review borrowed from trials. NETTER-2 enrolled well-differentiated G3 tumours only up to a "
    "Ki-67 of 55%, and in NORDIC NEC, NECs with a Ki-67 below 55% responded less to "
    "platinum-etoposide chemotherapy but lived longer. A well-differentiated tumour above 55% is "
    "outside the range studied there, so the tool suggests a second look at the "
    "differentiation; 55% itself is not flagged."
)
#: Source keys of :data:`VERY_HIGH_KI67_REASON`.
VERY_HIGH_KI67_SOURCES: tuple[str, ...] = ("S38", "S45")

# --------------------------------------------------------------------------------------------
# The WHO 2019 table (one table, cited)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Band:
    """An interval of an index, with its table text.

    Attributes
    ----------
    lower, upper : float or None
        Ends of the interval (``None``: unbounded on that side).
    lower_closed, upper_closed : bool
        Whether each end is included.
    text : str
        As printed in the WHO table (``"3-20%"``).
    phrase : str
        Plain words for an explanation (``"within 3-20%"``).
    """

    lower: float | None
    upper: float | None
    lower_closed: bool
    upper_closed: bool
    text: str
    phrase: str

    def contains(self, value: float) -> bool:
        """Return whether ``value`` lies in the band (exact comparison, no rounding)."""
        if self.lower is not None and (
            value < self.lower or (value == self.lower and not self.lower_closed)
        ):
            return False
        return (
            self.upper is None or value < self.upper or (value == self.upper and self.upper_closed)
        )


def _bands(cutoffs: tuple[float, float], unit: str) -> tuple[Band, Band, Band]:
    """Build the low / middle / high bands ``<a``, ``a-b`` (closed), ``>b`` for two cut-offs."""
    a, b = (f"{c:g}" for c in cutoffs)
    return (
        Band(None, cutoffs[0], True, False, f"<{a}{unit}", f"below {a}{unit}"),
        Band(cutoffs[0], cutoffs[1], True, True, f"{a}-{b}{unit}", f"within {a}-{b}{unit}"),
        Band(cutoffs[1], None, False, True, f">{b}{unit}", f"above {b}{unit}"),
    )


_KI67_BANDS = _bands(KI67_CUTOFFS, "%")
_MITOSIS_BANDS = _bands(MITOSIS_CUTOFFS, "")


@dataclass(frozen=True)
class GradeRow:
    """One row of the WHO 2019 table.

    Attributes
    ----------
    category : str
        What :func:`who_grade` returns for this row (``"NET G2"``, ``"NEC"``).
    label : str
        Display text for a lesson table.
    differentiation : str
        ``"well"`` or ``"poor"``.
    grade : str or None
        ``"G1"``, ``"G2"``, ``"G3"``; ``None`` for NEC (not graded).
    level : str
        Low / intermediate / high, as in the table.
    ki67, mitoses : Band
        The Ki-67 (percent) and mitotic (per 2 mm²) bands.
    sources : tuple of str
        Source keys (``sources.SOURCES``).
    note : str
        Extra wording for the lesson table (empty if none).
    """

    category: str
    label: str
    differentiation: str
    grade: str | None
    level: str
    ki67: Band
    mitoses: Band
    sources: tuple[str, ...]
    note: str = ""


#: WHO 2019 (Digestive System Tumours, 5th ed.) grading table for GEP-NENs [S9, S8].
WHO_2019_TABLE: tuple[GradeRow, ...] = (
    GradeRow(
        "NET G1", "NET G1", "well", "G1", "low", _KI67_BANDS[0], _MITOSIS_BANDS[0], GRADING_SOURCES
    ),
    GradeRow(
        "NET G2",
        "NET G2",
        "well",
        "G2",
        "intermediate",
        _KI67_BANDS[1],
        _MITOSIS_BANDS[1],
        GRADING_SOURCES,
    ),
    GradeRow(
        "NET G3", "NET G3", "well", "G3", "high", _KI67_BANDS[2], _MITOSIS_BANDS[2],
        GRADING_SOURCES,
    ),
    GradeRow(
        "NEC",
        "NEC, small-cell (SCNEC) or large-cell (LCNEC) type",
        "poor",
        None,
        "high (by definition)",
        _KI67_BANDS[2],
        _MITOSIS_BANDS[2],
        GRADING_SOURCES,
        "NEC is not graded; it is high grade by definition. NET G3 and NEC are separated by "
        "morphology (differentiation), not by the numbers. Both are cancers: a NEC is a "
        "carcinoma, and a NET G3 is a malignant tumour that is well differentiated.",
    ),
)

_GRADE_RANK = {"G1": 1, "G2": 2, "G3": 3}
_NET_ROWS = tuple(row for row in WHO_2019_TABLE if row.differentiation == "well")
_NEC_ROW = next(row for row in WHO_2019_TABLE if row.category == "NEC")

# --------------------------------------------------------------------------------------------
# WHO 2010 vs WHO 2017/2019 (fact base section 2.3)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SchemeChange:
    """One thing that changed between WHO 2010 and WHO 2017 (pancreas) / 2019 (digestive).

    Attributes
    ----------
    aspect : str
        What is compared.
    who_2010 : str
        The WHO 2010 scheme.
    who_2017_2019 : str
        The WHO 2017 / 2019 scheme.
    why : str
        The problem it fixed, in plain words.
    sources : tuple of str
        Source keys.
    """

    aspect: str
    who_2010: str
    who_2017_2019: str
    why: str
    sources: tuple[str, ...]


#: What changed from WHO 2010 to WHO 2017/2019, for a lesson table [S10, S15, S9].
WHO_SCHEME_CHANGES: tuple[SchemeChange, ...] = (
    SchemeChange(
        "Well-differentiated tumour with Ki-67 >20%",
        "Called NEC G3: every tumour with Ki-67 >20% was a neuroendocrine carcinoma",
        "NET G3: introduced for the pancreas in WHO 2017 and for the whole digestive tract in "
        "WHO 2019",
        "WHO 2010 lumped well-differentiated high-grade tumours with true carcinomas",
        ("S10", "S15"),
    ),
    SchemeChange(
        "Neuroendocrine carcinoma (NEC)",
        "NEC G3: Ki-67 >20%, >20 mitoses/10 HPF, small or large cell",
        "NEC: poorly differentiated morphology, not graded (high grade by definition); separated "
        "from NET G3 by morphology, not by the numbers",
        "A high index alone no longer makes a carcinoma",
        ("S10", "S9", "S8"),
    ),
    SchemeChange(
        "Ki-67 for G1",
        "≤2% (G2 started at 3%, leaving a gap between 2% and 3%)",
        "<3% (no gap: G2 is 3-20%)",
        "Closed the 2-3% gap (one published copy of the WHO 2017 table prints '<2' for G1, "
        "apparently a misprint; WHO 2019 reads <3%)",
        ("S10", "S15", "NAGTEGAAL2020", "S9"),
    ),
    SchemeChange(
        "Mitotic count unit",
        "Per 10 high-power fields (HPF): <2, 2-20, >20 per 10 HPF",
        "Per 2 mm² (WHO 2019): <2, 2-20, >20 per 2 mm², from 50 fields of 0.2 mm² (10 mm²) "
        "divided by 5",
        "A high-power field has no fixed area; a count per area is comparable between microscopes",
        ("S10", "S9"),
    ),
    SchemeChange(
        "Mixed tumours",
        "MANEC (mixed adeno-neuroendocrine carcinoma)",
        "MiNEN (mixed neuroendocrine and non-neuroendocrine neoplasm), each part at least 30%",
        "The new term covers mixed tumours whatever the non-neuroendocrine component",
        ("S10", "S15", "S14"),
    ),
)

# --------------------------------------------------------------------------------------------
# Input checks
# --------------------------------------------------------------------------------------------


def _real(value: object, name: str, allowed: str) -> float:
    """Return ``value`` as a finite float, or raise ValueError naming it and what is allowed."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a number ({allowed}); got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number ({allowed}); got {value!r}")
    return number


def _check_ki67(value: object) -> float:
    allowed = "a percentage from 0 to 100"
    number = _real(value, "Ki-67", allowed)
    if not 0.0 <= number <= 100.0:
        raise ValueError(f"Ki-67 must be {allowed}; got {value!r}")
    return number


def _check_mitoses(value: object) -> float:
    allowed = "mitoses per 2 mm², 0 or more"
    number = _real(value, "Mitotic count", allowed)
    if number < 0.0:
        raise ValueError(f"Mitotic count must be {allowed}; got {value!r}")
    return number


def _check_differentiation(value: object) -> str:
    if not isinstance(value, str) or value not in DIFFERENTIATIONS:
        raise ValueError(
            f"differentiation must be one of {', '.join(map(repr, DIFFERENTIATIONS))}; "
            f"got {value!r}"
        )
    return value


def _whole(value: object, name: str, minimum: int) -> int:
    """Return ``value`` as an int >= ``minimum``, or raise ValueError naming it."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be a whole number (int) of {minimum} or more; got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be a whole number of {minimum} or more; got {value!r}")
    return int(value)


# --------------------------------------------------------------------------------------------
# Per-index grades
# --------------------------------------------------------------------------------------------


def _row_for(value: float, index: str) -> GradeRow:
    """Return the NET row whose band (for ``index``: ``"ki67"`` or ``"mitoses"``) holds value."""
    return next(row for row in _NET_ROWS if getattr(row, index).contains(value))


def ki67_grade(ki67_percent: float) -> str:
    """Return the WHO 2019 grade (``"G1"``, ``"G2"``, ``"G3"``) for a Ki-67 index alone.

    Parameters
    ----------
    ki67_percent : float
        Ki-67 labelling index in percent, 0-100; compared unrounded (2.96 is G1).

    Returns
    -------
    str
        The grade band the index falls in [S9, S8].

    Raises
    ------
    ValueError
        If the value is not a finite number from 0 to 100.
    """
    return _row_for(_check_ki67(ki67_percent), "ki67").grade  # type: ignore[return-value]


def mitotic_grade(mitoses_per_2mm2: float) -> str:
    """Return the WHO 2019 grade (``"G1"``, ``"G2"``, ``"G3"``) for a mitotic count alone.

    Parameters
    ----------
    mitoses_per_2mm2 : float
        Mitoses per 2 mm², 0 or more (may be fractional, e.g. 20.4 is G3).

    Returns
    -------
    str
        The grade band the count falls in [S9, S8].

    Raises
    ------
    ValueError
        If the value is not a finite number of 0 or more.
    """
    return _row_for(_check_mitoses(mitoses_per_2mm2), "mitoses").grade  # type: ignore[return-value]


# --------------------------------------------------------------------------------------------
# who_grade
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GradeResult:
    """The outcome of :func:`who_grade` (immutable).

    Attributes
    ----------
    category : str
        ``"NET G1"``, ``"NET G2"``, ``"NET G3"`` or ``"NEC"``.
    grade : str or None
        ``"G1"``, ``"G2"``, ``"G3"``; ``None`` for NEC (not graded).
    explanation : str
        One line per rule that fired, in plain words, with the source.
    flags : tuple of str
        What a pathologist would double-check (empty if nothing).
    ki67_grade, mitotic_grade : str or None
        The band each measured index falls in (``None``: not measured). For NEC they are shown
        for teaching but do not decide the category.
    deciding_index : str or None
        ``"ki67"``, ``"mitoses"``, ``"both"`` (they agree); ``None`` for NEC.
    ki67_percent, mitoses_per_2mm2 : float or None
        The inputs, as floats.
    differentiation : str
        ``"well"`` or ``"poor"``.
    row : GradeRow
        The matching row of :data:`WHO_2019_TABLE`.
    sources : tuple of str
        Source keys behind the result.
    """

    category: str
    grade: str | None
    explanation: str
    flags: tuple[str, ...]
    ki67_grade: str | None
    mitotic_grade: str | None
    deciding_index: str | None
    ki67_percent: float | None
    mitoses_per_2mm2: float | None
    differentiation: str
    row: GradeRow
    sources: tuple[str, ...]

    @property
    def explanation_lines(self) -> tuple[str, ...]:
        """The explanation, one rule per item."""
        return tuple(self.explanation.splitlines())


def _fmt(value: float, bands: tuple[Band, ...]) -> str:
    """Format a number with 1-3 decimals, never rounding it across a band edge."""
    for decimals in (1, 2, 3):
        text = f"{value:.{decimals}f}"
        if float(text) == value:
            return text
    text = f"{value:.3f}"
    same_band = all(band.contains(value) == band.contains(float(text)) for band in bands)
    return text if same_band else repr(value)


def _deciding(ki67: str | None, mitoses: str | None) -> str:
    if mitoses is None:
        return "ki67"
    if ki67 is None:
        return "mitoses"
    if ki67 == mitoses:
        return "both"
    return "ki67" if _GRADE_RANK[ki67] > _GRADE_RANK[mitoses] else "mitoses"


def _combine_line(ki67: str | None, mitoses: str | None, grade: str) -> str:
    if ki67 is None:
        return f"Ki-67 not measured: the mitotic count alone decides, so {grade}"
    if mitoses is None:
        return f"Mitoses not counted: Ki-67 alone decides, so {grade}"
    if ki67 == mitoses:
        return f"Both indices give {grade}, so {grade}"
    return (
        f"The indices disagree (Ki-67 {ki67}, mitoses {mitoses}): the higher grade wins, "
        f"so {grade}; {_WHO}"
    )


def _one_index_flags(ki67: float | None, mitoses: float | None) -> list[str]:
    if ki67 is None:
        return [
            "Only mitoses counted: a mitosis-only grade is provisional; a Ki-67 index "
            f"(hot spot, at least {WHO_MIN_CELLS} cells) would complete it"
        ]
    if mitoses is None:
        return [
            "Only Ki-67 measured: the grade rests on one index; the higher of the two indices "
            "decides, so a mitotic count could raise it"
        ]
    return []


def _rounding_flag(ki67: float) -> list[str]:
    """Flag Ki-67 values whose grade would change if rounded to a whole percent."""
    rounded = min(math.floor(ki67 + 0.5), 100)
    strict, as_rounded = _row_for(ki67, "ki67").grade, _row_for(rounded, "ki67").grade
    if strict == as_rounded:
        return []
    return [
        f"Ki-67 {_fmt(ki67, _KI67_BANDS)}% is near a cut-off: rounded to {rounded}% it would be "
        f"{as_rounded}, unrounded it is {strict}. WHO gives no rounding rule, so the unrounded "
        "value is used. Counting the hot spot by hand on a printed or camera image (CAP "
        "advice) makes that count more accurate, but another field could still read "
        "differently by chance"
    ]


def _very_high_flag(ki67: float) -> list[str]:
    if ki67 <= VERY_HIGH_KI67_PERCENT:
        return []
    return [
        f"Well differentiated but Ki-67 {_fmt(ki67, _KI67_BANDS)}% is above "
        f"{VERY_HIGH_KI67_PERCENT:g}%, a prompt for review borrowed from trials (NETTER-2, "
        "NORDIC NEC), not a pathology criterion: morphology and proliferation may disagree, so "
        "a pathologist may look again at the differentiation (p53 and Rb stains can help "
        "separate NET G3 from NEC). The stated differentiation is followed: NET G3"
    ]


def rounding_sources(rounding: list[str]) -> tuple[str, ...]:
    """The sources of the rounding flag (the CAP hand-count note), if it fired."""
    return HAND_COUNT_SOURCES if rounding else ()


def very_high_sources(very_high: list[str]) -> tuple[str, ...]:
    """The sources of the very-high-Ki-67 flag (two trials and the p53/Rb note), if it fired."""
    return (*VERY_HIGH_KI67_SOURCES, "NEC_SUBTYPES2014") if very_high else ()


def _band_for(value: float, index: str) -> Band:
    """Return the band of ``index`` (``"ki67"`` or ``"mitoses"``) that holds ``value``."""
    return getattr(_row_for(value, index), index)


def _index_lines(ki67: float | None, mitoses: float | None) -> list[str]:
    """Explain each measured index: ``"Ki-67 18.0% is within 3-20%: G2; WHO 2019 ..."``."""
    lines = []
    if ki67 is not None:
        band, grade = _band_for(ki67, "ki67"), _row_for(ki67, "ki67").grade
        lines.append(f"Ki-67 {_fmt(ki67, _KI67_BANDS)}% is {band.phrase}: {grade}; {_WHO}")
    if mitoses is not None:
        band, grade = _band_for(mitoses, "mitoses"), _row_for(mitoses, "mitoses").grade
        value = _fmt(mitoses, _MITOSIS_BANDS)
        lines.append(f"Mitoses {value} per 2 mm² is {band.phrase}: {grade}; {_WHO}")
    return lines


def _index_grades(ki67: float | None, mitoses: float | None) -> tuple[str | None, str | None]:
    return (
        None if ki67 is None else _row_for(ki67, "ki67").grade,
        None if mitoses is None else _row_for(mitoses, "mitoses").grade,
    )


def _grade_well(ki67: float | None, mitoses: float | None) -> GradeResult:
    if ki67 is None and mitoses is None:
        raise ValueError(
            "a well-differentiated tumour needs at least one index: give Ki-67 (0-100%) or the "
            "mitotic count per 2 mm² (0 or more); got neither (both None)"
        )
    k_grade, m_grade = _index_grades(ki67, mitoses)
    grade = max((g for g in (k_grade, m_grade) if g is not None), key=_GRADE_RANK.__getitem__)
    row = next(r for r in _NET_ROWS if r.grade == grade)
    lines = [
        *_index_lines(ki67, mitoses),
        _combine_line(k_grade, m_grade, grade),
        f"Well differentiated with grade {grade}: {row.category}; {_WHO}",
    ]
    very_high = [] if ki67 is None else _very_high_flag(ki67)
    rounding = [] if ki67 is None else _rounding_flag(ki67)
    flags = (*_one_index_flags(ki67, mitoses), *rounding, *very_high)
    sources = (*GRADING_SOURCES, *rounding_sources(rounding), *very_high_sources(very_high))
    return GradeResult(
        category=row.category,
        grade=grade,
        explanation="\n".join(lines),
        flags=flags,
        ki67_grade=k_grade,
        mitotic_grade=m_grade,
        deciding_index=_deciding(k_grade, m_grade),
        ki67_percent=ki67,
        mitoses_per_2mm2=mitoses,
        differentiation="well",
        row=row,
        sources=sources,
    )


def _grade_poor(ki67: float | None, mitoses: float | None) -> GradeResult:
    lines = [
        "Poorly differentiated: NEC whatever the Ki-67 and mitotic count (NEC is not graded; it "
        f"is high grade by definition); {_WHO}"
    ]
    if ki67 is None and mitoses is None:
        lines.append("No index measured: allowed, NEC is a morphological diagnosis")
    flags = []
    if ki67 is not None and ki67 <= KI67_CUTOFFS[1]:
        flags.append(
            f"Poorly differentiated but Ki-67 {_fmt(ki67, _KI67_BANDS)}% is at or below "
            f"{KI67_CUTOFFS[1]:g}%: morphology and proliferation disagree; review the "
            "differentiation (p53 and Rb stains can help). The stated differentiation is "
            "followed: NEC"
        )
    k_grade, m_grade = _index_grades(ki67, mitoses)
    return GradeResult(
        category=_NEC_ROW.category,
        grade=None,
        explanation="\n".join(lines),
        flags=tuple(flags),
        ki67_grade=k_grade,
        mitotic_grade=m_grade,
        deciding_index=None,
        ki67_percent=ki67,
        mitoses_per_2mm2=mitoses,
        differentiation="poor",
        row=_NEC_ROW,
        sources=GRADING_SOURCES,
    )


def who_grade(
    ki67_percent: float | None,
    mitoses_per_2mm2: float | None,
    differentiation: str,
) -> GradeResult:
    """Grade a GEP neuroendocrine neoplasm by WHO 2019 (Digestive System Tumours, 5th ed.).

    Well-differentiated tumours are NET G1/G2/G3 from the bands in :data:`WHO_2019_TABLE`
    (Ki-67 <3 / 3-20 / >20%; mitoses <2 / 2-20 / >20 per 2 mm²; Ki-67 3% and 20% and 2 and 20
    mitoses are G2; no rounding); when the two indices disagree the higher grade wins [S9, S8].
    Poorly differentiated tumours are NEC whatever the indices (not graded) [S9, S8].

    Parameters
    ----------
    ki67_percent : float or None
        Ki-67 index in percent (0-100), or ``None`` if not measured.
    mitoses_per_2mm2 : float or None
        Mitoses per 2 mm² (0 or more), or ``None`` if not counted.
    differentiation : str
        ``"well"`` or ``"poor"``.

    Returns
    -------
    GradeResult
        Category, per-index grades, the deciding index, explanation lines and review flags.

    Raises
    ------
    ValueError
        For a non-number (bool included), NaN or infinity; Ki-67 outside 0-100; a negative
        mitotic count; a differentiation other than ``"well"``/``"poor"``; or a
        well-differentiated tumour with neither index. A poorly differentiated tumour with
        neither index is allowed (NEC is a morphological diagnosis).
    """
    ki67 = None if ki67_percent is None else _check_ki67(ki67_percent)
    mitoses = None if mitoses_per_2mm2 is None else _check_mitoses(mitoses_per_2mm2)
    if _check_differentiation(differentiation) == "poor":
        return _grade_poor(ki67, mitoses)
    return _grade_well(ki67, mitoses)


#: WHO 2010 called a tumour "NEC G3" above this Ki-67 (percent) or mitotic count (then per
#: 10 high-power fields): ">20%, >20/10 HPF" (fact base 2.3) [S10].
WHO_2010_NEC_CUTOFF: float = 20.0
#: WHO 2010's Ki-67 bands below NEC G3: NET G1 <=2%, NET G2 3-20%, with a gap between 2% and 3%
#: (fact base 2.3) [S10].
WHO_2010_G1_MAX: float = 2.0
WHO_2010_G2_MIN: float = 3.0
#: How a count per 2 mm² compares with WHO 2010's count per 10 high-power fields: ENETS, whose
#: grading WHO 2010 took over, wrote the unit as "per 10 HPF (2 mm²)" (Sci World J 2012;357475,
#: Table 2) [S13, S10]; a real field's area still varied between microscopes, which is why WHO
#: 2019 counts per area (fact base 2.3, problem (c)) [S9].
WHO_2010_UNIT_NOTE: str = ("WHO 2010's 10 high-power fields were taken as 2 mm², so the "
                           "count carries over")


@dataclass(frozen=True)
class Who2010Reading:
    """What WHO 2010 would have called a tumour from its two numbers.

    Attributes
    ----------
    verdict : str
        ``"NEC G3"`` (a Ki-67 above 20% or more than 20 mitoses per 10 high-power fields),
        ``"NET G1"``, ``"NET G2"``, or ``"uncertain"`` (a Ki-67 in WHO 2010's gap between 2% and
        3%, with fewer than 2 mitoses).
    reason : str
        The reason in plain words, starting in lower case.
    """

    verdict: str
    reason: str


def who_2010_reading(ki67_percent: float, mitoses_per_2mm2: float) -> Who2010Reading:
    """What WHO 2010 would have called a tumour with these numbers.

    WHO 2010 made every tumour with a Ki-67 above 20% or more than 20 mitoses per 10 high-power
    fields a neuroendocrine carcinoma, NEC G3, whatever its differentiation [S10]. Its 10 fields
    were taken as 2 mm² (ENETS: "per 10 HPF (2 mm²)") [S13], so the course's count per 2 mm²
    is set against the same 20. Below NEC G3: NET G1 (Ki-67 <=2% and fewer than 2 mitoses),
    NET G2 (Ki-67 3-20% or 2-20 mitoses), and a gap for a Ki-67 between 2% and 3% (fact base 2.3).

    Raises
    ------
    ValueError
        For a non-number, NaN or infinity, Ki-67 outside 0-100 or a negative mitotic count.
    """
    ki67 = _check_ki67(ki67_percent)
    mitoses = _check_mitoses(mitoses_per_2mm2)
    if ki67 > WHO_2010_NEC_CUTOFF:
        return Who2010Reading("NEC G3", f"its Ki-67 is above {WHO_2010_NEC_CUTOFF:g}%, enough "
                                        "on its own")
    if mitoses > WHO_2010_NEC_CUTOFF:
        return Who2010Reading("NEC G3", f"its mitotic count is above {WHO_2010_NEC_CUTOFF:g} "
                                        f"({WHO_2010_UNIT_NOTE})")
    if mitoses >= 2 or ki67 >= WHO_2010_G2_MIN:
        return Who2010Reading("NET G2", "its numbers are in WHO 2010's NET G2 bands")
    if ki67 <= WHO_2010_G1_MAX:
        return Who2010Reading("NET G1", "its numbers are in WHO 2010's NET G1 bands")
    return Who2010Reading("uncertain", "its Ki-67 falls in WHO 2010's gap between 2% and 3%")


# --------------------------------------------------------------------------------------------
# Counting helpers
# --------------------------------------------------------------------------------------------


def ki67_index(positive_cells: int, counted_cells: int) -> float:
    """Return the Ki-67 labelling index in percent: ``100 * positive / counted``.

    WHO counts the hot spot(s) on at least :data:`WHO_MIN_CELLS` (500) tumour cells [S9, S8];
    fewer cells are accepted here (for teaching) and a widget can compare with the constant.

    Parameters
    ----------
    positive_cells : int
        Ki-67-positive tumour cells, 0 or more.
    counted_cells : int
        Tumour cells counted, 1 or more, at least ``positive_cells``.

    Returns
    -------
    float
        The index in percent (0-100).

    Raises
    ------
    ValueError
        If a count is not a whole number (int; bool rejected), ``counted_cells`` is below 1,
        ``positive_cells`` is negative, or ``positive_cells`` exceeds ``counted_cells``.
    """
    positive, counted = _cells(positive_cells, counted_cells)
    return 100.0 * positive / counted


def _cells(positive_cells: object, counted_cells: object) -> tuple[int, int]:
    positive = _whole(positive_cells, "positive cells", 0)
    counted = _whole(counted_cells, "counted cells", 1)
    if positive > counted:
        raise ValueError(
            f"positive cells ({positive}) cannot exceed counted cells ({counted}); "
            f"positive cells must be from 0 to {counted}"
        )
    return positive, counted


def mitoses_per_2mm2(mitoses: int, area_mm2: float = MITOSIS_COUNT_AREA_MM2) -> float:
    """Scale a mitotic count to mitoses per 2 mm²: ``mitoses * 2 / area_mm2``.

    WHO 2019 counts 50 fields of 0.2 mm² (10 mm²) in the most active area and divides by 5
    [S9]; the result may be fractional.

    Parameters
    ----------
    mitoses : int
        Mitoses counted, 0 or more.
    area_mm2 : float, default 10.0
        Area counted, in mm² (greater than 0).

    Returns
    -------
    float
        Mitoses per 2 mm².

    Raises
    ------
    ValueError
        If ``mitoses`` is not a whole number of 0 or more, or ``area_mm2`` is not a finite
        number greater than 0.
    """
    count = _whole(mitoses, "mitotic count", 0)
    area = _real(area_mm2, "area", "mm², greater than 0")
    if area <= 0.0:
        raise ValueError(f"area must be greater than 0 mm²; got {area_mm2!r}")
    return count * 2.0 / area


#: Standard normal quantile for a 95% two-sided interval.
_Z_95 = 1.959963984540054


def _z(level: object) -> float:
    number = _real(level, "confidence level", "strictly between 0 and 1, e.g. 0.95")
    if not 0.0 < number < 1.0:
        raise ValueError(
            f"confidence level must be strictly between 0 and 1 (e.g. 0.95); got {level!r}"
        )
    return _Z_95 if number == 0.95 else NormalDist().inv_cdf(0.5 + number / 2.0)


def ki67_confidence_interval(
    positive_cells: int, counted_cells: int, level: float = 0.95
) -> tuple[float, float]:
    """Return the Wilson score interval for a Ki-67 index, in percent.

    With ``p = x / n`` (``x`` positive of ``n`` counted cells) and ``z`` the standard normal
    quantile for ``level`` (1.959963984540054 for 0.95)::

        centre = (p + z**2 / (2 n)) / (1 + z**2 / n)
        half   = z / (1 + z**2 / n) * sqrt(p (1 - p) / n + z**2 / (4 n**2))
        interval = (centre - half, centre + half)            # times 100 for percent

    Unlike the normal (Wald) interval it stays within 0-100% and is not empty at 0 or n
    positive cells [WILSON1927]. It shows why WHO asks for at least 500 cells near a cut-off.

    Parameters
    ----------
    positive_cells : int
        Ki-67-positive cells, 0 to ``counted_cells``.
    counted_cells : int
        Cells counted, 1 or more.
    level : float, default 0.95
        Confidence level, strictly between 0 and 1.

    Returns
    -------
    tuple of float
        ``(lower, upper)`` in percent, ``0 <= lower <= 100 * p <= upper <= 100``.

    Raises
    ------
    ValueError
        For invalid counts (as :func:`ki67_index`) or a level outside (0, 1).

    References
    ----------
    Wilson EB. Probable inference, the law of succession, and statistical inference.
    J Am Stat Assoc 1927;22:209-212.
    """
    x, n = _cells(positive_cells, counted_cells)
    z = _z(level)
    p = x / n
    scale = 1.0 + z * z / n
    centre = (p + z * z / (2.0 * n)) / scale
    half = z / scale * math.sqrt(p * (1.0 - p) / n + z * z / (4.0 * n * n))
    lower = 0.0 if x == 0 else min(max(centre - half, 0.0), p)
    upper = 1.0 if x == n else max(min(centre + half, 1.0), p)
    return 100.0 * lower, 100.0 * upper
