"""RSS and Atom feeds of newly published initiatives."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Initiative


class PublishedInitiativesFeed(Feed):
    ITEMS = 30
    title = _("New initiatives – Livskvalitetsprogrammet")
    link = reverse_lazy("initiatives:list")
    description = _("Initiatives newly published by the quality-of-life team.")

    def items(self):
        return (
            Initiative.objects.published()
            .select_related("lead_department")
            .order_by("-published_at", "-pk")[: self.ITEMS]
        )

    def item_title(self, item):
        prefix = _("Example: ") if item.is_example else ""
        return f"{prefix}{item.title}"

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.lead_department.name  # the department, never a person

    def item_categories(self, item):
        return [item.lead_department.short_name]


class PublishedInitiativesAtomFeed(PublishedInitiativesFeed):
    feed_type = Atom1Feed
    subtitle = PublishedInitiativesFeed.description
