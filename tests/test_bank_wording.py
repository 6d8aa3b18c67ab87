"""Self-check feedback does not repeat the verdict the widget already says in words
("Correct." / "Not quite."): no "Correct. Right." in any bank."""

from __future__ import annotations

import re

import pytest

from gepnet_widgets import quiz
from gepnet_widgets.widgets.selfcheck import CORRECT_WORD, INCORRECT_WORD, feedback_html

CHECKED = quiz.available_lessons()
PRAISE = re.compile(r"^(right|correct|yes|exactly|well done|good|great)\b", re.I)
BLAME = re.compile(r"^(wrong|incorrect|not quite|no)\b[.,!:]", re.I)


@pytest.mark.parametrize("lesson", CHECKED)
def test_feedback_does_not_repeat_the_verdict(lesson: str) -> None:
    for q in quiz.load_questions(lesson):
        for c in q.choices:
            pattern = PRAISE if c.correct else BLAME
            assert not pattern.search(c.feedback), (q.id, c.feedback[:40])


@pytest.mark.parametrize("lesson", CHECKED)
def test_shown_feedback_says_the_verdict_once(lesson: str) -> None:
    for q in quiz.load_questions(lesson):
        right = quiz.grade_choice(q, q.correct_choice.id)
        shown = re.sub(r"<[^>]+>", " ", feedback_html(q, right))
        words = re.findall(r"\b(Correct|Right|Yes)\b\.", shown)
        assert words == [CORRECT_WORD.rstrip(".")], (q.id, words)
        wrong = next(c for c in q.choices if not c.correct)
        shown = re.sub(r"<[^>]+>", " ", feedback_html(q, quiz.grade_choice(q, wrong.id)))
        assert shown.count(INCORRECT_WORD) == 1 and not re.search(r"\bNo\.", shown), q.id
