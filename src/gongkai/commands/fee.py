"""`gongkai fee`: the 信息处理费 of 国办函〔2020〕109号, by count (按件) or by pages (按量), with the bands used."""

from __future__ import annotations

import argparse
import json
import sys

from gongkai.core.fees import UNITS, Fee, FeeError, Method, fee_for_month_total, fee_for_nth, fee_for_pages

HELP = "计算信息处理费（按件或按量，超额累进），并列出适用的收费档次。"

EXIT_MISUSE = 2
METHOD_NAMES = {Method.COUNT: "按件", Method.PAGES: "按量"}


def parse_count(text: str) -> int:
    """argparse type: a whole number ≥ 0."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是整数") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"“{text}”无效：不能为负数")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--by", choices=[m.value for m in Method], required=True, help="收费方式：count 按件，pages 按量"
    )
    parser.add_argument("--nth", type=parse_count, metavar="N", help="按件：申请人当月第 N 件申请的收费")
    parser.add_argument(
        "--month-total", type=parse_count, metavar="N", help="按件：申请人当月共 N 件申请的收费"
    )
    parser.add_argument("--pages", type=parse_count, metavar="N", help="按量：一件申请提供 N 页的收费")
    parser.add_argument("--json", action="store_true", help="输出 JSON")


def _compute(args: argparse.Namespace) -> Fee:
    if args.by == Method.COUNT:
        if args.pages is not None:
            raise FeeError("按件收费不能同时给出 --pages：同一申请只能选择一种收费方式（109号第三条）")
        if (args.nth is None) == (args.month_total is None):
            raise FeeError("按件收费须给出 --nth 或 --month-total 之一")
        return fee_for_nth(args.nth) if args.nth is not None else fee_for_month_total(args.month_total)
    if args.nth is not None or args.month_total is not None:
        raise FeeError(
            "按量收费不能同时给出 --nth / --month-total：同一申请只能选择一种收费方式（109号第三条）"
        )
    if args.pages is None:
        raise FeeError("按量收费须给出 --pages")
    return fee_for_pages(args.pages)


def run(args: argparse.Namespace) -> int:
    try:
        fee = _compute(args)
    except FeeError as exc:
        print(f"gongkai fee: 错误：{exc}", file=sys.stderr)
        return EXIT_MISUSE
    if args.json:
        print(json.dumps(fee.to_dict(), ensure_ascii=False))
        return 0
    unit = UNITS[fee.method]
    if fee.method is Method.PAGES:
        subject = f"一件申请提供 {fee.quantity} 页"
    elif args.nth is not None:
        subject = f"当月第 {fee.quantity} 件申请"
    else:
        subject = f"当月共 {fee.quantity} 件申请"
    print(f"信息处理费：{fee.amount} 元（{METHOD_NAMES[fee.method]}，{subject}）")
    for band in fee.bands:
        span = f"第 {band.start} {unit}起" if band.end is None else f"第 {band.start}–{band.end} {unit}"
        price = "免费" if band.unit_price == 0 else f"{band.unit_price} 元/{unit}"
        print(f"  {span}：{price} × {band.count} {unit} = {band.subtotal} 元")
    return 0
