"""Set artist properties only when they change, so an artist left as it was is not repainted.

matplotlib marks an artist *stale* on every setter call, even when the value is the same, and
``widgets/_figure.py`` repaints every stale artist (and what overlaps it). Update functions that
restyle many artists on every change call :func:`restyle` instead of the setters.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.colors import to_rgba

__all__ = ["restyle"]


def _same(name: str, now: Any, value: Any) -> bool:
    if "color" in name:
        try:
            return to_rgba(now) == to_rgba(value)
        except (TypeError, ValueError):  # an array of colours: compare as given
            return False
    if isinstance(now, np.ndarray) or isinstance(value, np.ndarray):
        return bool(np.array_equal(now, value))
    try:
        return bool(now == value)
    except ValueError:  # arrays: compare element by element
        return bool(np.array_equal(np.asarray(now), np.asarray(value)))


def _current(artist: Artist, name: str) -> list[Any]:
    if name == "color" and not hasattr(artist, "get_color"):  # a patch: sets face and edge
        return [artist.get_edgecolor(), artist.get_facecolor()]
    return [getattr(artist, f"get_{name}")()]


def restyle(artist: Artist, **props: Any) -> None:
    """Set ``props`` (e.g. ``facecolor="#FFF", linewidth=2``) on ``artist``, skipping those it
    already has."""
    for name, value in props.items():
        if not all(_same(name, now, value) for now in _current(artist, name)):
            getattr(artist, f"set_{name}")(value)
