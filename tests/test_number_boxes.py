"""Number boxes beside the sliders a learner wants exactly (issue 14): TNM explorers and the
report reader's short form. The shared helper is ``gepnet_widgets.widgets.base.number_box``."""

from __future__ import annotations

import math

import ipywidgets as widgets
import pytest

from gepnet_widgets.staging import stage_tumor
from gepnet_widgets.widgets.base import NUMBER_BOX_CLASS, number_box
from gepnet_widgets.widgets.report import FORM, ReportReader
from gepnet_widgets.widgets.tnm import NMExplorer, SiteComparison, StageExplorer, TExplorer


def test_typing_1_1_cm_gives_the_t_of_1_1_cm() -> None:
    # Colon/rectum: 1.0 cm and 1.1 cm in the submucosa are different T categories.
    ex = TExplorer(site="colon_rectum", size_cm=1.0, invasion="submucosa")
    at_1_0 = ex.result.t
    before = ex.update_count
    ex.size_box.value = 1.1
    assert ex.update_count == before + 1, "one refresh per typed value"
    assert ex.size.value == pytest.approx(1.1)
    expected = stage_tumor("colon_rectum", 1.1, "submucosa", 0, "none",
                           edition=ex.edition.value).t
    assert ex.result.t == expected
    assert expected != at_1_0, "the case should show that 1.0 and 1.1 cm differ"
    assert "1.1 cm" in ex.view.alt


@pytest.mark.parametrize("typed, shown", [(-5.0, 0.1), (0.0, 0.1), (25.0, 10.0), (1e9, 10.0),
                                          (1.14, 1.1), (1.16, 1.2)])
def test_size_box_clamps_and_keeps_to_the_grid(typed: float, shown: float) -> None:
    ex = TExplorer()
    ex.size_box.value = typed  # never raises
    assert ex.size_box.value == pytest.approx(shown)
    assert ex.size.value == pytest.approx(shown)
    assert "gepnet-error" not in ex.readout.value


def test_size_box_ignores_a_value_that_is_not_a_number() -> None:
    ex = TExplorer(size_cm=2.0)
    for bad in (math.nan, math.inf, -math.inf):
        ex.size_box.value = bad
        assert ex.size_box.value == pytest.approx(2.0) and ex.size.value == pytest.approx(2.0)


@pytest.mark.parametrize("cls", [StageExplorer, NMExplorer, SiteComparison])
def test_nodes_box_follows_the_slider_and_clamps(cls: type) -> None:
    ex = cls()
    nc = ex.node_controls
    assert (nc.nodes_box.min, nc.nodes_box.max) == (nc.nodes.min, nc.nodes.max)
    before = ex.update_count
    nc.nodes_box.value = 4
    assert nc.nodes.value == 4 and ex.update_count == before + 1
    nc.nodes_box.value = 999
    assert nc.nodes.value == nc.nodes.max == nc.nodes_box.value
    nc.nodes_box.value = -3
    assert nc.nodes.value == 0 == nc.nodes_box.value
    nc.assessed.value = False
    assert nc.nodes_box.disabled, "the box is disabled with its slider (nodes not examined)"
    nc.assessed.value = True
    assert not nc.nodes_box.disabled


def test_stage_explorer_count_box() -> None:
    ex = StageExplorer()
    ex.count_box.value = 3
    assert ex.count.value == 3 and "3 tumours" in ex.readout.value
    ex.count_box.value = 50
    assert ex.count.value == ex.count.max


@pytest.mark.parametrize("cls", [TExplorer, StageExplorer, SiteComparison, NMExplorer])
def test_boxes_are_labelled_hooked_and_not_controls(cls: type) -> None:
    ex = cls()
    boxes = [w for w in vars(ex).values() if isinstance(w, widgets.Widget)
             and NUMBER_BOX_CLASS in getattr(w, "_dom_classes", ())]
    if hasattr(ex, "node_controls"):
        boxes.append(ex.node_controls.nodes_box)
    assert boxes
    for box in boxes:
        assert box.description.strip()
        assert any(c.startswith(f"gepnet-{cls.prefix}-") and c.endswith("_box")
                   for c in box._dom_classes)
        assert box not in ex.controls.values()


def test_report_form_boxes() -> None:
    r = ReportReader(source=FORM)
    for box, slider in ((r.size_box, r.size), (r.positive_box, r.positive),
                        (r.ki67_box, r.ki67)):
        assert (box.min, box.max) == (slider.min, slider.max)
        assert NUMBER_BOX_CLASS in box._dom_classes and box.description.strip()
        assert box.layout.display is None
    before = r.update_count
    r.ki67_box.value = 2.9  # finer than the slider's 0.5 steps: 2.9% and 3.0% grade apart
    assert r.update_count == before + 1
    assert r.ki67.value == pytest.approx(2.9) and r.reading.grade == "G1"
    r.ki67_box.value = 3.0
    assert r.reading.grade == "G2"
    r.size_box.value = 1.1
    assert r.reading.size_cm == pytest.approx(1.1)
    r.positive_box.value = 7
    assert r.reading.nodes_positive == 7
    r.ki67_box.value = 500.0
    assert r.ki67.value == r.ki67.max
    r.nodes.value = False
    assert r.positive_box.layout.display == "none", "hidden with its slider"
    r.source.value = "ileum"
    assert r.size_box.layout.display == "none" and r.ki67_box.layout.display == "none"


def test_number_box_helper_on_a_plain_slider() -> None:
    slider = widgets.FloatSlider(value=0.5, min=0.5, max=80.0, step=0.5)
    box = number_box(slider, "demo", "x_box", "or type x")
    assert "gepnet-demo-x_box" in box._dom_classes and "gepnet-control" in box._dom_classes
    slider.value = 12.5
    assert box.value == 12.5
    box.value = 13.2
    assert slider.value == pytest.approx(13.0)


@pytest.mark.parametrize("cls", [TExplorer, StageExplorer, SiteComparison, NMExplorer,
                                 ReportReader])
def test_every_slider_has_a_width(cls: type) -> None:
    # A slider at width "auto" shows a bare handle beside its name (the report form's did).
    ex = cls()
    sliders = [c for c in ex.controls.values()
               if isinstance(c, widgets.FloatSlider | widgets.IntSlider)]
    assert sliders
    for slider in sliders:
        assert slider.layout.width not in (None, "", "auto"), slider.description


def test_the_box_follows_the_sliders_bounds_when_they_move() -> None:
    slider = widgets.IntSlider(value=10, min=0, max=100)
    box = number_box(slider, "t", "bounds", "or type")
    slider.max, slider.min = 20, 3
    assert (box.min, box.max) == (3, 20)
    box.value = 50  # typed above the new range: clamped, never raised
    assert slider.value == box.value == 20
