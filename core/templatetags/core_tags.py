from django import template
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
