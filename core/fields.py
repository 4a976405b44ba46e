from collections.abc import Callable

from django.db import models

from .html import sanitize_html, sanitize_markdown


class SanitizedHTMLField(models.TextField):
    """Rich text that is sanitised on every save, whichever path wrote it.

    Admin forms, imports and services all end in ``pre_save``, so unsanitised
    HTML cannot reach the database through the ORM's save.
    """

    sanitize: Callable[[str], str] = staticmethod(sanitize_html)

    def pre_save(self, model_instance, add):
        value = self.sanitize(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value

    def clean(self, value, model_instance):
        return super().clean(self.sanitize(value or ""), model_instance)


class MarkdownField(SanitizedHTMLField):
    """A body written in Markdown, sanitised on every save like rich text (any HTML in it
    through nh3) and shown through the ``markdown`` filter (core.html.render_markdown)."""

    sanitize = staticmethod(sanitize_markdown)
