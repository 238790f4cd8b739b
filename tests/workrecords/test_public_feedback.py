"""社会评议 from the portal: the public's feedback (意见建议、投诉) to a government and the agencies below it is
counted in the government's drafted 五, beside the ratings entered by hand, and the sentence saying what is not
recorded follows the records (a structured flag, not a text match). A department's 五 leaves it to its
government; every number stated is checked against the records."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.utils import timezone

NONE = "本年度平台未登记社会评议结果，也未登记因政府信息公开工作追究责任的事项。"
NO_CASES = "本年度平台未登记因政府信息公开工作追究责任的事项。"
NO_RATINGS = "本年度平台未登记社会评议结果。"


def _feedback(agency, kind: str, answered: bool, year: int = 2020):
    from gongkai.portal import feedback
    from gongkai.portal.models import Feedback

    entry, _ = feedback.submit(agency, kind=kind, content="栏目中的文件链接打不开")
    Feedback.objects.filter(pk=entry.pk).update(
        submitted_at=timezone.make_aware(datetime(year, 6, 1, 9)),
        status="replied" if answered else "open",
    )


def _sections(agency):
    from gongkai.reports import assembly

    report = assembly.checked(agency, 2020)
    return {s.key: s.text for s in report.sections}, report.findings


@pytest.mark.parametrize(
    ("feedback", "rating", "case", "stated", "sentence"),
    [
        ([], False, False, None, NONE),
        (
            [("gov", "complaint", True), ("dept", "broken_link", False), ("dept", "wrong", True)],
            False,
            False,
            "本年度公众通过政府信息公开平台提出意见建议和投诉3件，其中投诉1件，已回复2件。",
            NO_CASES,
        ),
        ([("dept", "other", True, 2019)], False, False, None, NONE),
        ([], True, False, "参与评议50人，表示满意45人", NO_CASES),
        ([], False, True, None, NO_RATINGS),
        (
            [("sibling", "missing", False)],
            False,
            True,
            "投诉0件，已回复0件",
            "社会评议和责任追究情况如下。",
        ),
    ],
    ids=["nothing", "feedback-of-the-tree", "other-year", "entered-rating", "accountability-only", "both"],
)
def test_the_governments_five_counts_the_public_feedback(world, feedback, rating, case, stated, sentence):
    from datetime import date

    from gongkai.workrecords.models import Accountability, SocialRating

    for code, kind, answered, *year in feedback:
        _feedback(world[code], kind, answered, *year)
    if rating:
        SocialRating.objects.create(
            agency=world["gov"], year=2020, source="满意度调查", participants=50, satisfied=45
        )
    if case:
        Accountability.objects.create(
            agency=world["gov"], year=2020, decided_on=date(2020, 8, 1), matter="未按期答复", outcome="约谈"
        )
    sections, findings = _sections(world["gov"])
    assert sentence in sections["problems"]
    if stated:
        assert stated in sections["problems"]
    else:
        assert "提出意见建议和投诉" not in sections["problems"]
    assert not [f for f in findings if f.code in ("content-missing", "text-vs-table")]


def test_a_departments_report_leaves_the_feedback_to_its_government(world):
    _feedback(world["dept"], "complaint", True)
    sections, _ = _sections(world["dept"])
    assert "提出意见建议和投诉" not in sections["problems"]


def test_a_feedback_count_rewritten_in_the_text_is_an_error(world):
    from gongkai.reports import assembly
    from gongkai.reports.models import AgencyReport

    _feedback(world["gov"], "complaint", True)
    sections, _ = _sections(world["gov"])
    written = sections["problems"].replace("提出意见建议和投诉1件", "提出意见建议和投诉9件")
    AgencyReport.objects.create(
        agency=world["gov"], year=2020, template="2021", prose={**sections, "problems": written}
    )
    found = [f for f in assembly.checked(world["gov"], 2020).findings if f.code == "text-vs-table"]
    assert found and "公众意见建议和投诉：1" in found[0].message
