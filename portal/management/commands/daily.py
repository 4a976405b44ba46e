from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core import schedule
from followup import reminders
from followup import services as followup
from notifications import services as notifications


class Command(BaseCommand):
    help = (
        "The portal's scheduled work, for a timer (docs/operations.md): the follow-up "
        "rounds whose deadline has passed with every report approved are closed, the "
        "reminders due today, every e-mail whose retry is due or that was never handed "
        "to the worker, and what the apps add (the annual report's PDFs, built again where "
        "their content changed). Safe to run as often as you like: each reminder goes out once per "
        "department and step, and an e-mail that was sent is never sent again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", help="Run as on this day (YYYY-MM-DD), e.g. to catch up after downtime"
        )

    def handle(self, *args, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"--today takes a date such as 2027-02-15, not {today}") from None
        closed = followup.rounds_close_done(day)
        steps = reminders.enqueue_due(day)
        mails = notifications.send_due()
        self.stdout.write(
            f"{day}: {steps} reminder step(s) due, {mails} e-mail(s) handed to the worker again"
        )
        for round_ in closed:
            self.stdout.write(f"{day}: {round_} closed: its deadline has passed, all approved")
        for line in schedule.run(day):
            self.stdout.write(f"{day}: {line}")
