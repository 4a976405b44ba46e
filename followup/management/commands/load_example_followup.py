"""Load an example follow-up for demonstrations, after load_example_network: rounds for the
last two years in which every department reports (most approved, one submitted, one
draft in the latest). The example key figures and budget have their own loaders
(load_example_keyfigures, load_example_prioritisation).

Every round is marked as example content. Running it again adds nothing.
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
from notifications import services as notifications


class Command(BaseCommand):
    help = "Load an example follow-up: rounds and reports (demonstration only)."

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
            # As the daily run would: a past round with every report approved is closed.
            services.rounds_close_done(timezone.localdate())
        self.stdout.write(
            f"Example follow-up: rounds {year - 1} and {year}, {len(departments)} departments"
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
