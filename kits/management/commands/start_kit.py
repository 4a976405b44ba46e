"""Start a new municipality kit from the template (kits/template/) and check it: the check's
list is what to fill in before `make run MUNICIPALITY=<name>`."""

import re
import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core import kits
from kits.checking import problems

TEMPLATE = Path(__file__).resolve().parent.parent.parent / "template"


class Command(BaseCommand):
    help = "Start data/kits/<name>/ from the template and say what to fill in."

    def add_arguments(self, parser):
        parser.add_argument("name", help="The kit's folder name: lower case, e.g. umea.")

    def handle(self, *args, name, **options):
        if not re.fullmatch(r"[a-z][a-z0-9-]{1,40}", name):
            raise CommandError("A kit's name is lower-case letters, digits and hyphens, e.g. umea.")
        target = kits.KITS_DIR / name
        if target.exists():
            raise CommandError(
                f"{target} exists already: check it with `manage.py check_kit {name}`."
            )
        shutil.copytree(TEMPLATE, target)
        self.stdout.write(f"Started {target} from the template.")
        todo = problems(kits.named(name))
        self.stdout.write(
            "Fill in, then run `manage.py check_kit "
            f"{name}` and `make run MUNICIPALITY={name}`:\n"
            + "\n".join(f"- {problem}" for problem in todo)
        )
