"""Fictional patients' titles (lesson 7 case studies, lesson 5 mystery patients) are neutral:
the patient's name and age, as the story opens, so a title gives no diagnosis away."""

from __future__ import annotations

import re

import pytest

from gepnet_widgets import cases as cs
from gepnet_widgets import syndromes as syn

TITLES = [(f"case {c.id}", c.title, c.story) for c in cs.CASES.values()] + [
    (f"mystery {m.id}", m.title, m.story) for m in syn.MYSTERIES.values()]
#: Words that would point to a syndrome, a hormone, a stage or a grade.
GIVEAWAY = re.compile(
    r"ulcer|sugar|rash|diarrh|diabet|gallstone|flush|wheez|chance|breakfast|insulin|gastrin|"
    r"glucagon|serotonin|carcinoid|vip|somatostatin|liver|mesenter|node|stage|grade|g[123]\b|"
    r"nec\b|carcinoma|pancrea|rect|ileum|append", re.I)


@pytest.mark.parametrize(("where", "title", "story"), TITLES, ids=[t[0] for t in TITLES])
def test_title_is_the_name_and_age_the_story_opens_with(where: str, title: str,
                                                        story: str) -> None:
    assert re.fullmatch(r"[A-Z][A-Za-z]*( [A-Z][A-Za-z]*)?, \d{2}", title), (where, title)
    assert story.startswith(f"{title},") or story.startswith(f"{title} "), (where, story[:40])
    assert not GIVEAWAY.search(title), (where, title)


def test_titles_are_distinct_within_each_tool() -> None:
    for titles in ([c.title for c in cs.CASES.values()], [m.title for m in syn.MYSTERIES.values()]):
        assert len(titles) == len(set(titles))
