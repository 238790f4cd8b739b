"""Decisions imports as background jobs on the task backend of production (django-tasks' database backend, the
tasks run as `gongkai db_worker` runs them): progress to the total, errors saving nothing, crashed and stale
jobs, the status endpoint's scope, and the task enqueued after the commit."""

import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from openpyxl import Workbook

from gongkai import cli
from gongkai.agencies.roles import Role
from gongkai.powers import import_jobs, importing, services, tasks
from gongkai.powers.models import Decision, ImportJob, ImportStatus

MAPPING = {"item_code": "事项编码", "reference": "办件编号", "decided_on": "办结日期"}


def _csv(n: int, code: str = "XK-1") -> bytes:
    rows = [f"B{i:05d},{code},2020-{i % 12 + 1:02d}-10" for i in range(n)]
    return ("办件编号,事项编码,办结日期\n" + "\n".join(rows) + "\n").encode()


@pytest.fixture(autouse=True)
def database_tasks(settings):
    """The database task backend, as in production (the tests' default runs a task at once)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def work() -> int:
    """Run every task that is ready, the way `gongkai db_worker` does (claim it, run it, record the result)."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = 0
    while (ready := DBTaskResult.objects.ready().first()) is not None:
        ready.claim(worker.worker_id)
        worker.run_task(ready)
        ran += 1
    return ran


@pytest.fixture
def power_list(dept):
    power_list = services.start_year(dept, 2020)
    services.save_item(power_list, code="XK-1", name="许可", category="licensing")
    return power_list


@pytest.fixture
def submit(django_capture_on_commit_callbacks):
    """Submit a job as the confirmation page does: its task is enqueued once the transaction commits."""

    def submit(power_list, data: bytes, name="export.csv", **extra) -> ImportJob:
        stored = import_jobs.stage(power_list, SimpleUploadedFile(name, data))
        with django_capture_on_commit_callbacks(execute=True):
            job = import_jobs.submit(
                power_list,
                stored=stored,
                filename=name,
                mapping=MAPPING,
                period_start=date(2020, 1, 1),
                period_end=date(2020, 12, 31),
                **extra,
            )
        return ImportJob.objects.get(pk=job.pk)

    return submit


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
def test_a_job_reports_its_progress_up_to_the_total_then_its_result(power_list, progress_seen, dept, submit):
    job = submit(power_list, _csv(35), by=dept.people.first().user)
    assert job.task_id and job.task_result.status == TaskResultStatus.READY
    assert job.status == ImportStatus.QUEUED and import_jobs.STORAGE.exists(job.file.name)
    assert import_jobs.state(job)["text"] == "排队等待导入……"
    assert work() == 1
    assert progress_seen == [
        ("running", 10, 35),
        ("running", 20, 35),
        ("running", 30, 35),
        ("running", 35, 35),
    ]
    job = ImportJob.objects.get(pk=job.pk)
    assert (job.status, job.rows_done, job.rows_total, job.batch.rows) == ("done", 35, 35, 35)
    assert job.task_result.status == TaskResultStatus.SUCCESSFUL
    assert not job.file and not import_jobs.STORAGE.listdir(f"power-imports/{dept.pk}")[1]
    state = import_jobs.state(job)
    assert state["percent"] == 100 and state["text"] == "导入完成：35 行，处理决定 35 件（100%）"
    assert Decision.objects.count() == 35
    tasks.run_import.call(job.pk)  # a finished job is not run again
    assert Decision.objects.count() == 35


@pytest.mark.django_db
def test_the_last_moment_says_the_rows_are_being_saved(power_list, monkeypatch):
    job = ImportJob(power_list=power_list, rows_done=35, rows_total=35, mapping={})
    monkeypatch.setattr(ImportJob, "status", ImportStatus.RUNNING)
    assert import_jobs.state(job)["text"] == "已读取并校验全部 35 行，正在保存……（100%）"
    job.rows_done, job.rows_total = 7, None
    assert import_jobs.state(job)["percent"] is None
    assert import_jobs.state(job)["text"] == "正在读取并校验：已读取 7 行"


@pytest.mark.django_db
def test_xlsx_progress_knows_its_total_from_the_sheet(power_list, progress_seen, submit):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(list(MAPPING.values()))
    for i in range(25):
        sheet.append([f"X{i}", "XK-1", date(2020, 5, 1)])
    out = io.BytesIO()
    workbook.save(out)
    submit(power_list, out.getvalue(), "export.xlsx")
    work()
    assert progress_seen == [("running", 10, 25), ("running", 20, 25), ("running", 25, 25)]


@pytest.mark.django_db
def test_a_file_with_errors_saves_nothing_and_keeps_every_rows_error(power_list, submit):
    services.enter_decisions(power_list.items.get(), 4)
    data = _csv(30) + b"B99999,NOPE,2020-01-01\nB00001,XK-1,2020-13-01\n"
    job = submit(power_list, data)
    work()
    job = ImportJob.objects.get(pk=job.pk)
    assert job.status == ImportStatus.FAILED and job.batch is None and not job.file
    assert job.errors == [
        "第 32 行：事项编码“NOPE”不在本年度权责清单中",
        "第 33 行：办件编号“B00001”与第 3 行重复；办结日期“2020-13-01”不是有效日期",
    ]
    assert list(Decision.objects.values_list("count", flat=True)) == [4]
    assert import_jobs.state(job)["errors"] == job.errors


@pytest.mark.django_db
def test_a_crash_while_saving_fails_the_job_and_its_task_and_saves_nothing(
    power_list, monkeypatch, caplog, submit
):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing, "_insert", broken)
    job = submit(power_list, _csv(5))
    work()
    job = ImportJob.objects.get(pk=job.pk)
    assert (job.status, job.errors) == (ImportStatus.FAILED, [tasks.INTERNAL_ERROR])
    assert job.task_result.status == TaskResultStatus.FAILED
    assert "disk full" in job.task_result.errors[0].traceback  # for the operators
    assert not Decision.objects.exists() and not power_list.decision_imports.exists()
    assert "crashed" in caplog.text


def _aged(job: ImportJob, *, started: bool) -> None:
    """The job's task as the backend keeps it when it waited (or ran, without ending) past the limit."""
    long_ago = timezone.now() - import_jobs.STALE_AFTER - timedelta(seconds=1)
    tasks_row = DBTaskResult.objects.filter(pk=job.task_id)
    tasks_row.update(enqueued_at=long_ago)
    if started:
        tasks_row.update(status=TaskResultStatus.RUNNING, started_at=long_ago, worker_ids=["gone"])


@pytest.mark.django_db
def test_housekeeping_fails_jobs_whose_worker_died_or_that_no_worker_started(
    power_list, client, world, submit
):
    dead = submit(power_list, _csv(5))
    waiting = submit(power_list, _csv(5))
    running = submit(power_list, _csv(5))
    fresh = submit(power_list, _csv(5))
    _aged(dead, started=True)
    _aged(waiting, started=False)
    DBTaskResult.objects.filter(pk=running.task_id).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now(), worker_ids=["alive"]
    )
    client.force_login(world["people"][("dept", Role.STAFF)].user)
    url = "/admin/gongkai/powers/dept/2020/import/{}/status/"
    assert client.get(url.format(dead.pk)).json()["status"] == "running"  # a page view changes nothing
    assert cli.main(["housekeeping"]) == 0
    state = client.get(url.format(dead.pk)).json()
    assert (state["status"], state["finished"], state["errors"]) == (
        "failed",
        True,
        [import_jobs.STALE_ERROR],
    )
    assert not import_jobs.STORAGE.exists(dead.file.name)
    state = client.get(url.format(waiting.pk)).json()
    assert state["status"] == "failed" and state["errors"] == [import_jobs.NOT_STARTED_ERROR]
    assert "db_worker" in import_jobs.NOT_STARTED_ERROR
    assert client.get(url.format(running.pk)).json()["status"] == "running"
    assert client.get(url.format(fresh.pk)).json()["status"] == "queued"
    assert import_jobs.STORAGE.exists(running.file.name) and import_jobs.STORAGE.exists(fresh.file.name)
    # a worker that picks up the failed job's task later leaves it failed and saves nothing
    DBTaskResult.objects.filter(pk=running.task_id).update(status=TaskResultStatus.SUCCESSFUL)
    assert work() == 2  # the waiting and the fresh one
    assert ImportJob.objects.get(pk=waiting.pk).errors == [import_jobs.NOT_STARTED_ERROR]
    assert ImportJob.objects.get(pk=fresh.pk).status == ImportStatus.DONE
    assert Decision.objects.filter(power_list=power_list).count() == 5


@pytest.mark.django_db
def test_a_job_marked_failed_while_it_runs_saves_nothing(power_list, monkeypatch, submit):
    job = submit(power_list, _csv(5))
    real = importing.save

    def taken_for_dead(*args, **kwargs):
        ImportJob.objects.filter(pk=job.pk).update(errors=[import_jobs.STALE_ERROR])
        return real(*args, **kwargs)

    monkeypatch.setattr(importing, "save", taken_for_dead)
    work()
    job = ImportJob.objects.get(pk=job.pk)
    assert job.errors == [import_jobs.STALE_ERROR] and job.batch is None
    assert not Decision.objects.exists() and not job.file


@pytest.mark.django_db
def test_the_status_endpoint_answers_only_for_the_jobs_agency(power_list, client, world, submit):
    job = submit(power_list, _csv(3))
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


@pytest.mark.django_db
def test_the_task_is_enqueued_only_once_the_job_is_committed(power_list, django_capture_on_commit_callbacks):
    stored = import_jobs.stage(power_list, SimpleUploadedFile("export.csv", _csv(1)))
    with django_capture_on_commit_callbacks() as pending:
        job = import_jobs.submit(
            power_list,
            stored=stored,
            filename="export.csv",
            mapping=MAPPING,
            period_start=date(2020, 1, 1),
            period_end=date(2020, 12, 31),
        )
        assert ImportJob.objects.get(pk=job.pk).status == "queued"
    assert len(pending) == 1 and not DBTaskResult.objects.exists()
    pending[0]()  # the commit
    assert DBTaskResult.objects.count() == 1
    assert ImportJob.objects.get(pk=job.pk).task_id == str(DBTaskResult.objects.get().pk)


@pytest.mark.django_db(transaction=True)
def test_the_job_runs_as_a_background_task_enqueued_after_the_commit(power_list, client, world, settings):
    """With a backend that runs a task as soon as it is enqueued (committed transactions, as in a web request)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client.force_login(world["people"][("dept", Role.STAFF)].user)
    stored = import_jobs.stage(power_list, SimpleUploadedFile("export.csv", _csv(1200)))
    job = import_jobs.submit(
        power_list,
        stored=stored,
        filename="export.csv",
        mapping=MAPPING,
        period_start=date(2020, 1, 1),
        period_end=date(2020, 12, 31),
    )
    state = client.get(f"/admin/gongkai/powers/dept/2020/import/{job.pk}/status/").json()
    assert (state["status"], state["percent"], state["rows_done"]) == ("done", 100, 1200)
    assert Decision.objects.filter(power_list=power_list).count() == 1200
