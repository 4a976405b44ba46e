"""Load example key figures for demonstrations, after load_programme --with-examples: six
invented key figures of the example programme's focus areas, with values for Helsingborg,
Motala and the country over the six years up to ``--year``, three of them with a target.

Every key figure is marked as example content. Running it again adds nothing.
"""

import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from programme.models import ProgrammeNode

from ...models import Indicator, IndicatorValue, Municipality

INDICATORS = [
    # name, unit, better, focus area codes, start value, yearly change
    (
        "Andel invånare som känner sig trygga i sitt bostadsområde",
        "%",
        "higher",
        ["trygghet"],
        61,
        1.2,
    ),
    (
        "Andel elever som går till skolan på egen hand",
        "%",
        "higher",
        ["trygghet", "barn-och-unga"],
        48,
        0.8,
    ),
    ("Cykelresor per invånare och år", "antal", "higher", ["hallbara-resor"], 96, 3.5),
    (
        "Utsläpp av växthusgaser från stadens verksamheter",
        "ton CO2e",
        "lower",
        ["fotavtryck"],
        41000,
        -1400,
    ),
    ("Andel unga som har feriejobb", "%", "higher", ["sysselsattning"], 18, 0.6),
    (
        "Andel äldre som upplever ofrivillig ensamhet",
        "%",
        "lower",
        ["kontakt", "hela-manniskan"],
        14,
        -0.3,
    ),
]
MUNICIPALITIES = {"1283": 1.0, "0583": 0.93, "0000": 0.97}
# Targets the team has set for some of them (name's start → value, year); the rest are
# followed by their trend.
TARGETS = {
    "Andel invånare som känner sig trygga": (75, 2030),
    "Cykelresor per invånare": (150, 2030),
    "Utsläpp av växthusgaser": (20000, 2030),
}


class Command(BaseCommand):
    help = "Load example key figures with invented values (demonstration only)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=timezone.now().year - 1)
        parser.add_argument("--force", action="store_true", help="Run even without DEBUG.")

    def handle(self, *args, year, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Example content is for development (DEBUG) only.")
        if not Municipality.objects.filter(code__in=MUNICIPALITIES).exists():
            raise CommandError("Run `manage.py load_municipalities` first.")
        if Indicator.objects.filter(is_example=True).exists():
            self.stdout.write("Example key figures: already there")
            return
        with transaction.atomic():
            self._indicators(year, random.Random(year))  # noqa: S311 - example content
        self.stdout.write(f"Example key figures: {len(INDICATORS)}, values up to {year}")

    def _indicators(self, year, rng):
        municipalities = {m.code: m for m in Municipality.objects.filter(code__in=MUNICIPALITIES)}
        areas = {node.code: node for node in ProgrammeNode.objects.focus_areas()}
        for name, unit, better, codes, start, step in INDICATORS:
            target_value, target_year = next(
                (target for start_, target in TARGETS.items() if name.startswith(start_)),
                (None, None),
            )
            indicator = Indicator.objects.create(
                name=f"{name} (exempel)",
                unit=unit,
                better=better,
                source="Exempeldata",
                target_value=target_value,
                target_year=target_year,
                is_example=True,
            )
            indicator.focus_areas.set([areas[code] for code in codes if code in areas])
            IndicatorValue.objects.bulk_create(
                IndicatorValue(
                    indicator=indicator,
                    municipality=municipality,
                    year=value_year,
                    gender=gender,
                    value=round(
                        (start + step * (value_year - year + 6))
                        * factor
                        * {"T": 1, "K": 1.04, "M": 0.96}[gender]
                        * rng.uniform(0.97, 1.03),
                        1,
                    ),
                )
                for code, factor in MUNICIPALITIES.items()
                if (municipality := municipalities.get(code))
                for value_year in range(year - 5, year + 1)
                for gender in "TKM"
            )
