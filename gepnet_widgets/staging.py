"""TNM staging of well-differentiated GEP-NETs by the AJCC 8th edition.

The rules live as cited data in :mod:`gepnet_widgets.tnm_tables`; this module reads them. Pure
logic: no widget or plotting import.

Examples
--------
>>> r = stage_tumor("stomach", 1.5, "submucosa", 0, "none")
>>> (r.t, r.n, r.m, r.stage)
('T2', 'N0', 'M0', 'II')
>>> print(r.explanation.splitlines()[0])
T2: larger than 1 cm; AJCC 8th ed., stomach
>>> stage_tumor("appendix", 1.5, "muscularis_propria", 0, "none").t
'T1'
>>> stage_tumor("colon_rectum", 0.8, "submucosa", None, "none").stage is None
True
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

from .tnm_tables import (
    COMPARISON_DEPTHS,
    COMPARISON_OVERRIDES,
    M_DEFINITIONS,
    METASTASIS_CATEGORIES,
    SCOPE_NOTE,
    SITE_TNM,
    SITES,
    T_RANK,
    InvasionLevel,
    SiteTNM,
    SizeBand,
    StageRow,
)

__all__ = [
    "Rule",
    "StagingResult",
    "stage_tumor",
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


@dataclass(frozen=True)
class Rule:
    """One rule that fired: the category it gave, the rule in words, and its source."""

    category: str  #: e.g. "T2", "N1", "M1a", "Stage II", "(m)", "No stage"
    text: str
    source: str  #: short citation, e.g. "AJCC 8th ed., stomach"

    def __str__(self) -> str:
        return f"{self.category}: {self.text}; {self.source}"


@dataclass(frozen=True)
class StagingResult:
    """The AJCC 8th TNM categories and stage group of one tumour, with the rules that fired."""

    site: str
    t: str  #: e.g. "T2", "T1b", "T3(m)"
    n: str  #: "N0", "N1", "N2" or "NX"
    m: str  #: "M0", "M1a", "M1b" or "M1c"
    stage: str | None  #: stage group, or None where AJCC 8th defines none
    rules: tuple[Rule, ...]

    @property
    def explanation(self) -> str:
        """The rules that fired, one per line, each with its source."""
        return "\n".join(str(rule) for rule in self.rules)

    @property
    def tnm(self) -> str:
        """The three categories written together, e.g. "T2 N0 M0"."""
        return f"{self.t} {self.n} {self.m}"


# --- input checks --------------------------------------------------------------------------------


def site_tnm(site: str) -> SiteTNM:
    """Return the cited AJCC 8th data for ``site``.

    Raises
    ------
    ValueError
        If ``site`` is not one of :data:`SITES`.
    """
    if not isinstance(site, str) or site not in SITE_TNM:
        raise ValueError(f"unknown site {site!r}; allowed sites: {', '.join(SITES)}")
    return SITE_TNM[site]


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


def _size_band(data: SiteTNM, size_cm: float) -> SizeBand:
    return next(band for band in data.size_bands if band.contains(size_cm))


def _t_rule(data: SiteTNM, size_cm: float, level: InvasionLevel) -> Rule:
    """The higher of the T given by depth and the T given by size (size wins a tie)."""
    band = _size_band(data, size_cm)
    by_size, by_depth = T_RANK[band.t], T_RANK[level.t]
    if by_size > by_depth:
        return Rule(band.t, band.rule, data.citation)
    if by_depth > by_size:
        return Rule(level.t, level.rule, data.citation)
    return Rule(band.t, f"{band.rule}, and {level.rule}", data.citation)


def _multiple_rule(data: SiteTNM, tumor_count: int) -> Rule:
    return Rule(
        "(m)",
        f"{tumor_count} tumours; {data.multiple_tumours}; the (m) suffix does not change "
        "the stage group",
        data.citation,
    )


def _n_rules(
    data: SiteTNM, nodes_positive: int | None, mass_gt_2cm: bool
) -> tuple[str, tuple[Rule, ...]]:
    rules: list[Rule] = []
    if mass_gt_2cm:
        rules.append(Rule("N2", "a mesenteric mass larger than 2 cm", data.citation))
    if nodes_positive is None:
        if not rules:
            rules.append(Rule("NX", "regional lymph nodes not assessed", data.citation))
    elif data.n2_min_nodes is not None and nodes_positive >= data.n2_min_nodes:
        rules.append(
            Rule(
                "N2",
                f"{nodes_positive} positive regional lymph nodes ({data.n2_min_nodes} or more)",
                data.citation,
            )
        )
    elif nodes_positive > 0 and not rules:
        rules.append(Rule("N1", _n1_text(data, nodes_positive), data.citation))
    elif not rules:
        rules.append(Rule("N0", "no regional lymph node metastasis", data.citation))
    return rules[0].category, tuple(rules)


def _n1_text(data: SiteTNM, nodes_positive: int) -> str:
    noun = "node" if nodes_positive == 1 else "nodes"
    if data.n2_min_nodes is not None:
        return (
            f"metastasis in {nodes_positive} regional lymph {noun} "
            f"(fewer than {data.n2_min_nodes})"
        )
    return f"metastasis in {nodes_positive} regional lymph {noun} (any number is N1 here)"


def _stage_row(data: SiteTNM, t_base: str, n: str, m: str) -> StageRow | None:
    return next((row for row in data.stage_table if row.matches(t_base, n, m)), None)


def _stage_rules(data: SiteTNM, t_base: str, n: str, m: str) -> tuple[str | None, Rule]:
    row = _stage_row(data, t_base, n, m)
    if row is not None:
        return row.stage, Rule(f"Stage {row.stage}", row.text, data.citation)
    text = (
        f"AJCC 8th ed. defines no stage group for {t_base} {n} {m}, so the stage is unknown "
        "(not guessed)"
    )
    if n == "NX" and t_base == "T1" and data.v9_t1_nx_m0_stage:
        text += (
            f"; AJCC version 9 (2024) would call T1 NX M0 stage {data.v9_t1_nx_m0_stage} at "
            "this site"
        )
    return None, Rule("No stage group", text, data.citation)


def stage_tumor(
    site: str,
    size_cm: float,
    invasion: str,
    nodes_positive: int | None,
    metastasis: str,
    *,
    mesenteric_mass_gt_2cm: bool = False,
    tumor_count: int = 1,
) -> StagingResult:
    """Stage a well-differentiated GEP-NET by the AJCC 8th edition.

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

    Returns
    -------
    StagingResult
        T, N, M, the stage group (``None`` where AJCC 8th defines none) and the rules that fired.

    Raises
    ------
    ValueError
        On any invalid input; the message names the bad value and lists what is allowed.
    """
    data = site_tnm(site)
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
    rules += [*n_rules, Rule(m, m_text, data.citation), stage_rule]
    t = t_rule.category + ("(m)" if count > 1 else "")
    return StagingResult(site=site, t=t, n=n, m=m, stage=stage, rules=tuple(rules))


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


def t_definitions(site: str) -> tuple[tuple[str, str], ...]:
    """Return the site's T categories and their definitions, in order."""
    return site_tnm(site).t_definitions


def n_definitions(site: str) -> tuple[tuple[str, str], ...]:
    """Return the site's N categories and their definitions, in order."""
    return site_tnm(site).n_definitions


def m_definitions() -> tuple[tuple[str, str], ...]:
    """Return the M categories (the same for every site) and their definitions."""
    return M_DEFINITIONS


def stage_table(site: str) -> tuple[StageRow, ...]:
    """Return the site's AJCC 8th stage table, one row per stage rule."""
    return site_tnm(site).stage_table


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
    size_cm: float, depth: str, nodes_positive: int | None, metastasis: str
) -> dict[str, StagingResult | None]:
    """Stage the same tumour at every site (None where ``depth`` is not defined at a site)."""
    results: dict[str, StagingResult | None] = {}
    for site in SITES:
        invasion = comparable_invasion(site, depth)
        results[site] = (
            None
            if invasion is None
            else stage_tumor(site, size_cm, invasion, nodes_positive, metastasis)
        )
    return results
