"""RSS and Atom feeds of newly published initiatives."""

from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from core.feeds import PublishedFeed
from pages import identity

from .models import Initiative


class PublishedInitiativesFeed(PublishedFeed):
    def title(self):
        return _("New initiatives – %(site)s") % {"site": identity.current().site_name_i18n}

    link = reverse_lazy("initiatives:list")

    def description(self):
        return _("Initiatives newly published by %(team)s.") % identity.words()

    def items(self):
        return (
            Initiative.objects.published()
            .select_related("lead_department")
            .order_by("-published_at", "-pk")[: self.ITEMS]
        )

    def item_author_name(self, item):
        return item.lead_department.name  # the department, never a person

    def item_categories(self, item):
        return [item.lead_department.short_name]


class PublishedInitiativesAtomFeed(PublishedInitiativesFeed):
    feed_type = Atom1Feed
    subtitle = PublishedInitiativesFeed.description
