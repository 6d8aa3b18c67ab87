"""The report reader (lesson 8): a corpus of fictional fragments, the checks, staging through
stage_tumor under each edition, grading through who_grade, and what learners see (sources in
words, links to real lesson sections, no raw keys)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import pytest

from gepnet_widgets import ReportReading, read_report
from gepnet_widgets.grading import who_grade
from gepnet_widgets.reading import EXAMPLE_REPORTS, LESSON_LINKS, MAX_CHARS
from gepnet_widgets.reading.vocabulary import IMAGING, MARKERS, STAINS, TERMS
from gepnet_widgets.sources import SOURCES
from gepnet_widgets.staging import stage_tumor

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report_corpus import CASES

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def test_corpus_is_large_and_varied() -> None:
    assert len(CASES) >= 60
    assert len({c.id for c in CASES}) == len(CASES)
    sites = {c.expect.get("site") for c in CASES} - {None}
    assert len(sites) == 7, sites


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_corpus_case(case) -> None:
    r = read_report(case.text, case.edition)
    for field, want in case.expect.items():
        got = getattr(r, field)
        if isinstance(want, float) and got is not None:
            assert got == pytest.approx(want), field
        else:
            assert got == want, f"{field}: {got!r}"
    checks = {c.kind for c in r.checks}
    assert set(case.checks) <= checks, checks
    assert not set(case.no_checks) & checks, checks
    kinds = {f.kind for f in r.findings}
    assert set(case.kinds) <= kinds, kinds
    assert not set(case.not_kinds) & kinds, kinds


def test_issue_example_reads_in_one_place() -> None:
    r = read_report("well-differentiated neuroendocrine tumour of the ileum, 2.3 cm, invades "
                    "subserosa, Ki-67 4%, 3/15 lymph nodes positive, liver metastases")
    expected = stage_tumor("jejunum_ileum", 2.3, "subserosa", 3, "hepatic", edition="ajcc9")
    assert (r.t, r.n, r.m, r.stage) == (expected.t, expected.n, expected.m, expected.stage)
    assert r.grade == who_grade(4.0, None, "well").grade == "G2"
    assert any("somatostatin-receptor" in q for q in r.questions)


@pytest.mark.parametrize("edition", ["ajcc9", "ajcc8"])
def test_stage_follows_stage_tumor_under_each_edition(edition: str) -> None:
    text = "Gastric NET, 0.6 cm, submucosa. pT1 NX. No distant metastases."
    r = read_report(text, edition)
    assert r.edition == edition
    assert r.stage == stage_tumor("stomach", 0.6, "submucosa", None, "none",
                                  edition=edition).stage
    assert (r.stage is None) == (edition == "ajcc8")


def test_only_m_missing_says_what_each_answer_would_give() -> None:
    r = read_report(EXAMPLE_REPORTS[0].text)
    assert r.stage is None and r.m is None
    assert "stage III" in r.stage_reason and "stage IV" in r.stage_reason


def test_nec_is_not_staged_with_the_net_system() -> None:
    r = read_report("Rectum: poorly differentiated neuroendocrine carcinoma, pT2 pN0 M0.")
    assert r.stage is None and r.grade is None
    assert "carcinoma system" in r.stage_reason


def test_grade_check_names_the_higher_index_rule() -> None:
    r = read_report("NET, Ki-67 12%, grade 1.")
    (check,) = [c for c in r.checks if c.kind == "grade_mismatch"]
    assert "G2" in check.text and "higher grade decides" in check.text
    assert check.sources == ("S9", "S8")


def test_ten_hpf_is_not_converted() -> None:
    r = read_report("Mitoses 8 per 10 HPF, Ki-67 1%.")
    assert r.mitoses_per_2mm2 is None and r.mitoses_per_10hpf == 8
    assert r.grade == "G1"  # from Ki-67 alone; the per-10-HPF count is not graded
    assert any(c.kind == "hpf" and "older unit" in c.text for c in r.checks)


def test_less_than_reads_below_the_cut_off() -> None:
    assert read_report("NET, Ki-67 <3%").grade == "G1"
    assert read_report("NET, Ki-67 >20%").grade == "G3"
    assert read_report("NET, Ki-67 20%").grade == "G2"


def test_findings_carry_span_meaning_source_and_lesson() -> None:
    text = EXAMPLE_REPORTS[0].text
    r = read_report(text)
    assert len(r.findings) >= 15
    for f in r.findings:
        assert text[f.start:f.end] == f.text and f.text.strip()
        assert f.meaning and f.label
        assert all(k in SOURCES for k in f.sources)
        assert f.private or f.sources, f.kind
        assert f.lesson.split("#")[0].endswith(".ipynb")


def _heading_ids(path: Path) -> set[str]:
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return {re.sub(r"[*_`]", "", h).strip().replace(" ", "-")
            for h in re.findall(r"^#{1,6} (.+)$", text, flags=re.M)}


@pytest.mark.parametrize("link", sorted(set(LESSON_LINKS.values())))
def test_lesson_links_point_to_real_sections(link: str) -> None:
    name, _, anchor = link.partition("#")
    path = NOTEBOOKS / name
    assert path.exists(), name
    assert anchor in _heading_ids(path), link


def test_every_vocabulary_source_resolves() -> None:
    for t in TERMS.values():
        assert all(k in SOURCES for k in t.sources), t.kind
        assert t.lesson in LESSON_LINKS
    for item in (*STAINS, *IMAGING, *MARKERS):
        assert item.sources and all(k in SOURCES for k in item.sources), item.label


def test_learner_text_has_no_raw_keys_or_internal_words() -> None:
    for e in EXAMPLE_REPORTS:
        for edition in ("ajcc9", "ajcc8"):
            r = read_report(e.text, edition)
            words = [f.meaning for f in r.findings] + [c.text for c in r.checks]
            words += [r.stage_reason, *r.questions]
            for w in words:
                assert not re.search(r"\[S\d|\bS\d{1,2}\b|fact base|placeholder|\.py\b", w), w


def test_no_medicine_advice_or_survival_figures() -> None:
    for e in EXAMPLE_REPORTS:
        r = read_report(e.text)
        words = " ".join([f.meaning for f in r.findings] + [c.text for c in r.checks]
                         + [r.stage_reason, *r.questions]).lower()
        assert not re.search(r"\b(start|stop|take|increase|reduce)\s+(your\s+)?(medicine|"
                             r"drug|tablets|treatment)", words)
        assert "survival" not in words and "% chance" not in words and "prognosis" not in words


def test_bad_input_is_a_clear_value_error() -> None:
    with pytest.raises(ValueError, match="must be text"):
        read_report(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="must be text"):
        read_report(b"pT3")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=f"at most {MAX_CHARS:,}"):
        read_report("x" * (MAX_CHARS + 1))
    with pytest.raises(ValueError, match="unknown edition"):
        read_report("pT3", edition="uicc8")
    assert isinstance(read_report("x" * MAX_CHARS), ReportReading)


def test_empty_text_reads_nothing_and_asks() -> None:
    r = read_report("")
    assert r.findings == () and r.unrecognised == () and r.stage is None
    assert r.questions


def test_examples_are_fictional_and_distinct() -> None:
    assert len(EXAMPLE_REPORTS) == 3
    readings = [read_report(e.text) for e in EXAMPLE_REPORTS]
    assert [r.site for r in readings] == ["jejunum_ileum", "pancreas", "colon_rectum"]
    assert all(r.unrecognised == () for r in readings)
    kinds = [{c.kind for c in r.checks} for r in readings]
    assert {"grade_mismatch", "hpf", "uicc"} <= kinds[1]


def test_questions_follow_what_is_missing() -> None:
    r = read_report(EXAMPLE_REPORTS[0].text)
    assert any("liver lesions" in q for q in r.questions)
    assert any("somatostatin-receptor" in q for q in r.questions)
    assert r.questions[-1] == "What does this report mean for me, and what happens next?"
    r = read_report(EXAMPLE_REPORTS[1].text)  # SSTR PET named; nodes missing; 10 HPF
    assert not any("somatostatin-receptor" in q for q in r.questions)
    assert any("lymph nodes" in q for q in r.questions)
    assert any("per 2 mm²" in q for q in r.questions)
    nec = read_report("Colon: poorly differentiated neuroendocrine carcinoma, small cell type")
    assert not any("somatostatin-receptor" in q for q in nec.questions)  # not routine for NEC
    assert any("carcinoma staged" in q for q in nec.questions)
