"""Load example knowledge entries for demonstrations: one or two under each focus area of
the current programme, written by the example departments and the team, published, and
marked as example content. Needs `load_example_network` first. Running it again adds
nothing that exists."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ambassadors.models import Department
from core import review
from core.progress import Progress
from encyclopedia import services
from encyclopedia.models import Entry
from notifications import services as notifications
from programme.models import Programme, ProgrammeNode

KINDS = list(Entry.Kind)
OPENINGS = {
    Entry.Kind.GOOD_EXAMPLE: ("Så gjorde vi", "Ett exempel på hur en förvaltning arbetade med"),
    Entry.Kind.RESEARCH: ("Vad forskningen säger om", "En sammanfattning av kunskapsläget om"),
    Entry.Kind.METHOD: ("Metod för", "Ett arbetssätt som andra kan använda för"),
    Entry.Kind.EXPERIENCE: ("Lärdomar från", "Vad vi lärde oss när vi arbetade med"),
    Entry.Kind.RESOURCE: ("Läs mer om", "Stöd och material från andra om"),
}
SOURCES = [
    {"title": "Folkhälsomyndigheten", "url": "https://www.folkhalsomyndigheten.se/"},
    {"title": "Kolada – kommunernas nyckeltal", "url": "https://www.kolada.se/"},
    {"title": "Sveriges Kommuner och Regioner", "url": "https://skr.se/"},
]


class Command(BaseCommand):
    help = "Load example knowledge entries (demonstration only)."

    def handle(self, *args, **options):
        with notifications.silenced():  # the example moves are invented: they tell nobody
            return self.load(*args, **options)

    def load(self, *args, verbosity=1, **options):
        team = get_user_model().objects.filter(username="team").first()
        programme = Programme.objects.current()
        if team is None or programme is None:
            raise CommandError("Run `load_programme --with-examples` and `load_example_network`.")
        if Entry.objects.filter(is_example=True).exists():
            self.stdout.write("Example entries exist already; nothing added.")
            return
        departments = list(Department.objects.active().order_by("short_name"))
        nodes = ProgrammeNode.objects.for_programme(programme).order_by("path")
        focus_areas = [node for node in nodes if node.is_focus_area]
        priorities = [node for node in nodes if node.is_priority]
        created = 0
        progress = Progress(
            self.stderr, "Example entries (focus areas)", len(focus_areas), verbosity
        )
        with transaction.atomic():
            for number, area in enumerate(focus_areas):
                progress(number + 1)
                under = [p for p in priorities if p.path.startswith(area.path)]
                for place in [area, *under[:1]]:
                    kind = KINDS[created % len(KINDS)]
                    title, lead = OPENINGS[kind]
                    topic = place.title.rstrip(".")
                    entry = services.entry_create(
                        entry=Entry(
                            kind=kind,
                            title=f"Exempel: {title} {topic[0].lower()}{topic[1:]}",
                            summary=f"{lead} ”{topic}”. Skrivet för att visa uppslagsverket.",
                            body="<p>Exempeltext: här beskriver skribenten bakgrunden, vad som "
                            "gjordes, vad det gav och vad andra kan ta med sig.</p>",
                            department=departments[number % len(departments)]
                            if departments and created % 3
                            else None,
                            is_example=True,
                        ),
                        relations={"nodes": [place]},
                        sources=[SOURCES[created % len(SOURCES)]],
                        by=team,
                    )
                    entry = review.submit(entry, by=team)
                    review.publish(entry, by=team)
                    created += 1
        progress.done()
        self.stdout.write(f"Knowledge entries: {created} created")
