"""Helpers for tests that execute a lesson in a real kernel and read what the learner sees.

nbclient stores every widget's state in the notebook's metadata after execution; the helpers read
readouts by their CSS class, the values tagged ``<b class="...">`` inside them, and figure alt
text.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def execute(name: str, timeout: int = 240):
    """Execute ``notebooks/<name>`` top to bottom in a python3 kernel and return it."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return nb


def widget_state(nb) -> dict:
    """Every widget model's state, by model id."""
    return nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]


def by_class(nb, css: str) -> list[dict]:
    """The states of the widgets that carry the CSS class ``css``."""
    return [m["state"] for m in widget_state(nb).values()
            if css in m["state"].get("_dom_classes", [])]


def tagged(value: str, css: str) -> str:
    """The single value tagged ``<b class="css">`` in an HTML readout."""
    found = re.findall(rf'<b class="{css}">([^<]*)</b>', value)
    assert len(found) == 1, (css, value[:300])
    return html.unescape(found[0])


def alt_text(nb, css: str) -> str:
    """The alt text of the one figure with class ``css``."""
    (fig,) = by_class(nb, css)
    return html.unescape(re.search(r'alt="([^"]+)"', fig["value"]).group(1))


def assert_no_errors(nb) -> None:
    """No cell raised, and no readout shows the package's error box."""
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert errors == []
    for m in widget_state(nb).values():
        assert "gepnet-error" not in str(m["state"].get("value", ""))
