"""AJCC Version 9 beside the AJCC 8th edition (`stage_tumor(..., edition=...)`).

Every expected value is copied by hand from the project fact base
(``shared/reference/gepnet-facts.md``), section 1.8 (editions side by side, with how sure each
row is: P primary text, S published summary, I inferred), 1.7 (what Version 9 changed), 8.1
(colorectal 1.0 cm), 8.4 (T1 NX M0) and 9.17 (the mesenteric-mass wording is Version 9's):

* T1 NX M0 is stage I under Version 9 at the stomach, duodenum, appendix and colon/rectum (S);
  it stays without a stage group at the jejunum/ileum and the pancreas; the ampulla is
  unverified (the summary names the duodenum only) and the course gives no stage group there;
* a colorectal tumour of exactly 1.0 cm (no deeper than the submucosa) is T1a under Version 9
  and T1b under the 8th edition (stage I either way);
* nothing else changes a T, N, M or stage group (the property test checks the whole input space).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gepnet_widgets.sources import SOURCES, level_words
from gepnet_widgets.staging import (
    CONFIDENCE_WORDS,
    DEFAULT_EDITION,
    EDITIONS,
    SITES,
    compare_editions,
    compare_sites,
    edition_changes,
    edition_label,
    invasion_options,
    m_definitions,
    n_definitions,
    scope_note,
    site_tnm,
    stage_table,
    stage_tumor,
    t_definitions,
)

FROM_TEXT = "from the edition's text"
FROM_SUMMARY = "from a published summary"
INFERRED = "no change found from the 8th edition (inferred)"
NOT_CONFIRMED = "not confirmed (not yet checked against the original)"
V9_STAGE_I_SITES = {"stomach", "duodenum", "appendix", "colon_rectum"}  # fact base 1.8
SHALLOW = {  # an invasion that leaves T to size (T1 when small)
    "stomach": "mucosa", "duodenum": "mucosa", "ampulla": "sphincter_of_oddi",
    "jejunum_ileum": "mucosa", "appendix": "mucosa", "colon_rectum": "mucosa",
    "pancreas": "pancreas",
}


# --- the edition argument -----------------------------------------------------------------------


def test_editions_and_default():
    assert EDITIONS == ("ajcc9", "ajcc8")
    assert DEFAULT_EDITION == "ajcc9"
    assert stage_tumor("stomach", 0.5, "mucosa", 0, "none").edition == "ajcc9"
    assert "Version 9" in edition_label("ajcc9")
    assert "8th" in edition_label("ajcc8")


@pytest.mark.parametrize("bad", ["ajcc7", "AJCC9", "uicc8", "", None, 9, "v9"])
def test_unknown_edition_is_a_value_error_naming_the_allowed(bad):
    with pytest.raises(ValueError) as err:
        stage_tumor("stomach", 0.5, "mucosa", 0, "none", edition=bad)
    msg = str(err.value)
    assert repr(bad) in msg
    assert "'ajcc9'" in msg and "'ajcc8'" in msg


@pytest.mark.parametrize(
    "call",
    [
        lambda e: site_tnm("stomach", e),
        lambda e: t_definitions("stomach", e),
        lambda e: n_definitions("stomach", e),
        lambda e: m_definitions(e),
        lambda e: stage_table("stomach", e),
        lambda e: scope_note(e),
        lambda e: compare_sites(1.0, "mucosa", 0, "none", e),
    ],
)
def test_accessors_reject_unknown_edition(call):
    with pytest.raises(ValueError, match="'ajcc9'"):
        call("ajcc10")


# --- the differences of fact base 1.8 -----------------------------------------------------------


@pytest.mark.parametrize("site", SITES)
def test_t1_nx_m0(site):
    r9 = stage_tumor(site, 0.5, SHALLOW[site], None, "none", edition="ajcc9")
    r8 = stage_tumor(site, 0.5, SHALLOW[site], None, "none", edition="ajcc8")
    assert r8.stage is None
    assert r9.stage == ("I" if site in V9_STAGE_I_SITES else None)
    assert (r9.t[:2], r9.n, r9.m) == (r8.t[:2], r8.n, r8.m) == ("T1", "NX", "M0")


def test_t1_nx_m0_rules_say_how_sure_and_why():
    r = stage_tumor("appendix", 1.2, "muscularis_propria", None, "none")
    stage_rule = r.rules[-1]
    assert stage_rule.category == "Stage I"
    assert stage_rule.confidence == FROM_SUMMARY
    assert "8th edition gave no stage group" in stage_rule.text
    amp = stage_tumor("ampulla", 0.5, "sphincter_of_oddi", None, "none").rules[-1]
    assert amp.category == "No stage group"
    # Review finding 4: the ampulla is not confirmed, and the readout must not open by stating
    # that Version 9 defines no stage group (a settled claim) and then call it unconfirmed.
    assert amp.text.startswith("Not confirmed whether AJCC Version 9")
    assert "names only the duodenum" in amp.text
    assert "defines no stage group" not in amp.text
    assert amp.confidence == NOT_CONFIRMED == level_unverified_words()
    old = stage_tumor("appendix", 1.2, "muscularis_propria", None, "none", edition="ajcc8")
    assert "Version 9" in old.rules[-1].text and "stage I" in old.rules[-1].text
    assert old.rules[-1].confidence == FROM_TEXT


@pytest.mark.parametrize(
    ("size", "invasion", "t9", "t8"),
    [
        (1.0, "mucosa", "T1a", "T1b"),
        (1.0, "submucosa", "T1a", "T1b"),
        (0.9, "mucosa", "T1a", "T1a"),
        (1.1, "submucosa", "T1b", "T1b"),
        (2.0, "submucosa", "T1b", "T1b"),
        (1.0, "muscularis_propria", "T2", "T2"),
        (2.1, "mucosa", "T2", "T2"),
    ],
)
def test_colorectal_one_centimetre(size, invasion, t9, t8):
    r9 = stage_tumor("colon_rectum", size, invasion, 0, "none", edition="ajcc9")
    r8 = stage_tumor("colon_rectum", size, invasion, 0, "none", edition="ajcc8")
    assert (r9.t, r8.t) == (t9, t8)
    assert r9.stage == r8.stage
    if t9 != t8:
        assert r9.rules[0].confidence == FROM_SUMMARY
        assert r9.stage == "I"


def test_compare_editions_names_the_difference_and_why():
    c = compare_editions("appendix", 1.0, "mucosa", None, "none")
    assert c.differ and c.differences == ("stage",)
    assert c.reasons[0].point.startswith("T1 NX M0")
    c = compare_editions("colon_rectum", 1.0, "mucosa", 0, "none")
    assert c.differences == ("t",)
    assert c.reasons[0].point.startswith("Colon or rectum")
    c = compare_editions("colon_rectum", 1.0, "mucosa", None, "none")
    assert c.differences == ("t", "stage")
    assert len(c.reasons) == 2
    same = compare_editions("pancreas", 1.0, "pancreas", None, "none")
    assert not same.differ and same.reasons == ()


# --- wording and data per edition ---------------------------------------------------------------


@pytest.mark.parametrize("site", ["stomach", "jejunum_ileum", "colon_rectum"])
def test_t1_wording(site):
    t1_9 = dict(t_definitions(site, "ajcc9"))["T1"]
    t1_8 = dict(t_definitions(site, "ajcc8"))["T1"]
    assert "mucosa or submucosa" in t1_9 and "lamina propria" not in t1_9
    assert "lamina propria or submucosa" in t1_8


@pytest.mark.parametrize("site", SITES)
def test_n1_wording(site):
    assert dict(n_definitions(site, "ajcc9"))["N1"].startswith(
        "Tumour involvement of regional lymph node(s)")
    assert dict(n_definitions(site, "ajcc8"))["N1"].startswith("Regional lymph node metastasis")


def test_scope_wording():
    assert "G1, G2 and G3" in scope_note("ajcc9")
    assert "MiNEN" in scope_note("ajcc9") and "carcinoma chapter" in scope_note("ajcc9")
    assert "well-differentiated" in scope_note("ajcc8")


def test_mesenteric_mass_wording_is_version_9():
    """Fact base 9.17: 'masses of 2 cm or less reported, do not change N' is Version 9's."""
    v9 = " ".join(site_tnm("jejunum_ileum", "ajcc9").notes)
    v8 = " ".join(site_tnm("jejunum_ileum", "ajcc8").notes)
    assert "Version 9: mesenteric masses of 2 cm or less" in v9
    assert "do not change N" not in v8
    for edition in EDITIONS:
        text = stage_tumor("jejunum_ileum", 1.5, "subserosa", 3, "none", edition=edition)
        assert text.rules[1].text.endswith("3 regional lymph nodes (fewer than 12)")


@pytest.mark.parametrize("site", SITES)
def test_stage_tables_differ_only_by_the_t1_nx_row(site):
    rows9, rows8 = stage_table(site, "ajcc9"), stage_table(site, "ajcc8")
    extra = [row for row in rows9 if row not in rows8]
    assert all(row in rows9 for row in rows8)
    if site in V9_STAGE_I_SITES:
        assert [(r.stage, r.t, r.n, r.m) for r in extra] == [("I", ("T1",), ("NX",), ("M0",))]
    else:
        assert extra == []


def test_t4_nx_m0_explains_why_no_stage():
    for edition in EDITIONS:
        r = stage_tumor("stomach", 0.5, "serosa", None, "none", edition=edition)
        assert r.stage is None
        assert "T4 is stage III with any examined N" in r.rules[-1].text


def test_edition_changes_table():
    rows = edition_changes()
    assert len(rows) >= 8
    for row in rows:
        assert row.confidence in CONFIDENCE_WORDS
        assert all(key in SOURCES for key in row.sources)
        assert row.point and row.ajcc8 and row.ajcc9
    assert {row.point.split(" (")[0] for row in rows if row.changes_result} == {
        "T1 NX M0", "Colon or rectum, a tumour of exactly 1.0 cm"}


def test_confidence_words_are_the_four_phrases():
    assert set(CONFIDENCE_WORDS.values()) == {FROM_TEXT, FROM_SUMMARY, INFERRED, NOT_CONFIRMED}
    assert {r.confidence for r in stage_tumor("pancreas", 3.0, "pancreas", 0, "none").rules} \
        == {INFERRED}
    assert {r.confidence for r in stage_tumor("jejunum_ileum", 3.0, "mucosa", 0,
                                              "none").rules} == {FROM_SUMMARY}


_RAW_KEY = re.compile(r"\[[A-Z]+\d*[^\]]*\]|fact base")


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_raw_source_key_in_learner_text(edition):
    texts = [scope_note(edition)]
    for site in SITES:
        data = site_tnm(site, edition)
        texts += [text for _c, text in data.t_definitions + data.n_definitions]
        texts += [row.text for row in data.stage_table]
        for size in (0.5, 1.0, 3.0):
            for _label, inv in invasion_options(site):
                for nodes in (None, 0, 3):
                    r = stage_tumor(site, size, inv, nodes, "none", edition=edition)
                    texts += [rule.text for rule in r.rules]
    assert not [t for t in texts if _RAW_KEY.search(t)]


# --- property: the editions differ exactly where fact base 1.8 says, and nowhere else ------------

BOUNDARIES = [0.1, 0.5, 0.9, 1.0, 1.1, 1.9, 2.0, 2.1, 3.0, 4.0, 4.1, 10.0]
sizes = st.sampled_from(BOUNDARIES) | st.floats(0.01, 25.0, allow_nan=False)


@st.composite
def cases(draw):
    site = draw(st.sampled_from(SITES))
    return {
        "site": site,
        "size_cm": draw(sizes),
        "invasion": draw(st.sampled_from([k for _l, k in invasion_options(site)])),
        "nodes_positive": draw(st.none() | st.integers(0, 40)),
        "metastasis": draw(st.sampled_from(["none", "hepatic", "extrahepatic", "both"])),
        "mesenteric_mass_gt_2cm": draw(st.booleans()) if site == "jejunum_ileum" else False,
        "tumor_count": draw(st.integers(1, 4)),
    }


def _stage(case, edition):
    c = dict(case)
    return stage_tumor(c.pop("site"), c.pop("size_cm"), c.pop("invasion"),
                       c.pop("nodes_positive"), c.pop("metastasis"), edition=edition, **c)


@settings(max_examples=600, deadline=None)
@given(cases())
def test_editions_differ_exactly_where_the_fact_base_says(case):
    r9, r8 = _stage(case, "ajcc9"), _stage(case, "ajcc8")
    assert (r9.edition, r8.edition) == ("ajcc9", "ajcc8")
    assert all(rule.edition == "ajcc9" for rule in r9.rules)
    assert all(rule.edition == "ajcc8" for rule in r8.rules)
    assert {rule.confidence for rule in r8.rules} == {FROM_TEXT}
    assert {rule.confidence for rule in r9.rules} <= {FROM_SUMMARY, INFERRED, NOT_CONFIRMED}

    site = case["site"]
    shallow = case["invasion"] in ("mucosa", "submucosa")
    t_differs = site == "colon_rectum" and case["size_cm"] == 1.0 and shallow
    suffix = "(m)" if case["tumor_count"] > 1 else ""
    if t_differs:
        assert (r9.t, r8.t) == ("T1a" + suffix, "T1b" + suffix)
    else:
        assert r9.t == r8.t
    assert (r9.n, r9.m) == (r8.n, r8.m)

    stage_differs = (site in V9_STAGE_I_SITES and r8.t.startswith("T1")
                     and r8.n == "NX" and r8.m == "M0")
    if stage_differs:
        assert (r9.stage, r8.stage) == ("I", None)
    else:
        assert r9.stage == r8.stage

    c = compare_editions(**case)
    assert c.differences == tuple(
        name for name, differs in (("t", t_differs), ("stage", stage_differs)) if differs)


def level_unverified_words() -> str:
    """The learner's wording of an unverified statement, inside "not confirmed (...)"."""
    return f"not confirmed ({level_words(('S5',), level='unverified')})"


def test_ampulla_row_of_the_edition_table_is_not_confirmed():
    """Review finding 4: the ampulla row is not shown as settled ("inferred")."""
    (row,) = [r for r in edition_changes() if "ampulla" in r.point]
    assert CONFIDENCE_WORDS[row.confidence] == NOT_CONFIRMED
    assert row.ajcc9.startswith("Not confirmed")
    assert "names only the duodenum" in row.ajcc9


def test_no_small_mass_counts_as_a_node_claim():
    """Review finding 6: "a small mass that is itself a positive node counts among the
    positive nodes" is in no source the course holds; it is said nowhere in the staging data."""
    texts = [r.text for nodes in (3, 11) for edition in EDITIONS
             for r in stage_tumor("jejunum_ileum", 0.8, "mucosa", nodes, "none",
                                  edition=edition).rules]
    texts += [c.ajcc9 for c in edition_changes()]
    texts += [n for e in EDITIONS for n in site_tnm("jejunum_ileum", e).notes]
    for text in texts:
        assert "counts among" not in text and "itself a positive" not in text, text

