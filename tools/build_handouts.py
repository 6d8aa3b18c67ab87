"""Build the printable handouts (``make handouts``): a student copy and an instructor copy.

Each lesson is executed once (as for ``make site``) and exported twice:

* ``<out>/student/``: the activities' folded answers (``<details>``) stay folded on screen and
  are left out of print; each activity gets lines to write on, in print. Lesson 7 has a
  worksheet for every fictional patient (story, findings, drawing, the eight steps with a blank
  each) and no answer.
* ``<out>/answers/``: every folded answer is open, each patient's worksheet carries its
  computed answers and each self-check its answer key; every printed page says
  "Instructor copy".

Both print the course version and the build date at the top of every page (CSS page margin
boxes) and keep the print compact: the glossary is printed in full only in lesson 0's handout,
and the "static view" notes are left out of print.

Usage::

    python tools/build_handouts.py --out build/handouts
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import html
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_site
from build_site import NOTEBOOKS, Executor, SitePage

KINDS = ("student", "answers")
STUDENT, ANSWERS = KINDS
INSTRUCTOR_MARK = "Instructor copy"
STUDENT_MARK = "Student copy"
WRITE_CLASS = "gepnet-write"
WORKSHEET_CLASS = "gepnet-worksheet"
ANSWER_CLASS = "gepnet-answer-key"
GLOSSARY_LESSON = "00_start_here"  # the one handout that prints the whole glossary

_CASE_CELL = re.compile(r'^\s*CaseStudy\(\s*(?:patient\s*=\s*)?["\']([\w-]+)["\']\s*\)\s*$')
_GLOSSARY_CELL = re.compile(r"^\s*Glossary\(\s*\)\s*$")
_SELFCHECK_CELL = re.compile(r'^\s*SelfCheck\(\s*["\'](\w+)["\']\s*\)\s*$')
_ACTIVITY = re.compile(r"^#{2,4}\s+Activity\b", flags=re.M)
_DETAILS = re.compile(r"<details>", flags=re.I)
_IMG = re.compile(r"<img\b[^>]*>")


# ---------------------------------------------------------------------------------------------
# Pieces of HTML
# ---------------------------------------------------------------------------------------------


def write_space_html(lines: int) -> str:
    """``lines`` ruled lines to write on, shown only in print."""
    rows = f'<div class="{WRITE_CLASS}-line"></div>' * max(1, lines)
    return (f'<div class="{WRITE_CLASS}" aria-hidden="true">'
            f'<p class="{WRITE_CLASS}-label">Your answers:</p>{rows}</div>')


def _activity_items(text: str) -> int:
    """How many numbered items an activity asks for (at least 1)."""
    return max(1, len(re.findall(r"^\s*\d+\.\s", text, flags=re.M)))


def add_write_space(source: str) -> str:
    """A markdown cell with lines to write on before each activity's folded answer.

    Only cells with an ``### Activity`` heading change; the number of lines follows the number
    of numbered questions between the heading and the ``<details>`` block.
    """
    if not _ACTIVITY.search(source) or not _DETAILS.search(source):
        return source
    out, last = [], 0
    for m in _DETAILS.finditer(source):
        before = source[last:m.start()]
        heading = list(_ACTIVITY.finditer(source, 0, m.start()))
        asked = source[heading[-1].end():m.start()] if heading else before
        out.append(before + "\n\n" + write_space_html(_activity_items(asked)) + "\n\n")
        last = m.start()
    out.append(source[last:])
    return "".join(out)


def case_worksheet_html(case_id: str, number: int, answers: bool) -> str:
    """One fictional patient's worksheet: drawing, story, findings, the eight steps.

    The student copy has a blank for each step; the instructor copy the answer the course's
    rules compute, for each AJCC edition where they differ.
    """
    from gepnet_widgets import CaseStudy
    from gepnet_widgets.cases import (
        STEPS,
        answer_label,
        case,
        case_source_keys,
        expected_answer,
        explorer_hint,
        findings,
    )
    from gepnet_widgets.staging import EDITIONS, edition_short
    from gepnet_widgets.widgets.citations import sources_html

    c = case(case_id)
    img = _IMG.search(CaseStudy(case_id).static_view().html)
    picture = f'<div class="{WORKSHEET_CLASS}-picture">{img.group(0)}</div>' if img else ""
    facts = "".join(f"<li>{html.escape(line)}</li>" for line in findings(case_id))
    steps = []
    for s in STEPS:
        if answers:
            by_edition = {e: answer_label(case_id, s.key, expected_answer(case_id, s.key, e), e)
                          for e in EDITIONS}
            labels = list(dict.fromkeys(by_edition.values()))
            if len(labels) == 1:
                said = html.escape(labels[0])
            else:
                said = "; ".join(f"{html.escape(edition_short(e))}: {html.escape(v)}"
                                 for e, v in by_edition.items())
            blank = f'<b class="{ANSWER_CLASS}">{said}</b>'
        else:
            blank = f'<span class="{WORKSHEET_CLASS}-blank"></span>'
        steps.append(
            f"<li><b>{html.escape(s.label)}</b>: {blank}<br><span class='{WORKSHEET_CLASS}-hint'>"
            f"Try it with: {html.escape(explorer_hint(case_id, s.key))}</span></li>")
    mark = (f' <span class="{ANSWER_CLASS}">(answers computed by the course\'s rules)</span>'
            if answers else "")
    return (
        f'<div class="gepnet-static {WORKSHEET_CLASS}" data-case="{html.escape(case_id)}">'
        f"<h3 class='{WORKSHEET_CLASS}-title'>Patient {number}: {html.escape(c.title)} "
        f"<i>(fictional patient)</i></h3>"
        f'<div class="{WORKSHEET_CLASS}-top">{picture}<div class="{WORKSHEET_CLASS}-story">'
        f"<p>{html.escape(c.story)}</p><b>Findings</b><ul>{facts}</ul></div></div>"
        f"<p class='{WORKSHEET_CLASS}-steps-head'><b>Your answers</b>{mark}</p>"
        f'<ol class="{WORKSHEET_CLASS}-steps">{"".join(steps)}</ol>'
        f"{sources_html(case_source_keys(case_id))}</div>")


def selfcheck_answers_html(lesson: str) -> str:
    """The self-check's answer key (instructor copy): each question's answer and why."""
    from gepnet_widgets.quiz import available_lessons, load_questions
    from gepnet_widgets.widgets.citations import sources_html

    if lesson not in available_lessons():
        return ""
    items = []
    for q in load_questions(lesson):
        right = q.correct_choice
        options = "; ".join(
            f'<b class="{ANSWER_CLASS}">{html.escape(c.text)}</b>' if c.correct
            else html.escape(c.text) for c in q.choices)
        items.append(
            f"<li><b>{html.escape(q.prompt)}</b><br>Options: {options}.<br>"
            f"Why: {html.escape(right.feedback)} {html.escape(q.explanation)}"
            f"{sources_html(q.sources)}</li>")
    return (f'<div class="gepnet-static {ANSWER_CLASS}"><h3>Self-check: answer key</h3>'
            "<p>The questions as learners see them, each with its options (the correct one "
            f"marked) and why.</p><ol>{''.join(items)}</ol></div>")


def glossary_pointer_html() -> str:
    """What a handout prints instead of the whole glossary (lesson 0's handout has it)."""
    return ('<div class="gepnet-static gepnet-glossary-pointer"><p><b>Glossary.</b> Every '
            "technical word of the course is explained in the glossary, printed in full in the "
            'handout of <a href="00_start_here.ipynb#Glossary">lesson 0, Start here</a>; in the '
            "notebook, type a word in the glossary's search box.</p></div>")


# ---------------------------------------------------------------------------------------------
# The notebook, changed for each copy
# ---------------------------------------------------------------------------------------------


def _html_output(fragment: str) -> Any:
    return nbformat.v4.new_output("display_data", data={"text/html": fragment,
                                                        "text/plain": "(handout)"})


def _set_html(cell: Any, fragment: str) -> None:
    """The cell's outputs, replaced by one HTML block (widget views dropped)."""
    cell.outputs = [_html_output(fragment)]


def missing_cases(nb: Any) -> list[str]:
    """Cases (in course order) that no ``CaseStudy("...")`` cell of ``nb`` shows."""
    from gepnet_widgets.cases import CASES, case

    shown = {case(m.group(1)).id for cell in nb.cells if cell.cell_type == "code"
             for m in [_CASE_CELL.match(cell.source)] if m}
    return [cid for cid in CASES if cid not in shown] if shown else []


def handout_notebook(nb: Any, kind: str, lesson: str) -> Any:
    """A copy of the executed ``nb`` changed for the ``kind`` of handout.

    Both: each patient's worksheet replaces the case explorer's view, and a patient no cell
    shows gets a worksheet after the patient before it in course order (patient 5 after
    patient 4); outside lesson 0 the glossary is a pointer to lesson 0's handout.
    Student: lines to write on before each folded answer. Answers: answers on the worksheets,
    and the self-check's answer key in place of the self-check.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown handout kind {kind!r}; use one of {', '.join(KINDS)}")
    from gepnet_widgets.cases import CASES, case

    nb = copy.deepcopy(nbformat.from_dict(nb))
    order = list(CASES)
    extra = missing_cases(nb)
    answers = kind == ANSWERS
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            if not answers:
                cell.source = add_write_space(cell.source)
            continue
        if cell.cell_type != "code":
            continue
        case_cell = _CASE_CELL.match(cell.source)
        if case_cell:
            cid = case(case_cell.group(1)).id  # a patient number or a case id
            shown = [cid]
            i = order.index(cid) if cid in order else -1
            while i >= 0 and i + 1 < len(order) and order[i + 1] in extra:
                shown.append(order[i + 1])
                i += 1
            _set_html(cell, "".join(case_worksheet_html(c, order.index(c) + 1, answers)
                                    for c in shown))
        elif _GLOSSARY_CELL.match(cell.source) and lesson != GLOSSARY_LESSON:
            _set_html(cell, glossary_pointer_html())
        elif answers and (check := _SELFCHECK_CELL.match(cell.source)):
            key = selfcheck_answers_html(check.group(1))
            if key:
                _set_html(cell, key)
    return nb


# ---------------------------------------------------------------------------------------------
# Print styles
# ---------------------------------------------------------------------------------------------


def page_mark(kind: str, version: str, built: dt.date) -> str:
    """What the top of every printed page says."""
    mark = INSTRUCTOR_MARK if kind == ANSWERS else STUDENT_MARK
    return f"{mark} · {build_site.stamp_text(version, built)}"


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def print_css(kind: str, version: str, built: dt.date) -> str:
    """The handout's screen and print rules (``<style>``)."""
    top = _css_string(page_mark(kind, version, built))
    answers_rules = (
        f".{ANSWER_CLASS} {{ color: #1A1A1A; }} b.{ANSWER_CLASS} {{ background: #EAF3FA; "
        "padding: 0 3px; }} details > summary { font-weight: bold; }"
        f" @media print {{ .{WORKSHEET_CLASS}-hint {{ display: none; }} }}"
        if kind == ANSWERS else
        f"@media print {{ details {{ display: none !important; }} .{WRITE_CLASS} "
        "{ display: block; } }")
    return f"""<style>
.{WRITE_CLASS} {{ display: none; }}
.{WRITE_CLASS}-label {{ margin: 2mm 0 0; color: #595959; font-size: 0.9em; }}
.{WRITE_CLASS}-line {{ height: 7mm; border-bottom: 1px solid #8C8C8C; }}
.{WORKSHEET_CLASS} {{ color: #1A1A1A; border-top: 2px solid #0072B2; margin: 8px 0 16px;
  padding-top: 4px; }}
.{WORKSHEET_CLASS}-title {{ margin: 4px 0; font-size: 1.1em; }}
.{WORKSHEET_CLASS}-top {{ display: flex; gap: 12px; align-items: flex-start; }}
.{WORKSHEET_CLASS}-picture {{ flex: 0 0 38%; }}
.{WORKSHEET_CLASS}-picture img {{ width: 100%; height: auto; }}
.{WORKSHEET_CLASS}-story p {{ margin: 0 0 4px; }}
.{WORKSHEET_CLASS}-story ul {{ margin: 2px 0; padding-left: 1.2em; }}
.{WORKSHEET_CLASS}-steps {{ columns: 2; column-gap: 18px; margin: 4px 0; }}
.{WORKSHEET_CLASS}-steps li {{ break-inside: avoid; margin: 0 0 4px; }}
.{WORKSHEET_CLASS}-blank {{ display: inline-block; min-width: 14em; border-bottom: 1px solid
  #595959; height: 1.1em; vertical-align: bottom; }}
.{WORKSHEET_CLASS}-hint {{ color: #595959; font-size: 0.85em; }}
{answers_rules}
@page {{
  size: A4; margin: 14mm 12mm 12mm;
  @top-center {{ content: {top}; font: 8pt sans-serif; color: #595959; }}
  @bottom-right {{ content: "Page " counter(page) " of " counter(pages); font: 8pt sans-serif;
    color: #595959; }}
}}
@media print {{
  body {{ font-size: 9pt; }}
  .jp-Notebook {{ padding: 0 !important; }}
  .jp-Cell {{ padding: 0 !important; }}
  .jp-RenderedHTMLCommon {{ font-size: 9pt; line-height: 1.3; padding-right: 0; }}
  .jp-RenderedHTMLCommon h2 {{ font-size: 1.3em; margin-top: 10px; break-after: avoid; }}
  .jp-RenderedHTMLCommon h3 {{ font-size: 1.1em; margin-top: 8px; break-after: avoid; }}
  .jp-RenderedHTMLCommon p, .jp-RenderedHTMLCommon li {{ margin-bottom: 3px; }}
  .gepnet-site-banner, .gepnet-static-note, .gepnet-site-stamp {{ display: none !important; }}
  .gepnet-static img {{ max-height: 75mm; width: auto; max-width: 100%; }}
  .{WORKSHEET_CLASS}-picture img {{ max-height: 48mm; }}
  .{WORKSHEET_CLASS} {{ break-inside: auto; }}
  .jp-Cell, .jp-Cell-outputWrapper, .jp-Cell-inputWrapper, .jp-OutputArea,
  .jp-OutputArea-child, .jp-OutputArea-output {{ break-inside: auto !important; }}
  .{WRITE_CLASS}, .{WORKSHEET_CLASS}-top, .gepnet-static img {{ break-inside: avoid; }}
  .{WORKSHEET_CLASS}-title {{ break-after: avoid; }}
  .{WORKSHEET_CLASS}-hint {{ font-size: 7.5pt; }}
  .jp-RenderedHTMLCommon hr {{ margin: 6px 0; }}
  a {{ color: inherit; text-decoration: none; }}
}}
</style>"""


def add_print_css(page: str, kind: str, version: str, built: dt.date) -> str:
    """``page`` with the handout styles at the end of its ``<head>`` and its kind on ``<body>``."""
    css = print_css(kind, version, built)
    head, sep, tail = page.partition("</head>")
    page = f"{head}{css}{sep}{tail}" if sep else css + page
    return re.sub(r"<body\b", f'<body data-handout="{kind}"', page, count=1)


# ---------------------------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------------------------


def build(
    out: Path,
    notebooks: Path = NOTEBOOKS,
    executor: Executor = build_site.execute,
    paths: Sequence[Path] | None = None,
    log: Callable[[str], None] = print,
    built: dt.date | None = None,
) -> dict[str, list[SitePage]]:
    """Execute every lesson once; write ``out/student/`` and ``out/answers/`` (with an index).

    Returns the pages written, per kind.
    """
    version, built = build_site.course_version(), built or dt.date.today()
    pages: dict[str, list[SitePage]] = {k: [] for k in KINDS}
    for path in paths if paths is not None else build_site.lesson_paths(notebooks):
        nb = executor(path)
        for kind in KINDS:
            folder = out / kind
            folder.mkdir(parents=True, exist_ok=True)
            body = build_site.export_html(handout_notebook(nb, kind, path.stem), path.stem,
                                           opened=kind == ANSWERS)
            body = add_print_css(build_site.add_stamp(body, version, built), kind, version, built)
            page = folder / f"{path.stem}.html"
            page.write_text(body, encoding="utf-8")
            build_site.copy_assets(body, path.parent, folder)
            pages[kind].append(SitePage(path, page, build_site.lesson_title(nb, path.stem), 0.0))
            log(f"{page} ({len(body) // 1024} KB)")
    for kind in KINDS:
        folder = out / kind
        folder.mkdir(parents=True, exist_ok=True)
        references = None
        if (notebooks / build_site.REFERENCES).is_file():
            ref_nb = nbformat.read(notebooks / build_site.REFERENCES, as_version=4)
            body = build_site.add_stamp(build_site.export_html(ref_nb, "references"), version,
                                        built)
            (folder / "references.html").write_text(
                add_print_css(body, kind, version, built), encoding="utf-8")
            references = "references.html"
        index = build_site.add_stamp(build_site.index_html(pages[kind], references), version,
                                     built)
        (folder / "index.html").write_text(add_print_css(index, kind, version, built),
                                           encoding="utf-8")
        log(f"{folder / 'index.html'}: {len(pages[kind])} lessons ({kind})")
    return pages


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=build_site.ROOT / "build" / "handouts",
                        help="output folder (student/ and answers/ are made in it)")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS, help="lesson folder")
    args = parser.parse_args(argv)
    pages = build(args.out, args.notebooks)
    if not pages[STUDENT]:
        print(f"no lessons found in {args.notebooks}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
