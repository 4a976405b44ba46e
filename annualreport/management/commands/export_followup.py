from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from annualreport import export
from core.progress import Progress
from followup.models import FollowupRound


class Command(BaseCommand):
    help = (
        "Write the annual follow-up of YEAR: the summary matrix, every approved report's "
        "assessments and narratives, the linked initiatives, the areas to work more on, the "
        "key figures and the prioritisation. xlsx is one workbook; csv is a zip with one "
        "file per sheet; json is one document."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--format", choices=export.FORMATS, default="xlsx")
        parser.add_argument("--output", type=Path, required=True)
        parser.add_argument("--language", default=settings.LANGUAGE_CODE)

    def handle(self, *args, year, format, output, language, verbosity, **options):  # noqa: A002
        if not FollowupRound.objects.filter(year=year).exists():
            raise CommandError(f"There is no follow-up round for {year}.")
        partial = output.with_name(output.name + ".part")
        with translation.override(language):
            try:
                with partial.open("wb") as handle:
                    progress = Progress(self.stderr, "Sheets", None, verbosity)
                    export.write(
                        format,
                        year,
                        handle,
                        progress=lambda done, total, name: progress(done, name),
                    )
                    progress.done()
            except OSError as error:
                partial.unlink(missing_ok=True)
                raise CommandError(str(error)) from None
        partial.replace(output)
        self.stdout.write(f"Wrote {output} ({output.stat().st_size:,} bytes)")
