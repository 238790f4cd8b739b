"""The apps' choices that name report cells must keep the spec's keys (core/report/formats.py)."""

from gongkai.applications.choices import ApplicantType
from gongkai.core.report import formats
from gongkai.powers.models import AppealKind, AppealResult


def test_applicant_types_are_the_table_three_columns():
    assert [t.value for t in ApplicantType] == list(formats.APPLICANT_COLUMN_KEYS)


def test_appeal_kinds_and_results_are_the_table_four_cells():
    assert [k.value for k in AppealKind] == [g.key for g in formats.APPEAL_GROUPS]
    assert [r.value for r in AppealResult] == [c.key for c in formats.APPEAL_COLUMNS if c.key != "total"]
