"""Findings on the prose and the skeleton of a report, from small hand-written texts."""

from __future__ import annotations

from gongkai.core.audit import audit_bytes

SECTIONS = [
    "一、总体情况",
    "本机关认真落实条例，全年主动公开政府信息120条，收到政府信息公开申请3件。",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "政策解读形式较为单一。改进情况：增加图解解读。",
    "六、其他需要报告的事项",
    "本年度未收取信息处理费。",
]


def audit_lines(lines: list[str]):
    return audit_bytes("\n".join(lines).encode("utf-8"), "x.txt")


def codes(report) -> list[str]:
    return [f.code for f in report.findings]


def test_title_contradicting_the_body():
    report = audit_lines(
        ["某某局2021年政府信息公开工作年度报告", "本报告根据2020年政府信息公开工作情况编制。", *SECTIONS]
    )
    (title,) = [f for f in report.findings if f.code == "title"]
    assert "2021" in title.message and "2020" in title.message


def test_heading_variant_is_info_and_order_is_checked():
    lines = [*SECTIONS]
    lines[lines.index("五、存在的主要问题及改进情况")] = "五、存在的主要问题和改进措施"
    report = audit_lines(["某某局2022年政府信息公开工作年度报告", *lines])
    (heading,) = [f for f in report.findings if f.code == "section-heading"]
    assert heading.severity == "info" and "变体" in heading.message
    swapped = [*SECTIONS]
    swapped[0:2], swapped[7:9] = swapped[7:9], swapped[0:2]
    report = audit_lines(["某某局2022年政府信息公开工作年度报告", *swapped])
    assert "section-numbering" in codes(report)


def test_fee_statement_missing_in_six_and_empty_section():
    lines = [*SECTIONS]
    lines[-1] = "我局将继续做好政务公开工作，不断提高公开质量。"
    lines[lines.index("政策解读形式较为单一。改进情况：增加图解解读。")] = "（文字描述）"
    report = audit_lines(["某某局2022年政府信息公开工作年度报告", *lines])
    assert any(f.code == "content-missing" and f.where.startswith("六、") for f in report.findings)
    assert any(f.code == "section-empty" and f.where.startswith("五、") for f in report.findings)


def test_government_without_assessment_results():
    report = audit_lines(["某某县人民政府2022年政府信息公开工作年度报告", *SECTIONS])
    assert report.agency_kind == "government"
    (missing,) = [f for f in report.findings if f.code == "content-missing"]
    assert "工作考核" in missing.message and "推断" in missing.message


def test_publication_date_and_late_department():
    report = audit_lines(["某某局2022年政府信息公开工作年度报告", *SECTIONS, "某某局", "2023年2月3日"])
    assert report.published_on.isoformat() == "2023-02-03"
    assert report.agency == "某某局"
    (late,) = [f for f in report.findings if f.code == "late"]
    assert "2023年1月31日" in late.message and "部门" in late.message


def test_published_date_field_of_a_web_page():
    report = audit_lines(["某某局2022年政府信息公开工作年度报告", "发布时间：2023-01-10", *SECTIONS])
    assert report.published_on.isoformat() == "2023-01-10"
    assert "late" not in codes(report)


def test_text_vs_table_counts_from_prose():
    lines = [
        "某某局2022年政府信息公开工作年度报告",
        *SECTIONS[:3],
        "三、收到和处理政府信息公开申请情况",
        "一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2",
        "（一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1",
        *SECTIONS[4:],
    ]
    report = audit_lines(lines)
    (mismatch,) = [f for f in report.findings if f.code == "text-vs-table"]
    assert mismatch.evidence == "收到政府信息公开申请3件"
    assert mismatch.where == "表三/一、本年新收政府信息公开申请数量/总计"


def test_without_a_publication_date_lateness_could_not_be_checked():
    report = audit_lines(["某某局2022年政府信息公开工作年度报告", *SECTIONS])
    assert report.published_on is None and "late" not in codes(report)
    (note,) = [f for f in report.findings if f.code == "deadline"]
    assert note.severity == "info" and "无法核对是否逾期" in note.message and "2023年" in note.message
