"""Running an import-export resource outside the admin, with the admin's guarantees."""

from dataclasses import dataclass
from pathlib import Path

import tablib
from import_export.formats import base_formats

FORMATS_BY_SUFFIX = {
    ".csv": base_formats.CSV,
    ".xlsx": base_formats.XLSX,
    ".json": base_formats.JSON,
}


class ImportRejectedError(Exception):
    """The file had bad rows; nothing was written. ``errors`` names each row."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class ImportReport:
    new: int
    updated: int
    skipped: int
    total: int


def read_dataset(path: Path) -> tablib.Dataset:
    """Read a csv, xlsx or json file the way the admin's import does."""
    try:
        fmt = FORMATS_BY_SUFFIX[path.suffix.lower()]()
    except KeyError:
        raise ImportRejectedError(
            [f"{path.name}: unsupported file type; use {', '.join(FORMATS_BY_SUFFIX)}"]
        ) from None
    mode = "r" if not fmt.is_binary() else "rb"
    encoding = None if fmt.is_binary() else "utf-8-sig"
    with path.open(mode, encoding=encoding) as handle:
        return fmt.create_dataset(handle.read())


def run_import(resource, dataset: tablib.Dataset, *, dry_run: bool = False) -> ImportReport:
    """Import ``dataset`` whole, or raise ImportRejectedError naming every bad row."""
    result = resource.import_data(dataset, dry_run=dry_run, raise_errors=False)
    errors = [
        f"row {number}: {error.error}"
        for number, row_errors in result.row_errors()
        for error in row_errors
    ]
    for invalid in result.invalid_rows:
        for field, messages in invalid.error_dict.items():
            errors.extend(f"row {invalid.number}: {field}: {message}" for message in messages)
    errors.extend(f"file: {error.error}" for error in result.base_errors)
    if errors:
        raise ImportRejectedError(sorted(errors, key=_row_order))
    totals = result.totals
    return ImportReport(
        new=totals["new"],
        updated=totals["update"],
        skipped=totals["skip"],
        total=result.total_rows,
    )


def _row_order(message: str) -> tuple[int, str]:
    head = message.split(":", 1)[0]
    number = head.removeprefix("row ")
    return (int(number) if number.isdigit() else 0, message)
