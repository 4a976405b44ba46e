"""The site's identity (pages.models.SiteIdentity) as every page reads it: one query after
each change, kept as a fragment of the page cache in between."""

from django.utils.text import capfirst

from core.page_cache import fragment

from .models import SiteIdentity


def current() -> SiteIdentity:
    return fragment("identity", [SiteIdentity], _read)


def _read() -> SiteIdentity:
    return SiteIdentity.objects.first() or SiteIdentity.from_settings()


def words(identity: SiteIdentity | None = None) -> dict[str, str]:
    """The organisation's words in the active language, for messages and templates that
    name it: ``org`` ("staden", "the city"), ``orgs`` ("stadens"), ``team``
    ("livskvalitetsteamet"); capitalised for a sentence's start, ``Org``, ``Orgs``, ``Team``.

    A message reads ``_("Only %(team)s publishes initiatives.") % words()``; a template
    finds the same names in its context (pages.context_processors.site_identity) and writes
    ``{% blocktranslate %}Only {{ team }} publishes initiatives.{% endblocktranslate %}``.
    """
    identity = identity or current()
    found = {
        "org": str(identity.organisation_word_i18n),
        "orgs": str(identity.organisation_word_genitive_i18n),
        "team": str(identity.team_name_i18n),
    }
    return found | {name.capitalize(): capfirst(value) for name, value in found.items()}
