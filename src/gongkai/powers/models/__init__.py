"""The models of powers: the power lists behind table 二 (`lists`), the appeal cases behind table 四 (`appeals`),
and the decisions imports running in the background (`imports`)."""

from .appeals import AppealCase, AppealKind, AppealResult
from .imports import ImportJob, ImportStatus, import_file_name
from .lists import Decision, DecisionImport, FeeItem, ListedEntry, PowerItem, PowerList, ProcurementItem

__all__ = [
    "AppealCase",
    "AppealKind",
    "AppealResult",
    "Decision",
    "DecisionImport",
    "FeeItem",
    "ImportJob",
    "ImportStatus",
    "ListedEntry",
    "PowerItem",
    "PowerList",
    "ProcurementItem",
    "import_file_name",
]
