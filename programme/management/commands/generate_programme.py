"""Generate a large example programme for load tests and demonstrations (bench/ uses it).

Every node is marked as an example, and the programme is a draft unless --publish is
given, so nothing generated passes for real content.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from programme import services
from programme.models import FrameworkTag, Programme, ProgrammeNode


class Command(BaseCommand):
    help = "Create a generated example programme with about --nodes nodes."

    def add_arguments(self, parser):
        parser.add_argument("--slug", default="generated-example")
        parser.add_argument("--directions", type=int, default=10)
        parser.add_argument("--focus-areas", type=int, default=10, help="per direction")
        parser.add_argument("--priorities", type=int, default=19, help="per focus area")
        parser.add_argument("--publish", action="store_true", help="Publish it (adopted).")

    def handle(self, *args, slug, directions, focus_areas, priorities, publish, **options):
        if Programme.objects.filter(slug=slug).exists():
            raise CommandError(f"A programme with the slug {slug!r} already exists.")
        tags = list(FrameworkTag.objects.all()[:3])
        with transaction.atomic():
            programme = Programme.objects.create(
                slug=slug,
                name="Genererat exempelprogram",
                name_en="Generated example programme",
                municipality="Exempelkommun",
                valid_from=2025,
                valid_to=2030,
                status=Programme.Status.ADOPTED if publish else Programme.Status.DRAFT,
            )
            for d in range(1, directions + 1):
                direction = self._node(programme, None, f"d{d}", f"Viljeinriktning {d}")
                for f in range(1, focus_areas + 1):
                    focus = self._node(programme, direction, f"d{d}-f{f}", f"Fokusområde {d}.{f}")
                    for p in range(1, priorities + 1):
                        node = self._node(
                            programme, focus, f"d{d}-f{f}-p{p}", f"Prioritering {d}.{f}.{p}"
                        )
                        node.tags.set(tags)
        count = ProgrammeNode.objects.filter(programme=programme).count()
        self.stdout.write(f"{programme.slug}: {count} nodes")

    @staticmethod
    def _node(programme, parent, code, title):
        node = ProgrammeNode(programme=programme, code=code, title=title, is_example=True)
        return services.node_create(node=node, target=parent, position="last-child")
