"""`gongkai deadline` and `gongkai fee` through `gongkai.cli.main`: output, JSON and exit codes."""

from __future__ import annotations

import json

import pytest

from gongkai import cli
from gongkai.commands import deadline
from gongkai.core.calendar import Calendar


@pytest.fixture(autouse=True)
def builtin_calendar(monkeypatch):
    """These tests use the built-in calendar; reading the platform's table is tested in tests/workdays."""
    monkeypatch.setattr(deadline, "load_calendar", Calendar.from_chinesecalendar)


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv):
    code, out, err = run(capsys, *argv, "--json")
    assert (code, err) == (0, "")
    return json.loads(out)


@pytest.mark.parametrize(
    ("received", "due"),
    [("2024-01-26", "2024-02-28"), ("2025-01-24", "2025-02-27"), ("2020-01-20", "2020-02-25")],
)
def test_deadline_json(capsys, received, due):
    data = run_json(capsys, "deadline", "--received", received, "--today", received)
    assert data["due"] == due
    assert data["provisional"] is False
    assert data["state"] == "running"
    assert data["workdays_left"] == 20
    assert data["explain"][0]["text"].startswith(f"{received} 收到申请（当面提交")


def test_deadline_text(capsys):
    code, out, err = run(capsys, "deadline", "--received", "2024-01-26", "--today", "2024-02-27")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "答复期限：2024-02-28"
    assert lines[1] == "状态（2024-02-27）：即将到期，剩余 1 个工作日"
    assert "  2024-01-26 收到申请（当面提交，收到申请之日）；答复期限自次日起算 20 个工作日" in lines
    assert any("2024-02-10 至 2024-02-17 春节放假不计" in line for line in lines)


def test_deadline_overdue_text(capsys):
    code, out, _ = run(capsys, "deadline", "--received", "2024-01-26", "--today", "2024-03-04")
    assert "状态（2024-03-04）：已逾期，已超过 3 个工作日" in out


def test_deadline_with_every_event(capsys):
    data = run_json(
        capsys,
        "deadline",
        "--received", "2024-03-01",
        "--channel", "邮寄",
        "--correction-requested", "2024-03-05",
        "--correction-received", "2024-03-11",
        "--consultation", "2024-03-18:2024-03-22",
        "--fee-notice", "2024-03-25",
        "--fee-paid", "2024-03-27",
        "--extension", "10",
        "--today", "2024-04-01",
    )  # fmt: skip
    # 2024-04-09 (restart after correction) + 4 (consultation) + 2 (fee window) = 04-17, + 10 (extension)
    # = 04-30, counting Sunday 04-28 (劳动节调休上班)
    assert data["due"] == "2024-04-30"
    assert data["extended"] is True
    assert data["state"] == "running"
    text = "\n".join(step["text"] for step in data["explain"])
    assert "邮寄，机关签收之日" in text and "延长答复期限 10 个工作日" in text


def test_deadline_unanswered_consultation_is_paused(capsys):
    data = run_json(
        capsys,
        "deadline",
        "--received",
        "2024-03-01",
        "--consultation",
        "2024-03-08:",
        "--today",
        "2024-03-20",
    )
    assert data["state"] == "paused" and data["workdays_left"] == 15


def test_deadline_into_unknown_year_is_provisional(capsys):
    data = run_json(capsys, "deadline", "--received", "2026-12-10", "--today", "2026-12-10")
    assert (data["due"], data["provisional"]) == ("2027-01-07", True)
    code, out, _ = run(capsys, "deadline", "--received", "2026-12-10", "--today", "2026-12-10")
    assert out.splitlines()[0] == "答复期限：2027-01-07（暂定）"


@pytest.mark.parametrize(
    ("argv", "due", "provisional"),
    [
        (["--received", "2026-12-10", "--today", "2026-12-02"], "2027-01-07", True),  # 2027 not yet published
        (["--received", "2026-10-09", "--today", "2026-09-01"], "2026-11-05", False),  # Saturday 10-10 worked
        (["--received", "2026-12-10", "--today", "2026-12-02", "--fee-notice", "2026-12-11"], None, True),
    ],
)
def test_deadline_answers_for_future_dates_as_planning(capsys, argv, due, provisional):
    data = run_json(capsys, "deadline", *argv)
    assert data["planning"] is True and data["provisional"] is provisional
    if due:
        assert data["due"] == due and data["state"] == "running"
    code, out, _ = run(capsys, "deadline", *argv)
    assert code == 0 and "（测算：所给日期晚于今天" in out


def test_deadline_fee_unpaid_is_stopped(capsys):
    data = run_json(
        capsys, "deadline", "--received", "2024-03-01", "--fee-notice", "2024-03-08", "--today", "2024-04-09"
    )
    assert (
        data["state"] == "stopped" and data["stop_reason"] == "fee_unpaid" and data["workdays_left"] is None
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--received", "2024-02-30"], "日期“2024-02-30”无效"),
        (["--received", "2024/01/26"], "日期“2024/01/26”无效"),
        ([], "--received"),
        (["--received", "2024-01-26", "--channel", "信鸽"], "--channel"),
        (["--received", "2024-01-26", "--extension", "-3"], "延长天数“-3”无效"),
        (["--received", "2024-01-26", "--extension", "x"], "延长天数“x”无效"),
        (["--received", "2024-01-26", "--consultation", "2024-02-05:2024-02-01"], "收到意见之日早于发出之日"),
        (["--received", "2024-01-26", "--consultation", "2024-02-05:2024-13-01"], "日期“2024-13-01”无效"),
    ],
)
def test_deadline_argument_errors_exit_2(capsys, argv, message):
    with pytest.raises(SystemExit) as info:
        cli.main(["deadline", *argv])
    assert info.value.code == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--fee-paid", "2024-02-01"], "给出了 --fee-paid，但没有 --fee-notice"),
        (["--fee-notice", "2024-02-05", "--fee-paid", "2024-02-01"], "缴费之日早于发出收费通知之日"),
        (["--correction-requested", "2024-01-29"], "须同时给出"),
        (["--correction-received", "2024-01-29"], "须同时给出"),
        (["--correction-requested", "2024-02-05", "--correction-received", "2024-02-01"], "早于告知补正之日"),
        (["--extension", "21"], "最长不得超过 20 个工作日"),
        (["--consultation", "2024-01-01:2024-01-05"], "早于收到申请之日"),
    ],
)
def test_deadline_inconsistent_arguments_exit_2(capsys, argv, message):
    code, out, err = run(capsys, "deadline", "--received", "2024-01-26", "--today", "2024-03-01", *argv)
    assert code == 2 and out == ""
    assert message in err and err.startswith("gongkai deadline: 错误：")


@pytest.mark.parametrize(
    ("argv", "fee"),
    [
        (["--by", "count", "--nth", "35"], 200),
        (["--by", "count", "--month-total", "35"], 3000),
        (["--by", "pages", "--pages", "150"], 1700),
        (["--by", "pages", "--pages", "0"], 0),
    ],
)
def test_fee_json(capsys, argv, fee):
    data = run_json(capsys, "fee", *argv)
    assert data["fee"] == fee
    assert sum(band["subtotal"] for band in data["bands"]) == fee


def test_fee_text(capsys):
    code, out, err = run(capsys, "fee", "--by", "count", "--month-total", "35")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "信息处理费：3000 元（按件，当月共 35 件申请）",
        "  第 1–10 件：免费 × 10 件 = 0 元",
        "  第 11–30 件：100 元/件 × 20 件 = 2000 元",
        "  第 31–40 件：200 元/件 × 5 件 = 1000 元",
    ]
    _, out, _ = run(capsys, "fee", "--by", "pages", "--pages", "250")
    assert out.splitlines()[0] == "信息处理费：4700 元（按量，一件申请提供 250 页）"
    assert out.splitlines()[-1] == "  第 201 页起：40 元/页 × 50 页 = 2000 元"
    _, out, _ = run(capsys, "fee", "--by", "count", "--nth", "35")
    assert out.splitlines() == [
        "信息处理费：200 元（按件，当月第 35 件申请）",
        "  第 31–40 件：200 元/件 × 1 件 = 200 元",
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--by", "count"], "须给出 --nth 或 --month-total 之一"),
        (["--by", "count", "--nth", "3", "--month-total", "5"], "须给出 --nth 或 --month-total 之一"),
        (["--by", "count", "--nth", "3", "--pages", "5"], "只能选择一种收费方式"),
        (["--by", "pages", "--nth", "3", "--pages", "5"], "只能选择一种收费方式"),
        (["--by", "pages"], "须给出 --pages"),
        (["--by", "count", "--nth", "0"], "不小于 1"),
    ],
)
def test_fee_inconsistent_arguments_exit_2(capsys, argv, message):
    code, out, err = run(capsys, "fee", *argv)
    assert code == 2 and out == ""
    assert message in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--by", "pages", "--pages", "-5"], "“-5”无效：不能为负数"),
        (["--by", "pages", "--pages", "many"], "“many”不是整数"),
        (["--by", "volume", "--pages", "5"], "--by"),
        (["--pages", "5"], "--by"),
    ],
)
def test_fee_argument_errors_exit_2(capsys, argv, message):
    with pytest.raises(SystemExit) as info:
        cli.main(["fee", *argv])
    assert info.value.code == 2
    assert message in capsys.readouterr().err
