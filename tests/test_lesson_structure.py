"""Every lesson follows the template (docs/lesson-template.md); executed, it shows the right values.

Structure checks read the stripped notebooks; value checks execute them in a real kernel with
nbclient and read the widget state the kernel produced (readouts, figure alt text), because a
notebook that only runs is not tested.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
LESSONS = sorted(p for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
ALL = [*LESSONS, NOTEBOOKS / "_template.ipynb"]

REQUIRED_HEADINGS = (
    "## Learning objectives",
    "## Time to learn",
    "## Prerequisites",
    "## Setup",
    "## Summary",
    "## What's next",
    "## References",
)
EDU_LINE = re.compile(r"For education only\..*not for decisions about anyone's care", re.S)


def _markdown(nb) -> str:
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _code_cells(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code"]


@pytest.fixture(scope="module", params=ALL, ids=lambda p: p.name)
def notebook(request):
    return request.param, nbformat.read(request.param, as_version=4)


def test_there_is_at_least_the_tnm_lesson():
    assert NOTEBOOKS / "03_tnm_staging.ipynb" in LESSONS


def test_single_title_and_headings(notebook):
    path, nb = notebook
    text = _markdown(nb)
    h1 = re.findall(r"^# .+$", text, flags=re.M)
    assert len(h1) == 1 and h1[0].startswith("# Lesson"), f"{path.name}: one '# Lesson' H1"
    for heading in REQUIRED_HEADINGS:
        assert re.search(rf"^{re.escape(heading)}", text, flags=re.M), f"{path.name}: {heading}"


def test_educational_use_line_once(notebook):
    path, nb = notebook
    assert len(EDU_LINE.findall(_markdown(nb))) == 1, path.name


def test_objectives_count(notebook):
    path, nb = notebook
    text = _markdown(nb)
    block = text.split("## Learning objectives", 1)[1].split("\n## ", 1)[0]
    n = len(re.findall(r"^\d+\. ", block, flags=re.M))
    assert 3 <= n <= 5, f"{path.name}: {n} objectives"


def test_references_name_edition_and_year(notebook):
    path, nb = notebook
    refs = _markdown(nb).split("## References", 1)[1]
    if path.name != "_template.ipynb":
        assert re.search(r"\b(\d+(st|nd|rd|th)) edition\b", refs), path.name
        assert re.search(r"\b(19|20)\d\d\b", refs), path.name


def test_one_setup_import_and_single_calls(notebook):
    """The learner reads one import cell; every other code cell is a single call."""
    path, nb = notebook
    code = _code_cells(nb)
    first = ast.parse(code[0])
    assert all(isinstance(n, ast.ImportFrom) and n.module == "gepnet_widgets" for n in first.body)
    for src in code[1:]:
        tree = ast.parse(src)
        assert len(tree.body) == 1, f"{path.name}: {src!r}"
        assert isinstance(tree.body[0], ast.Expr) and isinstance(tree.body[0].value, ast.Call)


def test_sections_end_in_activity_with_folded_explanation(notebook):
    path, nb = notebook
    text = _markdown(nb)
    sections = re.split(r"^## \d+\. ", text, flags=re.M)[1:]
    assert sections, path.name
    explored = [s for s in sections if "**Explore.**" in s]
    for s in explored:
        assert "Predict first" in s and "<details>" in s, f"{path.name}: {s[:60]!r}"


def test_no_network_or_install_in_cells(notebook):
    path, nb = notebook
    for src in _code_cells(nb):
        assert "pip install" not in src and "http" not in src, path.name


# --- executed values -------------------------------------------------------------------------


def _widget_state(nb) -> dict:
    return nb.metadata.get("widgets", {}).get(
        "application/vnd.jupyter.widget-state+json", {}).get("state", {})


def _by_class(state: dict, css: str) -> list[dict]:
    return [m["state"] for m in state.values() if css in m["state"].get("_dom_classes", [])]


def _widget_errors(state: dict) -> list:
    return [o for m in state.values() if m["model_name"] == "OutputModel"
            for o in m["state"].get("outputs", []) if o.get("output_type") == "error"]


@pytest.fixture(scope="module")
def executed_tnm():
    nb = nbformat.read(NOTEBOOKS / "03_tnm_staging.ipynb", as_version=4)
    NotebookClient(nb, timeout=180, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return nb


def _tagged(html: str, css: str) -> str:
    found = re.findall(rf'class="{css}">([^<]+)<', html)
    assert len(found) == 1, (css, html[:300])
    return found[0]


def test_tnm_lesson_runs_without_errors(executed_tnm):
    errors = [o for c in executed_tnm.cells if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    assert errors == []
    assert _widget_errors(_widget_state(executed_tnm)) == []


def test_tnm_lesson_shows_the_default_cases(executed_tnm):
    """The values a learner first sees are the ones the staging logic gives."""
    from gepnet_widgets.staging import stage_tumor

    state = _widget_state(executed_tnm)
    (t_readout,) = _by_class(state, "gepnet-t-readout")
    expected = stage_tumor("stomach", 1.0, "mucosa", 0, "none")
    assert _tagged(t_readout["value"], "gepnet-t-category") == expected.t == "T1"
    assert "AJCC Version 9, stomach" in t_readout["value"]

    (nm,) = _by_class(state, "gepnet-nm-readout")
    assert _tagged(nm["value"], "gepnet-nm-n") == "N0"
    assert _tagged(nm["value"], "gepnet-nm-m") == "M0"

    stage, activity = _by_class(state, "gepnet-stage-readout")  # section 4; the editions activity
    assert _tagged(activity["value"], "gepnet-stage-tnm") == "T1 N0 M0"  # appendix, 1.5 cm
    expected = stage_tumor("colon_rectum", 1.5, "mucosa", 0, "none")
    assert _tagged(stage["value"], "gepnet-stage-tnm") == expected.tnm == "T1b N0 M0"
    assert _tagged(stage["value"], "gepnet-stage-group") == "I"

    (compare,) = _by_class(state, "gepnet-compare-readout")
    for site, t in {"stomach": "T2", "appendix": "T1", "pancreas": "T1"}.items():
        assert re.search(rf'gepnet-compare-t-{site}"><b>{t}</b>', compare["value"]), site


def test_tnm_lesson_figures_have_alt_text(executed_tnm):
    state = _widget_state(executed_tnm)
    figures = _by_class(state, "gepnet-figure")
    assert len(figures) == 5
    for fig in figures:
        alt = re.search(r'alt="([^"]+)"', fig["value"]).group(1)
        assert len(alt) > 40 and "data:image/png;base64," in fig["value"]
    (t_fig,) = _by_class(state, "gepnet-t-figure")
    assert "1.0 cm tumour reaches the mucosa. T category T1" in t_fig["value"]


def test_tnm_self_check_is_shown(executed_tnm):
    state = _widget_state(executed_tnm)
    cards = [m for m in state.values()
             if any(c.startswith("gepnet-selfcheck-q-") for c in
                    m["state"].get("_dom_classes", []))]
    assert len(cards) >= 6
