"""Content stored in Swedish with optional English, chosen by the active language."""

from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext_noop

DEFAULT_CONTENT_LANGUAGE = "sv"

# Django 6.1's empty choice on select boxes (django.db.models.fields.BLANK_CHOICE_LABEL) is
# missing from Django's own Swedish catalogue; listed here so that ours carries it.
gettext_noop("- Select an option -")


class LocalizedText(str):
    """A string that knows its language, so templates can mark a Swedish fallback
    on an English page with lang="sv" (WCAG 3.1.2, language of parts)."""

    lang: str = DEFAULT_CONTENT_LANGUAGE

    def __new__(cls, value: str, lang: str):
        obj = super().__new__(cls, value)
        obj.lang = lang
        return obj


class LocalizedHTML(SafeString):
    lang: str = DEFAULT_CONTENT_LANGUAGE

    def __new__(cls, value: str, lang: str):
        obj = super().__new__(cls, value)
        obj.lang = lang
        return obj


class Translated:
    """Descriptor reading ``<field>_en`` when English is active and filled, else ``<field>``.

    ``html=True`` is for sanitised rich-text fields: the value is marked safe.
    """

    def __init__(self, field: str, *, html: bool = False):
        self.field = field
        self.html = html

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value, lang = getattr(instance, self.field), DEFAULT_CONTENT_LANGUAGE
        active = (get_language() or DEFAULT_CONTENT_LANGUAGE).split("-")[0]
        if active != DEFAULT_CONTENT_LANGUAGE:
            translated = getattr(instance, f"{self.field}_{active}", "")
            if translated:
                value, lang = translated, active
        cls = LocalizedHTML if self.html else LocalizedText
        return cls(value or "", lang)
