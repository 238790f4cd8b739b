"""The templates as data against spec/annual-report-format.md: every key, the exact labels, the structure."""

from __future__ import annotations

import pytest

from gongkai.core.report import formats
from gongkai.core.report.formats import get_template, template_for_year


@pytest.mark.parametrize(
    ("year", "template"),
    [(2007, "older"), (2018, "older"), (2019, "2019"), (2020, "2019"), (2021, "2021"), (2024, "2021")],
)
def test_template_for_year(year, template):
    assert template_for_year(year) == template


def test_sections_match_spec():
    assert [(s.key, s.number, s.heading) for s in formats.SECTIONS] == [
        ("overview", "一", "总体情况"),
        ("proactive", "二", "主动公开政府信息情况"),
        ("requests", "三", "收到和处理政府信息公开申请情况"),
        ("appeals", "四", "政府信息公开行政复议、行政诉讼情况"),
        ("problems", "五", "存在的主要问题及改进情况"),
        ("other", "六", "其他需要报告的事项"),
    ]
    assert formats.section("overview").title == "一、总体情况"
    assert [s.key for s in formats.SECTIONS if s.prose] == ["overview", "problems", "other"]


@pytest.mark.parametrize(
    ("key", "variant"),
    [
        ("problems", "政府信息公开工作存在的主要问题及改进情况"),
        ("problems", "存在的主要问题和改进措施"),
        ("appeals", "政府信息公开行政复议和行政诉讼情况"),
        ("appeals", "因政府信息公开工作被申请行政复议、提起行政诉讼情况"),
    ],
)
def test_accepted_heading_variants(key, variant):
    assert variant in formats.section(key).variants


PROACTIVE_2021 = [
    ("rules.issued", "第二十条第（一）项", "规章", "本年制发件数"),
    ("rules.repealed", "第二十条第（一）项", "规章", "本年废止件数"),
    ("rules.in_force", "第二十条第（一）项", "规章", "现行有效件数"),
    ("normative_documents.issued", "第二十条第（一）项", "行政规范性文件", "本年制发件数"),
    ("normative_documents.repealed", "第二十条第（一）项", "行政规范性文件", "本年废止件数"),
    ("normative_documents.in_force", "第二十条第（一）项", "行政规范性文件", "现行有效件数"),
    ("licensing.decisions", "第二十条第（五）项", "行政许可", "本年处理决定数量"),
    ("penalty.decisions", "第二十条第（六）项", "行政处罚", "本年处理决定数量"),
    ("coercion.decisions", "第二十条第（六）项", "行政强制", "本年处理决定数量"),
    ("fees.amount", "第二十条第（八）项", "行政事业性收费", "本年收费金额（单位：万元）"),
]

PROACTIVE_2019 = [
    ("rules.made", "第二十条第（一）项", "规章", "本年新制作数量"),
    ("rules.published", "第二十条第（一）项", "规章", "本年新公开数量"),
    ("rules.total_published", "第二十条第（一）项", "规章", "对外公开总数量"),
    ("normative_documents.made", "第二十条第（一）项", "规范性文件", "本年新制作数量"),
    ("normative_documents.published", "第二十条第（一）项", "规范性文件", "本年新公开数量"),
    ("normative_documents.total_published", "第二十条第（一）项", "规范性文件", "对外公开总数量"),
    ("licensing.prev_items", "第二十条第（五）项", "行政许可", "上一年项目数量"),
    ("licensing.change", "第二十条第（五）项", "行政许可", "本年增/减"),
    ("licensing.decisions", "第二十条第（五）项", "行政许可", "处理决定数量"),
    ("other_services.prev_items", "第二十条第（五）项", "其他对外管理服务事项", "上一年项目数量"),
    ("other_services.change", "第二十条第（五）项", "其他对外管理服务事项", "本年增/减"),
    ("other_services.decisions", "第二十条第（五）项", "其他对外管理服务事项", "处理决定数量"),
    ("penalty.prev_items", "第二十条第（六）项", "行政处罚", "上一年项目数量"),
    ("penalty.change", "第二十条第（六）项", "行政处罚", "本年增/减"),
    ("penalty.decisions", "第二十条第（六）项", "行政处罚", "处理决定数量"),
    ("coercion.prev_items", "第二十条第（六）项", "行政强制", "上一年项目数量"),
    ("coercion.change", "第二十条第（六）项", "行政强制", "本年增/减"),
    ("coercion.decisions", "第二十条第（六）项", "行政强制", "处理决定数量"),
    ("fees.prev_items", "第二十条第（八）项", "行政事业性收费", "上一年项目数量"),
    ("fees.change", "第二十条第（八）项", "行政事业性收费", "本年增/减"),
    ("procurement.items", "第二十条第（九）项", "政府集中采购", "采购项目数量"),
    ("procurement.amount", "第二十条第（九）项", "政府集中采购", "采购总金额"),
]


@pytest.mark.parametrize(("template", "expected"), [("2021", PROACTIVE_2021), ("2019", PROACTIVE_2019)])
def test_proactive_keys_and_labels(template, expected):
    spec = get_template(template)
    assert [(c.key, c.caption, c.row_label, c.column_label) for c in spec.proactive_cells] == expected


@pytest.mark.parametrize(
    ("template", "decimal", "signed"),
    [
        ("2021", {"fees.amount"}, set()),
        (
            "2019",
            {"procurement.amount"},
            {"licensing.change", "other_services.change", "penalty.change", "coercion.change", "fees.change"},
        ),
    ],
)
def test_proactive_decimal_and_signed_cells(template, decimal, signed):
    cells = get_template(template).proactive_cells
    assert {c.key for c in cells if c.decimal} == decimal
    assert {c.key for c in cells if c.signed} == signed


@pytest.mark.parametrize(
    ("template", "captions", "grid"),
    [
        ("2021", ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"], 4),
        (
            "2019",
            [
                "第二十条第（一）项",
                "第二十条第（五）项",
                "第二十条第（六）项",
                "第二十条第（八）项",
                "第二十条第（九）项",
            ],
            5,
        ),
    ],
)
def test_proactive_subtables(template, captions, grid):
    spec = get_template(template)
    assert [s.caption for s in spec.proactive] == captions
    assert spec.proactive_grid == grid


# key, exact label as the spec writes it (group and numbered sub-label joined by a space)
REQUEST_ROWS = [
    ("new", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "二、上年结转政府信息公开申请数量"),
    ("granted", "（一）予以公开"),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("withheld.state_secret", "（三）不予公开 1.属于国家秘密"),
    ("withheld.prohibited_by_law", "（三）不予公开 2.其他法律行政法规禁止公开"),
    ("withheld.security_stability", "（三）不予公开 3.危及“三安全一稳定”"),
    ("withheld.third_party", "（三）不予公开 4.保护第三方合法权益"),
    ("withheld.internal_affairs", "（三）不予公开 5.属于三类内部事务信息"),
    ("withheld.process_info", "（三）不予公开 6.属于四类过程性信息"),
    ("withheld.enforcement_file", "（三）不予公开 7.属于行政执法案卷"),
    ("withheld.query_matter", "（三）不予公开 8.属于行政查询事项"),
    ("unavailable.not_held", "（四）无法提供 1.本机关不掌握相关政府信息"),
    ("unavailable.needs_creation", "（四）无法提供 2.没有现成信息需要另行制作"),
    ("unavailable.unclear_after_correction", "（四）无法提供 3.补正后申请内容仍不明确"),
    ("not_processed.petition", "（五）不予处理 1.信访举报投诉类申请"),
    ("not_processed.repeated", "（五）不予处理 2.重复申请"),
    ("not_processed.publication", "（五）不予处理 3.要求提供公开出版物"),
    ("not_processed.excessive", "（五）不予处理 4.无正当理由大量反复申请"),
    ("not_processed.confirmation", "（五）不予处理 5.要求行政机关确认或重新出具已获取信息"),
]
OTHER_2019 = [("other", "（六）其他处理")]
OTHER_2021 = [
    (
        "other.no_correction",
        "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    (
        "other.unpaid_fee",
        "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    ("other.misc", "（六）其他处理 3.其他"),
]
TAIL = [("total", "（七）总计"), ("carried_forward", "四、结转下年度继续办理")]


@pytest.mark.parametrize(
    ("template", "expected"),
    [("2019", REQUEST_ROWS + OTHER_2019 + TAIL), ("2021", REQUEST_ROWS + OTHER_2021 + TAIL)],
)
def test_request_rows_keys_and_exact_labels(template, expected):
    spec = get_template(template)
    assert [(r.key, r.full_label) for r in spec.request_rows] == expected


@pytest.mark.parametrize(("template", "rows", "results"), [("2019", 23, 19), ("2021", 25, 21)])
def test_request_row_counts(template, rows, results):
    """The spec's "24 / 26 data rows" also counts the 三、本年度办理结果 label; keyed rows are 23 / 25."""
    spec = get_template(template)
    assert len(spec.request_rows) == rows
    assert len(spec.result_row_keys) == results
    assert spec.result_row_keys[0] == "granted"
    assert {"new", "carried_over", "total", "carried_forward"}.isdisjoint(spec.result_row_keys)


@pytest.mark.parametrize(
    ("key", "group", "label"),
    [
        ("withheld.security_stability", "（三）不予公开", "3.危及“三安全一稳定”"),
        ("unavailable.not_held", "（四）无法提供", "1.本机关不掌握相关政府信息"),
        ("other.misc", "（六）其他处理", "3.其他"),
        ("granted", None, "（一）予以公开"),
    ],
)
def test_request_row_groups(key, group, label):
    row = get_template("2021").request_row(key)
    assert (row.group, row.label) == (group, label)


def test_request_columns():
    assert [(c.key, c.label) for c in formats.REQUEST_COLUMNS] == [
        ("natural_person", "自然人"),
        ("commercial", "商业企业"),
        ("research", "科研机构"),
        ("public_interest", "社会公益组织"),
        ("legal_services", "法律服务机构"),
        ("other_org", "其他"),
        ("total", "总计"),
    ]
    assert formats.REQUESTS_CORNER == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def test_appeal_keys_and_labels():
    groups = ["review", "litigation_direct", "litigation_after_review"]
    columns = ["upheld", "corrected", "other", "pending", "total"]
    assert tuple(f"{g}.{c}" for g in groups for c in columns) == formats.APPEAL_KEYS
    assert len(formats.APPEAL_KEYS) == 15
    assert formats.appeal_cell("review.upheld").label == "行政复议/结果维持"
    assert formats.appeal_cell("litigation_direct.pending").label == "行政诉讼/未经复议直接起诉/尚未审结"
    assert formats.appeal_cell("litigation_after_review.total").where == "表四/行政诉讼/复议后起诉/总计"


@pytest.mark.parametrize(
    ("template", "table", "key", "column", "where"),
    [
        ("2019", "requests", "new", "total", "表三/一、本年新收政府信息公开申请数量/总计"),
        (
            "2021",
            "requests",
            "withheld.state_secret",
            "natural_person",
            "表三/（三）不予公开 1.属于国家秘密/自然人",
        ),
        ("2019", "proactive", "licensing.decisions", None, "表二/第二十条第（五）项/行政许可/处理决定数量"),
        ("2021", "appeals", "review.total", None, "表四/行政复议/总计"),
    ],
)
def test_where(template, table, key, column, where):
    assert get_template(template).where(table, key, column) == where


def test_older_has_no_template():
    with pytest.raises(KeyError):
        get_template("older")


@pytest.mark.parametrize("text", ["（文字描述）", "（文字描述，收取信息处理费情况在此处报告。）"])
def test_template_instructions(text):
    assert text in formats.TEMPLATE_INSTRUCTIONS


@pytest.mark.parametrize(
    ("text", "placeholder"),
    [
        ("左栏所有总计", True),
        ("2020年内作出行政许可项目的总数量", True),
        ("X件", True),
        ("+（增加数） -（减少数）", True),
        ("100290", False),
        ("0", False),
    ],
)
def test_placeholder_patterns(text, placeholder):
    assert any(p.search(text) for p in formats.PLACEHOLDER_PATTERNS) is placeholder


@pytest.mark.parametrize(
    "text",
    [
        "此项为历年公开的累计数，可参照历年数据统计表，或统计通过传统媒体、网站、公报、新媒体等渠道公开的历年统计总数量0",
        "（建议咨询本级司法（法制）局或本单位政策法规部门填报）",
        "2020年内作出审批事项决定的总数量100290",
        "项目数量0",
        "同上0",
        "收费项目数量0",
        "：指2020办理总数+2019年未办结数（跨年办理数）=2020办结数+2019未结数（跨年办理数）",
        "规章：地方行政规章指各省、自治区、直辖市的人民政府和省、自治区的人民政府所在地的市",
    ],
)
def test_template_text_patterns(text):
    assert any(p.search(text) for p in formats.TEMPLATE_TEXT_PATTERNS)


@pytest.mark.parametrize(
    "text", ["上一年项目数量2019年", "采购项目数量", "本年新制作数量", "第二十条第（五）项", "0"]
)
def test_template_text_patterns_spare_official_labels(text):
    assert not any(p.search(text) for p in formats.TEMPLATE_TEXT_PATTERNS)


def test_known_misprints():
    assert formats.KNOWN_MISPRINTS["工作工作"] == "工作"
    assert formats.KNOWN_MISPRINTS["其他法律行政止公开"] == "其他法律行政法规禁止公开"
