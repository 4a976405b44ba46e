"""Running an import-export resource outside the admin, with the admin's guarantees."""

from dataclasses import dataclass
from pathlib import Path

import tablib

from .tables import READERS, UnreadableFileError


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
    """Read a csv, xlsx or json file the way the admin's import does (core.tables)."""
    suffix = path.suffix.lower().removeprefix(".")
    if suffix not in READERS:
        raise ImportRejectedError(
            [f"{path.name}: unsupported file type; use .{', .'.join(READERS)}"]
        )
    try:
        return READERS[suffix](path.read_bytes())
    except UnreadableFileError as error:
        raise ImportRejectedError(
            [f"{path.name}: {message}" for message in error.messages]
        ) from None


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
