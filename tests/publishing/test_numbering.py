"""索引号: by the agency's rule, once, unique, gapless per agency and year (also next to bulk inserts)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from gongkai.publishing.demo import bulk
from gongkai.publishing.models import InformationItemPage, PublishingSettings, validate_index_pattern


def test_default_rule_is_the_national_one(add_item):
    first, second = add_item(), add_item(n=2)
    other_year = add_item(n=3, formed_on=date(2024, 12, 31))
    assert [first.index_number, second.index_number] == ["dept/2025-00001", "dept/2025-00002"]
    assert other_year.index_number == "dept/2024-00001"
    assert first.slug == "2025-00001"


def test_agency_rule_with_category(world, add_item):
    PublishingSettings.objects.create(
        agency=world["dept"], index_pattern="{agency_code}-{category_no:02d}-{year}-{seq:04d}"
    )
    assert add_item(category="rules").index_number == "dept-01-2025-0001"
    assert add_item(n=2, category="livelihood").index_number == "dept-11-2025-0002"


def test_number_never_changes(world, add_item):
    item = add_item()
    item.formed_on = date(2023, 1, 1)
    item.category = "budget"
    item.save()
    item.save_revision().publish()
    item.refresh_from_db()
    assert item.index_number == "dept/2025-00001"


def test_agencies_count_separately(add_item):
    assert add_item("dept").index_number == "dept/2025-00001"
    assert add_item("sibling").index_number == "sibling/2025-00001"


def test_bulk_and_single_interleave_gapless(portal, add_item):
    add_item()
    rows = [
        dict(title=f"批量{i}", formed_on=date(2025, 5, 1), category="other", summary="概述") for i in range(5)
    ]
    bulk.create_items(portal["dept"], rows)
    add_item(n=9)
    seqs = sorted(InformationItemPage.objects.filter(index_year=2025).values_list("index_seq", flat=True))
    assert seqs == list(range(1, 8))
    numbers = list(InformationItemPage.objects.values_list("index_number", flat=True))
    assert len(numbers) == len(set(numbers))


def test_rolled_back_save_gives_its_number_back(world, portal, add_item):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        add_item()
        raise RuntimeError
    assert add_item().index_number == "dept/2025-00001"


@pytest.mark.parametrize(
    "pattern,ok",
    [
        ("{agency_code}/{year}-{seq:05d}", True),
        ("{agency_code}-{category}-{year}-{seq:04d}", True),
        ("{agency_code}/{year}", False),
        ("{unknown}-{seq}", False),
        ("{seq:d", False),
    ],
)
def test_rule_validation(pattern, ok):
    if ok:
        validate_index_pattern(pattern)
    else:
        with pytest.raises(ValidationError):
            validate_index_pattern(pattern)
