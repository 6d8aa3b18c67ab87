"""Build a slide deck per lesson for projection (``make slides``), with reveal.js.

Each lesson is executed (as for ``make site``) and turned into a deck:

* a title slide (the lesson's title and the education-only line);
* the learning objectives;
* for each numbered section: its title, its opening paragraph and its key figure (the first
  explorer picture of the section, as the static pages show it, with its alt text);
* for each activity: its prompts (the folded answer is only in the speaker notes);
* the summary.

Speaker notes come from the lesson's instructor guide (``docs/instructor/lesson-NN-*.md``):
*Teaching it* on the title slide, the *Where learners stumble* items that name a section's
patient, activity or section on that section's slide, and the *Discussion prompts* on the
summary. Press **S** in a deck for the speaker view.

reveal.js comes from the project's own ``node_modules`` (``npm ci``, see ``package.json``) and is
copied next to the decks, so the decks work from a folder or a USB stick with no network.

Usage::

    python tools/build_slides.py --out build/slides
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_site
from build_site import EDU_LINE, NOTEBOOKS, Executor

ROOT = build_site.ROOT
GUIDES = ROOT / "docs" / "instructor"
REVEAL = ROOT / "node_modules" / "reveal.js"
#: What is copied from the reveal.js package into ``<out>/reveal/`` (relative paths).
REVEAL_FILES = ("dist/reveal.css", "dist/reveal.js", "dist/theme/white.css",
                "dist/theme/fonts", "plugin/notes/notes.js", "LICENSE")

_SECTION = re.compile(r"^##\s+(\d+)\.\s+(.+?)\s*$", flags=re.M)
_ACTIVITY = re.compile(r"^#{3,4}\s+(Activity\s+\d+.*?)\s*$", flags=re.M)
_DETAILS = re.compile(r"<details[^>]*>\s*<summary>.*?</summary>(.*?)</details>", flags=re.S)
_IMG_ALT = re.compile(r"<img\b[^>]*\balt=\"([^\"]*)\"")
_NB_LINK = re.compile(r'<a href="[^"]*\.ipynb(?:#[^"]*)?">(.*?)</a>', flags=re.S)


@dataclass
class Slide:
    """One slide: a heading, HTML content, and speaker notes (HTML)."""

    title: str
    body: str = ""
    notes: str = ""
    kind: str = "content"


@dataclass
class Section:
    number: int
    title: str
    intro: str = ""
    figure: tuple[str, str] | None = None  # (base64 PNG, alt text)
    activities: list[tuple[str, str, str]] = field(default_factory=list)  # title, ask, answer


def markdown_html(text: str) -> str:
    """Markdown to HTML, with links to notebooks reduced to their text (nothing to open)."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return _NB_LINK.sub(r"\1", markdown2html_mistune(text.strip()))


def _first_paragraph(text: str) -> str:
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if block and not block.startswith(("#", "---", "|", "<")):
            return block
    return ""


def _figure_of(cell: Any) -> tuple[str, str] | None:
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if "image/png" in data:
            alt = _IMG_ALT.search(data.get("text/html", ""))
            text = html.unescape(alt.group(1)) if alt else "Figure from the lesson's explorer"
            return str(data["image/png"]).replace("\n", ""), text
    return None


def lesson_parts(nb: Any) -> tuple[str, str, list[Section], str]:
    """(title, objectives Markdown, numbered sections, summary Markdown) of an executed lesson."""
    title = build_site.lesson_title(nb, "Lesson")
    objectives = summary = ""
    sections: list[Section] = []
    current: Section | None = None
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            src = cell.source
            head = re.match(r"^(?:---\s*\n)?##\s+(.+?)\s*$", src, flags=re.M)
            name = head.group(1) if head else ""
            if name.startswith("Learning objectives"):
                objectives = src.split("\n", 1)[1] if "\n" in src else ""
                current = None
                continue
            if name.startswith("Summary"):
                summary = src.split(head.group(0), 1)[1]
                current = None
                continue
            sec = _SECTION.search(src)
            if sec and head and head.group(1) == sec.group(0)[3:].strip():
                current = Section(int(sec.group(1)), sec.group(2),
                                  _first_paragraph(src[sec.end():]))
                sections.append(current)
            elif head:
                current = None  # Setup, Time to learn, What's next, ...
            if current is not None:
                for act in _ACTIVITY.finditer(src):
                    rest = src[act.end():]
                    answer = _DETAILS.search(rest)
                    ask = rest[:answer.start()] if answer else rest
                    ask = re.split(r"^\*Estimated time|^#{2,4}\s", ask, flags=re.M)[0]
                    current.activities.append(
                        (act.group(1), ask.strip(), answer.group(1).strip() if answer else ""))
        elif cell.cell_type == "code" and current is not None and current.figure is None:
            current.figure = _figure_of(cell)
    return title, objectives, sections, summary


# ---------------------------------------------------------------------------------------------
# Speaker notes from the instructor guide
# ---------------------------------------------------------------------------------------------


def guide_path(notebook: Path, guides: Path = GUIDES) -> Path | None:
    """``docs/instructor/lesson-NN-*.md`` for ``notebooks/NN_*.ipynb``, if there is one."""
    found = sorted(guides.glob(f"lesson-{notebook.stem[:2]}-*.md"))
    return found[0] if found else None


def guide_section(guide: str, heading: str) -> str:
    """The Markdown under ``## heading`` (up to the next ``## ``), without generated blocks."""
    m = re.search(rf"^##\s+{re.escape(heading)}\s*$(.*?)(?=^##\s|\Z)", guide, flags=re.M | re.S)
    return m.group(1).strip() if m else ""


def _bullets(markdown: str) -> list[str]:
    return [b.strip() for b in re.split(r"^\s*(?:\*|\d+\.)\s+", markdown, flags=re.M)
            if b.strip()]


def notes_for_section(stumbles: list[str], section: Section) -> list[str]:
    """The guide's *Where learners stumble* items about this section (by its section,
    activity or patient number)."""
    keys = [rf"\bsection {section.number}\b", rf"\bactivity {section.number}\b"]
    keys += [rf"\bpatients? {n}\b|\bpatients \d+ and {n}\b"
             for n in re.findall(r"patients? (\d+)", section.title)]
    keys += [rf"\bpatients? {n}\b" for n in re.findall(r"and (\d+)\)", section.title)]
    return [b for b in stumbles if any(re.search(k, b, flags=re.I) for k in keys)]


# ---------------------------------------------------------------------------------------------
# The deck
# ---------------------------------------------------------------------------------------------


def lesson_slides(nb: Any, guide: str = "") -> list[Slide]:
    """The slides of an executed lesson, with speaker notes from its guide's Markdown."""
    title, objectives, sections, summary = lesson_parts(nb)
    teaching = guide_section(guide, "Teaching it")
    stumbles = _bullets(guide_section(guide, "Where learners stumble"))
    prompts = guide_section(guide, "Discussion prompts")
    slides = [Slide(title, f'<p class="gepnet-edu"><strong>{html.escape(EDU_LINE)}</strong></p>',
                    markdown_html(teaching) if teaching else "", "title")]
    if objectives:
        slides.append(Slide("Learning objectives", markdown_html(objectives)))
    for sec in sections:
        body = f"<p>{markdown_html(sec.intro)}</p>" if sec.intro and not sec.figure else ""
        if sec.figure:
            png, alt = sec.figure
            body = (f'<figure class="gepnet-figure"><img src="data:image/png;base64,{png}" '
                    f'alt="{html.escape(alt)}"><figcaption>{html.escape(alt)}</figcaption>'
                    "</figure>")
        notes = notes_for_section(stumbles, sec)
        if sec.figure and sec.intro:
            notes.insert(0, sec.intro)
        slides.append(Slide(f"{sec.number}. {sec.title}", body,
                            "".join(markdown_html(n) for n in notes), "section"))
        for act_title, ask, answer in sec.activities:
            note = (f"<p><b>The folded answer in the notebook:</b></p>{markdown_html(answer)}"
                    if answer else "")
            slides.append(Slide(act_title, markdown_html(ask), note, "activity"))
    if summary:
        slides.append(Slide("Summary", markdown_html(summary),
                            f"<p><b>Discussion prompts</b></p>{markdown_html(prompts)}"
                            if prompts else "", "summary"))
    return slides


def _slide_html(slide: Slide) -> str:
    notes = f'<aside class="notes">{slide.notes}</aside>' if slide.notes else ""
    return (f'<section class="gepnet-slide gepnet-slide-{slide.kind}">'
            f"<h2>{html.escape(slide.title)}</h2>{slide.body}{notes}</section>")


def deck_html(title: str, slides: Sequence[Slide], stamp: str) -> str:
    """A self-contained reveal.js page (scripts and styles from ``reveal/`` next to it)."""
    sections = "\n".join(_slide_html(s) for s in slides)
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}: slides</title>
<link rel="stylesheet" href="reveal/dist/reveal.css">
<link rel="stylesheet" href="reveal/dist/theme/white.css">
<style>
  .reveal {{ font-size: 30px; }}
  .reveal h2 {{ font-size: 1.5em; color: #1A1A1A; text-transform: none; }}
  .reveal .slides section {{ text-align: left; }}
  .reveal ol, .reveal ul {{ display: block; margin-left: 1.2em; }}
  .reveal li {{ margin-bottom: 0.3em; }}
  .reveal .gepnet-figure {{ margin: 0; text-align: center; }}
  .reveal .gepnet-figure img {{ max-height: 470px; max-width: 100%; margin: 0; }}
  .reveal .gepnet-figure figcaption {{ font-size: 0.55em; color: #4D4D4D; }}
  .reveal .gepnet-slide-summary, .reveal .gepnet-slide-activity {{ font-size: 0.8em; }}
  .reveal a {{ color: #005A8C; }}
  .gepnet-stamp {{ position: fixed; bottom: 6px; left: 10px; font: 12px sans-serif;
    color: #595959; z-index: 30; }}
</style></head>
<body>
<div class="reveal"><div class="slides">
{sections}
</div></div>
<div class="gepnet-stamp">{html.escape(stamp)} Press S for the speaker notes.</div>
<script src="reveal/dist/reveal.js"></script>
<script src="reveal/plugin/notes/notes.js"></script>
<script>
  Reveal.initialize({{ hash: true, controls: true, progress: true, slideNumber: "c/t",
    center: false, transition: "none", plugins: [RevealNotes] }});
</script>
</body></html>
"""


def copy_reveal(out: Path, reveal: Path = REVEAL) -> None:
    """Copy reveal.js (from ``node_modules``) into ``out/reveal``."""
    if not (reveal / "dist" / "reveal.js").is_file():
        raise SystemExit(f"reveal.js not found in {reveal}: run `npm ci` (or `make node`) first")
    for rel in REVEAL_FILES:
        src, dest = reveal / rel, out / "reveal" / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dest, dirs_exist_ok=True)
        elif src.is_file():
            shutil.copy2(src, dest)


def index_html(decks: Sequence[tuple[str, str]], stamp: str) -> str:
    items = "".join(f'<li><a href="{html.escape(name)}">{html.escape(title)}</a></li>'
                    for name, title in decks)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>GEP-NET notebooks: slides</title>
<style>body {{ font-family: sans-serif; color: #1A1A1A; max-width: 48em; margin: 2em auto;
padding: 0 1em; line-height: 1.5 }} a {{ color: #005A8C }}</style></head>
<body><main><h1>GEP-NET notebooks: slides</h1>
<p><strong>{html.escape(EDU_LINE)}</strong></p>
<p>One deck per lesson, to project. Arrow keys or space move on; <b>S</b> opens the speaker
view with the notes from the instructor guide; <b>F</b> is full screen; <b>Esc</b> shows every
slide.</p><ol>{items}</ol><p>{html.escape(stamp)}</p></main></body></html>
"""


def build(
    out: Path,
    notebooks: Path = NOTEBOOKS,
    executor: Executor = build_site.execute,
    paths: Sequence[Path] | None = None,
    log: Callable[[str], None] = print,
    guides: Path = GUIDES,
) -> list[Path]:
    """Execute each lesson and write its deck to ``out``; copy reveal.js; write an index."""
    import datetime as dt

    out.mkdir(parents=True, exist_ok=True)
    copy_reveal(out)
    stamp = build_site.stamp_text(build_site.course_version(), dt.date.today())
    decks, written = [], []
    for path in paths if paths is not None else build_site.lesson_paths(notebooks):
        nb = executor(path)
        guide = guide_path(path, guides)
        slides = lesson_slides(nb, guide.read_text(encoding="utf-8") if guide else "")
        title = build_site.lesson_title(nb, path.stem)
        page = out / f"{path.stem}.html"
        page.write_text(deck_html(title, slides, stamp), encoding="utf-8")
        decks.append((page.name, title))
        written.append(page)
        log(f"{page}: {len(slides)} slides")
    (out / "index.html").write_text(index_html(decks, stamp), encoding="utf-8")
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "slides",
                        help="output folder")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS, help="lesson folder")
    args = parser.parse_args(argv)
    if not build(args.out, args.notebooks):
        print(f"no lessons found in {args.notebooks}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
