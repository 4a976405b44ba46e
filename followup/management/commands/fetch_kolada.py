from django.core.management.base import BaseCommand, CommandError

from followup import jobs
from followup.models import Job


def _years(text: str) -> tuple[int, int]:
    start, _, end = text.partition("-")
    try:
        first, last = int(start), int(end or start)
    except ValueError:
        raise CommandError(
            f"--years takes a year or a range such as 2015-2024, not {text}"
        ) from None
    if not jobs.FIRST_YEAR <= first <= last <= jobs.LAST_YEAR:
        raise CommandError(f"--years: {text} is not a range of years")
    return first, last


class Command(BaseCommand):
    help = (
        "Fetch the values of the key figures with a Kolada id from Kolada's open API, for the "
        "municipalities the portal follows, and import them whole. Needs the network. The "
        "fetch is kept as a job, shown in the admin beside the fetches the team asked for."
    )

    def add_arguments(self, parser):
        parser.add_argument("--years", required=True, help="A year or a range: 2015-2024")
        parser.add_argument("--kpi", action="append", help="Only this KPI id (repeatable)")

    def handle(self, *args, years: str, kpi: list[str] | None, **options):
        first, last = _years(years)
        job = Job.objects.create(
            kind=Job.Kind.KOLADA, parameters={"years": [first, last], "kpis": kpi or []}
        )
        jobs.run(job.pk)
        job.refresh_from_db()
        if job.state == Job.State.FAILED:
            raise CommandError(job.error)
        result = job.result
        self.stdout.write(
            f"{result['created']} created, {result['updated']} updated, "
            f"{result['unchanged']} unchanged, {result['deleted']} deleted, "
            f"{result['passed_over']} passed over (municipality not followed)"
        )
