"""Numbers per agency per year: the pattern, no gaps, and uniqueness under concurrent submissions."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from gongkai import throttle
from gongkai.applications import services
from gongkai.applications.models import Application, ApplicationSettings

from .conftest import person_fields


@pytest.mark.django_db
def test_numbers_follow_the_pattern_per_agency_and_year(world):
    ApplicationSettings.objects.create(agency=world["dept"], number_prefix="经开人社")
    first, _ = services.submit(world["dept"], person_fields(), on=date(2025, 1, 6))
    second, _ = services.submit(world["dept"], person_fields(), on=date(2025, 1, 6))
    elsewhere, _ = services.submit(world["sibling"], person_fields(), on=date(2025, 1, 6))
    next_year, _ = services.submit(world["dept"], person_fields(), on=date(2026, 1, 5))
    assert first.number == "经开人社依申〔2025〕0001号"
    assert second.number == "经开人社依申〔2025〕0002号"
    assert elsewhere.number == "甲区住建局依申〔2025〕0001号"
    assert next_year.number == "经开人社依申〔2026〕0001号"


@pytest.mark.django_db
def test_custom_pattern(world):
    ApplicationSettings.objects.create(agency=world["dept"], number_pattern="RS-{year}-{seq:05d}")
    app, _ = services.submit(world["dept"], person_fields(), on=date(2026, 3, 2))
    assert app.number == "RS-2026-00001"


@pytest.mark.django_db
def test_a_refused_submission_leaves_no_gap(world):
    with pytest.raises(ValidationError) as refused:
        services.submit(world["dept"], person_fields(id_number="110105199003070011"), on=date(2026, 3, 2))
    assert refused.value.message_dict == {"id_number": ["居民身份证号码校验位不正确"]}
    app, _ = services.submit(world["dept"], person_fields(), on=date(2026, 3, 2))
    assert app.seq == 1


@pytest.mark.django_db
def test_query_code_is_stored_hashed(world):
    app, code = services.submit(world["dept"], person_fields(), on=date(2026, 3, 2))
    assert code not in app.query_code_hash
    assert throttle.query_code_matches(code.lower(), app.query_code_hash)
    assert not throttle.query_code_matches("WRONGCODE2", app.query_code_hash)


@pytest.mark.django_db(transaction=True)
def test_parallel_submissions_get_gapless_unique_numbers(world):
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite's in-memory test database (shared cache) reports table locks instead of waiting; "
            "on a file database the IMMEDIATE transactions serialise writers, row locks matter on PostgreSQL"
        )
    workers, per_worker = 8, 5
    barrier = threading.Barrier(workers)
    errors: list[BaseException] = []

    def work():
        try:
            barrier.wait()
            for _ in range(per_worker):
                services.submit(world["dept"], person_fields(), on=date(2026, 5, 6))
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    seqs = sorted(Application.objects.filter(agency=world["dept"], year=2026).values_list("seq", flat=True))
    assert seqs == list(range(1, workers * per_worker + 1))
