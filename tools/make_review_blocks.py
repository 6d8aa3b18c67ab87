"""Write each lesson's review-status block into its footer cell (from ``gepnet_widgets.review``).

The block sits in the lesson's last Markdown cell between two HTML comments
(``<!-- review-status -->`` ... ``<!-- /review-status -->``, invisible to readers); only that
part of that cell is rewritten, so other edits to the notebook are kept. A lesson without the
markers gets them in place of its old one-line note (the line with "Clinical review of this
lesson"), or at the end of its last Markdown cell.

Usage::

    python tools/make_review_blocks.py          # rewrite the blocks
    python tools/make_review_blocks.py --check  # exit 1 if a block is out of date
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gepnet_widgets.review import lessons, review_block  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"
TEMPLATE = NOTEBOOKS / "_template.ipynb"
START, END = "<!-- review-status -->", "<!-- /review-status -->"
_BLOCK = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
_OLD_LINE = re.compile(r"^[^\n]*Clinical review of this lesson[^\n]*$", re.M)

#: What the template's footer says (a new lesson gets its block when it has review data).
TEMPLATE_BLOCK = (
    "### Sources and review status\n\n"
    "Filled in by the review-block tool (see CONTRIBUTING) from the lesson's review data once "
    "the lesson is listed there: last source check, statements by level, open questions, "
    "clinician review, and how to report an error."
)


def marked(block: str) -> str:
    """``block`` between the two markers."""
    return f"{START}\n{block}\n{END}"


def footer_index(nb: nbformat.NotebookNode) -> int:
    """The index of the footer cell: the one holding the block, else the last Markdown cell
    that is not a generated navigation bar."""
    markdown = [i for i, c in enumerate(nb.cells)
                if c.cell_type == "markdown" and 'class="gepnet-nav"' not in c.source]
    for i in markdown:
        if START in nb.cells[i].source or _OLD_LINE.search(nb.cells[i].source):
            return i
    return markdown[-1]


def with_block(source: str, block: str) -> str:
    """``source`` with its review block replaced by ``block`` (or put where the old line was)."""
    new = marked(block)
    if START in source:
        return _BLOCK.sub(lambda _m: new, source, count=1)
    if _OLD_LINE.search(source):
        return _OLD_LINE.sub(lambda _m: new, source, count=1)
    return source.rstrip("\n") + "\n\n" + new


def block_for(path: Path) -> str | None:
    """The block ``path`` should carry, or None for a lesson without review data."""
    if path == TEMPLATE:
        return TEMPLATE_BLOCK
    return review_block(path.stem) if path.stem in lessons() else None


def targets() -> list[Path]:
    """Every lesson notebook and the template."""
    return [*sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")), TEMPLATE]


def update(path: Path, check: bool = False) -> bool:
    """Rewrite ``path``'s block; return True if it was (or, with ``check``, would be) changed.

    Reads the notebook, changes only the footer cell and writes it back at once.
    """
    block = block_for(path)
    if block is None:
        return False
    nb = nbformat.read(path, as_version=4)
    i = footer_index(nb)
    new = with_block(nb.cells[i].source, block)
    if new == nb.cells[i].source:
        return False
    if not check:
        nb.cells[i].source = new
        nbformat.write(nb, path)
    return True


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if a block is out of date")
    args = parser.parse_args(argv)
    changed = [p for p in targets() if update(p, check=args.check)]
    for p in changed:
        print(f"{'out of date' if args.check else 'updated'}: {p.relative_to(ROOT)}")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
