"""What the records say about one agency's year: the groups and who served in them, the rules in force (with
their approvers against the configured chain), the meetings and training (hours per person), the inspections and
the state of their rectification, the measures announced and carried in, the work plan, the evaluation, social
ratings and accountability. The staff page, the XLSX ledger and the report's prose all read this."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.core.evaluation import FeedbackEntry

from . import chain, evaluation, planning, sources
from .models import (
    Accountability,
    GroupMember,
    Inspection,
    Measure,
    Meeting,
    MeetingKind,
    ProposalCount,
    Rectification,
    RectificationStatus,
    Rule,
    SocialRating,
    TaskAssignment,
    WorkGroup,
    WorkPlan,
    groups_in,
)


@dataclass
class RuleRow:
    rule: Rule
    comparisons: list[chain.Comparison]

    @property
    def mismatched(self) -> bool:
        return any(not c.matches for c in self.comparisons)


@dataclass
class YearRecords:
    agency: Agency
    year: int
    groups: list[tuple[WorkGroup, list[GroupMember]]]
    rules: list[RuleRow]
    chain: list[chain.ConfiguredStep] | None
    meetings: list[Meeting]
    hours: list[tuple[str, Decimal, int]]
    inspections: list[Inspection]
    rectifications: list[Rectification]
    previous_open: list[Rectification] = field(default_factory=list)
    proposals: list[ProposalCount] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    carried: list[Measure] = field(default_factory=list)
    plans: list[WorkPlan] = field(default_factory=list)
    assignments: list[TaskAssignment] = field(default_factory=list)
    ratings: list[SocialRating] = field(default_factory=list)
    feedback: list[FeedbackEntry] = field(default_factory=list)
    accountability: list[Accountability] = field(default_factory=list)
    evaluations: list[tuple] = field(default_factory=list)
    evaluated: list[tuple] = field(default_factory=list)

    def meetings_by_kind(self) -> list[tuple[str, int]]:
        counts = Counter(m.kind for m in self.meetings)
        return [(kind.label, counts[kind]) for kind in MeetingKind if counts[kind]]

    def rectification_counts(self) -> dict[RectificationStatus, int]:
        counts = Counter(r.status for r in self.rectifications)
        return {status: counts[status] for status in RectificationStatus}

    @property
    def is_empty(self) -> bool:
        return not (
            self.groups
            or self.rules
            or self.meetings
            or self.inspections
            or self.previous_open
            or self.proposals
            or self.measures
            or self.carried
            or self.plans
            or self.assignments
            or self.ratings
            or self.feedback
            or self.accountability
            or self.evaluations
            or self.evaluated
        )


def public_feedback(agency: Agency, year: int) -> list[FeedbackEntry]:
    """The public's feedback of ``year`` a government's 社会评议 counts: to the government and every agency below
    it (the portal's 意见建议和投诉). Other agencies' reports leave it to their government."""
    if agency.kind != AgencyKind.GOVERNMENT:
        return []
    return sources.feedback_entries(list(Agency.objects.filter(path__startswith=agency.path)), year)


def year_records(agency: Agency, year: int) -> YearRecords:
    start, end = date(year, 1, 1), date(year, 12, 31)
    configured = chain.configured_chain(agency)
    rules = [
        RuleRow(rule, chain.compare(rule.approvals, configured))
        for rule in Rule.objects.filter(agency=agency, effective_on__lte=end).exclude(repealed_on__lt=start)
    ]
    meetings = list(
        Meeting.objects.filter(agency=agency, held_on__range=(start, end))
        .prefetch_related("participants")
        .order_by("held_on", "pk")
    )
    hours: dict[str, list] = {}
    for meeting in meetings:
        if meeting.hours:
            for person in meeting.participants.all():
                entry = hours.setdefault(person.name, [Decimal(0), 0])
                entry[0] += meeting.hours
                entry[1] += 1
    inspections = list(Inspection.objects.filter(agency=agency, inspected_on__range=(start, end)))
    rectifications = list(
        Rectification.objects.filter(inspection__in=inspections).select_related("inspection", "responsible")
    )
    previous_open = list(
        Rectification.objects.filter(agency=agency, inspection__inspected_on__lt=start)
        .exclude(confirmed_on__lt=start)
        .select_related("inspection", "responsible")
    )
    return YearRecords(
        agency,
        year,
        groups_in(agency, year),
        rules,
        configured,
        meetings,
        sorted(((name, h, n) for name, (h, n) in hours.items()), key=lambda row: (-row[1], row[0])),
        inspections,
        rectifications,
        previous_open,
        list(ProposalCount.objects.filter(agency=agency, year=year)),
        list(Measure.objects.filter(agency=agency, year=year)),
        planning.carried_measures(agency, year),
        planning.plans_for(agency, year),
        [a for a in planning.assignments_of(agency, year) if a.task.plan.agency_id != agency.pk],
        list(SocialRating.objects.filter(agency=agency, year=year)),
        public_feedback(agency, year),
        list(Accountability.objects.filter(agency=agency, year=year)),
        [
            (scheme, evaluation.results(scheme))
            for scheme in agency.evaluation_schemes.filter(year=year).prefetch_related("indicators")
        ],
        evaluation.own_results(agency, year),
    )
