"""Drawing for the class report: one stacked bar per question of a lesson.

Each bar splits the class into right at the first try, missed at the first try and not answered
yet (the same three segments, colours and hatching as "Your progress"), each with its count, so
colour is never the only cue. No pyplot, no widgets.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..classroom.report import QuestionRow
from ..style import FIGURE_DPI, MUTED, OKABE_ITO, TEXT
from .progress import SEGMENTS

__all__ = ["ClassArtists", "chart_height", "chart_png", "draw_class_questions"]


@dataclass
class ClassArtists:
    """What :func:`draw_class_questions` drew (the whole Axes changes with the data)."""

    bars: list[Artist] = field(default_factory=list)
    changing: list[Artist] = field(default_factory=list)


def chart_height(rows: int) -> float:
    """Figure height in inches for ``rows`` questions."""
    return 1.1 + 0.34 * max(rows, 1)


def draw_class_questions(ax: Axes, rows: Sequence[QuestionRow]) -> ClassArtists:
    """Draw one horizontal stacked bar per question on ``ax`` (cleared first), Q1 on top.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    rows : sequence of QuestionRow
        The questions of one lesson.

    Returns
    -------
    ClassArtists
    """
    ax.clear()
    out = ClassArtists()
    n = len(rows)
    learners = max((r.learners for r in rows), default=0)
    for i, row in enumerate(rows):
        y = n - 1 - i
        left = 0
        counts = (row.first_correct, row.missed, row.not_answered)
        for (label, colour, hatch), count in zip(SEGMENTS, counts, strict=True):
            if count:
                bar = ax.barh(y, count, left=left, height=0.7, color=colour, hatch=hatch,
                              edgecolor="white", linewidth=1, label=label)
                out.bars.extend(bar.patches)
                ax.text(left + count / 2, y, str(count), ha="center", va="center", fontsize=9,
                        color="white" if colour == OKABE_ITO["bluish_green"] else TEXT,
                        bbox={"facecolor": colour, "edgecolor": "none", "pad": 1} if hatch
                        else None)
            left += count
    ax.set_yticks(range(n))
    ax.set_yticklabels([f"Q{r.number}" for r in reversed(rows)], fontsize=9, color=TEXT)
    ax.set_xlim(0, max(learners, 1))
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlabel("learners", fontsize=9, color=MUTED)
    ax.tick_params(axis="x", labelsize=8)
    ax.xaxis.get_major_locator().set_params(integer=True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles = [Patch(facecolor=c, hatch=h, edgecolor="white", label=lab)
               for lab, c, h in SEGMENTS]
    ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3,
              fontsize=8, frameon=False)
    return out


def chart_png(rows: Sequence[QuestionRow], width: float = 6.4) -> bytes:
    """The chart of one lesson as PNG bytes (for the exported HTML report)."""
    height = chart_height(len(rows))
    fig = Figure(figsize=(width, height), dpi=FIGURE_DPI)
    FigureCanvasAgg(fig)
    bottom, top = 0.5 / height, 0.35 / height  # room for the axis label and the legend
    ax = fig.add_axes((0.1, bottom, 0.86, 1 - bottom - top))
    draw_class_questions(ax, rows)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", facecolor="white")
    return buf.getvalue()
