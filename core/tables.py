"""Reading an uploaded table (csv, xlsx or json) strictly: every row has the header's cells,
and a file that cannot be read says what to fix.

tablib, under django-import-export, pads a short csv row with empty cells (a file cut off
in the middle of its last row then empties that row's missing columns), refuses a long
one with an exception that names no row, and reads json objects whatever their keys.
Every import reads its file here first; :class:`UnreadableFileError` carries one message
per problem, each naming its row, so the importer can fix them all at once.
"""

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import tablib
from django.utils.translation import gettext as _
from import_export.formats import base_formats
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .resources import escape_formula, unescape_formula

#: The largest cell a csv file may hold, in characters (Python's csv module's own limit).
CSV_CELL_LIMIT = csv.field_size_limit()


class UnreadableFileError(ValueError):
    """The file is not a table this import can read; ``messages`` say what to fix."""

    def __init__(self, messages: Sequence[str]):
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))

    @classmethod
    def not_utf8(cls, error: UnicodeDecodeError) -> "UnreadableFileError":
        return cls(
            [
                _(
                    "the file is not UTF-8 text (byte %(position)d): save it as “CSV UTF-8” "
                    "(in Excel: Save as, CSV UTF-8), or upload an xlsx file"
                )
                % {"position": error.start + 1}
            ]
        )


def _row(number: int) -> str:
    return _("row %(number)d") % {"number": number}


def _shape_errors(
    headers: Sequence[Any], rows: Iterable[Sequence[Any]], first_row: int
) -> list[str]:
    width = len(headers)
    errors = []
    for number, cells in enumerate(rows, start=first_row):
        if len(cells) != width:
            errors.append(
                _("%(row)s has %(cells)d cells, but the header has %(width)d columns")
                % {"row": _row(number), "cells": len(cells), "width": width}
            )
    return errors


def _checked_headers(headers: list[Any]) -> list[str]:
    names = [str(header).strip() if header is not None else "" for header in headers]
    if not any(names):
        raise UnreadableFileError([_("the first row must name the columns")])
    repeated = sorted({name for name in names if name and names.count(name) > 1})
    if repeated:
        raise UnreadableFileError(
            [_("the header names a column twice: %(names)s") % {"names": ", ".join(repeated)}]
        )
    return names


def _dataset(headers: list[str], rows: list[list[Any]]) -> tablib.Dataset:
    dataset = tablib.Dataset(headers=headers)
    for cells in rows:
        dataset.append(cells)
    return dataset


def read_csv(data: str | bytes, *, first_row: int = 1) -> tablib.Dataset:
    """A csv file as a dataset; ``first_row`` is the number that errors give the first row
    after the header. Blank lines are skipped."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise UnreadableFileError.not_utf8(error) from None
    data = data.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(data, newline=""), strict=True)
    lines: list[list[str]] = []
    try:
        lines = [cells for cells in reader if cells]
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            message = _(
                "line %(line)d: a cell holds more than %(limit)d characters; shorten it, or "
                "check that the file is a csv table"
            )
        else:
            message = _(
                "line %(line)d: the file is not a complete csv table (%(error)s); the file may "
                "be cut off or a quotation mark not closed"
            )
        raise UnreadableFileError(
            [message % {"line": reader.line_num, "limit": CSV_CELL_LIMIT, "error": error}]
        ) from None
    if not lines:
        raise UnreadableFileError([_("the file is empty")])
    headers = _checked_headers(list(lines[0]))
    errors = _shape_errors(headers, lines[1:], first_row)
    if errors:
        raise UnreadableFileError(errors)
    return _dataset(headers, lines[1:])


def read_xlsx(data: bytes, *, first_row: int = 1) -> tablib.Dataset:
    """The first sheet of an xlsx workbook as a dataset. A value in a column that has no
    header is an error; empty rows are skipped."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        lines = [list(cells) for cells in book.active.iter_rows(values_only=True)]
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise UnreadableFileError(
            [_("the file is not an xlsx workbook: choose the format the file has")]
        ) from None
    lines = [cells for cells in lines if any(cell not in (None, "") for cell in cells)]
    if not lines:
        raise UnreadableFileError([_("the file is empty")])
    headers = list(lines[0])
    while headers and headers[-1] in (None, ""):
        headers.pop()
    headers = _checked_headers(headers)
    width, rows, errors = len(headers), [], []
    for number, cells in enumerate(lines[1:], start=first_row):
        beyond = [cell for cell in cells[width:] if cell not in (None, "")]
        if beyond:
            errors.append(
                _("%(row)s has values beyond the %(width)d columns of the header")
                % {"row": _row(number), "width": width}
            )
        rows.append([*cells[:width], *[None] * (width - len(cells))])
    if errors:
        raise UnreadableFileError(errors)
    return _dataset(headers, rows)


def read_json(data: str | bytes, *, first_row: int = 1) -> tablib.Dataset:
    """A json list of objects, every one with the same keys, as a dataset."""
    try:
        items = json.loads(data)
    except UnicodeDecodeError as error:
        raise UnreadableFileError.not_utf8(error) from None
    except json.JSONDecodeError as error:
        raise UnreadableFileError(
            [
                _("the file is not complete json (line %(line)d, column %(column)d: %(error)s)")
                % {"line": error.lineno, "column": error.colno, "error": error.msg}
            ]
        ) from None
    except RecursionError:
        raise UnreadableFileError([_("the file is nested too deeply to be a table")]) from None
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise UnreadableFileError([_("the file must be a json list of objects, one per row")])
    if not items:
        raise UnreadableFileError([_("the file is empty")])
    headers = _checked_headers(list(items[0]))
    expected, errors = set(headers), []
    for number, item in enumerate(items, start=first_row):
        keys = set(item)
        if keys != expected:
            missing, extra = sorted(expected - keys), sorted(keys - expected)
            parts = []
            if missing:
                parts.append(_("lacks %(keys)s") % {"keys": ", ".join(missing)})
            if extra:
                parts.append(
                    _("has keys the first row lacks: %(keys)s") % {"keys": ", ".join(extra)}
                )
            errors.append(f"{_row(number)}: {'; '.join(parts)}")
    if errors:
        raise UnreadableFileError(errors)
    return _dataset(headers, [[item[key] for key in headers] for item in items])


READERS: dict[str, Callable[..., tablib.Dataset]] = {
    "csv": read_csv,
    "xlsx": read_xlsx,
    "json": read_json,
}


def read_table(data: str | bytes, file_format: str, *, first_row: int = 1) -> tablib.Dataset:
    """``data`` read by the reader of ``file_format`` ("csv", "xlsx" or "json")."""
    return READERS[file_format](data, first_row=first_row)


class StrictCSV(base_formats.CSV):
    def create_dataset(self, in_stream, **kwargs):
        return read_csv(in_stream)


def xlsx_text(text: str) -> str:
    """What an xlsx cell can hold of ``text``: XML 1.0 has no place for most control
    characters (openpyxl refuses them, so one typed into a summary failed the export), and
    reads a carriage return as a line feed. csv and json keep every character."""
    return ILLEGAL_CHARACTERS_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


class StrictXLSX(base_formats.XLSX):
    def create_dataset(self, in_stream):
        return read_xlsx(in_stream)

    def export_data(self, dataset, **kwargs):
        # The resources' cells are escaped already (SafeModelResource.export_field): clean
        # the text inside the escape, so that the import's unescaping still finds it.
        cleaned = tablib.Dataset(headers=dataset.headers)
        for row in dataset:
            cleaned.append(
                [
                    escape_formula(xlsx_text(unescape_formula(cell)))
                    if isinstance(cell, str)
                    else cell
                    for cell in row
                ]
            )
        return super().export_data(cleaned, **kwargs)


class StrictJSON(base_formats.JSON):
    def create_dataset(self, in_stream, **kwargs):
        return read_json(in_stream)


#: The formats of every import-export admin, strict on reading.
IMPORT_EXPORT_FORMATS = [StrictXLSX, StrictCSV, StrictJSON]
