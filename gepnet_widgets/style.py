"""The house style: one colour-blind-safe palette and one matplotlib style for every drawing.

The palette is Okabe & Ito's "Color Universal Design" set (Okabe M, Ito K. *Color Universal
Design (CUD): how to make figures and presentations that are friendly to colorblind people*,
2002/2008), the palette recommended by Wong B, *Points of view: Color blindness*, Nature Methods
2011;8:441. It stays distinguishable under protanopia, deuteranopia and tritanopia.

This module imports matplotlib only inside :func:`rc_params`, so the colour constants can be read
by any layer.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "OKABE_ITO",
    "PALETTE",
    "TEXT",
    "MUTED",
    "HIGHLIGHT",
    "BACKGROUND",
    "FIGURE_DPI",
    "rc_params",
]

#: The eight Okabe-Ito colours, by name.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: Colour cycle for categorical data (black is kept for text).
PALETTE: tuple[str, ...] = (
    OKABE_ITO["blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["yellow"],
)

TEXT = "#1A1A1A"  #: body text (contrast 17:1 on white)
MUTED = "#595959"  #: secondary text (contrast 7:1 on white, WCAG AA and AAA)
HIGHLIGHT = OKABE_ITO["vermillion"]  #: the learner's current case
BACKGROUND = "#FFFFFF"
FIGURE_DPI = 100


def rc_params() -> dict[str, Any]:
    """Return the matplotlib rcParams of the house style (use with ``rc_context``)."""
    from cycler import cycler

    return {
        "figure.dpi": FIGURE_DPI,
        "savefig.dpi": FIGURE_DPI,
        "figure.facecolor": BACKGROUND,
        "axes.facecolor": BACKGROUND,
        "axes.edgecolor": MUTED,
        "axes.labelcolor": TEXT,
        "axes.titlesize": 12,
        "axes.titleweight": "bold",
        "axes.labelsize": 11,
        "axes.prop_cycle": cycler(color=list(PALETTE)),
        "font.family": "DejaVu Sans",
        "font.size": 11,
        "text.color": TEXT,
        "xtick.color": MUTED,
        "ytick.color": MUTED,
        "xtick.labelcolor": TEXT,
        "ytick.labelcolor": TEXT,
    }
