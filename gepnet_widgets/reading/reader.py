"""Read a GEP-NET report: the items found, what each means, checks, the stage and questions.

:func:`read_report` takes free text (pathology, imaging or a clinic letter, English) and returns a
:class:`ReportReading`. Staging goes through :func:`gepnet_widgets.staging.stage_tumor` under the
chosen edition; grading through :func:`gepnet_widgets.grading.who_grade` (WHO 2019).

Nothing is evaluated, stored, logged or sent anywhere: the text is only matched with regular
expressions (see :mod:`gepnet_widgets.reading.scanner`) and the reading is returned.

Pure layer-1 module: no widget or plotting import.

Examples
--------
>>> r = read_report("Terminal ileum: well-differentiated NET, 2.3 cm, invades subserosa, "
...                 "Ki-67 4%, 3/15 lymph nodes positive, liver metastases.")
>>> (r.site, r.t, r.n, r.m, r.stage, r.grade)
('jejunum_ileum', 'T3', 'N1', 'M1a', 'IV', 'G2')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..grading import who_grade
from ..sources import source_words
from ..staging import (
    EDITIONS,
    check_edition,
    edition_short,
    edition_source_keys,
    invasion_options,
    site_label,
    stage_table,
    stage_tumor,
)
from . import vocabulary as vocab
from .scanner import Hit, leftover_tokens, scan

__all__ = ["read_report", "ReportReading", "Finding", "Check", "Span", "MAX_CHARS"]

#: The longest text :func:`read_report` accepts (characters).
MAX_CHARS = 20_000

_WHO = ("S9", "S8")
_MET_WORDS = {"none": "M0", "hepatic": "M1a", "extrahepatic": "M1b", "both": "M1c"}
_M_TO_MET = {"M0": "none", "M1a": "hepatic", "M1b": "extrahepatic", "M1c": "both"}


@dataclass(frozen=True)
class Span:
    """A piece of the text: where it is and what it says."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Finding:
    """One recognised item of the report.

    Attributes
    ----------
    kind : str
        What it is (``"t"``, ``"ki67"``, ``"margin"``, ``"stain"``, ``"date"`` ...).
    label : str
        Its name in words.
    value : str
        What the report says, in short (``"T3"``, ``"4%"``, ``"2.3 cm"``).
    start, end : int
        The exact span of the text it came from (``text[start:end]``).
    text : str
        That span's text.
    meaning : str
        Plain words.
    sources : tuple of str
        Source keys (empty for kinds that state no clinical fact, such as a date).
    level : str or None
        ``"unverified"`` where the meaning was not checked against the original source.
    lesson : str
        The lesson section that teaches it (``"03_tnm_staging.ipynb#..."``).
    private : bool
        A date, identifier or personal detail: a display should not repeat it.
    """

    kind: str
    label: str
    value: str
    start: int
    end: int
    text: str
    meaning: str
    sources: tuple[str, ...]
    level: str | None
    lesson: str
    private: bool = False

    @property
    def span(self) -> tuple[int, int]:
        """``(start, end)`` in the text."""
        return (self.start, self.end)


@dataclass(frozen=True)
class Check:
    """An inconsistency, a gap or a note, in plain words with its sources.

    ``severity`` is ``"disagreement"`` (two stated things do not fit), ``"gap"`` (something
    needed is missing) or ``"note"`` (worth knowing).
    """

    kind: str
    severity: str
    text: str
    sources: tuple[str, ...]
    level: str | None = None


@dataclass(frozen=True)
class ReportReading:
    """What :func:`read_report` found in a report. ``None`` means not stated (or not derivable).

    Attributes
    ----------
    edition : str
        The staging edition used (``"ajcc9"`` or ``"ajcc8"``).
    site : str or None
        One of :data:`gepnet_widgets.staging.SITES`.
    t, n, m : str or None
        The categories the reading uses: stated in the report, else derived from the stated
        size, depth, nodes and metastases under ``edition`` (``t_stated`` etc. say which).
    t_prefix : str or None
        ``"p"``, ``"c"``, ``"yp"``, ``"r"`` ... as written before a T the report states; ``None``
        for a T this reading worked out itself (a prefix of N or M is not carried over to it).
    size_cm : float or None
        Largest dimension of the (largest) primary tumour.
    tumor_count : int or None
        Number of primary tumours when stated (``2`` also for "multifocal" without a count).
    depth : str or None
        The deepest layer reached, as an invasion keyword of the site (see
        :func:`gepnet_widgets.staging.invasion_options`).
    nodes_positive, nodes_examined : int or None
    mesenteric_mass_cm : float or None
    metastasis_sites : tuple of str
        ``"liver"`` and/or ``"extrahepatic"`` (stated as metastases).
    ki67_percent : float or None
        The Ki-67 number as stated (the highest, if a range or several values).
    mitoses_per_2mm2 : float or None
        Per 2 mm² (a count per 10 mm² is divided by 5, the WHO counting rule); a count per
        10 HPF is never converted (see ``mitoses_per_10hpf``).
    grade : str or None
        ``"G1"``/``"G2"``/``"G3"``: stated, else derived from Ki-67 and mitoses (WHO 2019);
        ``grade_stated`` says which. ``None`` for NEC (not graded).
    differentiation : str or None
        ``"well"`` or ``"poor"`` as stated (small cell and large cell types are poor).
    tumour_type : str or None
        ``"NET"``, ``"NEC"`` or ``"MiNEN"`` as named.
    findings : tuple of Finding
    unrecognised : tuple of Span
        Tokens holding a digit or looking like a code that no finding covers.
    checks : tuple of Check
    stage : str or None
        The stage group under ``edition`` when the report gives enough, else ``None``.
    stage_reason : str
        Why the stage is what it is, or what is missing.
    questions : tuple of str
        Questions to ask the care team, built from what is missing or unclear.
    ki67_qualifier : str
        ``"<"``, ``">"``, ``"≤"`` or ``"≥"`` as written before the Ki-67 number (``"<1%"``), else
        ``""``.
    stage_stated : str or None
        A stage group the report itself names (``"IIA"``), compared with ``stage`` in ``checks``.
    sstr_not_routine : bool
        A small (T1a at the rectum, T1 at the appendix), localised, G1 rectal or appendiceal NET:
        receptor imaging is not a routine step, so no SSTR scan question is asked.
    """

    edition: str
    site: str | None
    t: str | None
    n: str | None
    m: str | None
    t_prefix: str | None
    t_stated: bool
    n_stated: bool
    m_stated: bool
    size_cm: float | None
    tumor_count: int | None
    depth: str | None
    nodes_positive: int | None
    nodes_examined: int | None
    mesenteric_mass_cm: float | None
    metastasis_sites: tuple[str, ...]
    ki67_percent: float | None
    mitoses_per_2mm2: float | None
    mitoses_per_10hpf: float | None
    grade: str | None
    grade_stated: bool
    differentiation: str | None
    tumour_type: str | None
    findings: tuple[Finding, ...]
    unrecognised: tuple[Span, ...]
    checks: tuple[Check, ...]
    stage: str | None
    stage_reason: str
    stage_sources: tuple[str, ...]
    questions: tuple[str, ...]
    ki67_qualifier: str = ""
    stage_stated: str | None = None
    sstr_not_routine: bool = False

    @property
    def ki67_text(self) -> str | None:
        """The Ki-67 value as written, with its qualifier (``"<1%"``), or ``None``."""
        if self.ki67_percent is None:
            return None
        return f"{self.ki67_qualifier}{self.ki67_percent:g}%"

    @property
    def site_label(self) -> str | None:
        """The site's plain name, or ``None``."""
        return site_label(self.site) if self.site else None

    @property
    def edition_name(self) -> str:
        """The edition's short name (``"AJCC Version 9"``)."""
        return edition_short(self.edition)

    def findings_of(self, kind: str) -> tuple[Finding, ...]:
        """The findings of one kind."""
        return tuple(f for f in self.findings if f.kind == kind)


# --- input -------------------------------------------------------------------------------------


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise ValueError(f"the report must be text (a str), got {type(text).__name__}")
    if len(text) > MAX_CHARS:
        raise ValueError(
            f"the report is {len(text):,} characters long; at most {MAX_CHARS:,} are read at "
            "once - paste the part with the diagnosis, the tumour and the lymph nodes")
    return text


# --- findings ----------------------------------------------------------------------------------

_PRIVATE = {"date", "identifier", "personal"}


def _finding(kind: str, hit: Hit | dict, text: str, value: str, *, label: str | None = None,
             meaning: str | None = None, sources: tuple[str, ...] | None = None,
             level: str | None = None, lesson: str | None = None) -> Finding:
    term = vocab.term(kind)
    start, end = (hit.start, hit.end) if isinstance(hit, Hit) else (hit["start"], hit["end"])
    return Finding(
        kind=kind, label=label or term.label, value=value, start=start, end=end,
        text=text[start:end], meaning=meaning or term.meaning,
        sources=term.sources if sources is None else sources,
        level=level if level is not None else term.level,
        lesson=vocab.LESSON_LINKS[lesson or term.lesson], private=kind in _PRIVATE)


def _fmt(x: float) -> str:
    return f"{x:g}"


def _hit_findings(hit: Hit, text: str) -> list[Finding]:
    d, k = hit.data, hit.kind
    if k == "tnm":
        out = []
        for part in d["parts"]:
            suffix = f"({part['suffix']})" if part["suffix"] else ""
            out.append(_finding(part["letter"].lower(), part, text,
                                f"{part['prefix']}{part['category']}{suffix}"))
        return out
    if k == "size":
        kind = "size" if d["role"] == "tumour" else "size_other"
        role = {"tumour": "", "margin": " (distance to a margin)", "node": " (a lymph node)",
                "lesion": " (a spot outside the primary)",
                "mesenteric_mass": " (mesenteric mass)"}[d["role"]]
        return [_finding(kind, hit, text, f"{_fmt(d['cm'])} cm{role}")]
    if k == "ki67":
        if d["value"] is None:
            return [_finding("ki67", hit, text, "named, no value")]
        shown = f"{_fmt(d['low'])}-{_fmt(d['high'])}%" if d["high"] is not None else \
            f"{d['qualifier']}{_fmt(d['value'])}%"
        return [_finding("ki67", hit, text, shown)]
    if k in {"mitoses", "mitoses_hpf", "mitoses_other"}:
        unit = {"mitoses": " per 2 mm²", "mitoses_hpf": " per 10 HPF" if "10" in d["unit"]
                else " per 50 HPF", "mitoses_other": " (no unit)"}[k]
        value = f"{d['qualifier']}{_fmt(d['value'])}{unit}"
        if k == "mitoses" and d["unit"].startswith("10mm"):
            value += f" (stated {d['stated']} per 10 mm², divided by 5)"
        return [_finding(k, hit, text, value)]
    if k == "nodes":
        if "positive" in d and "examined" in d:
            value = f"{d['positive']} positive of {d['examined']} examined"
        elif d.get("none_examined"):
            value = "no lymph nodes examined"
        elif "positive" in d:
            value = f"{d['positive']} positive"
        elif "examined" in d:
            value = f"{d['examined']} examined"
        else:
            value = "involved" if d.get("involved") else "not involved"
        return [_finding("nodes", hit, text, value)]
    if k == "metastasis_none" and "all" not in d["sites"]:
        where = ", ".join({"liver": "liver", "extrahepatic": "outside the liver"}[s]
                          for s in d["sites"])
        return [_finding(k, hit, text, f"none in the {where}" if where == "liver" else
                         f"none {where}", meaning=vocab.TERMS["metastasis_none_organ"].meaning)]
    if k == "depth" and d["depth"] in vocab.PANCREAS_DEPTHS:
        pancreas = vocab.TERMS["depth_pancreas"]
        return [_finding(k, hit, text, d["depth"].replace("_", " "), meaning=pancreas.meaning,
                         sources=pancreas.sources)]
    if k == "invasion_vessels":
        state = {True: "present", False: "not seen", None: "not assessed"}[d["present"]]
        return [_finding(k, hit, text, f"{d['what']} invasion: {state}",
                         label=vocab.INVASION_LABELS[d["what"]])]
    if k in {"metastasis", "metastasis_uncertain", "metastasis_none"}:
        where = ", ".join({"liver": "liver", "extrahepatic": "outside the liver",
                           "all": "anywhere"}[s] for s in d["sites"])
        prefix = {"metastasis": "in ", "metastasis_uncertain": "possible, ",
                  "metastasis_none": "none "}[k]
        return [_finding(k, hit, text, prefix + where)]
    if k == "stain":
        s = vocab.STAINS[d["index"]]
        return [_finding("stain_item", hit, text, s.label, label=s.label, meaning=s.meaning,
                         sources=s.sources, level=s.level, lesson="tests")]
    if k == "imaging":
        s = vocab.IMAGING[d["index"]]
        return [_finding("imaging_item", hit, text, s.label, label=s.label, meaning=s.meaning,
                         sources=s.sources, level=s.level, lesson="tests")]
    if k == "marker":
        s = vocab.MARKERS[d["index"]]
        return [_finding("marker_item", hit, text, s.label, label=s.label, meaning=s.meaning,
                         sources=s.sources, lesson="function")]
    values = {
        "site": lambda: site_label(d["site"]) + (" (as a layer reached)" if d["into"] else ""),
        "depth": lambda: d["depth"].replace("_", " "),
        "depth_negated": lambda: d["depth"].replace("_", " ") + " (not reached)",
        "grade": lambda: d["grade"],
        "differentiation": lambda: d["differentiation"] + (f" ({d['subtype']})"
                                                            if d["subtype"] else ""),
        "stage_stated": lambda: f"stage {d['stage']}",
        "edition": lambda: d["text"].strip(),
        "krenning": lambda: f"score {d['score']}",
        "margin": lambda: d.get("r") or ("involved" if d["involved"] else "clear"),
        "tumor_count": lambda: str(d["count"]) if d["count"] else "more than one",
    }
    value = values.get(k, lambda: text[hit.start:hit.end].strip())()
    return [_finding(k, hit, text, value)]


# --- the values ----------------------------------------------------------------------------------


def _of(hits: list[Hit], *kinds: str) -> list[Hit]:
    return [h for h in hits if h.kind in kinds]


def _tnm_parts(hits: list[Hit]) -> dict[str, dict]:
    """The T, N and M parts; a pathological (p, yp) part wins over a clinical one."""
    chosen: dict[str, dict] = {}
    for hit in _of(hits, "tnm"):
        for part in hit.data["parts"]:
            letter = part["letter"]
            old = chosen.get(letter)
            if old is None or ("p" in part["prefix"] and "p" not in old["prefix"]):
                chosen[letter] = part
    return chosen


def _site(hits: list[Hit]) -> tuple[str | None, tuple[str, ...]]:
    named = [h.data["site"] for h in _of(hits, "site") if not h.data["into"]]
    distinct = tuple(dict.fromkeys(named))
    return (distinct[0] if distinct else None), distinct


def _depth(hits: list[Hit], site: str | None) -> tuple[str | None, list[str]]:
    keys = [h.data["depth"] for h in _of(hits, "depth")]
    if site is None or not keys:
        return None, []
    mapping = vocab.DEPTH_AT_SITE[site]
    order = [key for _label, key in invasion_options(site)]
    mapped = [mapping[k] for k in keys if k in mapping]
    unused = [k for k in keys if k not in mapping]
    if not mapped:
        return None, unused
    return max(mapped, key=order.index), unused


def _size(hits: list[Hit], role: str) -> float | None:
    sizes = [h.data["cm"] for h in _of(hits, "size") if h.data["role"] == role and h.data["cm"] > 0]
    return max(sizes) if sizes else None


@dataclass
class _Nodes:
    positive: int | None = None
    examined: int | None = None
    involved: bool | None = None
    none_examined: bool = False
    impossible: bool = False


def _nodes(hits: list[Hit]) -> _Nodes:
    out = _Nodes()
    ratios = [h for h in _of(hits, "nodes") if "positive" in h.data and "examined" in h.data]
    if ratios:
        out.positive = sum(h.data["positive"] for h in ratios)
        out.examined = sum(h.data["examined"] for h in ratios)
        out.impossible = any(h.data["positive"] > h.data["examined"] for h in ratios)
    in_ratios = {id(h) for h in ratios}
    for h in _of(hits, "nodes"):
        d = h.data
        if id(h) in in_ratios:
            continue
        if "positive" in d and out.positive is None:
            out.positive = d["positive"]
        if "examined" in d and out.examined is None:
            out.examined = d["examined"]
        if "involved" in d and out.involved is None:
            out.involved = d["involved"]
        if d.get("none_examined"):
            out.none_examined = True
    if out.positive is not None and out.involved is None:
        out.involved = out.positive > 0
    return out


def _metastases(hits: list[Hit]) -> tuple[set[str], bool, bool, bool]:
    """(certain sites, uncertain liver spots, 'no distant spread' stated, 'no liver spread')."""
    certain: set[str] = set()
    for h in _of(hits, "metastasis"):
        certain.update(h.data["sites"])
    uncertain = bool(_of(hits, "metastasis_uncertain"))
    none_all = any("all" in h.data["sites"] for h in _of(hits, "metastasis_none"))
    none_liver = any("liver" in h.data["sites"] for h in _of(hits, "metastasis_none"))
    return certain, uncertain, none_all, none_liver


def _first_value(hits: list[Hit], kind: str) -> list[dict]:
    return [h.data for h in _of(hits, kind) if h.data.get("value") is not None]


def _tumor_count(hits: list[Hit], t_part: dict | None) -> int | None:
    counts = [h.data["count"] or 2 for h in _of(hits, "tumor_count")]
    if t_part and t_part["suffix"]:
        counts.append(int(t_part["suffix"]) if t_part["suffix"].isdigit() else 2)
    return max(counts) if counts else None


# --- staging -------------------------------------------------------------------------------------

_PROBE_SIZES = (0.5, 0.9, 1.0, 1.5, 2.0, 3.0, 4.5, 6.0)


@lru_cache(maxsize=32)
def _t_examples(site: str, edition: str) -> dict[str, tuple[float, str]]:
    """For each T category of ``site``, one (size, invasion) that gives it under ``edition``."""
    found: dict[str, tuple[float, str]] = {}
    for _label, invasion in invasion_options(site):
        for size in _PROBE_SIZES:
            t = stage_tumor(site, size, invasion, 0, "none", edition=edition).t
            found.setdefault(t, (size, invasion))
    return found


def _t_base(t: str) -> str:
    return t.split("(")[0]


def _t_same(a: str, b: str) -> bool:
    a, b = _t_base(a), _t_base(b)
    return a == b if len(a) > 2 and len(b) > 2 else a[:2] == b[:2]


def _measured_t(site: str, size: float | None, depth: str | None, edition: str) -> str | None:
    """T from the stated size and depth, or from one of them when the other cannot change it."""
    sizes = [size] if size is not None else [0.3, 6.0]
    depths = [depth] if depth is not None else [k for _l, k in invasion_options(site)]
    if size is None and depth is None:
        return None
    ts = {_t_base(stage_tumor(site, s, d, 0, "none", edition=edition).t)
          for s in sizes for d in depths}
    return ts.pop() if len(ts) == 1 else None


def _measured_n(site: str, nodes: _Nodes, mass_cm: float | None, edition: str) -> str | None:
    mass = site == "jejunum_ileum" and mass_cm is not None and mass_cm > 2
    if nodes.positive is None:
        if mass:
            return "N2"
        if nodes.none_examined:
            return "NX"
        if nodes.involved is False:
            return "N0"
        if nodes.involved and site != "jejunum_ileum":
            return "N1"
        return None
    size, invasion = next(iter(_t_examples(site, edition).values()))
    return stage_tumor(site, size, invasion, nodes.positive, "none",
                       mesenteric_mass_gt_2cm=mass, edition=edition).n


def _measured_m(certain: set[str], none_all: bool) -> str | None:
    if certain:
        if certain == {"liver"}:
            return "M1a"
        return "M1c" if "liver" in certain else "M1b"
    return "M0" if none_all else None


def _t_known(site: str, t: str, edition: str) -> bool:
    return any(_t_same(k, t) for k in _t_examples(site, edition))


def _n_inputs(site: str, n: str) -> tuple[int | None, bool]:
    if n == "NX":
        return None, False
    if n == "N0":
        return 0, False
    if n == "N2":
        return 12, False
    return 1, False


def _stage(site: str, t: str, n: str, m: str, count: int | None, edition: str
           ) -> tuple[str | None, str]:
    examples = _t_examples(site, edition)
    match = [k for k in examples if _t_same(k, t)]
    if not match:
        allowed = ", ".join(sorted({_t_base(k) for k in examples}))
        return None, (f"{t} is not a T category of the NET chapter for this site under "
                      f"{edition_short(edition)} (it uses {allowed})")
    size, invasion = examples[match[0]]
    nodes, _ = _n_inputs(site, n)
    if n == "N2" and site != "jejunum_ileum":
        return None, f"N2 is not used at this site under {edition_short(edition)} (N0 or N1)"
    meta = _M_TO_MET.get(m, "hepatic")
    result = stage_tumor(site, size, invasion, nodes, meta, tumor_count=count or 1,
                         edition=edition)
    if result.stage is None:
        return None, result.rules[-1].text
    return result.stage, (f"{_t_base(t)} {n} {m} at the {site_label(site).lower()} is stage "
                          f"{result.stage} under {edition_short(edition)}")


# --- the reading ---------------------------------------------------------------------------------


@dataclass
class _Draft:
    """Values gathered while reading, before they are frozen into a ReportReading."""

    checks: list[Check]
    questions: list[str]

    def check(self, kind: str, severity: str, text: str, sources: tuple[str, ...],
              level: str | None = None) -> None:
        self.checks.append(Check(kind, severity, text, sources, level))

    def ask(self, question: str) -> None:
        if question not in self.questions:
            self.questions.append(question)


def read_report(text: str, edition: str = "ajcc9") -> ReportReading:
    """Read a GEP-NET report (free text, English) and explain, check and stage it.

    Parameters
    ----------
    text : str
        Report text: pathology, imaging or a clinic letter; at most :data:`MAX_CHARS` characters.
    edition : str
        Staging edition: ``"ajcc9"`` (AJCC Version 9, default) or ``"ajcc8"``.

    Returns
    -------
    ReportReading
        The items found (each with its span, meaning, source and lesson), the values read, the
        checks, the stage under ``edition`` (or ``None`` with the reason) and questions to ask.

    Raises
    ------
    ValueError
        If ``text`` is not a ``str``, is longer than :data:`MAX_CHARS` characters, or
        ``edition`` is not one of :data:`gepnet_widgets.staging.EDITIONS`.
    """
    text = _check_text(text)
    edition = check_edition(edition)
    hits = scan(text)
    findings = tuple(f for h in hits for f in _hit_findings(h, text))
    unrecognised = tuple(Span(s, e, text[s:e]) for s, e in leftover_tokens(text, hits))
    draft = _Draft([], [])

    site, sites = _site(hits)
    parts = _tnm_parts(hits)
    t_part, n_part, m_part = parts.get("T"), parts.get("N"), parts.get("M")
    depth, unused_depths = _depth(hits, site)
    size = _size(hits, "tumour")
    mass_cm = _size(hits, "mesenteric_mass")
    count = _tumor_count(hits, t_part)
    nodes = _nodes(hits)
    certain, uncertain, none_all, none_liver = _metastases(hits)
    tumour_type = _tumour_type(hits)
    differentiation = _differentiation(hits)

    ki67, mitoses, hpf, grade, grade_stated = _grading(hits, differentiation, tumour_type, draft)
    ki_hit = _highest_ki67(hits)

    t_stated = t_part["category"] if t_part else None
    n_stated = n_part["category"] if n_part else None
    m_stated = m_part["category"] if m_part else None
    t = n = m = None
    if site is not None:
        t_meas = _measured_t(site, size, depth, edition)
        n_meas = _measured_n(site, nodes, mass_cm, edition)
        m_meas = _measured_m(certain, none_all)
        _compare(draft, site, edition, t_stated, t_meas, n_stated, n_meas, m_stated, m_meas,
                 nodes, uncertain)
        t, n, m = t_stated or t_meas, n_stated or n_meas, m_stated or m_meas
        if m in {"MX"}:
            m = None
    else:
        m = m_stated or _measured_m(certain, none_all)
        t, n = t_stated, n_stated
        _compare_m(draft, edition_source_keys(edition), m_stated, _measured_m(certain, none_all),
                   uncertain)

    stage, reason, stage_sources = _stage_or_reason(
        draft, site, t, n, m, count, edition, tumour_type, differentiation)

    stated_stage = _stated_stage(hits)
    poor = tumour_type in {"NEC", "MiNEN"} or differentiation == "poor"
    if stated_stage and site is not None and not poor:
        _compare_stage(draft, site, stated_stage, stage, (t, n, m), count, edition)
    if site == "pancreas" and edition == "ajcc8" and grade == "G3" and not poor:
        draft.check("pancreas_g3_ajcc8", "note", _PANCREAS_G3_AJCC8, ("S3", "S6", "S5"))

    _other_checks(draft, hits, sites, unused_depths, nodes, tumour_type, differentiation, edition)
    not_routine = _sstr_not_routine(hits, site, t, n, m, grade, certain, uncertain, poor)
    if not_routine:
        why = vocab.TERMS["sstr_not_routine"]
        draft.check("sstr_not_routine", "note", why.meaning, why.sources, why.level)
    _questions(draft, hits, site, t, n, m, ki67, mitoses, uncertain, none_liver, stage,
               not_routine, poor)

    return ReportReading(
        edition=edition, site=site, t=t, n=n, m=m,
        t_prefix=(t_part["prefix"] or None) if t_part else None,
        t_stated=t_stated is not None, n_stated=n_stated is not None,
        m_stated=m_stated is not None,
        size_cm=size, tumor_count=count, depth=depth,
        nodes_positive=nodes.positive, nodes_examined=nodes.examined,
        mesenteric_mass_cm=mass_cm, metastasis_sites=tuple(sorted(certain)),
        ki67_percent=ki67, mitoses_per_2mm2=mitoses, mitoses_per_10hpf=hpf,
        grade=grade, grade_stated=grade_stated, differentiation=differentiation,
        tumour_type=tumour_type, findings=findings, unrecognised=unrecognised,
        checks=tuple(draft.checks), stage=stage, stage_reason=reason,
        stage_sources=stage_sources, questions=tuple(draft.questions),
        ki67_qualifier=(ki_hit or {}).get("qualifier", ""), stage_stated=stated_stage,
        sstr_not_routine=not_routine)


def _tumour_type(hits: list[Hit]) -> str | None:
    kinds = {h.kind for h in hits}
    if "type_minen" in kinds:
        return "MiNEN"
    if "type_nec" in kinds or any(h.data.get("subtype") for h in _of(hits, "differentiation")):
        return "NEC"
    if kinds & {"type_net", "type_carcinoid"}:
        return "NET"
    return None


def _differentiation(hits: list[Hit]) -> str | None:
    values = [h.data["differentiation"] for h in _of(hits, "differentiation")]
    if "poor" in values:
        return "poor"
    return "well" if values else None


# --- grading -----------------------------------------------------------------------------------


def _grading(hits: list[Hit], differentiation: str | None, tumour_type: str | None,
             draft: _Draft) -> tuple[float | None, float | None, float | None, str | None, bool]:
    ki_values = _first_value(hits, "ki67")
    mit_values = _first_value(hits, "mitoses")
    hpf_values = _first_value(hits, "mitoses_hpf")
    ki = max(ki_values, key=lambda d: d["value"]) if ki_values else None
    mit = max(mit_values, key=lambda d: d["value"]) if mit_values else None
    hpf = max(d["value"] for d in hpf_values) if hpf_values else None
    if len({d["value"] for d in ki_values}) > 1:
        draft.check("ki67_several", "note",
                    "The report gives more than one Ki-67 value; this reading grades with the "
                    "highest. The care team can say which sample each value comes from.", _WHO)
    if ki is not None and ki["high"] is not None:
        draft.check("ki67_range", "note",
                    f"Ki-67 is given as a range ({_fmt(ki['low'])}-{_fmt(ki['high'])}%); this "
                    "reading uses the higher end. WHO 2019 counts the busiest area (hot spot).",
                    _WHO)
    if hpf is not None:
        draft.check("hpf", "note",
                    f"The mitotic count is given per 10 high-power fields ({_fmt(hpf)} per 10 "
                    "HPF), an older unit (WHO 2010). WHO 2019 counts per 2 mm²; the size of a "
                    "field differs between microscopes, so this reading does not convert it and "
                    "does not grade with it.", ("S10", "S9"))

    stated = [h.data["grade"] for h in _of(hits, "grade") if h.data["grade"] != "GX"]
    grade_stated = stated[0] if stated else None
    if len(set(stated)) > 1:
        draft.check("grade_several", "disagreement",
                    f"The report names more than one grade ({', '.join(dict.fromkeys(stated))}).",
                    _WHO)
    ki67 = ki["value"] if ki else None
    ki_for_grade = _adjust(ki67, ki["qualifier"] if ki else "")
    mitoses = mit["value"] if mit else None
    mit_for_grade = _adjust(mitoses, mit["qualifier"] if mit else "")
    if ki67 is not None and ki67 > 100:
        draft.check("ki67_impossible", "disagreement",
                    f"A Ki-67 of {_fmt(ki67)}% is not possible (it is a share of cells, 0-100%); "
                    "check the number with the care team.", _WHO)
        ki_for_grade = None
    poor = differentiation == "poor" or tumour_type == "NEC"
    derived = None
    if ki_for_grade is not None or mit_for_grade is not None or poor:
        result = who_grade(ki_for_grade, mit_for_grade, "poor" if poor else "well")
        derived = result.grade
        _grade_flags(draft, result.flags, result.sources)
        if poor:
            if grade_stated and grade_stated != "G3":
                draft.check("grade_nec", "disagreement",
                            f"The report says {grade_stated}, but a poorly differentiated "
                            "neuroendocrine carcinoma (NEC) is high grade by definition and is "
                            "not given G1 or G2 (WHO 2019).", _WHO)
            elif grade_stated:
                draft.check("grade_nec", "note",
                            "A neuroendocrine carcinoma (NEC) is high grade by definition; WHO "
                            "2019 does not grade it G1-G3 the way it grades a NET.", _WHO)
        elif grade_stated and derived and grade_stated != derived:
            draft.check("grade_mismatch", "disagreement", _grade_mismatch_text(
                grade_stated, derived, result.ki67_grade, result.mitotic_grade, ki, mit), _WHO)
    if grade_stated and ki67 is None and mitoses is None and not poor:
        draft.check("grade_without_index", "gap",
                    f"The report says {grade_stated} but gives no Ki-67 index or mitotic count "
                    "per 2 mm² behind it.", _WHO)
    if poor:
        return ki67, mitoses, hpf, None, grade_stated is not None
    return ki67, mitoses, hpf, grade_stated or derived, grade_stated is not None


def _grade_flags(draft: _Draft, flags: tuple[str, ...], sources: tuple[str, ...]) -> None:
    """Show the grading tool's review flags (lesson 4's wording) as checks.

    A grade resting on Ki-67 alone is not flagged here (most reports give Ki-67 only); a grade
    from mitoses alone is provisional; a Ki-67 near a cut-off, a well-differentiated tumour with
    a very high Ki-67 and a poorly differentiated one with Ki-67 of 20% or less are prompts for
    review.
    """
    for flag in flags:
        if flag.startswith("Only Ki-67"):
            continue
        if flag.startswith("Only mitoses"):
            draft.check("grade_provisional", "note", flag + ".", sources)
        elif "near a cut-off" in flag:
            draft.check("ki67_near_cutoff", "note", flag + ".", sources)
        else:
            draft.check("grade_review", "disagreement", flag + ".", sources)


def _highest_ki67(hits: list[Hit]) -> dict | None:
    values = _first_value(hits, "ki67")
    return max(values, key=lambda d: d["value"]) if values else None


def _adjust(value: float | None, qualifier: str) -> float | None:
    """A stated '<x' is read as just below x and '>x' as just above x (for the bands only)."""
    if value is None:
        return None
    if qualifier == "<":
        return max(value - 0.01, 0.0)
    if qualifier == ">":
        return value + 0.01
    return value


def _grade_mismatch_text(stated: str, derived: str, ki_grade: str | None, mit_grade: str | None,
                         ki: dict | None, mit: dict | None) -> str:
    said = []
    if ki is not None and ki_grade:
        said.append(f"a Ki-67 of {ki['qualifier']}{_fmt(ki['value'])}% is {ki_grade}")
    if mit is not None and mit_grade:
        said.append(f"{mit['qualifier']}{_fmt(mit['value'])} mitoses per 2 mm² is {mit_grade}")
    return (f"The report says {stated}, but under WHO 2019 {' and '.join(said)}, so the grade "
            f"would be {derived}. "
            "When Ki-67 and the mitotic count disagree, the higher grade decides (Ki-67 below 3% "
            "G1, 3-20% G2, above 20% G3). Ask which grade is final.")


# --- TNM checks ----------------------------------------------------------------------------------


def _compare(draft: _Draft, site: str, edition: str, t_stated: str | None, t_meas: str | None,
             n_stated: str | None, n_meas: str | None, m_stated: str | None,
             m_meas: str | None, nodes: _Nodes, uncertain: bool) -> None:
    keys = edition_source_keys(edition)
    where = f"at the {site_label(site).lower()} under {edition_short(edition)}"
    if t_stated and t_meas and not _t_same(t_stated, t_meas):
        draft.check("t_mismatch", "disagreement",
                    f"The report says {t_stated}, but the size and depth it gives make {t_meas} "
                    f"{where}. The T rules of the edition the report used may differ; ask.", keys)
    if n_stated and n_meas and n_stated != n_meas and n_stated != "NX":
        draft.check("n_mismatch", "disagreement",
                    f"The report says {n_stated}, but the lymph nodes it describes make "
                    f"{n_meas} {where}.", keys)
    if nodes.impossible:
        draft.check("nodes_impossible", "disagreement",
                    "More positive lymph nodes than examined ones are written; check the "
                    "numbers with the care team.", keys)
    _compare_m(draft, keys, m_stated, m_meas, uncertain)


def _compare_m(draft: _Draft, keys: tuple[str, ...], m_stated: str | None, m_meas: str | None,
               uncertain: bool) -> None:
    if m_stated and m_meas and m_stated != m_meas and not (
            m_stated == "M1" and m_meas.startswith("M1")):
        draft.check("m_mismatch", "disagreement",
                    f"The report says {m_stated}, but the metastases it names make {m_meas} "
                    f"(M1a liver only, M1b outside the liver only, M1c both).", keys)
    if m_stated == "M1":
        draft.check("m1_unsplit", "note",
                    "The report writes M1 without a, b or c: M1a is liver only, M1b outside the "
                    "liver only, M1c both. The stage group is IV either way.", keys)
    if m_stated == "M0" and uncertain:
        draft.check("m0_with_lesions", "note",
                    "The report says M0 but also mentions liver lesions; ask whether they are "
                    "thought to be tumour.", keys)


def _stage_or_reason(draft: _Draft, site: str | None, t: str | None, n: str | None,
                     m: str | None, count: int | None, edition: str, tumour_type: str | None,
                     differentiation: str | None) -> tuple[str | None, str, tuple[str, ...]]:
    keys = edition_source_keys(edition)
    name = edition_short(edition)
    if tumour_type in {"NEC", "MiNEN"} or differentiation == "poor":
        what = "a mixed neoplasm (MiNEN)" if tumour_type == "MiNEN" else \
            "a neuroendocrine carcinoma (NEC)"
        text = (f"The report describes {what}. NEC and MiNEN are staged with the carcinoma "
                "system of the organ, not with the NET chapters this reader uses, so no NET "
                "stage is given here.")
        draft.check("nec", "note", text, ("S3", "S6", "S5"))
        return None, text, ("S3", "S6", "S5")
    missing = []
    if site is None:
        missing.append("where the tumour started (the site)")
    if t is None:
        missing.append("T (the size and how deep the tumour has grown)")
    if n is None:
        missing.append("N (whether lymph nodes were examined and held tumour)")
    if m is None:
        missing.append("M (whether there is spread to distant organs)")
    if missing:
        text = "The stage cannot be given: the report does not state " + "; ".join(missing) + "."
        if site is not None and t is not None and n is not None and m is None:
            if_m0, _why = _stage(site, t, n, "M0", count, edition)
            if if_m0:
                text += (f" If the care team finds no distant spread (M0), {name} gives stage "
                         f"{if_m0}; with distant spread (M1) it is stage IV.")
            elif _t_known(site, t, edition):
                text += (f" Even with no distant spread (M0), {name} gives no stage group for "
                         f"{_t_base(t)} {n} M0 at this site; with distant spread (M1) it is "
                         "stage IV.")
        draft.check("stage_missing", "gap", text, keys)
        return None, text, keys
    stage, why = _stage(site, t, n, m, count, edition)
    if stage is None:
        draft.check("stage_none", "gap", f"No stage group: {why}.", keys)
        return None, f"No stage group under {name}: {why}.", keys
    return stage, why + ".", keys


def _other_checks(draft: _Draft, hits: list[Hit], sites: tuple[str, ...], unused: list[str],
                  nodes: _Nodes, tumour_type: str | None, differentiation: str | None,
                  edition: str) -> None:
    if len(sites) > 1:
        draft.check("several_sites", "note",
                    "The text names more than one organ (" + ", ".join(site_label(s) for s in sites)
                    + "); this reading takes the first as where the tumour started.",
                    ("AJCC8", "S1"))
    for key in dict.fromkeys(unused):
        draft.check("depth_not_at_site", "note",
                    f"The layer '{key.replace('_', ' ')}' is not a T category word at this site "
                    "in the NET chapters, so it is not used for T.", edition_source_keys(edition))
    for h in _of(hits, "edition"):
        _edition_check(draft, h.data, edition)
    if _of(hits, "type_carcinoid"):
        draft.check("carcinoid", "note",
                    "'Carcinoid' is an older name for a NET; pathology reports of digestive NETs "
                    "no longer use it.", ("S3",))
    if _of(hits, "differentiation_other"):
        draft.check("moderately", "note",
                    "'Moderately differentiated' is not one of the WHO 2019 words for "
                    "neuroendocrine neoplasms (well or poorly differentiated); ask which applies.",
                    _WHO)
    if tumour_type == "NEC" and differentiation == "well":
        draft.check("well_nec", "disagreement",
                    "The report pairs 'well differentiated' with 'carcinoma'. Under WHO 2019 a "
                    "well-differentiated tumour is a NET (G1-G3) and a carcinoma (NEC) is poorly "
                    "differentiated; older classifications (WHO 2000) used 'well-differentiated "
                    "endocrine carcinoma'. Ask which is meant.", ("S9", "S8", "S10"))


def _edition_check(draft: _Draft, data: dict, edition: str) -> None:
    system, number = data["system"], data["number"]
    number = int(number) if number and number.isdigit() else None
    if system == "uicc":
        draft.check("uicc", "note",
                    "The report names UICC TNM. This reader stages with AJCC "
                    f"({edition_short(edition)}). UICC 8th stages only G1 and G2 NETs and prints "
                    "an older grading table (Ki-67 up to 2% for G1, mitoses per 10 HPF), so the "
                    "categories can differ; ask which system your team uses.", ("S48",))
    elif system == "enets":
        draft.check("enets", "note",
                    "The report names the ENETS TNM system, which differs from AJCC in places "
                    "(for example the pancreas sub-stages IIA-IIIB).", ("S13",))
    elif system == "who" and number in {2000, 2010}:
        draft.check("old_who", "note",
                    f"The report names WHO {number}, an older classification: WHO 2010 called "
                    "every tumour with Ki-67 above 20% a carcinoma and counted mitoses per 10 "
                    "HPF. This reader grades with WHO 2019.", ("S10", "S9"))
    elif system == "ajcc" and number is not None:
        if number <= 7:
            draft.check("old_ajcc", "note",
                        f"The report names an older AJCC edition ({number}th); T, N and stage "
                        f"groups changed since. This reader uses {edition_short(edition)}.",
                        ("S3", "AJCC8"))
        elif number == 8 and edition == "ajcc9":
            draft.check("edition_differs", "note",
                        "The report names the AJCC 8th edition; this reading uses AJCC Version "
                        "9. Switch the edition to read it as written.", ("AJCC8", "S5"))
        elif number == 9 and edition == "ajcc8":
            draft.check("edition_differs", "note",
                        "The report names AJCC Version 9; this reading uses the AJCC 8th "
                        "edition. Switch the edition to read it as written.", ("AJCC8", "S5"))


# --- a stage the report states ----------------------------------------------------------------

_PANCREAS_G3_AJCC8 = (
    "Sources differ on whether the AJCC 8th edition's pancreas NET chapter covers NET G3: it was "
    "written before NET G3 was brought in for the pancreas (WHO 2017), and some sources read it "
    "as covering all well-differentiated NETs, others G1 and G2 only. AJCC Version 9 includes "
    "NET G3 explicitly. The stage here follows the 8th edition's tables all the same; ask which "
    "edition your care team uses.")


def _stated_stage(hits: list[Hit]) -> str | None:
    stated = [h.data["stage"] for h in _of(hits, "stage_stated")]
    return stated[0] if stated else None


def _site_groups(site: str) -> tuple[str, ...]:
    """The stage groups of the site's NET chapter in any edition this reader knows, in order."""
    return tuple(dict.fromkeys(row.stage for e in EDITIONS for row in stage_table(site, e)))


def _stage_fits(stated: str, stage: str) -> bool:
    """'II' fits IIA or IIB (a group named without its letter); otherwise the same group."""
    return stated == stage or (stated in {"II", "III"} and stage.rstrip("ABC") == stated)


def _compare_stage(draft: _Draft, site: str, stated: str, stage: str | None,
                   tnm: tuple[str | None, str | None, str | None], count: int | None,
                   edition: str) -> None:
    keys = tuple(dict.fromkeys(k for e in EDITIONS for k in edition_source_keys(e)))
    where = site_label(site).lower()
    groups = _site_groups(site)
    roots = {g.rstrip("ABC") for g in groups}
    editions = " or ".join(edition_short(e) for e in EDITIONS)
    if stated not in groups and stated not in roots:
        draft.check("stage_not_at_site", "disagreement",
                    f"The report states stage {stated}, but the NET chapter for the {where} has "
                    f"no stage {stated} in {editions} (its groups are {', '.join(groups)}). "
                    "Older editions and other systems used other groups. Ask the care team "
                    "which system and edition the stage comes from.", keys)
        return
    if stage is not None and _stage_fits(stated, stage):
        return
    t, n, m = tnm
    other = [e for e in EDITIONS if e != edition]
    elsewhere = ""
    if t and n and m:
        for e in other:
            alt, _why = _stage(site, t, n, m, count, e)
            if alt and _stage_fits(stated, alt):
                elsewhere = (f" Under {edition_short(e)} the same T, N and M give stage {alt}, "
                             "so the report may use that edition.")
    if stage is None:
        draft.check("stage_stated_unchecked", "note",
                    f"The report states stage {stated}; this reading could not work out a stage "
                    f"from the text to compare it with.{elsewhere} The report may hold a detail "
                    "the text here does not state; the care team can say how the stage was "
                    "reached.", keys)
        return
    draft.check("stage_mismatch", "disagreement",
                f"The report states stage {stated}, but the T, N and M this reading found "
                f"({' '.join(x for x in tnm if x)}) make stage {stage} at the {where} under "
                f"{edition_short(edition)}: they do not fit.{elsewhere} The report may use "
                "another edition or system, or rest on a detail it holds that the text here "
                "does not state (or that this reading missed). Ask the care team which stage is "
                "right and which edition it comes from.", keys)


# --- receptor imaging -------------------------------------------------------------------------


def _sstr_not_routine(hits: list[Hit], site: str | None, t: str | None, n: str | None,
                      m: str | None, grade: str | None, certain: set[str], uncertain: bool,
                      poor: bool) -> bool:
    """A small, localised G1 rectal or appendiceal NET (receptor imaging not a routine step).

    Small: T1a at the rectum (below 1 cm, in the mucosa or submucosa), T1 at the appendix;
    localised: no node or distant spread stated, no liver spots, no lymph or blood vessel
    invasion seen.
    """
    if poor or grade != "G1" or t is None or certain or uncertain:
        return False
    if (n or "N0") not in {"N0", "NX"} or (m or "M0") != "M0":
        return False
    if any(h.data.get("present") for h in _of(hits, "invasion_vessels")):
        return False
    rectal = site == "colon_rectum" and any(
        "rect" in h.data.get("word", "") for h in _of(hits, "site"))
    if rectal:
        return _t_base(t).lower() == "t1a"
    return site == "appendix" and _t_base(t)[:2] == "T1"


# --- questions -----------------------------------------------------------------------------------


def _questions(draft: _Draft, hits: list[Hit], site: str | None, t: str | None, n: str | None,
               m: str | None, ki67: float | None, mitoses: float | None, uncertain: bool,
               none_liver: bool, stage: str | None, sstr_not_routine: bool, poor: bool) -> None:
    for c in draft.checks:
        if c.kind == "grade_mismatch":
            draft.ask("The grade and the Ki-67 or mitotic count seem not to match: which grade "
                      "is final, and why?")
        elif c.kind == "hpf":
            draft.ask("Can the mitotic count be given per 2 mm², the unit WHO 2019 uses?")
        elif c.kind in {"uicc", "enets", "old_ajcc", "old_who", "edition_differs"}:
            draft.ask("Which staging system and edition did you use for my report?")
        elif c.kind in {"t_mismatch", "n_mismatch", "m_mismatch", "nodes_impossible"}:
            draft.ask("Some numbers and categories in the report do not seem to fit together: "
                      "which are right?")
        elif c.kind == "nec":
            draft.ask("How is this carcinoma staged, and which tests are planned next?")
        elif c.kind in {"stage_mismatch", "stage_not_at_site", "stage_stated_unchecked"}:
            draft.ask("The report names a stage group: which edition or system is it from, and "
                      "how do the T, N and M in the report lead to it?")
        elif c.kind == "grade_review":
            draft.ask("The differentiation and the Ki-67 seem not to fit: has the pathologist "
                      "looked at this again, and is the diagnosis final?")
    if site is None:
        draft.ask("Where in the body did the tumour start (the primary site)?")
    if ki67 is None and mitoses is None and not poor:
        draft.ask("What was the Ki-67 index or mitotic count, and what grade does it give?")
    if n is None:
        draft.ask("Were lymph nodes examined, and how many held tumour?")
    if uncertain:
        draft.ask("Are the liver lesions thought to be spread of the tumour, and how will that "
                  "be found out?")
    elif m is None:
        draft.ask("Do the scans show any spread to the liver or elsewhere?")
    if none_liver and m is None and not uncertain:
        draft.ask("Were organs other than the liver checked for spread?")
    nec = any(c.kind == "nec" for c in draft.checks)
    scanned = any(h.kind == "imaging" and vocab.IMAGING[h.data["index"]].sstr for h in hits)
    if not nec and not sstr_not_routine and not scanned:
        draft.ask("Has a somatostatin-receptor scan (SSTR PET) been done or planned, and what "
                  "did it show?")
    if stage is None and not any(c.kind == "nec" for c in draft.checks):
        draft.ask("What is the stage, and which edition is it from?")
    draft.ask("What does this report mean for me, and what happens next?")


def sources_of(reading: ReportReading) -> tuple[str, ...]:
    """Every source key the reading's findings, checks and stage rest on (first-seen order)."""
    keys = [k for f in reading.findings for k in f.sources]
    keys += [k for c in reading.checks for k in c.sources]
    keys += list(reading.stage_sources)
    return tuple(dict.fromkeys(keys))


def _self_test_sources() -> None:
    """Every source key used by the vocabulary resolves (raises ValueError otherwise)."""
    for t in vocab.TERMS.values():
        source_words(t.sources)
    for table in (vocab.STAINS, vocab.IMAGING, vocab.MARKERS):
        for item in table:
            source_words(item.sources)


_self_test_sources()
