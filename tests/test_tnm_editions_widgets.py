"""The edition switch of the TNM explorers, and the review fixes of their drawings (issue 11/12).

Expected values come from the staging logic (fact base 1.8): an appendix T1 NX M0 tumour is
stage I under AJCC Version 9 and has no stage group under the 8th edition; a 1.0 cm colorectal
tumour is T1a under Version 9 and T1b under the 8th.
"""

from __future__ import annotations

import re

import pytest

from gepnet_widgets.drawing.tnm import NX_NOTE
from gepnet_widgets.widgets.tnm import NMExplorer, SiteComparison, StageExplorer, TExplorer

RAW_KEY = re.compile(r"\[(S\d+|AJCC8)[^\]]*\]|fact base|\.py\b")


def _group(ex: StageExplorer) -> str:
    return re.search(r'class="gepnet-stage-group">([^<]+)<', ex.readout.value).group(1)


@pytest.mark.parametrize("cls", [TExplorer, NMExplorer, StageExplorer, SiteComparison])
def test_default_edition_is_version_9_and_named(cls):
    ex = cls()
    assert ex.edition.value == "ajcc9"
    assert ex.edition.description == "Staging edition"
    assert "Edition in use: <b>AJCC Version 9</b>" in ex.readout.value
    assert 'href="references.ipynb' in ex.readout.value
    assert 'class="gepnet-sources"' in ex.readout.value
    assert not RAW_KEY.search(ex.readout.value), RAW_KEY.search(ex.readout.value)
    ex.edition.value = "ajcc8"
    assert "Edition in use: <b>AJCC 8th edition</b>" in ex.readout.value


def test_stage_explorer_highlights_t1_nx_m0_and_says_why():
    ex = StageExplorer(site="appendix")
    ex.size.value = 1.0
    ex.invasion.value = "mucosa"
    ex.node_controls.assessed.value = False
    assert _group(ex) == "I"
    box = ex.readout.value
    assert "gepnet-stage-edition-diff" in box
    assert "The editions differ for this case" in box
    assert "stage group: stage I under AJCC Version 9, no stage group under AJCC 8th" in box
    assert "endoscope" in box  # the reason, in words
    ex.edition.value = "ajcc8"
    assert _group(ex) == "none"
    assert "no stage group under AJCC 8th edition, stage I under AJCC Version 9" in \
        ex.readout.value
    ex.node_controls.assessed.value = True
    assert "gepnet-stage-edition-diff" not in ex.readout.value


def test_stage_explorer_ampulla_and_pancreas_do_not_differ():
    for site, inv in (("pancreas", "pancreas"), ("ampulla", "sphincter_of_oddi")):
        ex = StageExplorer(site=site)
        ex.size.value = 0.5
        ex.invasion.value = inv
        ex.node_controls.assessed.value = False
        assert _group(ex) == "none"
        assert "gepnet-stage-edition-diff" not in ex.readout.value


def test_t_explorer_colorectal_one_centimetre():
    ex = TExplorer(site="colon_rectum", size_cm=1.0, invasion="mucosa")
    assert ex.result.t == "T1a"
    assert "gepnet-t-edition-diff" in ex.readout.value
    assert "T category: T1a under AJCC Version 9, T1b under AJCC 8th edition" in \
        ex.readout.value
    ex.edition.value = "ajcc8"
    assert ex.result.t == "T1b"
    ex.size.value = 1.5
    assert "gepnet-t-edition-diff" not in ex.readout.value


def test_t_explorer_draws_every_tumour():
    ex = TExplorer()
    ex.count.value = 2
    wall = ex._wall
    assert sum(o.get_visible() for o in wall.others) == 1
    assert "2 tumours" in ex.view.alt and "2 drawn" in ex.view.alt
    ex.count.value = 7
    assert sum(o.get_visible() for o in wall.others) == 3
    assert "7 tumours (4 drawn" in ex.view.alt
    ex.count.value = 1
    assert not any(o.get_visible() for o in wall.others)


@pytest.mark.parametrize("site", ["duodenum", "appendix", "pancreas"])
def test_ladder_sites_say_depth_ladder_not_anatomy(site):
    ex = TExplorer(site=site)
    assert "ladder of staging depths, not true anatomy" in ex.view.alt
    texts = [t.get_text() for t in ex._wall.tumour.axes.texts]
    assert any("not true anatomy" in t for t in texts)


def test_stomach_wall_is_not_called_a_ladder():
    assert "ladder" not in TExplorer(site="stomach").view.alt


def test_stage_grid_explains_nx_and_t4():
    ex = StageExplorer(site="stomach")
    ex.invasion.value = "serosa"
    ex.node_controls.assessed.value = False
    texts = [t.get_text() for t in ex._grid.frame.axes.texts]
    assert NX_NOTE in texts
    assert "T4 is stage III whatever N is" in NX_NOTE
    assert "T4 is stage III with any examined N" in ex.readout.value


def test_site_comparison_marks_sites_where_editions_differ():
    ex = SiteComparison()
    ex.size.value = 1.0
    ex.depth.value = "mucosa"
    ex.node_controls.assessed.value = False
    out = ex.readout.value
    assert out.count("gepnet-compare-edition-diff") == 4  # stomach, duodenum, appendix, colon
    assert "The editions differ here at the stomach, duodenum, appendix, colon and rectum" in out


def test_nm_explorer_small_mesenteric_mass_note_and_pathological_label():
    ex = NMExplorer()
    assert "is itself a positive lymph node, count it among the positive nodes" in \
        ex.readout.value
    assert "pathologist" in ex.node_controls.assessed.description
