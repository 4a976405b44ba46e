"""Load the real programme content kept in data/ (and optionally example content).

Idempotent: what exists is left as the team has edited it, unless --update is given.
Programme nodes go through the same import resource as the admin's import.
"""

import argparse
from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.importing import ImportRejectedError, read_dataset, run_import
from core.progress import Progress
from pages.models import AccessibilityStatement, Page, SiteIdentity
from programme import services
from programme.models import Framework, FrameworkTag, Programme
from programme.resources import ProgrammeNodeResource

DATA_DIR = settings.BASE_DIR / "data"


class Command(BaseCommand):
    help = (
        "Load the programmes, frameworks, pages, accessibility statement and the site's "
        "identity from data/."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-examples",
            action="store_true",
            help="Also load example priorities written for demonstration (marked as examples).",
        )
        parser.add_argument(
            "--nodes",
            type=Path,
            action="append",
            default=[],
            metavar="FILE",
            help="A csv, xlsx or json file of nodes in the import format, e.g. the team's "
            "priorities. May be given more than once.",
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="Overwrite content that already exists with the files' content.",
        )
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help=argparse.SUPPRESS)

    def handle(self, *args, with_examples, nodes, update, data_dir, verbosity=1, **options):
        files = list(nodes)
        if with_examples:
            files.append(data_dir / "examples" / "priorities.csv")
        programmes = sorted((data_dir / "programmes").glob("*/programme.yaml"))
        progress = Progress(self.stderr, "Loading", 2 + len(programmes) + len(files), verbosity)
        try:
            with transaction.atomic():
                progress(1, "frameworks")
                self._load_frameworks(data_dir / "frameworks.yaml", update)
                for number, programme_file in enumerate(programmes, start=2):
                    progress(number, programme_file.parent.name)
                    self._load_programme(programme_file, update)
                for number, path in enumerate(files, start=2 + len(programmes)):
                    progress(number, path.name)
                    self._import_nodes(path)
                progress(2 + len(programmes) + len(files), "pages")
                self._load_pages(data_dir / "pages.yaml", update)
                progress.done()
                self._load_statement(data_dir / "accessibility.yaml", update)
                self._load_identity(data_dir / "site.yaml", update)
        except ImportRejectedError as rejected:
            raise CommandError("Nothing was loaded:\n" + "\n".join(rejected.errors)) from None

    def _load_frameworks(self, path: Path, update: bool) -> None:
        created = 0
        for entry in _read_yaml(path)["frameworks"]:
            tags = entry.pop("tags")
            framework, new = _get_or_update(Framework, update, slug=entry.pop("slug"), **entry)
            created += new
            for tag in tags:
                _tag, new = _get_or_update(
                    FrameworkTag, update, code=tag.pop("code"), framework=framework, **tag
                )
                created += new
        self.stdout.write(f"Frameworks and tags: {created} created")

    def _load_programme(self, path: Path, update: bool) -> None:
        fields = _read_yaml(path)
        is_current = fields.pop("is_current", False)
        slug = fields.pop("slug")
        frameworks = fields.pop("frameworks", [])
        programme, new = _get_or_update(Programme, update, slug=slug, **fields)
        if new or update:
            found = list(Framework.objects.filter(slug__in=frameworks))
            if len(found) != len(frameworks):
                known = {framework.slug for framework in found}
                raise CommandError(
                    f"{path}: no such framework: {', '.join(sorted(set(frameworks) - known))}"
                )
            programme.frameworks.set(found)
        if is_current and (new or update):
            services.programme_make_current(programme=programme)
        if not (new or update):
            self.stdout.write(f"{programme}: already loaded (--update overwrites it)")
            return
        self._import_nodes(path.parent / "nodes.csv")

    def _import_nodes(self, path: Path) -> None:
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        report = run_import(ProgrammeNodeResource(), read_dataset(path))
        self.stdout.write(
            f"{path.name}: {report.total} rows, {report.new} new, "
            f"{report.updated} updated, {report.skipped} unchanged"
        )

    def _load_pages(self, path: Path, update: bool) -> None:
        created = 0
        for entry in _read_yaml(path)["pages"]:
            _page, new = _get_or_update(Page, update, slug=entry.pop("slug"), **entry)
            created += new
        self.stdout.write(f"Pages: {created} created")

    def _load_statement(self, path: Path, update: bool) -> None:
        if AccessibilityStatement.objects.exists() and not update:
            return
        statement = AccessibilityStatement.objects.first() or AccessibilityStatement(pk=1)
        for name, value in _read_yaml(path).items():
            setattr(statement, name, value)
        statement.full_clean()
        statement.save()
        self.stdout.write("Accessibility statement: loaded")

    def _load_identity(self, path: Path, update: bool) -> None:
        """The site's name and municipality, once; the team changes them in the admin."""
        if SiteIdentity.objects.exists() and not update:
            return
        identity = SiteIdentity.objects.first() or SiteIdentity(pk=1)
        for name, value in _read_yaml(path).items():
            setattr(identity, name, value)
        identity.full_clean()
        identity.save()
        self.stdout.write(f"Site identity: {identity}")


def _read_yaml(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _get_or_update(model, update: bool, **fields):
    """get_or_create on the first keyword; with ``update``, the rest overwrite what exists."""
    key, value = next(iter(fields.items()))
    defaults = {name: v for name, v in fields.items() if name != key}
    obj = model.objects.filter(**{key: value}).first()
    created = obj is None
    if not created and not update:
        return obj, False
    obj = obj or model(**{key: value})
    for name, v in defaults.items():
        setattr(obj, name, v)
    obj.full_clean()
    obj.save()
    return obj, created
