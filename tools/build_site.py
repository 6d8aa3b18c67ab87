"""Build executed, self-contained HTML pages of every lesson (``make site``).

Each ``notebooks/NN_*.ipynb`` is executed (nbclient, without saving widget state), then exported
with nbconvert's lab template minus everything it would fetch from a CDN (see
``tools/site_template/gepnet_site``). Without widget state nbconvert skips the widget views and
shows each explorer's static fallback (``gepnet_widgets.widgets.static``): its picture with alt
text, its settings and its readout. Code is hidden, links between lessons point at the pages,
and an ``index.html`` lists the lessons. The pages work from a USB stick or an e-mail
attachment: no server, no network.

Usage::

    python tools/build_site.py --out site            # make site
    python tools/build_site.py --out site --offline  # run the kernels with the network blocked
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import html
import re
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
TEMPLATE_DIR = Path(__file__).resolve().parent / "site_template"
TEMPLATE_NAME = "gepnet_site"
LESSON_GLOB = "[0-9][0-9]_*.ipynb"
REFERENCES = "references.ipynb"  # the course's reference list (Markdown only, not executed)
GLOSSARY = "glossary.ipynb"  # the glossary page (Markdown only, tools/make_nav.py)
CITATION = ROOT / "CITATION.cff"
EDU_LINE = "This course is for education only. It is not for decisions about anyone's care."

Executor = Callable[[Path], Any]  # path -> executed NotebookNode


@dataclass(frozen=True)
class SitePage:
    """One built page."""

    source: Path
    page: Path
    title: str
    seconds: float


def lesson_paths(notebooks: Path = NOTEBOOKS) -> list[Path]:
    """Every lesson notebook (``NN_*.ipynb``), in order."""
    return sorted(p for p in notebooks.glob(LESSON_GLOB) if p.is_file())


def execute(path: Path, timeout: int = 300) -> Any:
    """Execute ``path`` in its own folder with the ``python3`` kernel; no widget state kept."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb, timeout=timeout, kernel_name="python3", store_widget_state=False,
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    return nb


def lesson_title(nb: Any, fallback: str) -> str:
    """The first ``# `` heading of the notebook, else ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, flags=re.M)
            if m:
                return m.group(1).strip()
    return fallback


_LESSON_LINK = re.compile(r'(href=")(\d\d_[\w.-]+?|references|glossary)\.ipynb((?:#[^"]*)?")')
_RELATIVE_SRC = re.compile(r'\s(?:src|href)="(?!data:|https?:|mailto:|#|/)([^"]+)"')


def rewrite_lesson_links(page: str) -> str:
    """Links to other lessons (``03_tnm_staging.ipynb``), to the reference list
    (``references.ipynb#S1``) and to the glossary point at their pages (``.html``)."""
    return _LESSON_LINK.sub(r"\1\2.html\3", page)


_DETAILS_BLOCK = re.compile(
    r"<details(?P<attrs>[^>]*)>\s*<summary>(?P<summary>.*?)</summary>(?P<body>.*?)</details>",
    flags=re.S | re.I)


def fold_details(source: str, opened: bool = False) -> str:
    """Markdown whose ``<details>`` blocks keep their content inside them when exported.

    In a notebook the folded answer is written as ``<details><summary>..</summary>``, Markdown,
    ``</details>``; a Markdown renderer ends the HTML block at the first blank line, so the page
    would show the answer outside the fold (and print it). Here the Markdown inside is rendered
    to HTML and the whole block is written without blank lines, so it stays one HTML block.
    ``opened`` opens every block (the instructor's handout).
    """
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    def one(m: re.Match[str]) -> str:
        body = markdown2html_mistune(m.group("body").strip())
        body = re.sub(r"\n\s*\n", "\n", body).strip()
        attrs = m.group("attrs")
        if opened and not re.search(r"\bopen\b", attrs):
            attrs += " open"
        return (f"<details{attrs} class=\"gepnet-answer\"><summary>{m.group('summary')}</summary>"
                f"\n<div class=\"gepnet-answer-body\">\n{body}\n</div>\n</details>")

    return _DETAILS_BLOCK.sub(one, source)


_LAB_ONLY = re.compile(
    r'<(?P<tag>span|div) class="gepnet-lab-only">.*?</(?P=tag)>', flags=re.S)


def strip_lab_only(source: str) -> str:
    """Markdown without its JupyterLab-only instructions (``class="gepnet-lab-only"``: Shift +
    Enter, code cells), which a static page has no use for. Voila hides them by CSS."""
    return _LAB_ONLY.sub("", source)


def _exporter() -> HTMLExporter:
    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.embed_images = True
    return exporter


def export_html(nb: Any, name: str, opened: bool = False) -> str:
    """The page of an executed notebook (widget state dropped, so fallbacks show).

    Folded answers (``<details>``) stay folded, with their content inside the fold
    (:func:`fold_details`); ``opened`` shows them open.
    """
    nb = nbformat.from_dict(copy.deepcopy(nb))
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = fold_details(strip_lab_only(cell.source), opened=opened)
    body, _resources = _exporter().from_notebook_node(
        nb, resources={"metadata": {"name": name}}
    )
    return rewrite_lesson_links(body)


def course_version(citation: Path = CITATION) -> str:
    """The course version from ``CITATION.cff`` (``version: 0.2.0``), or ``"unknown"``."""
    if citation.is_file():
        m = re.search(r"^version:\s*['\"]?([^'\"\s]+)", citation.read_text(encoding="utf-8"),
                      flags=re.M)
        if m:
            return m.group(1)
    return "unknown"


def stamp_text(version: str, built: dt.date) -> str:
    """The line every page ends with: course version and build date."""
    months = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")
    return (f"Course version {version}; page built on {built.day} {months[built.month - 1]} "
            f"{built.year}.")


def add_stamp(page: str, version: str, built: dt.date) -> str:
    """``page`` with the version-and-date line as a footer before ``</body>``."""
    footer = (f'<footer class="gepnet-site-stamp" style="font-family:sans-serif;'
              f'font-size:0.85em;color:#595959;max-width:48em;margin:2em auto;padding:0 1em">'
              f"{html.escape(stamp_text(version, built))}</footer>")
    head, sep, tail = page.rpartition("</body>")
    return f"{head}{footer}{sep}{tail}" if sep else page + footer


def copy_assets(page: str, source_dir: Path, out: Path) -> None:
    """Copy files a page links to relatively (images next to a notebook), if they exist."""
    for rel in set(_RELATIVE_SRC.findall(page)):
        rel = rel.split("#", 1)[0].split("?", 1)[0]
        src = (source_dir / rel).resolve()
        if rel.endswith(".html") or not src.is_file() or not src.is_relative_to(source_dir):
            continue
        dest = out / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)


def index_html(pages: Sequence[SitePage], references: str | None = None) -> str:
    """The site's start page: the lessons, in order, the reference list, what the pages are."""
    refs = (f'<p><a href="{html.escape(references)}">References: the sources this course '
            f"uses</a></p>" if references else "")
    items = "".join(
        f'<li><a href="{html.escape(p.page.name)}">{html.escape(p.title)}</a></li>'
        for p in pages
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>GEP-NET notebooks: static lesson pages</title>
<style>body {{ font-family: sans-serif; color: #1A1A1A; max-width: 48em; margin: 2em auto;
padding: 0 1em; line-height: 1.5 }} a {{ color: #005A8C }}</style></head>
<body><main>
<h1>GEP-NET notebooks: static lesson pages</h1>
<p><strong>{html.escape(EDU_LINE)}</strong></p>
<p>These pages were made by running each lesson once. Every interactive part shows how it
looked then: its picture, its settings and its result. To use the controls, open the notebooks
in Jupyter (Binder, a JupyterHub or your computer) or in app mode (Voila).</p>
<ol class="gepnet-site-lessons">{items}</ol>
{refs}
</main></body></html>
"""


def build(
    out: Path,
    notebooks: Path = NOTEBOOKS,
    executor: Executor = execute,
    paths: Sequence[Path] | None = None,
    log: Callable[[str], None] = print,
) -> list[SitePage]:
    """Execute and export every lesson into ``out``; write ``out/index.html``.

    Parameters
    ----------
    out : Path
        Output folder (created; existing pages are overwritten).
    notebooks : Path
        Where the lessons are.
    executor : callable
        ``executor(path)`` returns the executed notebook (tests pass an offline kernel here).
    paths : sequence of Path, optional
        The lessons to build (default: every ``NN_*.ipynb`` in ``notebooks``).
    log : callable
        Progress messages.
    """
    out.mkdir(parents=True, exist_ok=True)
    version, built = course_version(), dt.date.today()
    pages = []
    for path in paths if paths is not None else lesson_paths(notebooks):
        start = time.monotonic()
        nb = executor(path)
        page = out / f"{path.stem}.html"
        body = add_stamp(export_html(nb, path.stem), version, built)
        page.write_text(body, encoding="utf-8")
        copy_assets(body, path.parent, out)
        took = time.monotonic() - start
        pages.append(SitePage(path, page, lesson_title(nb, path.stem), took))
        log(f"{page} ({len(body) // 1024} KB, {took:.1f} s)")
    references = None
    if (notebooks / REFERENCES).is_file():
        ref_nb = nbformat.read(notebooks / REFERENCES, as_version=4)
        body = add_stamp(export_html(ref_nb, "references"), version, built)
        (out / "references.html").write_text(body, encoding="utf-8")
        references = "references.html"
        log(f"{out / references}")
    if (notebooks / GLOSSARY).is_file():  # Markdown only (tools/make_nav.py), not executed
        body = add_stamp(export_html(nbformat.read(notebooks / GLOSSARY, as_version=4),
                                     "glossary"), version, built)
        (out / "glossary.html").write_text(body, encoding="utf-8")
        log(f"{out / 'glossary.html'}")
    index = add_stamp(index_html(pages, references), version, built)
    (out / "index.html").write_text(index, encoding="utf-8")
    log(f"{out / 'index.html'}: {len(pages)} lessons")
    return pages


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "site", help="output folder")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS, help="lesson folder")
    parser.add_argument("--offline", action="store_true",
                        help="run the kernels with the network blocked (tools/offline_kernel.py)")
    args = parser.parse_args(argv)
    executor: Executor = execute
    runner = None
    if args.offline:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from offline_kernel import OfflineRunner

        runner = OfflineRunner()

        def executor(path: Path) -> Any:
            run = runner.execute(path)
            if run.attempts:
                raise SystemExit(f"{path.name} tried to use the network: {run.attempts}")
            return run.notebook

    try:
        pages = build(args.out, args.notebooks, executor)
    finally:
        if runner is not None:
            runner.cleanup()
    if not pages:
        print(f"no lessons found in {args.notebooks}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
