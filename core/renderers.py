"""The form renderer: Django's own form and widget templates through Jinja2.

Rendering a select is one template per option; on /insatser/ (about 250 options) the
Django template engine took a third of the request. Django ships the same templates for
Jinja2 (django/forms/jinja2/), which renders them several times faster with the same HTML.
Templates that exist only for the Django engine (the admin's widgets, such as the related
widget wrapper and the date and time inputs) are rendered by it, as before.
"""

from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist


class FormRenderer(BaseRenderer):
    def __init__(self):
        self.jinja2 = Jinja2()
        self.django = DjangoTemplates()

    def get_template(self, template_name):
        try:
            return self.jinja2.get_template(template_name)
        except TemplateDoesNotExist:
            return self.django.get_template(template_name)
