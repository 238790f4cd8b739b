"""/readyz names what keeps a node from serving (database, cache, storage, a recent db_worker heartbeat) and
/metrics is Prometheus's text, for the loopback or a bearer token only (gongkai/ops/views.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.core.cache import caches

from gongkai import backends
from gongkai.ops import heartbeat

import live_services as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def disk_caches(settings, tmp_path):
    settings.CACHES = backends.caches(tmp_path, "", portal_bytes=2**20)
    yield
    caches["default"].clear()


def test_ready_when_every_part_answers_and_a_worker_beat(client, disk_caches):
    heartbeat.beat("worker-a")
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "storage": "ok", "worker": "ok"}


def test_not_ready_without_a_worker_heartbeat(client, disk_caches):
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["failing"] == ["worker"]


def test_a_stale_heartbeat_is_no_heartbeat(client, disk_caches, settings):
    caches["default"].set(heartbeat.KEY, {"at": 0.0, "worker": "gone"}, 600)
    assert client.get("/readyz").json()["failing"] == ["worker"]


def test_not_ready_when_the_cache_or_the_storage_is_unreachable(client, settings, monkeypatch):
    closed = services.free_port()  # nothing listens there
    settings.CACHES = backends.caches(settings.VAR_DIR, f"redis://127.0.0.1:{closed}/0", portal_bytes=2**20)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "x")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "y")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    settings.STORAGES = backends.storages(
        {
            "GONGKAI_S3_BUCKET": "b",
            "GONGKAI_S3_ENDPOINT_URL": f"http://127.0.0.1:{closed}",
            "GONGKAI_S3_REGION": "us-east-1",
        },
        static_backend=settings.STORAGES["staticfiles"]["BACKEND"],
    )
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["cache", "storage", "worker"]


def test_metrics_for_the_loopback_only_or_with_the_token(client, settings):
    client.get("/healthz")
    response = client.get("/metrics")  # the test client comes from 127.0.0.1
    body = response.content.decode()
    assert response.status_code == 200 and "django_http_requests_total_by_method" in body
    assert "gongkai_tasks" in body and "gongkai_task_oldest_running_seconds" in body
    assert "gongkai_applications_overdue" in body
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 404  # through the proxy
    assert client.get("/metrics", REMOTE_ADDR="198.51.100.7").status_code == 404
    settings.GONGKAI_METRICS_TOKEN = "s3cret-token"
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token").status_code == 200
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404


def test_json_log_lines_are_redacted(tmp_path):
    code = "import django; django.setup(); import logging; logging.getLogger('gongkai.x').warning('call 13812345678')"
    environment = {**os.environ, "GONGKAI_LOG_FORMAT": "json", "DJANGO_SETTINGS_MODULE": "gongkai.settings"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=300, check=True
    )
    record = json.loads(result.stderr.strip().splitlines()[-1])
    assert record["name"] == "gongkai.x" and record["levelname"] == "WARNING"
    assert record["message"] == "call [手机号已隐去]"
