from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core import backup


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an empty database and empty MEDIA_ROOT and "
        "PRIVATE_FILES_ROOT. A damaged archive is refused before anything is written; the "
        "restore ends by comparing row counts and checksums with the archive's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        try:
            summary = backup.restore(Path(archive))
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored {summary.archive}: {summary.tables} tables and {summary.rows} rows, "
            f"{summary.files} files, all as in the manifest"
        )
