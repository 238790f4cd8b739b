"""The models of work records: organisation (groups and members), rules, meetings and training, inspections with
their rectification items, the 建议提案 handled, the measures a report announces, the work plan and its
tasks, the evaluation with social ratings and accountability."""

from .evaluation import Accountability, EvaluationScheme, Indicator, Score, SocialRating
from .inspections import Inspection, InspectionKind, Rectification, RectificationStatus
from .measures import Measure, MeasureOutcome, MeasureSection
from .meetings import Meeting, MeetingKind
from .organisation import GroupKind, GroupMember, MemberRole, WorkGroup, active_in, groups_in
from .plans import TaskAssignment, TaskState, WorkPlan, WorkTask
from .proposals import ProposalCount, ProposalKind
from .rules import Rule, RuleStep

__all__ = [
    "Accountability",
    "EvaluationScheme",
    "GroupKind",
    "GroupMember",
    "Indicator",
    "Inspection",
    "InspectionKind",
    "Measure",
    "MeasureOutcome",
    "MeasureSection",
    "Meeting",
    "MeetingKind",
    "MemberRole",
    "ProposalCount",
    "ProposalKind",
    "Rectification",
    "RectificationStatus",
    "Rule",
    "RuleStep",
    "Score",
    "SocialRating",
    "TaskAssignment",
    "TaskState",
    "WorkGroup",
    "WorkPlan",
    "WorkTask",
    "active_in",
    "groups_in",
]
