"""Read a GEP-NET report: find its items in free text, explain each, check them, stage it.

``read_report(text, edition="ajcc9")`` returns a :class:`ReportReading`. Pure layer-1 package (no
widget or plotting import); nothing is evaluated, stored, logged or sent anywhere.
"""

from __future__ import annotations

from .reader import MAX_CHARS, Check, Finding, ReportReading, Span, read_report
from .vocabulary import EXAMPLE_REPORTS, LESSON_LINKS

__all__ = [
    "read_report",
    "ReportReading",
    "Finding",
    "Check",
    "Span",
    "MAX_CHARS",
    "EXAMPLE_REPORTS",
    "LESSON_LINKS",
]
