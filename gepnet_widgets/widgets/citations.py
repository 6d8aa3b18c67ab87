"""How a widget shows where a statement comes from: source names in words, a link to the
course's reference page, and how sure the statement is. The one place widgets render sources."""

from __future__ import annotations

import html
from collections.abc import Iterable

from ..sources import REFERENCES_PAGE, level_words, source_words
from ..style import MUTED

__all__ = ["sources_html", "sources_text"]


def sources_text(keys: Iterable[str], level: str | None = None) -> str:
    """Plain text: ``"Sources: WHO 2019; AJCC 8th, 2017 (from a published summary ...)"``."""
    keys = tuple(keys)
    return f"Sources: {source_words(keys)} ({level_words(keys, level)})"


def sources_html(keys: Iterable[str], level: str | None = None) -> str:
    """One small line naming the sources in words, linked to the reference page, with the level."""
    keys = tuple(keys)
    return (
        f'<p class="gepnet-sources" style="color:{MUTED};font-size:0.85em;margin:4px 0">'
        f'Sources: <a href="{REFERENCES_PAGE}">'
        f"{html.escape(source_words(keys))}</a> ({html.escape(level_words(keys, level))})</p>"
    )
