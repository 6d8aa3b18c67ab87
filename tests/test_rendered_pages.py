"""No rendered page (``make site``) shows an internal note: a raw source key, a file name, or the
words "fact base", "from knowledge", "placeholder", "pending". The site is built once per test
session (every lesson is executed, a few minutes) and each page's visible text is read."""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import build_site  # noqa: E402

PAGES = [p.stem for p in build_site.lesson_paths()] + ["references", "index"]

FORBIDDEN = {
    "a bracketed source key": re.compile(r"\[(?:S\d+|[A-Z][A-Z0-9_]{3,})(?:,\s*[A-Z0-9_]+)*\]"),
    "a bare source key": re.compile(r"(?<![\w-])S\d{1,2}(?![\w-])"),
    "a file name": re.compile(r"\b[\w/.-]+\.(?:py|json)\b"),
    "internal words": re.compile(r"fact base|from knowledge|placeholder|\bpending\b", re.I),
}


class _Visible(HTMLParser):
    """Text a reader sees: no scripts, styles, comments or attribute values."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = _Visible()
    parser.feed(page)
    return " ".join(" ".join(parser.parts).split())


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build_site.build(out, log=lambda _msg: None)
    return out


@pytest.mark.parametrize("name", PAGES)
def test_page_shows_no_internal_notes(site, name):
    text = visible_text((site / f"{name}.html").read_text(encoding="utf-8"))
    found = {what: sorted(set(m.group(0) for m in rx.finditer(text)))[:8]
             for what, rx in FORBIDDEN.items() if rx.search(text)}
    assert not found, f"{name}.html shows {found}"


@pytest.mark.parametrize("name", PAGES)
def test_page_carries_version_and_build_date(site, name):
    text = visible_text((site / f"{name}.html").read_text(encoding="utf-8"))
    assert re.search(rf"Course version {re.escape(build_site.course_version())}; page built on "
                     r"\d{1,2} [A-Z][a-z]+ \d{4}\.", text), name


def test_reference_links_point_at_the_reference_page(site):
    page = (site / "03_tnm_staging.html").read_text(encoding="utf-8")
    assert "references.ipynb" not in page
    assert re.search(r'href="references\.html#[A-Za-z0-9_]+"', page)
    refs = (site / "references.html").read_text(encoding="utf-8")
    assert 'id="S1"' in refs
