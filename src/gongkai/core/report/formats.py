"""The two national formats of the 政府信息公开工作年度报告, as data.

* ``"2019"`` — 国办公开办函〔2019〕60号, 《中华人民共和国政府信息公开工作年度报告格式（试行）》, report years 2019–2020.
* ``"2021"`` — 国办公开办函〔2021〕30号 (2021-09-26), 《中华人民共和国政府信息公开工作年度报告格式》, 2021 onwards.
* ``"older"`` — reports before 2019 had no national format; they have no tables we know.

Labels are the exact official wording (shared/spec/annual-report-format.md); keys are the stable names used in
JSON and code. Everything that draws, reads or checks a report takes its structure from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

TEMPLATE_2019 = "2019"
TEMPLATE_2021 = "2021"
TEMPLATE_OLDER = "older"
TEMPLATE_NAMES = (TEMPLATE_2019, TEMPLATE_2021)
FIRST_YEAR = 2019
"""The first report year with a national format (国办公开办函〔2019〕60号); earlier reports had none."""

PROACTIVE = "proactive"
REQUESTS = "requests"
APPEALS = "appeals"
TABLE_KEYS = (PROACTIVE, REQUESTS, APPEALS)
TABLE_NAMES = {PROACTIVE: "表二", REQUESTS: "表三", APPEALS: "表四"}


def template_for_year(year: int) -> str:
    """The template a report for ``year`` must use: ``"older"`` before 2019, ``"2019"`` for 2019–2020."""
    if year < FIRST_YEAR:
        return TEMPLATE_OLDER
    if year <= 2020:
        return TEMPLATE_2019
    return TEMPLATE_2021


# ---------------------------------------------------------------------------------------------------------------
# Sections


@dataclass(frozen=True)
class SectionSpec:
    key: str
    number: str
    heading: str
    variants: tuple[str, ...] = ()
    prose: bool = False  # a section whose content is text only (一, 五, 六): it must not be empty

    @property
    def title(self) -> str:
        """The heading as printed: ``一、总体情况``."""
        return f"{self.number}、{self.heading}"


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("overview", "一", "总体情况", prose=True),
    SectionSpec("proactive", "二", "主动公开政府信息情况"),
    SectionSpec("requests", "三", "收到和处理政府信息公开申请情况"),
    SectionSpec(
        "appeals",
        "四",
        "政府信息公开行政复议、行政诉讼情况",
        variants=("政府信息公开行政复议和行政诉讼情况", "因政府信息公开工作被申请行政复议、提起行政诉讼情况"),
    ),
    SectionSpec(
        "problems",
        "五",
        "存在的主要问题及改进情况",
        variants=("政府信息公开工作存在的主要问题及改进情况", "存在的主要问题和改进措施"),
        prose=True,
    ),
    SectionSpec("other", "六", "其他需要报告的事项", prose=True),
)
SECTION_KEYS = tuple(s.key for s in SECTIONS)
_SECTIONS_BY_KEY = {s.key: s for s in SECTIONS}


def section(key: str) -> SectionSpec:
    return _SECTIONS_BY_KEY[key]


# ---------------------------------------------------------------------------------------------------------------
# Table 二 主动公开政府信息情况


@dataclass(frozen=True)
class Column:
    key: str
    label: str


@dataclass(frozen=True)
class ProactiveCell:
    """One value cell of table 二, e.g. ``rules.issued`` = 第二十条第（一）项 / 规章 / 本年制发件数."""

    key: str
    caption: str
    row_label: str
    column_label: str
    decimal: bool = False  # amounts in 万元; every other cell is an integer
    signed: bool = False  # 2019 本年增/减: 减 is written as a negative number

    @property
    def where(self) -> str:
        return f"表二/{self.caption}/{self.row_label}/{self.column_label}"


@dataclass(frozen=True)
class ProactiveSubtable:
    """A block of table 二 under one caption (第二十条第（一）项 …): header row then one row per item."""

    caption: str
    columns: tuple[Column, ...]
    rows: tuple[Column, ...]  # key and label of each row (规章 …)
    decimal_columns: frozenset[str] = frozenset()
    signed_columns: frozenset[str] = frozenset()

    @property
    def cells(self) -> tuple[ProactiveCell, ...]:
        return tuple(
            ProactiveCell(
                key=f"{row.key}.{col.key}",
                caption=self.caption,
                row_label=row.label,
                column_label=col.label,
                decimal=col.key in self.decimal_columns,
                signed=col.key in self.signed_columns,
            )
            for row in self.rows
            for col in self.columns
        )


PROACTIVE_LABEL_HEADER = "信息内容"

# ---------------------------------------------------------------------------------------------------------------
# Table 三 收到和处理政府信息公开申请情况

REQUESTS_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANT_HEADER = "申请人情况"
ORGANISATION_HEADER = "法人或其他组织"
RESULTS_LABEL = "三、本年度办理结果"

REQUEST_COLUMNS: tuple[Column, ...] = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业"),
    Column("research", "科研机构"),
    Column("public_interest", "社会公益组织"),
    Column("legal_services", "法律服务机构"),
    Column("other_org", "其他"),
    Column("total", "总计"),
)
REQUEST_COLUMN_KEYS = tuple(c.key for c in REQUEST_COLUMNS)
APPLICANT_COLUMN_KEYS = REQUEST_COLUMN_KEYS[:-1]
ORGANISATION_COLUMN_KEYS = REQUEST_COLUMN_KEYS[1:-1]
_REQUEST_COLUMNS_BY_KEY = {c.key: c for c in REQUEST_COLUMNS}


@dataclass(frozen=True)
class RequestRow:
    """A data row of table 三.

    ``label`` is the text of the row's own cell (``1.属于国家秘密``); ``group`` the merged label above numbered
    sub-rows (``（三）不予公开``), which has no row of its own; ``result`` marks the rows under 三、本年度办理结果
    whose sum is the total (I2).
    """

    key: str
    label: str
    group: str | None = None
    result: bool = False

    @property
    def full_label(self) -> str:
        """The label as the spec writes it: ``（三）不予公开 1.属于国家秘密``."""
        return f"{self.group} {self.label}" if self.group else self.label


def request_column(key: str) -> Column:
    return _REQUEST_COLUMNS_BY_KEY[key]


_WITHHELD = "（三）不予公开"
_UNAVAILABLE = "（四）无法提供"
_NOT_PROCESSED = "（五）不予处理"
_OTHER = "（六）其他处理"

_REQUEST_ROWS_HEAD: tuple[RequestRow, ...] = (
    RequestRow("new", "一、本年新收政府信息公开申请数量"),
    RequestRow("carried_over", "二、上年结转政府信息公开申请数量"),
    RequestRow("granted", "（一）予以公开", result=True),
    RequestRow("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", result=True),
    RequestRow("withheld.state_secret", "1.属于国家秘密", _WITHHELD, True),
    RequestRow("withheld.prohibited_by_law", "2.其他法律行政法规禁止公开", _WITHHELD, True),
    RequestRow("withheld.security_stability", "3.危及“三安全一稳定”", _WITHHELD, True),
    RequestRow("withheld.third_party", "4.保护第三方合法权益", _WITHHELD, True),
    RequestRow("withheld.internal_affairs", "5.属于三类内部事务信息", _WITHHELD, True),
    RequestRow("withheld.process_info", "6.属于四类过程性信息", _WITHHELD, True),
    RequestRow("withheld.enforcement_file", "7.属于行政执法案卷", _WITHHELD, True),
    RequestRow("withheld.query_matter", "8.属于行政查询事项", _WITHHELD, True),
    RequestRow("unavailable.not_held", "1.本机关不掌握相关政府信息", _UNAVAILABLE, True),
    RequestRow("unavailable.needs_creation", "2.没有现成信息需要另行制作", _UNAVAILABLE, True),
    RequestRow("unavailable.unclear_after_correction", "3.补正后申请内容仍不明确", _UNAVAILABLE, True),
    RequestRow("not_processed.petition", "1.信访举报投诉类申请", _NOT_PROCESSED, True),
    RequestRow("not_processed.repeated", "2.重复申请", _NOT_PROCESSED, True),
    RequestRow("not_processed.publication", "3.要求提供公开出版物", _NOT_PROCESSED, True),
    RequestRow("not_processed.excessive", "4.无正当理由大量反复申请", _NOT_PROCESSED, True),
    RequestRow("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息", _NOT_PROCESSED, True),
)
_REQUEST_ROWS_TAIL: tuple[RequestRow, ...] = (
    RequestRow("total", "（七）总计"),
    RequestRow("carried_forward", "四、结转下年度继续办理"),
)
_OTHER_2019 = (RequestRow("other", _OTHER, result=True),)
_OTHER_2021 = (
    RequestRow(
        "other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        _OTHER,
        True,
    ),
    RequestRow(
        "other.unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        _OTHER,
        True,
    ),
    RequestRow("other.misc", "3.其他", _OTHER, True),
)

# ---------------------------------------------------------------------------------------------------------------
# Table 四 政府信息公开行政复议、行政诉讼情况 (same in both templates)

REVIEW_HEADER = "行政复议"
LITIGATION_HEADER = "行政诉讼"

APPEAL_GROUPS: tuple[Column, ...] = (
    Column("review", "行政复议"),
    Column("litigation_direct", "未经复议直接起诉"),
    Column("litigation_after_review", "复议后起诉"),
)
APPEAL_COLUMNS: tuple[Column, ...] = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)


@dataclass(frozen=True)
class AppealCell:
    key: str  # review.upheld
    group: Column
    column: Column

    @property
    def label(self) -> str:
        """``行政复议/结果维持``, ``行政诉讼/复议后起诉/总计``."""
        if self.group.key == "review":
            return f"{REVIEW_HEADER}/{self.column.label}"
        return f"{LITIGATION_HEADER}/{self.group.label}/{self.column.label}"

    @property
    def where(self) -> str:
        return f"表四/{self.label}"


APPEAL_CELLS: tuple[AppealCell, ...] = tuple(
    AppealCell(f"{g.key}.{c.key}", g, c) for g in APPEAL_GROUPS for c in APPEAL_COLUMNS
)
APPEAL_KEYS = tuple(c.key for c in APPEAL_CELLS)
_APPEAL_CELLS_BY_KEY = {c.key: c for c in APPEAL_CELLS}


def appeal_cell(key: str) -> AppealCell:
    return _APPEAL_CELLS_BY_KEY[key]


# ---------------------------------------------------------------------------------------------------------------
# Templates


@dataclass(frozen=True)
class Template:
    """One national format: its document, its table 二 blocks and its table 三 rows.

    ``proactive_grid`` is the number of grid columns of table 二 in the official layout (captions span it);
    ``proactive_label_span`` how many grid columns the 信息内容 column takes.
    """

    name: str
    document: str
    title: str
    proactive: tuple[ProactiveSubtable, ...]
    request_rows: tuple[RequestRow, ...]
    proactive_grid: int
    proactive_label_span: int = 1

    @cached_property
    def proactive_cells(self) -> tuple[ProactiveCell, ...]:
        return tuple(cell for sub in self.proactive for cell in sub.cells)

    @cached_property
    def proactive_keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.proactive_cells)

    @cached_property
    def _proactive_by_key(self) -> dict[str, ProactiveCell]:
        return {c.key: c for c in self.proactive_cells}

    def proactive_cell(self, key: str) -> ProactiveCell:
        return self._proactive_by_key[key]

    @cached_property
    def request_row_keys(self) -> tuple[str, ...]:
        return tuple(r.key for r in self.request_rows)

    @cached_property
    def _rows_by_key(self) -> dict[str, RequestRow]:
        return {r.key: r for r in self.request_rows}

    def request_row(self, key: str) -> RequestRow:
        return self._rows_by_key[key]

    @cached_property
    def result_row_keys(self) -> tuple[str, ...]:
        """The rows whose sum is （七）总计 (identity I2), in order."""
        return tuple(r.key for r in self.request_rows if r.result)

    @property
    def appeal_keys(self) -> tuple[str, ...]:
        return APPEAL_KEYS

    def where(self, table: str, key: str, column: str | None = None) -> str:
        """Where a cell is, for findings: ``表三/一、本年新收政府信息公开申请数量/总计``."""
        if table == PROACTIVE:
            return self.proactive_cell(key).where
        if table == REQUESTS:
            row = self.request_row(key)
            if column is None:
                return f"表三/{row.full_label}"
            return f"表三/{row.full_label}/{request_column(column).label}"
        return appeal_cell(key).where


_RULES_2021 = ProactiveSubtable(
    "第二十条第（一）项",
    (
        Column("issued", "本年制发件数"),
        Column("repealed", "本年废止件数"),
        Column("in_force", "现行有效件数"),
    ),
    (Column("rules", "规章"), Column("normative_documents", "行政规范性文件")),
)
_DECISIONS_2021 = (Column("decisions", "本年处理决定数量"),)
TEMPLATE_2021_SPEC = Template(
    name=TEMPLATE_2021,
    document="国办公开办函〔2021〕30号",
    title="中华人民共和国政府信息公开工作年度报告格式",
    proactive=(
        _RULES_2021,
        ProactiveSubtable("第二十条第（五）项", _DECISIONS_2021, (Column("licensing", "行政许可"),)),
        ProactiveSubtable(
            "第二十条第（六）项",
            _DECISIONS_2021,
            (Column("penalty", "行政处罚"), Column("coercion", "行政强制")),
        ),
        ProactiveSubtable(
            "第二十条第（八）项",
            (Column("amount", "本年收费金额（单位：万元）"),),
            (Column("fees", "行政事业性收费"),),
            decimal_columns=frozenset({"amount"}),
        ),
    ),
    request_rows=_REQUEST_ROWS_HEAD + _OTHER_2021 + _REQUEST_ROWS_TAIL,
    proactive_grid=4,
)

_ITEMS_2019 = (
    Column("prev_items", "上一年项目数量"),
    Column("change", "本年增/减"),
    Column("decisions", "处理决定数量"),
)
_SIGNED = frozenset({"change"})
TEMPLATE_2019_SPEC = Template(
    name=TEMPLATE_2019,
    document="国办公开办函〔2019〕60号",
    title="中华人民共和国政府信息公开工作年度报告格式（试行）",
    proactive=(
        ProactiveSubtable(
            "第二十条第（一）项",
            (
                Column("made", "本年新制作数量"),
                Column("published", "本年新公开数量"),
                Column("total_published", "对外公开总数量"),
            ),
            (Column("rules", "规章"), Column("normative_documents", "规范性文件")),
        ),
        ProactiveSubtable(
            "第二十条第（五）项",
            _ITEMS_2019,
            (Column("licensing", "行政许可"), Column("other_services", "其他对外管理服务事项")),
            signed_columns=_SIGNED,
        ),
        ProactiveSubtable(
            "第二十条第（六）项",
            _ITEMS_2019,
            (Column("penalty", "行政处罚"), Column("coercion", "行政强制")),
            signed_columns=_SIGNED,
        ),
        ProactiveSubtable(
            "第二十条第（八）项", _ITEMS_2019[:2], (Column("fees", "行政事业性收费"),), signed_columns=_SIGNED
        ),
        ProactiveSubtable(
            "第二十条第（九）项",
            (Column("items", "采购项目数量"), Column("amount", "采购总金额")),
            (Column("procurement", "政府集中采购"),),
            decimal_columns=frozenset({"amount"}),
        ),
    ),
    request_rows=_REQUEST_ROWS_HEAD + _OTHER_2019 + _REQUEST_ROWS_TAIL,
    proactive_grid=5,
    proactive_label_span=2,
)

TEMPLATES: dict[str, Template] = {TEMPLATE_2019: TEMPLATE_2019_SPEC, TEMPLATE_2021: TEMPLATE_2021_SPEC}


def get_template(name: str) -> Template:
    """The template ``"2019"`` or ``"2021"``; ``KeyError`` for ``"older"`` or anything else."""
    return TEMPLATES[name]


# ---------------------------------------------------------------------------------------------------------------
# Text that must not remain in a published report


TEMPLATE_INSTRUCTIONS: tuple[str, ...] = (
    "（文字描述）",
    "（文字描述，收取信息处理费情况在此处报告。）",
    "（文字描述，收取信息处理费情况在此处报告）",
)
"""Instructions of the official blank template (under 一, 五 and 六)."""

TEMPLATE_TEXT_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"（?文字描述[^）]*）?"),
    re.compile(r"此项为历年公开的累计数[^0-9]*"),
    re.compile(r"地方行政规章指各省、自治区、直辖市的人民政府[^0-9]*"),
    re.compile(r"是指各级人民政府及其派出机关、县级以上人民政府所属工作部门[^0-9]*"),
    re.compile(r"[（(]建议咨询.{0,40}?填报[）)]"),
    re.compile(r"[:：]?指\d{4}办理总数.*未结数[^=]*"),
    re.compile(r"\d{4}年内作出.{1,12}?(?:决定的?)?(?:总)?数量"),
    re.compile(r"年内本级财政本单位采购数量|年内本单位采购总金额"),
    re.compile(r"收费项目数量(?=\s*\d)|(?<![年购])项目数量(?=\s*\d)|同上(?=\s*\d)"),
)
"""Explanatory text of circulated templates that agencies leave in value cells or labels (``template-text``)."""

PLACEHOLDER_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"左栏所有总计"),
    re.compile(r"^[XxＸｘ×]+\s*件?$"),
    re.compile(r"\d{4}年内作出.{1,12}?的总数量$"),
    re.compile(r"^年内作出.*的总数量$"),
    re.compile(r"^[+＋]?（增加数）\s*[-－]?（?减少数）?$|（增加数）|（减少数）"),
)
"""Unfilled template text in a value cell where a number belongs (``placeholder``)."""

KNOWN_MISPRINTS: dict[str, str] = {
    "工作工作": "工作",
    "其他法律行政止公开": "其他法律行政法规禁止公开",
    "其他法律行政法规止公开": "其他法律行政法规禁止公开",
    "公开公开": "公开",
    "情况情况": "情况",
    "信息信息": "信息",
}
"""Misprints seen in published reports, mapped to the right wording (``typo``)."""
