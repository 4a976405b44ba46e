"""Before a release goes live: every problem that would bite, at once, and a non-zero exit."""

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, SystemCheckError
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

#: A file every release has among its static files.
PROBE = "css/site.css"


class Command(BaseCommand):
    help = (
        "Check a release before it serves: migrations written and applied, `check --deploy` "
        "clean, static files collected, and RELEASE set (the page cache's release key). "
        "Exits 1 naming every problem."
    )

    def handle(self, *args, **options):
        problems = [
            *self.migrations(),
            *self.deploy_checks(),
            *self.static_files(),
            *self.release_key(),
        ]
        if problems:
            raise CommandError(
                "Not ready to release:\n" + "\n".join(f"- {problem}" for problem in problems)
            )
        self.stdout.write(f"Ready to release {settings.RELEASE}.")

    def migrations(self) -> list[str]:
        problems = []
        try:
            call_command("makemigrations", check=True, dry_run=True, verbosity=0)
        except SystemExit:
            problems.append("models changed without a migration (run makemigrations)")
        try:
            executor = MigrationExecutor(connection)
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError as error:
            return [*problems, f"the database cannot be read: {error}"]
        if plan:
            names = ", ".join(f"{m.app_label}.{m.name}" for m, _backwards in plan[:5])
            problems.append(f"{len(plan)} migration(s) not applied (migrate): {names}")
        return problems

    def deploy_checks(self) -> list[str]:
        try:
            call_command("check", deploy=True, fail_level="WARNING", stdout=self.stdout)
        except SystemCheckError as error:
            return [f"`check --deploy` reports: {' '.join(str(error).split())[:600]}"]
        return []

    def static_files(self) -> list[str]:
        if isinstance(staticfiles_storage, ManifestFilesMixin):
            try:
                staticfiles_storage.stored_name(PROBE)
            except ValueError:
                return ["static files are not collected (run collectstatic)"]
            return []
        if not staticfiles_storage.exists(PROBE):
            return ["static files are not collected (run collectstatic)"]
        return []

    def release_key(self) -> list[str]:
        if settings.RELEASE == "dev":
            return ["RELEASE is not set: give the version or commit being deployed"]
        return []
