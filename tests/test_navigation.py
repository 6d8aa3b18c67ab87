"""Finding your way: the navigation bars, the glossary page, and words for the mode.

* Every lesson has a bar at its top and bottom (``tools/make_nav.py``), in step with the lesson
  list: course map, previous, next, glossary, progress, sources. Every link resolves in the
  notebooks (JupyterLab, Notebook 7, Voila in tree mode use the same relative links) and, after
  ``tools/build_site.py`` rewrites them, on the static site.
* The glossary is a page shown at once (``notebooks/glossary.ipynb``), one heading per term.
* JupyterLab instructions (Shift + Enter, code cells) are in the notebooks, and gone from the
  static pages; Voila hides them by the course stylesheet (checked in the browser, in
  ``tests/browser/test_phone_layout.py``).
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
sys.path.insert(0, str(ROOT / "tools"))

import build_site  # noqa: E402
import make_nav  # noqa: E402

LESSONS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
COURSE = make_nav.lessons()
_HREF = re.compile(r'href="([^"]+)"')
_MD_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(([^()\s]+)\)")
LAB_WORDS = re.compile(r"shift|code cell", re.IGNORECASE)


def _nb(path: Path):
    return nbformat.read(path, as_version=4)


def _anchors(path: Path) -> set[str]:
    """Ids a link can land on: headings (as JupyterLab and nbconvert make them) and <a id>."""
    text = "\n".join(c.source for c in _nb(path).cells if c.cell_type == "markdown")
    ids = set(re.findall(r'<a id="([^"]+)"></a>', text))
    for line in re.findall(r"^#{1,6} (.+)$", text, flags=re.M):
        plain = re.sub(r"[*_`]", "", _MD_LINK.sub(r"\1", line)).strip()
        ids.add(html.unescape(plain).replace(" ", "-"))
    return ids


def _bar(path: Path, cell_id: str) -> str:
    (cell,) = [c for c in _nb(path).cells if c.get("id") == cell_id]
    return cell.source


# --- the bars --------------------------------------------------------------------------------


def test_the_lesson_list_is_every_lesson_in_order() -> None:
    assert [lesson.file for lesson in COURSE] == [p.name for p in LESSONS]
    assert [lesson.number for lesson in COURSE] == list(range(len(LESSONS)))
    assert COURSE[3].label == "Lesson 3, *Staging a GEP-NET with TNM*"


def test_bars_and_glossary_page_are_in_step_with_the_lessons() -> None:
    """``python tools/make_nav.py`` was run after the last change to a lesson or the glossary."""
    assert make_nav.run(check=True) == []


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_bar_at_top_and_bottom(path: Path) -> None:
    nb = _nb(path)
    assert nb.cells[0].source.startswith("# Lesson ")
    assert nb.cells[1].get("id") == make_nav.TOP and nb.cells[-1].get("id") == make_nav.BOTTOM
    for cell in (nb.cells[1], nb.cells[-1]):
        assert '<nav class="gepnet-nav"' in cell.source and cell.source.count("<li>") >= 5


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_bar_links_previous_next_and_the_course_pages(path: Path) -> None:
    i = LESSONS.index(path)
    for cell_id in (make_nav.TOP, make_nav.BOTTOM):
        bar = _bar(path, cell_id)
        targets = _HREF.findall(bar)
        labels = re.sub(r"<[^>]+>", "", bar)
        if i > 0:
            assert LESSONS[i - 1].name in targets and f"Previous: Lesson {i - 1}," in labels
        else:
            assert "Previous" not in labels
        if i + 1 < len(LESSONS):
            assert LESSONS[i + 1].name in targets and f"Next: Lesson {i + 1}," in labels
        else:
            assert "Next" not in labels
        for page in ("glossary.ipynb", "references.ipynb"):
            assert page in targets
        assert any(t.endswith("#2.-The-course-map") for t in targets)
        assert any(t.endswith("#Your-progress") for t in targets)
        assert not re.search(r"\d\d_\w+\.ipynb", labels), "a file name shown as a label"


def _resolve(page: Path, target: str) -> str | None:
    """Why ``target`` (a link on ``page``) does not resolve, or None."""
    file_part, _, anchor = unquote(target).partition("#")
    dest = (page.parent / file_part).resolve() if file_part else page
    if not dest.exists():
        return f"{target}: no such file"
    if anchor and anchor not in _anchors(dest):
        return f"{target}: no heading or anchor {anchor!r} in {dest.name}"
    return None


@pytest.mark.parametrize("path", [*LESSONS, NOTEBOOKS / "glossary.ipynb"], ids=lambda p: p.name)
def test_every_bar_link_resolves(path: Path) -> None:
    bars = [c.source for c in _nb(path).cells if "gepnet-nav" in c.source]
    assert bars
    broken = [why for bar in bars for t in _HREF.findall(bar) if (why := _resolve(path, t))]
    assert broken == []


def test_a_broken_link_would_be_found() -> None:
    assert _resolve(LESSONS[1], "00_start_here.ipynb#No-such-section")
    assert _resolve(LESSONS[1], "99_missing.ipynb")
    assert _resolve(LESSONS[1], "00_start_here.ipynb#Your-progress") is None


def test_static_site_links_point_at_pages() -> None:
    bar = make_nav.nav_markdown(COURSE, 3, "top")
    page = build_site.rewrite_lesson_links(bar)
    targets = _HREF.findall(page)
    assert "glossary.html" in targets and "references.html" in targets
    assert "04_grade_and_differentiation.html" in targets
    assert "00_start_here.html#Your-progress" in targets
    assert not any(t.endswith(".ipynb") or ".ipynb#" in t for t in targets)


def test_no_lesson_text_shows_a_file_name_as_a_label() -> None:
    """Prerequisites and What's next name lessons by title (``Lesson 3, *Staging...*``)."""
    shown = []
    for path in LESSONS:
        text = "\n".join(c.source for c in _nb(path).cells if c.cell_type == "markdown")
        for label, _target in _MD_LINK.findall(text):
            if re.search(r"\d\d_\w+\.ipynb", label):
                shown.append(f"{path.name}: {label}")
        shown += [f"{path.name}: {m}" for m in re.findall(r"`\d\d_\w+\.ipynb`", text)]
    assert shown == []


# --- the glossary page -----------------------------------------------------------------------


def test_glossary_page_has_one_heading_per_term() -> None:
    from gepnet_widgets.glossary import GLOSSARY

    page = NOTEBOOKS / "glossary.ipynb"
    text = "\n".join(c.source for c in _nb(page).cells)
    headings = re.findall(r"^### (.+)$", text, flags=re.M)
    assert headings == [e.term for e in GLOSSARY]
    ids = _anchors(page)
    assert all(make_nav.term_anchor(e.term) in ids for e in GLOSSARY)
    assert "Ki-67-index" in ids
    assert len(re.findall(r"For education only\.", text)) == 1
    assert not re.search(r"\[S\d+", text), "a raw source key on the glossary page"
    assert all(not c.outputs for c in _nb(page).cells if c.cell_type == "code")


@pytest.mark.parametrize("path", LESSONS[1:], ids=lambda p: p.name)
def test_lessons_glossary_link_opens_the_glossary_page(path: Path) -> None:
    title = _nb(path).cells[0].source
    assert "[glossary](glossary.ipynb)" in title


# --- words for the mode ------------------------------------------------------------------------


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lab_instructions_stay_in_the_notebook_and_leave_static_pages(path: Path) -> None:
    nb = _nb(path)
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "**Shift + Enter**" in source, "JupyterLab learners keep the instructions"
    for cell in nb.cells:  # every mention is inside a Lab-only element
        if cell.cell_type == "markdown":
            outside = build_site.strip_lab_only(cell.source)
            assert not LAB_WORDS.search(outside), (path.name, cell.get("id"))
    page = build_site.export_html(nb, path.stem)
    text = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S | re.I)
    text = re.sub(r"<[^>]+>", " ", text)
    assert not LAB_WORDS.search(html.unescape(text)), LAB_WORDS.search(html.unescape(text))


def test_strip_lab_only_removes_spans_and_blocks() -> None:
    src = ('Keep. <span class="gepnet-lab-only">Press **Shift + Enter**.</span> Keep too.\n\n'
           '<div class="gepnet-lab-only">\n\n* Code cells\n\n</div>\n\nEnd.')
    assert build_site.strip_lab_only(src) == "Keep.  Keep too.\n\n\n\nEnd."


def test_voila_hides_lab_only_by_the_course_stylesheet() -> None:
    from gepnet_widgets.widgets.a11y import PAGE_CSS, a11y_html

    assert re.search(r"body\[data-voila\] \.gepnet-lab-only \{ display: none", PAGE_CSS)
    assert PAGE_CSS in a11y_html()


def test_lesson_0_says_what_jupyterlab_saves() -> None:
    text = "\n".join(c.source for c in _nb(LESSONS[0]).cells if c.cell_type == "markdown")
    saved = text.split("**What is saved.**", 1)[1].split("\n", 1)[0]
    assert "JupyterLab saves" in saved and "self-check answers" in saved
    assert "nothing you do changes the course files" not in text.lower()
