"""``make site`` and the page builder, without a browser (the pages are opened offline in
``tests/browser/test_static_site.py``)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from offline_runs import build_site

ROOT = Path(__file__).resolve().parents[1]


def test_make_site_runs_the_builder() -> None:
    if shutil.which("make") is None:
        pytest.skip("GNU make is not installed")
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    out = subprocess.run(["make", "--no-print-directory", "-n", "-W", "pyproject.toml",
                          "site", "SITE_DIR=/tmp/x"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert 'tools/build_site.py --out "/tmp/x"' in out.stdout


def test_site_template_fetches_nothing() -> None:
    template = (build_site.TEMPLATE_DIR / build_site.TEMPLATE_NAME / "index.html.j2").read_text()
    for block in ("html_head_js_requirejs", "jupyter_widgets", "html_head_js_mathjax",
                  "html_head_js_mermaidjs"):
        assert re.search(rf"block {block} -?%}}\s*{{%-? endblock {block}", template), block
    assert not re.search(r"https?://", template)


def test_lesson_links_point_at_pages() -> None:
    page = ('<a href="03_tnm_staging.ipynb">x</a> <a href="04_grade.ipynb#s2">y</a> '
            '<a href="https://example.org/a.ipynb">z</a> <a href="_template.ipynb">t</a>')
    assert build_site.rewrite_lesson_links(page) == (
        '<a href="03_tnm_staging.html">x</a> <a href="04_grade.html#s2">y</a> '
        '<a href="https://example.org/a.ipynb">z</a> <a href="_template.ipynb">t</a>')


def test_export_drops_widget_state_and_code(tmp_path: Path) -> None:
    """Without widget state nbconvert shows the text/html fallback, never the widget view."""
    view = {"version_major": 2, "version_minor": 0, "model_id": "abc"}
    cell = nbformat.v4.new_code_cell("TExplorer()", outputs=[nbformat.v4.new_output(
        "display_data", data={"application/vnd.jupyter.widget-view+json": view,
                              "text/html": '<div class="gepnet-static">FALLBACK</div>',
                              "text/plain": "VBox(children=...)"})])
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title\n\nText"), cell])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {
        "state": {"abc": {}}, "version_major": 2, "version_minor": 0}}
    page = build_site.export_html(nb, "x")
    assert "FALLBACK" in page and "TExplorer()" not in page and "VBox(children" not in page
    assert "widget-view+json" not in page
    assert build_site.lesson_title(nb, "x") == "Title"
    assert not re.search(r'<(?:script|link)[^>]+(?:src|href)="https?://', page)


def _make(*args: str) -> subprocess.CompletedProcess[str]:
    if shutil.which("make") is None:
        pytest.skip("GNU make is not installed")
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    return subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


def test_make_slides_runs_the_deck_builder() -> None:
    out = _make("-n", "-W", "pyproject.toml", "-W", "package.json", "slides")
    assert out.returncode == 0, out.stderr
    assert "tools/build_slides.py --out build/slides" in out.stdout


def test_make_help_lists_every_target() -> None:
    """Every target of the Makefile (its .PHONY list and every plain `name:` rule) is in
    `make help`."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    phony = set(re.search(r"^\.PHONY:(.*)$", makefile, flags=re.M).group(1).split())
    rules = set(re.findall(r"^([a-z][\w-]*):(?!=)", makefile, flags=re.M))
    assert rules <= phony | {"help"}, f"rules missing from .PHONY: {rules - phony}"
    out = _make("help")
    assert out.returncode == 0, out.stderr
    listed = set(re.findall(r"^make ([\w-]+)", out.stdout, flags=re.M))
    assert phony | rules <= listed, f"not in `make help`: {sorted((phony | rules) - listed)}"
    assert listed <= phony | rules, f"`make help` lists unknown targets: {listed - phony - rules}"


def test_reveal_js_is_a_locked_node_dependency() -> None:
    """The decks use reveal.js from node_modules (npm ci), pinned in package-lock.json."""
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    version = package["devDependencies"]["reveal.js"]
    assert lock["packages"]["node_modules/reveal.js"]["version"] == version
    assert lock["packages"][""]["devDependencies"]["reveal.js"] == version
