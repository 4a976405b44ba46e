from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core import backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, custom format) and the media and private files into "
        "one dated tar archive with a manifest (row counts per table, SHA-256 of every file)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default="backups", help="The folder to write into")

    def handle(self, *args, output, **options):
        try:
            summary = backup.backup(Path(output))
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{summary.archive}: {summary.tables} tables, {summary.rows} rows, "
            f"{summary.files} files, {summary.size / 1e6:.1f} MB"
        )
