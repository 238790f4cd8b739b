"""The categories of a power list (权责清单) and the table 二 row each one feeds, as data.

The 2019 template counts items in four rows: 行政许可, 其他对外管理服务事项, 行政处罚, 行政强制. Every category
that is not one of the three named ones is an 其他对外管理服务事项 — the other powers and public services an
agency exercises towards the public (征收, 给付, 检查, 确认, 奖励, 裁决, 其他行政权力, 公共服务).

The 2021 template keeps only the decisions of 行政许可, 行政处罚 and 行政强制; the other categories feed no row.
"""

from __future__ import annotations

from django.db import models

from gongkai.core.report.formats import TEMPLATE_2019, TEMPLATE_2021


class Category(models.TextChoices):
    LICENSING = "licensing", "行政许可"
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    LEVY = "levy", "行政征收"
    BENEFIT = "benefit", "行政给付"
    INSPECTION = "inspection", "行政检查"
    CONFIRMATION = "confirmation", "行政确认"
    REWARD = "reward", "行政奖励"
    ADJUDICATION = "adjudication", "行政裁决"
    OTHER_POWER = "other_power", "其他行政权力"
    PUBLIC_SERVICE = "public_service", "公共服务"


_NAMED_ROWS = {Category.LICENSING: "licensing", Category.PENALTY: "penalty", Category.COERCION: "coercion"}

REPORT_ROWS: dict[str, dict[str, str]] = {
    TEMPLATE_2019: {c.value: _NAMED_ROWS.get(c, "other_services") for c in Category},
    TEMPLATE_2021: {c.value: row for c, row in _NAMED_ROWS.items()},
}
"""Template → category → the table 二 row key (``licensing``, ``other_services`` …) its items and decisions feed."""

ITEM_ROWS: dict[str, tuple[str, ...]] = {
    TEMPLATE_2019: ("licensing", "other_services", "penalty", "coercion"),
    TEMPLATE_2021: ("licensing", "penalty", "coercion"),
}
"""The table 二 rows fed by the power list, in the template's order."""


def report_row(template: str, category: str) -> str | None:
    """The row of ``template``'s table 二 that an item of ``category`` counts in, or ``None``."""
    return REPORT_ROWS[template].get(category)
