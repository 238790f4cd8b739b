"""Importing decisions from CSV and XLSX: good files, bad files, the period replaced, size and speed."""

import io
from datetime import date

import pytest
from openpyxl import Workbook

from gongkai.agencies.history import entries_for
from gongkai.core.errors import Refused
from gongkai.powers import figures, importing, services
from gongkai.powers.importing import ImportRefused
from gongkai.powers.models import Decision

pytestmark = pytest.mark.django_db

HEADER = ["办件编号", "事项编码", "事项名称", "办结时间", "申请人"]
MAPPING = {"item_code": "事项编码", "reference": "办件编号", "decided_on": "办结时间"}
YEAR = (date(2020, 1, 1), date(2020, 12, 31))


@pytest.fixture
def power_list(dept):
    power_list = services.start_year(dept, 2020)
    services.save_item(power_list, code="XK-1", name="许可", category="licensing")
    services.save_item(power_list, code="FW-1", name="服务", category="public_service")
    return power_list


def _csv(rows, header=HEADER, encoding="utf-8-sig") -> io.BytesIO:
    lines = [",".join(header)] + [",".join(str(c) for c in row) for row in rows]
    return io.BytesIO("\n".join(lines).encode(encoding))


def _xlsx(rows, header=HEADER) -> io.BytesIO:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    return out


GOOD = [
    ("B1", "XK-1", "许可", "2020-03-05 10:00:00", "张三"),
    ("B2", "XK-1", "许可", "2020/4/1", "李四"),
    ("B3", "FW-1", "服务", "2020年6月30日", "王五"),
]


def _import(power_list, fileobj, name="export.csv", mapping=MAPPING, period=YEAR):
    return importing.import_decisions(
        power_list, fileobj, name, mapping=mapping, period_start=period[0], period_end=period[1]
    )


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
def test_csv_in_any_usual_encoding(power_list, dept, encoding):
    batch = _import(power_list, _csv(GOOD, encoding=encoding))
    assert (batch.rows, batch.decisions) == (3, 3)
    values = figures.proactive(dept, 2020).values
    assert (values["licensing.decisions"], values["other_services.decisions"]) == (2, 1)
    assert entries_for(batch).get().data["changes"]["导入处理决定"] == ["替换 0 条", "3 行，3 件"]


def test_xlsx_with_dates_and_a_count_column(power_list, dept):
    rows = [
        ("B1", "XK-1", "许可", date(2020, 3, 5), "甲", 3),
        ("B2", "FW-1", "服务", date(2020, 5, 1), "乙", 2.0),
    ]
    fileobj = _xlsx(rows, HEADER + ["办件量"])
    preview = importing.preview(fileobj, "export.xlsx")
    assert preview.headers == HEADER + ["办件量"]
    assert preview.rows[0][3] == "2020-03-05"
    assert preview.mapping == {**MAPPING, "count": "办件量"}
    batch = _import(power_list, fileobj, "export.xlsx", preview.mapping)
    assert batch.decisions == 5


def test_reimport_replaces_only_the_period_it_covers(power_list, dept):
    _import(power_list, _csv(GOOD))
    second_half = [("C1", "XK-1", "许可", "2020-07-01", "赵六"), ("C2", "XK-1", "许可", "2020-12-31", "钱七")]
    _import(power_list, _csv(second_half), period=(date(2020, 4, 1), date(2020, 12, 31)))
    assert sorted(Decision.objects.values_list("reference", flat=True)) == ["B1", "C1", "C2"]
    services.enter_decisions(power_list.items.get(code="FW-1"), 4)
    _import(power_list, _csv(second_half), period=(date(2020, 4, 1), date(2020, 12, 31)))
    assert figures.proactive(dept, 2020).values["other_services.decisions"] == 4  # hand-entered kept


@pytest.mark.parametrize(
    "rows,message",
    [
        ([("B1", "XK-9", "?", "2020-03-05", "甲")], "第 2 行：事项编码“XK-9”不在本年度权责清单中"),
        ([("B1", "XK-1", "?", "2020-02-30", "甲")], "第 2 行：办结日期“2020-02-30”不是有效日期"),
        (
            [("B1", "XK-1", "?", "2021-01-01", "甲")],
            "第 2 行：办结日期 2021-01-01 不在导入期间 2020-01-01 至 2020-12-31 内",
        ),
        (
            [("B1", "XK-1", "?", "2020-03-05", "甲"), ("B1", "FW-1", "?", "2020-03-06", "乙")],
            "第 3 行：办件编号“B1”与第 2 行重复",
        ),
        ([("", "XK-1", "?", "2020-03-05", "甲")], "第 2 行：办件编号为空"),
        ([("B" * 65, "XK-1", "?", "2020-03-05", "甲")], "第 2 行：办件编号超过 64 个字符"),
    ],
)
def test_bad_rows_are_reported_and_nothing_is_saved(power_list, rows, message):
    _import(power_list, _csv(GOOD[:1]))
    with pytest.raises(ImportRefused) as refused:
        _import(power_list, _csv(rows + GOOD[1:]))
    assert message in refused.value.errors
    assert list(Decision.objects.values_list("reference", flat=True)) == ["B1"]


def test_bad_numbers_in_the_count_column(power_list):
    rows = [("B1", "XK-1", "?", "2020-03-05", "甲", "3.5"), ("B2", "XK-1", "?", "2020-03-05", "甲", "-1")]
    with pytest.raises(ImportRefused) as refused:
        _import(power_list, _csv(rows, HEADER + ["数量"]), mapping={**MAPPING, "count": "数量"})
    assert refused.value.errors == ["第 2 行：数量“3.5”不是非负整数", "第 3 行：数量“-1”不是非负整数"]
    too_many = [("B1", "XK-1", "?", "2020-03-05", "甲", "99999999999")]
    with pytest.raises(ImportRefused) as refused:
        _import(power_list, _csv(too_many, HEADER + ["数量"]), mapping={**MAPPING, "count": "数量"})
    assert refused.value.errors == ["第 2 行：数量 99999999999 超过单行上限 1000000"]


def test_rows_are_numbered_as_in_the_file_when_blank_lines_precede_the_header(power_list):
    fileobj = io.BytesIO(
        b"\n,,\n" + _csv([("B1", "XK-9", "?", "2020-03-05", "甲")], encoding="utf-8").getvalue()
    )
    with pytest.raises(ImportRefused) as refused:
        _import(power_list, fileobj)
    assert refused.value.errors[0].startswith("第 4 行：")


def test_wrong_columns(power_list):
    with pytest.raises(ImportRefused) as refused:
        _import(power_list, _csv(GOOD, ["编号", "事项编码", "名称", "时间", "申请人"]))
    assert refused.value.errors == [
        "文件中没有列“办件编号”（办件编号）",
        "文件中没有列“办结时间”（办结日期）",
    ]
    with pytest.raises(ImportRefused, match="1 error"):
        _import(power_list, _csv(GOOD), mapping={"item_code": "事项编码", "reference": "办件编号"})


@pytest.mark.parametrize(
    "data,name,message",
    [
        (b"", "a.csv", "文件是空的"),
        (b"\n\n", "a.csv", "文件是空的"),
        (",".join(HEADER).encode(), "a.csv", "文件中没有数据行"),
        (b"PK\x03\x04broken", "a.xlsx", "无法读取 XLSX 文件：文件已损坏或不是 Excel 2007 以上格式"),
        (b"a,b", "a.xls", "只能导入 CSV 或 XLSX 文件"),
        (b"\xff\xfe\x00\xd8\x00\xdc", "a.csv", "无法识别文件编码：请保存为 UTF-8 或 GBK 编码的 CSV"),
    ],
)
def test_empty_and_unreadable_files(power_list, data, name, message):
    with pytest.raises(ImportRefused) as refused:
        _import(power_list, io.BytesIO(data), name)
    assert refused.value.errors == [message]


def test_a_file_over_50_mb_is_refused_without_reading_it(power_list, tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as f:
        f.truncate(importing.MAX_BYTES + 1)  # sparse: nothing is written, nothing needs reading

    class Unreadable(io.FileIO):
        def read(self, *args):
            raise AssertionError("the file was read")

    with Unreadable(path) as fileobj, pytest.raises(ImportRefused, match="1 error") as refused:
        _import(power_list, fileobj, "huge.csv")
    assert refused.value.errors == ["文件超过 50 MB，未导入。请按时间段拆分后分别导入"]


def test_the_period_must_lie_in_the_lists_year(power_list):
    with pytest.raises(ImportRefused):
        _import(power_list, _csv(GOOD), period=(date(2020, 6, 1), date(2021, 1, 31)))


def test_many_errors_are_capped_with_a_count(power_list):
    rows = [(f"B{i}", "NOPE", "?", "2020-03-05", "甲") for i in range(300)]
    with pytest.raises(ImportRefused) as refused:
        _import(power_list, _csv(rows))
    assert len(refused.value.errors) == importing.MAX_SHOWN_ERRORS + 1
    assert refused.value.errors[-1] == "……共 300 行有错误，仅列出前 200 行"


def test_100000_rows_import_in_batches(power_list, dept, django_assert_max_num_queries):
    """Rows are written in batches, never one query per row (the time it takes is benchmarks/powers_import.py's:
    a wall-clock bound here would fail on a loaded machine)."""
    rows = [
        (f"N{i:06d}", "FW-1" if i % 3 else "XK-1", "", f"2020-{i % 12 + 1:02d}-15", "")
        for i in range(100_000)
    ]
    fileobj = _csv(rows)
    with django_assert_max_num_queries(1000):
        batch = _import(power_list, fileobj)
    assert batch.rows == 100_000
    assert figures.proactive(dept, 2020).values["other_services.decisions"] == 66_666


def test_an_item_with_imported_decisions_cannot_be_deleted(power_list):

    _import(power_list, _csv(GOOD))
    with pytest.raises(Refused, match="不能删除"):
        services.delete_entry(power_list.items.get(code="XK-1"))
