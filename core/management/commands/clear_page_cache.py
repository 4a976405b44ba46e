"""Empty the public page cache, e.g. after deploying new templates."""

from django.core.management.base import BaseCommand

from core.page_cache import content_changed


class Command(BaseCommand):
    help = "Empty the cache of public pages (run after each deploy of new code)."

    def handle(self, *args, **options):
        content_changed()
        self.stdout.write("Page cache emptied.")
