"""Property tests (hypothesis) of the AJCC 8th edition TNM staging of GEP-NETs.

Invariants that follow from the project fact base (``shared/reference/gepnet-facts.md``):
section 0 (vocabulary: sites, invasion words, ``None`` nodes -> NX, metastasis words -> M),
section 1 (AJCC 8th edition chapters 29-34: every T table is "shallow and small / deeper or
larger", so a larger size or a deeper invasion never lowers T; N1 < N2 by node count; stage IV =
any T, any N, M1; (m) does not change the stage group), section 6 (N2 only at jejunum/ileum, A/B
sub-stages only at colon/rectum) and section 8.4 (NX M0 -> no stage group, not guessed).
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from gepnet_widgets.staging import SITES, invasion_options
from gepnet_widgets.staging import stage_tumor as _stage_tumor


def stage_tumor(*args, **kwargs):
    """These invariants are of the AJCC 8th edition (Version 9: test_staging_editions.py)."""
    return _stage_tumor(*args, **{"edition": "ajcc8", **kwargs})


SETTINGS = settings(max_examples=300, deadline=None)

METASTASIS_TO_M = {"none": "M0", "hepatic": "M1a", "extrahepatic": "M1b", "both": "M1c"}
T_RANK = {"T1": 1, "T1a": 1, "T1b": 2, "T2": 3, "T3": 4, "T4": 5}
N_RANK = {"N0": 0, "N1": 1, "N2": 2}
T_RE = re.compile(r"^(T1a|T1b|T1|T2|T3|T4)(\(m\))?$")
STAGES_SIMPLE = {"I", "II", "III", "IV", None}
STAGES_COLON = {"I", "IIA", "IIB", "IIIA", "IIIB", "IV", None}

sizes = st.floats(min_value=0.0, max_value=20.0, exclude_min=True, allow_nan=False)
node_counts = st.integers(min_value=0, max_value=60)
metastases = st.sampled_from(list(METASTASIS_TO_M))


def _keys(site):
    return [key for _label, key in invasion_options(site)]


@st.composite
def cases(draw):
    site = draw(st.sampled_from(SITES))
    return {
        "site": site,
        "size_cm": draw(sizes),
        "invasion": draw(st.sampled_from(_keys(site))),
        "nodes_positive": draw(st.none() | node_counts),
        "metastasis": draw(metastases),
        "mesenteric_mass_gt_2cm": draw(st.booleans()) if site == "jejunum_ileum" else False,
        "tumor_count": draw(st.integers(min_value=1, max_value=5)),
    }


def _run(case):
    c = dict(case)
    return stage_tumor(
        c.pop("site"),
        c.pop("size_cm"),
        c.pop("invasion"),
        c.pop("nodes_positive"),
        c.pop("metastasis"),
        **c,
    )


def _t_rank(t):
    return T_RANK[t.removesuffix("(m)")]


@SETTINGS
@given(cases())
def test_fields_always_in_allowed_sets(case):
    r = _run(case)
    site = case["site"]
    match = T_RE.match(r.t)
    assert match, r.t
    assert (match.group(2) is not None) is (case["tumor_count"] > 1)
    base = match.group(1)
    if site == "colon_rectum":
        assert base != "T1"
    else:
        assert base not in ("T1a", "T1b")
    assert r.n in {"NX", "N0", "N1", "N2"}
    if site != "jejunum_ileum":
        assert r.n != "N2"
    assert r.m == METASTASIS_TO_M[case["metastasis"]]
    assert r.stage in (STAGES_COLON if site == "colon_rectum" else STAGES_SIMPLE)
    assert r.site == site
    assert r.explanation.strip()


@SETTINGS
@given(cases())
def test_n_follows_nodes_and_mass(case):
    r = _run(case)
    nodes, mass = case["nodes_positive"], case["mesenteric_mass_gt_2cm"]
    if mass:
        assert r.n == "N2"
    elif nodes is None:
        assert r.n == "NX"
    elif nodes == 0:
        assert r.n == "N0"
    elif case["site"] == "jejunum_ileum" and nodes >= 12:
        assert r.n == "N2"
    else:
        assert r.n == "N1"


@SETTINGS
@given(cases())
def test_stage_iv_iff_m1_and_none_iff_nx_m0(case):
    r = _run(case)
    assert (r.stage == "IV") is (r.m != "M0")
    assert (r.stage is None) is (r.n == "NX" and r.m == "M0")


@SETTINGS
@given(cases(), sizes)
def test_larger_size_never_lowers_t(case, other):
    small, large = sorted((case["size_cm"], other))
    r_small = _run({**case, "size_cm": small})
    r_large = _run({**case, "size_cm": large})
    assert _t_rank(r_large.t) >= _t_rank(r_small.t)


@SETTINGS
@given(cases(), st.data())
def test_deeper_invasion_never_lowers_t(case, data):
    keys = _keys(case["site"])
    i, j = sorted(data.draw(st.lists(st.integers(0, len(keys) - 1), min_size=2, max_size=2)))
    shallow = _run({**case, "invasion": keys[i]})
    deep = _run({**case, "invasion": keys[j]})
    assert _t_rank(deep.t) >= _t_rank(shallow.t)


@SETTINGS
@given(cases(), node_counts, node_counts)
def test_more_nodes_never_lowers_n(case, a, b):
    few, many = sorted((a, b))
    r_few = _run({**case, "nodes_positive": few})
    r_many = _run({**case, "nodes_positive": many})
    assert N_RANK[r_many.n] >= N_RANK[r_few.n]


@SETTINGS
@given(cases())
def test_multiple_tumours_never_change_stage(case):
    one = _run({**case, "tumor_count": 1})
    many = _run(case)
    assert many.t.removesuffix("(m)") == one.t
    assert (many.n, many.m, many.stage) == (one.n, one.m, one.stage)
