"""gepnet_widgets: interactive lessons on gastroenteropancreatic neuroendocrine tumours (GEP-NETs).

For education only; not for decisions about anyone's care.

A lesson's setup cell imports what it shows, e.g.::

    from gepnet_widgets import TExplorer, NMExplorer, StageExplorer, SiteComparison, SelfCheck

Before a tool that reveals an answer, ``PredictionBox("03_tnm_staging", "size")`` asks the
learner to write a prediction first (kept in their progress file).
"""

from __future__ import annotations

from .grading import who_grade
from .reading import ReportReading, read_report
from .staging import stage_tumor
from .widgets.anatomy import CellExplorer, SiteMap
from .widgets.cases import CaseStudy
from .widgets.classroom import ClassDashboard, HandInButton
from .widgets.diagnosis import MarkerPitfalls, TestMatrix, WorkupPlanner
from .widgets.glossary import Glossary
from .widgets.grading import CountingLab, DifferentiationTable, GradeExplorer, ScatterSimulation
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
