"""Hostile sheets for the 建议提案 and task imports: whatever the cells hold, a sheet is either read into rows
that passed their checks or refused with a Chinese message — never another exception."""

from __future__ import annotations

import io
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from gongkai.workrecords import sheets
from gongkai.workrecords.ledger import ImportRefused

CELL = st.one_of(
    st.none(),
    st.integers(min_value=-(10**9), max_value=10**9),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.sampled_from(["人大代表建议", "政协委员提案", "2020", "2020-13-01", "甲区人社局、甲区住建局"]),
)


def _book(header, rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(CELL, CELL, CELL, CELL), max_size=6), st.sampled_from(["proposals", "tasks"]))
def test_a_hostile_sheet_is_read_or_refused(rows, kind):
    header, read = {
        "proposals": (sheets.PROPOSAL_COLUMNS, sheets.read_proposals),
        "tasks": (sheets.TASK_COLUMNS, sheets.read_tasks),
    }[kind]
    try:
        result = read(_book(header, rows))
    except ImportRefused as error:
        assert str(error)
        return
    for row in result:
        if kind == "proposals":
            assert row.values["kind"] in ("deputies", "members") and row.values["handled"] >= 0
        else:
            assert row.values["text"] and row.values["agencies"]


def test_not_a_workbook_is_refused():
    for data in (b"", b"PK\x03\x04broken", "年度,类型".encode()):
        with pytest.raises(ImportRefused, match="XLSX"):
            sheets.read_proposals(data)
