"""The report check of a generated report runs the work records' checks (reports.assembly.check →
workrecords.prose.findings): a measure of last year's report without an outcome is flagged in 五 until the office
records it; the government's drafted 五/六 state the work plan and the evaluation with no content-missing."""

from __future__ import annotations

from datetime import date


def test_a_generated_report_is_flagged_for_a_carried_measure_until_its_outcome_is_recorded(world):
    from gongkai.reports import assembly
    from gongkai.workrecords.models import Measure, TaskAssignment, WorkPlan, WorkTask

    gov = world["gov"]
    measure = Measure.objects.create(agency=gov, year=2019, section="other", text="建设政策文件库")
    plan = WorkPlan.objects.create(
        agency=gov, year=2020, title="2020年政务公开工作要点", issued_on=date(2020, 3, 1)
    )
    task = WorkTask.objects.create(agency=gov, plan=plan, order=1, text="推进决策公开")
    TaskAssignment.objects.create(agency=world["dept"], task=task)

    report = assembly.checked(gov, 2020)
    carried = [f for f in report.findings if f.code == "carry-over" and "建设政策文件库" in f.message]
    assert len(carried) == 1 and carried[0].where.startswith("五")
    assert not [f for f in report.findings if f.code == "content-missing"]
    other = next(s.text for s in report.sections if s.key == "other")
    assert "本年度印发《2020年政务公开工作要点》，部署任务1项，其中未开始1项。" in other

    measure.outcome, measure.outcome_note = "done", ""
    measure.save()
    report = assembly.checked(gov, 2020)
    assert not [f for f in report.findings if f.code in ("carry-over", "content-missing", "text-vs-table")]
    problems = next(s.text for s in report.sections if s.key == "problems")
    assert "2019年度报告提出措施1项，已落实1项：（1）建设政策文件库——已落实。" in problems
