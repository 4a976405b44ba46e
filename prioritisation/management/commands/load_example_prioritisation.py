"""Load an example prioritisation for demonstrations, after load_example_network: a budget
for ``--year`` with six ranked interventions of the example departments, the first three
decided by the steering group (the first also ordered), published.

Everything is marked as example content. Running it again adds nothing.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from ambassadors.models import Department
from notifications import services as notifications
from programme.models import ProgrammeNode

from ... import services as prioritisation
from ...models import Budget, Intervention

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


class Command(BaseCommand):
    help = "Load an example budget with ranked and decided interventions (demonstration only)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=timezone.now().year)
        parser.add_argument("--force", action="store_true", help="Run even without DEBUG.")

    def handle(self, *args, year, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Example content is for development (DEBUG) only.")
        team = get_user_model().objects.filter(username="team").first()
        if team is None:
            raise CommandError("Run `manage.py load_example_network` first.")
        if Budget.objects.filter(year=year, name__endswith="(exempel)").exists():
            self.stdout.write("Example prioritisation: already there")
            return
        with notifications.silenced(), transaction.atomic():  # invented: they tell nobody
            self._budget(year, team)
        self.stdout.write(f"Example prioritisation: {len(INTERVENTIONS)} interventions, {year}")

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
