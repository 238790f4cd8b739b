"""Importing decisions (处理决定) from the CSV or XLSX files that 政务服务 systems export.

One row is one decided case (办件): its item code (事项编码), its number (办件编号), the date it was decided
(办结日期) and optionally a count (数量, for exports that give one row per item and day). The steps:

1. ``preview`` reads the header and the first rows and guesses which column is which (``guess_mapping``);
2. ``check`` reads every row with the chosen ``mapping`` and validates all of them — an unknown item, a bad
   date or number, a date outside the period, a repeated 办件编号 — raising ``ImportRefused`` (the messages,
   one per row, in Chinese) if any row is wrong, and reporting its progress to a callback as it reads;
3. ``save`` replaces the imported decisions of the period the file covers with the checked rows, in one
   transaction with one audit event. ``import_decisions`` does both: nothing is saved unless every row is
   right. Large files go through ``import_jobs`` (a background job with a progress bar).

Files over ``MAX_BYTES`` are refused from their size alone, before anything is read. CSV may be UTF-8 (with
or without BOM) or GBK/GB18030; XLSX is read with openpyxl's streaming reader, first sheet only. A workbook is
a zip whose sheets may expand to far more than the file: before openpyxl opens it, ``_check_xlsx`` bounds each
sheet's declared expanded size and its declared dimension (``A1:XFD1048576`` would make openpyxl pad a million
rows of 16,384 cells); openpyxl then iterates only the rows present, and a row wider than ``MAX_COLUMNS`` or a
sheet longer than ``MAX_LINES`` stops the reading.
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath
from typing import BinaryIO

from django.db import connection, transaction
from openpyxl import load_workbook

from gongkai.agencies import history

from .models import Decision, DecisionImport, PowerList

logger = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024
MAX_SHOWN_ERRORS = 200
BATCH_SIZE = 5000
PROGRESS_EVERY = 5000  # lines between two progress reports
MAX_REFERENCE = 64  # Decision.reference
MAX_COUNT = 1_000_000  # one row of an aggregated export; far below the column's limit
EXTENSIONS = (".csv", ".xlsx")
MAX_COLUMNS = 200  # an export has a dozen columns
MAX_LINES = 1_048_576  # Excel's own limit of rows
MAX_SHEET_XML = 1024 * 1024 * 1024  # the declared expanded size of one sheet (about three million short rows)
_DIMENSION = re.compile(rb"""<(?:\w+:)?dimension\b[^>]*?\bref\s*=\s*["']([^"']*)["']""")
_CORNER = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,9})$")

FIELDS: dict[str, str] = {
    "item_code": "事项编码",
    "reference": "办件编号",
    "decided_on": "办结日期",
    "count": "数量",
}
REQUIRED = ("item_code", "reference", "decided_on")
SYNONYMS: dict[str, tuple[str, ...]] = {
    "item_code": ("事项编码", "事项代码", "实施编码", "实施清单编码", "基本编码", "权力编码"),
    "reference": ("办件编号", "办件流水号", "业务流水号", "申报号", "受理编号"),
    "decided_on": ("办结日期", "办结时间", "决定日期", "办理完成时间"),
    "count": ("数量", "办件量", "件数", "办件数量"),
}
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$")


class ImportRefused(Exception):
    """The file cannot be imported; ``errors`` says why (per row where a row is at fault)."""

    def __init__(self, errors: list[str]):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


@dataclass(frozen=True)
class Preview:
    headers: list[str]
    rows: list[list[str]]
    mapping: dict[str, str]


def _size(fileobj: BinaryIO) -> int:
    fileobj.seek(0, io.SEEK_END)
    size = fileobj.tell()
    fileobj.seek(0)
    return size


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ImportRefused(["无法识别文件编码：请保存为 UTF-8 或 GBK 编码的 CSV"]) from None


def _xlsx_lines(sheet) -> int | None:
    """The number of rows of a read-only sheet, counted from its XML (fast, no cell is parsed): many
    exporters write no reliable dimension. ``None`` when the XML cannot be read this way."""
    try:
        source = sheet._get_source()  # openpyxl's stream of the sheet's XML
    except Exception:  # a private API: any failure only costs the estimate
        return None
    count, tail = 0, b""
    with source:
        while chunk := source.read(1 << 20):
            data = tail + chunk
            count += data.count(b"<row")
            tail = data[-3:]  # shorter than "<row": a tag cut by the chunk is counted once, next time
    return count


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _check_dimension(ref: str) -> None:
    corners = [_CORNER.match(part.strip().upper()) for part in ref.split(":")[:2]]
    if not all(corners):
        return  # openpyxl ignores a dimension it cannot read; `reset_dimensions` drops it anyway
    columns = max(_column_number(c.group(1)) for c in corners)
    rows = max(int(c.group(2)) for c in corners)
    if columns > MAX_COLUMNS or rows > MAX_LINES:
        raise ImportRefused(
            [
                f"XLSX 工作表的范围过大（{ref}），上限 {MAX_LINES} 行、{MAX_COLUMNS} 列：请只保留导出的数据后另存"
            ]
        )


def _check_xlsx(fileobj: BinaryIO) -> None:
    """Refuse, before openpyxl reads the workbook, sheets that expand beyond ``MAX_SHEET_XML`` or declare a
    dimension beyond ``MAX_LINES`` × ``MAX_COLUMNS`` (the zip reader stops at a member's declared size)."""
    damaged = ImportRefused(["无法读取 XLSX 文件：文件已损坏或不是 Excel 2007 以上格式"])
    try:
        with zipfile.ZipFile(fileobj) as archive:
            for info in archive.infolist():
                if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                    continue
                if info.file_size > MAX_SHEET_XML:
                    raise ImportRefused(
                        [
                            f"XLSX 工作表解压后过大（超过 {MAX_SHEET_XML // (1024 * 1024)} MB）：请按时间段拆分后分别导入"
                        ]
                    )
                with archive.open(info) as member:
                    head = member.read(64 * 1024)  # the dimension comes before the sheet's data
                if match := _DIMENSION.search(head):
                    _check_dimension(match.group(1).decode("ascii", errors="replace"))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError, ValueError):
        raise damaged from None
    finally:
        fileobj.seek(0)


def _open(fileobj: BinaryIO, filename: str) -> tuple[Iterator[list[str]], int | None]:
    """Every row of the file as text cells, the header first, and the number of lines in the file (an
    estimate: a quoted cell may span lines). Refuses before reading when the file is too big, empty, or not
    CSV/XLSX."""
    suffix = PurePath(filename).suffix.lower()
    if suffix not in EXTENSIONS:
        raise ImportRefused(["只能导入 CSV 或 XLSX 文件"])
    size = _size(fileobj)
    if size > MAX_BYTES:
        raise ImportRefused([f"文件超过 {MAX_BYTES // (1024 * 1024)} MB，未导入。请按时间段拆分后分别导入"])
    if size == 0:
        raise ImportRefused(["文件是空的"])
    if suffix == ".csv":
        data = fileobj.read()
        lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
        text = _decode(data)
        return ([cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))), lines
    _check_xlsx(fileobj)
    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # iterate the rows present, each as wide as its own cells
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise ImportRefused(["无法读取 XLSX 文件：文件已损坏或不是 Excel 2007 以上格式"]) from None

    def rows() -> Iterator[list[str]]:
        try:
            for line, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                if line > MAX_LINES:
                    raise ImportRefused([f"XLSX 工作表超过 {MAX_LINES} 行：请按时间段拆分后分别导入"])
                if len(row) > MAX_COLUMNS:
                    raise ImportRefused([f"XLSX 第 {line} 行超过 {MAX_COLUMNS} 列：请只保留导出的数据后另存"])
                yield [_text(cell) for cell in row]
        finally:
            workbook.close()

    return rows(), _xlsx_lines(sheet)


def _header(rows: Iterator[list[str]]) -> tuple[list[str], int]:
    """The first non-blank row and its line number (data rows are numbered from the next line)."""
    for line, row in enumerate(rows, start=1):
        if any(row):
            return row, line
    raise ImportRefused(["文件是空的"])


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """Field → header for the headers that match a known name of a field."""
    found = {}
    for field_name, names in SYNONYMS.items():
        match = next((h for h in headers if h.replace(" ", "") in names), None)
        if match:
            found[field_name] = match
    return found


def preview(fileobj: BinaryIO, filename: str, rows: int = 10) -> Preview:
    """The header, the first ``rows`` data rows and the guessed mapping."""
    reader, _ = _open(fileobj, filename)
    headers, _ = _header(reader)
    first = []
    for row in reader:
        if len(first) >= rows:
            break
        if any(row):
            first.append(row)
    return Preview(headers, first, guess_mapping(headers))


def _columns(headers: list[str], mapping: dict[str, str]) -> dict[str, int]:
    errors = [f"请指定“{FIELDS[f]}”对应的列" for f in REQUIRED if not mapping.get(f)]
    errors += [f"文件中没有列“{h}”（{FIELDS[f]}）" for f, h in mapping.items() if h and h not in headers]
    unknown = set(mapping) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown import fields {sorted(unknown)}")
    if errors:
        raise ImportRefused(errors)
    return {f: headers.index(h) for f, h in mapping.items() if h}


def _parse_date(text: str) -> date | None:
    match = _DATE.match(text)
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


Row = tuple[int, date, str, int]
"""A valid row: item id, decision date, 办件编号, count."""

Progress = Callable[[int, "int | None"], None]
"""Called with the number of data lines read so far and the (estimated) total, ``None`` when unknown."""


def _parse_rows(
    rows: Iterator[list[str]],
    first_line: int,
    columns: dict[str, int],
    codes: dict[str, int],
    start: date,
    end: date,
    progress: Progress,
) -> tuple[list[Row], list[str], int]:
    """The valid rows, the messages of the wrong ones, and the number of lines read after the header."""
    decisions: list[Row] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    width = max(columns.values()) + 1
    line = first_line - 1
    for line, row in enumerate(rows, start=first_line):
        if (line - first_line + 1) % PROGRESS_EVERY == 0:
            progress(line - first_line + 1)
        if not any(row):
            continue
        row = row + [""] * (width - len(row))
        code, reference, when = (row[columns[f]] for f in REQUIRED)
        problems = []
        item = codes.get(code)
        if not code:
            problems.append("事项编码为空")
        elif item is None:
            problems.append(f"事项编码“{code}”不在本年度权责清单中")
        if not reference:
            problems.append("办件编号为空")
        elif len(reference) > MAX_REFERENCE:
            problems.append(f"办件编号超过 {MAX_REFERENCE} 个字符")
        elif reference in seen:
            problems.append(f"办件编号“{reference}”与第 {seen[reference]} 行重复")
        else:
            seen[reference] = line
        decided_on = _parse_date(when)
        if decided_on is None:
            problems.append(f"办结日期“{when}”不是有效日期")
        elif not start <= decided_on <= end:
            problems.append(f"办结日期 {decided_on} 不在导入期间 {start} 至 {end} 内")
        count = 1
        if "count" in columns:
            text = row[columns["count"]]
            count = int(text) if text.isascii() and text.isdigit() else -1
            if count < 0:
                problems.append(f"数量“{text}”不是非负整数")
            elif count > MAX_COUNT:
                problems.append(f"数量 {count} 超过单行上限 {MAX_COUNT}")
        if problems:
            errors.append(f"第 {line} 行：" + "；".join(problems))
        elif not errors:
            decisions.append((item, decided_on, reference, count))
    return decisions, errors, line - first_line + 1


def _insert(list_id: int, batch_id: int, rows: list[Row]) -> None:
    """Insert the rows with ``executemany`` in chunks: building 100,000 model instances for ``bulk_create``
    takes most of an import's time, and these rows are already validated."""
    quote, adapt = connection.ops.quote_name, connection.ops.adapt_datefield_value
    table = quote(Decision._meta.db_table)
    fields = ("power_list_id", "batch_id", "item_id", "decided_on", "reference", "count")
    sql = f"INSERT INTO {table} ({', '.join(quote(f) for f in fields)}) VALUES ({', '.join(['%s'] * len(fields))})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH_SIZE):
            chunk = rows[start : start + BATCH_SIZE]
            cursor.executemany(sql, [(list_id, batch_id, i, adapt(d), r, n) for i, d, r, n in chunk])


@dataclass(frozen=True)
class Checked:
    """A file whose every row is valid, ready to be saved."""

    rows: list[Row]
    sha256: str

    @property
    def decisions(self) -> int:
        return sum(row[3] for row in self.rows)


def check(
    power_list: PowerList,
    fileobj: BinaryIO,
    filename: str,
    *,
    mapping: dict[str, str],
    period_start: date,
    period_end: date,
    progress: Progress | None = None,
) -> Checked:
    """Read and validate every row; saves nothing. ``ImportRefused`` lists every row at fault (the first
    ``MAX_SHOWN_ERRORS``). ``progress(lines_read, lines_total)`` is called every ``PROGRESS_EVERY`` lines with
    the file's estimated number of data lines (``None`` if unknown), and once at the end with the exact one."""
    year = power_list.year
    if not (date(year, 1, 1) <= period_start <= period_end <= date(year, 12, 31)):
        raise ImportRefused([f"导入期间须在 {year} 年内，且起始日期不晚于截止日期"])
    reader, lines = _open(fileobj, filename)
    headers, header_line = _header(reader)
    columns = _columns(headers, mapping)
    codes = dict(power_list.items.values_list("code", "pk"))
    total = None if lines is None else max(lines - header_line, 0)

    def report(done: int) -> None:
        if progress:
            progress(done, None if total is None else max(total, done))

    decisions, errors, read = _parse_rows(
        reader, header_line + 1, columns, codes, period_start, period_end, report
    )
    if progress:
        progress(read, read)
    if not errors and not decisions:
        errors = ["文件中没有数据行"]
    if errors:
        shown = errors[:MAX_SHOWN_ERRORS]
        if len(errors) > len(shown):
            shown.append(f"……共 {len(errors)} 行有错误，仅列出前 {MAX_SHOWN_ERRORS} 行")
        raise ImportRefused(shown)
    fileobj.seek(0)
    return Checked(decisions, hashlib.file_digest(fileobj, "sha256").hexdigest())


def save(
    power_list: PowerList,
    checked: Checked,
    filename: str,
    *,
    mapping: dict[str, str],
    period_start: date,
    period_end: date,
    by=None,
    then: Callable[[DecisionImport], None] | None = None,
) -> DecisionImport:
    """Replace the imported decisions of ``power_list`` decided between ``period_start`` and ``period_end``
    (inclusive) with the checked rows, in one transaction with one audit event. ``then(batch)`` runs in
    that transaction (a job records its result with the rows it saved)."""
    with transaction.atomic():
        PowerList.objects.select_for_update().get(pk=power_list.pk)  # one import per list at a time
        replaced = Decision.objects.filter(
            power_list=power_list, batch__isnull=False, decided_on__range=(period_start, period_end)
        ).delete()[0]
        batch = DecisionImport.objects.create(
            power_list=power_list,
            period_start=period_start,
            period_end=period_end,
            filename=filename[-255:],
            sha256=checked.sha256,
            rows=len(checked.rows),
            decisions=checked.decisions,
            mapping=mapping,
            imported_by=by,
        )
        _insert(power_list.pk, batch.pk, checked.rows)
        history.record(
            batch,
            "wagtail.create",
            by,
            changes={"导入处理决定": [f"替换 {replaced} 条", f"{batch.rows} 行，{batch.decisions} 件"]},
        )
        if then is not None:
            then(batch)
    logger.info(
        "decisions imported into %s/%s: %s rows for %s..%s, %s replaced",
        power_list.agency.code,
        power_list.year,
        batch.rows,
        period_start,
        period_end,
        replaced,
    )
    return batch


def import_decisions(
    power_list: PowerList,
    fileobj: BinaryIO,
    filename: str,
    *,
    mapping: dict[str, str],
    period_start: date,
    period_end: date,
    by=None,
    progress: Progress | None = None,
    then: Callable[[DecisionImport], None] | None = None,
) -> DecisionImport:
    """``check`` then ``save``: all or nothing."""
    period = {"mapping": mapping, "period_start": period_start, "period_end": period_end}
    checked = check(power_list, fileobj, filename, progress=progress, **period)
    return save(power_list, checked, filename, by=by, then=then, **period)
