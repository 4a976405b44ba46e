"""Sanitising of staff- and user-written rich text, and the Markdown bodies written by
ambassadors and the team."""

import re

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "s",
    "blockquote",
    "code",
    "pre",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "a",
    "abbr",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang", "lang"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "*": {"lang"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(value: str) -> str:
    """Return ``value`` with everything but a small set of semantic tags removed.

    Scripts, styles, event handlers and javascript: links are dropped; headings start at
    h2 because every page has its own h1.
    """
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()


# A quote's ">" at the start of a line, as nh3 escapes it in Markdown's source text.
_QUOTE = re.compile(r"(?m)^((?:&gt; ?)+)")
_markdown = MarkdownIt("commonmark", {"html": True, "breaks": True})
# Headings start at h2 on the page (its h1 is the title): "# Heading" is an h2.
_HEADING = re.compile(r"<(/?)h([1-5])>")


def sanitize_markdown(value: str) -> str:
    """Markdown source made safe to keep: any HTML in it sanitised by nh3 as for rich text;
    a quote's leading ">" kept (it cannot open a tag)."""
    if not value:
        return ""
    cleaned = sanitize_html(value)
    return _QUOTE.sub(lambda found: found.group(1).replace("&gt;", ">"), cleaned)


def render_markdown(value: str) -> str:
    """A body written in Markdown (or, from before, in HTML or plain text) as sanitised
    HTML: paragraphs, line breaks, lists, links, headings from h2, quotes, emphasis."""
    if not value:
        return ""
    html = _markdown.render(value)
    html = _HEADING.sub(lambda found: f"<{found.group(1)}h{int(found.group(2)) + 1}>", html)
    return sanitize_html(html)
