from django import forms
from django.db import models
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history page works for models without foreign keys:
    simple-history 3.13 then calls select_related() with no names, which Django 6.1
    deprecates (and the test settings turn into an error)."""

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        related = ["history_user"] + [
            field.name
            for field in history_manager.model.tracked_fields
            if isinstance(field, models.ForeignKey)
        ]
        return history_manager.filter(**{pk_name: object_id}).select_related(*related)


class CheckboxesMixin:
    """The many-to-many fields named in ``checkbox_fields`` as labelled checkboxes, usable
    by keyboard, instead of the admin's multiple-select box."""

    checkbox_fields: tuple[str, ...] = ()

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.checkbox_fields:
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)
