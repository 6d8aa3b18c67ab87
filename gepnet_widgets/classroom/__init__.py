"""The classroom: hand-ins, the class report and assessment mode (layer 1, no widgets).

* :mod:`.settings`: the one setting a hub admin writes (drop-box folder, assessment mode);
* :mod:`.dropbox`: a learner hands in their progress document; the instructor reads them all;
* :mod:`.report`: the hand-ins counted per lesson and question, exported as CSV and HTML.

From a terminal: ``python -m gepnet_widgets.classroom report DIR`` (see :mod:`.__main__`).
"""

from __future__ import annotations

from .dropbox import (
    DOWNLOAD_PREFIX,
    HandInResult,
    Refused,
    Submission,
    check_dropbox,
    hand_in,
    handed_in_lessons,
    learner_name,
    name_from_file,
    read_handins,
    read_one,
)
from .report import (
    ClassReport,
    LearnerRow,
    OptionCount,
    PredictionRow,
    QuestionRow,
    build_report,
    chart_alt,
    lesson_title,
    parse_class_list,
    report_csv,
    report_html,
    report_text,
)
from .settings import (
    CONFIG_PATH,
    ENV_ASSESSMENT,
    ENV_CONFIG,
    ENV_HANDIN,
    ClassroomSettings,
    load_settings,
    parse_switch,
)

__all__ = [
    "CONFIG_PATH",
    "DOWNLOAD_PREFIX",
    "ENV_ASSESSMENT",
    "ENV_CONFIG",
    "ENV_HANDIN",
    "ClassReport",
    "ClassroomSettings",
    "HandInResult",
    "LearnerRow",
    "OptionCount",
    "PredictionRow",
    "QuestionRow",
    "Refused",
    "Submission",
    "build_report",
    "chart_alt",
    "check_dropbox",
    "hand_in",
    "handed_in_lessons",
    "learner_name",
    "lesson_title",
    "load_settings",
    "name_from_file",
    "parse_class_list",
    "parse_switch",
    "read_handins",
    "read_one",
    "report_csv",
    "report_html",
    "report_text",
]
