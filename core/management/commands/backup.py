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
        for period, help_text in (("daily", "days"), ("weekly", "weeks"), ("monthly", "months")):
            parser.add_argument(
                f"--keep-{period}",
                type=int,
                metavar="N",
                help=f"After the backup, keep the newest archive of each of the last N {help_text} "
                "(with the other --keep options: an archive any of them keeps stays)",
            )

    def handle(self, *args, output, keep_daily, keep_weekly, keep_monthly, **options):
        rotation = (keep_daily, keep_weekly, keep_monthly)
        if any(n is not None and n < 0 for n in rotation):
            raise CommandError("--keep-daily, --keep-weekly and --keep-monthly take 0 or more")
        try:
            summary = backup.backup(Path(output))
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{summary.archive}: {summary.tables} tables, {summary.rows} rows, "
            f"{summary.files} files, {summary.size / 1e6:.1f} MB"
        )
        if any(n is not None for n in rotation):
            daily, weekly, monthly = (n or 0 for n in rotation)
            removed = backup.prune(
                Path(output), daily=max(daily, 1), weekly=weekly, monthly=monthly
            )
            self.stdout.write(f"{len(removed)} older archive(s) removed by the rotation")
