"""Synthetic microscopy for the grading lesson: a Ki-67 slide, counting, and sampling scatter.

Everything here is **made up on purpose and reproducible**: a seed gives the same slide, the
same counts and the same simulation every time. Nothing is a patient's data.

* :func:`make_slide` builds a synthetic Ki-67-stained slide: tumour nuclei on a jittered grid,
  each Ki-67-positive (brown) or negative (blue), with one **hot spot** (the area of highest
  labelling) and quieter areas around it.
* :func:`count_cells` counts the ``n`` nuclei nearest to a point, as a pathologist counts a field
  under the microscope, and returns the index with its Wilson 95% interval
  (:func:`gepnet_widgets.grading.ki67_confidence_interval`).
* :func:`simulate_scatter` repeats the count of a tumour whose true index is known (18% by
  default) many times with 100, 500 and 2000 cells, to show why the WHO asks for at least
  :data:`~gepnet_widgets.grading.WHO_MIN_CELLS` (500) cells in the hot spot [S9, S8]. It also
  gives the exact binomial chance of each reading, to compare with the simulation.
* :func:`tissue_pattern` lays out schematic well- and poorly differentiated tissue (nuclei in
  nests and ribbons vs sheets with necrosis) for the drawings, with the cited words that
  describe each pattern (:data:`MORPHOLOGY`).

The grade bands come from :mod:`gepnet_widgets.grading` (WHO 2019 [S9, S8]); no cut-off is typed
here. Pure layer-1 module: numpy and the standard library only, no plotting or widgets.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np

from .grading import (
    KI67_CUTOFFS,
    WHO_MIN_CELLS,
    ki67_confidence_interval,
    ki67_grade,
    ki67_index,
)

__all__ = [
    "CountResult",
    "Morphology",
    "ScatterResult",
    "ScatterRow",
    "Slide",
    "TissuePattern",
    "binomial_grade_probabilities",
    "count_cells",
    "count_hot_spot",
    "grade_of_percent",
    "make_slide",
    "random_field_centre",
    "random_field_grades",
    "simulate_scatter",
    "tissue_pattern",
    "DEFAULT_CELL_COUNTS",
    "GRADES",
    "HOT_SPOT_CELLS",
    "MORPHOLOGY",
    "SIMULATION_NOTE",
    "SLIDE_COLUMNS",
    "SLIDE_ROWS",
]

#: The three grades, low to high.
GRADES: tuple[str, str, str] = ("G1", "G2", "G3")
#: Cell counts the scatter simulation compares.
DEFAULT_CELL_COUNTS: tuple[int, ...] = (100, WHO_MIN_CELLS, 2000)
#: Slide size in nuclei (columns x rows of the jittered grid): 6144 nuclei.
SLIDE_COLUMNS, SLIDE_ROWS = 96, 64
#: About this many nuclei lie inside the hot spot plateau.
HOT_SPOT_CELLS = 1000
_HOT_SPOT_EDGE = 6.0  # width (in nucleus spacings) of the fall-off from hot spot to quiet area

#: What the simulation assumes, in plain words (shown beside it).
SIMULATION_NOTE: str = (
    "Each repeat counts new cells from the same hot spot, whose true Ki-67 index is fixed; every "
    "cell is positive with that chance, independently (a binomial count). Real slides add more "
    "scatter: the choice of hot spot, staining, and deciding which cells are tumour cells."
)


def _whole(value: object, name: str, minimum: int, maximum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be a whole number; got {value!r}")
    number = int(value)
    if number < minimum or (maximum is not None and number > maximum):
        upper = "" if maximum is None else f" and at most {maximum}"
        raise ValueError(f"{name} must be at least {minimum}{upper}; got {value!r}")
    return number


def _percent(value: object, name: str, low: float = 0.0, high: float = 100.0) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a number from {low:g} to {high:g}; got {value!r}")
    number = float(value)
    if not (math.isfinite(number) and low <= number <= high):
        raise ValueError(f"{name} must be a number from {low:g} to {high:g}; got {value!r}")
    return number


def grade_of_percent(percent: np.ndarray) -> np.ndarray:
    """Return the WHO 2019 Ki-67 grade (``"G1"``/``"G2"``/``"G3"``) of each value, vectorised.

    Same bands as :func:`gepnet_widgets.grading.ki67_grade`: below 3% G1, 3-20% (both ends) G2,
    above 20% G3 [S9, S8]; values are compared unrounded.
    """
    values = np.asarray(percent, dtype=float)
    low, high = KI67_CUTOFFS
    return np.where(values < low, "G1", np.where(values > high, "G3", "G2"))


# --------------------------------------------------------------------------------------------
# The synthetic slide
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Slide:
    """A synthetic Ki-67-stained slide (made from :attr:`seed`; compare slides with ``same_as``).

    Coordinates are in nucleus spacings (about one nucleus diameter): x from 0 to
    :attr:`width` left to right, y from 0 to :attr:`height` top to bottom.

    Attributes
    ----------
    seed : int
        The seed it was made from.
    x, y : numpy.ndarray
        Nucleus centres.
    positive : numpy.ndarray of bool
        Ki-67-positive (brown) nuclei.
    chance : numpy.ndarray
        Each nucleus's true chance of being positive (0-1): the labelling the slide was made with.
    width, height : float
        Slide size.
    hot_spot : tuple of float
        ``(x, y)`` centre of the hot spot.
    hot_spot_radius : float
        Radius of the hot spot plateau (where the chance is :attr:`hot_index`).
    hot_index, quiet_index : float
        True Ki-67 index (percent) in the hot spot plateau and in the quiet areas.
    """

    seed: int
    x: np.ndarray
    y: np.ndarray
    positive: np.ndarray
    chance: np.ndarray
    width: float
    height: float
    hot_spot: tuple[float, float]
    hot_spot_radius: float
    hot_index: float
    quiet_index: float

    @property
    def n_cells(self) -> int:
        """Number of nuclei on the slide."""
        return int(self.x.size)

    @property
    def in_hot_spot(self) -> np.ndarray:
        """Boolean mask of the nuclei inside the hot spot plateau."""
        hx, hy = self.hot_spot
        return (self.x - hx) ** 2 + (self.y - hy) ** 2 <= self.hot_spot_radius**2

    def true_index(self, mask: np.ndarray | None = None) -> float:
        """True Ki-67 index (percent) of the nuclei in ``mask`` (all nuclei if ``None``)."""
        chance = self.chance if mask is None else self.chance[mask]
        if chance.size == 0:
            raise ValueError("no nuclei selected: the true index of an empty area is undefined")
        return 100.0 * float(chance.mean())

    def same_as(self, other: Slide) -> bool:
        """Whether ``other`` has the same nuclei, stains and hot spot."""
        return (
            self.hot_spot == other.hot_spot
            and np.array_equal(self.x, other.x)
            and np.array_equal(self.y, other.y)
            and np.array_equal(self.positive, other.positive)
        )


def make_slide(seed: int = 0, hot_index: float = 18.0, quiet_index: float = 2.0) -> Slide:
    """Make a synthetic Ki-67 slide from ``seed`` (same seed, same slide).

    6144 nuclei (:data:`SLIDE_COLUMNS` x :data:`SLIDE_ROWS`) sit on a jittered grid. Inside a
    round hot spot of about :data:`HOT_SPOT_CELLS` nuclei each nucleus is positive with chance
    ``hot_index``; the chance falls smoothly to ``quiet_index`` outside it. The hot spot's place
    depends on the seed.

    Parameters
    ----------
    seed : int, default 0
        0 or more.
    hot_index, quiet_index : float
        True index in percent (0-100) in the hot spot and in the quiet areas;
        ``quiet_index <= hot_index``.

    Returns
    -------
    Slide

    Raises
    ------
    ValueError
        For a negative or non-integer seed, or indices outside 0-100 or in the wrong order.
    """
    seed = _whole(seed, "seed", 0)
    hot = _percent(hot_index, "hot_index")
    quiet = _percent(quiet_index, "quiet_index")
    if quiet > hot:
        raise ValueError(f"quiet_index ({quiet:g}) must not exceed hot_index ({hot:g})")
    rng = np.random.default_rng(seed)
    cols, rows = np.meshgrid(np.arange(SLIDE_COLUMNS), np.arange(SLIDE_ROWS))
    x = cols.ravel() + 0.5 + rng.uniform(-0.3, 0.3, cols.size)
    y = rows.ravel() + 0.5 + rng.uniform(-0.3, 0.3, rows.size)
    # Offset every other row by half a spacing: a packed, tissue-like arrangement.
    x = np.where(rows.ravel() % 2 == 1, x + 0.5, x) * (SLIDE_COLUMNS / (SLIDE_COLUMNS + 0.5))
    radius = math.sqrt(HOT_SPOT_CELLS / math.pi)
    margin = radius + 3.0
    hx = float(rng.uniform(margin, SLIDE_COLUMNS - margin))
    hy = float(rng.uniform(margin, SLIDE_ROWS - margin))
    distance = np.hypot(x - hx, y - hy)
    beyond = np.clip(distance - radius, 0.0, None)
    weight = np.exp(-((beyond / _HOT_SPOT_EDGE) ** 2))
    chance = (quiet + (hot - quiet) * weight) / 100.0
    positive = rng.random(x.size) < chance
    for array in (x, y, positive, chance):
        array.setflags(write=False)
    return Slide(seed, x, y, positive, chance, float(SLIDE_COLUMNS), float(SLIDE_ROWS),
                 (hx, hy), radius, hot, quiet)


def random_field_centre(slide: Slide, draw: int) -> tuple[float, float]:
    """Return the centre of random field number ``draw`` (0, 1, ...) of ``slide``, as fractions.

    Reproducible: the same slide and draw give the same place. The centre is anywhere on the
    slide (it may even fall on the hot spot, as a random field can).

    Returns
    -------
    tuple of float
        ``(across, down)``, each from 0.05 to 0.95 of the slide's width and height.
    """
    draw = _whole(draw, "draw", 0)
    rng = np.random.default_rng([slide.seed, draw, 7])
    across, down = rng.uniform(0.05, 0.95, 2)
    return round(float(across), 2), round(float(down), 2)


def random_field_grades(seeds: range = range(21), draws: int = 5,
                        n_cells: int = 100) -> dict[str, float]:
    """Share of each Ki-67 grade read in random fields, as the counting lab gives them.

    For every slide seed, the first ``draws`` random fields (:func:`random_field_centre`, placed
    to whole percents as the lab's sliders do) are counted with ``n_cells`` cells. The lesson's
    sentence about random fields is checked against this (tests/test_counting.py).

    Returns
    -------
    dict
        ``{"G1": share, "G2": share, "G3": share, "below_hot_spot": share}``: the last is the
        share of random fields reading a lower index than the hot spot of the same slide.
    """
    draws = _whole(draws, "draws", 1)
    counts = {g: 0 for g in GRADES}
    lower = total = 0
    for seed in seeds:
        slide = make_slide(seed)
        hot = count_hot_spot(slide, n_cells)
        for draw in range(draws):
            across, down = random_field_centre(slide, draw)
            field = count_cells(slide, round(100 * across) / 100, round(100 * down) / 100,
                                n_cells)
            counts[field.grade] += 1
            lower += field.index < hot.index
            total += 1
    return {**{g: c / total for g, c in counts.items()}, "below_hot_spot": lower / total}


@dataclass(frozen=True, eq=False)
class CountResult:
    """What a pathologist would read from one counted field.

    Attributes
    ----------
    centre : tuple of float
        ``(x, y)`` where the count was centred (slide units).
    counted : numpy.ndarray
        Indices (into the slide's arrays) of the counted nuclei.
    n_counted, n_positive : int
        Nuclei counted and how many were Ki-67-positive.
    index : float
        Ki-67 index read, in percent.
    ci_low, ci_high : float
        Wilson 95% interval of the index, in percent [WILSON1927].
    grade : str
        The grade this reading gives by Ki-67 alone (WHO 2019 [S9, S8]).
    true_index : float
        The true index (percent) of the counted area (what an endless count would give).
    radius : float
        Radius of the counted area (slide units).
    n_in_hot_spot : int
        How many counted nuclei lie inside the hot spot plateau.
    """

    centre: tuple[float, float]
    counted: np.ndarray
    n_counted: int
    n_positive: int
    index: float
    ci_low: float
    ci_high: float
    grade: str
    true_index: float
    radius: float
    n_in_hot_spot: int

    @property
    def enough_cells(self) -> bool:
        """Whether at least :data:`~gepnet_widgets.grading.WHO_MIN_CELLS` cells were counted."""
        return self.n_counted >= WHO_MIN_CELLS

    @property
    def ci_crosses_cutoff(self) -> bool:
        """Whether the 95% interval reaches into more than one grade band."""
        return bool(grade_of_percent(self.ci_low) != grade_of_percent(self.ci_high))


def count_cells(slide: Slide, across: float, down: float, n_cells: int) -> CountResult:
    """Count the ``n_cells`` nuclei nearest to a point of ``slide``.

    Parameters
    ----------
    slide : Slide
    across, down : float
        Where to count, as fractions (0-1) of the slide's width (left to right) and height (top
        to bottom).
    n_cells : int
        Nuclei to count, 1 to the number on the slide.

    Returns
    -------
    CountResult

    Raises
    ------
    ValueError
        For a place outside 0-1 or a count outside 1 to ``slide.n_cells``.
    """
    fx = _percent(across, "across", 0.0, 1.0)
    fy = _percent(down, "down", 0.0, 1.0)
    n = _whole(n_cells, "number of cells to count", 1, slide.n_cells)
    cx, cy = fx * slide.width, fy * slide.height
    return _count_at(slide, cx, cy, n)


def _count_at(slide: Slide, cx: float, cy: float, n: int) -> CountResult:
    squared = (slide.x - cx) ** 2 + (slide.y - cy) ** 2
    everything = n >= slide.n_cells
    nearest = np.arange(slide.n_cells) if everything else np.argpartition(squared, n - 1)[:n]
    nearest = np.sort(nearest)
    positive = int(slide.positive[nearest].sum())
    low, high = ki67_confidence_interval(positive, n)
    index = ki67_index(positive, n)
    return CountResult(
        centre=(cx, cy),
        counted=nearest,
        n_counted=n,
        n_positive=positive,
        index=index,
        ci_low=low,
        ci_high=high,
        grade=ki67_grade(index),
        true_index=100.0 * float(slide.chance[nearest].mean()),
        radius=float(math.sqrt(squared[nearest].max())),
        n_in_hot_spot=int(slide.in_hot_spot[nearest].sum()),
    )


def count_hot_spot(slide: Slide, n_cells: int) -> CountResult:
    """Count ``n_cells`` nuclei around the centre of the hot spot (as WHO asks [S9, S8])."""
    n = _whole(n_cells, "number of cells to count", 1, slide.n_cells)
    return _count_at(slide, *slide.hot_spot, n)


# --------------------------------------------------------------------------------------------
# Sampling scatter: why at least 500 cells
# --------------------------------------------------------------------------------------------


def binomial_grade_probabilities(true_index: float, n_cells: int) -> dict[str, float]:
    """Exact chance that counting ``n_cells`` gives each Ki-67 grade, for a known true index.

    The number of positive cells is binomial (``n_cells`` trials, chance ``true_index / 100``);
    each possible count is graded with the WHO 2019 bands [S9, S8].

    Parameters
    ----------
    true_index : float
        True index in percent, 0-100.
    n_cells : int
        Cells counted, 1 or more.

    Returns
    -------
    dict
        ``{"G1": p1, "G2": p2, "G3": p3}``, summing to 1.
    """
    p = _percent(true_index, "true index") / 100.0
    n = _whole(n_cells, "number of cells", 1)
    k = np.arange(n + 1)
    if p in (0.0, 1.0):
        pmf = (k == (0 if p == 0.0 else n)).astype(float)
    else:
        # log C(n, k) = sum over i = 1..k of log((n - i + 1) / i), as a running sum.
        steps = np.log(np.arange(n, 0, -1, dtype=float)) - np.log(np.arange(1, n + 1))
        log_choose = np.concatenate([[0.0], np.cumsum(steps)])
        pmf = np.exp(log_choose + k * math.log(p) + (n - k) * math.log1p(-p))
    grades = grade_of_percent(100.0 * k / n)
    total = pmf.sum()
    return {g: float(pmf[grades == g].sum() / total) for g in GRADES}


@dataclass(frozen=True, eq=False)
class ScatterRow:
    """The simulated readings for one number of counted cells.

    Attributes
    ----------
    n_cells : int
        Cells counted per reading.
    reads : numpy.ndarray
        The Ki-67 index read in each repeat (percent).
    low, high : float
        2.5th and 97.5th percentiles of the reads: the middle 95% of readings.
    share : dict
        Fraction of reads in each grade (``"G1"``, ``"G2"``, ``"G3"``).
    expected : dict
        Exact binomial chance of each grade (:func:`binomial_grade_probabilities`).
    """

    n_cells: int
    reads: np.ndarray
    low: float
    high: float
    share: dict[str, float]
    expected: dict[str, float]

    @property
    def width(self) -> float:
        """Width of the middle 95% of reads, in percentage points."""
        return self.high - self.low

    def misgraded(self, true_grade: str) -> float:
        """Fraction of reads whose grade differs from ``true_grade``."""
        return 1.0 - self.share[true_grade]


@dataclass(frozen=True, eq=False)
class ScatterResult:
    """A scatter simulation: repeats of a count at several cell numbers.

    Attributes
    ----------
    true_index : float
        The tumour's true index (percent).
    true_grade : str
        Its WHO 2019 Ki-67 grade [S9, S8].
    repeats : int
        Readings per row.
    seed : int
        The seed (same seed, same readings).
    rows : tuple of ScatterRow
        One per cell count, in the order asked.
    """

    true_index: float
    true_grade: str
    repeats: int
    seed: int
    rows: tuple[ScatterRow, ...]

    def row(self, n_cells: int) -> ScatterRow:
        """The row for ``n_cells``."""
        return next(r for r in self.rows if r.n_cells == n_cells)


def simulate_scatter(
    true_index: float = 18.0,
    cell_counts: tuple[int, ...] = DEFAULT_CELL_COUNTS,
    repeats: int = 1000,
    seed: int = 0,
) -> ScatterResult:
    """Repeat a Ki-67 count of a tumour with a known true index, at several cell numbers.

    Each reading counts ``n`` cells, each positive with chance ``true_index / 100`` (binomial
    sampling; see :data:`SIMULATION_NOTE`), and reads ``100 * positive / n`` percent.

    Parameters
    ----------
    true_index : float, default 18.0
        The tumour's true index in percent (0-100).
    cell_counts : tuple of int, default (100, 500, 2000)
        Cells counted per reading, one row each (distinct, each 1 or more).
    repeats : int, default 1000
        Readings per row, 10 to 100000.
    seed : int, default 0
        0 or more; the same seed gives the same readings.

    Returns
    -------
    ScatterResult

    Raises
    ------
    ValueError
        For values outside the ranges above.
    """
    true = _percent(true_index, "true index")
    counts = tuple(_whole(n, "number of cells", 1) for n in cell_counts)
    if not counts or len(set(counts)) != len(counts):
        raise ValueError(f"cell_counts must be distinct whole numbers; got {cell_counts!r}")
    repeats = _whole(repeats, "repeats", 10, 100_000)
    seed = _whole(seed, "seed", 0)
    rng = np.random.default_rng(seed)
    rows = []
    for n in counts:
        positives = rng.binomial(n, true / 100.0, size=repeats)
        reads = 100.0 * positives / n
        reads.setflags(write=False)
        grades = grade_of_percent(reads)
        low, high = np.percentile(reads, [2.5, 97.5])
        rows.append(
            ScatterRow(
                n_cells=n,
                reads=reads,
                low=float(low),
                high=float(high),
                share={g: float(np.mean(grades == g)) for g in GRADES},
                expected=binomial_grade_probabilities(true, n),
            )
        )
    return ScatterResult(true, ki67_grade(true), repeats, seed, tuple(rows))


# --------------------------------------------------------------------------------------------
# Schematic tissue: well vs poorly differentiated
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Morphology:
    """How a differentiation looks under the microscope, in plain words, with its sources.

    Attributes
    ----------
    differentiation : str
        ``"well"`` or ``"poor"`` (as :func:`gepnet_widgets.grading.who_grade` takes it).
    title : str
        Heading for the drawing.
    categories : str
        The WHO 2019 categories with this differentiation [S9, S8].
    features : tuple of str
        What the schematic drawing shows.
    sources : tuple of str
        Source keys.
    """

    differentiation: str
    title: str
    categories: str
    features: tuple[str, ...]
    sources: tuple[str, ...]


#: The two patterns the schematic drawings show [KLIMSTRA2010; categories S9, S8].
MORPHOLOGY: dict[str, Morphology] = {
    "well": Morphology(
        "well",
        "Well differentiated",
        "NET G1, NET G2 or NET G3",
        (
            "cells in organised nests and ribbons (trabeculae)",
            "nuclei alike in size and shape",
        ),
        ("KLIMSTRA2010", "S9", "S8"),
    ),
    "poor": Morphology(
        "poor",
        "Poorly differentiated",
        "NEC (small-cell or large-cell type)",
        (
            "sheets of cells with no organised pattern",
            "nuclei that differ in size and shape (atypia)",
            "areas of dead tumour (necrosis)",
        ),
        ("KLIMSTRA2010", "S9", "S8"),
    ),
}


@dataclass(frozen=True, eq=False)
class TissuePattern:
    """Nuclei and structures of a schematic tissue drawing (unit square, y downwards).

    Attributes
    ----------
    differentiation : str
        ``"well"`` or ``"poor"``.
    x, y : numpy.ndarray
        Nucleus centres.
    width, height : numpy.ndarray
        Nucleus ellipse axes.
    angle : numpy.ndarray
        Nucleus orientation in degrees.
    nests : tuple of tuple of float
        ``(x, y, rx, ry)`` ellipses outlining nests (well differentiated only).
    ribbons : tuple of numpy.ndarray
        ``(k, 2)`` centre lines of ribbons of cells (well differentiated only).
    necrosis : numpy.ndarray or None
        ``(k, 2)`` outline of the necrotic area (poorly differentiated only).
    debris : numpy.ndarray or None
        ``(k, 2)`` fragments of dead nuclei inside the necrosis.
    morphology : Morphology
        The words and sources for this pattern.
    """

    differentiation: str
    x: np.ndarray
    y: np.ndarray
    width: np.ndarray
    height: np.ndarray
    angle: np.ndarray
    nests: tuple[tuple[float, float, float, float], ...]
    ribbons: tuple[np.ndarray, ...]
    necrosis: np.ndarray | None
    debris: np.ndarray | None
    morphology: Morphology


_NUCLEUS = 0.026  # nucleus diameter in the unit square


def _nest(rng: np.random.Generator, cx: float, cy: float, rx: float, ry: float) -> np.ndarray:
    """Nuclei filling an elliptical nest, in rings (the outer ring lines the edge)."""
    points = []
    ring = 0
    while True:
        scale = 1.0 - ring * 1.25 * _NUCLEUS / min(rx, ry)
        if scale <= 0.15:
            break
        a, b = rx * scale - _NUCLEUS * 0.7, ry * scale - _NUCLEUS * 0.7
        perimeter = math.pi * (3 * (a + b) - math.sqrt((3 * a + b) * (a + 3 * b)))
        k = max(int(perimeter / (_NUCLEUS * 1.25)), 1)
        t = np.linspace(0, 2 * math.pi, k, endpoint=False) + rng.uniform(0, 2 * math.pi)
        points.append(np.column_stack([cx + a * np.cos(t), cy + b * np.sin(t)]))
        ring += 1
    return np.vstack(points)


def _ribbon(rng: np.random.Generator, start: tuple[float, float], length: float,
            angle: float) -> tuple[np.ndarray, np.ndarray]:
    """A gently curving ribbon (trabecula) two nuclei thick: its centre line and its nuclei."""
    steps = max(int(length / (_NUCLEUS * 1.2)), 2)
    s = np.linspace(0, length, steps)
    wobble = 0.025 * np.sin(s / length * math.pi * 2 + rng.uniform(0, math.pi))
    direction = np.array([math.cos(angle), math.sin(angle)])
    normal = np.array([-direction[1], direction[0]])
    line = np.array(start) + s[:, None] * direction + wobble[:, None] * normal
    nuclei = np.vstack([line + side * 0.62 * _NUCLEUS * normal for side in (-1, 1)])
    return line, nuclei


def tissue_pattern(differentiation: str, seed: int = 0) -> TissuePattern:
    """Lay out a schematic tissue picture for ``"well"`` or ``"poor"`` differentiation.

    Well differentiated: round nests and ribbons of alike nuclei with space (stroma) between
    them. Poorly differentiated: a crowded sheet of nuclei of varied size and shape around an
    area of necrosis. A schematic for teaching, not a micrograph;
    the words come from :data:`MORPHOLOGY`.

    Parameters
    ----------
    differentiation : str
        ``"well"`` or ``"poor"``.
    seed : int, default 0
        0 or more (same seed, same picture).

    Returns
    -------
    TissuePattern
    """
    if differentiation not in MORPHOLOGY:
        raise ValueError(f"differentiation must be 'well' or 'poor'; got {differentiation!r}")
    seed = _whole(seed, "seed", 0)
    rng = np.random.default_rng([seed, 0 if differentiation == "well" else 1])
    if differentiation == "well":
        return _well(rng)
    return _poor(rng)


def _well(rng: np.random.Generator) -> TissuePattern:
    nests = ((0.22, 0.25, 0.15, 0.12), (0.70, 0.22, 0.12, 0.14), (0.28, 0.74, 0.13, 0.13),
             (0.74, 0.70, 0.14, 0.11))
    points = [_nest(rng, *nest) for nest in nests]
    ribbons = []
    for start, length, angle in (((0.05, 0.50), 0.42, -0.25), ((0.52, 0.50), 0.42, 0.3),
                                 ((0.45, 0.05), 0.30, 1.45)):
        line, nuclei = _ribbon(rng, start, length, angle)
        ribbons.append(line)
        points.append(nuclei)
    xy = np.vstack(points)
    n = len(xy)
    size = _NUCLEUS * rng.uniform(0.95, 1.05, n)
    return TissuePattern(
        "well", xy[:, 0], xy[:, 1], size, size * rng.uniform(0.9, 1.0, n),
        rng.uniform(0, 180, n), nests, tuple(ribbons), None, None,
        MORPHOLOGY["well"],
    )


def _poor(rng: np.random.Generator) -> TissuePattern:
    spacing = _NUCLEUS * 1.15
    grid = np.arange(spacing / 2, 1.0, spacing)
    gx, gy = np.meshgrid(grid, grid)
    xy = np.column_stack([gx.ravel(), gy.ravel()]) + rng.uniform(-0.3, 0.3, (gx.size, 2)) * spacing
    t = np.linspace(0, 2 * math.pi, 24, endpoint=False)
    radius = 0.17 * (1 + 0.18 * np.sin(3 * t + rng.uniform(0, 6)) + 0.08 * rng.standard_normal(24))
    centre = np.array([0.60, 0.58])
    outline = centre + np.column_stack([radius * np.cos(t), radius * np.sin(t) * 0.85])
    inside = _inside(xy, outline)
    keep = xy[~inside]
    n = len(keep)
    size = _NUCLEUS * rng.uniform(0.75, 1.6, n)
    debris_centre = outline.mean(axis=0)
    debris = debris_centre + rng.uniform(-0.13, 0.13, (40, 2)) * np.array([1.0, 0.85])
    debris = debris[_inside(debris, outline)]
    return TissuePattern(
        "poor", keep[:, 0], keep[:, 1], size, size * rng.uniform(0.6, 1.0, n),
        rng.uniform(0, 180, n), (), (), outline, debris, MORPHOLOGY["poor"],
    )


def _inside(points: np.ndarray, polygon: np.ndarray) -> np.ndarray:
    """Even-odd point-in-polygon test (vectorised over points)."""
    x, y = points[:, 0][:, None], points[:, 1][:, None]
    x0, y0 = polygon[:, 0][None, :], polygon[:, 1][None, :]
    x1, y1 = np.roll(polygon[:, 0], -1)[None, :], np.roll(polygon[:, 1], -1)[None, :]
    crosses = ((y0 > y) != (y1 > y)) & (x < (x1 - x0) * (y - y0) / (y1 - y0 + 1e-12) + x0)
    return crosses.sum(axis=1) % 2 == 1
