"""The AJCC 8th edition TNM data (`gepnet_widgets.tnm_tables`) is complete and cited.

Checked against the project fact base (``shared/reference/gepnet-facts.md``): section 0 (the
seven site keywords, the metastasis words), section 1.0 (M1a/M1b/M1c at all sites; stage IV = any
T, any N, M1), sections 1.1-1.6 (T1-T4 at every site, T1a/T1b at colon/rectum, N2 only at
jejunum/ileum, the size thresholds of chapters 29-34 and one stage-table row per combination),
section 8 (boundary readings 8.1-8.3, 8.4 no stage for NX M0) and section 7 (every source key
resolves in ``gepnet_widgets.sources.SOURCES``).
"""

from __future__ import annotations

import pytest

from gepnet_widgets.sources import SOURCES
from gepnet_widgets.staging import (
    m_definitions,
    metastasis_options,
    n_definitions,
    site_label,
    site_tnm,
    stage_table,
    t_definitions,
)
from gepnet_widgets.tnm_tables import METASTASIS_CATEGORIES, SITE_TNM, SITES

SEVEN_SITES = (
    "stomach",
    "duodenum",
    "ampulla",
    "jejunum_ileum",
    "appendix",
    "colon_rectum",
    "pancreas",
)
M_ALL = ("M0", "M1a", "M1b", "M1c")
T_BASE = ("T1", "T2", "T3", "T4")
RANK = {"T1": 1, "T1a": 1, "T1b": 2, "T2": 3, "T3": 4, "T4": 5}

# Size thresholds from sections 1.1-1.6 and 8.1-8.3: (upper bound cm, bound included?, T).
SIZE_BANDS = {
    "stomach": [(1.0, True, "T1"), (None, None, "T2")],
    "duodenum": [(1.0, True, "T1"), (None, None, "T2")],
    "ampulla": [(1.0, True, "T1"), (None, None, "T2")],
    "jejunum_ileum": [(1.0, True, "T1"), (None, None, "T2")],
    "appendix": [(2.0, True, "T1"), (4.0, True, "T2"), (None, None, "T3")],
    "colon_rectum": [(1.0, False, "T1a"), (2.0, True, "T1b"), (None, None, "T2")],
    "pancreas": [(2.0, False, "T1"), (4.0, True, "T2"), (None, None, "T3")],
}


def _n_values(site):
    return ("N0", "N1", "N2") if site == "jejunum_ileum" else ("N0", "N1")


def test_sites():
    assert tuple(SITES) == SEVEN_SITES
    assert set(SITE_TNM) == set(SEVEN_SITES)


@pytest.mark.parametrize("site", SEVEN_SITES)
def test_t_definitions_complete(site):
    cats = [c for c, _text in t_definitions(site)]
    assert len(cats) == len(set(cats))
    expected = {"T1", "T2", "T3", "T4"}
    if site == "colon_rectum":
        expected |= {"T1a", "T1b"}
    assert set(cats) == expected
    assert all(text.strip() for _c, text in t_definitions(site))


@pytest.mark.parametrize("site", SEVEN_SITES)
def test_n_definitions_complete(site):
    cats = [c for c, _text in n_definitions(site)]
    expected = {"NX", "N0", "N1"} | ({"N2"} if site == "jejunum_ileum" else set())
    assert len(cats) == len(set(cats))
    assert set(cats) == expected
    assert all(text.strip() for _c, text in n_definitions(site))


def test_m_definitions_and_metastasis_words():
    assert [m for m, _t in m_definitions()] == list(M_ALL)
    assert all(text.strip() for _m, text in m_definitions())
    words = {"none": "M0", "hepatic": "M1a", "extrahepatic": "M1b", "both": "M1c"}
    assert {w: v[0] for w, v in METASTASIS_CATEGORIES.items()} == words
    assert all(label.strip() for label, _w in metastasis_options())


@pytest.mark.parametrize("site", SEVEN_SITES)
def test_stage_table_covers_every_combination_once(site):
    rows = stage_table(site, "ajcc8")
    for t in T_BASE:
        for n in _n_values(site):
            for m in M_ALL:
                hits = [row for row in rows if row.matches(t, n, m)]
                assert len(hits) == 1, (site, t, n, m, hits)
        # section 1.0: stage IV covers NX; section 8.4: NX M0 has no group
        assert [row.stage for row in rows if row.matches(t, "NX", "M0")] == []
        for m in M_ALL[1:]:
            assert [row.stage for row in rows if row.matches(t, "NX", m)] == ["IV"]


@pytest.mark.parametrize("site", SEVEN_SITES)
def test_stage_rows_well_formed(site):
    allowed = (
        {"I", "IIA", "IIB", "IIIA", "IIIB", "IV"}
        if site == "colon_rectum"
        else {"I", "II", "III", "IV"}
    )
    for row in stage_table(site, "ajcc8"):
        assert row.stage in allowed
        assert row.text.strip()
        assert row.t is None or set(row.t) <= set(T_BASE)
        assert row.n is None or set(row.n) <= set(_n_values(site))
        assert set(row.m) <= set(M_ALL)
        assert (row.stage == "IV") is (set(row.m) == set(M_ALL[1:]))


@pytest.mark.parametrize("site", SEVEN_SITES)
def test_sources_resolve(site):
    data = site_tnm(site, "ajcc8")
    assert data.source_keys
    assert "AJCC8" in data.source_keys
    for key in data.source_keys:
        assert key in SOURCES, key
    assert data.citation.startswith("AJCC 8th ed., ")
    assert data.chapter.startswith("chapter ")


@pytest.mark.parametrize(
    ("site", "chapter"),
    [
        ("stomach", "29"),
        ("duodenum", "30"),
        ("ampulla", "30"),
        ("jejunum_ileum", "31"),
        ("appendix", "32"),
        ("colon_rectum", "33"),
        ("pancreas", "34"),
    ],
)
def test_chapters(site, chapter):
    """Fact base section 1: chapters 29-34."""
    assert site_tnm(site).chapter == f"chapter {chapter}"


@pytest.mark.parametrize("site", SEVEN_SITES)
def test_invasion_levels_non_decreasing_t(site):
    levels = site_tnm(site).invasion_levels
    ranks = [RANK[level.t] for level in levels]
    assert ranks == sorted(ranks)
    for level in levels:
        assert level.key.strip()
        assert level.label.strip()
        assert level.rule.strip()
        assert level.t in RANK


@pytest.mark.parametrize("site", SEVEN_SITES)
def test_size_bands_match_fact_base(site):
    bands = site_tnm(site, "ajcc8").size_bands
    got = [(b.upper_cm, b.inclusive if b.upper_cm is not None else None, b.t) for b in bands]
    assert got == SIZE_BANDS[site]
    assert all(b.rule.strip() for b in bands)


@pytest.mark.parametrize("site", SEVEN_SITES)
def test_labels_non_empty(site):
    data = site_tnm(site)
    assert site_label(site).strip()
    assert data.label == site_label(site)
    assert data.multiple_tumours.strip()
    assert all(note.strip() for note in data.notes)


def test_n2_threshold_only_at_jejunum_ileum():
    for site in SEVEN_SITES:
        data = site_tnm(site)
        if site == "jejunum_ileum":
            assert data.n2_min_nodes == 12
            assert data.has_mesenteric_mass
        else:
            assert data.n2_min_nodes is None
            assert not data.has_mesenteric_mass
