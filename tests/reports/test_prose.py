"""The drafted prose of sections 一、五、六: pure functions over the facts, checked with the auditor's own detectors."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from gongkai.core.audit import prose as prose_checks
from gongkai.core.audit.crosscheck import text_vs_table
from gongkai.core.report.model import AnnualReport, Section
from gongkai.reports import facts, prose
from gongkai.reports.prose import Facts, PowerRow, PublishingFacts

QUIET = Facts(
    agency="某区人力资源和社会保障局",
    year=2024,
    disclosure_office="某区人力资源和社会保障局办公室",
    office_address="某区某路 1 号",
    office_phone="0551-12345678",
    signoff_chain=(("复核", 2), ("保密审查", 1), ("审核", 1)),
)
BUSY = replace(
    QUIET,
    new=75,
    new_organisations=12,
    carried_over=3,
    concluded=74,
    granted=40,
    partial=10,
    withheld=5,
    unavailable=9,
    not_processed=6,
    other=4,
    carried_forward=4,
    previous_new=60,
    answered_late=2,
    open_overdue=1,
    review=3,
    review_corrected=1,
    litigation=2,
    litigation_corrected=1,
    fees_amount=Decimal(300),
    fees_count=2,
    unpaid_fee_notices=1,
    publishing=PublishingFacts(120, (("政策文件", 30), ("人事信息", 90)), late=4, withheld=2, in_signoff=3),
    powers=(PowerRow("行政许可事项", 7, 8, 26), PowerRow("行政处罚事项", 32, 32, 16)),
)
GOVERNMENT = replace(
    BUSY, agency="某区人民政府", government=True, departments=("甲局", "乙局"), missing_departments=("乙局",)
)


@pytest.mark.parametrize("facts", [QUIET, BUSY, GOVERNMENT], ids=["quiet", "busy", "government"])
def test_no_template_text_no_misprints_no_empty_phrases(facts):
    drafted = prose.draft_all(facts)
    for key, text in drafted.items():
        assert prose_checks.template_text(text) == [], key
        assert prose_checks.typo_findings(key, text) == [], key
        assert prose.banned_phrases_in(text) == [], key
        assert len(text) > 10


def test_banned_phrase_detector_can_fail():
    assert prose.banned_phrases_in("我局高度重视政务公开工作，取得了显著成效") == [
        "高度重视",
        "取得了显著成效",
    ]


@pytest.mark.parametrize("facts", [QUIET, BUSY, GOVERNMENT], ids=["quiet", "busy", "government"])
def test_sections_pass_the_auditors_content_checks(facts):
    drafted = prose.draft_all(facts)
    sections = [Section.template(key, drafted.get(key, "")) for key in drafted]
    kind = "government" if facts.government else "department"
    assert prose_checks.empty_section_findings(sections) == []
    assert prose_checks.content_findings(sections, kind, False) == []


def busy_report() -> AnnualReport:
    """The tables BUSY's figures come from."""
    return AnnualReport.from_figures(
        "2021",
        2024,
        BUSY.agency,
        proactive={"licensing.decisions": 26, "penalty.decisions": 16},
        requests={
            "new": {"natural_person": 63, "commercial": 12},
            "carried_over": {"natural_person": 3},
            "granted": {"natural_person": 40},
            "partial": {"natural_person": 10},
            "withheld.third_party": {"natural_person": 5},
            "unavailable.not_held": {"natural_person": 9},
            "not_processed.repeated": {"natural_person": 6},
            "other.misc": {"natural_person": 4},
            "carried_forward": {"natural_person": 4},
        },
        appeals={
            "review.corrected": 1,
            "review.upheld": 2,
            "litigation_direct.corrected": 1,
            "litigation_direct.other": 1,
        },
    )


def test_the_numbers_agree_with_the_table():
    report = busy_report()
    text = "\n".join(prose.draft_all(BUSY).values())
    assert text_vs_table(report, text) == []
    assert text_vs_table(report, text, facts.known(BUSY)) == []
    wrong = replace(BUSY, new=74)
    assert text_vs_table(report, prose.draft_overview(wrong))


# every figure the draft states, changed by one in the prose, is caught: by the tables or by the facts
CHANGES = [
    ("全年作出处理决定26件", "表二/第二十条第（五）项/行政许可/本年处理决定数量"),
    ("全年作出处理决定16件", "表二/第二十条第（六）项/行政处罚/本年处理决定数量"),
    ("本年度办结74件", "表三/（七）总计/总计"),
    ("不予公开5件", "表三/（三）不予公开/总计"),
    ("无法提供9件", "表三/（四）无法提供/总计"),
    ("不予处理6件", "表三/（五）不予处理/总计"),
    ("其他处理4件", "表三/（六）其他处理/总计"),
    ("结转下年度继续办理4件", "表三/四、结转下年度继续办理/总计"),
    ("法人或其他组织提出12件", "表三/一、本年新收政府信息公开申请数量"),
    ("被申请行政复议3件，其中结果纠正1件", "表四/行政复议/结果纠正"),
    ("被提起行政诉讼2件，其中结果纠正1件", "表四/行政诉讼/结果纠正"),
    ("有2件答复被纠正", "表四/结果纠正"),
    ("主动公开政府信息120条", "正文/主动公开"),
    ("登记备查的信息2条", "正文/主动公开"),
    ("有4条政府信息未在", "正文/主动公开"),
    ("有2件政府信息公开申请在法定期限届满后", "正文/依申请公开"),
    ("有1件申请已超过答复期限", "正文/依申请公开"),
    ("信息处理费300元", "正文/信息处理费"),
    ("涉及申请2件", "正文/信息处理费"),
    ("另有1件申请的申请人逾期未缴纳", "正文/信息处理费"),
    ("行政许可事项8项", "正文/权责清单"),
    ("上年末7项", "正文/权责清单"),
]


@pytest.mark.parametrize(("phrase", "where"), CHANGES, ids=[c[0] for c in CHANGES])
def test_every_drafted_figure_is_checked(phrase, where):
    text = "\n".join(prose.draft_all(BUSY).values())
    assert phrase in text
    changed = re.sub(r"\d+(?=[件条项元])", lambda m: str(int(m.group(0)) + 1), phrase, count=1)
    if phrase.endswith(("纠正1件",)):
        changed = phrase[: -len("1件")] + "2件"
    found = text_vs_table(busy_report(), text.replace(phrase, changed), facts.known(BUSY))
    assert [f.where for f in found] == [where], found


def test_percentages_amounts_and_units():
    report = busy_report()
    assert text_vs_table(report, "复议诉讼纠正率为40%。") == []
    assert text_vs_table(report, "复议诉讼纠正率为40.0%。") == []
    (wrong,) = text_vs_table(report, "复议诉讼纠正率为25%。")
    assert wrong.where == "表四/结果纠正" and "40" in wrong.message
    fees = AnnualReport.from_figures("2021", 2024, "某局", proactive={"fees.amount": Decimal("1.5")})
    assert text_vs_table(fees, "全年行政事业性收费金额为1.5万元。") == []
    assert text_vs_table(fees, "全年行政事业性收费金额为15000元。") == []
    assert text_vs_table(fees, "全年行政事业性收费金额为2万元。")


def test_overview_states_the_facts():
    text = prose.draft_overview(BUSY)
    for fact in (
        "主动公开政府信息120条",
        "政策文件30条",
        "新收政府信息公开申请75件",
        "比上年增加15件",
        "上年结转3件",
        "予以公开40件",
        "结转下年度继续办理4件",
        "被申请行政复议3件",
        "被提起行政诉讼2件",
        "复核→保密审查→审核",
        "行政许可事项8项（上年末7项），全年作出处理决定26件",
        "某区人力资源和社会保障局办公室",
    ):
        assert fact in text, fact


def test_a_quiet_year_says_so_plainly():
    overview = prose.draft_overview(QUIET)
    assert "全年未收到政府信息公开申请" in overview
    assert "没有因政府信息公开工作被申请行政复议" in overview
    problems = prose.draft_problems(QUIET)
    assert prose.problems_found(QUIET) == []
    assert problems.count("\n") == 0 and "没有逾期" in problems
    assert prose.draft_other(QUIET).startswith("本年度未收取信息处理费。")


def test_problems_come_from_the_records():
    found = prose.problems_found(BUSY)
    text = "\n".join(found)
    assert "4条政府信息未在" in text
    assert "2件政府信息公开申请在法定期限届满后" in text
    assert "1件申请已超过答复期限" in text
    assert "2件答复被纠正" in text
    no_reviewer = replace(QUIET, signoff_chain=(("复核", 1), ("保密审查", 0), ("审核", 1)))
    # who holds a role is known only as it is now: it is stated while the year runs, not of a finished year
    assert "保密审查员" not in prose.draft_problems(no_reviewer)
    assert "保密审查员" in prose.draft_problems(replace(no_reviewer, as_of=date(2024, 12, 2)))


def test_a_finished_year_is_stated_as_on_31_december():
    finished = "\n".join(prose.draft_all(BUSY).values())
    assert "至年末有1件申请已超过答复期限" in finished
    assert "目前" not in finished and "负责各环节的人员" not in finished and "尚在审核中" not in finished
    running = "\n".join(prose.draft_all(replace(BUSY, as_of=date(2024, 12, 2))).values())
    assert "截至12月2日有1件申请已超过答复期限仍在办理，正在督办" in running
    assert "至年末" not in running
    assert "截至12月2日，负责各环节的人员为复核2人、保密审查1人、审核1人" in running
    assert "尚在审核中的信息3条" in running


def test_government_reports_assessment_and_missing_departments():
    problems = prose.draft_problems(GOVERNMENT)
    assert "工作考核、社会评议和责任追究结果情况" in problems
    assert "2个部门中，1个部门的年度报告已经发布" in problems
    assert "乙局的年度报告尚未发布" in problems
    assert "本级及所属2个部门" in prose.draft_overview(GOVERNMENT)


def test_fees_in_section_six():
    other = prose.draft_other(BUSY)
    assert "收取信息处理费300元，涉及申请2件" in other
    assert "1件申请的申请人逾期未缴纳信息处理费" in other


def test_html_round_trip():
    text = "第一段，含<尖括号>与&符号。\n第二段。"
    html = prose.text_to_html(text)
    assert html == "<p>第一段，含&lt;尖括号&gt;与&amp;符号。</p><p>第二段。</p>"
    assert prose.html_to_text(html) == text
    draftail = '<p data-block-key="a1">一、<b>加粗</b>文字</p><ul><li data-block-key="b">要点</li></ul><p>末段<br/>换行</p>'
    assert prose.html_to_text(draftail) == "一、加粗文字\n要点\n末段\n换行"
    assert prose.html_to_text("") == ""
