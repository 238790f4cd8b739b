"""Fixtures for the powers tests: an agency of the `world` with lists built by the services."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture
def dept(world):
    return world["dept"]


@pytest.fixture
def add_items():
    """Add items to a list: add_items(power_list, "licensing", 3, added_on=…, prefix=…)."""
    from gongkai.powers import services

    def add(power_list, category: str, n: int, *, added_on: date | None = None, prefix: str | None = None):
        prefix = prefix or f"{category}-{added_on or 'old'}"
        return [
            services.save_item(
                power_list, code=f"{prefix}-{i}", name=f"{category} {i}", category=category, added_on=added_on
            )
            for i in range(n)
        ]

    return add
