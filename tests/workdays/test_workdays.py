"""The platform calendar: seeded, loaded from a notice (admin form, text import, CLI), announced, recorded."""

from __future__ import annotations

import json
from datetime import date

import pytest

from gongkai import cli
from gongkai.agencies import history
from gongkai.agencies.roles import Role
from gongkai.core.calendar import CalendarError, parse_calendar_text
from gongkai.workdays import services
from gongkai.workdays.models import CalendarYear

pytestmark = pytest.mark.django_db

NOTICE_2027 = """\
year 2027
title 2027 年节假日安排（测试用）
holiday 2027-01-01  元旦
holiday 2027-02-06..2027-02-13  春节
workday 2027-02-14  春节调休上班
"""


def test_seeded_from_chinesecalendar():
    calendar = services.current_calendar()
    assert set(range(2004, 2027)) <= calendar.known_years
    assert not calendar.is_workday(date(2024, 2, 12))
    assert calendar.is_workday(date(2024, 2, 4))  # Sunday worked
    assert calendar.add_workdays(date(2024, 1, 26), 20) == date(2024, 2, 28)


def test_seeding_adds_the_missing_years_at_once(django_assert_max_num_queries):
    """After a flush (tests) or on a new database every year chinesecalendar knows is loaded again: in a few bulk
    queries, each year recorded, one announcement for all of them; the calendar read back is chinesecalendar's."""
    from gongkai.core.calendar import Calendar
    from gongkai.workdays.models import CalendarDay, Source

    CalendarYear.objects.filter(year__gte=2010).delete()
    kept = set(CalendarYear.objects.values_list("year", flat=True))
    received = []

    def receiver(sender, years, **kwargs):
        received.append(years)

    seed = Calendar.from_chinesecalendar()
    missing = seed.known_years - kept
    services.calendar_changed.connect(receiver)
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr("django.db.transaction.on_commit", lambda fn, *a, **k: fn())
            with django_assert_max_num_queries(3 * len(missing) + 10):  # one by one it was 17 a year
                added = services.seed_from_chinesecalendar()
            assert services.seed_from_chinesecalendar() == 0
    finally:
        services.calendar_changed.disconnect(receiver)
    assert added == len(missing) and received == [missing]
    for year in sorted(seed.known_years):
        row = CalendarYear.objects.get(year=year)
        assert services.year_calendar(row) == seed.year(year)
        if year in missing:
            assert row.source == Source.SEED
            entry = history.entries_for(row).get()
            assert entry.action == "wagtail.create" and "放假" in entry.data["changes"]
    assert CalendarDay.objects.filter(year__year__in=missing).count() == sum(
        len(seed.year(y).holidays) + len(seed.year(y).workdays) for y in missing
    )


def test_loading_a_year_moves_deadlines_and_is_announced():
    received = []

    def receiver(sender, years, **kwargs):
        received.append(years)

    services.calendar_changed.connect(receiver)
    try:
        before, provisional = services.current_calendar().add_workdays_ex(date(2027, 1, 29), 20)
        assert provisional
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr("django.db.transaction.on_commit", lambda fn, *a, **k: fn())
            services.load_year(parse_calendar_text(NOTICE_2027))
        after, provisional = services.current_calendar().add_workdays_ex(date(2027, 1, 29), 20)
    finally:
        services.calendar_changed.disconnect(receiver)
    assert not provisional
    assert after > before  # the Spring Festival week is no longer counted
    assert received == [{2027}]
    row = CalendarYear.objects.get(year=2027)
    entry = history.entries_for(row).first()
    assert "2027-02-14 春节调休上班" in entry.data["changes"]["调休上班"][1]


def test_contradicting_notice_is_refused_and_changes_nothing():
    services.load_year(parse_calendar_text("year 2027\nholiday 2026-12-26..2027-01-01  元旦\n"))
    seeded_2026 = services.year_calendar(CalendarYear.objects.get(year=2026))
    clashing = parse_calendar_text(
        NOTICE_2027.replace("2027", "2026").replace("workday 2026-02-14", "workday 2026-12-26")
    )
    with pytest.raises(CalendarError, match="2026-12-26"):
        services.load_year(clashing)
    assert services.year_calendar(CalendarYear.objects.get(year=2026)) == seeded_2026


def test_admin_form_and_import_page(client, world):
    admin = world["people"][("gov", Role.SYSTEM_ADMIN)].user
    client.force_login(admin)
    response = client.post("/admin/gongkai/calendar/import/", {"text": "year 2027\nholiday 2027-02-30\n"})
    assert response.status_code == 200
    assert "第 2 行：日期 2027-02-30 不存在" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()

    form = {
        "year": "2027",
        "title": "2027 年节假日安排",
        "form-TOTAL_FORMS": "3",
        "form-INITIAL_FORMS": "0",
        "form-0-kind": "holiday",
        "form-0-start": "2027-02-06",
        "form-0-end": "2027-02-13",
        "form-0-label": "春节",
        "form-1-kind": "workday",
        "form-1-start": "2027-02-14",
        "form-1-label": "春节调休上班",
    }
    response = client.post("/admin/gongkai/calendar/new/", form)
    assert response.status_code == 302
    yc = services.year_calendar(CalendarYear.objects.get(year=2027))
    assert len(yc.holidays) == 8 and list(yc.workdays) == [date(2027, 2, 14)]
    page = client.get("/admin/gongkai/calendar/2027/").content.decode()
    assert "2027-02-06 至 2027-02-13" in page and "workday 2027-02-14  春节调休上班" in page

    form["form-1-start"] = "2027-02-15"  # a Monday cannot be a make-up working day
    response = client.post("/admin/gongkai/calendar/2027/edit/", form)
    assert response.status_code == 200
    assert "本来就是工作日" in response.content.decode()


def test_cli_import_show_and_errors(tmp_path, capsys):
    notice = tmp_path / "2027.txt"
    notice.write_text(NOTICE_2027, encoding="utf-8")
    assert cli.main(["calendar", "import", str(notice)]) == 0
    assert "已载入 2027 年节假日安排" in capsys.readouterr().out
    assert cli.main(["calendar", "show", "2027"]) == 0
    assert "holiday 2027-02-06..2027-02-13  春节" in capsys.readouterr().out
    assert cli.main(["calendar", "show", "2031"]) == 1
    assert "尚未载入" in capsys.readouterr().err
    bad = tmp_path / "bad.txt"
    bad.write_text("year 2028\nholiday 2028-13-01\n", encoding="utf-8")
    assert cli.main(["calendar", "import", str(bad)]) == 2
    assert "第 2 行" in capsys.readouterr().err
    assert cli.main(["calendar", "import", str(tmp_path / "missing.txt")]) == 2
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("year 2028\nholiday 2028-01-01  元旦\n".encode("gbk"))
    assert cli.main(["calendar", "import", str(gbk)]) == 2
    assert "UTF-8" in capsys.readouterr().err


def test_deadline_command_uses_the_platform_calendar(capsys):
    from gongkai.commands._calendar import load_calendar

    load_calendar.cache_clear()
    assert cli.main(["deadline", "--received", "2027-01-29", "--today", "2027-02-01", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["provisional"] is True
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("django.db.transaction.on_commit", lambda fn, *a, **k: fn())
        services.load_year(parse_calendar_text(NOTICE_2027))
    load_calendar.cache_clear()
    try:
        assert cli.main(["deadline", "--received", "2027-01-29", "--today", "2027-02-01", "--json"]) == 0
        out = json.loads(capsys.readouterr().out)
    finally:
        load_calendar.cache_clear()
    assert out["provisional"] is False
    assert out["due"] == "2027-03-04"  # 02-06..13 off, Sunday 02-14 worked
