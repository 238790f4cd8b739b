"""Figures stated in the prose — counts (件/项/条/起/人次), amounts (元/万元), percentages — and what each one is about.

A figure is read with its *lead* (the text since the previous figure or the start of the clause chain, e.g.
"全年作出处理决定" in "行政许可事项10项，全年作出处理决定30件"), its *tail* (the text after it up to the end of the
clause, for figures written first: "有3件申请已超过答复期限") and its *topic* (the last subject named before it in
the sentence: 行政许可, 行政复议, 信息处理费 …). `RULES` say which table cell or which fact of the records a
figure with such a lead, tail and topic states; `crosscheck.text_vs_table` compares them.

Facts of the records (what the tables do not hold) are passed by the generator under the names of `FACTS`; an
auditor reading a published report has none, and the rules that need them are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from gongkai.core.report.formats import APPEALS, PROACTIVE, REQUESTS
from gongkai.core.report.model import AnnualReport, Number

FACTS: dict[str, str] = {
    "published": "平台登记的本年主动公开信息",
    "withheld_register": "平台登记的不予公开信息",
    "late_published": "平台记录的逾期公开信息",
    "answered_late": "平台记录的逾期答复申请",
    "open_overdue": "平台记录的年末已超期仍在办理的申请",
    "processing_fee_amount": "平台记录的本年收取信息处理费（元）",
    "processing_fee_count": "平台记录的缴纳信息处理费的申请",
    "unpaid_fee": "平台记录的逾期未缴费申请",
    "licensing.items": "权责清单年末行政许可事项",
    "licensing.items_before": "权责清单上年末行政许可事项",
    "other_services.items": "权责清单年末其他对外管理服务事项",
    "other_services.items_before": "权责清单上年末其他对外管理服务事项",
    "penalty.items": "权责清单年末行政处罚事项",
    "penalty.items_before": "权责清单上年末行政处罚事项",
    "coercion.items": "权责清单年末行政强制事项",
    "coercion.items_before": "权责清单上年末行政强制事项",
}
"""The facts of the records a generated report's prose may state, by name, with what they are."""

_FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s*(万元|元|人次|件|项|条|起|%|％)")
_SENTENCE = re.compile(r"[^。；;！？\n]+")
_TAIL_END = re.compile(r"[，,。；;：:（(）)]")
_CLAUSE = re.compile(r"[，,：:（(）)]")

_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("licensing", re.compile("行政许可")),
    ("other_services", re.compile("其他对外管理服务")),
    ("penalty", re.compile("行政处罚")),
    ("coercion", re.compile("行政强制")),
    ("admin_fees", re.compile("行政事业性收费")),
    ("review", re.compile("行政复议")),
    ("litigation", re.compile("行政诉讼")),
    ("processing_fee", re.compile("信息处理费")),
    ("requests", re.compile("政府信息公开申请|依申请公开")),
)
POWER_ROWS = ("licensing", "other_services", "penalty", "coercion")


@dataclass(frozen=True)
class Figure:
    """One figure of the prose: the number, its unit, and the words around it."""

    value: Decimal
    unit: str
    lead: str
    tail: str
    topic: str | None
    phrase: str  # the end of the lead, the number and the unit: what the finding quotes
    start: int
    end: int


def figures(text: str) -> Iterator[Figure]:
    """Every figure of ``text`` (a report's prose, commas in numbers already removed).

    The topics are found once in the whole text (no topic word holds a sentence's end, so none crosses one) and
    each figure takes the last one that ends before it within its sentence."""
    all_topics = sorted((m.end(), key) for key, pattern in _TOPICS for m in pattern.finditer(text))
    for sentence in _SENTENCE.finditer(text):
        body, offset = sentence.group(0), sentence.start()
        if not _FIGURE.search(body):
            continue
        end_of_sentence = sentence.end()
        topics = [(end - offset, key) for end, key in all_topics if offset < end <= end_of_sentence]
        previous = 0
        for match in _FIGURE.finditer(body):
            if match.start() > 0 and body[match.start() - 1].isdigit():
                continue
            lead = body[previous : match.start()]
            tail_text = body[match.end() :]
            stop = _TAIL_END.search(tail_text)
            tail = tail_text[: stop.start()] if stop else tail_text
            topic = next((key for end, key in reversed(topics) if end <= match.start()), None)
            try:
                value = Decimal(match.group(1))
            except InvalidOperation:  # pragma: no cover - the pattern only matches decimals
                continue
            short_lead = _CLAUSE.split(lead)[-1][-16:]
            yield Figure(
                value,
                "%" if match.group(2) == "％" else match.group(2),
                lead,
                tail,
                topic,
                f"{short_lead}{match.group(1)}{match.group(2)}",
                offset + match.start(),
                offset + match.end(),
            )
            previous = match.end()


# ---------------------------------------------------------------------------------------------------------------
# What a figure states

Getter = Callable[[AnnualReport, Mapping[str, Number]], Number | None]


@dataclass(frozen=True)
class Rule:
    """A figure whose lead ends with ``lead`` (and whose tail starts with ``tail``, whose topic is one of
    ``topics``, whose unit is one of ``units``) states ``value``; ``where`` and ``label`` name it."""

    name: str
    lead: re.Pattern[str] | None
    units: tuple[str, ...]
    value: Getter
    where: str | tuple[str, str, str | None]  # a text, or the cell whose place in the tables it is
    label: str
    topics: tuple[str | None, ...] | None = None
    tail: re.Pattern[str] | None = None

    @property
    def fact(self) -> bool:
        """Whether the rule states a fact of the records rather than a table cell."""
        return isinstance(self.where, str) and self.where.startswith("正文")

    def place(self, report: AnnualReport) -> str:
        if isinstance(self.where, tuple):
            return report.spec.where(*self.where)
        return self.where

    def applies(self, figure: Figure) -> bool:
        if figure.unit not in self.units:
            return False
        if self.topics is not None and figure.topic not in self.topics:
            return False
        if self.lead is not None and not self.lead.search(figure.lead):
            return False
        return self.tail is None or bool(self.tail.match(figure.tail))


def _cells(*refs: tuple[str, str, str | None]) -> Getter:
    """The sum of table cells (``None`` when any is blank)."""

    def total(report: AnnualReport, known: Mapping[str, Number]) -> Number | None:
        values = [report.value(*ref) for ref in refs]
        return None if any(v is None for v in values) else sum(values)

    return total


def _rows(prefix: str) -> Getter:
    """The 总计 column summed over a group of table 三 rows (不予公开 1…8 …)."""

    def total(report: AnnualReport, known: Mapping[str, Number]) -> Number | None:
        spec = report.spec
        keys = [k for k in spec.request_row_keys if k == prefix or k.startswith(prefix + ".")]
        values = [report.value(REQUESTS, k, "total") for k in keys]
        return None if not keys or any(v is None for v in values) else sum(values)

    return total


def _fact(name: str) -> Getter:
    return lambda report, known: known.get(name)


def _decisions(row: str) -> Getter:
    return _cells((PROACTIVE, f"{row}.decisions", None))


def _corrected_share(report: AnnualReport, known: Mapping[str, Number]) -> Number | None:
    groups = ("review", "litigation_direct", "litigation_after_review")
    totals = [report.value(APPEALS, f"{g}.total") for g in groups]
    corrected = [report.value(APPEALS, f"{g}.corrected") for g in groups]
    if any(v is None for v in totals + corrected) or not sum(totals):
        return None
    return Decimal(sum(corrected)) * 100 / Decimal(sum(totals))


def _end(pattern: str) -> re.Pattern[str]:
    """A lead that ends with ``pattern`` (followed at most by 共/为/计/达/合计)."""
    return re.compile(f"(?:{pattern})(?:共计|合计|总计|共|为|计|达)?$")


_COUNT = ("件",)
_LITIGATION = ("litigation_direct", "litigation_after_review")
_T3 = "表三/"

RULES: tuple[Rule, ...] = (
    Rule(
        "concluded",
        _end(r"办结(?:政府信息公开申请|申请)?"),
        _COUNT,
        _cells((REQUESTS, "total", "total")),
        f"{_T3}（七）总计/总计",
        "办理结果总计",
    ),
    Rule(
        "withheld",
        _end(r"(?<!部分)不予公开(?:的|申请)?"),
        _COUNT,
        _rows("withheld"),
        f"{_T3}（三）不予公开/总计",
        "不予公开各项合计",
    ),
    Rule(
        "unavailable",
        _end("无法提供"),
        _COUNT,
        _rows("unavailable"),
        f"{_T3}（四）无法提供/总计",
        "无法提供各项合计",
    ),
    Rule(
        "not_processed",
        _end("不予处理"),
        _COUNT,
        _rows("not_processed"),
        f"{_T3}（五）不予处理/总计",
        "不予处理各项合计",
    ),
    Rule("other", _end("其他处理"), _COUNT, _rows("other"), f"{_T3}（六）其他处理/总计", "其他处理各项合计"),
    Rule(
        "carried_forward",
        _end(r"结转下(?:一)?年度(?:继续办理)?"),
        _COUNT,
        _cells((REQUESTS, "carried_forward", "total")),
        f"{_T3}四、结转下年度继续办理/总计",
        "结转下年度继续办理",
    ),
    Rule(
        "new_organisations",
        _end(r"其中法人或其他组织(?:提出)?"),
        _COUNT,
        _cells(
            *(
                (REQUESTS, "new", c)
                for c in ("commercial", "research", "public_interest", "legal_services", "other_org")
            )
        ),
        f"{_T3}一、本年新收政府信息公开申请数量",
        "法人或其他组织提出的新收申请",
    ),
    Rule(
        "review_corrected",
        _end(r"(?:结果)?纠正"),
        _COUNT,
        _cells((APPEALS, "review.corrected", None)),
        "表四/行政复议/结果纠正",
        "行政复议结果纠正",
        topics=("review",),
    ),
    Rule(
        "litigation_corrected",
        _end(r"(?:结果)?纠正"),
        _COUNT,
        _cells(*((APPEALS, f"{g}.corrected", None) for g in _LITIGATION)),
        "表四/行政诉讼/结果纠正",
        "行政诉讼结果纠正（未经复议直接起诉 + 复议后起诉）",
        topics=("litigation",),
    ),
    Rule(
        "corrected_replies",
        re.compile(r"有$"),
        _COUNT,
        _cells(*((APPEALS, f"{g}.corrected", None) for g in ("review", *_LITIGATION))),
        "表四/结果纠正",
        "行政复议、行政诉讼结果纠正合计",
        tail=re.compile(r"答复被纠正"),
    ),
    Rule(
        "corrected_share",
        _end("纠正率"),
        ("%",),
        _corrected_share,
        "表四/结果纠正",
        "行政复议、行政诉讼结果纠正占比（%）",
    ),
    *(
        Rule(
            f"{row}.decisions",
            _end(r"(?:处理)?决定(?:数量)?"),
            ("件", "起"),
            _decisions(row),
            (PROACTIVE, f"{row}.decisions", None),
            "处理决定数量",
            topics=(row,),
        )
        for row in POWER_ROWS
    ),
    Rule(
        "admin_fees",
        _end(r"行政事业性收费(?:金额)?|收费金额"),
        ("万元", "元"),
        _cells((PROACTIVE, "fees.amount", None)),
        (PROACTIVE, "fees.amount", None),
        "本年收费金额（万元）",
        topics=("admin_fees",),
    ),
    # the facts of the records
    Rule(
        "published",
        _end("主动公开政府信息"),
        ("条",),
        _fact("published"),
        "正文/主动公开",
        FACTS["published"],
    ),
    Rule(
        "withheld_register",
        _end("不予公开并登记备查的信息"),
        ("条",),
        _fact("withheld_register"),
        "正文/主动公开",
        FACTS["withheld_register"],
    ),
    Rule(
        "late_published",
        re.compile("有$"),
        ("条",),
        _fact("late_published"),
        "正文/主动公开",
        FACTS["late_published"],
        tail=re.compile("政府信息未在"),
    ),
    Rule(
        "answered_late",
        re.compile("有$"),
        _COUNT,
        _fact("answered_late"),
        "正文/依申请公开",
        FACTS["answered_late"],
        tail=re.compile(r"政府信息公开申请在法定期限届满后"),
    ),
    Rule(
        "open_overdue",
        re.compile("有$"),
        _COUNT,
        _fact("open_overdue"),
        "正文/依申请公开",
        FACTS["open_overdue"],
        tail=re.compile("申请已超过答复期限"),
    ),
    Rule(
        "unpaid_fee",
        re.compile("有$"),
        _COUNT,
        _fact("unpaid_fee"),
        "正文/信息处理费",
        FACTS["unpaid_fee"],
        tail=re.compile("申请的申请人逾期未缴纳"),
    ),
    Rule(
        "processing_fee_amount",
        None,
        ("元",),
        _fact("processing_fee_amount"),
        "正文/信息处理费",
        FACTS["processing_fee_amount"],
        topics=("processing_fee",),
    ),
    Rule(
        "processing_fee_count",
        _end("涉及申请"),
        _COUNT,
        _fact("processing_fee_count"),
        "正文/信息处理费",
        FACTS["processing_fee_count"],
        topics=("processing_fee",),
    ),
    *(
        Rule(
            f"{row}.items",
            re.compile(r"事项$"),
            ("项",),
            _fact(f"{row}.items"),
            "正文/权责清单",
            FACTS[f"{row}.items"],
            topics=(row,),
        )
        for row in POWER_ROWS
    ),
    *(
        Rule(
            f"{row}.items_before",
            re.compile(r"上年末$"),
            ("项",),
            _fact(f"{row}.items_before"),
            "正文/权责清单",
            FACTS[f"{row}.items_before"],
            topics=(row,),
        )
        for row in POWER_ROWS
    ),
)


def stated_value(figure: Figure, rule: Rule) -> Decimal:
    """The figure in the unit of the value it is compared with (元 → 万元 for table 二's 收费金额)."""
    if rule.name == "admin_fees" and figure.unit == "元":
        return figure.value / 10000
    return figure.value


def agrees(stated: Decimal, actual: Number, unit: str) -> bool:
    """A percentage agrees when it is ``actual`` rounded (or cut) to the decimals written; others exactly."""
    if unit != "%":
        return stated == Decimal(actual)
    places = -stated.as_tuple().exponent if stated.as_tuple().exponent < 0 else 0
    quantum = Decimal(1).scaleb(-places)
    value = Decimal(actual)
    return stated in (value.quantize(quantum), value.quantize(quantum, rounding="ROUND_DOWN"))
