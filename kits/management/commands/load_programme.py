"""Load a municipality kit (data/kits/<name>/, core.kits): its identity and words,
departments and companies, frameworks, programmes, pages and accessibility statement (and
optionally its example content).

Idempotent: what exists is left as the team has edited it, unless --update is given.
Programme nodes go through the same import resource as the admin's import. Everything is
loaded in one transaction: a mistake anywhere loads nothing.
"""

import argparse
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ambassadors.models import Department
from core import kits
from core.importing import ImportRejectedError, read_dataset, run_import
from core.progress import Progress
from pages.models import AccessibilityStatement, Page, SiteIdentity
from programme import services
from programme.models import Framework, FrameworkTag, Programme
from programme.resources import ProgrammeNodeResource


class Command(BaseCommand):
    help = (
        "Load the municipality kit (MUNICIPALITY, or --kit): the site's identity, departments, "
        "frameworks, programmes, pages and accessibility statement."
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
        parser.add_argument(
            "--kit",
            default=None,
            help="The kit to load (a folder of data/kits/); default: the MUNICIPALITY setting.",
        )
        parser.add_argument(
            "--programmes-only",
            action="store_true",
            help=argparse.SUPPRESS,  # the tests' second municipality beside the first
        )

    def handle(self, *args, with_examples, nodes, update, kit, programmes_only, **options):
        verbosity = options.get("verbosity", 1)
        try:
            self.kit = kits.named(kit or settings.MUNICIPALITY)
        except kits.KitError as error:
            raise CommandError(str(error)) from None
        # Loaded beside another kit's (the tests' second municipality): the programmes only,
        # none made current.
        self.beside_another = programmes_only
        files = list(nodes)
        if with_examples:
            if not self.kit.has_examples:
                raise CommandError(f"The kit {self.kit.name!r} has no examples/ to load.")
            files.append(self.kit.examples / "priorities.csv")
        programmes = self.kit.programme_files
        progress = Progress(self.stderr, "Loading", 2 + len(programmes) + len(files), verbosity)
        try:
            with transaction.atomic():
                progress(1, "frameworks")
                self._load_frameworks("frameworks.yaml", update)
                for number, programme_file in enumerate(programmes, start=2):
                    progress(number, programme_file.parent.name)
                    self._load_programme(programme_file, update)
                for number, path in enumerate(files, start=2 + len(programmes)):
                    progress(number, path.name)
                    self._import_nodes(path)
                if not programmes_only:
                    progress(2 + len(programmes) + len(files), "pages")
                    self._load_pages("pages.yaml", update)
                    self._load_departments("departments.yaml", update)
                    self._load_statement("accessibility.yaml", update)
                    self._load_identity("site.yaml", update)
                progress.done()
        except ImportRejectedError as rejected:
            raise CommandError("Nothing was loaded:\n" + "\n".join(rejected.errors)) from None
        except kits.KitError as error:
            raise CommandError(f"Nothing was loaded: {error}") from None

    def _read(self, name: str) -> dict:
        return self.kit.read(name)

    def _load_frameworks(self, name: str, update: bool) -> None:
        created = 0
        for entry in self._read(name)["frameworks"]:
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
        fields = self._read(str(path.relative_to(self.kit.path)))
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
        if is_current and (new or update) and not self.beside_another:
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

    def _load_pages(self, name: str, update: bool) -> None:
        created = 0
        for entry in self._read(name)["pages"]:
            _page, new = _get_or_update(Page, update, slug=entry.pop("slug"), **entry)
            created += new
        self.stdout.write(f"Pages: {created} created")

    def _load_departments(self, name: str, update: bool) -> None:
        """The municipality's departments and companies, by short name (the team adds,
        renames and closes them in the admin afterwards)."""
        created = 0
        for entry in self._read(name)["departments"]:
            _department, new = _get_or_update(
                Department, update, short_name=entry.pop("short_name"), **entry
            )
            created += new
        self.stdout.write(f"Departments and companies: {created} created")

    def _load_statement(self, name: str, update: bool) -> None:
        if AccessibilityStatement.objects.exists() and not update:
            return
        statement = AccessibilityStatement.objects.first() or AccessibilityStatement(pk=1)
        for field, value in self._read(name).items():
            setattr(statement, field, value)
        statement.full_clean()
        statement.save()
        self.stdout.write("Accessibility statement: loaded")

    def _load_identity(self, name: str, update: bool) -> None:
        """The site's name, municipality and words, once; the team changes them in the
        admin. (from_email is the settings' default, not the identity's.)"""
        if SiteIdentity.objects.exists() and not update:
            return
        identity = SiteIdentity.objects.first() or SiteIdentity(pk=1)
        fields = {field.name for field in SiteIdentity._meta.concrete_fields}
        for field, value in self._read(name).items():
            if field in fields:
                setattr(identity, field, value)
        identity.full_clean()
        identity.save()
        self.stdout.write(f"Site identity: {identity}")


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
