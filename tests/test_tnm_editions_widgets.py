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
    assert "2 cm or less is reported but does not make N2" in ex.readout.value
    # Review finding 6: no source says a small mass "counts among the positive nodes".
    assert "among the positive nodes" not in ex.readout.value
    assert "pathologist" in ex.node_controls.assessed.description


def _activity_6_start() -> StageExplorer:
    """Lesson 3, activity 6, step 1: the appendix explorer, 1.2 cm in the submucosa, NX."""
    ex = StageExplorer(site="appendix")
    ex.size.value = 1.2
    ex.invasion.value = "submucosa"
    ex.node_controls.assessed.value = False
    return ex


def test_lesson_3_activity_6_steps_give_what_the_explanation_says():
    """Review finding 3: the steps of activity 6 item 2 produce T1 NX M0 with no stage group
    under either edition, at the pancreas and (after setting 1.0 cm) the jejunum and ileum."""
    ex = _activity_6_start()
    assert (ex.result.tnm, ex.result.stage) == ("T1 NX M0", "I")
    ex.site.value = "pancreas"
    assert ex.result.tnm == "T1 NX M0"
    assert {r.stage for r in ex.comparison.results.values()} == {None}
    ex.site.value = "jejunum_ileum"
    assert ex.result.tnm == "T2 NX M0"  # 1.2 cm is larger than 1 cm: why the step sets 1.0 cm
    ex.size.value = 1.0
    assert ex.result.tnm == "T1 NX M0"
    assert {r.stage for r in ex.comparison.results.values()} == {None}


def test_ampulla_readout_says_not_confirmed_without_contradiction():
    """Review finding 4: at the ampulla, T1 NX M0 under Version 9 reads as not confirmed."""
    ex = _activity_6_start()
    ex.site.value = "ampulla"
    assert ex.result.t == "T2"  # the submucosa is through the sphincter: why step 4 says
    ex.size.value = 0.8         # "confined within the sphincter of Oddi", 1 cm or less
    ex.invasion.value = "sphincter_of_oddi"
    assert ex.result.tnm == "T1 NX M0"
    out = ex.readout.value
    assert _group(ex) == "none"
    assert "Not confirmed whether AJCC Version 9 gives T1 NX M0 a stage group" in out
    assert "not confirmed (not yet checked against the original)" in out
    assert "AJCC Version 9 defines no stage group for T1 NX M0" not in out


def test_edition_table_ampulla_row_reads_not_confirmed():
    from gepnet_widgets.widgets.tnm import edition_changes_html

    table = edition_changes_html()
    row = next(r for r in table.split("<tr>") if "at the ampulla of Vater" in r)
    assert "not confirmed (not yet checked against the original)" in row
    assert "(inferred)" not in row
    assert "itself a positive" not in table

