"""How a widget shows where a statement comes from: source names in words, each linked to its
entry on the course's reference page, and how sure the statement is. The one place widgets
render sources."""

from __future__ import annotations

import html
from collections.abc import Iterable

from ..sources import REFERENCES_PAGE, cite, level_words, source_words
from ..style import CSS_MUTED

__all__ = ["sources_html", "sources_inline", "sources_text", "source_link"]


def sources_text(keys: Iterable[str], level: str | None = None) -> str:
    """Plain text: ``"Sources: WHO 2019; AJCC 8th, 2017 (from a published summary ...)"``."""
    keys = tuple(keys)
    return f"Sources: {source_words(keys)} ({level_words(keys, level)})"


def source_link(key: str) -> str:
    """One source's name in words, linked to its entry on the reference page.

    The link is relative (``references.ipynb#S1``): JupyterLab and Voila open the reference
    notebook beside the lesson, and the site builder maps it to ``references.html#S1``. It opens
    in a new tab so the lesson and its widgets stay as they are.
    """
    return (f'<a href="{REFERENCES_PAGE}#{html.escape(key)}" target="_blank" rel="noopener">'
            f"{html.escape(cite(key).short)}</a>")


def sources_inline(keys: Iterable[str], level: str | None = None) -> str:
    """Inline HTML: ``Sources: <a>name</a>; <a>name</a> (how sure)``, for use inside a sentence."""
    keys = tuple(dict.fromkeys(keys))
    level_text = html.escape(level_words(keys, level))
    return f"Sources: {'; '.join(source_link(k) for k in keys)} ({level_text})"


def sources_html(keys: Iterable[str], level: str | None = None) -> str:
    """One small line naming the sources in words, linked to the reference page, with the level."""
    return (
        f'<p class="gepnet-sources" style="color:{CSS_MUTED};font-size:0.85em;margin:4px 0">'
        f"{sources_inline(keys, level)}</p>"
    )
