"""Fill the generated parts of the instructor kit (docs/instructor/lesson-*.md).

Each lesson guide has hand-written parts (where learners stumble, discussion prompts) and
generated parts between markers::

    <!-- BEGIN GENERATED: at-a-glance -->   objectives, time, sections (from the notebook)
    <!-- BEGIN GENERATED: self-check -->    the self-check answers with why (from the quiz JSON)
    <!-- BEGIN GENERATED: case-answers -->  lesson 7 only: each patient's answers, computed by
                                            gepnet_widgets.cases.check_case_answer

so the answer key is never typed twice. Run from the repository root::

    python tools/make_instructor_answers.py          # rewrite the generated parts
    python tools/make_instructor_answers.py --check  # exit 1 if any guide is out of date

tests/test_instructor_kit.py fails when a guide is out of date.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import nbformat  # noqa: E402

from gepnet_widgets import cases  # noqa: E402
from gepnet_widgets.quiz import available_lessons, check_label, load_questions  # noqa: E402
from gepnet_widgets.sources import SOURCES  # noqa: E402
from gepnet_widgets.staging import EDITIONS, edition_short, stage_tumor  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"
GUIDES = ROOT / "docs" / "instructor"
_BLOCK = re.compile(r"(<!-- BEGIN GENERATED: ([a-z-]+) -->\n).*?(<!-- END GENERATED -->)", re.S)


def guide_path(notebook: Path) -> Path:
    """``notebooks/03_tnm_staging.ipynb`` -> ``docs/instructor/lesson-03-tnm-staging.md``."""
    return GUIDES / f"lesson-{notebook.stem[:2]}-{notebook.stem[3:].replace('_', '-')}.md"


def _markdown(notebook: Path) -> str:
    nb = nbformat.read(notebook, as_version=4)
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _section(text: str, heading: str) -> str:
    return text.split(f"## {heading}", 1)[1].split("\n## ", 1)[0].strip()


def at_a_glance(notebook: Path) -> str:
    """Title, link, time, objectives and the sections with their cumulative times."""
    text = _markdown(notebook)
    title = re.search(r"^# (Lesson \d+: .+)$", text, re.M).group(1)
    time = _section(text, "Time to learn")
    objectives = _section(text, "Learning objectives").split("\n", 1)[1].strip()
    rows = []
    for block in re.split(r"^(?=## )", text, flags=re.M):
        head = re.match(r"## (\d+\. .+)$", block, re.M)
        if head is None:
            continue
        marks = re.findall(r"\*Estimated time to here: (\d+) minutes\.\*", block)
        rows.append(f"| {head.group(1)} | {marks[-1] + ' min' if marks else '-'} |")
    table = "\n".join(["| Section | Time to here |", "|---|---|", *rows])
    link = f"../../notebooks/{notebook.name}"
    return (f"**{title}** ([`{notebook.name}`]({link}))\n\n**Time.** {time}\n\n"
            f"**Objectives** (as the learners read them):\n\n{objectives}\n\n"
            f"**Sections** (times as the lesson marks them):\n\n{table}\n")


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def edition_answers(check: dict | None) -> str:
    """For a staging question, its computed answer under each AJCC edition ("" otherwise).

    The question's own ``edition`` (if it names one) is the answer key; the other edition's
    answer is shown so a teacher can discuss the difference."""
    if not check or check.get("function") != "stage_tumor":
        return ""
    kwargs = {k: v for k, v in check["kwargs"].items() if k != "edition"}
    labels = {e: check_label(check["field"], getattr(stage_tumor(**kwargs, edition=e),
                                                      check["field"]))
              for e in EDITIONS}
    asked = check["kwargs"].get("edition")
    if len(set(labels.values())) == 1:
        return f"{labels[EDITIONS[0]]} under both AJCC editions"
    parts = [f"{edition_short(e)}: {labels[e]}" + (" (the question's edition)" if e == asked
                                                   else "") for e in EDITIONS]
    return "; ".join(parts) + " (the editions differ)"


def self_check(notebook: Path) -> str:
    """Every self-check question with its answer and why, from the lesson's quiz JSON."""
    if notebook.stem not in available_lessons():
        return "This lesson has no self-check.\n"
    out = []
    for i, q in enumerate(load_questions(notebook.stem), start=1):
        right = q.correct_choice
        wrong = [c.text for c in q.choices if not c.correct]
        cited = "; ".join(SOURCES[k].short for k in q.sources)
        lines = [f"{i}. **{_one_line(q.prompt)}**",
                 f"   * Answer: **{_one_line(right.text)}**",
                 f"   * Why: {_one_line(right.feedback)} {_one_line(q.explanation)}",
                 f"   * Wrong options: {'; '.join(_one_line(w) for w in wrong)}"]
        editions = edition_answers(q.check)
        if editions:
            lines.append(f"   * By edition (computed): {editions}")
        if q.misconception:
            lines.append(f"   * Misconception targeted: {_one_line(q.misconception)}")
        lines.append(f"   * Sources: {cited}")
        out.append("\n".join(lines))
    return "\n".join(out) + "\n"


def case_answers() -> str:
    """Each fictional patient's eight answers, computed by the package (lesson 7), under each
    AJCC edition (the answers differ only in the staging steps, and only where the editions
    do)."""
    out = []
    heads = " | ".join(edition_short(e) for e in EDITIONS)
    for i, case in enumerate(cases.CASES.values(), start=1):
        rows = [f"| Step | {heads} | Why ({edition_short(EDITIONS[0])}) |",
                "|---|" + "---|" * len(EDITIONS) + "---|"]
        for step in cases.STEPS:
            answers = []
            for edition in EDITIONS:
                expected = cases.expected_answer(case.id, step.key, edition)
                fb = cases.check_case_answer(case.id, step.key, expected, edition)
                answers.append(fb)
            cells = " | ".join(f"**{fb.expected}**" for fb in answers)
            why = _one_line(answers[0].text).replace("|", "/")
            rows.append(f"| {step.label} | {cells} | {why} |")
        findings = "; ".join(cases.findings(case.id))
        out.append(f"### Patient {i}: {case.title}\n\n*Findings:* {findings}.\n\n"
                   + "\n".join(rows))
    return "\n\n".join(out) + "\n"


def generated(notebook: Path, name: str) -> str:
    """The content of the generated block ``name`` for ``notebook``."""
    if name == "at-a-glance":
        return at_a_glance(notebook)
    if name == "self-check":
        return self_check(notebook)
    if name == "case-answers":
        return case_answers()
    raise ValueError(f"unknown generated block {name!r}; allowed: at-a-glance, self-check, "
                     "case-answers")


def render(notebook: Path, current: str) -> str:
    """``current`` (a guide's text) with its generated blocks refreshed."""
    return _BLOCK.sub(lambda m: m.group(1) + generated(notebook, m.group(2)) + m.group(3),
                      current)


def lessons() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def main(argv: list[str]) -> int:
    stale = []
    only = [a for a in argv if not a.startswith("--")]  # e.g. 03 07: those lessons only
    for notebook in lessons():
        if only and notebook.stem[:2] not in only:
            continue
        path = guide_path(notebook)
        if not path.exists():
            print(f"missing guide {path.relative_to(ROOT)} for {notebook.name}")
            stale.append(path)
            continue
        current = path.read_text(encoding="utf-8")
        fresh = render(notebook, current)
        if fresh != current:
            stale.append(path)
            if "--check" not in argv:
                path.write_text(fresh, encoding="utf-8")
                print(f"updated {path.relative_to(ROOT)}")
    if "--check" in argv and stale:
        print("out of date: " + ", ".join(str(p.relative_to(ROOT)) for p in stale)
              + "; run python tools/make_instructor_answers.py")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
