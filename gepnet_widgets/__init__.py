"""gepnet_widgets: interactive lessons on gastroenteropancreatic neuroendocrine tumours (GEP-NETs).

For education only; not for decisions about anyone's care.

A lesson's setup cell imports what it shows, e.g.::

    from gepnet_widgets import TExplorer, NMExplorer, StageExplorer, SiteComparison, SelfCheck

Before a tool that reveals an answer, ``PredictionBox("03_tnm_staging", "size")`` asks the
learner to write a prediction first (kept in their progress file).
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

#: Where each public name lives. A name's module is imported on first use (PEP 562), so a
#: lesson's kernel holds only the tools that lesson shows (``import gepnet_widgets`` alone
#: loads no widget, drawing or report-reading code).
_LAZY = {
    "who_grade": "grading",
    "read_report": "reading",
    "ReportReading": "reading",
    "stage_tumor": "staging",
    "CellExplorer": "widgets.anatomy",
    "SiteMap": "widgets.anatomy",
    "CaseStudy": "widgets.cases",
    "ClassDashboard": "widgets.classroom",
    "HandInButton": "widgets.classroom",
    "MarkerPitfalls": "widgets.diagnosis",
    "TestMatrix": "widgets.diagnosis",
    "WorkupPlanner": "widgets.diagnosis",
    "Glossary": "widgets.glossary",
    "CountingLab": "widgets.grading",
    "DifferentiationTable": "widgets.grading",
    "GradeExplorer": "widgets.grading",
    "ScatterSimulation": "widgets.grading",
    "PredictionBox": "widgets.prediction",
    "ProgressView": "widgets.progress",
    "ReportReader": "widgets.report",
    "ReviewSession": "widgets.selfcheck",
    "SelfCheck": "widgets.selfcheck",
    "CarcinoidFlow": "widgets.syndromes",
    "MysteryPatient": "widgets.syndromes",
    "SyndromeExplorer": "widgets.syndromes",
    "NMExplorer": "widgets.tnm",
    "SiteComparison": "widgets.tnm",
    "StageExplorer": "widgets.tnm",
    "TExplorer": "widgets.tnm",
    "edition_changes_table": "widgets.tnm",
    "DiscussionExplorer": "widgets.treatment",
    "EvidenceExplorer": "widgets.treatment",
    "MechanismExplorer": "widgets.treatment",
    "TreatmentComparer": "widgets.treatment",
}

if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from .grading import who_grade
    from .reading import ReportReading, read_report
    from .staging import stage_tumor
    from .widgets.anatomy import CellExplorer, SiteMap
    from .widgets.cases import CaseStudy
    from .widgets.classroom import ClassDashboard, HandInButton
    from .widgets.diagnosis import MarkerPitfalls, TestMatrix, WorkupPlanner
    from .widgets.glossary import Glossary
    from .widgets.grading import (
        CountingLab,
        DifferentiationTable,
        GradeExplorer,
        ScatterSimulation,
    )
    from .widgets.prediction import PredictionBox
    from .widgets.progress import ProgressView
    from .widgets.report import ReportReader
    from .widgets.selfcheck import ReviewSession, SelfCheck
    from .widgets.syndromes import CarcinoidFlow, MysteryPatient, SyndromeExplorer
    from .widgets.tnm import (
        NMExplorer,
        SiteComparison,
        StageExplorer,
        TExplorer,
        edition_changes_table,
    )
    from .widgets.treatment import (
        DiscussionExplorer,
        EvidenceExplorer,
        MechanismExplorer,
        TreatmentComparer,
    )


def _module(key: str) -> ModuleType:
    """The package module ``key`` names (each by a plain import statement: no name is computed)."""
    match key:
        case "grading":
            from . import grading as module
        case "reading":
            from . import reading as module
        case "staging":
            from . import staging as module
        case "widgets.anatomy":
            from .widgets import anatomy as module
        case "widgets.cases":
            from .widgets import cases as module
        case "widgets.classroom":
            from .widgets import classroom as module
        case "widgets.diagnosis":
            from .widgets import diagnosis as module
        case "widgets.glossary":
            from .widgets import glossary as module
        case "widgets.grading":
            from .widgets import grading as module
        case "widgets.prediction":
            from .widgets import prediction as module
        case "widgets.progress":
            from .widgets import progress as module
        case "widgets.report":
            from .widgets import report as module
        case "widgets.selfcheck":
            from .widgets import selfcheck as module
        case "widgets.syndromes":
            from .widgets import syndromes as module
        case "widgets.tnm":
            from .widgets import tnm as module
        case "widgets.treatment":
            from .widgets import treatment as module
        case _:
            raise AttributeError(f"module {__name__!r} has no module {key!r}")
    return module


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use, and keep the name (PEP 562)."""
    key = _LAZY.get(name)
    if key is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_module(key), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "stage_tumor",
    "who_grade",
    "read_report",
    "ReportReading",
    "ReportReader",
    "TExplorer",
    "NMExplorer",
    "StageExplorer",
    "SiteComparison",
    "edition_changes_table",
    "CellExplorer",
    "SiteMap",
    "TestMatrix",
    "WorkupPlanner",
    "MarkerPitfalls",
    "SyndromeExplorer",
    "CarcinoidFlow",
    "MysteryPatient",
    "GradeExplorer",
    "CountingLab",
    "ScatterSimulation",
    "DifferentiationTable",
    "TreatmentComparer",
    "MechanismExplorer",
    "EvidenceExplorer",
    "DiscussionExplorer",
    "CaseStudy",
    "Glossary",
    "SelfCheck",
    "ReviewSession",
    "ProgressView",
    "PredictionBox",
    "HandInButton",
    "ClassDashboard",
]
__version__ = "0.2.0"
