"""Load an example ambassador network for demonstrations: the city's departments and
companies (data/departments.yaml), one example ambassador per department, a team account,
and about two hundred example initiatives spread over the example priorities.

Every initiative is marked as example content. The accounts share one documented password,
so the command refuses to run without DEBUG unless --force is given. Running it again adds
nothing that exists.
"""

import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from ambassadors.models import Ambassador, Department
from core import kits, review
from core.progress import Progress
from initiatives import services
from initiatives.models import Initiative
from notifications import services as notifications
from programme.models import Programme, ProgrammeNode

PASSWORD = "lkp-exempel-2026"  # noqa: S105 - the documented demo password (README); DEBUG only
TEAM_GROUP = "Livskvalitetsteamet"
STEERING_GROUP = "Styrgrupp"

ACTIONS = [
    "Mötesplats för",
    "Kurs i",
    "Samverkan kring",
    "Kartläggning av",
    "Pilotprojekt om",
    "Dialogträffar om",
    "Nätverk för",
    "Utbildning i",
    "Sommarsatsning på",
    "Uppföljning av",
]
GROUPS = [
    "unga",
    "äldre",
    "nyanlända",
    "föräldrar",
    "föreningar",
    "skolor",
    "medarbetare",
    "grannar",
    "företag",
    "invånare i Drottninghög",
]
TARGETS = ["Barn och unga", "Äldre", "Nyanlända", "Alla invånare", "Medarbetare", "Föreningar"]


class Command(BaseCommand):
    help = "Load example departments, ambassadors and initiatives (demonstration only)."

    def add_arguments(self, parser):
        parser.add_argument("--initiatives", type=int, default=200)
        parser.add_argument(
            "--force", action="store_true", help="Run even without DEBUG (never in production)."
        )

    def handle(self, *args, **options):
        with notifications.silenced():  # the example moves are invented: they tell nobody
            return self.load(*args, **options)

    def load(self, *args, initiatives, force, verbosity=1, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "The example network has accounts with a published password; "
                "it runs only with DEBUG on (or --force, never in production)."
            )
        programme = Programme.objects.current()
        priorities = list(
            ProgrammeNode.objects.leaves().filter(programme=programme).order_by("path")
            if programme
            else []
        )
        if not priorities:
            raise CommandError(
                "No priorities: run `manage.py load_programme --with-examples` first."
            )
        with transaction.atomic():
            departments = self._departments()
            team = self._team()
            self._steering_group()
            ambassadors = self._ambassadors(departments)
            progress = Progress(self.stderr, "Example initiatives", initiatives, verbosity)
            created = self._initiatives(
                initiatives, departments, ambassadors, team, priorities, progress
            )
            progress.done()
        self.stdout.write(
            f"Departments: {len(departments)}; ambassadors: {len(ambassadors)}; "
            f"initiatives: {created} created"
        )

    def _departments(self):
        data = kits.active().read("departments.yaml")
        departments = []
        for row in data["departments"]:
            department, _ = Department.objects.get_or_create(
                short_name=row["short_name"],
                defaults={key: row[key] for key in ("kind", "name", "name_en")},
            )
            departments.append(department)
        return departments

    def _team(self):
        # The role and its permissions come from accounts' migration (accounts.roles).
        group = Group.objects.get(name=TEAM_GROUP)
        user, created = get_user_model().objects.get_or_create(
            username="team", defaults={"is_staff": True, "email": "team@example.se"}
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        user.groups.add(group)
        return user

    def _steering_group(self):
        """A member of the steering group, who ranks and decides the interventions."""
        user, created = get_user_model().objects.get_or_create(
            username="styrgrupp", defaults={"email": "styrgrupp@example.se"}
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        user.groups.add(Group.objects.get(name=STEERING_GROUP))  # staff follows the role
        return user

    def _ambassadors(self, departments):
        ambassadors = {}
        for number, department in enumerate(departments):
            username = f"ambassador-{slugify(department.short_name)}"
            user, created = get_user_model().objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.se"}
            )
            if created:
                user.set_password(PASSWORD)
                user.save()
            ambassador, _ = Ambassador.objects.get_or_create(
                user=user,
                defaults={
                    "name": f"Exempelambassadör {department.short_name}",
                    "title": "Livskvalitetsambassadör",
                    "email": user.email,
                    "is_public": number % 3 == 0,  # some consented, most did not
                },
            )
            ambassador.departments.add(department)
            ambassadors[department.pk] = user
        return ambassadors

    def _initiatives(self, count, departments, ambassadors, team, priorities, progress):
        existing = Initiative.objects.filter(is_example=True).count()
        rng = random.Random(2026)  # noqa: S311 - example content, not security
        statuses = list(Initiative.Status)
        for number in range(existing, count):
            progress(number + 1)
            department = departments[number % len(departments)]
            priority = priorities[number % len(priorities)]
            chosen = [priority, *rng.sample(priorities, k=rng.choice([0, 0, 1]))]
            start_year = rng.randint(2017, 2026)
            initiative = Initiative(
                title=f"{rng.choice(ACTIONS)} {rng.choice(GROUPS)} ({number + 1})",
                summary=f"Exempel: {department.name} arbetar med "
                f"\u201d{priority.title.lower()}\u201d tillsammans med {rng.choice(GROUPS)}.",
                lead_department=department,
                status=rng.choice(statuses),
                starts_on=f"{start_year}-{rng.randint(1, 12):02d}-01",
                ends_on=f"{start_year + rng.randint(0, 3)}-12-31",
                target_group=rng.choice(TARGETS),
                results="Exempelresultat: fler deltagare än väntat." if number % 2 else "",
                lessons="Exempellärdom: börja med dialog." if number % 3 else "",
                is_example=True,
            )
            author = ambassadors[department.pk]
            partners = rng.sample(departments, k=rng.choice([0, 1, 2]))
            initiative = services.initiative_create(
                initiative=initiative,
                relations={
                    "priorities": list(dict.fromkeys(chosen)),
                    "partner_departments": [p for p in partners if p != department],
                    "tags": list(priority.tags.all()),
                },
                by=author,
            )
            if number % 10 == 9:
                continue  # a draft
            initiative = review.submit(initiative, by=author)
            if number % 10 == 8:
                continue  # waiting in the team's queue
            review.publish(initiative, by=team)
        return max(count - existing, 0)
