"""Decisions imports as background jobs: progress to the total, errors saving nothing, crashed and stale jobs,
the status endpoint's scope, and the real thread started after the commit."""

import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from gongkai.agencies.roles import Role
from gongkai.powers import import_jobs, importing, services
from gongkai.powers.models import Decision, ImportJob, ImportStatus

MAPPING = {"item_code": "事项编码", "reference": "办件编号", "decided_on": "办结日期"}


def _csv(n: int, code: str = "XK-1") -> bytes:
    rows = [f"B{i:05d},{code},2020-{i % 12 + 1:02d}-10" for i in range(n)]
    return ("办件编号,事项编码,办结日期\n" + "\n".join(rows) + "\n").encode()


@pytest.fixture
def power_list(dept):
    power_list = services.start_year(dept, 2020)
    services.save_item(power_list, code="XK-1", name="许可", category="licensing")
    return power_list


def _submit(power_list, data: bytes, name="export.csv", **extra) -> ImportJob:
    stored = import_jobs.stage(power_list, SimpleUploadedFile(name, data))
    return import_jobs.submit(
        power_list,
        stored=stored,
        filename=name,
        mapping=MAPPING,
        period_start=date(2020, 1, 1),
        period_end=date(2020, 12, 31),
        **extra,
    )


@pytest.fixture
def progress_seen(monkeypatch):
    """Each progress report as the database holds it right after it was written: (status, done, total)."""
    seen = []
    real = importing.import_decisions

    def spy(power_list, *args, progress, **kwargs):
        def recording(done, total):
            progress(done, total)
            job = ImportJob.objects.get(power_list=power_list)
            seen.append((job.status, job.rows_done, job.rows_total))

        return real(power_list, *args, progress=recording, **kwargs)

    monkeypatch.setattr(importing, "import_decisions", spy)
    monkeypatch.setattr(importing, "PROGRESS_EVERY", 10)
    return seen


@pytest.mark.django_db
def test_a_job_reports_its_progress_up_to_the_total_then_its_result(power_list, progress_seen, dept):
    job = _submit(power_list, _csv(35), by=dept.people.first().user)
    assert job.status == ImportStatus.QUEUED and import_jobs.STORAGE.exists(job.file.name)
    import_jobs.run(job.pk)
    assert progress_seen == [
        ("running", 10, 35),
        ("running", 20, 35),
        ("running", 30, 35),
        ("running", 35, 35),
    ]
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.rows_total, job.batch.rows) == ("done", 35, 35, 35)
    assert job.finished_at and not job.file and not import_jobs.STORAGE.listdir(f"power-imports/{dept.pk}")[1]
    state = import_jobs.state(job)
    assert state["percent"] == 100 and state["text"] == "导入完成：35 行，处理决定 35 件（100%）"
    assert Decision.objects.count() == 35
    import_jobs.run(job.pk)  # a finished job is not run again
    assert Decision.objects.count() == 35


@pytest.mark.django_db
def test_the_last_moment_says_the_rows_are_being_saved(power_list):
    job = ImportJob(
        power_list=power_list, status=ImportStatus.RUNNING, rows_done=35, rows_total=35, mapping={}
    )
    assert import_jobs.state(job)["text"] == "已读取并校验全部 35 行，正在保存……（100%）"
    job.rows_done, job.rows_total = 7, None
    assert import_jobs.state(job)["percent"] is None
    assert import_jobs.state(job)["text"] == "正在读取并校验：已读取 7 行"


@pytest.mark.django_db
def test_xlsx_progress_knows_its_total_from_the_sheet(power_list, progress_seen):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(list(MAPPING.values()))
    for i in range(25):
        sheet.append([f"X{i}", "XK-1", date(2020, 5, 1)])
    out = io.BytesIO()
    workbook.save(out)
    import_jobs.run(_submit(power_list, out.getvalue(), "export.xlsx").pk)
    assert progress_seen == [("running", 10, 25), ("running", 20, 25), ("running", 25, 25)]


@pytest.mark.django_db
def test_a_file_with_errors_saves_nothing_and_keeps_every_rows_error(power_list):
    services.enter_decisions(power_list.items.get(), 4)
    data = _csv(30) + b"B99999,NOPE,2020-01-01\nB00001,XK-1,2020-13-01\n"
    job = _submit(power_list, data)
    import_jobs.run(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and job.batch is None and not job.file
    assert job.errors == [
        "第 32 行：事项编码“NOPE”不在本年度权责清单中",
        "第 33 行：办件编号“B00001”与第 3 行重复；办结日期“2020-13-01”不是有效日期",
    ]
    assert list(Decision.objects.values_list("count", flat=True)) == [4]
    assert import_jobs.state(job)["errors"] == job.errors


@pytest.mark.django_db
def test_a_crash_while_saving_fails_the_job_and_saves_nothing(power_list, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing, "_insert", broken)
    job = _submit(power_list, _csv(5))
    import_jobs.run(job.pk)
    job.refresh_from_db()
    assert (job.status, job.errors) == (ImportStatus.FAILED, [import_jobs.INTERNAL_ERROR])
    assert not Decision.objects.exists() and not power_list.decision_imports.exists()
    assert "crashed" in caplog.text


@pytest.mark.django_db
def test_jobs_whose_process_died_are_failed_when_next_viewed(power_list, client, world):
    dead = _submit(power_list, _csv(5))
    running = _submit(power_list, _csv(5))
    ImportJob.objects.filter(pk=dead.pk).update(
        status=ImportStatus.RUNNING, heartbeat=timezone.now() - import_jobs.STALE_AFTER - timedelta(seconds=1)
    )
    ImportJob.objects.filter(pk=running.pk).update(status=ImportStatus.RUNNING)
    client.force_login(world["people"][("dept", Role.STAFF)].user)
    state = client.get(f"/admin/gongkai/powers/dept/2020/import/{dead.pk}/status/").json()
    assert (state["status"], state["finished"], state["errors"]) == (
        "failed",
        True,
        [import_jobs.STALE_ERROR],
    )
    assert not import_jobs.STORAGE.exists(dead.file.name)
    running.refresh_from_db()
    assert running.status == ImportStatus.RUNNING and import_jobs.STORAGE.exists(running.file.name)


@pytest.mark.django_db
def test_a_job_no_worker_starts_is_failed_with_a_hint_for_the_operator(power_list, client, world):
    waiting = _submit(power_list, _csv(5))
    ImportJob.objects.filter(pk=waiting.pk).update(heartbeat=timezone.now() - import_jobs.STALE_AFTER)
    client.force_login(world["people"][("dept", Role.STAFF)].user)
    state = client.get(f"/admin/gongkai/powers/dept/2020/import/{waiting.pk}/status/").json()
    assert state["status"] == "failed" and state["errors"] == [import_jobs.NOT_STARTED_ERROR]
    assert "db_worker" in import_jobs.NOT_STARTED_ERROR


@pytest.mark.django_db
def test_the_status_endpoint_answers_only_for_the_jobs_agency(power_list, client, world):
    job = _submit(power_list, _csv(3))
    url = f"/admin/gongkai/powers/dept/2020/import/{job.pk}/status/"
    client.force_login(world["people"][("dept", Role.SECTION_HEAD)].user)
    assert client.get(url).json()["text"] == "排队等待导入……"
    client.force_login(world["people"][("dept", Role.PRINCIPAL_LEADER)].user)  # may view, not edit
    assert client.get(url)["Location"] == "/admin/"
    services.start_year(world["gov"], 2020)
    client.force_login(world["people"][("gov", Role.STAFF)].user)  # may edit its own agency's list only
    assert client.get(url)["Location"] == "/admin/"
    assert client.get(f"/admin/gongkai/powers/gov/2020/import/{job.pk}/status/").status_code == 404
    assert client.get(f"/admin/gongkai/powers/gov/2020/import/{job.pk}/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_job_runs_as_a_background_task_enqueued_after_the_commit(power_list, client, world):
    """The tests' task backend runs a task as soon as it is enqueued; in production `gongkai db_worker` does."""
    client.force_login(world["people"][("dept", Role.STAFF)].user)
    job = _submit(power_list, _csv(1200))
    state = client.get(f"/admin/gongkai/powers/dept/2020/import/{job.pk}/status/").json()
    assert (state["status"], state["percent"], state["rows_done"]) == ("done", 100, 1200)
    assert Decision.objects.filter(power_list=power_list).count() == 1200
