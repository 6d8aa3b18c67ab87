"""Properties of the report reader on any text: it never raises except the documented
ValueErrors, it stays within its time bound (also on adversarial strings built to make regular
expressions backtrack), and no token holding a digit or looking like a TNM, grade or percentage
code is silently dropped: each lies in a finding's span or in ``unrecognised``.

Timing on a shared, loaded machine: the bound is checked on CPU time (``time.process_time``,
which load from other processes barely changes) against the 200 ms target, best of three runs;
wall time is checked with a generous margin (4x) so a busy machine does not fail the test.
"""

from __future__ import annotations

import gc
import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gepnet_widgets.reading import MAX_CHARS, read_report

TARGET_S = 0.200
WALL_MARGIN = 4.0

#: Report-like pieces, so random texts hit the recognisers often (not only random noise).
PIECES = ("pT3", "N1", "M1a", "pN0 (0/12)", "Ki-67", "4%", "3/15", "cm", "mm", "2.3", "G2",
          "grade", "mitoses", "per 2 mm2", "per 10 HPF", "ileum", "pancreas", "liver",
          "metastases", "lymph nodes", "positive", "subserosa", "serosa intact", "no", "NX",
          "T cell", "M phase", "N/A", "12/03/2024", "MRN 1234567", "(", ")", ",", ".", " ",
          "\n", "x", "<", ">", "-", "well differentiated", "NEC", "UICC", "AJCC 8th", "R0",
          "L1", "V0", "SSTR2", "68Ga-DOTATATE", "Krenning 3", "5-HIAA", "mesenteric mass")
report_like = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)
#: Tokens the reader must never drop: a digit, a TNM/grade code, or a percentage.
SIGNIFICANT = re.compile(r"\d|^(?:yp|yc|rp|rc|[pcyra])?[TNM][0-4Xx]|^G[1-4Xx]$|%", re.I)


def _spans_cover(reading, start: int, end: int) -> bool:
    spans = [f.span for f in reading.findings] + [(u.start, u.end) for u in reading.unrecognised]
    return any(s < end and start < e for s, e in spans)


def _assert_nothing_dropped(text: str) -> None:
    r = read_report(text)
    for m in re.finditer(r"\S+", text):
        token = m.group(0).strip(".,;:()[]'\"")
        if token and SIGNIFICANT.search(token):
            assert _spans_cover(r, m.start(), m.end()), (token, text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_never_raises_on_any_text(text: str) -> None:
    r = read_report(text)
    assert r.edition == "ajcc9"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_like, st.sampled_from(["ajcc9", "ajcc8"]))
def test_never_raises_on_report_like_text(text: str, edition: str) -> None:
    r = read_report(text, edition)
    assert r.stage is None or r.stage in {"I", "II", "IIA", "IIB", "III", "IIIA", "IIIB", "IV"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(report_like, st.text(alphabet="0123456789 ./%()-TNMGpcxX,", max_size=200)))
def test_no_significant_token_is_dropped(text: str) -> None:
    _assert_nothing_dropped(text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=50))
def test_only_documented_errors(text: str) -> None:
    with pytest.raises(ValueError, match="at most 20,000"):
        read_report(text * (MAX_CHARS // len(text) + 1))
    with pytest.raises(ValueError, match="must be text"):
        read_report(text.encode())  # type: ignore[arg-type]


def _adversarial() -> dict[str, str]:
    n = MAX_CHARS
    return {
        "ki67 repeated": ("Ki-67 " * n)[:n],
        "ki67 connectors": ("Ki-67 index of the hot spot is about " * n)[:n],
        "digits": "1" * n,
        "decimals": ("1." * n)[:n],
        "ratios": ("3/15 " * n)[:n],
        "compact tnm": ("pT3N1M1a " * n)[:n],
        "spaces": " " * n,
        "size chains": ("1 x 2 x " * n)[:n],
        "mm2": ("2 mm2 " * n)[:n],
        "negations": ("no not without " * n)[:n],
        "metastasis lists": ("metastases to the liver and bone and " * n)[:n],
        "nested brackets": ("((((" * n)[:n],
        "percent": ("4%" * n)[:n],
        "mixed report": ("Ileal NET 2.3 cm, subserosa, Ki-67 4%, 3/15 nodes, mitoses 3 per 10 "
                         "HPF, liver metastases, pT3 pN1 M1a, G2, 12/03/2024. " * 200)[:n],
        "almost a date": ("12/12/12/12/" * n)[:n],
        "letters": ("ab" * n)[:n],
    }


@pytest.mark.parametrize("name", list(_adversarial()))
def test_time_bound_on_adversarial_text(name: str) -> None:
    text = _adversarial()[name]
    assert len(text) == MAX_CHARS
    cpu, wall = [], []
    for _ in range(3):
        c0, w0 = time.process_time(), time.perf_counter()
        read_report(text)
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    assert min(cpu) < TARGET_S, f"{name}: {min(cpu) * 1000:.0f} ms CPU"
    assert min(wall) < TARGET_S * WALL_MARGIN, f"{name}: {min(wall) * 1000:.0f} ms wall"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_like)
def test_time_bound_on_long_random_reports(piece: str) -> None:
    text = (piece or "x") * (MAX_CHARS // max(len(piece), 1))
    text = text[:MAX_CHARS]
    # Time the reader, not a full garbage collection of the whole test process (after thousands
    # of tests one can take over a second of CPU and land inside a single timed call; CI once
    # saw 1.37 s for a text that reads in ~16 ms).
    gc.collect()
    gc.disable()
    try:
        c0 = time.process_time()
        read_report(text)
        spent = time.process_time() - c0
    finally:
        gc.enable()
    assert spent < TARGET_S * 2  # one run (no best-of-3): allow 2x


def test_adversarial_texts_leave_nothing_dropped() -> None:
    for name in ("ratios", "compact tnm", "percent", "mixed report", "almost a date"):
        _assert_nothing_dropped(_adversarial()[name][:3000])


# --- UICC descriptors (L, V, Pn, R) are never read as T, N or M -------------------------------

_DESCRIPTORS = ("Pn0", "Pn1", "PnX", "L0", "L1", "LX", "V0", "V1", "V2", "VX", "R0", "R1", "R2",
                "RX", "(Pn1)", "Perineural invasion: present (Pn1)",
                "Lymphovascular invasion: present (L1, V1)", "Pn1, L0, V0, R0")


def _staged_reports() -> list[str]:
    from report_corpus import CASES

    from gepnet_widgets.reading import EXAMPLE_REPORTS
    texts = [c.text for c in CASES if c.edition == "ajcc9"] + [e.text for e in EXAMPLE_REPORTS]
    return [t for t in texts if read_report(t).t or read_report(t).n or read_report(t).m]


_BASES = _staged_reports()


def _insert(text: str, where: int, token: str) -> str:
    """Insert ``token`` as its own sentence at one of the text's sentence boundaries."""
    cuts = [0, len(text)] + [m.end() for m in re.finditer(r"\.\s|\n", text)]
    cut = sorted(set(cuts))[where % len(set(cuts))]
    return f"{text[:cut]} {token}. {text[cut:]}"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_BASES), st.lists(st.tuples(st.integers(0, 50),
                                                   st.sampled_from(_DESCRIPTORS)),
                                         min_size=1, max_size=3))
def test_descriptors_never_change_tnm_or_stage(base: str, inserts: list) -> None:
    before = read_report(base)
    text = base
    for where, token in inserts:
        text = _insert(text, where, token)
    after = read_report(text)
    for field in ("t", "n", "m", "stage", "t_prefix", "site"):
        assert getattr(after, field) == getattr(before, field), (field, text)
