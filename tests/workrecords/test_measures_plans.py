"""The measures a report announces, carried into the next year with an outcome each (flagged while missing); the
建议提案 imported from XLSX; the government's work plan with its tasks (by hand and from XLSX), each agency's
progress with evidence, and the 六 that states them — all through the staff URLs."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

W = "/admin/gongkai/work"


def _xlsx(header, *rows, title="Sheet") -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("sheet.xlsx", out.getvalue())


def _refused(response) -> bool:
    """Wagtail answers a PermissionDenied with a redirect to the dashboard."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def _sections(**texts):
    from gongkai.core.report.model import Section

    return [Section(key, "", "", text=text) for key, text in texts.items()]


def test_last_years_measures_are_carried_in_and_flagged_until_their_outcome_is_recorded(world, login):
    from gongkai.workrecords.models import Measure
    from gongkai.workrecords.prose import additions, findings

    client = login("disclosure_office")
    data = {"year": "2019", "section": "other", "text": "开展政策解读专题培训"}
    assert client.post(f"{W}/dept/2019/measures/new/", data).status_code == 302
    measure = Measure.objects.get()
    assert "改进措施" not in "".join(additions(world["dept"], 2019).other)
    assert additions(world["dept"], 2019).other == ["2020年工作安排。（1）开展政策解读专题培训。"]

    page = client.get(f"{W}/dept/2020/").content.decode()
    assert "开展政策解读专题培训" in page and "未登记" in page
    flagged = findings(world["dept"], 2020, _sections(problems="", other=""))
    assert [f.code for f in flagged] == ["carry-over"] and "开展政策解读专题培训" in flagged[0].message

    outcome = f"{W}/dept/2020/outcomes/{measure.pk}/"
    response = client.post(outcome, {"outcome": "partly", "outcome_note": ""})
    assert response.status_code == 200 and "须说明原因" in response.content.decode()
    assert (
        client.post(
            outcome, {"outcome": "partly", "outcome_note": "培训因疫情改为线上，完成两期"}
        ).status_code
        == 302
    )
    assert (
        client.post(outcome, {"delete": "1"}).status_code == 200
    )  # an outcome page never deletes the measure
    assert Measure.objects.filter(pk=measure.pk).exists()
    problems = "\n".join(additions(world["dept"], 2020).problems)
    assert problems == (
        "上年度报告提出措施的落实情况。2019年度报告提出措施1项，部分落实1项："
        "（1）开展政策解读专题培训——部分落实，培训因疫情改为线上，完成两期。"
    )
    assert findings(world["dept"], 2020, _sections(problems=problems, other="")) == []
    ledger = load_workbook(io.BytesIO(client.get(f"{W}/dept/2020/ledger.xlsx").content))
    rows = list(ledger["上年度措施落实"].iter_rows(values_only=True))
    assert rows[1] == (
        2019,
        "六、其他需要报告的事项",
        "开展政策解读专题培训",
        "部分落实",
        "培训因疫情改为线上，完成两期",
    )
    assert _refused(login("staff").post(outcome, {"outcome": "done"}))


def test_a_stated_number_the_text_now_contradicts_is_an_error(world, login):
    from gongkai.core.report.model import ERROR
    from gongkai.workrecords.models import Measure
    from gongkai.workrecords.prose import additions, findings

    for text in ("甲", "乙"):
        Measure.objects.create(agency=world["dept"], year=2019, section="problems", text=text, outcome="done")
    problems = "\n".join(additions(world["dept"], 2020).problems)
    assert "2019年度报告提出措施2项，已落实2项" in problems
    assert findings(world["dept"], 2020, _sections(problems=problems)) == []
    edited = problems.replace("提出措施2项", "提出措施3项")
    [finding] = findings(world["dept"], 2020, _sections(problems=edited))
    assert (
        finding.code == "text-vs-table"
        and finding.severity == ERROR
        and "上年度报告提出的措施：2" in finding.message
    )


def test_proposal_counts_are_imported_from_the_template_all_or_none(world, login, monkeypatch):
    from gongkai.workrecords import ledger, sheets
    from gongkai.workrecords.models import ProposalCount

    client = login("disclosure_office")
    template = client.get(f"{W}/templates/proposals.xlsx")
    assert template.status_code == 200
    header = [c.value for c in load_workbook(io.BytesIO(template.content)).active[1]]
    assert header == list(sheets.PROPOSAL_COLUMNS)
    url = f"{W}/dept/2020/import/proposals/"
    assert "下载空白模板" in client.get(url).content.decode()
    ProposalCount.objects.create(agency=world["dept"], year=2020, kind="deputies", handled=1, published=1)
    good = _xlsx(header, (2020, "人大代表建议", 12, 12), (2020, "政协委员提案", 8, 7))
    assert client.post(url, {"file": good}).status_code == 302
    assert sorted(ProposalCount.objects.values_list("kind", "handled", "published")) == [
        ("deputies", 12, 12),
        ("members", 8, 7),
    ]
    unreadable = _xlsx(
        header, (2021, "人大代表建议", 3, 3), (2021, "提案", 1, 1), (2021, "政协委员提案", "两", 1)
    )
    page = client.post(url, {"file": unreadable}).content.decode()
    assert "第 3 行：类型应为" in page and "第 4 行：办理件数" in page
    invalid = _xlsx(header, (2021, "人大代表建议", 3, 3), (2021, "政协委员提案", 2, 5))
    page = client.post(url, {"file": invalid}).content.decode()
    assert "第 3 行：公开办理结果的件数不能多于办理件数" in page
    assert not ProposalCount.objects.filter(year=2021).exists()
    twice = _xlsx(header, (2021, "人大代表建议", 3, 3), (2021, "人大代表建议", 2, 2))
    assert "同一年度同一类型只能有一行" in client.post(url, {"file": twice}).content.decode()

    def never(*args, **kwargs):
        raise AssertionError("a file over the limit must not be opened")

    monkeypatch.setattr(sheets, "load_workbook", never)
    big = SimpleUploadedFile("big.xlsx", b"0" * (ledger.MAX_IMPORT_BYTES + 1))
    assert "文件过大" in client.post(url, {"file": big}).content.decode()
    assert _refused(login("staff").post(url, {"file": good}))


def test_the_supervising_office_issues_tasks_and_the_agencies_report_progress(world, login):
    from gongkai.agencies import history
    from gongkai.workrecords.models import TaskAssignment, WorkPlan
    from gongkai.workrecords.prose import additions

    office = login("supervising_office", home="gov")
    plan_data = {
        "year": "2020",
        "title": "2020年政务公开工作要点",
        "number": "甲政办发〔2020〕3号",
        "issued_on": "2020-03-01",
    }
    response = office.post(f"{W}/dept/plans/new/", plan_data)
    assert response.status_code == 200 and "由人民政府" in response.content.decode()
    assert office.post(f"{W}/gov/plans/new/", plan_data).status_code == 302
    plan = WorkPlan.objects.get()
    tasks = _xlsx(
        ("序号", "任务", "责任单位", "完成时限"),
        (1, "推进决策公开", "甲区人社局、甲区住建局", "2020-12-31"),
        (2, "做好政策解读", "dept", None),
        title="工作任务",
    )
    assert office.post(f"{W}/gov/plans/{plan.pk}/import/", {"file": tasks}).status_code == 302
    assert plan.tasks.count() == 2 and TaskAssignment.objects.count() == 3
    [event] = history.entries_for(plan.tasks.get(order=1))  # the task and its agencies: one audit event
    assert event.data["changes"]["责任单位"] == ["", "甲区人社局、甲区住建局"]
    unknown = _xlsx(("序号", "任务", "责任单位", "完成时限"), (3, "其他", "乙区人社局", None))
    page = office.post(f"{W}/gov/plans/{plan.pk}/import/", {"file": unknown}).content.decode()
    assert "乙区人社局" in page and plan.tasks.count() == 2
    assert _refused(login("disclosure_office").get(f"{W}/gov/plans/new/"))

    clerk = login("disclosure_office")
    mine = TaskAssignment.objects.get(agency=world["dept"], task__order=1)
    url = f"{W}/dept/tasks/{mine.pk}/"
    response = clerk.post(url, {"state": "done", "note": "已完成"})
    assert response.status_code == 200 and "上传证明材料" in response.content.decode()
    evidence = SimpleUploadedFile("proof.pdf", b"%PDF-1.4 proof")
    assert (
        clerk.post(url, {"state": "done", "note": "重大决策预公开5件", "evidence": evidence}).status_code
        == 302
    )
    mine.refresh_from_db()
    assert mine.reported_on and mine.evidence
    assert clerk.get(f"{W}/dept/files/tasks/{mine.pk}/").status_code == 200
    sibling = TaskAssignment.objects.get(agency=world["sibling"])
    assert clerk.get(f"{W}/dept/tasks/{sibling.pk}/").status_code == 404
    assert _refused(clerk.get(f"{W}/sibling/tasks/{sibling.pk}/"))
    assert "推进决策公开" in clerk.get(f"{W}/dept/2020/").content.decode()

    assert additions(world["gov"], 2020).other == [
        "政务公开工作要点落实情况。本年度印发《2020年政务公开工作要点》（甲政办发〔2020〕3号），"
        "部署任务2项，其中未开始1项、推进中1项。"
    ]
    assert additions(world["dept"], 2020).other == [
        "承担甲区人民政府《2020年政务公开工作要点》任务2项，未开始1项、已完成1项。"
    ]
    page = login("supervising_office", home="gov").get(f"{W}/gov/plans/{plan.pk}/").content.decode()
    assert "甲区人社局：已完成" in page and "甲区住建局：未开始" in page
