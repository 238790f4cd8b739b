"""The models of work records: organisation (groups and members), rules, meetings and training, inspections with
their rectification items, the 建议提案 handled."""

from .inspections import Inspection, InspectionKind, Rectification, RectificationStatus
from .meetings import Meeting, MeetingKind
from .organisation import GroupKind, GroupMember, MemberRole, WorkGroup, active_in, groups_in
from .proposals import ProposalCount, ProposalKind
from .rules import Rule, RuleStep

__all__ = [
    "GroupKind",
    "GroupMember",
    "Inspection",
    "InspectionKind",
    "Meeting",
    "MeetingKind",
    "MemberRole",
    "ProposalCount",
    "ProposalKind",
    "Rectification",
    "RectificationStatus",
    "Rule",
    "RuleStep",
    "WorkGroup",
    "active_in",
    "groups_in",
]
