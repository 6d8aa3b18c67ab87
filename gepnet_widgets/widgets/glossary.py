"""The glossary widget: a search box over :mod:`gepnet_widgets.glossary`, results as text.

It holds no definition itself: every word, definition and source comes from the glossary data.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..glossary import GLOSSARY, LESSON_TITLES, Entry, search
from ..style import CSS_MUTED, CSS_TEXT
from .base import labelled
from .citations import sources_inline
from .static import STATIC_CLASS, STATIC_CSS, FallbackBox, StaticView

__all__ = ["Glossary"]

#: How many matches are shown at most (the count says how many there are).
MAX_SHOWN = 60
#: The tool's title: an h3, as it sits in a lesson section (same look as the explorers').
_HEADING = "margin:4px 0;font-size:1.1em"


def _lesson_words(stem: str) -> str:
    number = int(stem[:2])
    return f"Lesson {number}, {LESSON_TITLES[stem]}"


def entry_html(entry: Entry) -> str:
    """One entry as HTML: term, other words, definition, sources and the lesson that teaches it."""
    also = f' <span style="color:{CSS_MUTED}">(also: {html.escape(", ".join(entry.aliases[:6]))})' \
        "</span>" if entry.aliases else ""
    source = f" {sources_inline(entry.sources)}." if entry.sources else ""
    kind = "" if entry.technical else " <i>(a name)</i>"
    return (
        f'<div class="gepnet-glossary-entry" style="margin:0 0 8px">'
        f'<b class="gepnet-glossary-term">{html.escape(entry.term)}</b>{kind}{also}<br>'
        f"{html.escape(entry.definition)}"
        f'<br><span style="color:{CSS_MUTED};font-size:0.88em">Taught in '
        f"{html.escape(_lesson_words(entry.lesson))}.{source}</span></div>"
    )


class Glossary:
    """Search the course glossary by typing; the results list updates as you type.

    Controls: ``query`` (a Text box, description "Search the glossary", CSS hook
    ``gepnet-glossary-search``). Output: ``results`` (HTML, ``gepnet-glossary-results``) with the
    number of matches in ``<b class="gepnet-glossary-count">`` and each term in
    ``<b class="gepnet-glossary-term">``. Default: empty query, every entry listed.
    """

    prefix = "glossary"

    def __init__(self, query: str = "") -> None:
        self.query = labelled(
            widgets.Text(value=query, description="Search the glossary",
                         placeholder="a word, e.g. Ki-67", continuous_update=True,
                         layout=widgets.Layout(width="420px")),
            self.prefix, "search")
        self.results = widgets.HTML(layout=widgets.Layout(max_height="420px", overflow="auto"))
        self.results.add_class("gepnet-glossary-results")
        self.matches: tuple[Entry, ...] = ()
        self.query.observe(lambda _change: self.refresh(), names="value")
        heading = widgets.HTML(f"<h3 style='{_HEADING}'>Glossary ({len(GLOSSARY)} terms)</h3>")
        self.widget = FallbackBox([heading, self.query, self.results],
                                  fallback=self.static_view)
        self.widget.add_class("gepnet-glossary")
        self.refresh()

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        """The glossary's controls by name (tests drive these)."""
        return {"search": self.query}

    def refresh(self) -> None:
        """Search again for the current text and show the matches."""
        text = self.query.value
        self.matches = search(text)
        shown = self.matches[:MAX_SHOWN]
        n = len(self.matches)
        if text.strip():
            head = (f'<b class="gepnet-glossary-count">{n}</b> '
                    f"{'match' if n == 1 else 'matches'} for "
                    f"\u201c{html.escape(text.strip())}\u201d")
        else:
            head = (f'All <b class="gepnet-glossary-count">{n}</b> terms, A to Z. Type to '
                    "search.")
        more = (f'<p style="color:{CSS_MUTED}">Showing the first {MAX_SHOWN}; type more letters to '
                "narrow the list.</p>") if n > MAX_SHOWN else ""
        empty = ("" if n else f'<p style="color:{CSS_TEXT}">No term matches. Try a shorter word, '
                 "or another spelling (for example tumour or tumor).</p>")
        body = "".join(entry_html(e) for e in shown)
        self.results.value = (f'<div style="color:{CSS_TEXT}"><p style="margin:2px 0 8px">{head}'
                              f"</p>{empty}{body}{more}</div>")

    def static_view(self) -> StaticView:
        """The whole glossary, A to Z, where no kernel runs (handouts, ``make site`` pages)."""
        body = "".join(entry_html(e) for e in GLOSSARY)
        page = (f'<div class="{STATIC_CLASS} {STATIC_CLASS}-glossary" role="group" '
                f'aria-label="Glossary (static view)" style="color:{CSS_TEXT}">{STATIC_CSS}'
                f"<h3 style='{_HEADING}'>Glossary ({len(GLOSSARY)} terms)</h3>{body}</div>")
        text = "\n".join(f"{e.term}: {e.definition}" for e in GLOSSARY)
        return StaticView(page, f"Glossary (static view)\n{text}")

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
