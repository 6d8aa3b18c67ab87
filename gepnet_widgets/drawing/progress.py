"""Drawing for "Your progress" (lesson 0): one stacked bar per lesson or learning objective.

Each bar splits a group's questions into right at the first try, missed at the first try and not
answered yet; the segments differ by colour (Okabe-Ito) and by hatching, and each carries its
count, so colour is never the only cue. No pyplot, no widgets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.patches import Patch

from ..progress import QuestionTally
from ..style import MUTED, OKABE_ITO, TEXT

__all__ = ["SEGMENTS", "ProgressArtists", "draw_progress", "label_colour"]

#: (label, colour, hatch) of the three segments, left to right.
SEGMENTS: tuple[tuple[str, str, str], ...] = (
    ("right at the first try", OKABE_ITO["bluish_green"], ""),
    ("missed at the first try", OKABE_ITO["orange"], "//"),
    ("not answered yet", "#E6E6E6", ""),
)


@dataclass
class ProgressArtists:
    """What :func:`draw_progress` drew (all of it changes with the data: ``changing`` is empty;
    the widget draws each grouping of the same answers once, as a scene)."""

    bars: list[Artist] = field(default_factory=list)
    changing: list[Artist] = field(default_factory=list)


def _luminance(colour: str) -> float:
    """WCAG relative luminance of ``colour``."""
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def label_colour(fill: str) -> str:
    """Dark or white text, whichever contrasts more with ``fill`` (so a count reads at 4.5:1
    on every Okabe-Ito colour)."""
    bg = _luminance(fill)
    on_dark = 1.05 / (bg + 0.05)
    on_light = (bg + 0.05) / (_luminance(TEXT) + 0.05)
    return "white" if on_dark > on_light else TEXT


def _counts(t: QuestionTally) -> tuple[int, int, int]:
    return t.first_correct, t.answered - t.first_correct, t.not_seen


def draw_progress(ax: Axes, tallies: Sequence[QuestionTally]) -> ProgressArtists:
    """Draw one horizontal stacked bar per group on ``ax`` (cleared first).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    tallies : sequence of QuestionTally
        One per group, drawn top to bottom in the order given.

    Returns
    -------
    ProgressArtists
    """
    ax.clear()
    out = ProgressArtists()
    n = len(tallies)
    longest = max((t.total for t in tallies), default=1) or 1
    for row, tally in enumerate(tallies):
        y = n - 1 - row
        left = 0
        for (label, colour, hatch), count in zip(SEGMENTS, _counts(tally), strict=True):
            if count:
                bar = ax.barh(y, count, left=left, height=0.7, color=colour, hatch=hatch,
                              edgecolor="white", linewidth=1, label=label)
                out.bars.extend(bar.patches)
                dark = colour != SEGMENTS[2][1]
                ax.text(left + count / 2, y, str(count), ha="center", va="center", fontsize=9,
                        color=label_colour(colour),
                        fontweight="bold" if dark else "normal",
                        bbox={"facecolor": colour, "edgecolor": "none", "pad": 1} if hatch
                        else None)
            left += count
    ax.set_yticks(range(n))
    ax.set_yticklabels([t.group for t in reversed(tallies)], fontsize=9, color=TEXT)
    ax.set_xlim(0, longest)
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlabel("questions", fontsize=9, color=MUTED)
    ax.tick_params(axis="x", labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles = [Patch(facecolor=c, hatch=h, edgecolor="white", label=lab)
               for lab, c, h in SEGMENTS]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12 - 0.2 / max(n, 1)),
              ncol=3, fontsize=8, frameon=False)
    return out
