from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.importing import ImportRejectedError
from keyfigures import kolada, services


class Command(BaseCommand):
    help = (
        "Import key-figure values from a file in Kolada's JSON shape, or from a csv/xlsx file "
        "with the columns kpi, municipality, period, gender, value. The file applies whole or "
        "not at all; the same file twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check the file, write nothing.")

    def handle(self, *args, file: Path, dry_run: bool, **options):
        try:
            rows = kolada.read_upload(file.name, file.read_bytes())
            report = _import(rows, dry_run=dry_run)
        except ImportRejectedError as rejected:
            raise CommandError(
                "Nothing was imported:\n" + "\n".join(f"  {line}" for line in rejected.errors)
            ) from None
        except OSError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(("Dry run, nothing written: " if dry_run else "") + str(report))


def _import(rows, *, dry_run: bool):
    """Run the import; a dry run rolls it back and reports what it would have done."""
    with transaction.atomic():
        report = services.indicator_values_import(rows=rows)
        transaction.set_rollback(dry_run)
    return report
