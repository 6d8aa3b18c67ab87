"""The bibliography reads as a person would follow it: names in words with a date (never a
guessed year), an honest level, and what the course takes from each source."""

from __future__ import annotations

import re

import pytest

from gepnet_widgets.sources import LEVEL_WORDS, LEVELS, SOURCES, level_words, source_words

INTERNAL = re.compile(r"fact base|from knowledge|placeholder|pending|not in the project",
                      re.IGNORECASE)


@pytest.mark.parametrize("key", sorted(SOURCES))
def test_short_name_carries_its_date_or_says_undated(key):
    s = SOURCES[key]
    if s.year is None:
        assert "undated (accessed 20" in s.short, s.short
    else:
        assert str(s.year) in s.short, f"{key}: {s.short!r} does not show {s.year}"


@pytest.mark.parametrize("key", sorted(SOURCES))
def test_no_internal_notes_and_a_use_for_every_source(key):
    s = SOURCES[key]
    assert s.level in LEVELS
    assert s.uses, f"{key}: say what the course takes from it"
    for text in (s.short, s.full, s.uses):
        assert not INTERNAL.search(text), f"{key}: {text!r}"
        assert not re.search(r"\[S\d+", text), f"{key}: raw key in {text!r}"


def test_primary_only_where_the_original_was_read():
    # Reproductions and transcriptions stay secondary (issue 11, fact base §9.14).
    for key in ("AJCC8", "S3", "S4", "S7", "S8", "S9", "S38", "S45"):
        assert SOURCES[key].level == "secondary", key
    for key in ("S1", "S2", "S31", "S32", "S33", "S36", "S42"):
        assert SOURCES[key].level == "primary", key


def test_undated_pages_have_no_invented_year():
    for key in ("S17", "VISS_SVF", "NCI_DICT_NET", "CCS_NES", "S39"):
        assert SOURCES[key].year is None, key


def test_words_and_levels():
    assert source_words(["S1", "AJCC8", "S1"]) == "NCI PDQ, GI NETs, 2025; AJCC 8th ed., 2017"
    assert level_words(["S1"]) == LEVEL_WORDS["primary"]
    assert level_words(["S1", "S9"]) == LEVEL_WORDS["secondary"]
    assert level_words(["S1"], level="unverified") == LEVEL_WORDS["unverified"]
    with pytest.raises(ValueError, match="unknown level"):
        level_words(["S1"], level="sure")
    with pytest.raises(ValueError, match="unknown source key"):
        source_words(["S999"])
