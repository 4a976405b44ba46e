from django.db import models

from .html import sanitize_html, sanitize_markdown


class SanitizedHTMLField(models.TextField):
    """Rich text that is sanitised on every save, whichever path wrote it.

    Admin forms, imports and services all end in ``pre_save``, so unsanitised
    HTML cannot reach the database through the ORM's save.
    """

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value

    def clean(self, value, model_instance):
        return super().clean(sanitize_html(value or ""), model_instance)


class MarkdownField(models.TextField):
    """A body written in Markdown, sanitised on every save like rich text (any HTML in it
    through nh3) and shown through the ``markdown`` filter (core.html.render_markdown)."""

    def pre_save(self, model_instance, add):
        value = sanitize_markdown(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value

    def clean(self, value, model_instance):
        return super().clean(sanitize_markdown(value or ""), model_instance)
