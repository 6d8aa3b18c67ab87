"""TNM staging of GEP-NETs by AJCC Version 9 (the current US system) or the AJCC 8th edition.

The rules live as cited data in :mod:`gepnet_widgets.tnm_tables`; this module reads them. Pure
logic: no widget or plotting import. ``edition="ajcc9"`` (the default: US pathology reports of
cases diagnosed from 1 January 2024) or ``edition="ajcc8"`` (2017; the literature and reports of
2018-2023). The logic differs only where the fact base (section 1.8) says: T1 NX M0 is stage I
under Version 9 at the stomach, duodenum, appendix, colon and rectum, and a colorectal tumour of
exactly 1.0 cm is T1a under Version 9 and T1b under the 8th edition. (The editions' scope differs
too: Version 9 names NET G3; see :func:`scope_note`.)

Examples
--------
>>> r = stage_tumor("stomach", 1.5, "submucosa", 0, "none")
>>> (r.t, r.n, r.m, r.stage, r.edition)
('T2', 'N0', 'M0', 'II', 'ajcc9')
>>> print(r.explanation.splitlines()[0])
T2: larger than 1 cm; AJCC Version 9, stomach
>>> stage_tumor("appendix", 1.5, "muscularis_propria", 0, "none").t
'T1'
>>> stage_tumor("colon_rectum", 0.8, "submucosa", None, "none", edition="ajcc8").stage is None
True
>>> stage_tumor("colon_rectum", 0.8, "submucosa", None, "none", edition="ajcc9").stage
'I'
>>> stage_tumor("colon_rectum", 1.0, "mucosa", 0, "none", edition="ajcc8").t
'T1b'
>>> stage_tumor("colon_rectum", 1.0, "mucosa", 0, "none", edition="ajcc9").t
'T1a'
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

from .tnm_tables import (
    COMPARISON_DEPTHS,
    COMPARISON_OVERRIDES,
    CONFIDENCE_WORDS,
    EDITION_CHANGES,
    EDITION_LABELS,
    EDITION_SHORT,
    EDITION_SOURCE_KEYS,
    EDITIONS,
    M_DEFINITIONS,
    METASTASIS_CATEGORIES,
    SCOPE_NOTE,
    SCOPE_NOTES,
    SITE_TNM,
    SITE_TNM_BY_EDITION,
    SITES,
    T_RANK,
    EditionChange,
    InvasionLevel,
    SiteTNM,
    SizeBand,
    StageRow,
)

__all__ = [
    "Rule",
    "StagingResult",
    "EditionComparison",
    "stage_tumor",
    "compare_editions",
    "edition_label",
    "edition_short",
    "edition_source_keys",
    "edition_changes",
    "scope_note",
    "check_edition",
    "EDITIONS",
    "DEFAULT_EDITION",
    "CONFIDENCE_WORDS",
    "site_tnm",
    "site_label",
    "invasion_options",
    "metastasis_options",
    "t_definitions",
    "n_definitions",
    "m_definitions",
    "stage_table",
    "comparable_invasion",
    "compare_sites",
    "COMPARISON_DEPTHS",
    "SITES",
    "METASTASIS_WORDS",
    "SCOPE_NOTE",
]

#: The allowed ``metastasis`` words.
METASTASIS_WORDS: tuple[str, ...] = tuple(METASTASIS_CATEGORIES)


#: The edition used when none is given: the current US system.
DEFAULT_EDITION = "ajcc9"


@dataclass(frozen=True)
class Rule:
    """One rule that fired: the category it gave, the rule in words, its source, the edition
    it belongs to and how sure the course is of it (one of :data:`CONFIDENCE_WORDS`' values)."""

    category: str  #: e.g. "T2", "N1", "M1a", "Stage II", "(m)", "No stage"
    text: str
    source: str  #: short citation, e.g. "AJCC 8th ed., stomach"
    edition: str = DEFAULT_EDITION  #: one of :data:`EDITIONS`
    confidence: str = CONFIDENCE_WORDS["P"]  #: how sure, in a learner's words

    def __str__(self) -> str:
        return f"{self.category}: {self.text}; {self.source}"


@dataclass(frozen=True)
class StagingResult:
    """The TNM categories and stage group of one tumour under one edition, with the rules."""

    site: str
    t: str  #: e.g. "T2", "T1b", "T3(m)"
    n: str  #: "N0", "N1", "N2" or "NX"
    m: str  #: "M0", "M1a", "M1b" or "M1c"
    stage: str | None  #: stage group, or None where the edition defines none
    rules: tuple[Rule, ...]
    edition: str = DEFAULT_EDITION  #: the edition used, one of :data:`EDITIONS`

    @property
    def explanation(self) -> str:
        """The rules that fired, one per line, each with its source."""
        return "\n".join(str(rule) for rule in self.rules)

    @property
    def tnm(self) -> str:
        """The three categories written together, e.g. "T2 N0 M0"."""
        return f"{self.t} {self.n} {self.m}"


# --- input checks --------------------------------------------------------------------------------


def check_edition(edition: object) -> str:
    """Return ``edition`` if it is one of :data:`EDITIONS`, else raise ``ValueError``."""
    if isinstance(edition, str) and edition in EDITIONS:
        return edition
    raise ValueError(
        f"unknown edition {edition!r}; allowed editions: {', '.join(map(repr, EDITIONS))} "
        "(AJCC Version 9 or the AJCC 8th edition)"
    )


def site_tnm(site: str, edition: str = DEFAULT_EDITION) -> SiteTNM:
    """Return the cited data of ``site`` under ``edition`` (``"ajcc9"`` or ``"ajcc8"``).

    Raises
    ------
    ValueError
        If ``site`` is not one of :data:`SITES` or ``edition`` not one of :data:`EDITIONS`.
    """
    edition = check_edition(edition)
    if not isinstance(site, str) or site not in SITE_TNM:
        raise ValueError(f"unknown site {site!r}; allowed sites: {', '.join(SITES)}")
    return SITE_TNM_BY_EDITION[edition][site]


def edition_label(edition: str) -> str:
    """The edition's name for learners, e.g. "AJCC Version 9 (2023; US cases ...)"."""
    return EDITION_LABELS[check_edition(edition)]


def edition_short(edition: str) -> str:
    """The edition's short name, "AJCC Version 9" or "AJCC 8th edition"."""
    return EDITION_SHORT[check_edition(edition)]


def edition_source_keys(edition: str) -> tuple[str, ...]:
    """Source keys of the edition's rules (for a sources line)."""
    return EDITION_SOURCE_KEYS[check_edition(edition)]


def edition_changes() -> tuple[EditionChange, ...]:
    """The side-by-side table of what changed from the 8th edition to Version 9."""
    return EDITION_CHANGES


def scope_note(edition: str = DEFAULT_EDITION) -> str:
    """Which tumours the edition's NET chapters stage, in plain words."""
    return SCOPE_NOTES[check_edition(edition)]


def _check_size(size_cm: object) -> float:
    if isinstance(size_cm, bool) or not isinstance(size_cm, numbers.Real):
        raise ValueError(f"size_cm must be a number of centimetres, got {size_cm!r}")
    size = float(size_cm)
    if not math.isfinite(size) or size <= 0:
        raise ValueError(
            f"size_cm must be a finite number greater than 0 (centimetres), got {size_cm!r}"
        )
    return size


def _check_count(name: str, value: object, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be a whole number {minimum} or more, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be a whole number {minimum} or more, got {value!r}")
    return int(value)


def _check_invasion(data: SiteTNM, invasion: object) -> InvasionLevel:
    if isinstance(invasion, str) and invasion in data.invasion_keys:
        return data.level(invasion)
    raise ValueError(
        f"invasion {invasion!r} does not exist at site {data.site!r}; allowed at this site: "
        f"{', '.join(data.invasion_keys)}"
    )


def _check_metastasis(metastasis: object) -> str:
    if isinstance(metastasis, str) and metastasis in METASTASIS_CATEGORIES:
        return metastasis
    raise ValueError(
        f"unknown metastasis {metastasis!r}; allowed: {', '.join(METASTASIS_WORDS)}"
    )


def _check_mass(data: SiteTNM, mass: object) -> bool:
    if not isinstance(mass, bool):
        raise ValueError(f"mesenteric_mass_gt_2cm must be True or False, got {mass!r}")
    if mass and not data.has_mesenteric_mass:
        raise ValueError(
            f"mesenteric_mass_gt_2cm=True applies only to site 'jejunum_ileum', "
            f"not {data.site!r}"
        )
    return mass


# --- T, N, M and stage ----------------------------------------------------------------------------


def _confidence(data: SiteTNM, kind: str, changed: bool = False) -> str:
    """How sure a rule is (fact base 1.8): the 8th-edition tables were seen in reprints ("P");
    Version 9 rules are from a published summary ("S") where one covers them, otherwise an
    inference that nothing changed ("I")."""
    if data.edition == "ajcc8":
        return CONFIDENCE_WORDS["P"]
    if changed or (data.site == "jejunum_ileum" and kind != "(m)"):
        return CONFIDENCE_WORDS["S"]
    return CONFIDENCE_WORDS["I"]


def _rule(data: SiteTNM, category: str, text: str, kind: str, changed: bool = False,
          confidence: str | None = None) -> Rule:
    how_sure = _confidence(data, kind, changed) if confidence is None else confidence
    return Rule(category, text, data.citation, data.edition, how_sure)


def _size_band(data: SiteTNM, size_cm: float) -> SizeBand:
    return next(band for band in data.size_bands if band.contains(size_cm))


def _t_rule(data: SiteTNM, size_cm: float, level: InvasionLevel) -> Rule:
    """The higher of the T given by depth and the T given by size (size wins a tie)."""
    band = _size_band(data, size_cm)
    by_size, by_depth = T_RANK[band.t], T_RANK[level.t]
    colon_band = data.site == "colon_rectum" and band.t in ("T1a", "T1b")
    if by_size > by_depth:
        return _rule(data, band.t, band.rule, "T", colon_band)
    if by_depth > by_size:
        return _rule(data, level.t, level.rule, "T")
    return _rule(data, band.t, f"{band.rule}, and {level.rule}", "T", colon_band)


def _multiple_rule(data: SiteTNM, tumor_count: int) -> Rule:
    return _rule(
        data,
        "(m)",
        f"{tumor_count} tumours; {data.multiple_tumours}; the (m) suffix does not change "
        "the stage group",
        "(m)",
    )


def _n_rules(
    data: SiteTNM, nodes_positive: int | None, mass_gt_2cm: bool
) -> tuple[str, tuple[Rule, ...]]:
    rules: list[Rule] = []
    if mass_gt_2cm:
        rules.append(_rule(data, "N2", "a mesenteric mass larger than 2 cm", "N"))
    if nodes_positive is None:
        if not rules:
            rules.append(_rule(data, "NX", "regional lymph nodes not assessed (no nodes "
                               "examined, so no pathological N)", "N"))
    elif data.n2_min_nodes is not None and nodes_positive >= data.n2_min_nodes:
        rules.append(
            _rule(
                data,
                "N2",
                f"{nodes_positive} positive regional lymph nodes ({data.n2_min_nodes} or more)",
                "N",
            )
        )
    elif nodes_positive > 0 and not rules:
        rules.append(_rule(data, "N1", _n1_text(data, nodes_positive), "N"))
    elif not rules:
        rules.append(_rule(data, "N0", "no regional lymph node metastasis", "N"))
    return rules[0].category, tuple(rules)


def _n1_text(data: SiteTNM, nodes_positive: int) -> str:
    noun = "node" if nodes_positive == 1 else "nodes"
    what = "tumour in" if data.edition == "ajcc9" else "metastasis in"
    if data.n2_min_nodes is not None:
        return (
            f"{what} {nodes_positive} regional lymph {noun} (fewer than {data.n2_min_nodes})"
        )
    return f"{what} {nodes_positive} regional lymph {noun} (any number is N1 here)"


def _stage_row(data: SiteTNM, t_base: str, n: str, m: str) -> StageRow | None:
    return next((row for row in data.stage_table if row.matches(t_base, n, m)), None)


def _stage_rules(data: SiteTNM, t_base: str, n: str, m: str) -> tuple[str | None, Rule]:
    row = _stage_row(data, t_base, n, m)
    new_in_v9 = data.edition == "ajcc9" and n == "NX" and t_base == "T1" and m == "M0"
    if row is not None:
        text = row.text.replace(" (new in Version 9)", "")
        if new_in_v9:
            text += ("; Version 9 adds this group (tumours removed through an endoscope or with "
                     "the appendix often come without lymph nodes); the 8th edition gave no "
                     "stage group")
        return row.stage, _rule(data, f"Stage {row.stage}", text, "stage", new_in_v9)
    if new_in_v9 and data.site == "ampulla":
        text = (
            "Not confirmed whether AJCC Version 9 gives T1 NX M0 a stage group at the ampulla: "
            "its published summary names only the duodenum, so the course gives no stage group "
            "here and the pathological stage is unknown (not guessed); a clinical N from "
            "imaging could still give a clinical stage"
        )
        return None, _rule(data, "No stage group", text, "stage",
                           confidence=CONFIDENCE_WORDS["U"])
    name = "AJCC 8th ed." if data.edition == "ajcc8" else "AJCC Version 9"
    text = (
        f"{name} defines no stage group for {t_base} {n} {m}, so the pathological stage is "
        "unknown (not guessed)"
    )
    if n == "NX" and t_base == "T4" and m == "M0":
        text += ("; T4 is stage III with any examined N, but the edition groups no stage "
                 "without N")
    elif n == "NX":
        text += "; a clinical N from imaging could still give a clinical stage"
    if new_in_v9:
        text += "; this site is not in Version 9's list of sites where T1 NX M0 is stage I"
    elif data.edition == "ajcc8" and n == "NX" and t_base == "T1" and data.v9_t1_nx_m0_stage:
        text += (
            f"; AJCC Version 9 (2024) calls T1 NX M0 stage {data.v9_t1_nx_m0_stage} at "
            "this site"
        )
    return None, _rule(data, "No stage group", text, "stage", new_in_v9)


def stage_tumor(
    site: str,
    size_cm: float,
    invasion: str,
    nodes_positive: int | None,
    metastasis: str,
    *,
    mesenteric_mass_gt_2cm: bool = False,
    tumor_count: int = 1,
    edition: str = DEFAULT_EDITION,
) -> StagingResult:
    """Stage a GEP-NET by AJCC Version 9 (default) or the AJCC 8th edition.

    Parameters
    ----------
    site:
        One of :data:`SITES`.
    size_cm:
        Greatest dimension of the primary in cm (with several tumours: of the one with the
        highest T; for the pancreas, of the largest). Must be greater than 0.
    invasion:
        Deepest extent of the primary; one of :func:`invasion_options` for the site.
    nodes_positive:
        Number of positive regional lymph nodes, or ``None`` when nodes were not assessed.
    metastasis:
        ``"none"``, ``"hepatic"`` (liver only), ``"extrahepatic"`` (beyond the liver only) or
        ``"both"``.
    mesenteric_mass_gt_2cm:
        A mesenteric mass larger than 2 cm (jejunum/ileum only; makes N2).
    tumor_count:
        Number of primary tumours; more than one adds the ``(m)`` suffix to T.
    edition:
        ``"ajcc9"`` (AJCC Version 9, US cases diagnosed from 2024; the default) or ``"ajcc8"``
        (AJCC 8th edition, 2017).

    Returns
    -------
    StagingResult
        T, N, M, the stage group (``None`` where the edition defines none), the edition and the
        rules that fired, each with its edition and how sure it is.

    Raises
    ------
    ValueError
        On any invalid input; the message names the bad value and lists what is allowed.
    """
    data = site_tnm(site, edition)
    size = _check_size(size_cm)
    level = _check_invasion(data, invasion)
    nodes = None if nodes_positive is None else _check_count("nodes_positive", nodes_positive, 0)
    meta = _check_metastasis(metastasis)
    mass = _check_mass(data, mesenteric_mass_gt_2cm)
    count = _check_count("tumor_count", tumor_count, 1)

    t_rule = _t_rule(data, size, level)
    n, n_rules = _n_rules(data, nodes, mass)
    m, _label, m_text = METASTASIS_CATEGORIES[meta]
    stage, stage_rule = _stage_rules(data, t_rule.category[:2], n, m)

    rules = [t_rule]
    if count > 1:
        rules.append(_multiple_rule(data, count))
    rules += [*n_rules, _rule(data, m, m_text, "M"), stage_rule]
    t = t_rule.category + ("(m)" if count > 1 else "")
    return StagingResult(site=site, t=t, n=n, m=m, stage=stage, rules=tuple(rules),
                         edition=data.edition)


@dataclass(frozen=True)
class EditionComparison:
    """One tumour staged under both editions, and what differs and why."""

    results: dict[str, StagingResult]  #: by edition
    differences: tuple[str, ...]  #: fields that differ: "t" and/or "stage"
    reasons: tuple[EditionChange, ...]  #: the rows of :data:`EDITION_CHANGES` that explain it

    @property
    def differ(self) -> bool:
        """Whether the editions give a different T, N, M or stage group."""
        return bool(self.differences)


def compare_editions(
    site: str,
    size_cm: float,
    invasion: str,
    nodes_positive: int | None,
    metastasis: str,
    *,
    mesenteric_mass_gt_2cm: bool = False,
    tumor_count: int = 1,
) -> EditionComparison:
    """Stage one tumour under every edition; say which categories differ and why."""
    results = {
        edition: stage_tumor(site, size_cm, invasion, nodes_positive, metastasis,
                             mesenteric_mass_gt_2cm=mesenteric_mass_gt_2cm,
                             tumor_count=tumor_count, edition=edition)
        for edition in EDITIONS
    }
    first, *others = results.values()
    differences = tuple(
        name for name in ("t", "n", "m", "stage")
        if any(getattr(r, name) != getattr(first, name) for r in others)
    )
    reasons = tuple(
        change for change in EDITION_CHANGES
        if change.changes_result
        and (("stage" in differences and change.point.startswith("T1 NX M0"))
             or ("t" in differences and change.point.startswith("Colon or rectum")))
    )
    return EditionComparison(results, differences, reasons)


# --- what the widgets need ------------------------------------------------------------------------


def site_label(site: str) -> str:
    """Return the plain name of ``site`` (e.g. ``"Jejunum and ileum"``)."""
    return site_tnm(site).label


def invasion_options(site: str) -> tuple[tuple[str, str], ...]:
    """Return ``(label, keyword)`` pairs of the site's invasion levels, shallow to deep."""
    return tuple((level.label, level.key) for level in site_tnm(site).invasion_levels)


def metastasis_options() -> tuple[tuple[str, str], ...]:
    """Return ``(label, word)`` pairs for the metastasis control."""
    return tuple((label, word) for word, (_m, label, _t) in METASTASIS_CATEGORIES.items())


def t_definitions(site: str, edition: str = DEFAULT_EDITION) -> tuple[tuple[str, str], ...]:
    """Return the site's T categories and their definitions under ``edition``, in order."""
    return site_tnm(site, edition).t_definitions


def n_definitions(site: str, edition: str = DEFAULT_EDITION) -> tuple[tuple[str, str], ...]:
    """Return the site's N categories and their definitions under ``edition``, in order."""
    return site_tnm(site, edition).n_definitions


def m_definitions(edition: str = DEFAULT_EDITION) -> tuple[tuple[str, str], ...]:
    """Return the M categories (the same for every site and both editions) with definitions."""
    check_edition(edition)
    return M_DEFINITIONS


def stage_table(site: str, edition: str = DEFAULT_EDITION) -> tuple[StageRow, ...]:
    """Return the site's stage table under ``edition``, one row per stage rule."""
    return site_tnm(site, edition).stage_table


def comparable_invasion(site: str, depth: str) -> str | None:
    """Return ``site``'s invasion keyword for a comparison ``depth``, or None if undefined there.

    ``depth`` is one of the keywords of :data:`COMPARISON_DEPTHS` (the luminal wall layers).
    """
    allowed = [key for _label, key in COMPARISON_DEPTHS]
    if depth not in allowed:
        raise ValueError(f"unknown comparison depth {depth!r}; allowed: {', '.join(allowed)}")
    data = site_tnm(site)
    overrides = COMPARISON_OVERRIDES.get(site, {})
    if depth in overrides:
        return overrides[depth]
    return depth if depth in data.invasion_keys else None


def compare_sites(
    size_cm: float,
    depth: str,
    nodes_positive: int | None,
    metastasis: str,
    edition: str = DEFAULT_EDITION,
) -> dict[str, StagingResult | None]:
    """Stage the same tumour at every site (None where ``depth`` is not defined at a site)."""
    check_edition(edition)
    results: dict[str, StagingResult | None] = {}
    for site in SITES:
        invasion = comparable_invasion(site, depth)
        results[site] = (
            None
            if invasion is None
            else stage_tumor(site, size_cm, invasion, nodes_positive, metastasis,
                             edition=edition)
        )
    return results
