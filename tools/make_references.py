"""Write the course's reference list from ``gepnet_widgets/sources.py``.

Two files, one content: ``docs/references.md`` (for reviewers reading on GitHub) and
``notebooks/references.ipynb`` (a Markdown-only notebook the lessons' tools link to; not a
numbered lesson). Each source gets an anchor (its key), its full reference, what the course
takes from it, how sure the course is of it in a learner's words, and where the course uses it
(found by walking the package's cited data, :func:`gepnet_widgets.review.where_used`).

Usage::

    python tools/make_references.py          # rewrite both files
    python tools/make_references.py --check  # exit 1 if either file is out of date
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gepnet_widgets.review import where_used  # noqa: E402
from gepnet_widgets.sources import LEVEL_WORDS, LEVELS, SOURCES  # noqa: E402

MARKDOWN = ROOT / "docs" / "references.md"
NOTEBOOK = ROOT / "notebooks" / "references.ipynb"
TITLE = "# References: the sources this course uses"
GENERATED = ("<!-- Generated from the package's list of sources by the reference tool in tools/; "
             "edit the list, not this page. -->")

_LEVEL_MEANING = {
    "primary": "the course read the original text (a guideline, a trial paper or its abstract, "
               "or the web page itself).",
    "secondary": "the course read a reprint, a transcription or a published summary of it, not "
                 "the original.",
    "unverified": "the course could not read it or a summary that settles the point yet.",
}


def intro() -> str:
    """The page's opening: what it is and what the three levels mean."""
    levels = "\n".join(f"* **{LEVEL_WORDS[lv].capitalize()}**: {_LEVEL_MEANING[lv]}"
                       for lv in LEVELS)
    return (
        f"{TITLE}\n\n{GENERATED}\n\n"
        "> For education only. This course is not for decisions about anyone's care.\n\n"
        "Every tool in the course names its sources in words and links here. Each source below "
        "says what the course takes from it, how sure the course is of it, and where the course "
        "uses it. A statement is only as sure as the weakest source it rests on, and a tool may "
        "mark a single number as not yet checked even when its source is sound.\n\n"
        f"How sure, in the course's words:\n\n{levels}"
    )


def entry(key: str, places: Sequence[str], show_key: bool = False) -> str:
    """One source's section, with its key as the anchor (and shown, for reviewers)."""
    s = SOURCES[key]
    where = "".join(f"\n  * {p}" for p in places) if places else " not used by a lesson yet."
    return (
        f'<a id="{key}"></a>\n\n### {s.short}\n\n'
        f"* **Reference:** {s.reference}\n"
        f"* **What the course takes from it:** {s.uses}\n"
        f"* **How sure:** {LEVEL_WORDS[s.level]}\n"
        f"* **Where the course uses it:**{where}"
        + (f"\n* **Key in the course's data:** `{key}`" if show_key else "")
    )


def lesson_text() -> dict[str, str]:
    """Each lesson's Markdown (its stem -> text), so that sources its text links to count."""
    out = {}
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        out[path.stem] = "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return out


def sections(show_keys: bool = False) -> list[str]:
    """The page as Markdown blocks: the introduction, then one block per source, in order.

    ``show_keys`` adds each source's data key (the reviewers' copy on GitHub; learners' copy
    has the key only as the link anchor).
    """
    used = where_used(lesson_text())
    blocks = [intro(), "## The sources"]
    blocks += [entry(key, used.get(key, ()), show_keys) for key in SOURCES]
    return blocks


def markdown_text() -> str:
    """``docs/references.md``."""
    return "\n\n".join(sections(show_keys=True)) + "\n"


def notebook() -> nbformat.NotebookNode:
    """``notebooks/references.ipynb``: one Markdown cell per block, stable cell ids."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python",
                                 "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    keys = ["intro", "sources", *SOURCES]
    for key, block in zip(keys, sections(), strict=True):
        cell = nbformat.v4.new_markdown_cell(block)
        cell["id"] = f"ref-{key}".lower().replace("_", "-")
        nb.cells.append(cell)
    return nb


def notebook_text() -> str:
    """The notebook as it is written to disk."""
    return nbformat.writes(notebook()) + "\n"


def outputs() -> dict[Path, str]:
    """Each generated file and its content."""
    return {MARKDOWN: markdown_text(), NOTEBOOK: notebook_text()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if a file is out of date")
    args = parser.parse_args(argv)
    stale = []
    for path, text in outputs().items():
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(path)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print("out of date (run python tools/make_references.py): "
              + ", ".join(str(p.relative_to(ROOT)) for p in stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
