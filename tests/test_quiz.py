"""Self-check data and the pure quiz logic (layer 1): loading, validation, grading, checks."""

from __future__ import annotations

import ast
import copy
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from gepnet_widgets import quiz
from gepnet_widgets.quiz import (
    AnswerResult,
    Choice,
    Question,
    check_label,
    grade_answer,
    grade_choice,
    label_matches,
    load_questions,
    parse_questions,
    score,
    validate_questions,
)
from gepnet_widgets.sources import SOURCES

DATA_DIR = Path(quiz.__file__).parent / "data" / "selfcheck"
JSON_FILES = sorted(DATA_DIR.glob("*.json"))
LESSON = "03_tnm_staging"

# Answers that are a computed T/N/M/stage value must carry a `check`.
TNM_ANSWER = re.compile(r"^(T[0-4X]|N[0-2X]|M[01]|Stage [IV]+|No stage)")


def _check_functions() -> dict[str, Any]:
    """Functions a question's ``check`` may name (imported lazily: staging is another layer-1
    module written in parallel; quiz.py must not depend on it)."""
    from gepnet_widgets.grading import who_grade
    from gepnet_widgets.staging import stage_tumor

    return {"stage_tumor": stage_tumor, "who_grade": who_grade}


def _all_questions() -> list[tuple[str, Question]]:
    return [(lesson, q) for lesson in quiz.available_lessons() for q in load_questions(lesson)]


CHECKED = [(lesson, q) for lesson, q in _all_questions() if q.check is not None]


# -- the data files ---------------------------------------------------------------------------


def test_data_folder_has_json_files() -> None:
    assert JSON_FILES, f"no self-check files in {DATA_DIR}"
    assert quiz.available_lessons() == tuple(p.stem for p in JSON_FILES)
    assert LESSON in quiz.available_lessons()


@pytest.mark.parametrize("path", JSON_FILES, ids=lambda p: p.stem)
def test_every_json_file_validates(path: Path) -> None:
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert validate_questions(raw, lesson=path.stem) == []
    questions = load_questions(path.stem)
    assert len(questions) == len(raw["questions"])
    assert all(isinstance(q, Question) for q in questions)


def test_lesson_03_size_and_structure() -> None:
    questions = load_questions(LESSON)
    assert len(questions) >= 8
    for q in questions:
        assert 2 <= len(q.choices) <= 6, q.id
        assert sum(c.correct for c in q.choices) == 1, q.id
        assert all(c.feedback.strip() for c in q.choices), q.id
        assert q.explanation.strip() and q.prompt.strip(), q.id
        assert q.sources and all(k in SOURCES for k in q.sources), q.id
        assert len({c.text for c in q.choices}) == len(q.choices), q.id


def test_lesson_03_targets_the_listed_misconceptions() -> None:
    questions = {q.id: q for q in load_questions(LESSON)}
    with_misconception = [q for q in questions.values() if q.misconception]
    assert len(with_misconception) >= 3
    expected = {
        "stage-vs-grade",  # stage is not grade
        "stomach-depth-not-size",  # size alone does not decide T
        "appendix-size-only",  # site matters; appendix T1/T2 are size-only
        "multiple-tumours-m",  # (m) does not change the stage
        "nx-is-not-n0",  # NX is not N0
        "liver-only-m1a",  # liver-only is M1a
        "slow-growing-stage-iv",  # any M1 is stage IV
        "ileum-mesenteric-mass-n2",  # N2 in jejunum/ileum
        "no-n2-in-pancreas",  # N2 only in jejunum/ileum
        "peripancreatic-fat",  # fat does not change pancreatic T
    }
    assert expected <= set(questions)
    assert all(questions[i].misconception for i in expected)


def test_wrong_answers_explain_rather_than_repeat() -> None:
    for q in load_questions(LESSON):
        texts = [c.feedback for c in q.choices]
        assert len(set(texts)) == len(texts), f"{q.id}: two answers share the same feedback"
        for c in q.choices:
            if not c.correct:
                assert not c.feedback.startswith("Right"), (q.id, c.text)


def test_grade_and_stage_wording_in_stage_vs_grade() -> None:
    q = {q.id: q for q in load_questions(LESSON)}["stage-vs-grade"]
    assert "WHO" in q.explanation and "AJCC" in q.explanation
    assert q.correct_choice.text.startswith("The grade")


# -- checks tie the answer key to the staging logic -------------------------------------------


def test_lesson_03_uses_checks() -> None:
    assert sum(q.check is not None for q in load_questions(LESSON)) >= 8


@pytest.mark.parametrize(("lesson", "question"), _all_questions(), ids=lambda v: str(v))
def test_computed_answers_carry_a_check(lesson: str, question: Question) -> None:
    if TNM_ANSWER.match(question.correct_choice.text):
        assert question.check is not None, f"{lesson}/{question.id}: answer typed, not checked"


@pytest.mark.parametrize(
    ("lesson", "question"), CHECKED, ids=[f"{lesson}/{q.id}" for lesson, q in CHECKED]
)
def test_check_agrees_with_package_logic(lesson: str, question: Question) -> None:
    check = question.check
    assert check is not None
    functions = _check_functions()
    assert check["function"] in functions, f"unknown check function {check['function']!r}"
    result = functions[check["function"]](**check["kwargs"])
    label = check_label(check["field"], getattr(result, check["field"]))
    assert label_matches(question.correct_choice.text, label), (
        f"{lesson}/{question.id}: correct choice {question.correct_choice.text!r} "
        f"but {check['function']} gives {label!r}"
    )
    wrong = [c.text for c in question.choices if not c.correct and label_matches(c.text, label)]
    assert wrong == [], f"{lesson}/{question.id}: wrong choices also match {label!r}"


def test_expected_answers_of_key_questions() -> None:
    """Spot values from the fact base (AJCC 8th edition), independent of the JSON checks."""
    from gepnet_widgets.staging import stage_tumor

    assert stage_tumor("stomach", 1.5, "muscularis_propria", 0, "none", edition="ajcc8").t == "T2"
    assert stage_tumor("appendix", 1.5, "muscularis_propria", 0, "none", edition="ajcc8").t == "T1"
    nx = stage_tumor("colon_rectum", 0.6, "submucosa", None, "none", edition="ajcc8")
    assert nx.stage is None
    multiple = stage_tumor("jejunum_ileum", 1.2, "subserosa", 0, "none", tumor_count=2,
                           edition="ajcc8")
    assert (multiple.t, multiple.stage) == ("T3(m)", "II")
    fat = stage_tumor("pancreas", 3.0, "peripancreatic_fat", 0, "none")
    assert fat.t == stage_tumor("pancreas", 3.0, "pancreas", 0, "none", edition="ajcc8").t == "T2"


@pytest.mark.parametrize(
    ("field", "value", "label"),
    [
        ("t", "T2", "T2"),
        ("m", "M1a", "M1a"),
        ("stage", "IIA", "Stage IIA"),
        ("stage", None, "No stage"),
        ("t", "T3(m)", "T3(m)"),
    ],
)
def test_check_label(field: str, value: Any, label: str) -> None:
    assert check_label(field, value) == label


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("T2", "T2", True),
        ("T2: muscle layer", "T2", True),
        ("T2b", "T2", False),
        ("T1b", "T1", False),
        ("T3(m)", "T3", False),
        ("T3(m)", "T3(m)", True),
        ("Stage II", "Stage I", False),
        ("Stage IV", "Stage I", False),
        ("Stage I", "Stage I", True),
        ("Stage IIA, because", "Stage IIA", True),
        ("No stage group: none in 8th", "No stage", True),
        ("The stage", "Stage I", False),
    ],
)
def test_label_matches(text: str, label: str, expected: bool) -> None:
    assert label_matches(text, label) is expected


# -- the validator rejects bad data -----------------------------------------------------------


def _good() -> dict[str, Any]:
    return {
        "lesson": "demo",
        "questions": [
            {
                "id": "q-one",
                "prompt": "Pick A.",
                "choices": [
                    {"text": "A", "correct": True, "feedback": "Right."},
                    {"text": "B", "correct": False, "feedback": "B is wrong because..."},
                ],
                "explanation": "Because A.",
                "sources": ["S1"],
                "misconception": None,
            },
            {
                "id": "q-two",
                "prompt": "Pick B.",
                "choices": [
                    {"text": "A", "correct": False, "feedback": "A is wrong because..."},
                    {"text": "B", "correct": True, "feedback": "Right."},
                    {"text": "C", "correct": False, "feedback": "C is wrong because..."},
                ],
                "explanation": "Because B.",
                "sources": ["AJCC8", "S2"],
                "check": {"function": "stage_tumor", "kwargs": {}, "field": "t"},
            },
        ],
    }


def test_good_fixture_is_valid() -> None:
    assert validate_questions(_good()) == []
    assert validate_questions(_good()["questions"]) == []
    questions = parse_questions(_good(), lesson="demo")
    assert [q.id for q in questions] == ["q-one", "q-two"]
    assert questions[1].correct_index == 1
    assert questions[1].check == {"function": "stage_tumor", "kwargs": {}, "field": "t"}


def _break(path: tuple[Any, ...], value: Any = None, *, delete: bool = False) -> dict[str, Any]:
    raw = _good()
    target: Any = raw
    for key in path[:-1]:
        target = target[key]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return raw


BAD_CASES = {
    "missing feedback": (
        _break(("questions", 0, "choices", 1, "feedback"), delete=True),
        ["q-one", "choice 2", "missing field 'feedback'"],
    ),
    "empty feedback": (
        _break(("questions", 0, "choices", 1, "feedback"), "  "),
        ["q-one", "choice 2", "feedback"],
    ),
    "two correct": (
        _break(("questions", 1, "choices", 0, "correct"), True),
        ["q-two", "exactly one correct", "has 2"],
    ),
    "no correct": (
        _break(("questions", 0, "choices", 0, "correct"), False),
        ["q-one", "exactly one correct", "has 0"],
    ),
    "unknown source": (
        _break(("questions", 0, "sources"), ["S1", "S99"]),
        ["q-one", "unknown source 'S99'"],
    ),
    "duplicate id": (
        _break(("questions", 1, "id"), "q-one"),
        ["duplicate id 'q-one'"],
    ),
    "unknown question field": (
        _break(("questions", 0, "hnit"), "x"),
        ["q-one", "unknown field 'hnit'"],
    ),
    "unknown choice field": (
        _break(("questions", 0, "choices", 0, "feedbak"), "x"),
        ["q-one", "choice 1", "unknown field 'feedbak'"],
    ),
    "unknown top-level field": (_break(("title",), "x"), ["unknown field 'title'"]),
    "one choice": (
        _break(("questions", 0, "choices"), [_good()["questions"][0]["choices"][0]]),
        ["q-one", "2-6 choices, has 1"],
    ),
    "seven choices": (
        _break(
            ("questions", 0, "choices"),
            [{"text": str(i), "correct": i == 0, "feedback": "f"} for i in range(7)],
        ),
        ["q-one", "2-6 choices, has 7"],
    ),
    "empty prompt": (_break(("questions", 0, "prompt"), ""), ["q-one", "'prompt'"]),
    "missing explanation": (
        _break(("questions", 0, "explanation"), delete=True),
        ["q-one", "missing field 'explanation'"],
    ),
    "no sources": (_break(("questions", 0, "sources"), []), ["q-one", "'sources'"]),
    "id not css-safe": (_break(("questions", 0, "id"), "Q one"), ["'id'"]),
    "correct not boolean": (
        _break(("questions", 0, "choices", 0, "correct"), "yes"),
        ["q-one", "choice 1", "'correct' must be true or false"],
    ),
    "duplicate choice text": (
        _break(("questions", 0, "choices", 1, "text"), "A"),
        ["q-one", "same text"],
    ),
    "check without field": (
        _break(("questions", 1, "check"), {"function": "stage_tumor", "kwargs": {}}),
        ["q-two", "check", "missing field 'field'"],
    ),
    "no questions": (_break(("questions",), []), ["'questions' must be a non-empty list"]),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_validator_rejects_bad_data(case: str) -> None:
    raw, fragments = BAD_CASES[case]
    problems = validate_questions(raw)
    assert problems, f"{case}: accepted"
    joined = "\n".join(problems)
    for fragment in fragments:
        assert fragment in joined, f"{case}: {fragment!r} not in {problems}"


def test_validator_collects_every_problem() -> None:
    raw = _break(("questions", 0, "sources"), ["S99"])
    raw["questions"][1]["choices"][0]["correct"] = True
    problems = validate_questions(raw)
    assert len(problems) == 2


def test_validator_rejects_wrong_lesson_and_wrong_type() -> None:
    assert any(
        "'demo'" in p and "'other'" in p for p in validate_questions(_good(), lesson="other")
    )
    assert validate_questions("nonsense") != []
    assert validate_questions([42]) == ["question 1: must be an object, got int"]


def test_parse_raises_value_error_listing_problems() -> None:
    raw = _break(("questions", 0, "choices", 1, "feedback"), delete=True)
    raw["questions"][1]["id"] = "q-one"
    with pytest.raises(ValueError) as info:
        parse_questions(raw, lesson="demo")
    message = str(info.value)
    assert "missing field 'feedback'" in message
    assert "duplicate id 'q-one'" in message


def test_unknown_lesson_names_it_and_lists_available() -> None:
    with pytest.raises(ValueError, match="no_such_lesson") as info:
        load_questions("no_such_lesson")
    assert LESSON in str(info.value)


def test_loaded_questions_do_not_share_mutable_state() -> None:
    raw = _good()
    questions = parse_questions(raw)
    raw["questions"][1]["check"]["field"] = "n"
    assert questions[1].check is not None and questions[1].check["field"] == "t"
    hash(questions[0])  # frozen dataclasses stay hashable despite the check dict
    with pytest.raises(AttributeError):
        questions[0].prompt = "changed"  # type: ignore[misc]


# -- grading ----------------------------------------------------------------------------------


def _question() -> Question:
    return Question(
        id="demo",
        prompt="?",
        choices=(Choice("A", False, "fa"), Choice("B", True, "fb"), Choice("C", False, "fc")),
        explanation="e",
        sources=("S1",),
    )


def test_grade_answer() -> None:
    q = _question()
    assert grade_answer(q, 1) == AnswerResult(True, "fb", "B")
    assert grade_answer(q, 0) == AnswerResult(False, "fa", "B")
    assert grade_answer(q, 2) == AnswerResult(False, "fc", "B")


@pytest.mark.parametrize("bad", [-1, 3, True, "1", None])
def test_grade_answer_rejects_bad_index(bad: Any) -> None:
    with pytest.raises(ValueError):
        grade_answer(_question(), bad)


def test_every_real_answer_grades_to_its_own_feedback() -> None:
    for q in load_questions(LESSON):
        for i, c in enumerate(q.choices):
            result = grade_answer(q, i)
            assert result.correct is c.correct
            assert result.feedback == c.feedback
            assert result.correct_text == q.correct_choice.text


def test_score() -> None:
    right = AnswerResult(True, "f", "B")
    wrong = AnswerResult(False, "f", "B")
    s = score([right, None, wrong, right])
    assert (s.correct, s.checked, s.total) == (2, 3, 4)
    assert s.text == "2 of 4 correct"
    assert score([], total=8).text == "0 of 8 correct"
    assert score(iter([right]), total=8).text == "1 of 8 correct"


# -- layer rules ------------------------------------------------------------------------------


def test_quiz_is_pure_and_independent_of_staging() -> None:
    tree = ast.parse(Path(quiz.__file__).read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add(("." * node.level) + (node.module or ""))
    forbidden = {"matplotlib", "ipywidgets", "IPython", ".staging", "gepnet_widgets.staging"}
    assert not {name for name in imported if name.split(".")[0] in forbidden or name in forbidden}


def test_good_fixture_untouched_by_validation() -> None:
    raw = _good()
    before = copy.deepcopy(raw)
    validate_questions(raw)
    parse_questions(raw)
    assert raw == before


# -- bank balance: option length and position give nothing away -------------------------------


def _strictly_longest(q: Question) -> bool:
    others = [len(c.text) for c in q.choices if not c.correct]
    return len(q.correct_choice.text) > max(others)


@pytest.mark.parametrize("lesson", quiz.available_lessons())
def test_correct_option_is_rarely_the_longest(lesson: str) -> None:
    """A learner who always picks the longest answer must not pass (issue 14)."""
    questions = load_questions(lesson)
    longest = [q.id for q in questions if _strictly_longest(q)]
    assert len(longest) <= len(questions) / 3, (
        f"{lesson}: the correct option is the longest in {len(longest)} of {len(questions)} "
        f"questions (at most a third allowed): {', '.join(longest)}"
    )


@pytest.mark.parametrize("lesson", quiz.available_lessons())
def test_correct_option_position_is_spread(lesson: str) -> None:
    """In the data, no one position holds more than 40% of the right answers (options are also
    shuffled on screen, but the static pages and printed handouts show the data's order)."""
    questions = load_questions(lesson)
    positions = Counter(q.correct_index for q in questions)
    position, n = positions.most_common(1)[0]
    assert n <= 0.4 * len(questions), (
        f"{lesson}: {n} of {len(questions)} right answers are option {position + 1} "
        f"(at most 40% allowed); positions: {dict(sorted(positions.items()))}"
    )


def test_balance_rule_counts_what_it_says() -> None:
    q = _question()  # B is right; A and C are as long
    assert not _strictly_longest(q)
    longer = Question(id="l", prompt="?", explanation="e", sources=("S1",), choices=(
        Choice("short", False, "f"), Choice("the longest answer", True, "f")))
    assert _strictly_longest(longer)


# -- shuffling and option ids -------------------------------------------------------------------


def test_option_ids_are_stable_and_distinct_in_every_bank() -> None:
    for lesson, q in _all_questions():
        ids = [c.id for c in q.choices]
        assert len(set(ids)) == len(ids), f"{lesson}/{q.id}"
        assert all(re.fullmatch(r"[0-9a-f]{8}", i) for i in ids)
    assert quiz.choice_id("T2") == quiz.choice_id("T2") != quiz.choice_id("T3")


def test_shuffle_is_stable_per_seed_and_a_permutation() -> None:
    q = load_questions(LESSON)[0]
    a = quiz.shuffled_choices(q, "learner-a")
    assert a == quiz.shuffled_choices(q, "learner-a")
    assert sorted(c.text for c in a) == sorted(c.text for c in q.choices)
    assert len({quiz.shuffled_choices(q, f"s{i}") for i in range(20)}) > 1


def test_grade_choice_goes_by_id() -> None:
    q = _question()
    assert grade_choice(q, q.choices[1].id).correct is True
    assert grade_choice(q, q.choices[0].id) == AnswerResult(False, "fa", "B")
    with pytest.raises(ValueError, match="no option with id"):
        grade_choice(q, "deadbeef")


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [("hint", "", "'hint'"), ("hint", "x" * 301, "'hint'"), ("objective", 0, "'objective'"),
     ("objective", 6, "'objective'"), ("objective", True, "'objective'")],
)
def test_hint_and_objective_are_validated(field: str, value: Any, fragment: str) -> None:
    raw = _break(("questions", 0, field), value)
    assert any(fragment in p for p in validate_questions(raw))
    good = _break(("questions", 0, "hint"), "Think about the wall layers.")
    good["questions"][0]["objective"] = 2
    (q, _) = parse_questions(good)
    assert (q.hint, q.objective) == ("Think about the wall layers.", 2)
