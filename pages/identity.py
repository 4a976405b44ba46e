"""The site's identity (pages.models.SiteIdentity) as every page reads it: one query after
each change, kept as a fragment of the page cache in between."""

from core.page_cache import fragment

from .models import SiteIdentity


def current() -> SiteIdentity:
    return fragment("identity", [SiteIdentity], _read)


def _read() -> SiteIdentity:
    return SiteIdentity.objects.first() or SiteIdentity.from_settings()
