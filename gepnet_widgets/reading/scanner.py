"""Find the items of a report in free text: regular expressions over the text, then the rest.

Safe by construction against catastrophic backtracking: every quantifier is bounded
(``\\s{0,2}``, ``\\d{1,3}``), repetition of a group is bounded (``{0,2}``), and no pattern nests
an unbounded quantifier. Each pattern runs once over the text (linear work); a hit looks at a
window of at most :data:`WINDOW` characters around it. Nothing is evaluated, stored or sent.

:func:`scan` returns :class:`Hit` objects (kind, span, parsed values) that do not overlap, and
:func:`leftover_tokens` returns the tokens no hit covers that hold a digit or look like a TNM,
grade or percentage code, so nothing that looks like a value is silently dropped.

Pure layer-1 module: no widget or plotting import.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .vocabulary import (
    DEPTH_WORDS,
    IMAGING,
    MARKERS,
    METASTASIS_SITE_WORDS,
    SITE_WORDS,
    STAINS,
)

__all__ = ["Hit", "scan", "leftover_tokens", "TOKEN", "CODE_LIKE", "WINDOW"]

#: The most characters a hit looks at before or after itself for context.
WINDOW = 60

_I = re.IGNORECASE
_NUM = r"\d{1,3}(?:[.,]\d{1,2})?"
_PRE = r"(?:yp|yc|rp|rc|[pcyra])"
#: UICC descriptors written like TNM codes but not T, N or M: Pn0/Pn1 (perineural invasion; the
#: capital P and small n tell it apart from pN1). L, V and R codes hold no T, N or M letter.
_NOT_TNM = r"(?!(?-i:Pn)[0-2Xx](?![A-Za-z0-9]))"
_ONE_TNM = rf"{_NOT_TNM}{_PRE}?[TNM](?:[0-4][a-c]?|[Xx]|is)(?:\s{{0,1}}\((?:m|\d{{1,2}})\))?"
#: A token: a run of letters, digits and the characters codes are written with.
TOKEN = re.compile(r"[A-Za-z0-9µμ²%#+<>≤≥=.,/()'\-]{1,60}")
#: What counts as a code even without a digit (NX, TX, GX, MX, pNX ...).
CODE_LIKE = re.compile(rf"^\(?(?:{_PRE}?[TNM][0-4Xx]|G[1-4Xx]|R[0-2X]|\d)", _I)


@dataclass(frozen=True)
class Hit:
    """One recognised item: its kind, where it is, and the values read from it."""

    kind: str
    start: int
    end: int
    data: dict = field(default_factory=dict, compare=False)
    priority: int = 50

    @property
    def length(self) -> int:
        return self.end - self.start


Handler = Callable[[re.Match, str], "Hit | None"]


@dataclass(frozen=True)
class _Rule:
    kind: str
    pattern: re.Pattern[str]
    priority: int
    handler: Handler | None = None
    #: Lower-case pieces of which at least one must be in the text for the rule to run ("0":
    #: any digit); empty: always run. A cheap filter, so rules that cannot match are skipped.
    need: tuple[str, ...] = ()


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _before(text: str, start: int) -> str:
    """The clause before ``start`` (stops at a full stop, semicolon or line break)."""
    window = text[max(0, start - WINDOW):start]
    cut = max(window.rfind(". "), window.rfind(";"), window.rfind("\n"))
    return window[cut + 1:] if cut >= 0 else window


def _after(text: str, end: int) -> str:
    """The clause after ``end`` (stops at a full stop, semicolon or line break)."""
    window = text[end:end + WINDOW]
    cuts = [i for i in (window.find(". "), window.find(";"), window.find("\n")) if i >= 0]
    return window[:min(cuts)] if cuts else window


def _phrase_before(text: str, start: int) -> str:
    """The phrase before ``start`` (also stops at a comma)."""
    part = _before(text, start)
    return part[part.rfind(",") + 1:]


def _phrase_after(text: str, end: int) -> str:
    part = _after(text, end)
    cut = part.find(",")
    return part if cut < 0 else part[:cut]


_NEG_BEFORE = re.compile(
    r"(?:\bno\b|\bnot\b|\bwithout\b|\bnor\b|\bfree\s{1,2}of\b|\babsence\s{1,2}of\b|"
    r"\bnegative\s{1,2}for\b|\bnever\b|\bn't\b)[^,]{0,30}$", _I)
_NEG_AFTER = re.compile(
    r"^[^,]{0,25}?\b(?:intact|free|uninvolved|spared|clear|negative|not\s{1,2}(?:involved|"
    r"breached|reached|penetrated|identified|seen|present)|absent)\b", _I)


def _negated(text: str, start: int, end: int) -> bool:
    return bool(_NEG_BEFORE.search(_phrase_before(text, start))
                or _NEG_AFTER.search(_phrase_after(text, end)))


# --- handlers ---------------------------------------------------------------------------------

_TNM_PART = re.compile(
    rf"{_NOT_TNM}(?P<pre>{_PRE})?(?P<letter>[TNM])(?P<cat>[0-4][a-c]?|[Xx]|is)"
    r"(?:\s{0,1}\((?P<suf>m|\d{1,2})\))?", _I)


def _tnm(m: re.Match, text: str) -> Hit | None:
    parts = []
    for p in _TNM_PART.finditer(m.group(0)):
        letter = p.group("letter").upper()
        cat = p.group("cat")
        cat = cat.upper() if cat.lower() in {"x"} else cat.lower()
        prefix = (p.group("pre") or "").lower()
        parts.append({"letter": letter, "category": f"{letter}{cat}", "prefix": prefix,
                      "suffix": p.group("suf"), "text": p.group(0),
                      "start": m.start() + p.start(), "end": m.start() + p.end()})
    letters = [p["letter"] for p in parts]
    if len(set(letters)) != len(letters):
        return None
    return Hit("tnm", m.start(), m.end(), {"parts": parts}, 80)


def _size(m: re.Match, text: str) -> Hit | None:
    values = [_number(v) for v in re.findall(r"\d{1,3}(?:[.,]\d{1,2})?", m.group("dims"))]
    unit = m.group("unit").lower()
    factor = 0.1 if unit.startswith("m") else 1.0
    size = round(max(values) * factor, 3)
    before = _before(text, m.start()).lower()
    after = _after(text, m.end()).lower()
    role = "tumour"
    if re.search(r"margin|clearance|distance|from\s{1,2}the\s{1,2}\w{0,12}\s{0,1}(?:edge|end)",
                 before[-40:]) or re.match(r"^\W{0,3}(?:from|to)\s{1,2}(?:the\s{1,2})?"
                                          r"(?:\w{1,12}\s{1,2})?(?:margin|edge|end)", after):
        role = "margin"
    elif re.search(r"mesenter\w{0,4}\s{0,2}(?:lymph\s{0,2}node\s{0,2}|nodal\s{0,2})?"
                   r"(?:mass|deposit|conglomerate|lump)", before[-50:]) or \
            re.match(r"^\s{0,2}mesenteric\s{0,2}(?:mass|deposit)", after):
        role = "mesenteric_mass"
    elif re.search(r"\bnod(?:e|es|al)\b|\blymph", before[-30:]) or \
            re.match(r"^\s{0,2}(?:lymph\s{0,2})?nod", after):
        role = "node"
    elif re.search(r"liver|hepatic|metasta|lesion|segment|nodule|lung|bone|spot", before[-40:]) \
            or re.match(r"^\s{0,2}(?:liver|hepatic)?\s{0,2}(?:lesion|metasta|nodule|spot)", after):
        role = "lesion"
    return Hit("size", m.start(), m.end(), {"cm": size, "role": role}, 60)


def _ki67(m: re.Match, text: str) -> Hit | None:
    data: dict = {"value": None, "qualifier": "", "high": None}
    if m.group("v") is not None:
        low = _number(m.group("v"))
        high = _number(m.group("v2")) if m.group("v2") else None
        data["value"] = low if high is None else max(low, high)
        data["low"] = low
        data["high"] = high
        cmp = (m.group("cmp") or "").lower().strip()
        data["qualifier"] = {"<": "<", "less than": "<", "under": "<", "below": "<", "≤": "≤",
                             ">": ">", "more than": ">", "over": ">", "above": ">",
                             "≥": "≥"}.get(cmp, "")
    return Hit("ki67", m.start(), m.end(), data, 85)


def _mitoses(m: re.Match, text: str) -> Hit | None:
    unit = re.sub(r"\s", "", (m.group("unit") or "").lower())
    value = _number(m.group("v"))
    if unit.startswith("2mm"):
        kind = "mitoses"
    elif unit.startswith("10mm"):
        kind, value = "mitoses", round(value / 5, 2)
    elif "hpf" in unit or "field" in unit:
        kind = "mitoses_hpf"
    else:
        kind = "mitoses_other"
    cmp = (m.group("cmp") or "").strip().lower()
    return Hit(kind, m.start(), m.end(), {"value": value, "unit": unit, "stated": m.group("v"),
                                           "qualifier": "<" if cmp in {"<", "less than"} else
                                           (">" if cmp in {">", "more than"} else "")}, 85)


_ROMAN = {"i": "G1", "ii": "G2", "iii": "G3", "1": "G1", "2": "G2", "3": "G3", "x": "GX"}


def _grade(m: re.Match, text: str) -> Hit | None:
    raw = m.group(0).lower()
    if m.group("g"):
        grade = _ROMAN.get(m.group("g").lower())
    elif "low" in raw:
        grade = "G1"
    elif "intermediate" in raw:
        grade = "G2"
    else:
        grade = "G3"
    if grade is None:
        return None
    return Hit("grade", m.start(), m.end(), {"grade": grade}, 70)


def _nodes_ratio(m: re.Match, text: str) -> Hit | None:
    before = _before(text, m.start())[-45:].lower()
    after = _after(text, m.end())[:35].lower()
    if not (re.search(r"nod|\bln|lymph|\bpn[0-2x]|\bn[0-2x]\b", before)
            or re.match(r"^\W{0,3}(?:regional\s{1,2})?(?:lymph|nod|ln)", after)):
        return None
    pos, total = int(m.group("pos")), int(m.group("tot"))
    return Hit("nodes", m.start(), m.end(), {"positive": pos, "examined": total}, 75)


_WORD_NUMBERS = {"no": 0, "none": 0, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4,
                 "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                 "eleven": 11, "twelve": 12, "a": 1, "single": 1}


def _count(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else _WORD_NUMBERS[word]


def _nodes_positive(m: re.Match, text: str) -> Hit | None:
    data = {"positive": _count(m.group("n"))}
    if m.group("of"):
        data["examined"] = int(m.group("of"))
    return Hit("nodes", m.start(), m.end(), data, 72)


def _nodes_examined(m: re.Match, text: str) -> Hit | None:
    n = _count(m.group("n"))
    if n == 0:  # "No (lymph) nodes submitted/identified": none to examine, so N is not assessed
        return Hit("nodes", m.start(), m.end(), {"examined": 0, "none_examined": True}, 72)
    data: dict = {"examined": n}
    if m.group("neg"):
        data["positive"] = 0
    return Hit("nodes", m.start(), m.end(), data, 71)


def _nodes_none(m: re.Match, text: str) -> Hit | None:
    return Hit("nodes", m.start(), m.end(), {"examined": 0, "none_examined": True}, 71)


def _nodes_involved(m: re.Match, text: str) -> Hit | None:
    negated = bool(re.search(r"\bno\b|\bnot\b|\bnegative\b|\bfree\b|without",
                             m.group(0).lower())) or _negated(text, m.start(), m.end())
    return Hit("nodes", m.start(), m.end(), {"involved": not negated}, 60)


def _metastasis(m: re.Match, text: str) -> Hit | None:
    where = set()
    for pattern, kind in _MET_SITES:
        if pattern.search(m.group(0)):
            where.add(kind)
    if not where:
        return None
    if _negated(text, m.start(), m.end()):
        return Hit("metastasis_none", m.start(), m.end(), {"sites": tuple(sorted(where))}, 65)
    return Hit("metastasis", m.start(), m.end(), {"sites": tuple(sorted(where))}, 65)


def _metastasis_uncertain(m: re.Match, text: str) -> Hit | None:
    if _negated(text, m.start(), m.end()):
        return Hit("metastasis_none", m.start(), m.end(), {"sites": ("liver",)}, 64)
    return Hit("metastasis_uncertain", m.start(), m.end(), {"sites": ("liver",)}, 64)


def _metastasis_none(m: re.Match, text: str) -> Hit | None:
    return Hit("metastasis_none", m.start(), m.end(), {"sites": ("all",)}, 66)


def _site(site: str) -> Handler:
    def handler(m: re.Match, text: str) -> Hit | None:
        before = _phrase_before(text, m.start())[-25:].lower()
        into = bool(re.search(r"invad\w{0,4}\s{1,3}(?:the\s{1,2})?$|into\s{1,3}(?:the\s{1,2})?$|"
                              r"involv\w{0,4}\s{1,3}(?:the\s{1,2})?$|to\s{1,3}(?:the\s{1,2})?$",
                              before))
        return Hit("site", m.start(), m.end(),
                   {"site": site, "into": into, "word": m.group(0).lower()}, 40)
    return handler


def _depth(key: str) -> Handler:
    def handler(m: re.Match, text: str) -> Hit | None:
        if _negated(text, m.start(), m.end()):
            return Hit("depth_negated", m.start(), m.end(), {"depth": key}, 55)
        return Hit("depth", m.start(), m.end(), {"depth": key}, 55)
    return handler


def _simple(kind: str, priority: int = 50, **data) -> Handler:
    def handler(m: re.Match, text: str) -> Hit | None:
        return Hit(kind, m.start(), m.end(), dict(data), priority)
    return handler


def _presence(kind: str, priority: int = 50, **data) -> Handler:
    def handler(m: re.Match, text: str) -> Hit | None:
        d = dict(data)
        raw = m.group(0)
        d["what"] = _invasion_what(raw)
        code = re.search(r"(?:L|V|Pn)([0-2X])", raw)
        if code and code.group(1) == "X":
            d["present"] = None
        elif code:
            d["present"] = code.group(1) != "0"
        else:
            after = _phrase_after(text, m.end())[:30].lower()
            d["present"] = not (_negated(text, m.start(), m.end())
                                or bool(re.match(r"^\W{0,3}(?:absent|not\s{1,2}(?:identified|"
                                                 r"seen|present)|negative)", after)))
        return Hit(kind, m.start(), m.end(), d, priority)
    return handler


def _invasion_what(raw: str) -> str:
    """Which invasion a phrase or code names: lymphovascular, lymphatic, venous or perineural."""
    low = raw.lower()
    if raw.startswith("Pn") or "perineural" in low or raw == "PNI":
        return "perineural"
    if (raw.startswith("L") and len(raw) == 2) or "lymphatic" in low:
        return "lymphatic"
    if (raw.startswith("V") and len(raw) == 2) or re.search(r"venous|angio|^vascular", low):
        return "venous"
    return "lymphovascular"


def _margin(m: re.Match, text: str) -> Hit | None:
    raw = m.group(0)
    code = re.search(r"R([012X])", raw)
    if code:
        return Hit("margin", m.start(), m.end(), {"r": f"R{code.group(1)}"}, 60)
    low = raw.lower()
    involved = bool(re.search(r"involved|positive", low)) and not re.search(
        r"not\s{1,2}involved|uninvolved", low)
    return Hit("margin", m.start(), m.end(), {"involved": involved}, 60)


def _stage_stated(m: re.Match, text: str) -> Hit | None:
    roman = m.group("s").upper()
    arabic = {"1": "I", "2": "II", "3": "III", "4": "IV"}
    roman = arabic.get(roman, roman)
    return Hit("stage_stated", m.start(), m.end(), {"stage": roman + (m.group("ab") or "").upper()},
               70)


def _edition(m: re.Match, text: str) -> Hit | None:
    low = re.sub(r"\s{1,3}", " ", m.group(0).lower())
    if "uicc" in low:
        system = "uicc"
    elif "enets" in low:
        system = "enets"
    elif "who" in low:
        system = "who"
    else:
        system = "ajcc"
    number = re.search(r"(\d{1,4})", low)
    return Hit("edition", m.start(), m.end(),
               {"system": system, "number": number.group(1) if number else None,
                "text": m.group(0)}, 75)


def _tumor_count(m: re.Match, text: str) -> Hit | None:
    word = (m.group("n") or "").lower()
    count = _count(word) if word else None
    return Hit("tumor_count", m.start(), m.end(), {"count": count}, 55)


def _krenning(m: re.Match, text: str) -> Hit | None:
    score = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(m.group("k").lower())
    if score is None:
        score = int(m.group("k"))
    return Hit("krenning", m.start(), m.end(), {"score": score}, 90)


def _differentiation(m: re.Match, text: str) -> Hit | None:
    low = m.group(0).lower()
    if "moderate" in low:
        return Hit("differentiation_other", m.start(), m.end(), {}, 68)
    value = "well" if "well" in low else "poor"
    subtype = "small cell" if "small" in low else ("large cell" if "large" in low else None)
    return Hit("differentiation", m.start(), m.end(), {"differentiation": value,
                                                        "subtype": subtype}, 68)


def _type(kind: str) -> Handler:
    def handler(m: re.Match, text: str) -> Hit | None:
        low = m.group(0).lower()
        data = {"subtype": "small cell" if "small" in low else (
            "large cell" if "large" in low else None)}
        return Hit(kind, m.start(), m.end(), data, 67)
    return handler


def _marker(index: int) -> Handler:
    def handler(m: re.Match, text: str) -> Hit | None:
        return Hit("marker", m.start(), m.end(), {"index": index}, 58)
    return handler


def _stain(index: int) -> Handler:
    def handler(m: re.Match, text: str) -> Hit | None:
        return Hit("stain", m.start(), m.end(), {"index": index}, 62)
    return handler


def _imaging(index: int) -> Handler:
    def handler(m: re.Match, text: str) -> Hit | None:
        return Hit("imaging", m.start(), m.end(), {"index": index}, 63)
    return handler


# --- the rules --------------------------------------------------------------------------------

_MET_SITES = tuple((re.compile(p, _I), kind) for p, kind in METASTASIS_SITE_WORDS)
_MET_WORDS = "|".join(p for p, _ in METASTASIS_SITE_WORDS)
_CMP = r"(?P<cmp><|>|≤|≥|less\s{1,2}than|more\s{1,2}than|under|below|over|above)?"
_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_NUMBER_WORD = r"\d{1,3}|no|none|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|" \
    r"twelve"


def _rules() -> list[_Rule]:
    r: list[_Rule] = []

    def add(kind: str, pattern: str, priority: int, handler: Handler | None = None,
            flags: int = _I, need: tuple[str, ...] | None = None) -> None:
        r.append(_Rule(kind, re.compile(pattern, flags), priority, handler,
                       _NEEDS.get(kind, ()) if need is None else need))

    # Personal details and identifiers first: never read as clinical values.
    add("date", r"(?<![\w./-])\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?![\w/-])", 95)
    add("date", r"(?<![\w./-])\d{4}-\d{1,2}-\d{1,2}(?![\w/-])", 95)
    add("date", rf"(?<![\w.])\d{{1,2}}(?:st|nd|rd|th)?\s{{0,2}}(?:{_MONTHS})\.?,?\s{{0,2}}"
                rf"(?:\d{{4}}|\d{{2}})?(?![\w])", 95)
    add("date", rf"(?<![\w.])(?:{_MONTHS})\.?\s{{0,2}}(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s{{0,2}})?"
                r"\d{4}(?![\w])", 95)
    add("identifier", r"(?<![\w])(?:MRN|NHS|CHI|ID|hospital\s{0,2}(?:no|number)|"
                      r"lab(?:oratory)?\s{0,2}(?:no|number)|accession|specimen\s{0,2}(?:no|"
                      r"number|id)|case\s{0,2}(?:no|number)|ref(?:erence)?|report\s{0,2}"
                      r"(?:no|number)|patient\s{0,2}(?:no|number|id))\.?\s{0,2}[:#]?\s{0,2}"
                      r"[A-Z0-9][A-Z0-9/-]{2,24}(?![\w])", 96)
    add("identifier", r"(?<![\w-])[A-Z]{1,4}-?\d{4,10}(?:[-/]\d{1,8})?(?![\w-])", 94, flags=0)
    add("identifier", r"(?<![\w.,/-])\d{6,16}(?![\w.,/-])", 94, flags=0)
    add("identifier", r"(?<![\w])\+?\d{2,4}[ -]\d{3,4}[ -]\d{3,4}(?![\w])", 93, flags=0)
    add("personal", r"(?<![\w])\d{1,3}[\s-]{0,2}(?:years?|yrs?|y)[\s-]{0,2}old(?![\w])|"
                    r"(?<![\w])aged?\s{1,2}\d{1,3}(?![\w])|(?<![\w])\d{1,3}\s{0,1}(?:yo|y/o)(?![\w])",
        94)

    add("cells_counted", r"(?<![\w.])\d{1,5}\s{0,2}(?:tumou?r\s{1,2})?(?:cells|nuclei)(?:\s{1,2}"
                         r"counted)?(?![\w])", 84, _simple("cells_counted", 84))

    # Staging and grading codes.
    add("imaging_weighting", r"(?<![A-Za-z0-9])T[12][\s-]{0,2}weighted", 92)
    add("tnm", rf"(?<![A-Za-z0-9/]){_ONE_TNM}(?:[\s,]{{0,2}}{_ONE_TNM}){{0,2}}(?![A-Za-z0-9])",
        80, _tnm)
    add("stage_stated", r"(?<![A-Za-z])stage\s{0,2}(?:group\s{0,2})?:?\s{0,2}"
                        r"(?P<s>IV|III|II|I|[1-4])(?P<ab>[ABC])?(?![A-Za-z0-9])", 70, _stage_stated)
    add("krenning", r"krenning(?:\s{0,2}(?:score|grade|scale))?\s{0,2}(?:of|:|=)?\s{0,2}"
                    r"(?P<k>IV|III|II|I|[0-4])(?![A-Za-z0-9])", 90, _krenning)
    add("grade", r"(?<![A-Za-z0-9])(?:WHO\s{0,2}|tumou?r\s{0,2}|histologic(?:al)?"
                 r"\s{0,2})?(?:G(?P<g>[1-3Xx])|grade\s{0,2}:?\s{0,2}(?P<g2>[1-3]|III|II|I)"
                 r"(?:\s{0,2}(?:of|/)\s{0,2}3)?)(?![A-Za-z0-9])", 70,
        lambda m, t: _grade_any(m, t))
    add("grade", r"(?<![A-Za-z])(?:low|intermediate|high)[\s-]{0,2}grade(?![A-Za-z])", 69,
        lambda m, t: _grade_words(m, t))
    add("ki67", rf"(?:ki[\s-]{{0,2}}67|mib[\s-]{{0,2}}1)(?:[\s:=(),-]{{0,3}}(?:"
                r"proliferati\w{0,4}|mib[\s-]{0,2}1|"
                r"labell?ing|index|rate|of|is|was|about|approx\w{0,6}|hot[\s-]{0,2}spots?|"
                r"in|the|cells|nuclear|staining|positive|overall|at|up|to|around))"
                rf"{{0,6}}[\s:=()~-]{{0,4}}{_CMP}\s{{0,2}}(?:(?P<v>{_NUM})(?:\s{{0,2}}%|\s{{0,2}}"
                rf"per\s{{0,1}}cent|\s{{0,2}}percent)?(?:\s{{0,2}}(?:-|–|to)\s{{0,2}}(?P<v2>{_NUM})"
                r"(?:\s{0,2}%|\s{0,2}per\s{0,1}cent|\s{0,2}percent)?)?)?", 85, _ki67)
    _unit = (r"(?P<unit>2\s{0,2}mm\s{0,1}(?:2|²|\^2|sq)|10\s{0,2}mm\s{0,1}(?:2|²|\^2)|"
             r"(?:10|50)\s{0,2}(?:hpfs?|high[\s-]{0,2}power(?:ed)?[\s-]{0,2}fields?))")
    add("mitoses", rf"(?:mitotic\s{{1,2}}(?:count|rate|index|activity|figures?)|mitoses|mitosis|"
                   rf"mitotic)\s{{0,2}}(?:[:=]|is|was|of)?\s{{0,2}}{_CMP}\s{{0,2}}(?P<v>{_NUM})"
                   rf"(?:\s{{0,2}}(?:mitoses|mitotic\s{{1,2}}figures|mf))?\s{{0,2}}"
                   rf"(?:(?:/|per)\s{{0,2}}{_unit})?", 85, _mitoses)
    add("mitoses", rf"{_CMP}\s{{0,2}}(?P<v>{_NUM})\s{{0,2}}(?:mitoses|mitotic\s{{1,2}}figures|"
                   rf"mitotic\s{{1,2}}count)\s{{0,2}}(?:/|per)\s{{0,2}}{_unit}", 86, _mitoses)
    add("size", r"(?P<dims>\d{1,3}(?:[.,]\d{1,2})?(?:\s{0,2}(?:x|×|by)\s{0,2}"
                r"\d{1,3}(?:[.,]\d{1,2})?){0,2})\s{0,2}(?P<unit>cm|mm|centimet(?:re|er)s?|millimet(?:re|er)s?)"
                r"(?![A-Za-z0-9²^])", 60, _size)

    # Nodes.
    add("nodes", r"(?P<pos>\d{1,3})\s{0,2}(?:/|of|out\s{1,2}of)\s{0,2}(?P<tot>\d{1,3})"
                 r"(?![\d./])", 75, _nodes_ratio, need=_DIGIT)
    add("nodes", rf"(?<![\w])(?P<n>{_NUMBER_WORD})\s{{1,2}}(?:of\s{{1,2}}(?:the\s{{1,2}})?"
                 r"(?P<of>\d{1,3})\s{1,2})?(?:positive|involved|metastatic)\s{1,2}(?:regional\s"
                 r"{1,2})?(?:lymph\s{0,2})?nodes?", 73, _nodes_positive)
    add("nodes", rf"(?<![\w])(?P<n>{_NUMBER_WORD})\s{{1,2}}(?:of\s{{1,2}}(?:the\s{{1,2}})?"
                 r"(?P<of>\d{1,3})\s{1,2})?(?:regional\s{1,2})?(?:lymph\s{0,2})?nodes?\s{1,2}"
                 r"(?:were\s{1,2}|was\s{1,2}|are\s{1,2})?(?:positive|involved|metastatic|"
                 r"with\s{1,2}(?:metasta\w{1,6}|tumou?r))", 74, _nodes_positive)
    add("nodes", rf"(?<![\w])(?P<n>{_NUMBER_WORD})\s{{1,2}}(?P<neg>benign|negative|uninvolved|"
                 r"reactive)?\s{0,2}(?:regional\s{1,2})?(?:lymph\s{0,2})?nodes?\s{1,2}"
                 r"(?:were\s{1,2}|was\s{1,2}|are\s{1,2})?(?:examined|identified|retrieved|found|"
                 r"submitted|recovered|harvested|sampled)", 72, _nodes_examined)
    add("nodes", r"(?<![\w])(?P<n>\d{1,3})\s{1,2}(?P<neg>benign|negative|uninvolved|reactive)"
                 r"\s{1,2}(?:regional\s{1,2})?(?:lymph\s{0,2})?nodes?", 71, _nodes_examined)
    add("nodes", r"no\s{1,2}(?:regional\s{1,2})?(?:lymph\s{0,2})?nodes?\s{1,2}(?:were\s{1,2}|"
                 r"was\s{1,2}|are\s{1,2})?(?:examined|identified|retrieved|found|submitted|present|"
                 r"recovered|in\s{1,2}the\s{1,2}specimen)", 74, _nodes_none)
    # "No lymph nodes." on its own (a clause that ends there): none were there to examine.
    add("nodes", r"(?<![\w])no\s{1,2}(?:regional\s{1,2})?lymph\s{0,2}nodes?(?=\s{0,2}(?:[.;,)]|$))",
        74, _nodes_none)
    add("nodes", r"(?:(?:no|without)\s{1,2})?(?:regional\s{1,2})?(?:lymph\s{0,2})?node(?:s|al)?"
                 r"\s{0,2}(?:metastas[ie]s|metastatic\s{1,2}disease|involvement|positive|negative)",
        60, _nodes_involved)
    add("nodes", r"node[\s-]{1,2}(?:positive|negative)", 60, _nodes_involved)
    add("mesenteric_mass", r"mesenter\w{0,4}\s{0,2}(?:lymph\s{0,2}node\s{0,2}|nodal\s{0,2}|"
                           r"tumou?r\s{0,2})?(?:mass(?:es)?|deposits?|conglomerate)", 61,
        _simple("mesenteric_mass", 61))

    # Metastasis.
    add("metastasis_none", r"no\s{1,2}(?:evidence\s{1,2}of\s{1,2})?(?:distant\s{1,2})?"
                           r"(?:metasta\w{1,6}|metastatic\s{1,2}disease|distant\s{1,2}spread)"
                           r"(?!\s{0,3}(?:to|in)\s)", 66, _metastasis_none)
    add("metastasis", rf"(?:metasta\w{{1,6}}|deposits?|secondar(?:y|ies)|spread|mets)\s{{0,3}}"
                      rf"(?:to|in|within|involving)?\s{{0,3}}(?:the\s{{1,2}})?(?:{_MET_WORDS})"
                      rf"(?:\s{{0,2}}(?:and|,)\s{{0,3}}(?:the\s{{1,2}})?(?:{_MET_WORDS})){{0,3}}",
        65, _metastasis)
    add("metastasis", rf"(?:{_MET_WORDS})(?:\s{{0,2}}(?:and|,)\s{{0,3}}(?:{_MET_WORDS})){{0,3}}"
                      r"\s{0,2}(?:metastas[ie]s|metastatic\s{1,2}(?:disease|deposits?)|deposits?|"
                      r"secondaries|mets)", 65, _metastasis)
    add("metastasis", rf"\(\s{{0,2}}(?:{_MET_WORDS})(?:\s{{0,2}}(?:and|,)\s{{0,3}}(?:{_MET_WORDS}))"
                      r"{0,3}\s{0,2}\)", 64, _metastasis)
    add("metastasis_uncertain", r"(?:liver|hepatic)\s{0,2}(?:lesions?|nodules?|foci|spots?|"
                                r"masses|mass|hypodensit\w{1,4}|abnormalit\w{1,4})", 64,
        _metastasis_uncertain)

    # Words for depth, site, type, differentiation.
    for pattern, key in DEPTH_WORDS:
        add("depth", pattern, 55, _depth(key), need=_DEPTH_NEEDS[key])
    for pattern, site in SITE_WORDS:
        add("site", rf"(?<![A-Za-z])(?:{pattern})(?![A-Za-z])", 40, _site(site),
            need=_SITE_NEEDS[site])
    add("differentiation", r"(?:well|poorly|moderately)[\s-]{0,2}differentiated|"
                           r"small[\s-]{0,2}cell(?:\s{0,2}(?:type|neuroendocrine\s{0,2}carcinoma|"
                           r"carcinoma))?|large[\s-]{0,2}cell(?:\s{0,2}(?:type|neuroendocrine\s"
                           r"{0,2}carcinoma))?", 68, _differentiation)
    add("type_minen", r"MiNEN|MANEC|mixed\s{0,2}(?:neuroendocrine[\s-]{0,2}non-?\s{0,1}"
                      r"neuroendocrine\s{0,2}neoplasm|adeno-?\s{0,1}neuroendocrine\s{0,2}"
                      r"carcinoma)", 69, _type("type_minen"))
    add("type_nec", r"neuroendocrine\s{0,2}carcinoma|(?<![A-Za-z])NECs?(?![A-Za-z])", 66,
        _type("type_nec"))
    add("type_net", r"neuroendocrine\s{0,2}(?:tumou?rs?|neoplasms?)|(?<![A-Za-z-])NETs?"
                    r"(?![A-Za-z-])", 45, _type("type_net"), flags=0)
    add("type_net", r"neuroendocrine\s{0,2}(?:tumou?rs?|neoplasms?)", 45, _type("type_net"))
    add("type_carcinoid", r"carcinoid(?:\s{0,2}tumou?r)?(?!\s{0,2}(?:syndrome|heart|crisis))",
        46, _simple("type_carcinoid", 46))
    add("tumor_count", r"multifocal|multiple\s{1,2}(?:primary\s{1,2})?(?:tumou?rs|"
                       r"primaries|nodules\s{1,2}in\s{1,2}the\s{1,2}(?:ileum|bowel))|"
                       r"(?<![\w])(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
                       r"\s{1,2}(?:separate\s{1,2}|synchronous\s{1,2}|distinct\s{1,2})?"
                       r"(?:primary\s{1,2})?(?:tumou?rs|primaries|NETs)", 56, _tumor_count)

    # Editions.
    add("edition", r"(?:AJCC|UICC|ENETS)(?:[\s/]{0,2}(?:TNM|AJCC|UICC))?(?:\s{0,2}(?:cancer\s{0,2}"
                   r"staging\s{0,2}manual|staging))?,?\s{0,2}(?:(?:version|v\.?|ver\.?)\s{0,2}\d{1,2}"
                   r"|\d{1,2}(?:st|nd|rd|th)?(?:\s{0,2}(?:edition|ed\.?))?|(?:seventh|eighth|"
                   r"ninth|7th|8th|9th)\s{0,2}(?:edition|ed\.?)?)?", 75, _edition)
    add("edition", r"(?<![A-Za-z])TNM\s{0,2}(?:\d{1,2}(?:st|nd|rd|th)?\s{0,2}(?:edition|ed\.?)?|"
                   r"(?:seventh|eighth|ninth)\s{0,2}edition)", 74, _edition)
    add("edition", r"WHO\s{0,2}(?:classification\s{0,2})?(?:\(?\s{0,2}(?:2000|2010|2017|2019|2022)"
                   r"\s{0,2}\)?)", 76, _edition)

    # Other report items (explained, not used for staging).
    add("margin", r"(?<![A-Za-z0-9])R[012X](?![A-Za-z0-9])", 60, _margin, flags=0)
    add("margin", r"(?:resection\s{1,2}|deep\s{1,2}|lateral\s{1,2}|radial\s{1,2}|surgical\s{1,2}|"
                  r"circumferential\s{1,2})?margins?\s{0,2}(?:are\s{1,2}|is\s{1,2}|:\s{0,2})?"
                  r"(?:clear|free|negative|uninvolved|not\s{1,2}involved|involved|positive)", 59,
        _margin)
    add("invasion_vessels", r"lympho-?\s{0,1}vascular(?:\s{0,2}space)?\s{0,2}invasion|"
                            r"(?:angio|vascular|venous|lymphatic|perineural)\s{0,2}invasion",
        57, _presence("invasion_vessels", 57))
    add("invasion_vessels",
        r"(?<![A-Za-z0-9])(?:LVI|PNI|LVSI|L[01X]|V[012X]|Pn[01X])(?![A-Za-z0-9])",
        57, _presence("invasion_vessels", 57), flags=0)
    add("procedure", r"biops(?:y|ies)|resection|resected|excision|polypectomy|"
                     r"(?:right\s{1,2}|left\s{1,2})?hemicolectomy|whipple|pancreat(?:ico)?"
                     r"duodenectomy|(?:distal\s{1,2})?pancreatectomy|appendi(?:c)?ectomy|"
                     r"(?<![A-Za-z])(?:EMR|ESD|FNA|FNB)(?![A-Za-z])|removed\s{1,2}(?:endoscopically|"
                     r"surgically|at\s{1,2}(?:endoscopy|colonoscopy|surgery))|endoscopically\s{1,2}"
                     r"(?:removed|resected|excised)", 42,
        _simple("procedure", 42))
    add("suv", rf"SUV\s{{0,2}}(?:max|mean|peak)?\s{{0,2}}(?:[:=]|of|was|is)?\s{{0,2}}(?:{_NUM})?",
        61, _simple("suv", 61))
    for i, stain in enumerate(STAINS):
        add("stain", stain.pattern, 62, _stain(i), need=_STAIN_NEEDS[i])
    for i, imaging in enumerate(IMAGING):
        add("imaging", imaging.pattern, 63, _imaging(i), need=_IMAGING_NEEDS[i])
    for i, marker in enumerate(MARKERS):
        add("marker", rf"(?:{marker.pattern})(?:\s{{0,2}}(?:\(\s{{0,2}}24\s{{0,2}}"
                      rf"h(?:ours?)?\s{{0,2}}\)|urinary|urine|plasma|serum|level|was|is|of|:|=|raised|elevated|"
                      rf"normal)){{0,4}}(?:\s{{0,2}}{_NUM}\s{{0,2}}(?:[a-zµμ]{{1,6}}"
                      rf"(?:/[a-z0-9]{{1,6}}){{0,2}})?)?", 58, _marker(i),
            need=_MARKER_NEEDS[i])
    return r


def _grade_any(m: re.Match, text: str) -> Hit | None:
    g = m.group("g") or m.group("g2")
    grade = _ROMAN.get(g.lower())
    if grade is None:
        return None
    return Hit("grade", m.start(), m.end(), {"grade": grade}, 70)


def _grade_words(m: re.Match, text: str) -> Hit | None:
    low = m.group(0).lower()
    grade = "G1" if "low" in low else ("G2" if "intermediate" in low else "G3")
    return Hit("grade", m.start(), m.end(), {"grade": grade, "words": True}, 69)


_DIGIT = ("0",)
_SITE_NEEDS = {"stomach": ("stomach", "gastr", "antr", "fund"), "duodenum": ("duoden",),
               "ampulla": ("ampull",), "jejunum_ileum": ("ile", "jejun", "small"),
               "appendix": ("append",), "colon_rectum": ("rect", "sigmoid", "caec", "cec", "colon"),
               "pancreas": ("pancrea",)}
_DEPTH_NEEDS = {"pancreas": ("pancrea",), "sphincter_of_oddi": ("oddi",),
                "mucosa": ("mucos", "lamina"), "submucosa": ("submucos",),
                "muscularis_propria": ("muscul", "muscle"),
                "subserosa": ("subseros", "pericol", "perirect", "mesorect"),
                "mesoappendix": ("append",), "serosa": ("seros", "periton"),
                "peripancreatic": ("pancrea",), "into_pancreas": ("pancrea",),
                "into_duodenum_or_bile_duct": ("duoden", "bile"),
                "large_vessels": ("celiac", "coeliac", "mesenteric"),
                "adjacent_organs": ("adjacent", "abdominal", "skeletal", "spleen", "adrenal")}
_STAIN_NEEDS = (("synap",), ("chromogranin", "cga"), ("insm",), ("sstr",), ("p53",),
                ("rb", "retinoblastoma"), ("p16",), ("cdx",), ("isl",), ("cd", "nse"), ("ttf",))
_IMAGING_NEEDS = (("ga", "cu"), ("dota",), ("sstr", "somatostatin"), ("octreo", "111", "pentetr"),
                  ("fdg",), ("ct", "mr"), ("eus", "endoscopic"))
_MARKER_NEEDS = (("hiaa", "hydroxy"), ("gastrin",), ("insulin",))
#: Default filters by kind (see :attr:`_Rule.need`); "0" stands for any digit.
_NEEDS: dict[str, tuple[str, ...]] = {
    "date": _DIGIT, "identifier": _DIGIT, "personal": _DIGIT, "cells_counted": _DIGIT,
    "tnm": (*_DIGIT, "x", "is"), "stage_stated": ("stage",), "krenning": ("krenning",),
    "ki67": ("ki", "mib"), "mitoses": ("mito",), "size": ("cm", "mm", "cent", "milli"),
    "nodes": ("nod",), "mesenteric_mass": ("mesent",), "imaging_weighting": ("weighted",),
    "metastasis": ("liver", "hepat", "bone", "osse", "skelet", "spine", "vertebr", "lung",
                   "pulmon", "periton", "oment", "ovar", "brain", "nod"),
    "metastasis_none": ("metasta", "spread"),
    "metastasis_uncertain": ("liver", "hepat"),
    "differentiation": ("differentiated", "cell"),
    "type_minen": ("minen", "manec", "mixed"), "type_nec": ("carcinoma", "nec"),
    "type_net": ("net", "neuroendocrine"), "type_carcinoid": ("carcinoid",),
    "tumor_count": ("multi", "tumo", "primar", "nets"),
    "edition": ("ajcc", "uicc", "enets", "tnm", "who"),
    "margin": ("r0", "r1", "r2", "rx", "margin"),
    "invasion_vessels": ("invasion", "lvi", "pni", "l0", "l1", "lx", "v0", "v1", "v2", "vx",
                         "pn0", "pn1", "pnx"),
    "procedure": ("biops", "resect", "excis", "polyp", "ectomy", "whipple", "emr", "esd", "fna",
                  "fnb", "removed"),
    "suv": ("suv",),
}


def _needed(rule: _Rule, lower: str, has_digit: bool) -> bool:
    if not rule.need:
        return True
    return any((has_digit if piece == "0" else piece in lower) for piece in rule.need)


_RULES = _rules()
_HAS_DIGIT = re.compile(r"\d")


def _hits(text: str) -> Iterator[Hit]:
    lower = text.lower()
    has_digit = _HAS_DIGIT.search(text) is not None
    for rule in _RULES:
        if not _needed(rule, lower, has_digit):
            continue
        for m in rule.pattern.finditer(text):
            if m.end() == m.start():
                continue
            hit = rule.handler(m, text) if rule.handler else Hit(rule.kind, m.start(), m.end(),
                                                                   {}, rule.priority)
            if hit is not None:
                yield hit


def scan(text: str) -> list[Hit]:
    """Every recognised item in ``text``, without overlaps, in text order.

    Where two candidates overlap, the higher priority wins, then the longer one.
    """
    candidates = sorted(_hits(text), key=lambda h: (-h.priority, -h.length, h.start))
    taken: list[tuple[int, int]] = []  # sorted, non-overlapping
    chosen: list[Hit] = []
    for hit in candidates:
        i = bisect.bisect_left(taken, (hit.start, hit.end))
        left_ok = i == 0 or taken[i - 1][1] <= hit.start
        right_ok = i == len(taken) or taken[i][0] >= hit.end
        if left_ok and right_ok:
            taken.insert(i, (hit.start, hit.end))
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


def _significant(token: str) -> bool:
    return any(ch.isdigit() for ch in token) or bool(CODE_LIKE.match(token)) or "%" in token


def leftover_tokens(text: str, hits: list[Hit]) -> list[tuple[int, int]]:
    """Spans of tokens that hold a digit or look like a code and that the hits do not cover.

    A token counts as covered when the hits together cover every character of it (after
    stripping surrounding punctuation); otherwise the whole token is returned.
    """
    starts = [h.start for h in hits]
    spans = []
    for m in TOKEN.finditer(text):
        raw = m.group(0)
        token = raw.strip(".,()/'-")
        if not token or not _significant(token):
            continue
        start = m.start() + raw.index(token)
        end = start + len(token)
        if not _covered(hits, starts, start, end):
            spans.append((start, end))
    return spans


def _covered(hits: list[Hit], starts: list[int], start: int, end: int) -> bool:
    i = max(bisect.bisect_right(starts, start) - 1, 0)
    pos = start
    while i < len(hits) and hits[i].start <= pos:
        if hits[i].end > pos:
            pos = hits[i].end
            if pos >= end:
                return True
        i += 1
    return pos >= end
