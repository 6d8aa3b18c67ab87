"""Drawing for lesson 8: a checklist of what a report states, what is missing and what to check.

:func:`draw_checklist` draws the row labels once and returns the artists that change (a marker
per row and a caption); :func:`update_checklist` sets them. The values themselves are in the
readout beside the picture (and in its alt text), which keeps each update to one text to draw.
Nothing here imports pyplot or ipywidgets.
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.text import Text

from ..style import MUTED, OKABE_ITO, TEXT
from ._restyle import restyle

__all__ = ["ChecklistArtists", "CHECKLIST_ROWS", "STATUS_WORDS", "draw_checklist",
           "update_checklist"]

#: The rows of the checklist: what a report needs for a stage and a grade, in reading order.
CHECKLIST_ROWS: tuple[str, ...] = (
    "Site", "Size", "Depth", "Lymph nodes", "Distant spread", "Ki-67 or mitoses", "Grade",
    "Differentiation", "SSTR scan",
)
#: Marker and colour per status (shape differs too, so colour is never the only cue).
_STYLE = {
    "found": ("o", OKABE_ITO["blue"], OKABE_ITO["blue"]),
    "missing": ("o", "white", MUTED),
    "check": ("^", OKABE_ITO["vermillion"], OKABE_ITO["vermillion"]),
    "not_routine": ("s", MUTED, MUTED),
}
#: How each status is said in words (legend and alt text).
STATUS_WORDS = {"found": "stated", "missing": "not stated", "check": "stated, check it",
                "not_routine": "not a routine step here"}


@dataclass
class ChecklistArtists:
    """The artists :func:`update_checklist` changes."""

    markers: list[Line2D]
    caption: Text

    @property
    def changing(self) -> list:
        return [*self.markers, self.caption]


def draw_checklist(ax: Axes) -> ChecklistArtists:
    """Draw the row labels and legend on ``ax``; return the changing artists."""
    n = len(CHECKLIST_ROWS)
    ax.set_xlim(0, 6.6)
    ax.set_ylim(-2.1, n + 0.9)
    ax.axis("off")
    markers = []
    for i, label in enumerate(CHECKLIST_ROWS):
        y = n - 1 - i
        ax.text(0.2, y, label, va="center", ha="left", fontsize=11, color=TEXT)
        (marker,) = ax.plot([4.2], [y], linestyle="none", marker="o", markersize=11)
        markers.append(marker)
    for i, (status, word) in enumerate(STATUS_WORDS.items()):
        shape, face, edge = _STYLE[status]
        x, y = 0.2 + 3.1 * (i % 2), -0.8 - 0.65 * (i // 2)
        ax.plot([x + 0.15], [y], linestyle="none", marker=shape, markersize=9,
                markerfacecolor=face, markeredgecolor=edge, markeredgewidth=1.6)
        ax.text(x + 0.4, y, word, va="center", fontsize=9.5, color=MUTED)
    caption = ax.text(0.2, n + 0.3, "", fontsize=11, color=TEXT, fontweight="bold",
                      va="center")
    return ChecklistArtists(markers, caption)


def update_checklist(artists: ChecklistArtists, rows: list[tuple[str, str]], caption: str
                     ) -> None:
    """Set each row's ``(status, value)``; ``status`` is one of :data:`STATUS_WORDS`."""
    if len(rows) != len(CHECKLIST_ROWS):
        raise ValueError(f"need {len(CHECKLIST_ROWS)} rows, got {len(rows)}")
    for marker, (status, _value) in zip(artists.markers, rows, strict=True):
        if status not in _STYLE:
            raise ValueError(f"unknown status {status!r}; allowed: {', '.join(_STYLE)}")
        shape, face, edge = _STYLE[status]
        restyle(marker, marker=shape, markerfacecolor=face, markeredgecolor=edge,
                markeredgewidth=1.8)
    artists.caption.set_text(caption)
