"""AJCC 8th edition TNM for well-differentiated GEP-NETs, as cited data (one entry per site).

Source: AJCC Cancer Staging Manual, 8th ed. (Amin MB et al., Springer 2017), chapters 29-34, as
reprinted in NCI PDQ (2025) [S1, S2] and summarised in the project fact base
(``shared/reference/gepnet-facts.md`` sections 0, 1 and 8). Thresholds are exact; wording is
paraphrased in plain language.

How a T category is read from this data (the same for every site, so no per-site if-chains):
each invasion level implies a T category, each size band implies a T category, and the tumour
gets the higher of the two. That reproduces every AJCC 8th T table, because each table is of the
form "T1: shallow **and** small; T2: deeper **or** larger; ...". At the appendix the depth levels
up to the muscularis propria all imply only T1, so T1 and T2 are decided by size alone.

Pure data: no widget or plotting import.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .sources import LEVEL_WORDS

__all__ = [
    "EDITIONS",
    "EDITION_LABELS",
    "EDITION_SHORT",
    "EDITION_SOURCE_KEYS",
    "CONFIDENCE_WORDS",
    "EDITION_CHANGES",
    "EditionChange",
    "SITE_TNM_BY_EDITION",
    "SCOPE_NOTES",
    "V9_T1_NX_M0_SITES",
    "InvasionLevel",
    "SizeBand",
    "StageRow",
    "SiteTNM",
    "SITE_TNM",
    "SITES",
    "METASTASIS_CATEGORIES",
    "M_DEFINITIONS",
    "SCOPE_NOTE",
    "T_RANK",
    "COMPARISON_DEPTHS",
    "COMPARISON_OVERRIDES",
]


@dataclass(frozen=True)
class InvasionLevel:
    """How deep a primary tumour reaches, and the T category that depth implies at this site."""

    key: str  #: keyword used by :func:`gepnet_widgets.staging.stage_tumor`
    label: str  #: plain label for a control
    t: str  #: the T category this depth implies (at least)
    rule: str  #: the rule in plain words, used in explanations


@dataclass(frozen=True)
class SizeBand:
    """A band of tumour size (greatest dimension, cm) and the T category it implies."""

    upper_cm: float | None  #: upper bound of the band; ``None`` means no upper bound
    inclusive: bool  #: whether ``upper_cm`` itself belongs to this band
    t: str
    rule: str

    def contains(self, size_cm: float) -> bool:
        """Return whether ``size_cm`` falls at or below this band's upper bound."""
        if self.upper_cm is None:
            return True
        return size_cm <= self.upper_cm if self.inclusive else size_cm < self.upper_cm


@dataclass(frozen=True)
class StageRow:
    """One row of an AJCC 8th stage table. ``None`` means "any"."""

    stage: str
    t: tuple[str, ...] | None  #: base T categories ("T1" covers T1a and T1b)
    n: tuple[str, ...] | None  #: N categories; "any N" includes NX
    m: tuple[str, ...]  #: M categories
    text: str  #: the row in words, e.g. "T2 or T3, N0, M0"

    def matches(self, t_base: str, n: str, m: str) -> bool:
        """Return whether a case with base T ``t_base``, ``n`` and ``m`` falls in this row."""
        return (
            (self.t is None or t_base in self.t)
            and (self.n is None or n in self.n)
            and m in self.m
        )


@dataclass(frozen=True)
class SiteTNM:
    """Everything AJCC 8th says about one NET site, with its source."""

    site: str
    label: str
    chapter: str  #: AJCC 8th chapter, e.g. "chapter 29"
    citation: str  #: short citation shown to learners, e.g. "AJCC 8th ed., stomach"
    source_keys: tuple[str, ...]  #: keys in :data:`gepnet_widgets.sources.SOURCES`
    invasion_levels: tuple[InvasionLevel, ...]  #: in anatomical order, shallow to deep
    size_bands: tuple[SizeBand, ...]  #: in increasing size
    t_definitions: tuple[tuple[str, str], ...]
    n_definitions: tuple[tuple[str, str], ...]
    stage_table: tuple[StageRow, ...]
    multiple_tumours: str  #: which tumour assigns T when there are several
    n2_min_nodes: int | None = None  #: nodes for N2 (jejunum/ileum only)
    has_mesenteric_mass: bool = False  #: whether a mesenteric mass > 2 cm can make N2
    v9_t1_nx_m0_stage: str | None = None  #: AJCC version 9 stage for T1 NX M0, if it has one
    edition: str = "ajcc8"  #: the edition this data belongs to (one of :data:`EDITIONS`)
    notes: tuple[str, ...] = ()  #: site notes and ambiguities resolved (fact base section 8)

    def level(self, key: str) -> InvasionLevel:
        """Return the invasion level ``key`` (``KeyError`` if the site has none)."""
        for level in self.invasion_levels:
            if level.key == key:
                return level
        raise KeyError(key)

    @property
    def invasion_keys(self) -> tuple[str, ...]:
        """The invasion keywords of this site, in anatomical order."""
        return tuple(level.key for level in self.invasion_levels)


#: Order of T categories, used to take "the higher of" depth and size. T1a and T1 rank alike
#: (the size band wins a tie, being the more specific); T1b sits between T1 and T2.
T_RANK: dict[str, float] = {"T1": 1.0, "T1a": 1.0, "T1b": 1.5, "T2": 2.0, "T3": 3.0, "T4": 4.0}

#: What each ``metastasis`` word means, its M category and the rule in words [S1, S2, S3, S4].
METASTASIS_CATEGORIES: dict[str, tuple[str, str, str]] = {
    "none": ("M0", "No distant metastasis", "no distant metastasis"),
    "hepatic": ("M1a", "Liver only", "metastasis confined to the liver"),
    "extrahepatic": (
        "M1b",
        "Beyond the liver only (e.g. lung, bone, peritoneum, distant nodes)",
        "metastasis in at least one site outside the liver (such as lung, ovary, non-regional "
        "lymph node, peritoneum or bone), none in the liver",
    ),
    "both": ("M1c", "Both liver and beyond", "metastasis in the liver and outside it"),
}

M_DEFINITIONS: tuple[tuple[str, str], ...] = (
    ("M0", "No distant metastasis."),
    ("M1a", "Metastasis confined to the liver."),
    ("M1b", "Metastasis in at least one site outside the liver (lung, ovary, non-regional "
     "lymph node, peritoneum, bone), none in the liver."),
    ("M1c", "Metastasis both in the liver and outside it."),
)

#: The scope of the AJCC 8th NET chapters (sources: S3, S12; shown apart, in words).
SCOPE_NOTE = (
    "These AJCC 8th edition chapters stage well-differentiated neuroendocrine tumours (NETs) "
    "only. Poorly differentiated neuroendocrine carcinomas (NEC) and mixed tumours (MiNEN) are "
    "staged with the carcinoma system of the same organ. Hormone production does not enter "
    "staging."
)

# --- building blocks shared by several sites -------------------------------------------------

_MUCOSA = InvasionLevel(
    "mucosa", "Mucosa (the inner lining)", "T1", "confined to the mucosa (lamina propria)"
)
_SUBMUCOSA = InvasionLevel(
    "submucosa", "Submucosa (the layer under the lining)", "T1", "reaches the submucosa"
)
_MUSCULARIS = InvasionLevel(
    "muscularis_propria",
    "Muscularis propria (the main muscle layer)",
    "T2",
    "invades the muscularis propria",
)
_SUBSEROSA = InvasionLevel(
    "subserosa",
    "Subserosa (tissue under the outer covering; covering intact)",
    "T3",
    "grows through the muscularis propria into the subserosal tissue, serosa intact",
)
_SEROSA = InvasionLevel(
    "serosa",
    "Through the serosa (the outer covering, visceral peritoneum)",
    "T4",
    "penetrates the visceral peritoneum (serosa)",
)
_ADJACENT = InvasionLevel(
    "adjacent_organs",
    "Into neighbouring organs or structures",
    "T4",
    "invades other organs or adjacent structures",
)
_LUMINAL_LEVELS = (_MUCOSA, _SUBMUCOSA, _MUSCULARIS, _SUBSEROSA, _SEROSA, _ADJACENT)

_ONE_CM = (
    SizeBand(1.0, True, "T1", "1 cm or smaller"),
    SizeBand(None, False, "T2", "larger than 1 cm"),
)

_N01 = (
    ("NX", "Regional lymph nodes cannot be assessed."),
    ("N0", "No regional lymph node metastasis."),
    ("N1", "Regional lymph node metastasis (any number of nodes)."),
)

_T_LUMINAL_1CM = (
    ("T1", "Invades the lamina propria or submucosa, and 1 cm or smaller."),
    ("T2", "Invades the muscularis propria, or larger than 1 cm."),
    ("T3", "Through the muscularis propria into subserosal tissue, serosa not penetrated."),
    ("T4", "Invades the visceral peritoneum (serosa) or other organs or adjacent structures."),
)


def _simple_stage_table(n_positive: tuple[str, ...]) -> tuple[StageRow, ...]:
    """Stage table shared by stomach, duodenum/ampulla, jejunum/ileum, appendix and pancreas."""
    return (
        StageRow("I", ("T1",), ("N0",), ("M0",), "T1, N0, M0"),
        StageRow("II", ("T2", "T3"), ("N0",), ("M0",), "T2 or T3, N0, M0"),
        StageRow("III", ("T4",), ("N0",), ("M0",), "T4, N0, M0"),
        StageRow("III", None, n_positive, ("M0",), f"any T, {' or '.join(n_positive)}, M0"),
        StageRow("IV", None, None, ("M1a", "M1b", "M1c"), "any T, any N, M1"),
    )


_HIGHEST_T = "T is taken from the tumour with the highest T"

# --- the seven sites ---------------------------------------------------------------------------

_STOMACH = SiteTNM(
    site="stomach",
    label="Stomach",
    chapter="chapter 29",
    citation="AJCC 8th ed., stomach",
    source_keys=("AJCC8", "S1", "S3", "S4"),
    invasion_levels=_LUMINAL_LEVELS,
    size_bands=_ONE_CM,
    t_definitions=_T_LUMINAL_1CM,
    n_definitions=_N01,
    stage_table=_simple_stage_table(("N1",)),
    multiple_tumours=_HIGHEST_T,
    v9_t1_nx_m0_stage="I",
    notes=("Exactly 1.0 cm with invasion no deeper than the submucosa is T1; 1.1 cm is T2.",),
)

_DUODENUM = SiteTNM(
    site="duodenum",
    label="Duodenum",
    chapter="chapter 30",
    citation="AJCC 8th ed., duodenum and ampulla",
    source_keys=("AJCC8", "S1", "S3"),
    invasion_levels=(
        _MUCOSA,
        _SUBMUCOSA,
        _MUSCULARIS,
        InvasionLevel(
            "pancreas_or_peripancreatic",
            "Into the pancreas or the fat around it",
            "T3",
            "invades the pancreas or peripancreatic adipose tissue",
        ),
        _SEROSA,
        _ADJACENT,
    ),
    size_bands=_ONE_CM,
    t_definitions=(
        ("T1", "Invades the mucosa or submucosa only, and 1 cm or smaller."),
        ("T2", "Invades the muscularis propria, or larger than 1 cm."),
        ("T3", "Invades the pancreas or peripancreatic adipose tissue."),
        ("T4", "Invades the visceral peritoneum (serosa) or other organs."),
    ),
    n_definitions=_N01,
    stage_table=_simple_stage_table(("N1",)),
    multiple_tumours=_HIGHEST_T + " (general AJCC rule; no site footnote seen)",
    v9_t1_nx_m0_stage="I",
    notes=(
        "T2 is 'larger than 1 cm' as in the NCI PDQ reprint; one summary prints '1 cm or "
        "larger', read as a typo, so exactly 1.0 cm is T1 (fact base 8.2).",
        "AJCC 8th defines no subserosal category here, so it is not offered (fact base 8.6).",
        "The M1a/M1b/M1c split is standard across the 8th-edition NET chapters; the duodenum "
        "and ampulla reprint only lists M1 (wording unverified).",
    ),
)

_AMPULLA = SiteTNM(
    site="ampulla",
    label="Ampulla of Vater",
    chapter="chapter 30",
    citation="AJCC 8th ed., duodenum and ampulla",
    source_keys=("AJCC8", "S1", "S3"),
    invasion_levels=(
        InvasionLevel(
            "sphincter_of_oddi",
            "Confined within the sphincter of Oddi",
            "T1",
            "confined within the sphincter of Oddi",
        ),
        InvasionLevel(
            "submucosa",
            "Through the sphincter into the duodenal submucosa",
            "T2",
            "grows through the sphincter into the duodenal submucosa",
        ),
        InvasionLevel(
            "muscularis_propria",
            "Through the sphincter into the duodenal muscularis propria",
            "T2",
            "grows through the sphincter into the duodenal muscularis propria",
        ),
        InvasionLevel(
            "pancreas_or_peripancreatic",
            "Into the pancreas or the fat around it",
            "T3",
            "invades the pancreas or peripancreatic adipose tissue",
        ),
        _SEROSA,
        _ADJACENT,
    ),
    size_bands=_ONE_CM,
    t_definitions=(
        ("T1", "1 cm or smaller and confined within the sphincter of Oddi."),
        ("T2", "Through the sphincter into the duodenal submucosa or muscularis propria, or "
         "larger than 1 cm."),
        ("T3", "Invades the pancreas or peripancreatic adipose tissue."),
        ("T4", "Invades the visceral peritoneum (serosa) or other organs."),
    ),
    n_definitions=_N01,
    stage_table=_simple_stage_table(("N1",)),
    multiple_tumours=_HIGHEST_T + " (general AJCC rule; no site footnote seen)",
    v9_t1_nx_m0_stage=None,  # not confirmed: the v9 summary names the duodenum only
    notes=_DUODENUM.notes,
)

_JEJUNUM_ILEUM = SiteTNM(
    site="jejunum_ileum",
    label="Jejunum and ileum",
    chapter="chapter 31",
    citation="AJCC 8th ed., jejunum and ileum",
    source_keys=("AJCC8", "S1", "S3", "S7"),
    invasion_levels=_LUMINAL_LEVELS,
    size_bands=_ONE_CM,
    t_definitions=_T_LUMINAL_1CM,
    n_definitions=(
        ("NX", "Regional lymph nodes cannot be assessed."),
        ("N0", "No regional lymph node metastasis."),
        ("N1", "Regional lymph node metastasis in fewer than 12 nodes."),
        ("N2", "Large mesenteric mass(es) larger than 2 cm and/or extensive nodal deposits "
         "(12 or more nodes), especially those encasing the superior mesenteric vessels."),
    ),
    stage_table=_simple_stage_table(("N1", "N2")),
    multiple_tumours=_HIGHEST_T,
    n2_min_nodes=12,
    has_mesenteric_mass=True,
    notes=(
        "A mesenteric mass larger than 2 cm makes N2 even when no positive node was counted "
        "(the definition reads 'and/or'; fact base 8.5). We read it the same way when nodes "
        "were not assessed, since the mass is itself the nodal finding.",
    ),
)

_APPENDIX = SiteTNM(
    site="appendix",
    label="Appendix",
    chapter="chapter 32",
    citation="AJCC 8th ed., appendix",
    source_keys=("AJCC8", "S1", "S3"),
    invasion_levels=(
        InvasionLevel("mucosa", _MUCOSA.label, "T1", "confined to the mucosa"),
        InvasionLevel("submucosa", _SUBMUCOSA.label, "T1", "reaches the submucosa"),
        InvasionLevel(
            "muscularis_propria",
            _MUSCULARIS.label,
            "T1",
            "reaches the muscularis propria (depth does not count for T1 and T2 here)",
        ),
        InvasionLevel("subserosa", _SUBSEROSA.label, "T3", "invades the subserosa"),
        InvasionLevel(
            "mesoappendix",
            "Into the mesoappendix (the fatty fold that holds the appendix)",
            "T3",
            "involves the mesoappendix",
        ),
        InvasionLevel(
            "serosa",
            "Perforates the peritoneum (serosa)",
            "T4",
            "perforates the peritoneum",
        ),
        InvasionLevel(
            "adjacent_organs",
            "Into neighbouring organs or structures (e.g. abdominal wall)",
            "T4",
            "directly invades adjacent organs or structures (not mere mural extension into "
            "the subserosa of adjacent bowel)",
        ),
    ),
    size_bands=(
        SizeBand(2.0, True, "T1", "2 cm or smaller"),
        SizeBand(4.0, True, "T2", "larger than 2 cm but not larger than 4 cm"),
        SizeBand(None, False, "T3", "larger than 4 cm"),
    ),
    t_definitions=(
        ("T1", "2 cm or smaller (size only)."),
        ("T2", "Larger than 2 cm but not larger than 4 cm."),
        ("T3", "Larger than 4 cm, or subserosal invasion, or involvement of the mesoappendix."),
        ("T4", "Perforates the peritoneum, or directly invades adjacent organs or structures."),
    ),
    n_definitions=_N01,
    stage_table=_simple_stage_table(("N1",)),
    multiple_tumours=_HIGHEST_T + " (general AJCC rule; no site footnote seen)",
    v9_t1_nx_m0_stage="I",
    notes=(
        "T1 and T2 ignore depth: a 1.5 cm tumour in the muscularis propria is T1, a 0.9 cm "
        "tumour reaching the subserosa is T3.",
        "The 7th edition split T1 into T1a and T1b; the 8th has a single T1.",
        "ENETS uses a different appendix TNM; the two systems are not mixed here.",
    ),
)

_COLON_RECTUM = SiteTNM(
    site="colon_rectum",
    label="Colon and rectum",
    chapter="chapter 33",
    citation="AJCC 8th ed., colon and rectum",
    source_keys=("AJCC8", "S1", "S3"),
    invasion_levels=(
        InvasionLevel("mucosa", _MUCOSA.label, "T1", _MUCOSA.rule),
        InvasionLevel("submucosa", _SUBMUCOSA.label, "T1", _SUBMUCOSA.rule),
        _MUSCULARIS,
        InvasionLevel(
            "subserosa",
            "Subserosa or the fat around the bowel (covering intact)",
            "T3",
            "grows through the muscularis propria into subserosal tissue or non-peritonealised "
            "pericolic or perirectal tissue",
        ),
        _SEROSA,
        _ADJACENT,
    ),
    size_bands=(
        SizeBand(1.0, False, "T1a", "smaller than 1 cm"),
        SizeBand(2.0, True, "T1b", "1 to 2 cm"),
        SizeBand(None, False, "T2", "larger than 2 cm"),
    ),
    t_definitions=(
        ("T1", "Invades the lamina propria or submucosa, and 2 cm or smaller."),
        ("T1a", "Smaller than 1 cm."),
        ("T1b", "1 to 2 cm."),
        ("T2", "Invades the muscularis propria, or larger than 2 cm with lamina propria or "
         "submucosal invasion."),
        ("T3", "Through the muscularis propria into subserosal tissue or non-peritonealised "
         "pericolic or perirectal tissue."),
        ("T4", "Invades the visceral peritoneum (serosa) or other organs or adjacent "
         "structures."),
    ),
    n_definitions=_N01,
    stage_table=(
        StageRow("I", ("T1",), ("N0",), ("M0",), "T1, N0, M0"),
        StageRow("IIA", ("T2",), ("N0",), ("M0",), "T2, N0, M0"),
        StageRow("IIB", ("T3",), ("N0",), ("M0",), "T3, N0, M0"),
        StageRow("IIIA", ("T4",), ("N0",), ("M0",), "T4, N0, M0"),
        StageRow("IIIB", None, ("N1",), ("M0",), "any T, N1, M0"),
        StageRow("IV", None, None, ("M1a", "M1b", "M1c"), "any T, any N, M1"),
    ),
    multiple_tumours=_HIGHEST_T,
    v9_t1_nx_m0_stage="I",
    notes=(
        "Exactly 1.0 cm is T1b under the AJCC 8th wording (T1a smaller than 1 cm, T1b 1 to "
        "2 cm); newer wording (1 cm or smaller for T1a) would make it T1a. Stage I either way "
        "(fact base 8.1).",
    ),
)

_PANCREAS = SiteTNM(
    site="pancreas",
    label="Pancreas",
    chapter="chapter 34",
    citation="AJCC 8th ed., pancreas",
    source_keys=("AJCC8", "S2", "S3", "S13"),
    invasion_levels=(
        InvasionLevel("pancreas", "Limited to the pancreas", "T1", "limited to the pancreas"),
        InvasionLevel(
            "peripancreatic_fat",
            "Into the fat around the pancreas only (does not change T)",
            "T1",
            "extends only into peripancreatic fat, which is not used for staging",
        ),
        InvasionLevel(
            "duodenum_or_bile_duct",
            "Into the duodenum or the common bile duct",
            "T3",
            "invades the duodenum or common bile duct",
        ),
        InvasionLevel(
            "adjacent_organs",
            "Into neighbouring organs (stomach, spleen, colon, adrenal gland)",
            "T4",
            "invades adjacent organs (stomach, spleen, colon, adrenal gland)",
        ),
        InvasionLevel(
            "large_vessels",
            "Into the wall of large vessels (celiac axis, superior mesenteric artery)",
            "T4",
            "invades the wall of large vessels (celiac axis or superior mesenteric artery)",
        ),
    ),
    size_bands=(
        SizeBand(2.0, False, "T1", "smaller than 2 cm"),
        SizeBand(4.0, True, "T2", "2 to 4 cm"),
        SizeBand(None, False, "T3", "larger than 4 cm"),
    ),
    t_definitions=(
        ("T1", "Limited to the pancreas, smaller than 2 cm."),
        ("T2", "Limited to the pancreas, 2 to 4 cm."),
        ("T3", "Limited to the pancreas and larger than 4 cm, or invading the duodenum or "
         "common bile duct."),
        ("T4", "Invades adjacent organs (stomach, spleen, colon, adrenal gland) or the wall of "
         "large vessels (celiac axis, superior mesenteric artery)."),
    ),
    n_definitions=_N01,
    stage_table=_simple_stage_table(("N1",)),
    multiple_tumours="T is taken from the largest tumour",
    notes=(
        "Exactly 2.0 cm is T2 (T1 is strictly smaller than 2 cm); 4.0 cm is T2, 4.1 cm T3 "
        "(fact base 8.3).",
        "Whether AJCC 8th covers pancreatic NET G3 is disputed; version 9 includes it "
        "explicitly (fact base 8.7).",
        "ENETS keeps IIA/IIB/IIIA/IIIB sub-stages for the pancreas; AJCC 8th does not.",
    ),
)

#: AJCC 8th TNM data for each site, keyed by the site keyword.
SITE_TNM: dict[str, SiteTNM] = {
    s.site: s
    for s in (
        _STOMACH,
        _DUODENUM,
        _AMPULLA,
        _JEJUNUM_ILEUM,
        _APPENDIX,
        _COLON_RECTUM,
        _PANCREAS,
    )
}

#: The seven site keywords, from the top of the digestive tract down, then the pancreas.
SITES: tuple[str, ...] = tuple(SITE_TNM)

#: Wall depths used to compare sites side by side (luminal vocabulary, fact base section 0.1).
COMPARISON_DEPTHS: tuple[tuple[str, str], ...] = (
    ("Mucosa (the inner lining)", "mucosa"),
    ("Submucosa", "submucosa"),
    ("Muscularis propria (the main muscle layer)", "muscularis_propria"),
    ("Subserosa (serosa intact)", "subserosa"),
    ("Through the serosa", "serosa"),
    ("Into neighbouring organs", "adjacent_organs"),
)

#: How a comparison depth reads at sites whose vocabulary differs. ``None``: not defined there.
#: The pancreas has no wall layers: a tumour that has not left the gland is "limited to the
#: pancreas" (fact base section 6: "if limited to the organ, T1 in the pancreas").
COMPARISON_OVERRIDES: dict[str, dict[str, str | None]] = {
    "pancreas": {
        "mucosa": "pancreas",
        "submucosa": "pancreas",
        "muscularis_propria": "pancreas",
        "subserosa": None,
        "serosa": None,
    },
    "ampulla": {"mucosa": None},
    "duodenum": {"subserosa": None},
}


# --- editions: AJCC Version 9 beside AJCC 8th (fact base sections 1.7 and 1.8) ----------------

#: The editions :func:`gepnet_widgets.staging.stage_tumor` knows, the current one first.
EDITIONS: tuple[str, ...] = ("ajcc9", "ajcc8")

#: How each edition is named to learners.
EDITION_LABELS: dict[str, str] = {
    "ajcc9": "AJCC Version 9 (2023; US cases diagnosed from 2024)",
    "ajcc8": "AJCC 8th edition (2017; US cases 2018-2023)",
}
EDITION_SHORT: dict[str, str] = {"ajcc9": "AJCC Version 9", "ajcc8": "AJCC 8th edition"}

#: The sources of each edition's rules (keys of :data:`gepnet_widgets.sources.SOURCES`).
EDITION_SOURCE_KEYS: dict[str, tuple[str, ...]] = {
    "ajcc9": ("S5", "S7", "S3", "S11", "S6"),
    "ajcc8": ("AJCC8", "S1", "S2"),
}

#: How sure a rule of an edition is, in a learner's words (fact base 1.8: P, S, I; and U for a
#: point the course could not confirm, worded as :data:`gepnet_widgets.sources.LEVEL_WORDS`
#: words an unverified statement).
CONFIDENCE_WORDS: dict[str, str] = {
    "P": "from the edition's text",
    "S": "from a published summary",
    "I": "no change found from the 8th edition (inferred)",
    "U": f"not confirmed ({LEVEL_WORDS['unverified']})",
}

#: The scope of each edition's NET chapters (fact base 1.0 and 1.8) [S3, S5, S6, S12].
SCOPE_NOTES: dict[str, str] = {
    "ajcc8": SCOPE_NOTE,
    "ajcc9": (
        "These AJCC Version 9 chapters stage neuroendocrine tumours (NETs) of grade G1, G2 and "
        "G3. Poorly differentiated neuroendocrine carcinomas (NEC) and mixed tumours (MiNEN) "
        "are staged with the carcinoma chapter of the same organ (for the pancreas: the "
        "exocrine pancreas chapter). Hormone production does not enter staging."
    ),
}

#: Sites where Version 9 makes T1 NX M0 stage I (fact base 1.8, from a published summary).
#: The ampulla is left out on purpose: the summary names the duodenum only (unverified).
V9_T1_NX_M0_SITES: tuple[str, ...] = ("stomach", "duodenum", "appendix", "colon_rectum")


@dataclass(frozen=True)
class EditionChange:
    """One row of the side-by-side table of AJCC 8th and Version 9 (fact base 1.8)."""

    point: str
    ajcc8: str
    ajcc9: str
    confidence: str  #: "P", "S", "I" or "U" (see :data:`CONFIDENCE_WORDS`)
    sources: tuple[str, ...]
    changes_result: bool  #: whether it can change a T, N, M or stage the logic gives


EDITION_CHANGES: tuple[EditionChange, ...] = (
    EditionChange(
        "T1 NX M0 (small tumour, lymph nodes not examined) at the stomach, duodenum, appendix, "
        "colon and rectum",
        "No stage group: the stage is unknown.",
        "Stage I. This recognises tumours removed through an endoscope or with the appendix, "
        "where no lymph nodes come with the specimen.",
        "S", ("S5",), True),
    EditionChange(
        "T1 NX M0 at the ampulla of Vater",
        "No stage group.",
        "Not confirmed: Version 9's published summary names only the duodenum, not the "
        "ampulla, so the course gives no stage group here (as under the 8th edition).",
        "U", ("S5",), False),
    EditionChange(
        "T1 NX M0 at the jejunum and ileum, and at the pancreas",
        "No stage group.",
        "Still no stage group: these sites are not in Version 9's list.",
        "S", ("S5", "S7"), False),
    EditionChange(
        "Colon or rectum, a tumour of exactly 1.0 cm (no deeper than the submucosa)",
        "T1b (T1a is smaller than 1 cm; T1b is 1 to 2 cm).",
        "T1a (T1a is 1 cm or smaller; T1b is larger than 1 cm up to 2 cm). Stage I either way.",
        "S", ("S3",), True),
    EditionChange(
        "Which tumours the chapters stage",
        "Well-differentiated NETs (whether NET G3 is included is read differently by "
        "different sources).",
        "NET G1, G2 and G3; NEC and MiNEN go to the organ's carcinoma chapter.",
        "S", ("S5", "S6"), False),
    EditionChange(
        "Wording of T1",
        "Invades the lamina propria or submucosa.",
        "Invades the mucosa or submucosa (a clarification; no size or depth limit changed).",
        "S", ("S3", "S7"), False),
    EditionChange(
        "Wording of N1",
        "Regional lymph node metastasis.",
        "Tumour involvement of regional lymph node(s).",
        "S", ("S3",), False),
    EditionChange(
        "Jejunum and ileum: a mesenteric mass of 2 cm or less",
        "Not addressed in the 8th edition text seen.",
        "Reported, but does not change N or the stage.",
        "S", ("S7",), False),
    EditionChange(
        "Size and depth limits, N and M categories, all other stage groups",
        "As in the 8th edition tables.",
        "No change found (the Version 9 tables were not seen for every site; US registries "
        "reuse the 8th-edition code tables).",
        "I", ("S11",), False),
)


def _v9_luminal_t(definitions: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """Version 9 T1 wording: "mucosa or submucosa" instead of "lamina propria or submucosa"."""
    return tuple(
        (t, text.replace("lamina propria or submucosa", "mucosa or submucosa") if t == "T1"
         else text)
        for t, text in definitions
    )


def _v9_n(definitions: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """Version 9 N wording: "tumour involvement of regional lymph node(s)"."""
    out = []
    for n, text in definitions:
        if n == "N1":
            text = text.replace("Regional lymph node metastasis",
                                "Tumour involvement of regional lymph node(s)")
        out.append((n, text))
    return tuple(out)


def _v9_stage_table(data: SiteTNM) -> tuple[StageRow, ...]:
    if data.site not in V9_T1_NX_M0_SITES:
        return data.stage_table
    first, *rest = data.stage_table
    nx_row = StageRow("I", ("T1",), ("NX",), ("M0",), "T1, NX, M0 (new in Version 9)")
    return (first, nx_row, *rest)


_V9_NOTES: dict[str, tuple[str, ...]] = {
    "duodenum": ("Version 9 makes T1 NX M0 stage I here (published summary).",),
    "ampulla": (
        "Version 9 and T1 NX M0 at the ampulla: the published summary names the duodenum only. "
        "Whether the ampulla is included was not confirmed, so no stage group is given.",
    ),
    "jejunum_ileum": (
        "A mesenteric mass larger than 2 cm makes N2 even when no positive node was counted "
        "(the definition reads 'and/or').",
        "Version 9: mesenteric masses of 2 cm or less are reported but do not change N or the "
        "stage.",
        "Version 9 transcription reads 'use the largest tumour to assign T' for several "
        "tumours; this may be a transcription slip (unverified), so the course keeps the "
        "highest T.",
    ),
    "colon_rectum": (
        "Exactly 1.0 cm is T1a under Version 9 (T1a 1 cm or smaller, T1b larger than 1 cm up "
        "to 2 cm) and T1b under the 8th edition. Stage I either way.",
        "Whether the IIA-IIIB sub-stages are kept in Version 9 was not seen (inferred).",
    ),
    "pancreas": (
        "Exactly 2.0 cm is T2 (T1 is strictly smaller than 2 cm); 4.0 cm is T2, 4.1 cm T3. "
        "Version 9 pancreas T wording was not seen (inferred unchanged).",
        "Version 9 stages pancreatic NET G3 explicitly.",
    ),
}

_V9_COLON_BANDS = (
    SizeBand(1.0, True, "T1a", "1 cm or smaller"),
    SizeBand(2.0, True, "T1b", "larger than 1 cm, up to 2 cm"),
    SizeBand(None, False, "T2", "larger than 2 cm"),
)


def _v9(data: SiteTNM) -> SiteTNM:
    """The Version 9 data of a site: the 8th-edition data with the changes of fact base 1.8."""
    t_definitions = _v9_luminal_t(data.t_definitions)
    size_bands = data.size_bands
    if data.site == "colon_rectum":
        size_bands = _V9_COLON_BANDS
        t_definitions = tuple(
            (t, {"T1a": "1 cm or smaller.", "T1b": "Larger than 1 cm, up to 2 cm."}.get(t, text))
            for t, text in t_definitions
        )
    keys = ("S5", "S7", "S3") if data.site == "jejunum_ileum" else ("S5", "S3", "S11")
    if data.site == "pancreas":
        keys = ("S5", "S6", "S11")
    return replace(
        data,
        edition="ajcc9",
        citation=data.citation.replace("AJCC 8th ed.", "AJCC Version 9"),
        source_keys=keys,
        size_bands=size_bands,
        t_definitions=t_definitions,
        n_definitions=_v9_n(data.n_definitions),
        stage_table=_v9_stage_table(data),
        notes=_V9_NOTES.get(data.site, data.notes),
    )


#: Every site's data per edition: ``SITE_TNM_BY_EDITION["ajcc9"]["stomach"]``.
SITE_TNM_BY_EDITION: dict[str, dict[str, SiteTNM]] = {
    "ajcc8": SITE_TNM,
    "ajcc9": {site: _v9(data) for site, data in SITE_TNM.items()},
}
