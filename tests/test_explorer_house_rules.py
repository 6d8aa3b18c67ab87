"""House rules every explorer of every lesson keeps (CONTRIBUTING.md, "Widgets").

One test over all explorers, found the way the benchmark finds them, so a new lesson's explorers
are checked without copying these assertions into its own test file.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import ipywidgets as widgets
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.bench_explorers import discover_explorers

EXPLORERS = discover_explorers()


def test_every_lesson_module_has_explorers() -> None:
    modules = {cls.__module__.rsplit(".", 1)[1] for cls in EXPLORERS}
    assert {"tnm", "grading", "anatomy", "diagnosis", "syndromes", "treatment"} <= modules


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_controls_are_labelled_and_hooked(cls: type) -> None:
    e = cls()
    assert e.controls
    for name, control in e.controls.items():
        assert isinstance(control, widgets.ValueWidget), name
        assert control.description.strip(), name
        assert f"gepnet-{e.prefix}-{name}" in control._dom_classes, name
    assert f"gepnet-{e.prefix}-readout" in e.readout._dom_classes
    assert f"gepnet-{e.prefix}-figure" in e.view.widget._dom_classes
    # A browser selector must find one thing: readout tags never reuse a control's hook.
    hooks = {c for control in e.controls.values() for c in control._dom_classes}
    tags = set(re.findall(r'class="([^"]+)"', e.readout.value))
    assert not hooks & tags, hooks & tags
    assert "gepnet-error" not in e.readout.value
    assert len(e.view.alt) > 40 and "data:image/png;base64," in e.view.widget.value
