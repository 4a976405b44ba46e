"""Tabular exports: a list of sheets, each with its headers and rows generated lazily,
written as one xlsx workbook (openpyxl's write-only mode), a zip of CSV files, or one JSON
document, with memory flat as data grows. Numbers stay numbers and dates dates; text that
a spreadsheet would read as a formula is escaped. Used by the annual follow-up export and
by any app that contributes a sheet to it."""

import csv
import datetime
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .resources import escape_formula
from .tables import xlsx_text


@dataclass
class Sheet:
    name: str
    headers: list[str]
    rows: Callable[[], Iterator[list]]
    #: Column widths in characters (xlsx); a column not given gets its header's width.
    widths: dict[int, int] = field(default_factory=dict)

    def width(self, index: int) -> int:
        return self.widths.get(index, max(10, min(40, len(self.headers[index]) + 3)))


def _cell(value):
    """Spreadsheet cells: formula-looking text escaped, numbers and dates kept as such."""
    if isinstance(value, str):
        return escape_formula(value)
    return value


def _xlsx_cell(value):
    """The same, with only what an xlsx cell can hold (core.tables.xlsx_text)."""
    return _cell(xlsx_text(value) if isinstance(value, str) else value)


def _header_cell(worksheet, header: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(worksheet, value=_xlsx_cell(header))
    cell.font = Font(bold=True)
    return cell


def write_xlsx(all_sheets: list[Sheet], handle, progress=None) -> None:
    workbook = Workbook(write_only=True)
    for index, sheet in enumerate(all_sheets, start=1):
        worksheet = workbook.create_sheet(title=sheet.name[:31])
        worksheet.freeze_panes = "A2"  # the header stays in view
        for column in range(len(sheet.headers)):
            worksheet.column_dimensions[get_column_letter(column + 1)].width = sheet.width(column)
        worksheet.append([_header_cell(worksheet, header) for header in sheet.headers])
        for row in sheet.rows():
            worksheet.append([_xlsx_cell(value) for value in row])
        if progress:
            progress(index, len(all_sheets), sheet.name)
    workbook.save(handle)


def write_csv_zip(all_sheets: list[Sheet], handle, progress=None) -> None:
    """One CSV file per sheet (UTF-8 with BOM, so spreadsheet programs read å, ä, ö)."""
    with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, sheet in enumerate(all_sheets, start=1):
            with archive.open(f"{index:02d}-{sheet.name}.csv", "w") as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
                writer = csv.writer(text)
                writer.writerow(sheet.headers)
                writer.writerows([_cell(value) for value in row] for row in sheet.rows())
                text.flush()
                text.detach()
            if progress:
                progress(index, len(all_sheets), sheet.name)


def _json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def write_json(all_sheets: list[Sheet], handle, progress=None, *, year: int) -> None:
    """{"year": …, "sheets": [{"name", "columns", "rows": [[…], …]}, …]}, written sheet by
    sheet so that the whole document is never held in memory."""
    handle.write(f'{{"year": {year}, "sheets": ['.encode())
    for index, sheet in enumerate(all_sheets, start=1):
        head = json.dumps({"name": sheet.name, "columns": sheet.headers}, ensure_ascii=False)
        handle.write(("," if index > 1 else "").encode() + head[:-1].encode() + b', "rows": [')
        for number, row in enumerate(sheet.rows()):
            line = json.dumps([_json_value(value) for value in row], ensure_ascii=False)
            handle.write((("," if number else "") + line).encode())
        handle.write(b"]}")
        if progress:
            progress(index, len(all_sheets), sheet.name)
    handle.write(b"]}")
