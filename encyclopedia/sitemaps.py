from initiatives.sitemaps import InitiativeSitemap

from .models import Entry


class EntrySitemap(InitiativeSitemap):
    def items(self):
        return Entry.objects.published().order_by("pk").only("pk", "updated_at")
