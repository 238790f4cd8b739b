"""Services and measurements of the evaluation (政务公开考核). The supervising office defines a scheme and its
indicators; the measured indicators are computed from the records (`measure`, scored by `core.evaluation.score`),
the others are scored by hand with a note; `results` ranks the agencies. Every change is one service call in one
transaction with one audit event.

Measured here: items published within their 20 working days (publishing), overdue replies (applications),
答复被纠正 in review or litigation (powers' appeal cases, counted like table 四), rectification closed on time and
past its deadline, work-plan tasks done (work records), the annual report published by its statutory date and
without error findings at publication (read through `sources`: reports reads workrecords, so workrecords may not
import reports), and 错敏词 hits on the year's published items that nobody acknowledged (publishing's wording
check and its page-log acknowledgements)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from gongkai.agencies import history, scoping
from gongkai.agencies.models import Agency, AgencyKind
from gongkai.agencies.roles import Perm
from gongkai.applications.models import Application
from gongkai.core import evaluation as scoring
from gongkai.core.errors import Refused
from gongkai.core.evaluation import Method
from gongkai.powers.models import AppealCase, AppealResult
from gongkai.publishing import figures as publishing_figures
from gongkai.publishing import wording as publishing_wording
from gongkai.publishing.models import InformationItemPage

from . import sources
from .models import (
    Accountability,
    EvaluationScheme,
    Indicator,
    Rectification,
    Score,
    SocialRating,
    TaskAssignment,
    TaskState,
)
from .services import _save

SCHEME_FIELDS = ("year", "title")
INDICATOR_FIELDS = ("order", "name", "points", "method", "full_at", "zero_at", "per_item", "rule")
RATING_FIELDS = ("year", "source", "participants", "satisfied", "summary")
ACCOUNTABILITY_FIELDS = ("year", "decided_on", "matter", "outcome", "persons")


def evaluated_agencies(issuer: Agency) -> list[Agency]:
    """The agencies a government evaluates: those below it in its tree."""
    return list(Agency.objects.filter(path__startswith=issuer.path).exclude(pk=issuer.pk).order_by("path"))


@dataclass(frozen=True)
class Measured:
    value: Decimal | None
    explanation: str


def _share(part: int, whole: int, what: str) -> Measured:
    value = scoring.share(part, whole)
    if value is None:
        return Measured(None, f"{what}：本年度没有可统计的记录")
    return Measured(value, f"{what}：{part}/{whole}，即 {value}%")


def measure(method: Method, agency: Agency, year: int) -> Measured:
    """What the records say about ``agency``'s ``year`` for a measured indicator."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    if method == Method.TIMELY_PUBLICATION:
        figures = publishing_figures.summary(agency, year)
        on_time = figures["published"] - figures["late"]
        return _share(on_time, figures["published"], "按期（20个工作日内）公开的信息")
    if method == Method.OVERDUE_REPLIES:
        late = Application.objects.filter(
            agency=agency, counted_on__range=(start, end), due__isnull=False, counted_on__gt=F("due")
        ).count()
        return Measured(Decimal(late), f"逾期答复的申请 {late} 件")
    if method == Method.CORRECTED:
        corrected = AppealCase.objects.filter(
            agency=agency,
            filed_on__range=(start, end),
            result=AppealResult.CORRECTED,
            result_known_on__lte=end,
        ).count()
        return Measured(Decimal(corrected), f"本年度提起的行政复议、行政诉讼中被纠正的 {corrected} 件")
    due = Rectification.objects.filter(agency=agency, due_on__range=(start, end))
    if method == Method.RECTIFICATION_ON_TIME:
        on_time = due.filter(closed_on__isnull=False, closed_on__lte=F("due_on")).count()
        return _share(on_time, due.count(), "按期完成整改的问题")
    if method == Method.RECTIFICATION_OVERDUE:
        late = due.filter(Q(closed_on__isnull=True) | Q(closed_on__gt=F("due_on"))).count()
        return Measured(Decimal(late), f"未按期完成整改的问题 {late} 个")
    if method == Method.TASKS_DONE:
        tasks = TaskAssignment.objects.filter(agency=agency, task__plan__year=year)
        return _share(tasks.filter(state=TaskState.DONE).count(), tasks.count(), "完成的工作要点任务")
    if method == Method.REPORT_DEFECTS:
        return _report(agency, year)
    if method == Method.WORDING_UNRESOLVED:
        return _wording(agency, year)
    return Measured(None, "人工评分")


def _report(agency: Agency, year: int) -> Measured:
    record = sources.report_record(agency, year)
    defects = record.defects(timezone.localdate())
    if defects is None:
        return Measured(None, f"{year}年度报告尚未发布，法定发布期限为 {record.due}")
    if record.published_on is None:
        return Measured(Decimal(defects), f"{year}年度报告至今未发布（法定期限 {record.due}），计逾期 1 个")
    timing = (
        f"晚于法定期限 {record.due}，计逾期 1 个"
        if record.published_on > record.due
        else f"在法定期限 {record.due} 前发布"
    )
    return Measured(
        Decimal(defects),
        f"{year}年度报告于 {record.published_on} 发布，{timing}；发布时检查出错误 {record.errors} 个",
    )


def _wording(agency: Agency, year: int) -> Measured:
    """Hits of the 错敏词 check in the items published in ``year`` that no acknowledgement covers (an item edited
    after its acknowledgement has new hits to acknowledge)."""
    if not publishing_wording.rules_for(agency.pk):
        return Measured(Decimal(0), "本机关和全平台均未设置错敏词，未经确认的错敏词命中 0 个")
    left: list[tuple[str, int]] = []
    for item in InformationItemPage.objects.filter(agency=agency, published_on__year=year).order_by("pk"):
        hits = publishing_wording.check(item)
        if hits and publishing_wording.acknowledgement(item, hits) is None:
            left.append((item.title, len(hits)))
    count = sum(n for _, n in left)
    named = "、".join(f"《{title}》{n} 个" for title, n in left[:3]) + ("等" if len(left) > 3 else "")
    return Measured(
        Decimal(count),
        f"本年度公开的信息中未经确认的错敏词命中 {count} 个" + (f"（{named}）" if left else ""),
    )


@transaction.atomic
def save_scheme(issuer: Agency, scheme: EvaluationScheme | None = None, *, by, **values) -> EvaluationScheme:
    scoping.require(by, Perm.EVALUATE, issuer)
    if issuer.kind != AgencyKind.GOVERNMENT:
        raise Refused("政务公开考核由人民政府（管委会）组织，请在政府的页面登记考核方案")
    return _save(scheme or EvaluationScheme(agency=issuer), SCHEME_FIELDS, values, by)


@transaction.atomic
def save_indicator(
    scheme: EvaluationScheme, indicator: Indicator | None = None, *, by, **values
) -> Indicator:
    scoping.require(by, Perm.EVALUATE, scheme.agency)
    return _save(indicator or Indicator(agency=scheme.agency, scheme=scheme), INDICATOR_FIELDS, values, by)


def _put(indicator: Indicator, agency: Agency, points: Decimal, measured, note: str, by) -> Score:
    score = Score.objects.filter(indicator=indicator, agency=agency).first() or Score(
        indicator=indicator, agency=agency
    )
    score.points, score.measured, score.note, score.scored_by = points, measured, note, by
    score.full_clean()
    score.save()
    return score


@transaction.atomic
def compute(scheme: EvaluationScheme, *, by) -> int:
    """Score every measured indicator for every agency evaluated from the records (again: a later computation
    replaces the earlier one). An indicator with nothing to measure for an agency is left to be scored by hand."""
    scoping.require(by, Perm.EVALUATE, scheme.agency)
    count = 0
    for indicator in scheme.indicators.exclude(method=Method.MANUAL.value):
        method = Method(indicator.method)
        for agency in evaluated_agencies(scheme.agency):
            found = measure(method, agency, scheme.year)
            points = scoring.score(
                method,
                found.value,
                indicator.points,
                full_at=indicator.full_at,
                zero_at=indicator.zero_at,
                per_item=indicator.per_item,
            )
            if points is None:
                continue
            note = f"{found.explanation}；按评分标准得 {points} 分（满分 {indicator.points} 分）"
            _put(indicator, agency, points, found.value, note, by)
            count += 1
    history.record(scheme, "wagtail.edit", by, changes={"计算得分": (None, f"{count} 项")})
    return count


@transaction.atomic
def score_by_hand(indicator: Indicator, agency: Agency, *, by, points: Decimal, note: str) -> Score:
    """A hand score, with the reason; only for agencies the scheme evaluates, within the indicator's points."""
    scoping.require(by, Perm.EVALUATE, indicator.agency)
    if agency.pk not in {a.pk for a in evaluated_agencies(indicator.agency)}:
        raise Refused("该机关不在本考核范围内")
    if not Decimal(0) <= points <= indicator.points:
        raise Refused(f"得分应在 0 到 {indicator.points} 分之间")
    if len((note or "").strip()) < 4:
        raise Refused("人工评分须写明评分理由（至少 4 个字）")
    before = Score.objects.filter(indicator=indicator, agency=agency).values_list("points", flat=True).first()
    score = _put(indicator, agency, points, None, note.strip(), by)
    history.record(
        score, "wagtail.edit", by, changes={f"{indicator.name}（{agency.name}）": (before, points)}, note=note
    )
    return score


@dataclass
class ResultRow:
    rank: int
    agency: Agency
    total: Decimal
    scores: list[Score | None] = field(default_factory=list)


def results(scheme: EvaluationScheme, agencies: list[Agency] | None = None) -> list[ResultRow]:
    """The agencies evaluated, ranked by total (equal totals share a rank), with their score per indicator."""
    agencies = evaluated_agencies(scheme.agency) if agencies is None else agencies
    indicators = list(scheme.indicators.all())
    scores = {(s.indicator_id, s.agency_id): s for s in Score.objects.filter(indicator__scheme=scheme)}
    by_name = {a.name: a for a in agencies}
    totals = {
        a.name: scoring.total(s.points for i in indicators if (s := scores.get((i.pk, a.pk))))
        for a in agencies
    }
    return [
        ResultRow(rank, by_name[name], total, [scores.get((i.pk, by_name[name].pk)) for i in indicators])
        for rank, name, total in scoring.ranking(totals)
    ]


def own_results(agency: Agency, year: int) -> list[tuple[EvaluationScheme, ResultRow, int]]:
    """The schemes of ``year`` that evaluated ``agency``, with its row and the number ranked (its own view)."""
    rows = []
    for scheme in EvaluationScheme.objects.filter(year=year, agency__in=agency_ancestors(agency)):
        ranked = results(scheme)
        mine = next((r for r in ranked if r.agency.pk == agency.pk), None)
        if mine is not None:
            rows.append((scheme, mine, len(ranked)))
    return rows


def agency_ancestors(agency: Agency) -> list[Agency]:
    result, node = [], agency.parent
    while node is not None:
        result.append(node)
        node = node.parent
    return result


@transaction.atomic
def save_rating(agency: Agency, rating: SocialRating | None = None, *, by=None, **values) -> SocialRating:
    """A social rating of the agency's disclosure work (社会评议), for its report's 五."""
    return _save(rating or SocialRating(agency=agency), RATING_FIELDS, values, by)


@transaction.atomic
def save_accountability(
    agency: Agency, case: Accountability | None = None, *, by=None, **values
) -> Accountability:
    """A case of accountability for disclosure work (责任追究), for the report's 五."""
    return _save(case or Accountability(agency=agency), ACCOUNTABILITY_FIELDS, values, by)
