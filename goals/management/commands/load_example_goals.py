"""Load the example existing-goals register (data/examples/goals.csv) through the same
import as the admin's: six invented steering documents with sixteen goal formulations,
most of them mapped to example priorities. Marked as example content. Running it again
changes nothing."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.importing import ImportRejectedError, read_dataset, run_import
from goals.resources import GoalFormulationResource

FILE = settings.BASE_DIR / "data" / "examples" / "goals.csv"


class Command(BaseCommand):
    help = "Load the example existing-goals register (demonstration only)."

    def handle(self, *args, **options):
        try:
            report = run_import(GoalFormulationResource(), read_dataset(FILE))
        except ImportRejectedError as error:
            raise CommandError(f"The example register did not import:\n{error}") from None
        self.stdout.write(
            f"Goal formulations: {report.new} new, {report.updated} updated, "
            f"{report.skipped} unchanged"
        )
