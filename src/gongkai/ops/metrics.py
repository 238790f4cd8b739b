"""The platform's own Prometheus metrics, read from the database at each scrape (so every node reports the same):
the task queue by status with the age of the oldest running task (a killed worker's task stays "running"), and the
open applications past their due date per agency. Requests and latencies come from django-prometheus's middleware.
"""

from __future__ import annotations

from django.db.models import Count, Min
from django.utils import timezone
from prometheus_client import CollectorRegistry
from prometheus_client.core import GaugeMetricFamily


class WorkCollector:
    def collect(self):
        from django_tasks_db.models import DBTaskResult

        from gongkai.applications.choices import OPEN_STATUSES
        from gongkai.applications.models import Application

        tasks = GaugeMetricFamily("gongkai_tasks", "Background tasks by status", labels=["status"])
        for row in DBTaskResult.objects.values("status").annotate(n=Count("id")):
            tasks.add_metric([row["status"]], row["n"])
        yield tasks
        oldest = DBTaskResult.objects.running().aggregate(started=Min("started_at"))["started"]
        age = (timezone.now() - oldest).total_seconds() if oldest else 0
        yield GaugeMetricFamily(
            "gongkai_task_oldest_running_seconds", "Age of the oldest running background task", value=age
        )
        overdue = GaugeMetricFamily(
            "gongkai_applications_overdue", "Open applications past their due date", labels=["agency"]
        )
        rows = (
            Application.objects.filter(status__in=OPEN_STATUSES, due__lt=timezone.localdate())
            .values("agency__code")
            .annotate(n=Count("id"))
        )
        for row in rows:
            overdue.add_metric([row["agency__code"]], row["n"])
        yield overdue


def work_registry() -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(WorkCollector())
    return registry
