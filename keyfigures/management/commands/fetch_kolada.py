from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.progress import Progress
from jobs.models import Job
from jobs.services import job_run
from keyfigures import fetch_job


def _years(text: str) -> tuple[int, int]:
    start, _, end = text.partition("-")
    try:
        first, last = int(start), int(end or start)
    except ValueError:
        raise CommandError(
            f"--years takes a year or a range such as 2015-2024, not {text}"
        ) from None
    if not fetch_job.FIRST_YEAR <= first <= last <= fetch_job.LAST_YEAR:
        raise CommandError(f"--years: {text} is not a range of years")
    return first, last


class Command(BaseCommand):
    help = (
        "Fetch the values of the key figures with a Kolada id from Kolada's open API, for the "
        "municipalities the portal follows, and import them whole. Needs the network. The "
        "fetch is kept as a job, shown in the admin beside the fetches the team asked for."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--years", help="A year or a range: 2015-2024")
        which.add_argument(
            "--recent", type=int, help="The last N complete years (the monthly timer uses 3)"
        )
        parser.add_argument("--kpi", action="append", help="Only this KPI id (repeatable)")
        parser.add_argument("--dry-run", action="store_true", help="Fetch and check, write nothing")

    def handle(self, *args, years, recent, kpi, dry_run, verbosity, **options):
        if recent is not None:
            if not 1 <= recent <= 30:
                raise CommandError("--recent takes 1 to 30 years")
            last = timezone.localdate().year - 1
            first, last = last - recent + 1, last
        else:
            first, last = _years(years)
        job = Job.objects.create(
            kind=fetch_job.KOLADA,
            parameters={"years": [first, last], "kpis": kpi or [], "dry_run": dry_run},
        )
        progress = Progress(self.stdout, "Kolada, pages read", None, verbosity)

        def on_page(read: int, values: int | None) -> None:
            progress(read, f"({values} values)" if values else "")

        job_run(job.pk, on_page=on_page)
        progress.done()
        job.refresh_from_db()
        if job.state == Job.State.FAILED:
            raise CommandError(job.error)
        result = job.result
        prefix = "Checked, nothing written: " if dry_run else ""
        self.stdout.write(
            f"{prefix}{result['created']} created, {result['updated']} updated, "
            f"{result['unchanged']} unchanged, {result['deleted']} deleted, "
            f"{result['passed_over']} passed over (municipality not followed)"
        )
