"""The whole-programme tree, rendered in Python.

The tree is the site's largest markup (a list item per node, with its links and tags).
Rendered through the template engine with a tag or include per node, it was the slowest
part of every programme page; here it is a loop over prepared data with one escape per
value, the same markup as before, and the node and tag addresses built from one reverse()
each instead of one per link.
"""

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


def _lang(text, page_language):
    lang = getattr(text, "lang", None)
    return f' lang="{lang}"' if lang and lang != page_language else ""


class _TreeWriter:
    def __init__(self, programme):
        self.programme = programme
        self.language = (get_language() or "sv").split("-")[0]
        self.node_prefix = programme.get_absolute_url()
        self.tag_prefix = reverse("programme:framework-list")
        self.badge = f' <span class="badge badge-example">{escape(_("Example"))}</span>'
        self.tags_label = escape(_("Framework tags"))
        self.levels = {depth: escape(capfirst(programme.level_name(depth))) for depth in (1, 2, 3)}
        self.priorities_label = escape(capfirst(programme.level_name(3, plural=True)))
        self.out = []

    def link(self, node):
        title = node.title_i18n
        badge = self.badge if node.is_example else ""
        return (
            f'<a href="{self.node_prefix}{escape(node.code)}/"{_lang(title, self.language)}>'
            f"{escape(title)}</a>",
            badge,
        )

    def lead(self, node):
        lead = node.lead_i18n
        if lead:
            self.out.append(f"<p{_lang(lead, self.language)}>{escape(lead)}</p>")

    def tags(self, node):
        tags = node.framework_tags
        if not tags:
            return
        self.out.append(f'<ul class="tags" aria-label="{self.tags_label}">')
        for tag in tags:
            number = f" {tag.number}" if tag.number else ""
            self.out.append(
                f'<li><a href="{self.tag_prefix}{escape(tag.code)}/">'
                f"{escape(tag.framework.name_i18n)}{number}: {escape(tag.name_i18n)}</a></li>"
            )
        self.out.append("</ul>")

    def write(self, items):
        out = self.out
        out.append('<ol class="programme-tree">')
        for item in items:
            node = item.node
            link, badge = self.link(node)
            out.append(f'<li class="direction" id="{escape(node.code)}">')
            out.append(f'<h2><span class="level">{self.levels[1]}</span> {link}{badge}</h2>')
            self.lead(node)
            if item.children:
                out.append("<ol>")
                for focus in item.children:
                    self.focus_area(focus)
                out.append("</ol>")
            out.append("</li>")
        out.append("</ol>")
        return mark_safe("\n".join(out))  # noqa: S308 - every value above is escaped

    def focus_area(self, item):
        out = self.out
        link, badge = self.link(item.node)
        out.append('<li class="focus-area">')
        out.append(f'<h3><span class="level">{self.levels[2]}</span> {link}{badge}</h3>')
        self.lead(item.node)
        if item.children:
            out.append(f'<ul class="priorities" aria-label="{self.priorities_label}">')
            for priority in item.children:
                node = priority.node
                link, badge = self.link(node)
                out.append(f'<li>{link} <span class="hashtag">{escape(node.hashtag)}</span>{badge}')
                self.tags(node)
                out.append("</li>")
            out.append("</ul>")
        out.append("</li>")


@register.simple_tag
def programme_tree(programme, tree):
    """The nested list of a programme's directions, focus areas and priorities."""
    return _TreeWriter(programme).write(tree)
