"""Load the example existing-goals register (the kit's examples/goals.csv, core.kits)
through the same import as the admin's: six invented steering documents with sixteen goal
formulations, most of them mapped to example priorities. Marked as example content.
Running it again changes nothing."""

from django.core.management.base import BaseCommand, CommandError

from core import kits
from core.importing import ImportRejectedError, read_dataset, run_import
from goals.resources import GoalFormulationResource


class Command(BaseCommand):
    help = "Load the example existing-goals register (demonstration only)."

    def handle(self, *args, **options):
        path = kits.active().examples / "goals.csv"
        if not path.is_file():
            raise CommandError(f"No example register in this municipality's kit ({path}).")
        try:
            report = run_import(GoalFormulationResource(), read_dataset(path))
        except ImportRejectedError as error:
            raise CommandError(f"The example register did not import:\n{error}") from None
        self.stdout.write(
            f"Goal formulations: {report.new} new, {report.updated} updated, "
            f"{report.skipped} unchanged"
        )
