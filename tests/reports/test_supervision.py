"""Supervision: each agency's status for a year (late computed against a fixed `today`), the counts, the
desk's countdown, the table of all agencies' figures (XLSX), and the supervision pages."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone
from openpyxl import load_workbook

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Role
from gongkai.core.report import formats
from gongkai.core.report.model import AnnualReport
from gongkai.core.report.tables import all_keys, parse_key
from gongkai.reports import supervision
from gongkai.reports.models import AgencyReport, ReportStatus

pytestmark = pytest.mark.django_db

YEAR = 2021
CALC = Path("/usr/lib/libreoffice/program/libsclo.so")  # Calc's library: the writer-only package lacks it


def make(agency, status, published_on=None, figures=None):
    """A report in a given state (fixture data; the services are tested in test_signoff.py)."""
    draft = AgencyReport.objects.create(agency=agency, year=YEAR, template="2021", status=status)
    if published_on:
        draft.published_at = timezone.make_aware(datetime.combine(published_on, datetime.min.time()))
        draft.report_date = published_on
        report = AnnualReport.from_figures("2021", YEAR, agency.name, requests=figures or {})
        draft.published_report = report.to_dict(extended=True)
        draft.save()
    return draft


def statuses(world, today):
    agencies = Agency.objects.filter(path__startswith=world["gov"].path)
    return {row.agency.code: row for row in supervision.rows(agencies, YEAR, today)}


@pytest.mark.parametrize(
    "today,want",
    [
        # before the departments' date: nothing is late
        (
            date(2022, 1, 20),
            {"gov": "未开始", "dept": "编写中", "sibling": "审核中", "unit": "退回修改"},
        ),
        # 31 January is the last day, not late yet
        (
            date(2022, 1, 31),
            {"gov": "未开始", "dept": "编写中", "sibling": "审核中", "unit": "退回修改"},
        ),
        # from 1 February the departments' unpublished reports are late; the government has until 31 March
        (
            date(2022, 2, 1),
            {"gov": "未开始", "dept": "逾期", "sibling": "逾期", "unit": "逾期"},
        ),
        (date(2022, 4, 1), {"gov": "逾期", "dept": "逾期", "sibling": "逾期", "unit": "逾期"}),
    ],
)
def test_status_of_each_agency(world, today, want):
    make(world["dept"], ReportStatus.DRAFTING)
    make(world["sibling"], ReportStatus.IN_SIGNOFF)
    make(world["unit"], ReportStatus.RETURNED)
    got = statuses(world, today)
    assert {code: row.status_label for code, row in got.items()} == want


def test_published_on_time_and_late(world):
    make(world["dept"], ReportStatus.PUBLISHED, published_on=date(2022, 1, 31))
    make(world["sibling"], ReportStatus.PUBLISHED, published_on=date(2022, 2, 3))
    rows = statuses(world, date(2022, 6, 1))
    assert rows["dept"].status_label == "已发布" and not rows["dept"].late
    assert rows["dept"].countdown == "已按期发布"
    assert rows["sibling"].status_label == "已发布" and rows["sibling"].late
    assert rows["sibling"].countdown == "逾期发布"
    counts = supervision.counts(list(rows.values()))
    assert counts["已发布"] == 2
    assert counts["逾期"] == 2  # gov (31 March passed) and unit (never started)
    assert counts["逾期（含逾期发布）"] == 3
    assert counts["未开始"] == 2  # the late ones are counted by their stage too


def test_late_reports_are_counted_by_their_stage(world):
    make(world["dept"], ReportStatus.DRAFTING)
    make(world["sibling"], ReportStatus.IN_SIGNOFF)
    make(world["unit"], ReportStatus.RETURNED)
    counts = supervision.counts(list(statuses(world, date(2022, 4, 1)).values()))
    assert counts["逾期"] == 4
    assert (counts["未开始"], counts["编写中"], counts["审核中"], counts["退回修改"]) == (1, 1, 1, 1)


def test_countdown_in_calendar_days(world):
    make(world["dept"], ReportStatus.DRAFTING)
    rows = statuses(world, date(2022, 1, 20))
    assert rows["dept"].statutory_date == date(2022, 1, 31)
    assert rows["dept"].days_left == 11
    assert rows["dept"].countdown == "还有 11 天"
    assert rows["gov"].statutory_date == date(2022, 3, 31)
    assert rows["gov"].days_left == 70
    assert statuses(world, date(2022, 1, 31))["dept"].countdown == "今天到期"
    assert statuses(world, date(2022, 2, 3))["dept"].countdown == "已逾期 3 天"


def test_late_reports_counted_per_year(world):
    make(world["dept"], ReportStatus.PUBLISHED, published_on=date(2022, 2, 3))
    agencies = list(Agency.objects.filter(path__startswith=world["gov"].path))
    late = supervision.late_by_year(agencies, [YEAR, YEAR + 1], date(2022, 2, 10))
    assert late == {YEAR: 3, YEAR + 1: 0}  # dept published late, sibling and unit not published; gov not due


def test_xlsx_has_one_row_per_agency_with_official_labels(world):
    figures = {"new": {"natural_person": 7, "commercial": 2}}
    make(world["dept"], ReportStatus.PUBLISHED, published_on=date(2022, 1, 28), figures=figures)
    agencies = Agency.objects.filter(path__startswith=world["gov"].path)
    rows = supervision.rows(agencies, YEAR, date(2022, 2, 10))
    book = load_workbook(io.BytesIO(supervision.figures_xlsx(rows, YEAR)))
    assert len(book.sheetnames) == 1
    sheet = book.active
    labels = [c.value for c in sheet[1]]
    keys = [c.value for c in sheet[2]]
    assert labels[:3] == ["机关", "代码", "状态"]
    assert "表三/一、本年新收政府信息公开申请数量/总计" in labels
    assert keys.index("requests.new.total") == labels.index("表三/一、本年新收政府信息公开申请数量/总计")
    assert "appeals.review.upheld" in keys and "proactive.licensing.decisions" in keys
    rows_2021 = len(formats.get_template("2021").request_row_keys)
    assert len(keys) == 5 + 10 + rows_2021 * 7 + 15  # fixed columns + every cell of the 2021 template
    body = {row[1].value: row for row in sheet.iter_rows(min_row=3)}
    assert set(body) == {"gov", "dept", "sibling", "unit"}
    dept = body["dept"]
    assert dept[2].value == "已发布"
    assert dept[keys.index("requests.new.natural_person")].value == 7
    assert dept[keys.index("requests.new.total")].value == 9
    assert body["sibling"][2].value == "逾期"


def test_supervision_pages(client, world):
    make(world["dept"], ReportStatus.IN_SIGNOFF)
    supervisor = world["people"][("gov", Role.SUPERVISING_OFFICE)].user
    client.force_login(supervisor)
    index = client.get("/admin/gongkai/reports/supervision/")
    assert index.status_code == 200
    assert f"/admin/gongkai/reports/supervision/gov/{YEAR}/" in index.content.decode()
    with time_machine.travel(date(2022, 2, 10)):
        page = client.get(f"/admin/gongkai/reports/supervision/gov/{YEAR}/")
    client.force_login(supervisor)  # the session saved in 2022 ended after its idle time
    assert page.status_code == 200
    shown = {row.agency.code: row.status_label for row in page.context["rows"]}
    assert shown == {"gov": "未开始", "dept": "逾期", "sibling": "逾期", "unit": "逾期"}
    body = page.content.decode()
    assert f"/admin/gongkai/reports/dept/{YEAR}/signoff/" in body
    assert {a.code for a in page.context["missing_levels"][0][2]} >= {"dept", "sibling"}
    xlsx = client.get(f"/admin/gongkai/reports/supervision/gov/{YEAR}/xlsx/")
    assert xlsx.status_code == 200
    assert load_workbook(io.BytesIO(xlsx.content)).active.max_row == 2 + 4

    client.force_login(world["people"][("dept", Role.DISCLOSURE_OFFICE)].user)
    assert client.get(f"/admin/gongkai/reports/supervision/gov/{YEAR}/").status_code == 302
    assert client.get("/admin/gongkai/reports/supervision/").status_code == 302


def test_desk_panel_shows_the_countdown(client, world):
    make(world["dept"], ReportStatus.DRAFTING)
    client.force_login(world["people"][("dept", Role.DISCLOSURE_OFFICE)].user)
    with time_machine.travel(date(YEAR + 1, 1, 20)):
        body = client.get("/admin/").content.decode()
    assert f"{YEAR}年度政府信息公开工作年度报告" in body
    assert "还有 11 天" in body
    assert "自然日" in body
    client.force_login(world["people"][("dept", Role.STAFF)].user)
    with time_machine.travel(date(YEAR + 1, 1, 20)):
        assert "还有 11 天" not in client.get("/admin/").content.decode()


def test_xlsx_holds_an_agency_name_with_pasted_control_characters(world):
    """Staff text keeps control characters; the figures sheet drops what XLSX cannot hold instead of failing."""
    Agency.objects.filter(pk=world["dept"].pk).update(name="甲区\x0b人社局")
    rows = supervision.rows(
        Agency.objects.filter(path__startswith=world["gov"].path), YEAR, date(2022, 2, 10)
    )
    sheet = load_workbook(io.BytesIO(supervision.figures_xlsx(rows, YEAR))).active
    assert "甲区人社局" in [row[0].value for row in sheet.iter_rows(min_row=3)]


def test_xlsx_keeps_the_sheet_layout(world):
    """The sheet written as one stream (`core.render.bulk_xlsx`) has the layout openpyxl used to give it: labels
    bold and wrapped, keys small and grey, panes frozen at C3, dates as dates, a blank cell left empty."""
    make(world["dept"], ReportStatus.PUBLISHED, published_on=date(2022, 1, 28))
    rows = supervision.rows(
        Agency.objects.filter(path__startswith=world["gov"].path), YEAR, date(2022, 2, 10)
    )
    sheet = load_workbook(io.BytesIO(supervision.figures_xlsx(rows, YEAR))).active
    assert sheet.freeze_panes == "C3"
    assert sheet["A1"].font.b and sheet["A1"].alignment.wrap_text
    assert sheet["A2"].font.sz == 9 and sheet["A2"].font.color.rgb.endswith("666666")
    assert sheet.column_dimensions["A"].width == 24 and sheet.column_dimensions["B"].width == 14
    body = {row[1].value: row for row in sheet.iter_rows(min_row=3)}
    due = body["dept"][3]
    assert due.value == datetime(2022, 1, 31) and due.number_format == "yyyy-mm-dd"
    assert body["dept"][4].value == datetime(2022, 1, 28)
    assert body["sibling"][4].value is None  # not published: no date


def test_generated_cells_are_shared_but_keep_their_kind():
    """Whole-number cells are shared between reports (they are immutable); amounts stay decimals, signed cells
    keep their sign, and a cell's value and text are as before."""
    one = AnnualReport.from_figures("2021", YEAR, "甲", requests={"new": {"natural_person": 3}})
    two = AnnualReport.from_figures("2021", YEAR, "乙", requests={"new": {"natural_person": 3}})
    cell = one.cell("requests", "new", "natural_person")
    assert cell is two.cell("requests", "new", "natural_person")
    assert (cell.value, cell.raw) == (3, "3") and type(cell.value) is int
    blank = AnnualReport.from_figures("2021", YEAR, "甲", missing=None).cell("requests", "new", "commercial")
    assert (blank.value, blank.raw) == (None, "")
    amount = AnnualReport.from_figures("2021", YEAR, "甲", proactive={"fees.amount": 2}).cell(
        "proactive", "fees.amount"
    )
    assert isinstance(amount.value, Decimal) and amount.raw == "2"


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_figures_of_reads_every_cell_as_the_report_gives_it(template):
    """The sheet's row reader gives, in the order of `all_keys`, each cell's value as `AnnualReport.value` does:
    blanks, amounts, signed cells, and cells a report read back from a document does not have."""
    built = AnnualReport.from_figures(
        template,
        YEAR,
        "甲",
        requests={"new": {"natural_person": 3}},
        appeals={"review.upheld": 2},
        missing=None,
    )
    partial = AnnualReport.from_dict(
        {"template": template, "tables": {"requests": {"new": {"total": {"value": 5, "raw": "5"}}}}}
    )
    read = supervision.figures_of(template)
    for report in (built, partial, AnnualReport.from_figures(template, YEAR, "乙")):
        expected = [report.value(*parse_key(template, key)) for key, _ in all_keys(template)]
        assert read(report) == expected
    assert read(partial).count(None) == len(all_keys(template)) - 1


@pytest.mark.roundtrip
def test_the_figures_sheet_opens_in_libreoffice(world, tmp_path):
    """The hand-written SpreadsheetML is a file LibreOffice Calc reads: converted to CSV, every row and value."""
    if shutil.which("soffice") is None or not CALC.exists():
        message = "LibreOffice Calc is not installed: apt-get install libreoffice-calc-nogui"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    make(world["dept"], ReportStatus.PUBLISHED, published_on=date(2022, 1, 28))
    rows = supervision.rows(
        Agency.objects.filter(path__startswith=world["gov"].path), YEAR, date(2022, 2, 10)
    )
    data = supervision.figures_xlsx(rows, YEAR)
    source = tmp_path / "figures.xlsx"
    source.write_bytes(data)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    read = list(csv.reader((tmp_path / "figures.csv").read_text(encoding="utf-8").splitlines()))
    sheet = load_workbook(io.BytesIO(data)).active
    expected = [["" if c.value is None else c.value for c in row] for row in sheet.iter_rows()]
    assert len(read) == len(expected) > 2
    for got, want in zip(read, expected, strict=True):
        for text, value in zip(got, want, strict=False):
            if isinstance(value, datetime):
                assert text == value.date().isoformat()
            elif isinstance(value, int | float) and not isinstance(value, bool):
                assert Decimal(text) == Decimal(str(value))
            else:
                assert text == str(value)
