"""Load an example follow-up for demonstrations, after load_example_network: rounds for the
last two years in which every department reports (most approved, one submitted, one
draft in the latest), example key figures with invented values for Helsingborg, Motala
and the country, and a ranked list of interventions against next year's budget.

Every round and key figure is marked as example content. Running it again adds nothing.
"""

import datetime
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from ambassadors.models import Department
from core import review
from core.progress import Progress
from followup import services
from followup.models import FollowupRound, PlanningPhase
from keyfigures.models import Indicator, IndicatorValue, Municipality
from notifications import services as notifications
from prioritisation import services as prioritisation
from prioritisation.models import Budget, Intervention
from programme.models import ProgrammeNode

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
# Title, focus area, responsible department, cost from the allotted budget, cost from
# the department's own budget.
INTERVENTIONS = [
    ("Trygghetsvandringar i alla stadsdelar", "trygghet", "SBF", 350_000, 100_000),
    ("Sammanhängande cykelstråk till skolor", "hallbara-resor", "SBF", 900_000, 1_200_000),
    ("Mötesplatser för äldre mot ensamhet", "kontakt", "VOF", 420_000, 0),
    ("Feriejobb för fler unga", "sysselsattning", "AMF", 600_000, 250_000),
    ("Matsvinnsprojekt i stadens kök", "fotavtryck", "MF", 180_000, 0),
    ("Barnkonsekvensanalys i alla nämnder", "barn-och-unga", "SLF", 250_000, 0),
]
#: The group's (invented) decisions: the first three decided, the first also ordered.
DECIDED, ORDERED = 3, 1
MUNICIPALITIES = {"1283": 1.0, "0583": 0.93, "0000": 0.97}
# Targets the team has set for some of them (name's start → value, year); the rest are
# followed by their trend.
TARGETS = {
    "Andel invånare som känner sig trygga": (75, 2030),
    "Cykelresor per invånare": (150, 2030),
    "Utsläpp av växthusgaser": (20000, 2030),
}


class Command(BaseCommand):
    help = "Load an example follow-up: rounds, reports, key figures and a budget (demonstration)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=timezone.now().year - 1)
        parser.add_argument("--force", action="store_true", help="Run even without DEBUG.")

    def handle(self, *args, **options):
        with notifications.silenced():  # the example moves are invented: they tell nobody
            return self.load(*args, **options)

    def load(self, *args, year, force, verbosity=1, **options):
        self.verbosity = verbosity
        if not settings.DEBUG and not force:
            raise CommandError("Example content is for development (DEBUG) only.")
        team = get_user_model().objects.filter(username="team").first()
        departments = list(Department.objects.active().order_by("name"))
        if team is None or not departments:
            raise CommandError("Run `manage.py load_example_network` first.")
        if FollowupRound.objects.filter(year__in=[year - 1, year]).exists():
            self.stdout.write("Example follow-up: already there")
            return
        rng = random.Random(year)  # noqa: S311 - example content
        with transaction.atomic():
            call = {"team": team, "departments": departments, "rng": rng}
            self._round(year - 1, **call, leave_open=0)
            self._round(year, **call, leave_open=2)
            self._indicators(year, rng)
            self._budget(year + 1, team)
        self.stdout.write(
            f"Example follow-up: rounds {year - 1} and {year}, {len(departments)} departments, "
            f"{len(INDICATORS)} key figures, {len(INTERVENTIONS)} ranked interventions"
        )

    def _round(self, year, *, team, departments, rng, leave_open):
        round_ = services.round_open(
            year=year,
            deadline=datetime.date(year + 1, 2, 15),
            phase=PlanningPhase.ANNUAL_REPORT,
            departments=departments,
            by=team,
        )
        round_.is_example = True
        round_.save(update_fields=["is_example"])
        progress = Progress(
            self.stderr, f"Example reports {year}", len(departments), self.verbosity
        )
        for number, department in enumerate(departments):
            progress(number + 1)
            report = services.report_start(round_=round_, department=department, by=team)
            assessments = {}
            for assessment in report.assessments.select_related("focus_area"):
                linked = assessment.initiatives.count()
                score = min(4, rng.choice([0, 1, 1, 2, 2, 3]) + (1 if linked else 0))
                assessments[assessment.pk] = {
                    "score": score,
                    "what_we_did": f"Exempel: {linked} insatser inom området." if score else "",
                    "what_it_changed": "Exempel: fler invånare nåddes." if score >= 3 else "",
                    "what_we_learned": "Exempel: samverkan tar tid." if score >= 2 else "",
                }
            report = services.report_update(
                report_id=report.pk,
                expected_version=report.version,
                next_year_plans="Exempel: fördjupa arbetet i de områden analysen pekar ut.",
                assessments=assessments,
                by=team,
            )
            if number < leave_open - 1:
                continue  # a draft
            report = review.submit(report, by=team)
            if number < leave_open:
                continue  # waiting for the team
            review.publish(report, by=team)

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

    def _budget(self, year, team):
        budget = Budget.objects.create(
            year=year, name="Sociala investeringsmedel (exempel)", amount=2_000_000
        )
        areas = {node.code: node for node in ProgrammeNode.objects.focus_areas()}
        departments = {d.short_name: d for d in Department.objects.all()}
        today = timezone.localdate()
        for rank, (title, code, short_name, allotted, own) in enumerate(INTERVENTIONS, start=1):
            department = departments.get(short_name)
            intervention = Intervention.objects.create(
                budget=budget,
                rank=rank,
                title=f"{title} (exempel)",
                department=department,
                allotted_cost=allotted,
                department_cost=own if department else 0,
            )
            if code in areas:
                intervention.focus_areas.add(areas[code])
            steps = [
                (DECIDED, Intervention.Status.DECIDED, 30, "§ 4"),
                (ORDERED, Intervention.Status.ORDERED, 10, "§ 2"),
            ]
            for last_rank, status, days_ago, paragraph in steps:
                if rank <= last_rank:
                    prioritisation.intervention_decide(
                        intervention=intervention,
                        status=status,
                        on=today - datetime.timedelta(days=days_ago),
                        meeting=f"Styrgruppens möte, {paragraph} (exempel)",
                        by=team,
                    )
        prioritisation.budget_publish(budget=budget, publish=True, by=team)
