"""What the RSS and Atom feeds of published content share (initiatives, entries)."""

from typing import Any

from django.contrib.syndication.views import Feed
from django.utils.html import escape
from django.utils.translation import gettext as _


class PublishedFeed(Feed):
    """The newest published objects: each a title (marked when it is example content), its
    summary, and when it was published and last updated. A subclass gives the feed's
    title, link and description and ``items``."""

    ITEMS = 30

    def item_title(self, item: Any) -> str:
        prefix = _("Example: ") if item.is_example else ""
        return f"{prefix}{item.title}"

    def item_description(self, item: Any) -> str:
        # RSS descriptions and Atom summaries are read as HTML: a plain-text summary is
        # escaped, so that markup an ambassador typed is shown, never run.
        return escape(item.summary)

    def item_pubdate(self, item: Any):
        return item.published_at

    def item_updateddate(self, item: Any):
        return item.updated_at
