"""Table 二 第（一）项 and the year's summary, against hand-counted items."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.report.formats import TEMPLATE_2019, TEMPLATE_2021
from gongkai.publishing import figures
from gongkai.publishing.demo import bulk
from gongkai.publishing.models import WithheldInformation


def _row(title, formed, published, kind="normative_documents", validity="valid", changed=None, **extra):
    return dict(
        title=title,
        formed_on=formed,
        published_on=published,
        category="rules",
        summary="概述",
        document_kind=kind,
        validity=validity,
        validity_changed_on=changed,
        **extra,
    )


@pytest.fixture
def register(portal):
    """Hand-counted: for 2024,
    A formed 2023, published 2024, repealed 2024   → published, total; repealed
    B formed 2024, published 2024, valid           → made, published, total, issued, in_force
    C formed 2024, published 2025, valid           → made only
    D formed 2022, published 2022, expired 2025    → total; in_force (expired after the year)
    E 规章 formed 2024, published 2024, valid      → rules: made, published, total, issued, in_force
    F other kind, 2024                             → nothing
    """
    bulk.create_items(
        portal["dept"],
        [
            _row("A", date(2023, 12, 20), date(2024, 1, 5), validity="repealed", changed=date(2024, 9, 1)),
            _row("B", date(2024, 3, 1), date(2024, 3, 8)),
            _row("C", date(2024, 12, 30), date(2025, 1, 6)),
            _row("D", date(2022, 5, 1), date(2022, 5, 9), validity="expired", changed=date(2025, 2, 1)),
            _row("E", date(2024, 6, 1), date(2024, 6, 3), kind="rules"),
            _row("F", date(2024, 6, 1), date(2024, 6, 3), kind="other"),
        ],
    )
    return portal


def test_2019_template(world, register):
    assert figures.rules_figures(world["dept"], 2024, TEMPLATE_2019) == {
        "rules.made": 1,
        "rules.published": 1,
        "rules.total_published": 1,
        "normative_documents.made": 2,
        "normative_documents.published": 2,
        "normative_documents.total_published": 3,
    }


def test_2021_template(world, register):
    assert figures.rules_figures(world["dept"], 2024, TEMPLATE_2021) == {
        "rules.issued": 1,
        "rules.repealed": 0,
        "rules.in_force": 1,
        "normative_documents.issued": 1,
        "normative_documents.repealed": 1,
        "normative_documents.in_force": 2,
    }


def test_a_year_without_documents_counts_zeros(world, register):
    values = figures.rules_figures(world["dept"], 2020, TEMPLATE_2019)
    assert values == dict.fromkeys(figures.keys(TEMPLATE_2019), 0)
    assert figures.rules_figures(world["sibling"], 2024, TEMPLATE_2021) == dict.fromkeys(
        figures.keys(TEMPLATE_2021), 0
    )


def test_sources_drill_down(world, register):
    labels = [
        s.label
        for s in figures.rules_sources(world["dept"], 2024, TEMPLATE_2021, "normative_documents.in_force")
    ]
    assert sorted(label.split(" ", 1)[1] for label in labels) == ["B", "D"]
    # The reports' call form: (agency, year, key), with the year's own template.
    assert len(figures.rules_sources(world["dept"], 2024, "normative_documents.repealed")) == 1
    with pytest.raises(KeyError):
        figures.rules_sources(world["dept"], 2024, TEMPLATE_2019, "rules.in_force")


def test_summary_counts_late_withheld_and_categories(world, portal):
    # Formed Mon 2025-03-03; 20 working days end 2025-03-31. One on time, one late.
    bulk.create_items(
        portal["dept"],
        [
            dict(
                title="按时",
                formed_on=date(2025, 3, 3),
                published_on=date(2025, 3, 31),
                category="budget",
                summary="s",
            ),
            dict(
                title="超期",
                formed_on=date(2025, 3, 3),
                published_on=date(2025, 4, 1),
                category="livelihood",
                summary="s",
            ),
            dict(
                title="往年",
                formed_on=date(2024, 3, 3),
                published_on=date(2024, 3, 4),
                category="livelihood",
                summary="s",
            ),
        ],
    )
    WithheldInformation.objects.create(
        agency=world["dept"],
        title="x",
        ground="third_party",
        decided_on=date(2025, 5, 5),
        reevaluate_on=date(2026, 5, 5),
    )
    summary = figures.summary(world["dept"], 2025)
    assert summary["published"] == 2
    assert summary["late"] == 1
    assert [i.title for i in figures.late_items(world["dept"], 2025)] == ["超期"]
    assert summary["withheld"] == 1
    assert summary["by_category"] == {"budget": 1, "livelihood": 1}
    assert summary["in_signoff"] == 0


def test_in_review_counts_items_in_the_chain(world, submitted):
    assert figures.summary(world["dept"], 2025)["in_signoff"] == 1
