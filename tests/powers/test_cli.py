"""`gongkai import-decisions`: a good file, a bad file (exit 2, nothing saved), a dry run, wrong arguments."""

import pytest

from gongkai import cli
from gongkai.powers import services
from gongkai.powers.models import Decision

pytestmark = pytest.mark.django_db

GOOD = "业务流水号,事项编码,办结日期\nB1,XK-1,2020-03-01\nB2,XK-1,2020-03-02\nB3,XK-1,2020-07-02\n"


@pytest.fixture
def power_list(dept):
    power_list = services.start_year(dept, 2020)
    services.save_item(power_list, code="XK-1", name="许可", category="licensing")
    return power_list


def _run(*args) -> int:
    return cli.main(["import-decisions", "--agency", "dept", "--year", "2020", *map(str, args)])


@pytest.fixture
def export(tmp_path):
    def write(text: str, name="export.csv"):
        path = tmp_path / name
        path.write_bytes(text.encode("gbk"))
        return path

    return write


def test_a_good_file_is_imported(power_list, export, capsys):
    assert _run(export(GOOD)) == 0
    assert capsys.readouterr().out.startswith("已导入 3 行，处理决定 3 件")
    assert Decision.objects.count() == 3
    batch = power_list.decision_imports.get()
    assert batch.mapping == {"item_code": "事项编码", "reference": "业务流水号", "decided_on": "办结日期"}
    assert batch.imported_by is None


def test_a_period_and_a_mapping_by_name_or_field(power_list, export, capsys):
    text = GOOD.replace("办结日期", "完成")
    args = ["--mapping", "完成=decided_on", "--mapping", "业务流水号=办件编号", "--from", "2020-07-01"]
    assert _run(export(text), *args) == 2
    assert "第 2 行：办结日期 2020-03-01 不在导入期间 2020-07-01 至 2020-12-31 内" in capsys.readouterr().err
    assert _run(export("".join(text.splitlines(True)[:1] + text.splitlines(True)[3:])), *args) == 0
    assert list(Decision.objects.values_list("reference", flat=True)) == ["B3"]


def test_a_bad_file_prints_every_rows_error_in_chinese_and_saves_nothing(power_list, export, capsys):
    bad = GOOD + "B4,XK-9,2020-03-01\nB1,XK-1,2020-02-30\n"
    assert _run(export(bad)) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "gongkai import-decisions: 错误：第 5 行：事项编码“XK-9”不在本年度权责清单中",
        "gongkai import-decisions: 错误：第 6 行：办件编号“B1”与第 2 行重复；办结日期“2020-02-30”不是有效日期",
        "gongkai import-decisions: 未导入任何数据",
    ]
    assert not Decision.objects.exists()


def test_a_dry_run_checks_and_saves_nothing(power_list, export, capsys):
    assert _run(export(GOOD), "--dry-run") == 0
    assert capsys.readouterr().out == "校验通过：3 行，处理决定 3 件（试运行，未保存）\n"
    assert not Decision.objects.exists() and not power_list.decision_imports.exists()
    assert _run(export(GOOD + "B1,XK-1,2020-01-01\n"), "--dry-run") == 2


@pytest.mark.parametrize(
    "args,message",
    [
        (["--mapping", "完成=日期"], "--mapping 的字段“日期”无效"),
        (["--agency", "nope"], "机关“nope”没有 2020 年的权责清单（或机关代码有误）"),
        (["--year", "2021"], "机关“dept”没有 2021 年的权责清单"),
    ],
)
def test_wrong_arguments(power_list, export, capsys, args, message):
    assert _run(export(GOOD), *args) == 2
    assert message in capsys.readouterr().err
    assert not Decision.objects.exists()


def test_a_missing_file_and_an_unreadable_one(power_list, export, tmp_path, capsys):
    assert _run(tmp_path / "none.csv") == 2
    assert "找不到文件" in capsys.readouterr().err
    assert _run(export("x", "export.xls")) == 2
    assert "只能导入 CSV 或 XLSX 文件" in capsys.readouterr().err
