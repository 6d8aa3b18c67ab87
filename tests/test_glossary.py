"""The glossary: its data, the lessons' technical words, the generated page and the widget.

The central check: a lesson that uses a technical term the glossary lacks fails the suite. The
technical terms are found three ways in every lesson's text (outside its References):
* a hand-kept list of the course's technical words (:data:`TECHNICAL_WORDS`, below);
* every abbreviation (two or more capitals, as in SSTR, PRRT, MiNEN), found automatically;
* every word with a medical ending (-oma, -itis, -osis, -aemia, -scopy, -ectomy, -therapy, ...),
  found automatically.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import nbformat
import pytest

from gepnet_widgets import glossary as gl
from gepnet_widgets.anatomy import TERMS
from gepnet_widgets.sources import SOURCES
from gepnet_widgets.syndromes import FUNCTIONAL_DEFINITION, NONFUNCTIONING_DEFINITION
from gepnet_widgets.treatment import CATEGORIES, TRIALS
from gepnet_widgets.widgets.glossary import MAX_SHOWN, Glossary

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

#: Technical words the lessons use (kept by hand; add a word when a lesson starts using it).
TECHNICAL_WORDS = (
    # what a GEP-NET is
    "neuroendocrine", "neuroendocrine tumour", "neuroendocrine carcinoma", "GEP-NET", "NET",
    "NEC", "MiNEN", "neoplasm", "carcinoma", "carcinoid", "hormone", "receptor", "granules",
    "islet cells", "EC cells", "ECL cells", "D cells", "multifocal", "metastasis",
    "metastases", "primary tumour", "lymph nodes", "MEN1", "NF1",
    # anatomy
    "mucosa", "lamina propria", "submucosa", "muscularis propria", "subserosa", "serosa",
    "peritoneum", "mesentery", "mesenteric", "mesoappendix", "sphincter of Oddi",
    "ampulla of Vater", "duodenum", "jejunum", "ileum", "appendix", "colon", "rectum",
    "pancreas", "bile duct", "portal vein", "hepatic artery", "hepatic veins", "midgut",
    # staging
    "TNM", "T category", "stage group", "NX", "N0", "N1", "N2", "M0", "M1a", "M1b", "M1c",
    "T1a", "T1b", "(m)", "AJCC",
    # grading
    "grade", "differentiation", "well differentiated", "poorly differentiated", "Ki-67",
    "Ki-67 index", "hot spot", "mitosis", "mitoses", "mitotic count", "NET G3", "cut-off",
    "necrosis", "binomial", "95% interval", "pathologist",
    # function
    "functioning", "non-functioning", "syndrome", "insulinoma", "gastrinoma", "glucagonoma",
    "VIPoma", "somatostatinoma", "carcinoid syndrome", "carcinoid heart disease",
    "Zollinger-Ellison syndrome", "WDHA", "insulin", "gastrin", "glucagon", "VIP",
    "somatostatin", "serotonin", "5-HIAA", "supervised fast", "secretin test",
    "hypoglycaemia", "hypokalaemia", "achlorhydria", "steatorrhoea",
    "necrolytic migratory erythema", "peptic ulcers", "fibrosis",
    # diagnosis
    "biopsy", "immunohistochemistry", "synaptophysin", "chromogranin A", "marker",
    "sensitivity", "specificity", "proton-pump inhibitor", "H2 blockers", "atrophic gastritis",
    "CT", "MRI", "PET", "SSTR PET", "FDG PET", "endoscopy", "colonoscopy",
    "endoscopic ultrasound", "EUS", "tracer", "somatostatin receptors",
    # treatment and evidence
    "surgery", "endoscopic resection", "appendicectomy", "debulking", "ablation",
    "embolisation", "radiotherapy", "somatostatin analogue", "octreotide", "lanreotide",
    "targeted therapies", "everolimus", "sunitinib", "cabozantinib", "PRRT", "177Lu-DOTATATE",
    "chemotherapy", "CAPTEM", "streptozocin", "etoposide", "telotristat", "cure",
    "tumour control", "symptom control", "guideline", "randomised", "placebo", "control",
    "hazard ratio", "confidence interval", "median", "progression-free survival",
    "time to progression", "endpoint", "post-embolisation syndrome", "carcinoid crisis",
)

#: Capitalised tokens that are not terms (journal abbreviations, a country), with the reason.
NOT_TERMS = {
    "JCO": "journal abbreviation (Journal of Clinical Oncology), in citations",
    "NEJM": "journal abbreviation (New England Journal of Medicine), in citations",
    "US": "the country",
}
_ROMAN = re.compile(r"^(?:I|II|III|IV)(?:[AB])?(?:-(?:I|II|III|IV)[AB]?)?$")
_ACRONYM = re.compile(r"(?<![\w-])[\w-]*[A-Z][\w-]*[A-Z][\w-]*(?![\w-])")
_MEDICAL_ENDING = re.compile(
    r"\b\w+(?:omas?|itis|osis|aemia|emia|scopy|ectomy|therapy|rrhoea|rrhea)\b", re.IGNORECASE)
#: Everyday words with a medical-looking ending, with the reason they are not looked up.
PLAIN_ENDINGS = {"diagnosis": "everyday word; lesson 2's subject",
                 "diarrhoea": "everyday word", "diarrhea": "everyday word"}


def _lesson_text(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    text = "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    text = text.split("## References", 1)[0]
    text = re.sub(r"\([^()\s]*\.ipynb[^()\s]*\)", "", text)  # link targets are file names
    return re.sub(r"`[^`]*`", "", text)  # so are code spans


@pytest.fixture(scope="module")
def lesson_texts() -> dict[str, str]:
    return {p.stem: _lesson_text(p) for p in LESSONS}


# --- the data ------------------------------------------------------------------------------------


def test_glossary_size_and_order() -> None:
    assert len(gl.GLOSSARY) >= 100
    terms = [e.term.casefold() for e in gl.GLOSSARY]
    assert terms == sorted(terms) and len(terms) == len(set(terms))


@pytest.mark.parametrize("entry", gl.GLOSSARY, ids=lambda e: e.term)
def test_entry_is_complete(entry: gl.Entry) -> None:
    assert entry.term.strip() and len(entry.definition) >= 12
    assert entry.definition[0].isupper() or entry.definition[0].isdigit()
    assert entry.definition.rstrip().endswith((".", ")"))
    assert entry.lesson in gl.LESSON_TITLES
    assert all(k in SOURCES for k in entry.sources), entry.sources
    assert len(set(entry.aliases)) == len(entry.aliases)


def test_every_source_resolves() -> None:
    missing = [k for k in gl.all_source_keys() if k not in SOURCES]
    assert missing == []


def test_clinical_entries_cite_sources() -> None:
    """Entries that state a number or a guideline fact carry a source."""
    for e in gl.GLOSSARY:
        clinical = e.definition.replace("95% interval", "")
        if re.search(r"\d+%|\d+ cm|AJCC|WHO 20|NCCN", clinical) and e.technical:
            assert e.sources, e.term


def test_words_lead_to_one_entry() -> None:
    seen: dict[str, str] = {}
    for e in gl.GLOSSARY:
        for w in e.words:
            assert seen.setdefault(w.casefold(), e.term) == e.term, w


def test_definitions_written_elsewhere_are_reused_not_retyped() -> None:
    """Where another module words a definition, the glossary shows that very text."""
    assert gl.lookup("stage").definition == TERMS["stage"].plain
    assert gl.lookup("grade").definition == TERMS["grade"].plain
    assert gl.lookup("functioning").definition == FUNCTIONAL_DEFINITION.text
    assert gl.lookup("non-functioning").definition == NONFUNCTIONING_DEFINITION.text
    for cat in CATEGORIES:
        assert any(cat.mechanism.text in e.definition for e in gl.GLOSSARY), cat.key
    for t in TRIALS:
        assert t.population in gl.lookup(re.split(r",| \(", t.name)[0]).definition


def test_lookup_and_plurals() -> None:
    assert gl.lookup("Ki-67").term == "Ki-67 index"
    assert gl.lookup("KI-67").term == "Ki-67 index"
    assert gl.lookup("NETs").term == gl.lookup("NET").term
    assert gl.lookup("metastases").term == "Metastasis"
    assert gl.lookup("insulinomas").term == "Insulinoma"
    assert gl.lookup("nonsense-word") is None


def test_acronyms_match_case_sensitively() -> None:
    assert gl.entry_pattern("NET").search("a NET of the ileum")
    assert not gl.entry_pattern("NET").search("the net effect")
    assert gl.entry_pattern("NET").search("two NETs")
    assert not gl.entry_pattern("NET").search("GEP-NETs")
    assert gl.entry_pattern("mucosa").search("The Mucosa is")


def test_search_ranks_exact_words_first() -> None:
    assert gl.search("NX")[0].term == "NX"
    assert gl.search("hot spot")[0].term == "Hot spot"
    assert gl.search("sstr2")[0].term == "Somatostatin receptor (SSTR)"
    assert gl.search("") == gl.GLOSSARY
    assert gl.search("zzzz") == ()
    assert gl.search("octreotide LAR")[0].term == "Octreotide"
    assert gl.search("SSA")[0].term == "Somatostatin analogue (SSA)"


def test_entries_for_lesson() -> None:
    assert gl.lookup("Ki-67") in gl.entries_for_lesson("04_grade_and_differentiation")
    with pytest.raises(ValueError, match="unknown lesson 'nope'; allowed: 01_what_are_gepnets"):
        gl.entries_for_lesson("nope")


# --- the lessons ---------------------------------------------------------------------------------


def test_lesson_titles_match_the_notebooks() -> None:
    for stem, title in gl.LESSON_TITLES.items():
        path = ROOT / "notebooks" / f"{stem}.ipynb"
        assert path.exists(), stem
        text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells
                         if c.cell_type == "markdown")
        assert re.search(rf"^# Lesson {int(stem[:2])}: {re.escape(title)}$", text, re.M), stem


def test_an_entry_names_a_lesson_that_uses_it(lesson_texts) -> None:
    """If lessons use a term, the entry's lesson is one of them (terms used only by the tools'
    readouts name the lesson whose tools show them)."""
    wrong = []
    for e in gl.GLOSSARY:
        users = [stem for stem, text in lesson_texts.items()
                 if any(gl.entry_pattern(w).search(text) for w in e.words)]
        if users and e.lesson not in users:
            wrong.append(f"{e.term}: {e.lesson}, but used in {', '.join(users)}")
    assert wrong == [], "; ".join(wrong)


def test_known_technical_words_are_in_the_glossary(lesson_texts) -> None:
    missing = sorted({f"{word} ({stem})" for stem, text in lesson_texts.items()
                      for word in TECHNICAL_WORDS
                      if gl.entry_pattern(word).search(text) and gl.lookup(word) is None})
    assert missing == [], "technical words a lesson uses but the glossary lacks: " + \
        ", ".join(missing)


def _covered(token: str) -> bool:
    if gl.lookup(token) is not None:
        return True
    parts = [p for p in token.split("-") if sum(ch.isupper() for ch in p) >= 2]
    return bool(parts) and all(gl.lookup(p) is not None for p in parts)


def test_every_abbreviation_in_a_lesson_is_in_the_glossary(lesson_texts) -> None:
    missing = set()
    for stem, text in lesson_texts.items():
        for token in set(_ACRONYM.findall(text)):
            token = token.strip("-")
            if _ROMAN.match(token) or token in NOT_TERMS or re.fullmatch(r"[A-Z]\d.*", token):
                continue
            if not _covered(token):
                missing.add(f"{token} ({stem})")
    assert sorted(missing) == [], "abbreviations the glossary lacks: " + ", ".join(
        sorted(missing))


def test_every_medical_word_in_a_lesson_is_in_the_glossary(lesson_texts) -> None:
    missing = set()
    for stem, text in lesson_texts.items():
        for word in set(_MEDICAL_ENDING.findall(text)):
            if word.casefold() in PLAIN_ENDINGS or re.match(r"\d", word):
                continue
            if gl.lookup(word) is None:
                missing.add(f"{word} ({stem})")
    assert sorted(missing) == [], "medical words the glossary lacks: " + ", ".join(
        sorted(missing))


def test_the_scans_do_find_words() -> None:
    """Guard against a scan that silently finds nothing."""
    sample = "A PRRT trial in MiNEN and GEP-NETs; a gastrinoma, gastritis and endoscopy."
    assert {"PRRT", "MiNEN", "GEP-NETs"} <= set(_ACRONYM.findall(sample))
    assert {"gastrinoma", "gastritis", "endoscopy"} <= set(_MEDICAL_ENDING.findall(sample))


def test_a_lesson_with_an_unknown_term_would_fail() -> None:
    text = "The XQZR score and a hypothetical nephroblastoma."
    assert [t for t in _ACRONYM.findall(text) if not _covered(t)] == ["XQZR"]
    assert [w for w in _MEDICAL_ENDING.findall(text) if gl.lookup(w) is None] == \
        ["nephroblastoma"]


# --- the generated page --------------------------------------------------------------------------


def _make_glossary():
    spec = importlib.util.spec_from_file_location("make_glossary",
                                                  ROOT / "tools" / "make_glossary.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_glossary_is_up_to_date() -> None:
    tool = _make_glossary()
    page = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert page == tool.render(), "run: python tools/make_glossary.py"
    for e in gl.GLOSSARY:
        assert f"**{e.term}**" in page


# --- the widget ---------------------------------------------------------------------------------


def _count(widget: Glossary) -> int:
    return int(re.search(r'class="gepnet-glossary-count">(\d+)<', widget.results.value).group(1))


def _terms(widget: Glossary) -> list[str]:
    return re.findall(r'class="gepnet-glossary-term">([^<]*)<', widget.results.value)


def test_widget_default_lists_everything() -> None:
    g = Glossary()
    assert g.query.description == "Search the glossary"
    assert "gepnet-glossary-search" in g.query._dom_classes
    assert g.query.style.description_width == "initial"
    assert "gepnet-glossary-results" in g.results._dom_classes
    assert _count(g) == len(gl.GLOSSARY)
    assert len(_terms(g)) == MAX_SHOWN and f"first {MAX_SHOWN}" in g.results.value


def test_widget_search_as_you_type() -> None:
    g = Glossary()
    for text in ("K", "Ki", "Ki-6", "Ki-67"):
        g.query.value = text
        assert _count(g) == len(gl.search(text))
    assert _terms(g)[0] == "Ki-67 index"
    g.query.value = "zzzz"
    assert _count(g) == 0 and "No term matches" in g.results.value
    g.query.value = ""
    assert _count(g) == len(gl.GLOSSARY)


@pytest.mark.parametrize("entry", gl.GLOSSARY, ids=lambda e: e.term)
def test_widget_finds_every_term_first(entry: gl.Entry) -> None:
    g = Glossary(entry.term)
    assert _terms(g)[0] == entry.term.replace("&", "&amp;")
    assert "gepnet-error" not in g.results.value


def test_widget_static_view_lists_the_whole_glossary() -> None:
    g = Glossary("Ki")
    view = g.static_view()
    assert "gepnet-static-glossary" in view.html
    assert view.html.count('class="gepnet-glossary-term"') == len(gl.GLOSSARY)
    assert len(view.text.splitlines()) == len(gl.GLOSSARY) + 1
    assert "text/html" in g.widget._repr_mimebundle_()
