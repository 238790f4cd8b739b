"""The demo's 2020 for 经开区人社局: the drafted 一 and 五 state its groups, rules, meetings, training and
rectification with numbers the records give back, and the assembled report reads back through the auditor's
checks without an error, a content-missing or a text-vs-table finding."""

from __future__ import annotations

import pytest


@pytest.fixture
def demo(db):
    from gongkai.agencies import demo as agencies_demo
    from gongkai.agencies.models import Agency
    from gongkai.portal import demo as portal_demo
    from gongkai.portal.models import PortalHomePage
    from gongkai.powers import demo as powers_demo
    from gongkai.publishing.services import create_section
    from gongkai.workrecords import demo as workrecords_demo

    agencies_demo.load()
    portal_demo.load()
    agency = Agency.objects.get(code="jingkai-rsj")
    create_section(agency, PortalHomePage.objects.get())
    powers_demo.load()
    workrecords_demo.load()
    workrecords_demo.load()  # idempotent
    return agency


def test_the_drafted_sections_state_the_work_records_and_the_report_reads_back_clean(demo):
    from gongkai.core.report.model import ERROR
    from gongkai.reports import assembly
    from gongkai.reports.prose import banned_phrases_in
    from gongkai.workrecords.models import Meeting, Rule, WorkGroup

    assert (
        WorkGroup.objects.filter(agency=demo).count() == 2 and Rule.objects.filter(agency=demo).count() == 6
    )
    report = assembly.checked(demo, 2020)
    overview = next(s.text for s in report.sections if s.key == "overview")
    problems = next(s.text for s in report.sections if s.key == "problems")
    assert "政务公开工作督导小组（组长刘洋（局长），成员3人）" in overview  # 张华 left at the end of 2019
    assert "政务公开工作小组（组长孙悦（办公室主任），成员3人）" in overview
    assert "施行的政务公开工作制度6项" in overview and "《政务信息保密审查制度》" in overview
    assert "开展业务学习3次" in overview and "组织培训1次" in overview and "累计取得学时12学时" in overview
    assert "权责事项梳理调整专题会议" in overview
    assert "开展自查1次、接受督导检查1次，发现问题3个，已整改并确认3个" in problems
    assert "制度与实际流程不符" not in problems  # the rules name the configured chain's roles
    assert overview.split("\n")[1].startswith("组织和制度。")
    assert not banned_phrases_in(overview + problems)
    codes = {(f.code, f.severity) for f in report.findings}
    assert not [f for f in report.findings if f.severity == ERROR], report.findings
    assert not {c for c, _ in codes} & {"content-missing", "text-vs-table", "template-text", "typo"}
    assert Meeting.objects.filter(agency=demo, held_on__year=2020).count() == 8


def test_every_stated_number_is_traced_to_its_records(demo):
    from gongkai.workrecords.prose import stated

    numbers = stated(demo, 2020)
    by_label = {s.label: s for s in numbers}
    assert by_label["施行的工作制度"].value == 6 and len(by_label["施行的工作制度"].sources) == 6
    assert by_label["业务学习次数"].value == 3
    assert {s.kind for s in by_label["检查发现的问题"].sources} == {"rectification"}
    assert by_label["培训学时合计"].value == 12
    # counts are the number of records behind them, except the sums, which add up their records' values
    for s in numbers:
        if s.label not in ("会议和培训参加人次", "培训学时合计"):
            assert s.value == len(s.sources), s.label


def test_a_year_without_work_records_drafts_as_before(demo):
    from gongkai.workrecords.prose import extend

    drafted = {"overview": "第一段\n第二段", "problems": "无", "other": "六"}
    assert extend(demo, 2018, drafted) == drafted  # before the groups were formed


@pytest.fixture
def whole_demo(db):
    from gongkai import demo

    demo.load()


def test_the_demo_years_reports_state_the_plan_and_the_evaluation_and_read_back_clean(whole_demo):
    """`gongkai demo`: the 2025 drafts state the measures, the work plan, the evaluation and the social rating,
    and every report the demo made reads back through the auditor (HTML and DOCX) without an error or a
    content-missing."""
    from gongkai.core.audit import audit_bytes
    from gongkai.core.render import render
    from gongkai.core.report.model import ERROR
    from gongkai.reports import assembly
    from gongkai.reports.models import AgencyReport
    from gongkai.workrecords.models import Score

    texts = {}
    for stored in AgencyReport.objects.select_related("agency"):
        report = assembly.checked(stored.agency, stored.year, agency_report=stored)
        texts[(stored.agency.code, stored.year)] = {s.key: s.text for s in report.sections}
        for fmt in ("html", "docx"):
            read = audit_bytes(render(report, fmt), f"report.{fmt}")
            bad = [f for f in read.findings if f.severity == ERROR or f.code == "content-missing"]
            assert bad == [], (stored.agency.code, stored.year, fmt, bad)
    government, rsj = texts[("jingkai", 2025)], texts[("jingkai-rsj", 2025)]
    assert "政务公开工作考核。本年度按《2025年度政务公开工作考核》考核所属单位2个" in government["problems"]
    assert (
        "社会评议。本年度通过第三方满意度调查开展社会评议，参与评议320人，表示满意296人"
        in government["problems"]
    )
    assert "本年度印发《2025年政务公开工作要点》（经开管办〔2025〕3号），部署任务3项" in government["other"]
    assert "2024年度报告提出措施2项" in rsj["problems"] and "部分落实" in rsj["problems"]
    assert "在经开区管委会组织的政务公开工作考核中，本机关得" in rsj["problems"]
    assert "每季度开展一次公开栏目自查" in rsj["problems"]
    assert Score.objects.filter(indicator__method="report_defects", note__contains="至今未发布").exists()
