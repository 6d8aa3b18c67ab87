"""Treatment drawings (layer 2) and explorers (layer 3), without a browser.

Every control is driven through every option (both ends of each); readouts are read through the
CSS classes the explorers put on key values, and figures through their PNG and alt text.
"""

from __future__ import annotations

import re

import ipywidgets as widgets
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from gepnet_widgets import treatment as tr
from gepnet_widgets.drawing import treatment as dr
from gepnet_widgets.widgets.treatment import (
    DiscussionExplorer,
    EvidenceExplorer,
    MechanismExplorer,
    TreatmentComparer,
)

EXPLORERS = (TreatmentComparer, MechanismExplorer, EvidenceExplorer, DiscussionExplorer)


def _tagged(html: str, css: str) -> str:
    found = re.findall(rf'class="{css}">([^<]*)<', html)
    assert len(found) == 1, (css, html[:300])
    return found[0].replace("&amp;", "&")


def _values(control: widgets.ValueWidget) -> list:
    if isinstance(control, widgets.Checkbox):
        return [not control.value, control.value]
    if isinstance(control, widgets.IntSlider):
        return sorted({control.max, (control.min + control.max) // 2, control.min})
    return [value for _label, value in control.options]


# --------------------------------------------------------------------------------------------
# Every explorer: controls, hooks, every option, no error
# --------------------------------------------------------------------------------------------


@pytest.fixture(params=EXPLORERS, ids=lambda c: c.__name__)
def explorer(request):
    return request.param()


def test_controls_are_labelled_and_hooked(explorer) -> None:
    assert explorer.controls
    for name, control in explorer.controls.items():
        assert control.description.strip(), name
        assert f"gepnet-{explorer.prefix}-{name}" in control._dom_classes
        assert control.style.description_width == "initial"
    assert f"gepnet-{explorer.prefix}-readout" in explorer.readout._dom_classes
    assert f"gepnet-{explorer.prefix}-figure" in explorer.view.widget._dom_classes
    assert "gepnet-error" not in explorer.readout.value
    assert len(explorer.view.alt) > 40 and explorer.view.png
    # a readout value's class must never equal a control's hook (browser selectors would clash)
    hooks = {f"gepnet-{explorer.prefix}-{name}" for name in explorer.controls}
    assert not set(re.findall(r'class="([^"]+)"', explorer.readout.value)) & hooks


def test_every_option_of_every_control_updates_without_error(explorer) -> None:
    for name, control in explorer.controls.items():
        for value in _values(control):
            if control.disabled:
                continue
            before = explorer.update_count
            control.value = value
            assert "gepnet-error" not in explorer.readout.value, (name, value)
            assert explorer.update_count >= before
            assert "nan" not in explorer.view.alt.lower(), (name, value)
            # float noise such as 0.27600000001 (a version such as v3.2025 is not noise)
            assert not re.search(r"(?<![v\d.])\d\.\d{4,}", explorer.readout.value), name


def test_figures_update_in_place(explorer) -> None:
    """After the first full draw, updates blit: the figure is not rebuilt."""
    figure = explorer.view.figure
    axes = figure.axes[0]
    for name, control in explorer.controls.items():
        values = _values(control)
        control.value = values[-1]
        control.value = values[0]
        assert explorer.view.figure is figure and figure.axes[0] is axes, name


# --------------------------------------------------------------------------------------------
# Comparer
# --------------------------------------------------------------------------------------------


def test_comparer_defaults_show_both_treatments() -> None:
    c = TreatmentComparer()
    html = c.readout.value
    assert _tagged(html, "gepnet-treat-count") == str(len(tr.MEMBERS))
    assert _tagged(html, "gepnet-treat-name-a") == "Octreotide LAR"
    assert _tagged(html, "gepnet-treat-name-b") == "177Lu-DOTATATE (Lutathera)"
    assert "PROMID (2009): HR 0.34" in html and "NETTER-1 (2017): HR 0.21" in html
    assert 'class="gepnet-sources"' in html and "references.ipynb" in html  # one sources line
    assert html.count('class="gepnet-sources"') == 1


def test_comparer_goal_filter_keeps_only_matching_choices() -> None:
    c = TreatmentComparer()
    png = c.view.png
    c.goal.value = "cure"
    expected = tr.filter_members("cure")
    assert _tagged(c.readout.value, "gepnet-treat-count") == str(len(expected))
    assert [v for _, v in c.first.options] == [m.key for m in expected]
    assert c.first.value != c.second.value
    assert c.view.png != png
    assert "2 match the filters" in c.view.alt


def test_comparer_filters_with_no_match_say_so() -> None:
    c = TreatmentComparer()
    c.goal.value = "cure"
    c.mechanism.value = "cell_killing"
    assert _tagged(c.readout.value, "gepnet-treat-count") == "0"
    assert "No treatment in this course's list" in c.readout.value
    assert c.first.disabled and c.second.disabled
    c.mechanism.value = "all"
    assert not c.first.disabled and "gepnet-treat-name-a" in c.readout.value


def test_comparer_single_match_and_same_choice() -> None:
    c = TreatmentComparer()
    c.goal.value = "symptom_control"
    c.mechanism.value = "removal"
    assert _tagged(c.readout.value, "gepnet-treat-count") == "1"
    assert "Only one treatment matches" in c.readout.value
    c.goal.value = "all"
    c.mechanism.value = "all"
    c.second.value = c.first.value
    assert "A and B are the same treatment" in c.readout.value


def test_comparer_shows_unverified_label_for_microwave() -> None:
    c = TreatmentComparer(first="microwave", second="cabozantinib")
    html = c.readout.value
    assert html.count('class="gepnet-treat-unverified"') == 2
    assert "not yet checked against an original source" in html


# --------------------------------------------------------------------------------------------
# How it works
# --------------------------------------------------------------------------------------------


def test_mechanism_explorer_states_and_captions() -> None:
    m = MechanismExplorer()
    seen = set()
    for mechanism in tr.MECHANISM_LABELS:
        m.mechanism.value = mechanism
        hidden = m.receptors.layout.display == "none"
        assert hidden == (mechanism not in tr.RECEPTOR_MECHANISMS)
        for receptors in (("positive", "negative") if not hidden else ("positive",)):
            m.receptors.value = receptors
            for treated in (False, True):
                m.treated.value = treated
                state = dr.mechanism_state(mechanism, None if hidden else receptors, treated)
                assert _tagged(m.readout.value, "gepnet-how-state") == state
                panel = tr.mechanism_panel(mechanism, receptors, treated)
                assert panel.caption.text.replace("'", "&#x27;") in m.readout.value
                assert state in m.view.alt
                seen.add(m.view.png)
    assert len(seen) == 10  # 2 x 2 x 2 cell scenes + 2 liver scenes, all different pictures


def test_mechanism_scene_switch_reuses_cached_background() -> None:
    m = MechanismExplorer()
    for mechanism in ("prrt", "embolisation", "ssa"):
        m.mechanism.value = mechanism
    first_pngs = {}
    for mechanism in ("prrt", "embolisation", "ssa"):
        m.mechanism.value = mechanism
        first_pngs[mechanism] = m.view.png
    m.mechanism.value = "prrt"
    m.mechanism.value = "ssa"
    assert m.view.png == first_pngs["ssa"]


# --------------------------------------------------------------------------------------------
# Evidence
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("trial", tr.TRIALS, ids=lambda t: t.key)
def test_evidence_readout_matches_each_trial(trial: tr.Trial) -> None:
    e = EvidenceExplorer()
    e.trial.value = trial.key
    html = e.readout.value
    assert _tagged(html, "gepnet-evidence-name") == trial.name
    assert _tagged(html, "gepnet-evidence-hr") == trial.hr
    assert _tagged(html, "gepnet-evidence-year").startswith(str(trial.year))
    assert _tagged(html, "gepnet-evidence-endpoint") == trial.endpoint
    assert _tagged(html, "gepnet-evidence-median-tested") == tr.median_text(
        trial.median_experimental)
    assert _tagged(html, "gepnet-evidence-median-control") == tr.median_text(
        trial.median_control)
    ci = _tagged(html, "gepnet-evidence-ci")
    if trial.ci_drawn:
        assert ci == f"{trial.ci[0]}-{trial.ci[1]}"
    else:
        assert ci in ("not reported", "not verified (point drawn alone)")
    assert "not directly comparable" in html
    assert f"hazard ratio {trial.hr}" in e.view.alt


def test_evidence_not_reached_and_missing_intervals() -> None:
    e = EvidenceExplorer(trial_key="netter1")
    assert _tagged(e.readout.value, "gepnet-evidence-median-tested") == "not reached"
    assert _tagged(e.readout.value, "gepnet-evidence-ci") == "not verified (point drawn alone)"
    e.trial.value = "e2211"
    assert _tagged(e.readout.value, "gepnet-evidence-ci") == "not reported"
    e.trial.value = "clarinet"
    assert _tagged(e.readout.value, "gepnet-evidence-median-tested") == "not reached"


def test_evidence_guide_and_selection_change_the_picture() -> None:
    e = EvidenceExplorer()
    plain = e.view.png
    e.guide.value = True
    guided = e.view.png
    assert guided != plain
    e.trial.value = tr.TRIALS[-1].key
    assert e.view.png not in (plain, guided)


# --------------------------------------------------------------------------------------------
# What is discussed when
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("feature", tr.FEATURES, ids=lambda f: f.key)
def test_discussion_every_option_matches_the_rules(feature: tr.Feature) -> None:
    d = DiscussionExplorer()
    for value in feature.values:
        d.controls[feature.key].value = value
        values = {k: c.value for k, c in d.controls.items()}
        expected = tr.discussed_for(**values)
        html = d.readout.value
        assert _tagged(html, "gepnet-discuss-count") == str(len(expected.categories))
        assert _tagged(html, "gepnet-discuss-message") == tr.NO_BEST_TREATMENT
        for dc in expected.categories:
            assert _tagged(html, f"gepnet-discuss-cat-{dc.category.key}") == dc.category.name
        for c in expected.not_discussed:
            assert f"gepnet-discuss-cat-{c.key}" not in html
        assert f"discuss {len(expected.categories)}:" in d.view.alt


def test_discussion_extremes_localised_g1_and_widespread_nec() -> None:
    d = DiscussionExplorer(extent="localised", grade="NET G1", receptors="negative",
                           function="non_functioning", site="gut")
    assert _tagged(d.readout.value, "gepnet-discuss-count") == "1"
    assert "Only one category is listed" in d.readout.value
    png = d.view.png
    with d.quietly():
        d.controls["extent"].value = "widespread"
        d.controls["grade"].value = "NEC"
    d.refresh()
    assert _tagged(d.readout.value, "gepnet-discuss-cat-chemotherapy") == "Chemotherapy"
    assert d.view.png != png


# --------------------------------------------------------------------------------------------
# Drawings (layer 2) on a bare Figure
# --------------------------------------------------------------------------------------------


def _axes():
    fig = Figure(figsize=(8, 6))
    FigureCanvasAgg(fig)
    return fig, fig.add_axes((0, 0, 1, 1))


def test_forest_draws_points_only_where_the_interval_is_not_verified() -> None:
    fig, ax = _axes()
    artists = dr.draw_forest(ax, tr.TRIALS)
    for t in tr.TRIALS:
        line = artists.intervals[t.key]
        if t.ci_drawn:
            xs = line.get_xdata()
            assert xs[0] == pytest.approx(dr.forest_x(t.ci_values[0]))
            assert xs[1] == pytest.approx(dr.forest_x(t.ci_values[1]))
        else:
            assert line is None
    assert "CI not verified" in artists.hr_texts["netter1"].get_text()
    assert "no CI reported" in artists.hr_texts["e2211"].get_text()
    assert artists.median_texts["netter1"].get_text() == "not reached vs 8.4"
    assert artists.median_texts["clarinet"].get_text() == "not reached vs 18.0"
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "TTP" in texts and "not directly" in texts
    fig.canvas.draw()


def test_forest_scale_is_logarithmic_and_monotonic() -> None:
    xs = [dr.forest_x(v) for v in (0.1, 0.2, 0.5, 1.0, 1.5)]
    assert xs == sorted(xs)
    assert dr.forest_x(1.0) - dr.forest_x(0.5) == pytest.approx(dr.forest_x(0.2)
                                                                 - dr.forest_x(0.1))


def test_short_comparisons_name_the_control() -> None:
    assert dr.short_comparison(tr.trial("promid")) == "Octreotide vs placebo"
    assert dr.short_comparison(tr.trial("netter1")) == "177Lu-DOTATATE vs high-dose octreotide"
    assert dr.short_comparison(tr.trial("e2211")) == "CAPTEM vs temozolomide alone"


def test_tiles_mark_discussed_categories_with_a_tick_not_colour_alone() -> None:
    fig, ax = _axes()
    artists = dr.draw_tiles(ax)
    dr.update_tiles(artists, {"surgery", "chemotherapy"})
    for key, mark in artists.marks.items():
        n_points = len(mark.get_xdata())
        assert n_points == (3 if key in ("surgery", "chemotherapy") else 2), key
        style = artists.tiles[key].get_linestyle()
        assert (style == "-") == (key in ("surgery", "chemotherapy")), key
    fig.canvas.draw()


def test_map_marks_a_and_b_and_fades_non_matching() -> None:
    fig, ax = _axes()
    artists = dr.draw_treatment_map(ax)
    dr.update_treatment_map(artists, {"everolimus"}, "all", "octreotide", "everolimus")
    assert len(artists.tag_a.get_xdata()) == 2  # octreotide sits under two goals
    assert len(artists.tag_b.get_xdata()) == 1
    faded = [k for k, box in artists.boxes.items() if box.get_facecolor()[3] > 0]
    assert ("everolimus", "tumour_control") not in faded
    assert ("captem", "tumour_control") in faded
    fig.canvas.draw()


# --------------------------------------------------------------------------------------------
# Issue 11: Ki-67 input, sources in words, no internal wording
# --------------------------------------------------------------------------------------------

_INTERNAL = re.compile(r"\[S\d|\bS\d{1,2}\b|fact base|from knowledge|see note|\.py\b|pending")


def test_discussion_ki67_slider_is_bounded_by_the_grade_and_decides_netter2() -> None:
    d = DiscussionExplorer(extent="liver_only", grade="NET G2", receptors="positive",
                           function="non_functioning", site="pancreas", ki67=4)
    assert d.ki67.description == "Ki-67 index (%)"
    assert (d.ki67.min, d.ki67.max) == (3, 20)
    assert "as a first treatment" not in d.readout.value
    assert "Ki-67 of 10% or more" in d.readout.value  # the note says what it depends on
    d.ki67.value = 15
    assert "as a first treatment" in d.readout.value
    d.features["grade"].value = "NET G3"
    assert (d.ki67.min, d.ki67.max) == (21, 100) and d.ki67.value == 21
    assert "gepnet-error" not in d.readout.value


def test_discussion_ki67_number_box_moves_the_slider_and_follows_the_grade() -> None:
    """Issue 14: a linked number box beside the Ki-67 slider, same bounds, labelled, hooked."""
    d = DiscussionExplorer(extent="liver_only", grade="NET G2", receptors="positive",
                           function="non_functioning", site="pancreas", ki67=4)
    box = d.ki67_box
    assert isinstance(box, widgets.BoundedIntText)
    assert box.description == "or type Ki-67 (%)"
    assert "gepnet-discuss-ki67_box" in box._dom_classes and "gepnet-control" in box._dom_classes
    assert (box.min, box.max, box.value) == (d.ki67.min, d.ki67.max, d.ki67.value) == (3, 20, 4)
    assert "as a first treatment" not in d.readout.value
    before = d.update_count
    box.value = 15  # what typing 15 in the box does in the kernel
    assert d.ki67.value == 15 and d.update_count == before + 1
    assert "as a first treatment" in d.readout.value
    d.ki67.value = 12  # and the slider moves the box
    assert box.value == 12
    d.features["grade"].value = "NET G3"  # the bounds move with the grade; the box follows
    assert (box.min, box.max, box.value) == (d.ki67.min, d.ki67.max, d.ki67.value) == (21, 100, 21)
    box.value = 55
    assert d.ki67.value == 55 and "gepnet-error" not in d.readout.value
    box.value = 500  # out of range is clamped to the grade's bounds, never an error
    assert box.value == d.ki67.value == 100 and "gepnet-error" not in d.readout.value
    (row,) = [r for r in d.widget.children if d.ki67 in getattr(r, "children", ())]
    assert box in row.children  # shown beside the slider, in the same row


@pytest.mark.parametrize("explorer_cls", EXPLORERS, ids=lambda c: c.__name__)
def test_readouts_name_sources_in_words_once_and_show_no_internal_notes(explorer_cls) -> None:
    e = explorer_cls()
    for name, control in e.controls.items():
        for value in _values(control):
            if control.disabled:
                continue
            control.value = value
            html = e.readout.value
            expected = 0 if "No treatment in this course's list" in html else 1
            assert html.count('class="gepnet-sources"') == expected, (name, value)
            assert not _INTERNAL.search(re.sub(r"<[^>]+>", " ", html)), (name, value)


def test_evidence_netter1_says_how_sure_in_learner_words() -> None:
    e = EvidenceExplorer(trial_key="netter1")
    assert "not yet checked against the original" in e.readout.value
    e.trial.value = "promid"
    assert "PROMID trial, J Clin Oncol 2009" in e.readout.value
