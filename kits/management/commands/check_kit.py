"""Check a municipality kit (data/kits/<name>/): every problem at once, nothing written."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core import kits
from kits.checking import problems


class Command(BaseCommand):
    help = "Check a municipality kit (default: the MUNICIPALITY setting's) without loading it."

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", default=None, help="The kit's folder name.")

    def handle(self, *args, name, **options):
        try:
            kit = kits.named(name or settings.MUNICIPALITY)
        except kits.KitError as error:
            raise CommandError(str(error)) from None
        found = problems(kit)
        if found:
            raise CommandError(
                f"The kit {kit.name!r} ({kit.path}) is not ready:\n"
                + "\n".join(f"- {problem}" for problem in found)
            )
        self.stdout.write(f"The kit {kit.name!r} is ready: make run MUNICIPALITY={kit.name}")
