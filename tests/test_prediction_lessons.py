"""Every "Predict first." question in a lesson is followed at once by a PredictionBox keyed by
that lesson, with a name unique in the lesson, before the tool it is about."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest

from gepnet_widgets.widgets.prediction import LESSON_PATTERN, NAME_PATTERN

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
LESSONS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def _box_args(source: str) -> tuple[str, str] | None:
    """("lesson", "name") of a ``PredictionBox("lesson", "name")`` cell, else None."""
    tree = ast.parse(source)
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr):
        return None
    call = tree.body[0].value
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
            and call.func.id == "PredictionBox"):
        return None
    return tuple(ast.literal_eval(a) for a in call.args[:2])  # type: ignore[return-value]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_each_predict_first_is_followed_by_its_box(path: Path) -> None:
    cells = nbformat.read(path, as_version=4).cells
    names = []
    for i, cell in enumerate(cells):
        if cell.cell_type == "markdown" and "**Predict first.**" in cell.source:
            # the question ends its cell, so the box sits between it and the "Explore" text
            assert cell.source.rstrip().split("\n\n")[-1].startswith("**Predict first.**"), (
                f"{path.name} cell {i}: split the cell after the Predict-first paragraph")
            nxt = cells[i + 1]
            args = _box_args(nxt.source) if nxt.cell_type == "code" else None
            assert args is not None, f"{path.name} cell {i}: no PredictionBox after the question"
            lesson, name = args
            assert lesson == path.stem, f"{path.name}: box keyed by {lesson!r}"
            assert LESSON_PATTERN.fullmatch(lesson) and NAME_PATTERN.fullmatch(name)
            names.append(name)
        elif cell.cell_type == "code" and _box_args(cell.source) is not None:
            prev = cells[i - 1]
            assert prev.cell_type == "markdown" and "**Predict first.**" in prev.source, (
                f"{path.name} cell {i}: a PredictionBox without its question above it")
    assert len(names) == len(set(names)), f"{path.name}: box names repeat: {names}"
    if names:  # the setup cell (the first code cell) imports it
        setup = next(c.source for c in cells if c.cell_type == "code")
        assert "PredictionBox" in setup, f"{path.name}: add PredictionBox to the setup import"
