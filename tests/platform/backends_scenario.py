"""Process A of tests/platform/test_real_backends.py: steps run in a process of their own, with the production
settings' cache (diskcache under GONGKAI_VAR_DIR) and task backend (the database), printing JSON on stdout.

    python backends_scenario.py site             the demo's agencies, portal and items; the first live item
    python backends_scenario.py touch PK TITLE   change an item's title in the database only (no publication)
    python backends_scenario.py publish PK TITLE publish a new revision with that title
    python backends_scenario.py report           publish an annual report inside a transaction held open until
                                                 a line arrives on stdin, then wait for its PDF (the worker's)
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import date

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402


def say(**values) -> None:
    print(json.dumps(values), flush=True)


def site() -> None:
    from gongkai.agencies import demo as agencies_demo
    from gongkai.portal import demo as portal_demo
    from gongkai.publishing import demo as publishing_demo
    from gongkai.publishing.models import InformationItemPage

    agencies_demo.load()
    portal_demo.load()
    publishing_demo.load()
    item = InformationItemPage.objects.live().order_by("pk").first()
    say(pk=item.pk, url=item.url, title=item.title)


def touch(pk: str, title: str) -> None:
    from gongkai.publishing.models import InformationItemPage

    say(updated=InformationItemPage.objects.filter(pk=pk).update(title=title))


def publish(pk: str, title: str) -> None:
    from gongkai.publishing.models import InformationItemPage

    item = InformationItemPage.objects.get(pk=pk)
    item.title = title
    item.save_revision().publish()
    say(published=item.pk)


def report() -> None:
    from django.contrib.auth import get_user_model
    from django_tasks_db.models import DBTaskResult

    from gongkai.agencies.models import Agency
    from gongkai.powers import services as powers
    from gongkai.powers.models import PowerList
    from gongkai.reports.models import ReportFile
    from gongkai.reports.services import drafting, signoff

    users = get_user_model().objects
    agency = Agency.objects.get(code="jingkai-rsj")
    office = users.get(username="rsj-gkb")
    if not PowerList.objects.filter(agency=agency, year=2021).exists():
        powers.start_year(agency, 2021)  # table 二 counted, not blank
    draft = drafting.get_or_start(agency, 2021, office)
    signoff.submit(draft, office)
    signoff.approve(draft, users.get(username="rsj-kezhang"))
    signoff.approve(draft, users.get(username="rsj-baomi"), conclusion="同意公开")
    signoff.approve(draft, users.get(username="rsj-juzhang"))
    with transaction.atomic():
        publication = signoff.publish(draft, office, on=date(2022, 1, 25))
        task = DBTaskResult.objects.get(task_path="gongkai.reports.tasks.render_pdf")
        say(enqueued=str(task.pk), status=task.status, pdf=publication.files.filter(format="pdf").exists())
        sys.stdin.readline()  # the test lets the worker poll, then tells us to commit
        task.refresh_from_db()
        still = task.status
    give_up = time.monotonic() + 300
    while time.monotonic() < give_up:
        task.refresh_from_db()
        if task.status in ("SUCCESSFUL", "FAILED"):
            break
        time.sleep(0.25)
    pdf = ReportFile.objects.filter(publication=publication, format="pdf").first()
    head = b""
    if pdf:
        with pdf.file.open("rb") as f:
            head = f.read(5)
    say(before_commit=still, status=task.status, worker_ids=task.worker_ids, pdf=head.decode())


if __name__ == "__main__":
    {"site": site, "touch": touch, "publish": publish, "report": report}[sys.argv[1]](*sys.argv[2:])
