"""Tests for gepnet_widgets.counting: the synthetic Ki-67 slide, counting, and sampling scatter."""

from __future__ import annotations

import ast
import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from gepnet_widgets import counting, quiz
from gepnet_widgets.counting import (
    DEFAULT_CELL_COUNTS,
    HOT_SPOT_CELLS,
    MORPHOLOGY,
    binomial_grade_probabilities,
    count_cells,
    count_hot_spot,
    grade_of_percent,
    make_slide,
    random_field_centre,
    simulate_scatter,
    tissue_pattern,
)
from gepnet_widgets.grading import (
    WHO_MIN_CELLS,
    ki67_confidence_interval,
    ki67_grade,
    ki67_index,
    who_grade,
)
from gepnet_widgets.sources import SOURCES

SEEDS = (0, 1, 7, 20)


def test_module_imports_no_plotting_or_widgets():
    tree = ast.parse(Path(counting.__file__).read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    assert names <= {"__future__", "math", "numbers", "dataclasses", "numpy"}


# --------------------------------------------------------------------------------------------
# The slide
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_same_seed_same_slide(seed):
    a, b = make_slide(seed), make_slide(seed)
    assert a.same_as(b)
    assert np.array_equal(a.positive, b.positive) and np.array_equal(a.x, b.x)
    assert a.hot_spot == b.hot_spot


def test_different_seed_different_slide():
    a, b = make_slide(0), make_slide(1)
    assert not a.same_as(b)
    assert a.hot_spot != b.hot_spot
    assert not np.array_equal(a.positive, b.positive)


def test_slide_arrays_are_read_only():
    slide = make_slide(0)
    with pytest.raises(ValueError):
        slide.positive[0] = not slide.positive[0]


@pytest.mark.parametrize("seed", SEEDS)
def test_hot_spot_has_higher_true_index_than_quiet_areas(seed):
    slide = make_slide(seed)
    hot = slide.in_hot_spot
    hx, hy = slide.hot_spot
    far = np.hypot(slide.x - hx, slide.y - hy) > slide.hot_spot_radius + 20
    assert far.sum() > 1000
    assert slide.true_index(hot) == pytest.approx(slide.hot_index)
    assert slide.true_index(far) == pytest.approx(slide.quiet_index, abs=0.05)
    assert slide.true_index(hot) > slide.true_index(~hot) > slide.true_index(far)
    # The stains drawn follow the truth: far more brown nuclei in the hot spot.
    assert slide.positive[hot].mean() > 3 * slide.positive[far].mean()


@pytest.mark.parametrize("seed", SEEDS)
def test_hot_spot_holds_about_the_planned_cells_and_fits_on_the_slide(seed):
    slide = make_slide(seed)
    assert abs(int(slide.in_hot_spot.sum()) - HOT_SPOT_CELLS) < 60
    hx, hy = slide.hot_spot
    r = slide.hot_spot_radius
    assert r < hx < slide.width - r and r < hy < slide.height - r
    assert slide.n_cells == 6144


def test_realised_stain_rate_matches_the_chance_it_was_made_with():
    slide = make_slide(3, hot_index=40.0, quiet_index=5.0)
    hot = slide.in_hot_spot
    n = int(hot.sum())
    rate = slide.positive[hot].mean()
    assert abs(rate - 0.40) < 4 * math.sqrt(0.4 * 0.6 / n)


@pytest.mark.parametrize(
    "kwargs",
    [{"seed": -1}, {"seed": 1.5}, {"seed": True}, {"hot_index": 101.0},
     {"quiet_index": -1.0}, {"hot_index": 5.0, "quiet_index": 10.0},
     {"hot_index": float("nan")}],
)
def test_make_slide_refuses_bad_input(kwargs):
    with pytest.raises(ValueError):
        make_slide(**kwargs)


# --------------------------------------------------------------------------------------------
# Counting
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_same_seed_same_counts(seed):
    a = count_cells(make_slide(seed), 0.3, 0.6, 500)
    b = count_cells(make_slide(seed), 0.3, 0.6, 500)
    assert np.array_equal(a.counted, b.counted)
    assert (a.n_positive, a.index, a.ci_low, a.ci_high) == (b.n_positive, b.index, b.ci_low,
                                                            b.ci_high)


def test_different_seed_different_counts():
    readings = {count_hot_spot(make_slide(seed), 500).n_positive for seed in range(8)}
    assert len(readings) > 1


@pytest.mark.parametrize("n", [1, 100, 500, 2000, 6144])
def test_count_takes_the_nearest_cells(n):
    slide = make_slide(2)
    result = count_cells(slide, 0.5, 0.5, n)
    assert result.n_counted == n == result.counted.size == np.unique(result.counted).size
    cx, cy = result.centre
    distance = np.hypot(slide.x - cx, slide.y - cy)
    inside = np.zeros(slide.n_cells, bool)
    inside[result.counted] = True
    if n < slide.n_cells:
        assert distance[inside].max() <= distance[~inside].min()
    assert result.radius == pytest.approx(distance[inside].max())


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("n", [100, 500, 2000])
def test_reading_index_and_interval_are_the_grading_functions(seed, n):
    slide = make_slide(seed)
    for result in (count_hot_spot(slide, n), count_cells(slide, 0.9, 0.1, n)):
        assert result.n_positive == int(slide.positive[result.counted].sum())
        assert result.index == ki67_index(result.n_positive, n)
        assert (result.ci_low, result.ci_high) == ki67_confidence_interval(result.n_positive, n)
        assert result.ci_low <= result.index <= result.ci_high
        assert result.grade == ki67_grade(result.index)
        assert result.enough_cells == (n >= WHO_MIN_CELLS)
        assert result.true_index == pytest.approx(100 * slide.chance[result.counted].mean())


@pytest.mark.parametrize("seed", SEEDS)
def test_500_hot_spot_cells_lie_inside_the_hot_spot(seed):
    slide = make_slide(seed)
    hot = count_hot_spot(slide, WHO_MIN_CELLS)
    assert hot.n_in_hot_spot == WHO_MIN_CELLS
    assert hot.true_index == pytest.approx(slide.hot_index)
    # 2000 cells cannot fit: the count spills into quieter tissue and its true index drops.
    big = count_hot_spot(slide, 2000)
    assert big.n_in_hot_spot < 2000
    assert big.true_index < slide.hot_index - 1


def test_hot_spot_reads_higher_than_a_quiet_field_on_average():
    hot = [count_hot_spot(make_slide(s), 500).index for s in range(10)]
    quiet = []
    for s in range(10):
        slide = make_slide(s)
        # the corner farthest from the hot spot
        across = 0.05 if slide.hot_spot[0] > slide.width / 2 else 0.95
        down = 0.05 if slide.hot_spot[1] > slide.height / 2 else 0.95
        quiet.append(count_cells(slide, across, down, 500).index)
    assert min(hot) > max(quiet)


def test_interval_crossing_a_cutoff_is_flagged():
    slide = make_slide(0)
    small = count_hot_spot(slide, 100)  # about 18% of 100 cells: interval reaches above 20%
    assert small.ci_high > 20 and small.ci_crosses_cutoff
    quiet = count_cells(slide, 0.95, 0.05, 2000)
    assert quiet.ci_crosses_cutoff == (grade_of_percent(quiet.ci_low)
                                       != grade_of_percent(quiet.ci_high))


@pytest.mark.parametrize(
    ("across", "down", "n"),
    [(-0.1, 0.5, 10), (0.5, 1.1, 10), (0.5, 0.5, 0), (0.5, 0.5, 6145), (0.5, 0.5, 10.0),
     (0.5, 0.5, True), ("0.5", 0.5, 10)],
)
def test_count_refuses_bad_input(across, down, n):
    with pytest.raises(ValueError):
        count_cells(make_slide(0), across, down, n)


@pytest.mark.parametrize("seed", SEEDS)
def test_random_fields_are_reproducible_and_on_the_slide(seed):
    slide = make_slide(seed)
    centres = [random_field_centre(slide, k) for k in range(20)]
    assert centres == [random_field_centre(make_slide(seed), k) for k in range(20)]
    assert len(set(centres)) == 20
    for across, down in centres:
        assert 0.05 <= across <= 0.95 and 0.05 <= down <= 0.95


# --------------------------------------------------------------------------------------------
# Grades of a percentage, binomial chances, simulation
# --------------------------------------------------------------------------------------------


def test_grade_of_percent_matches_ki67_grade_everywhere():
    values = [0.0, 2.9, 2.96, 2.999999, 3.0, 3.0000001, 19.99, 20.0, 20.0000001, 20.1, 55.0,
              100.0]
    values += [100 * k / n for n in DEFAULT_CELL_COUNTS for k in range(n + 1)]
    assert list(grade_of_percent(values)) == [ki67_grade(v) for v in values]


def _exact_grade_chances(true_percent: int, n: int) -> dict[str, Fraction]:
    """Binomial chances computed with exact fractions (independent of the module's lgamma)."""
    p = Fraction(true_percent, 100)
    out = {"G1": Fraction(0), "G2": Fraction(0), "G3": Fraction(0)}
    for k in range(n + 1):
        out[ki67_grade(100 * k / n)] += math.comb(n, k) * p**k * (1 - p) ** (n - k)
    return out


@pytest.mark.parametrize("n", [100, 500])
@pytest.mark.parametrize("true_percent", [2, 18, 25])
def test_binomial_chances_match_exact_fractions(true_percent, n):
    got = binomial_grade_probabilities(true_percent, n)
    exact = _exact_grade_chances(true_percent, n)
    for grade in ("G1", "G2", "G3"):
        assert got[grade] == pytest.approx(float(exact[grade]), abs=1e-9)
    assert sum(got.values()) == pytest.approx(1.0)


def test_binomial_chances_of_a_true_18_percent_tumour():
    g3 = [binomial_grade_probabilities(18.0, n)["G3"] for n in DEFAULT_CELL_COUNTS]
    assert g3[0] == pytest.approx(0.2525, abs=5e-4)
    assert g3[1] == pytest.approx(0.1119, abs=5e-4)
    assert g3[2] == pytest.approx(0.0099, abs=5e-4)
    assert g3[0] > g3[1] > g3[2]


@pytest.mark.parametrize(("true", "n", "grade"), [(0.0, 100, "G1"), (100.0, 500, "G3")])
def test_binomial_chances_at_the_ends(true, n, grade):
    assert binomial_grade_probabilities(true, n)[grade] == 1.0


def test_simulation_is_reproducible_from_its_seed():
    a, b = simulate_scatter(seed=5), simulate_scatter(seed=5)
    for ra, rb in zip(a.rows, b.rows, strict=True):
        assert np.array_equal(ra.reads, rb.reads)
    c = simulate_scatter(seed=6)
    assert not np.array_equal(a.rows[0].reads, c.rows[0].reads)


@pytest.mark.parametrize("seed", range(5))
def test_scatter_shrinks_with_more_cells(seed):
    result = simulate_scatter(18.0, (100, 500, 2000), repeats=2000, seed=seed)
    widths = [row.width for row in result.rows]
    assert widths[0] > widths[1] > widths[2]
    # Roughly as sqrt(p(1-p)/n): 100 -> 500 narrows about 2.2-fold, 500 -> 2000 about 2-fold.
    assert 1.6 < widths[0] / widths[1] < 3.0
    assert 1.5 < widths[1] / widths[2] < 2.7
    g3 = [row.share["G3"] for row in result.rows]
    assert g3[0] > g3[1] > g3[2]


@pytest.mark.parametrize("n", DEFAULT_CELL_COUNTS)
def test_simulated_g3_share_agrees_with_binomial_expectation(n):
    repeats = 20000
    result = simulate_scatter(18.0, (n,), repeats=repeats, seed=11)
    row = result.row(n)
    expected = binomial_grade_probabilities(18.0, n)["G3"]
    assert row.expected["G3"] == expected
    se = math.sqrt(expected * (1 - expected) / repeats)
    assert abs(row.share["G3"] - expected) < 4 * se + 1e-9
    assert sum(row.share.values()) == pytest.approx(1.0)


def test_simulation_rows_know_their_truth():
    result = simulate_scatter(18.0)
    assert result.true_grade == "G2"
    for row in result.rows:
        assert row.reads.size == 1000
        assert row.misgraded("G2") == pytest.approx(row.share["G1"] + row.share["G3"])
        assert row.low <= 18.0 <= row.high
        assert np.all((row.reads * row.n_cells / 100).round(9) % 1 == 0)  # whole cells


@pytest.mark.parametrize(
    "kwargs",
    [{"true_index": -1}, {"true_index": 101}, {"repeats": 5}, {"repeats": 10**6},
     {"seed": -2}, {"cell_counts": (100, 100)}, {"cell_counts": ()}, {"cell_counts": (0,)}],
)
def test_simulation_refuses_bad_input(kwargs):
    with pytest.raises(ValueError):
        simulate_scatter(**kwargs)


# --------------------------------------------------------------------------------------------
# Schematic tissue
# --------------------------------------------------------------------------------------------


def test_tissue_patterns_are_reproducible():
    for kind in ("well", "poor"):
        a, b = tissue_pattern(kind, 3), tissue_pattern(kind, 3)
        assert np.array_equal(a.x, b.x) and np.array_equal(a.width, b.width)
    assert not np.array_equal(tissue_pattern("poor", 1).x, tissue_pattern("poor", 2).x)


def test_well_has_alike_nuclei_in_nests_poor_has_varied_nuclei_and_necrosis():
    well, poor = tissue_pattern("well"), tissue_pattern("poor")
    spread = {p.differentiation: np.std(p.width) / np.mean(p.width) for p in (well, poor)}
    assert spread["well"] < 0.05 < 0.15 < spread["poor"]
    assert len(well.nests) >= 3 and len(well.ribbons) >= 2 and well.necrosis is None
    assert poor.nests == () and poor.necrosis is not None and len(poor.debris) > 0
    # No intact nucleus inside the necrosis; the sheet fills the rest of the square.
    inside = counting._inside(np.column_stack([poor.x, poor.y]), poor.necrosis)
    assert not inside.any()
    assert poor.x.size > 2 * well.x.size
    for p in (well, poor):
        assert p.x.min() > -0.05 and p.x.max() < 1.05
        assert p.morphology is MORPHOLOGY[p.differentiation]


def test_morphology_words_are_cited():
    for morph in MORPHOLOGY.values():
        assert morph.features and all(key in SOURCES for key in morph.sources)
        assert morph.differentiation in ("well", "poor")
    assert "NEC" in MORPHOLOGY["poor"].categories
    assert "NET G3" in MORPHOLOGY["well"].categories


def test_tissue_pattern_refuses_unknown_differentiation():
    with pytest.raises(ValueError):
        tissue_pattern("moderate")


# --------------------------------------------------------------------------------------------
# The lesson's self-check agrees with the logic
# --------------------------------------------------------------------------------------------

LESSON = "04_grade_and_differentiation"


def test_lesson_04_selfcheck_size_and_misconceptions():
    questions = quiz.load_questions(LESSON)
    assert len(questions) >= 6
    text = " ".join(q.misconception or "" for q in questions).lower()
    for phrase in ("25%", "average", "grade and stage", "3% is g1"):
        assert phrase in text, phrase


def test_lesson_04_checks_agree_with_who_grade():
    checked = [q for q in quiz.load_questions(LESSON) if q.check]
    assert len(checked) >= 4
    for q in checked:
        assert q.check["function"] == "who_grade"
        label = quiz.check_label(q.check["field"],
                                 getattr(who_grade(**q.check["kwargs"]), q.check["field"]))
        assert quiz.label_matches(q.correct_choice.text, label), q.id
        assert not [c for c in q.choices if not c.correct and quiz.label_matches(c.text, label)]


def test_lesson_04_numbers_in_the_500_cell_question():
    q = next(q for q in quiz.load_questions(LESSON) if q.id == "why-500-cells")
    feedback = q.correct_choice.feedback
    g3 = {n: binomial_grade_probabilities(18.0, n)["G3"] for n in DEFAULT_CELL_COUNTS}
    assert "1 count in 4" in feedback and round(1 / g3[100]) == 4
    assert "1 in 9" in feedback and round(1 / g3[500]) == 9
    assert "1 in 100" in feedback and 95 < 1 / g3[2000] < 105
    rows = simulate_scatter(18.0, (100,), repeats=20000, seed=0).rows[0]
    assert "11% to 26%" in feedback
    assert (round(rows.low), round(rows.high)) == (11, 26)


def test_lesson_sentence_about_random_fields_matches_the_tool():
    # Issue 11: lesson 4, Activity 2, explanation 4 says what the counting lab gives for random
    # fields (100 cells, the first five jumps on slides 0-20). Recomputed here, so the sentence
    # fails this test if the slide or the counting changes.
    from gepnet_widgets.counting import random_field_grades

    shares = random_field_grades()
    assert max(("G1", "G2", "G3"), key=shares.__getitem__) == "G2"  # "Most of them still give G2"
    assert 0.25 <= shares["G1"] <= 0.42  # "About one random field in three gives G1"
    assert 0.0 < shares["G3"] < 0.1  # "a few land on the hot spot itself"
    assert 0.78 <= shares["below_hot_spot"] <= 0.92  # "about 85 in 100 ... lower than the hot spot"
    from pathlib import Path

    import nbformat

    nb = nbformat.read(Path(__file__).resolve().parents[1] / "notebooks"
                       / "04_grade_and_differentiation.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "Most random fields land in quiet tissue and give G1" not in text
    assert "About **one random field in three gives G1**" in text
    assert "about 85 in 100 on these slides" in text
