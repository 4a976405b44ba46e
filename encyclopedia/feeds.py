"""RSS and Atom feeds of newly published knowledge entries."""

from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from core.feeds import PublishedFeed
from pages import identity

from .models import Entry


class PublishedEntriesFeed(PublishedFeed):
    def title(self):
        return _("New in the living encyclopedia – %(site)s") % {
            "site": identity.current().site_name_i18n
        }

    link = reverse_lazy("encyclopedia:list")

    def description(self):
        return _("Knowledge entries newly published by %(team)s.") % identity.words()

    def items(self):
        return (
            Entry.objects.published()
            .select_related("department")
            .order_by("-published_at", "-pk")[: self.ITEMS]
        )

    def item_author_name(self, item):
        # A department or the team, never a person.
        return item.department.name if item.department else identity.words()["Team"]

    def item_categories(self, item):
        return [item.get_kind_display()]


class PublishedEntriesAtomFeed(PublishedEntriesFeed):
    feed_type = Atom1Feed
    subtitle = PublishedEntriesFeed.description
