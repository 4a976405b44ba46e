from urllib.error import URLError

from django.core.management.base import BaseCommand, CommandError

from core.importing import ImportRejectedError
from followup import kolada, services
from followup.models import Indicator, Municipality


def _years(text: str) -> list[int]:
    start, _, end = text.partition("-")
    try:
        first, last = int(start), int(end or start)
    except ValueError:
        raise CommandError(
            f"--years takes a year or a range such as 2015-2024, not {text}"
        ) from None
    if not 1900 <= first <= last <= 2200:
        raise CommandError(f"--years: {text} is not a range of years")
    return list(range(first, last + 1))


class Command(BaseCommand):
    help = (
        "Fetch the values of the key figures with a Kolada id from Kolada's open API, for the "
        "municipalities the portal follows, and import them whole. Needs the network."
    )

    def add_arguments(self, parser):
        parser.add_argument("--years", required=True, help="A year or a range: 2015-2024")
        parser.add_argument("--kpi", action="append", help="Only this KPI id (repeatable)")

    def handle(self, *args, years: str, kpi: list[str] | None, **options):
        kpis = kpi or [
            kolada_id
            for kolada_id in Indicator.objects.values_list("kolada_id", flat=True)
            if kolada_id
        ]
        municipalities = list(Municipality.objects.values_list("code", flat=True))
        if not kpis or not municipalities:
            raise CommandError("Add key figures with a Kolada id and municipalities first.")
        try:
            document = kolada.fetch(kpis, municipalities, _years(years))
            report = services.indicator_values_import(rows=kolada.parse_kolada_json(document))
        except (URLError, TimeoutError) as error:
            raise CommandError(f"Kolada could not be reached: {error}") from None
        except ImportRejectedError as rejected:
            raise CommandError("Nothing was imported:\n" + "\n".join(rejected.errors)) from None
        self.stdout.write(str(report))
