from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.html import render_markdown

register = template.Library()


@register.simple_tag
def lang_attr(text) -> str:
    """` lang="sv"` when ``text`` is in another language than the page, else nothing."""
    lang = getattr(text, "lang", None)
    if lang and lang != (get_language() or "").split("-")[0]:
        return format_html(' lang="{}"', lang)
    return ""


@register.filter
def markdown(value) -> str:
    """A Markdown body as sanitised HTML (core.html.render_markdown)."""
    return mark_safe(render_markdown(value or ""))  # noqa: S308 - sanitised by nh3


@register.filter
def own_lang(text):
    """``text`` in a <span lang> when it is in another language than the page (for a
    translated name inside a sentence), else ``text`` as it is."""
    lang = getattr(text, "lang", None)
    if lang and lang != (get_language() or "").split("-")[0]:
        return format_html('<span lang="{}">{}</span>', lang, text)
    return text


@register.simple_tag
def language_attr(code: str) -> str:
    """` lang="…"` when ``code`` (a text's language) is not the page's, else nothing."""
    if code and code != (get_language() or "sv").split("-")[0]:
        return format_html(' lang="{}"', code)
    return ""


@register.simple_tag
def swedish_content() -> str:
    """` lang="sv"` on a page in another language: for content that is only ever written in
    Swedish (initiatives, entries, the register, names without a translation)."""
    if (get_language() or "sv").split("-")[0] != "sv":
        return format_html(' lang="{}"', "sv")
    return ""


@register.filter
def number(value, decimals=None) -> str:
    """A number as people write it, in the active language: 63,8 and 41 000 in Swedish,
    never 63,80 or 4,1E+4; with ``decimals``, always that many (a column of values:
    67,0 beside 66,9)."""
    if value is None or value == "":
        return ""
    if decimals is not None:
        return formats.number_format(
            Decimal(str(value)), decimal_pos=int(decimals), force_grouping=True
        )
    plain = format(Decimal(str(value)).normalize(), "f")
    return formats.number_format(Decimal(plain), force_grouping=True)


@register.simple_tag
def example_mark(obj) -> str:
    """ " Exempel" after the name of anything invented for demonstration (its is_example);
    nothing for the real content."""
    if not getattr(obj, "is_example", False):
        return ""
    return format_html(' <span class="badge badge-example">{}</span>', _("Example"))
