"""The course as a whole: numbering, links, the order of lessons, the course map, the start page.

Section checks of each lesson (objectives, time, summary, references with edition and year, the
educational-use line) live in tests/test_lesson_structure.py and are not repeated here.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
LESSONS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
START = NOTEBOOKS / "00_start_here.ipynb"
GLOSSARY_ANCHOR = "glossary.ipynb"  # the glossary page (tools/make_nav.py), shown at once

_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(([^()\s]+)\)")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def _markdown(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _number(path: Path) -> int:
    return int(path.name[:2])


def _heading_ids(text: str) -> set[str]:
    """Anchor ids as JupyterLab and nbconvert make them: the heading's text, spaces as '-'."""
    ids = set()
    for line in re.findall(r"^#{1,6} (.+)$", text, flags=re.M):
        plain = _LINK.sub(r"\1", line)
        plain = re.sub(r"[*_`]", "", plain).strip()
        ids.add(html.unescape(plain).replace(" ", "-"))
    ids.update(re.findall(r'<a id="([^"]+)"></a>', text))  # explicit anchors (reference list)
    return ids


def _section(text: str, heading: str) -> str:
    return text.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]


def _minutes(text: str) -> int:
    return int(re.search(r"## Time to learn\s+About \*\*(\d+) minutes\*\*", text).group(1))


def _title(text: str) -> str:
    return re.search(r"^# Lesson \d+: (.+)$", text, flags=re.M).group(1)


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {p.name: _markdown(p) for p in LESSONS}


# --- the set of lessons ------------------------------------------------------------------------


def test_lessons_are_numbered_from_0_without_gaps() -> None:
    numbers = [_number(p) for p in LESSONS]
    assert numbers == list(range(len(LESSONS))), numbers
    assert START in LESSONS and (NOTEBOOKS / "07_case_studies.ipynb") in LESSONS


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_title_and_course_line_match_the_file_name(path: Path, texts) -> None:
    text = texts[path.name]
    n, last = _number(path), _number(LESSONS[-1])
    assert re.search(rf"^# Lesson {n}: \S", text, flags=re.M), f"{path.name}: '# Lesson {n}:'"
    assert re.search(rf"course · lesson {n} of {last}\*", text), f"{path.name}: 'lesson {n} of'"


# --- links -------------------------------------------------------------------------------------


def _internal_links(text: str) -> list[str]:
    return [target for _label, target in _LINK.findall(text) if not _EXTERNAL.match(target)]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_every_internal_link_resolves(path: Path, texts) -> None:
    broken = []
    for target in _internal_links(texts[path.name]):
        file_part, _, anchor = unquote(target).partition("#")
        dest = (path.parent / file_part).resolve() if file_part else path
        if not dest.exists():
            broken.append(f"{target}: no such file")
            continue
        if anchor:
            ids = _heading_ids(_markdown(dest) if dest.suffix == ".ipynb" else
                               dest.read_text(encoding="utf-8"))
            if anchor not in ids:
                broken.append(f"{target}: no heading with id {anchor!r}")
    assert broken == [], f"{path.name}: " + "; ".join(broken)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_every_notebook_name_mentioned_exists(path: Path, texts) -> None:
    """File names in the text (also in code spans, e.g. prerequisites) name real lessons."""
    names = set(re.findall(r"\b\d\d_[a-z0-9_]+\.ipynb\b", texts[path.name]))
    missing = sorted(n for n in names if not (NOTEBOOKS / n).exists())
    assert missing == [], f"{path.name} names missing notebooks: {missing}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_no_existing_lesson_is_called_planned(path: Path, texts) -> None:
    """Once a lesson exists, no other lesson may still call it "planned"."""
    stale = []
    for line in texts[path.name].splitlines():
        if "planned" not in line:
            continue
        for n in re.findall(r"Lesson (\d+)", line):
            if any(_number(p) == int(n) for p in LESSONS):
                stale.append(line.strip()[:100])
    assert stale == [], f"{path.name}: " + " | ".join(stale)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_whats_next_points_to_the_next_lesson(path: Path, texts) -> None:
    block = _section(texts[path.name], "What's next")
    i = LESSONS.index(path)
    target = LESSONS[i + 1] if i + 1 < len(LESSONS) else START
    assert target.name in block, f"{path.name}: What's next should name {target.name}"
    assert f"Lesson {_number(target)}" in block


@pytest.mark.parametrize("path", [p for p in LESSONS if p != START], ids=lambda p: p.name)
def test_every_lesson_links_the_glossary(path: Path, texts) -> None:
    top = texts[path.name].split("## Learning objectives", 1)[0]
    assert GLOSSARY_ANCHOR in _internal_links(top), f"{path.name}: a glossary link near the top"


def test_the_start_page_has_the_glossary_heading(texts) -> None:
    assert "Glossary" in _heading_ids(texts[START.name])
    assert "#Glossary" in _internal_links(texts[START.name])


# --- the course map ------------------------------------------------------------------------------


def _map_rows(text: str) -> dict[str, tuple[int, str, int]]:
    block = _section(text, "2. The course map")
    rows = re.findall(r"^\| (\d+)\. \[([^\]]+)\]\((\S+?\.ipynb)\) \| [^|]+ \| (\d+) minutes \|$",
                      block, flags=re.M)
    return {target: (int(n), title, int(minutes)) for n, title, target, minutes in rows}


def test_course_map_lists_every_lesson_with_its_title_and_time(texts) -> None:
    rows = _map_rows(texts[START.name])
    expected = {p.name: (_number(p), _title(texts[p.name]), _minutes(texts[p.name]))
                for p in LESSONS if p != START}
    assert rows == expected


def test_course_map_total_time(texts) -> None:
    total = sum(_minutes(t) for t in texts.values())
    block = _section(texts[START.name], "2. The course map")
    hours, minutes = divmod(total, 60)
    said = f"{hours} hours {minutes} minutes" if minutes else f"{hours} hours"
    assert f"about **{said}**" in block


def test_start_page_opens_first() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^START := \$\(firstword \$\(wildcard notebooks/00_start_here\.ipynb\)",
                     makefile, flags=re.M)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    badge = re.search(r"\]\((https://mybinder\.org/v2/gh/[^)]+)\)", readme).group(1)
    assert badge.endswith("?labpath=notebooks%2F00_start_here.ipynb")


def test_readme_lessons_table_matches_the_lessons(texts) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Lessons", 1)[1].split("\n## ", 1)[0]
    for path in LESSONS:
        text = texts[path.name]
        title = "Start here" if path == START else _title(text)
        row = next((line for line in block.splitlines() if f"(notebooks/{path.name})" in line),
                   None)
        assert row is not None, f"README lessons table misses {path.name}"
        assert title in row and f"{_minutes(text)} min" in row, row


# --- the start page, executed --------------------------------------------------------------------


@pytest.fixture(scope="module")
def executed_start():
    nb = nbformat.read(START, as_version=4)
    NotebookClient(nb, timeout=180, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return nb


def _state(nb) -> dict:
    return nb.metadata.get("widgets", {}).get(
        "application/vnd.jupyter.widget-state+json", {}).get("state", {})


def _by_class(state: dict, css: str) -> list[dict]:
    return [m["state"] for m in state.values() if css in m["state"].get("_dom_classes", [])]


def test_start_page_runs_and_shows_its_tools(executed_start) -> None:
    from gepnet_widgets.glossary import GLOSSARY
    from gepnet_widgets.staging import stage_tumor

    errors = [o for c in executed_start.cells if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    assert errors == []
    state = _state(executed_start)
    (t_readout,) = _by_class(state, "gepnet-t-readout")
    t = re.search(r'class="gepnet-t-category">([^<]+)<', t_readout["value"]).group(1)
    assert t == stage_tumor("stomach", 1.0, "mucosa", 0, "none").t
    (results,) = _by_class(state, "gepnet-glossary-results")
    count = re.search(r'class="gepnet-glossary-count">(\d+)<', results["value"]).group(1)
    assert int(count) == len(GLOSSARY)
    (search,) = _by_class(state, "gepnet-glossary-search")
    assert search["description"] == "Search the glossary"
    cards = [m for m in state.values() if any(
        c.startswith("gepnet-selfcheck-q-") for c in m["state"].get("_dom_classes", []))]
    assert len(cards) >= 6
