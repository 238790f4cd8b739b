"""`gongkai import-decisions`: import 处理决定 from a 政务服务 export (CSV/XLSX) into an agency's power list.

The same checks as the staff page (``gongkai.powers.importing``): every row is validated first and nothing
is saved if any row is wrong; the errors are printed per row, in Chinese, and the exit status is 2. The
import replaces the decisions imported earlier for the period it covers (the whole year unless --from/--to).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

HELP = "从政务服务系统导出的 CSV/XLSX 文件导入处理决定（任何一行有错误时不保存任何数据）。"

EXIT_ERROR = 2
PROG = "gongkai import-decisions"


def _mapping_item(text: str) -> tuple[str, str]:
    """argparse type for ``列名=字段`` (the field is checked in ``_mapping``, once Django is set up)."""
    column, sep, field_name = text.rpartition("=")
    if not sep or not column.strip() or not field_name.strip():
        raise argparse.ArgumentTypeError(f"“{text}”应为 列名=字段")
    return column.strip(), field_name.strip()


def _mapping(pairs: list[tuple[str, str]]) -> tuple[dict[str, str], list[str]]:
    """Field → column from ``列名=字段`` pairs; the field may be its code (item_code) or its Chinese name
    (事项编码). Returns the mapping and the errors."""
    from gongkai.powers.importing import FIELDS

    by_label = {label: name for name, label in FIELDS.items()}
    mapping, errors = {}, []
    for column, field_name in pairs:
        field_name = by_label.get(field_name, field_name)
        if field_name in FIELDS:
            mapping[field_name] = column
        else:
            choices = "、".join(f"{name}（{label}）" for name, label in FIELDS.items())
            errors.append(f"--mapping 的字段“{field_name}”无效，应为 {choices} 之一")
    return mapping, errors


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是 YYYY-MM-DD 格式的日期") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", type=Path, help="CSV 或 XLSX 文件（不超过 50 MB）")
    parser.add_argument("--agency", required=True, metavar="CODE", help="机关代码")
    parser.add_argument("--year", required=True, type=int, metavar="YEAR", help="权责清单的年度")
    parser.add_argument(
        "--mapping",
        action="append",
        type=_mapping_item,
        default=[],
        metavar="列名=字段",
        help="指定一列的对应关系，如 业务流水号=reference（可重复）；未指定的字段按列名自动识别",
    )
    parser.add_argument("--from", dest="period_start", type=_date, metavar="DATE", help="导入期间起始日期")
    parser.add_argument("--to", dest="period_end", type=_date, metavar="DATE", help="导入期间截止日期")
    parser.add_argument("--dry-run", action="store_true", help="只校验，不保存")


def _fail(errors: list[str]) -> int:
    for error in errors:
        print(f"{PROG}: 错误：{error}", file=sys.stderr)
    print(f"{PROG}: 未导入任何数据", file=sys.stderr)
    return EXIT_ERROR


def run(args: argparse.Namespace) -> int:
    from gongkai.commands import setup_django

    setup_django()
    from gongkai.powers import importing
    from gongkai.powers.models import PowerList

    chosen, errors = _mapping(args.mapping)
    if errors:
        return _fail(errors)
    power_list = (
        PowerList.objects.select_related("agency").filter(agency__code=args.agency, year=args.year).first()
    )
    if power_list is None:
        return _fail([f"机关“{args.agency}”没有 {args.year} 年的权责清单（或机关代码有误）"])
    if not args.file.is_file():
        return _fail([f"找不到文件 {args.file}"])
    period = {
        "period_start": args.period_start or date(args.year, 1, 1),
        "period_end": args.period_end or date(args.year, 12, 31),
    }
    try:
        with args.file.open("rb") as fileobj:
            headers = importing.preview(fileobj, args.file.name, rows=0).headers
            mapping = {**importing.guess_mapping(headers), **chosen}
            fileobj.seek(0)
            checked = importing.check(power_list, fileobj, args.file.name, mapping=mapping, **period)
            if args.dry_run:
                print(f"校验通过：{len(checked.rows)} 行，处理决定 {checked.decisions} 件（试运行，未保存）")
                return 0
            batch = importing.save(power_list, checked, args.file.name, mapping=mapping, **period)
    except importing.ImportRefused as refused:
        return _fail(refused.errors)
    print(
        f"已导入 {batch.rows} 行，处理决定 {batch.decisions} 件"
        f"（{power_list.agency.name} {args.year} 年，{period['period_start']} 至 {period['period_end']}）"
    )
    return 0
