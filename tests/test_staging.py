"""Independent checks of the AJCC 8th edition TNM staging of GEP-NETs (`edition="ajcc8"`).

Every expected value below is copied by hand from the project fact base
(``shared/reference/gepnet-facts.md``), not from the code under test:

* section 0.1 - which ``invasion`` keyword exists at which site;
* section 0.2 - ``metastasis`` words -> M0/M1a/M1b/M1c, ``None`` nodes -> NX, no guessed stage;
* section 1.0 - M categories common to all chapters, stage IV = any T, any N (incl. NX), M1,
  the (m) suffix for multiple primaries, which does not change the stage group;
* sections 1.1-1.6 - the AJCC 8th edition T, N and stage tables of the seven sites
  (chapters 29-34: stomach, duodenum/ampulla, jejunum/ileum, appendix, colon/rectum, pancreas);
* section 6 - the teaching points (same 1.5 cm tumour, different T by site; N2 only at
  jejunum/ileum; A/B sub-stages only at colon/rectum);
* section 8 - the ambiguity register (8.1 colorectal 1.0 cm -> T1b, 8.2 duodenum 1.0 cm -> T1,
  8.3 pancreas 2.0 cm -> T2, 8.4 T1 NX M0 -> no stage, 8.5 mesenteric mass > 2 cm with 0 nodes
  -> N2, 8.6 no subserosa at duodenum/ampulla).
"""

from __future__ import annotations

import doctest
import math
import re
from dataclasses import FrozenInstanceError

import pytest

import gepnet_widgets.staging
from gepnet_widgets.staging import (
    SITES,
    invasion_options,
    m_definitions,
    metastasis_options,
    n_definitions,
    site_label,
    site_tnm,
    t_definitions,
)
from gepnet_widgets.staging import stage_table as _stage_table
from gepnet_widgets.staging import stage_tumor as _stage_tumor

# Every check in this file is of the AJCC 8th edition (the Version 9 differences are tested in
# test_staging_editions.py), so the edition is given explicitly.


def stage_tumor(*args, **kwargs):
    return _stage_tumor(*args, **{"edition": "ajcc8", **kwargs})


def stage_table(site):
    return _stage_table(site, edition="ajcc8")


SEVEN_SITES = (
    "stomach",
    "duodenum",
    "ampulla",
    "jejunum_ileum",
    "appendix",
    "colon_rectum",
    "pancreas",
)

# --- fact base section 0.1: invasion vocabulary by site ----------------------------------------

_LUMINAL = {"mucosa", "submucosa", "muscularis_propria", "subserosa", "serosa", "adjacent_organs"}
INVASION_BY_SITE: dict[str, set[str]] = {
    "stomach": set(_LUMINAL),
    "duodenum": {
        "mucosa",
        "submucosa",
        "muscularis_propria",
        "pancreas_or_peripancreatic",
        "serosa",
        "adjacent_organs",
    },
    "ampulla": {
        "sphincter_of_oddi",
        "submucosa",
        "muscularis_propria",
        "pancreas_or_peripancreatic",
        "serosa",
        "adjacent_organs",
    },
    "jejunum_ileum": set(_LUMINAL),
    "appendix": _LUMINAL | {"mesoappendix"},
    "colon_rectum": set(_LUMINAL),
    "pancreas": {
        "pancreas",
        "peripancreatic_fat",
        "duodenum_or_bile_duct",
        "adjacent_organs",
        "large_vessels",
    },
}
ALL_INVASION_WORDS = sorted(set().union(*INVASION_BY_SITE.values()))
METASTASIS_TO_M = {"none": "M0", "hepatic": "M1a", "extrahepatic": "M1b", "both": "M1c"}

# Words that identify the site in the source of every explanation line.
SITE_WORD = {
    "stomach": "stomach",
    "duodenum": "duodenum",
    "ampulla": "ampulla",
    "jejunum_ileum": "jejunum",
    "appendix": "appendix",
    "colon_rectum": "colon",
    "pancreas": "pancreas",
}


def _t(site, size, invasion, **kw):
    return stage_tumor(site, size, invasion, 0, "none", **kw).t


# --- 0.1 vocabulary -------------------------------------------------------------------------------


def test_sites_are_the_seven_keywords():
    assert tuple(SITES) == SEVEN_SITES


@pytest.mark.parametrize("site", SEVEN_SITES)
def test_invasion_vocabulary_per_site(site):
    keys = [key for _label, key in invasion_options(site)]
    assert len(keys) == len(set(keys))
    assert set(keys) == INVASION_BY_SITE[site]
    assert all(label.strip() for label, _key in invasion_options(site))


@pytest.mark.parametrize(
    ("site", "invasion"),
    [
        (site, word)
        for site in SEVEN_SITES
        for word in ALL_INVASION_WORDS
        if word not in INVASION_BY_SITE[site]
    ],
)
def test_invasion_word_not_used_at_site_is_rejected(site, invasion):
    with pytest.raises(ValueError) as err:
        stage_tumor(site, 1.0, invasion, 0, "none")
    msg = str(err.value)
    assert repr(invasion) in msg
    for allowed in INVASION_BY_SITE[site]:
        assert allowed in msg


@pytest.mark.parametrize("site", ["duodenum", "ampulla"])
def test_no_subserosa_at_duodenum_or_ampulla(site):
    """Fact base 0.1 and 8.6: AJCC 8th has no subserosal category there."""
    with pytest.raises(ValueError, match="'subserosa'"):
        stage_tumor(site, 0.5, "subserosa", 0, "none")


# --- T rules (sections 1.1-1.6 and 8) -------------------------------------------------------------

T_CASES = [
    # stomach, section 1.1 (boundary 1.0 -> T1, 1.1 -> T2)
    ("stomach", 0.5, "mucosa", "T1"),
    ("stomach", 1.0, "mucosa", "T1"),
    ("stomach", 1.0, "submucosa", "T1"),
    ("stomach", 1.1, "mucosa", "T2"),
    ("stomach", 1.1, "submucosa", "T2"),
    ("stomach", 0.5, "muscularis_propria", "T2"),
    ("stomach", 3.0, "muscularis_propria", "T2"),
    ("stomach", 0.5, "subserosa", "T3"),
    ("stomach", 3.0, "subserosa", "T3"),
    ("stomach", 0.5, "serosa", "T4"),
    ("stomach", 0.5, "adjacent_organs", "T4"),
    ("stomach", 6.0, "adjacent_organs", "T4"),
    # duodenum, section 1.2 and 8.2 (">1 cm": 1.0 -> T1)
    ("duodenum", 0.5, "mucosa", "T1"),
    ("duodenum", 1.0, "mucosa", "T1"),
    ("duodenum", 1.0, "submucosa", "T1"),
    ("duodenum", 1.1, "mucosa", "T2"),
    ("duodenum", 1.1, "submucosa", "T2"),
    ("duodenum", 0.5, "muscularis_propria", "T2"),
    ("duodenum", 0.5, "pancreas_or_peripancreatic", "T3"),
    ("duodenum", 3.0, "pancreas_or_peripancreatic", "T3"),
    ("duodenum", 0.5, "serosa", "T4"),
    ("duodenum", 0.5, "adjacent_organs", "T4"),
    # ampulla, section 1.2 (T1 needs <=1 cm AND confined within the sphincter of Oddi)
    ("ampulla", 0.5, "sphincter_of_oddi", "T1"),
    ("ampulla", 1.0, "sphincter_of_oddi", "T1"),
    ("ampulla", 1.1, "sphincter_of_oddi", "T2"),
    ("ampulla", 0.5, "submucosa", "T2"),
    ("ampulla", 1.0, "submucosa", "T2"),
    ("ampulla", 0.5, "muscularis_propria", "T2"),
    ("ampulla", 1.1, "muscularis_propria", "T2"),
    ("ampulla", 0.5, "pancreas_or_peripancreatic", "T3"),
    ("ampulla", 2.0, "pancreas_or_peripancreatic", "T3"),
    ("ampulla", 0.5, "serosa", "T4"),
    ("ampulla", 0.5, "adjacent_organs", "T4"),
    # jejunum/ileum, section 1.3
    ("jejunum_ileum", 0.5, "mucosa", "T1"),
    ("jejunum_ileum", 1.0, "mucosa", "T1"),
    ("jejunum_ileum", 1.0, "submucosa", "T1"),
    ("jejunum_ileum", 1.1, "mucosa", "T2"),
    ("jejunum_ileum", 1.1, "submucosa", "T2"),
    ("jejunum_ileum", 0.5, "muscularis_propria", "T2"),
    ("jejunum_ileum", 0.5, "subserosa", "T3"),
    ("jejunum_ileum", 3.0, "subserosa", "T3"),
    ("jejunum_ileum", 0.5, "serosa", "T4"),
    ("jejunum_ileum", 0.5, "adjacent_organs", "T4"),
    # appendix, section 1.4 (size only for T1/T2: <=2 T1, >2-<=4 T2, >4 T3)
    ("appendix", 0.5, "mucosa", "T1"),
    ("appendix", 2.0, "mucosa", "T1"),
    ("appendix", 2.1, "mucosa", "T2"),
    ("appendix", 4.0, "mucosa", "T2"),
    ("appendix", 4.1, "mucosa", "T3"),
    ("appendix", 1.5, "muscularis_propria", "T1"),
    ("appendix", 2.0, "muscularis_propria", "T1"),
    ("appendix", 2.1, "muscularis_propria", "T2"),
    ("appendix", 4.0, "submucosa", "T2"),
    ("appendix", 4.1, "muscularis_propria", "T3"),
    ("appendix", 0.9, "subserosa", "T3"),
    ("appendix", 0.5, "mesoappendix", "T3"),
    ("appendix", 3.0, "mesoappendix", "T3"),
    ("appendix", 5.0, "subserosa", "T3"),
    ("appendix", 0.5, "serosa", "T4"),
    ("appendix", 0.5, "adjacent_organs", "T4"),
    ("appendix", 5.0, "adjacent_organs", "T4"),
    # colon/rectum, section 1.5 and 8.1 (T1a <1 cm, T1b 1-2 cm; 1.0 -> T1b)
    ("colon_rectum", 0.5, "mucosa", "T1a"),
    ("colon_rectum", 0.9, "mucosa", "T1a"),
    ("colon_rectum", 0.9, "submucosa", "T1a"),
    ("colon_rectum", 1.0, "mucosa", "T1b"),
    ("colon_rectum", 1.0, "submucosa", "T1b"),
    ("colon_rectum", 2.0, "submucosa", "T1b"),
    ("colon_rectum", 2.1, "mucosa", "T2"),
    ("colon_rectum", 2.1, "submucosa", "T2"),
    ("colon_rectum", 0.5, "muscularis_propria", "T2"),
    ("colon_rectum", 1.5, "muscularis_propria", "T2"),
    ("colon_rectum", 0.5, "subserosa", "T3"),
    ("colon_rectum", 3.0, "subserosa", "T3"),
    ("colon_rectum", 0.5, "serosa", "T4"),
    ("colon_rectum", 0.5, "adjacent_organs", "T4"),
    # pancreas, section 1.6 and 8.3 (T1 <2 cm, T2 2-4 cm, T3 >4 cm; 2.0 -> T2, 4.0 -> T2)
    ("pancreas", 0.5, "pancreas", "T1"),
    ("pancreas", 1.9, "pancreas", "T1"),
    ("pancreas", 2.0, "pancreas", "T2"),
    ("pancreas", 4.0, "pancreas", "T2"),
    ("pancreas", 4.1, "pancreas", "T3"),
    ("pancreas", 1.9, "peripancreatic_fat", "T1"),
    ("pancreas", 2.0, "peripancreatic_fat", "T2"),
    ("pancreas", 4.1, "peripancreatic_fat", "T3"),
    ("pancreas", 0.5, "duodenum_or_bile_duct", "T3"),
    ("pancreas", 3.0, "duodenum_or_bile_duct", "T3"),
    ("pancreas", 6.0, "duodenum_or_bile_duct", "T3"),
    ("pancreas", 0.5, "adjacent_organs", "T4"),
    ("pancreas", 6.0, "adjacent_organs", "T4"),
    ("pancreas", 0.5, "large_vessels", "T4"),
    ("pancreas", 6.0, "large_vessels", "T4"),
]


@pytest.mark.parametrize(("site", "size", "invasion", "expected"), T_CASES)
def test_t_category(site, size, invasion, expected):
    assert _t(site, size, invasion) == expected


def test_t_cases_cover_every_invasion_word_at_every_site():
    covered = {(site, inv) for site, _size, inv, _t in T_CASES}
    for site in SEVEN_SITES:
        for word in INVASION_BY_SITE[site]:
            assert (site, word) in covered, (site, word)


@pytest.mark.parametrize("size", [0.3, 1.0, 1.9, 2.0, 3.0, 4.0, 4.1, 8.0])
def test_peripancreatic_fat_does_not_change_pancreatic_t(size):
    assert _t("pancreas", size, "peripancreatic_fat") == _t("pancreas", size, "pancreas")


@pytest.mark.parametrize("size", [0.2, 1.0, 1.5, 2.0, 2.1, 3.0, 4.0, 4.1, 7.0])
def test_appendix_depth_to_muscularis_does_not_change_t(size):
    ts = {_t("appendix", size, inv) for inv in ("mucosa", "submucosa", "muscularis_propria")}
    assert len(ts) == 1


@pytest.mark.parametrize(
    ("site", "invasion", "expected"),
    [
        ("stomach", "muscularis_propria", "T2"),
        ("duodenum", "muscularis_propria", "T2"),
        ("jejunum_ileum", "muscularis_propria", "T2"),
        ("colon_rectum", "muscularis_propria", "T2"),
        ("appendix", "muscularis_propria", "T1"),
        ("pancreas", "pancreas", "T1"),
    ],
)
def test_same_tumour_different_t_by_site(site, invasion, expected):
    """Fact base section 6: a 1.5 cm muscularis-invading tumour."""
    assert _t(site, 1.5, invasion) == expected


# --- N rules --------------------------------------------------------------------------------------

N_CASES = [
    *[(site, None, False, "NX") for site in SEVEN_SITES],
    *[(site, 0, False, "N0") for site in SEVEN_SITES],
    *[(site, 1, False, "N1") for site in SEVEN_SITES],
    *[(site, 11, False, "N1") for site in SEVEN_SITES],
    # no N2 outside jejunum/ileum (sections 1.1, 1.2, 1.4-1.6, 6)
    *[(site, n, False, "N1") for site in SEVEN_SITES if site != "jejunum_ileum" for n in (12, 30)],
    # jejunum/ileum, section 1.3 and 8.5
    ("jejunum_ileum", 12, False, "N2"),
    ("jejunum_ileum", 30, False, "N2"),
    ("jejunum_ileum", 60, False, "N2"),
    ("jejunum_ileum", 0, True, "N2"),
    ("jejunum_ileum", 1, True, "N2"),
    ("jejunum_ileum", 11, True, "N2"),
    ("jejunum_ileum", 12, True, "N2"),
]


@pytest.mark.parametrize(("site", "nodes", "mass", "expected"), N_CASES)
def test_n_category(site, nodes, mass, expected):
    inv = "pancreas" if site == "pancreas" else "submucosa"
    r = stage_tumor(site, 0.5, inv, nodes, "none", mesenteric_mass_gt_2cm=mass)
    assert r.n == expected


# --- M rules --------------------------------------------------------------------------------------


@pytest.mark.parametrize("site", SEVEN_SITES)
@pytest.mark.parametrize(("word", "expected"), list(METASTASIS_TO_M.items()))
def test_m_category(site, word, expected):
    inv = "pancreas" if site == "pancreas" else "submucosa"
    assert stage_tumor(site, 0.5, inv, 0, word).m == expected


def test_metastasis_options_and_m_definitions():
    assert [w for _label, w in metastasis_options()] == list(METASTASIS_TO_M)
    assert [m for m, _text in m_definitions()] == ["M0", "M1a", "M1b", "M1c"]


# --- stage tables (sections 1.1-1.6, 1.0 stage IV, 8.4 NX M0 -> no stage) ---------------------

# One input per (site, T): (size, invasion) that gives that T (checked in the test).
T_INPUTS = {
    "stomach": {
        "T1": (0.5, "mucosa"),
        "T2": (0.5, "muscularis_propria"),
        "T3": (0.5, "subserosa"),
        "T4": (0.5, "serosa"),
    },
    "duodenum": {
        "T1": (0.5, "mucosa"),
        "T2": (0.5, "muscularis_propria"),
        "T3": (0.5, "pancreas_or_peripancreatic"),
        "T4": (0.5, "serosa"),
    },
    "ampulla": {
        "T1": (0.5, "sphincter_of_oddi"),
        "T2": (0.5, "submucosa"),
        "T3": (0.5, "pancreas_or_peripancreatic"),
        "T4": (0.5, "adjacent_organs"),
    },
    "jejunum_ileum": {
        "T1": (0.5, "mucosa"),
        "T2": (1.5, "mucosa"),
        "T3": (0.5, "subserosa"),
        "T4": (0.5, "adjacent_organs"),
    },
    "appendix": {
        "T1": (1.0, "mucosa"),
        "T2": (3.0, "mucosa"),
        "T3": (0.5, "mesoappendix"),
        "T4": (0.5, "serosa"),
    },
    "colon_rectum": {
        "T1a": (0.5, "mucosa"),
        "T1b": (1.5, "submucosa"),
        "T2": (0.5, "muscularis_propria"),
        "T3": (0.5, "subserosa"),
        "T4": (0.5, "serosa"),
    },
    "pancreas": {
        "T1": (1.0, "pancreas"),
        "T2": (3.0, "pancreas"),
        "T3": (5.0, "pancreas"),
        "T4": (1.0, "large_vessels"),
    },
}
N_INPUTS = {
    "NX": (None, False),
    "N0": (0, False),
    "N1": (3, False),
    "N2": (12, False),
    "N2 (mass)": (0, True),
}

# M0 stage by (T, N), written out from the fact-base stage tables. None = no AJCC 8th group.
_M0_SIMPLE = {  # sections 1.1 stomach, 1.2 duodenum/ampulla, 1.4 appendix, 1.6 pancreas
    "T1": {"N0": "I", "N1": "III", "NX": None},
    "T2": {"N0": "II", "N1": "III", "NX": None},
    "T3": {"N0": "II", "N1": "III", "NX": None},
    "T4": {"N0": "III", "N1": "III", "NX": None},
}
_M0_JEJUNUM_ILEUM = {  # section 1.3
    "T1": {"N0": "I", "N1": "III", "N2": "III", "N2 (mass)": "III", "NX": None},
    "T2": {"N0": "II", "N1": "III", "N2": "III", "N2 (mass)": "III", "NX": None},
    "T3": {"N0": "II", "N1": "III", "N2": "III", "N2 (mass)": "III", "NX": None},
    "T4": {"N0": "III", "N1": "III", "N2": "III", "N2 (mass)": "III", "NX": None},
}
_M0_COLON_RECTUM = {  # section 1.5
    "T1a": {"N0": "I", "N1": "IIIB", "NX": None},
    "T1b": {"N0": "I", "N1": "IIIB", "NX": None},
    "T2": {"N0": "IIA", "N1": "IIIB", "NX": None},
    "T3": {"N0": "IIB", "N1": "IIIB", "NX": None},
    "T4": {"N0": "IIIA", "N1": "IIIB", "NX": None},
}
M0_STAGE = {
    "stomach": _M0_SIMPLE,
    "duodenum": _M0_SIMPLE,
    "ampulla": _M0_SIMPLE,
    "jejunum_ileum": _M0_JEJUNUM_ILEUM,
    "appendix": _M0_SIMPLE,
    "colon_rectum": _M0_COLON_RECTUM,
    "pancreas": _M0_SIMPLE,
}


def _expected_stage(site, t, n, metastasis):
    if metastasis != "none":  # section 1.0: stage IV = any T, any N (incl. NX), M1
        return "IV"
    return M0_STAGE[site][t][n]


STAGE_CELLS = [
    (site, t, n, meta, _expected_stage(site, t, n, meta))
    for site in SEVEN_SITES
    for t in M0_STAGE[site]
    for n in next(iter(M0_STAGE[site].values()))
    for meta in METASTASIS_TO_M
]


@pytest.mark.parametrize(("site", "t", "n", "metastasis", "expected"), STAGE_CELLS)
def test_stage_cell(site, t, n, metastasis, expected):
    size, invasion = T_INPUTS[site][t]
    nodes, mass = N_INPUTS[n]
    r = stage_tumor(site, size, invasion, nodes, metastasis, mesenteric_mass_gt_2cm=mass)
    assert r.t == t
    assert r.n == n.split()[0]
    assert r.m == METASTASIS_TO_M[metastasis]
    assert r.stage == expected


@pytest.mark.parametrize(("site", "t", "n", "metastasis", "expected"), STAGE_CELLS)
def test_stage_table_data_agrees_with_fact_base(site, t, n, metastasis, expected):
    m = METASTASIS_TO_M[metastasis]
    rows = [row for row in stage_table(site) if row.matches(t[:2], n.split()[0], m)]
    if expected is None:
        assert rows == []
    else:
        assert [row.stage for row in rows] == [expected]


def test_stage_cells_count():
    # 5 simple sites x 4 T x 3 N x 4 M + jejunum 4 x 5 x 4 + colon 5 x 3 x 4
    assert len(STAGE_CELLS) == 5 * 4 * 3 * 4 + 4 * 5 * 4 + 5 * 3 * 4


@pytest.mark.parametrize("site", SEVEN_SITES)
def test_t1_nx_m0_has_no_stage(site):
    """Fact base 0.2 and 8.4: no AJCC 8th group for T1 NX M0; unknown, not guessed."""
    size, invasion = next(iter(T_INPUTS[site].values()))
    r = stage_tumor(site, size, invasion, None, "none")
    assert (r.n, r.m, r.stage) == ("NX", "M0", None)
    assert "no stage" in r.explanation.lower()


def test_only_colon_rectum_has_ab_substages():
    """Fact base section 6."""
    for site in SEVEN_SITES:
        stages = {cell[4] for cell in STAGE_CELLS if cell[0] == site} - {None}
        if site == "colon_rectum":
            assert stages == {"I", "IIA", "IIB", "IIIA", "IIIB", "IV"}
        else:
            assert stages == {"I", "II", "III", "IV"}


# --- multiple tumours: the (m) suffix (section 1.0, 8.12) ----------------------------------------


@pytest.mark.parametrize(
    ("site", "size", "invasion", "count", "expected"),
    [
        ("jejunum_ileum", 0.8, "subserosa", 2, "T3(m)"),
        ("jejunum_ileum", 0.8, "subserosa", 5, "T3(m)"),
        ("stomach", 0.5, "mucosa", 3, "T1(m)"),
        ("colon_rectum", 0.5, "mucosa", 2, "T1a(m)"),
        ("colon_rectum", 1.5, "submucosa", 2, "T1b(m)"),
        ("pancreas", 5.0, "pancreas", 4, "T3(m)"),
        ("appendix", 0.5, "serosa", 2, "T4(m)"),
        ("jejunum_ileum", 0.8, "subserosa", 1, "T3"),
    ],
)
def test_multiple_tumour_suffix(site, size, invasion, count, expected):
    r = stage_tumor(site, size, invasion, 0, "none", tumor_count=count)
    assert r.t == expected
    assert any(line.startswith("(m):") for line in r.explanation.splitlines()) is (count > 1)


@pytest.mark.parametrize("count", [2, 3, 5])
def test_m_suffix_never_changes_stage(count):
    for site, t, n, meta, _expected in STAGE_CELLS:
        size, invasion = T_INPUTS[site][t]
        nodes, mass = N_INPUTS[n]
        args = (site, size, invasion, nodes, meta)
        one = stage_tumor(*args, mesenteric_mass_gt_2cm=mass)
        many = stage_tumor(*args, mesenteric_mass_gt_2cm=mass, tumor_count=count)
        assert many.t == one.t + "(m)"
        assert (many.n, many.m, many.stage) == (one.n, one.m, one.stage)


# --- explanation ----------------------------------------------------------------------------------

_SOURCE_RE = re.compile(r"; (AJCC 8th ed\., [a-z ]+)$")


def test_issue_example_t_line():
    r = stage_tumor("stomach", 1.5, "submucosa", 0, "none")
    assert (r.t, r.n, r.m, r.stage) == ("T2", "N0", "M0", "II")
    assert "T2: larger than 1 cm; AJCC 8th ed., stomach" in r.explanation.splitlines()


@pytest.mark.parametrize(("site", "t", "n", "metastasis", "expected"), STAGE_CELLS[::3])
def test_explanation_has_a_cited_line_per_category(site, t, n, metastasis, expected):
    size, invasion = T_INPUTS[site][t]
    nodes, mass = N_INPUTS[n]
    r = stage_tumor(site, size, invasion, nodes, metastasis, mesenteric_mass_gt_2cm=mass)
    lines = r.explanation.splitlines()
    assert lines == [str(rule) for rule in r.rules]
    for line in lines:
        found = _SOURCE_RE.search(line)
        assert found, line
        assert SITE_WORD[site] in found.group(1), line
    heads = [line.split(":", 1)[0] for line in lines]
    assert r.t in heads
    assert r.n in heads
    assert r.m in heads
    if expected is None:
        assert any(h.lower().startswith("no stage") for h in heads)
    else:
        assert f"Stage {expected}" in heads
    for rule in r.rules:
        assert rule.text.strip()
        assert rule.source.startswith("AJCC 8th ed., ")


def test_mesenteric_mass_is_explained():
    r = stage_tumor("jejunum_ileum", 1.5, "subserosa", 0, "none", mesenteric_mass_gt_2cm=True)
    n_lines = [line for line in r.explanation.splitlines() if line.startswith("N2:")]
    assert n_lines
    assert "mesenteric mass" in n_lines[0]


def test_result_is_immutable():
    r = stage_tumor("stomach", 1.5, "submucosa", 0, "none")
    with pytest.raises(FrozenInstanceError):
        r.t = "T1"  # type: ignore[misc]


# --- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize("site", ["liver", "Stomach", "", "colon", None, 3])
def test_unknown_site(site):
    with pytest.raises(ValueError) as err:
        stage_tumor(site, 1.0, "mucosa", 0, "none")
    msg = str(err.value)
    assert repr(site) in msg
    for allowed in SEVEN_SITES:
        assert allowed in msg


@pytest.mark.parametrize(
    "func", [invasion_options, t_definitions, n_definitions, _stage_table, site_label, site_tnm]
)
def test_site_helpers_reject_unknown_site(func):
    with pytest.raises(ValueError, match="'liver'"):
        func("liver")


@pytest.mark.parametrize(
    ("site", "invasion"),
    [
        ("pancreas", "submucosa"),
        ("pancreas", "serosa"),
        ("stomach", "Mucosa"),
        ("stomach", ""),
        ("appendix", "sphincter"),
        ("colon_rectum", None),
    ],
)
def test_bad_invasion_message(site, invasion):
    with pytest.raises(ValueError) as err:
        stage_tumor(site, 1.0, invasion, 0, "none")
    msg = str(err.value)
    assert repr(invasion) in msg
    for allowed in INVASION_BY_SITE[site]:
        assert allowed in msg
    if site == "pancreas":
        assert "pancreas, peripancreatic_fat" in msg


@pytest.mark.parametrize("size", [0, 0.0, -1, -0.5, math.nan, math.inf, -math.inf])
def test_bad_size(size):
    with pytest.raises(ValueError) as err:
        stage_tumor("stomach", size, "mucosa", 0, "none")
    msg = str(err.value)
    assert "size_cm" in msg
    assert repr(size) in msg
    assert "greater than 0" in msg


@pytest.mark.parametrize("size", ["1.5", None])
def test_non_numeric_size(size):
    with pytest.raises(ValueError) as err:
        stage_tumor("stomach", size, "mucosa", 0, "none")
    msg = str(err.value)
    assert "size_cm" in msg
    assert repr(size) in msg
    assert "number" in msg


@pytest.mark.parametrize("nodes", [-1, -12, 2.5, "3"])
def test_bad_node_count(nodes):
    with pytest.raises(ValueError) as err:
        stage_tumor("stomach", 1.0, "mucosa", nodes, "none")
    msg = str(err.value)
    assert "nodes_positive" in msg
    assert repr(nodes) in msg
    assert "0 or more" in msg


@pytest.mark.parametrize("count", [0, -1, 1.5, "2"])
def test_bad_tumor_count(count):
    with pytest.raises(ValueError) as err:
        stage_tumor("stomach", 1.0, "mucosa", 0, "none", tumor_count=count)
    msg = str(err.value)
    assert "tumor_count" in msg
    assert repr(count) in msg
    assert "1 or more" in msg


@pytest.mark.parametrize("word", ["liver", "Hepatic", "M1a", "", None, "yes"])
def test_bad_metastasis(word):
    with pytest.raises(ValueError) as err:
        stage_tumor("stomach", 1.0, "mucosa", 0, word)
    msg = str(err.value)
    assert repr(word) in msg
    for allowed in METASTASIS_TO_M:
        assert allowed in msg


@pytest.mark.parametrize("site", [s for s in SEVEN_SITES if s != "jejunum_ileum"])
def test_mesenteric_mass_only_at_jejunum_ileum(site):
    inv = "pancreas" if site == "pancreas" else "submucosa"
    with pytest.raises(ValueError) as err:
        stage_tumor(site, 1.0, inv, 0, "none", mesenteric_mass_gt_2cm=True)
    msg = str(err.value)
    assert "mesenteric_mass_gt_2cm" in msg
    assert repr(site) in msg
    assert "jejunum_ileum" in msg
    # False is fine everywhere
    assert stage_tumor(site, 1.0, inv, 0, "none", mesenteric_mass_gt_2cm=False).n == "N0"


# --- doctest --------------------------------------------------------------------------------------


def test_module_doctests_pass():
    result = doctest.testmod(gepnet_widgets.staging, verbose=False)
    assert result.attempted >= 8
    assert result.attempted > 0
    assert result.failed == 0
