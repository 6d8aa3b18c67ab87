"""The class plans fit by the lessons' own timings.

Each row's slot must be at least the time the lesson gives what the row claims: for sections,
the differences of the lesson's *Estimated time to here* marks; for a whole lesson, its *Time
to learn*; for sections shared out "in groups of one or two sections", the two longest. The
90-minute plan (docs/instructor/class-90-minutes.md) runs from 0 to 90 minutes without gaps, and
the last 10 are slack; each session of the three-session course (course-3-sessions.md) runs from
0 to 120 minutes without gaps.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "docs" / "instructor" / "class-90-minutes.md"
COURSE = ROOT / "docs" / "instructor" / "course-3-sessions.md"
SESSION_MINUTES = 120
IN_GROUPS = "in groups of one or two sections"
NOTEBOOKS = ROOT / "notebooks"
CLASS_MINUTES, SLACK_MINUTES = 90, 10

_ROW = re.compile(r"^\|\s*(\d+)-(\d+) min\s*\|([^|]*)\|([^|]*)\|", flags=re.M)
_SECTION = re.compile(r"^##\s+(\d+)\.\s", flags=re.M)
_MARK = re.compile(r"Estimated time to here:\s*(\d+)\s*minutes")


def lesson_notebook(number: int) -> Path:
    found = sorted(NOTEBOOKS.glob(f"{number:02d}_*.ipynb"))
    assert found, f"no notebook for lesson {number}"
    return found[0]


def section_minutes(number: int) -> dict[int, int]:
    """Minutes per numbered section, from the lesson's *Estimated time to here* marks (the
    first section's time includes the lesson's start)."""
    nb = nbformat.read(lesson_notebook(number), as_version=4)
    marks: dict[int, int] = {}
    current = None
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        if re.search(r"^##\s", cell.source, flags=re.M):  # a new section, numbered or not
            head = _SECTION.search(cell.source)
            current = int(head.group(1)) if head else None
        mark = _MARK.search(cell.source)
        if mark and current is not None:
            marks[current] = int(mark.group(1))
    minutes, before = {}, 0
    for section in sorted(marks):
        minutes[section] = marks[section] - before
        before = marks[section]
    return minutes


def time_to_learn(number: int) -> int:
    nb = nbformat.read(lesson_notebook(number), as_version=4)
    for cell in nb.cells:
        m = re.search(r"^## Time to learn\s+About \*\*(\d+) minutes\*\*", cell.source, flags=re.M)
        if m:
            return int(m.group(1))
    raise AssertionError(f"lesson {number} states no time to learn")


def claimed_minutes(claim: str) -> int | None:
    """Minutes the lessons give what a plan row claims (None: the row claims no lesson)."""
    m = re.match(r"\s*Lesson (\d+)(?:, sections? ([\d ,\-and]+))?", claim)
    if not m:
        return None
    number = int(m.group(1))
    if not m.group(2):
        return time_to_learn(number)
    wanted: list[int] = []
    for part in re.split(r",|\band\b", m.group(2)):
        part = part.strip()
        if "-" in part:
            a, b = (int(x) for x in part.split("-"))
            wanted += range(a, b + 1)
        elif part:
            wanted.append(int(part))
    minutes = section_minutes(number)
    missing = [s for s in wanted if s not in minutes]
    assert not missing, f"lesson {number} gives no time for sections {missing}"
    if IN_GROUPS in claim:  # each group does one or two of the sections at the same time
        return sum(sorted(minutes[s] for s in wanted)[-2:])
    return sum(minutes[s] for s in wanted)


def rows_of(text: str) -> list[tuple[int, int, str, str]]:
    return [(int(a), int(b), what.strip(), claim.strip())
            for a, b, what, claim in _ROW.findall(text)]


def plan_rows() -> list[tuple[int, int, str, str]]:
    return rows_of(PLAN.read_text(encoding="utf-8"))


def course_sessions() -> dict[str, list[tuple[int, int, str, str]]]:
    """The three-session course's timed rows, by session heading."""
    parts = re.split(r"^## (Session \d+)", COURSE.read_text(encoding="utf-8"), flags=re.M)
    return {name: rows_of(body) for name, body in zip(parts[1::2], parts[2::2], strict=True)}


def test_section_minutes_read_the_lessons() -> None:
    minutes = section_minutes(3)
    assert sum(minutes.values()) <= time_to_learn(3)
    assert all(m > 0 for m in minutes.values())
    assert claimed_minutes("Lesson 3, sections 2-4") == sum(minutes[s] for s in (2, 3, 4))
    assert claimed_minutes("Lesson 3") == time_to_learn(3)
    assert claimed_minutes("Prompts from the guides") is None


def test_plan_rows_cover_the_class_without_gaps() -> None:
    rows = plan_rows()
    assert rows, "no timed rows found in the plan"
    assert rows[0][0] == 0 and rows[-1][1] == CLASS_MINUTES
    for (_, end, _, _), (start, _, _, _) in itertools.pairwise(rows):
        assert start == end, f"gap or overlap at {end} min"


@pytest.mark.parametrize("row", plan_rows(), ids=lambda r: f"{r[0]}-{r[1]}")
def test_each_row_fits_the_lessons_timing(row: tuple[int, int, str, str]) -> None:
    start, end, what, claim = row
    needed = claimed_minutes(claim)
    if needed is not None:
        assert end - start >= needed, (
            f"{start}-{end} min ({what}): {claim} takes {needed} minutes by the lesson's own "
            f"timings, the plan gives {end - start}")


def test_plan_keeps_ten_minutes_of_slack() -> None:
    rows = plan_rows()
    slack = [r for r in rows if r[2].lower().startswith("slack")]
    assert sum(end - start for start, end, _, _ in slack) >= SLACK_MINUTES
    assert all(claimed_minutes(claim) is None for _, _, _, claim in slack)
    lessons = sum(claimed_minutes(claim) or 0 for _, _, _, claim in rows)
    assert lessons <= CLASS_MINUTES - SLACK_MINUTES, f"lesson time {lessons} min"


def test_groups_take_the_two_longest_sections() -> None:
    minutes = section_minutes(7)
    two_longest = sum(sorted(minutes.values())[-2:])
    assert claimed_minutes(f"Lesson 7, sections 1-5 {IN_GROUPS}") == two_longest
    assert claimed_minutes("Lesson 7, sections 1-5") == sum(minutes.values()) > two_longest


def test_course_has_three_sessions_without_gaps() -> None:
    sessions = course_sessions()
    assert list(sessions) == ["Session 1", "Session 2", "Session 3"]
    for name, rows in sessions.items():
        assert rows[0][0] == 0 and rows[-1][1] == SESSION_MINUTES, name
        for (_, end, _, _), (start, _, _, _) in itertools.pairwise(rows):
            assert start == end, f"{name}: gap or overlap at {end} min"


@pytest.mark.parametrize("row", [(name, *row) for name, rows in course_sessions().items()
                                 for row in rows], ids=lambda r: f"{r[0]}:{r[1]}-{r[2]}")
def test_each_course_row_fits_the_lessons_timing(row: tuple[str, int, int, str, str]) -> None:
    name, start, end, what, claim = row
    needed = claimed_minutes(claim)
    if needed is not None:
        assert end - start >= needed, (
            f"{name}, {start}-{end} min ({what}): {claim} takes {needed} minutes by the "
            f"lesson's own timings, the plan gives {end - start}")
