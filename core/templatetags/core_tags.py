from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def lang_attr(text) -> str:
    """` lang="sv"` when ``text`` is in another language than the page, else nothing."""
    lang = getattr(text, "lang", None)
    if lang and lang != (get_language() or "").split("-")[0]:
        return format_html(' lang="{}"', lang)
    return ""


@register.filter
def number(value) -> str:
    """A number as people write it, in the active language: 63,8 and 41 000 in Swedish,
    never 63,80 or 4,1E+4."""
    if value is None or value == "":
        return ""
    plain = format(Decimal(str(value)).normalize(), "f")
    return formats.number_format(Decimal(plain), force_grouping=True)
