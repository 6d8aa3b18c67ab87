"""No learner input is ever evaluated as code.

* Statically: nothing in the package or the lessons calls ``eval``/``exec``/``compile``,
  imports by a computed name, unpickles, starts a shell or asks IPython to run code.
* Dynamically: every free-text box of every widget the course has (found automatically, new
  lessons included) is fed code, template and markup payloads; nothing runs (a marker file is
  never created), nothing raises, and whatever is echoed back is escaped HTML.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import nbformat
import pytest

import gepnet_widgets
import gepnet_widgets.widgets as widget_pkg
from gepnet_widgets.quiz import available_lessons

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(gepnet_widgets.__file__).parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "input", "breakpoint"}
FORBIDDEN_ATTRS = {
    "import_module", "literal_eval", "system", "popen", "run_cell", "run_line_magic",
    "run_cell_magic", "ex", "ev", "getoutput", "load_module", "exec_module",
}
FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "subprocess", "code", "codeop", "runpy",
                     "dill", "cloudpickle"}
TEXT_TYPES = (widgets.Text, widgets.Textarea, widgets.Combobox, widgets.Password)


def _problems(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in FORBIDDEN_CALLS:
                found.append(f"line {node.lineno}: {func.id}()")
            if isinstance(func, ast.Attribute) and func.attr in FORBIDDEN_ATTRS:
                found.append(f"line {node.lineno}: .{func.attr}()")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) \
                else [node.module or ""]
            found += [f"line {node.lineno}: import {n}" for n in names
                      if n.split(".")[0] in FORBIDDEN_MODULES]
    return found


def test_checker_finds_evaluation() -> None:
    bad = "import pickle\nx = eval(s)\nimportlib.import_module(name)\nget_ipython().run_cell(s)\n"
    assert len(_problems(ast.parse(bad))) == 4


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")),
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_package_never_evaluates_code(path: Path) -> None:
    problems = _problems(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    assert not problems, f"{path.relative_to(ROOT)}: {problems}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_lessons_never_evaluate_code(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert not cell.source.lstrip().startswith(("%", "!")), f"cell {i}: magic or shell"
            problems = _problems(ast.parse(cell.source))
            assert not problems, f"{path.name} cell {i}: {problems}"


# --------------------------------------------------------------------------- dynamic


def widget_objects() -> list[tuple[str, Any]]:
    """One instance of every public widget class of gepnet_widgets.widgets (no-arg or lesson)."""
    objects = []
    for info in sorted(pkgutil.iter_modules(widget_pkg.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{widget_pkg.__name__}.{info.name}")
        for name, cls in vars(module).items():
            if (not inspect.isclass(cls) or cls.__module__ != module.__name__
                    or name.startswith("_") or issubclass(cls, widgets.Widget)):
                continue
            if name == "SelfCheck":
                objects += [(f"SelfCheck({lesson})", cls(lesson)) for lesson in
                            available_lessons()]
                continue
            try:
                obj = cls()
            except TypeError:
                continue  # needs arguments: a helper, not a widget shown on its own
            if isinstance(getattr(obj, "widget", None), widgets.Widget):
                objects.append((name, obj))
    return objects


def _tree(w: widgets.Widget) -> list[widgets.Widget]:
    out = [w]
    for child in getattr(w, "children", ()):
        out += _tree(child)
    return out


def text_boxes() -> list[tuple[str, Any, widgets.Widget]]:
    return [(f"{name}.{(box.description or 'text').replace(' ', '_')}", obj, box)
            for name, obj in widget_objects()
            for box in _tree(obj.widget) if isinstance(box, TEXT_TYPES)]


def test_widgets_are_found() -> None:
    names = {name for name, _ in widget_objects()}
    assert {"TExplorer", "GradeExplorer"} <= names and any("SelfCheck" in n for n in names)


PAYLOADS = (
    "__import__('pathlib').Path({marker!r}).touch()",
    "open({marker!r}, 'w').write('x')",
    "exec(\"open({marker!r}, 'w')\")",
    "!touch {marker}",
    "%run {marker}",
    "{{{{ 7*7 }}}} ${{7*7}} {{7*7}}",
    "<script>window.gepnetPwned = 1</script><img src=x onerror=alert(1)>",
    "'; DROP TABLE lessons; --",
    "a" * 5000,
)


@pytest.mark.parametrize(("label", "owner", "box"), text_boxes() or [("none", None, None)],
                         ids=lambda v: v if isinstance(v, str) else "")
def test_typed_text_is_never_run_and_is_escaped(
    label: str, owner: Any, box: widgets.Widget | None, tmp_path: Path
) -> None:
    if box is None:
        pytest.skip("no widget of the course takes free text")
    marker = tmp_path / "pwned"
    for template in PAYLOADS:
        payload = template.format(marker=str(marker))
        box.value = payload  # the callbacks run here, as when a learner types
        assert not marker.exists(), f"{label}: typing {payload!r} ran code"
        for w in _tree(owner.widget):
            value = getattr(w, "value", None)
            if isinstance(w, widgets.HTML | widgets.HTMLMath) and isinstance(value, str):
                assert "<script>window.gepnetPwned" not in value, f"{label}: markup not escaped"
                assert "<img src=x" not in value, f"{label}: markup not escaped"
                assert "gepnet-error" not in value or "Traceback" not in value
