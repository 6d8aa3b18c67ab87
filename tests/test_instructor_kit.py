"""The instructor kit (docs/instructor/): complete, up to date with the lessons, links that work.

The generated parts (at a glance, self-check answers, case answers) must equal what
tools/make_instructor_answers.py produces now, so the answer key is never typed twice and never
stale.
"""

from __future__ import annotations

import importlib.util
import itertools
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pytest

from gepnet_widgets import cases
from gepnet_widgets.quiz import available_lessons, load_questions

ROOT = Path(__file__).resolve().parents[1]
KIT = ROOT / "docs" / "instructor"
NOTEBOOKS = ROOT / "notebooks"
LESSONS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
HEADINGS = ("## At a glance", "## Teaching it", "## Where learners stumble",
            "## Discussion prompts", "## Self-check answers")


def _tool():
    spec = importlib.util.spec_from_file_location(
        "make_instructor_answers", ROOT / "tools" / "make_instructor_answers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL = _tool()


def _minutes(notebook: Path) -> int:
    text = "\n".join(c.source for c in nbformat.read(notebook, as_version=4).cells
                     if c.cell_type == "markdown")
    return int(re.search(r"## Time to learn\s+About \*\*(\d+) minutes\*\*", text).group(1))


@pytest.mark.parametrize("notebook", LESSONS, ids=lambda p: p.name)
def test_every_lesson_has_a_complete_guide(notebook: Path) -> None:
    guide = TOOL.guide_path(notebook)
    assert guide.exists(), f"missing {guide.relative_to(ROOT)}"
    text = guide.read_text(encoding="utf-8")
    for heading in HEADINGS:
        assert re.search(rf"^{re.escape(heading)}$", text, re.M), f"{guide.name}: {heading}"
    for heading in ("## Where learners stumble", "## Discussion prompts"):
        body = text.split(heading, 1)[1].split("\n## ", 1)[0]
        assert len(re.findall(r"^(?:\*|\d+\.) ", body, re.M)) >= 3, f"{guide.name}: {heading}"
    assert "For education only" in text


@pytest.mark.parametrize("notebook", LESSONS, ids=lambda p: p.name)
def test_generated_parts_are_up_to_date(notebook: Path) -> None:
    guide = TOOL.guide_path(notebook)
    text = guide.read_text(encoding="utf-8")
    assert TOOL.render(notebook, text) == text, "run: python tools/make_instructor_answers.py"
    assert "<!-- BEGIN GENERATED: at-a-glance -->" in text
    assert "<!-- BEGIN GENERATED: self-check -->" in text


@pytest.mark.parametrize("notebook", [p for p in LESSONS if p.stem in available_lessons()],
                         ids=lambda p: p.name)
def test_self_check_answers_are_all_there(notebook: Path) -> None:
    text = TOOL.guide_path(notebook).read_text(encoding="utf-8")
    block = text.split("<!-- BEGIN GENERATED: self-check -->", 1)[1].split("<!-- END", 1)[0]
    questions = load_questions(notebook.stem)
    assert len(re.findall(r"^\d+\. \*\*", block, re.M)) == len(questions) >= 6
    for q in questions:
        answer = re.sub(r"\s+", " ", q.correct_choice.text).strip()
        assert f"Answer: **{answer}**" in block, q.id


def test_case_answers_come_from_the_checker() -> None:
    text = TOOL.guide_path(NOTEBOOKS / "07_case_studies.ipynb").read_text(encoding="utf-8")
    assert "## Case answers" in text
    block = text.split("<!-- BEGIN GENERATED: case-answers -->", 1)[1]
    for case in cases.CASES.values():
        section = block.split(f": {case.title}\n", 1)[1].split("\n### ", 1)[0]
        for step in cases.STEPS:
            labels = [cases.answer_label(case.id, step.key,
                                         cases.expected_answer(case.id, step.key, e), e)
                      for e in ("ajcc9", "ajcc8")]
            row = f"| {step.label} | **{labels[0]}** | **{labels[1]}** |"
            assert row in section, (case.id, step.key)


def test_answer_keys_cover_both_editions() -> None:
    """Fact base 1.8: the rectal patient (T1 NX M0) is stage I under AJCC Version 9 and has no
    stage group under the 8th edition; the lesson 3 key shows both for a staging question."""
    guide = TOOL.guide_path(NOTEBOOKS / "07_case_studies.ipynb").read_text(encoding="utf-8")
    assert "| Step | AJCC Version 9 | AJCC 8th edition |" in guide
    assert "| Stage group | **Stage I** | **No stage group" in guide
    key3 = TOOL.guide_path(NOTEBOOKS / "03_tnm_staging.ipynb").read_text(encoding="utf-8")
    assert ("By edition (computed): AJCC Version 9: Stage I; AJCC 8th edition: No stage "
            "(the question's edition) (the editions differ)") in key3
    assert "By edition (computed): T2 under both AJCC editions" in key3


def test_the_tool_check_mode_agrees() -> None:
    result = subprocess.run([sys.executable, "tools/make_instructor_answers.py", "--check"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


# --- the index, the plans and the how-to pages ---------------------------------------------


def test_index_lists_every_guide_with_the_lessons_time() -> None:
    index = (KIT / "README.md").read_text(encoding="utf-8")
    for notebook in LESSONS:
        name = TOOL.guide_path(notebook).name
        row = next((line for line in index.splitlines() if f"]({name})" in line), None)
        assert row is not None, name
        assert f"| {_minutes(notebook)} min |" in row, row
    for page in ("class-90-minutes.md", "course-3-sessions.md", "running-the-class.md",
                 "handouts.md", "../glossary.md"):
        assert f"]({page})" in index, page


@pytest.mark.parametrize("page", sorted(KIT.glob("*.md")), ids=lambda p: p.name)
def test_every_link_in_the_kit_resolves(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    broken = []
    for target in re.findall(r"\]\(([^()\s]+)\)", text):
        if re.match(r"^[a-z]+:", target):
            continue
        path = (page.parent / unquote(target.split("#")[0])).resolve()
        if not path.exists():
            broken.append(target)
    assert broken == [], f"{page.name}: {broken}"


def test_ninety_minute_plan_adds_up() -> None:
    text = (KIT / "class-90-minutes.md").read_text(encoding="utf-8")
    spans = [tuple(map(int, m)) for m in re.findall(r"^\| (\d+)-(\d+) min \|", text, re.M)]
    assert spans[0][0] == 0 and spans[-1][1] == 90
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))


def test_three_session_plan() -> None:
    text = (KIT / "course-3-sessions.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^## Session \d", text, re.M)) == 3
    for notebook in LESSONS:  # every lesson is taught or set in the course
        assert f"Lesson {int(notebook.name[:2])}" in text, notebook.name


def test_running_the_class_links_open_the_start_page() -> None:
    text = (KIT / "running-the-class.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    badge = re.search(r"\]\((https://mybinder\.org/v2/gh/[^)]+)\)", readme).group(1)
    assert badge in text
    pull = re.search(r"^https://hub\.example\.org/hub/user-redirect/git-pull\?(\S+)$", text,
                     re.M).group(1)
    params = dict(p.split("=", 1) for p in pull.split("&"))
    assert unquote(params["repo"]) == "https://github.com/gepnet-course/gepnet-notebooks"
    assert params["branch"] == "main"
    assert params["urlpath"] == "lab/tree/gepnet-notebooks/notebooks/00_start_here.ipynb"
    assert "make lab" in text


def test_make_handouts_target() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^\.PHONY:.*\bhandouts\b", makefile, re.M)
    recipe = makefile.split("\nhandouts:", 1)[1].split("\n\n", 1)[0]
    # the handout builder on top of the offline site builder (every lesson executed, code
    # hidden, nothing fetched from a CDN), in student and instructor copies
    assert "tools/build_handouts.py --out build/handouts" in recipe
    builder = (ROOT / "tools" / "build_handouts.py").read_text(encoding="utf-8")
    assert re.search(r"^import build_site$", builder, re.M)


def test_a_handout_renders_static_views(tmp_path: Path) -> None:
    """The handouts command on lesson 0: static tools, the glossary in full, no traceback."""
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    shutil.copy(NOTEBOOKS / "00_start_here.ipynb", lessons)
    result = subprocess.run(
        [sys.executable, "tools/build_site.py", "--out", str(tmp_path), "--notebooks",
         str(lessons)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    page = (tmp_path / "00_start_here.html").read_text(encoding="utf-8")
    assert "gepnet-static-glossary" in page and "Traceback" not in page
    assert page.count('class="gepnet-glossary-term"') >= 100
