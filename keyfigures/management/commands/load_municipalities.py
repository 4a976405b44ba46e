from django.core.management.base import BaseCommand, CommandError

from core import kits
from keyfigures.models import Municipality


class Command(BaseCommand):
    help = (
        "Add the municipalities of the kit's municipalities.yaml (core.kits); existing ones "
        "are left alone."
    )

    def handle(self, *args, **options):
        try:
            entries = kits.active().read("municipalities.yaml")["municipalities"]
        except kits.KitError as error:
            raise CommandError(str(error)) from None
        created = 0
        for entry in entries:
            _, new = Municipality.objects.get_or_create(
                code=entry["code"], defaults={"name": entry["name"]}
            )
            created += new
        self.stdout.write(f"Municipalities: {created} created, {len(entries) - created} existing")
