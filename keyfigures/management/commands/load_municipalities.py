from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand

from keyfigures.models import Municipality


class Command(BaseCommand):
    help = "Add the municipalities in data/municipalities.yaml; existing ones are left alone."

    def handle(self, *args, **options):
        path = Path(settings.BASE_DIR) / "data" / "municipalities.yaml"
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))["municipalities"]
        created = 0
        for entry in entries:
            _, new = Municipality.objects.get_or_create(
                code=entry["code"], defaults={"name": entry["name"]}
            )
            created += new
        self.stdout.write(f"Municipalities: {created} created, {len(entries) - created} existing")
