"""Typed access to a form's fields: ``form.fields`` holds plain Fields for the type
checker, and a form that narrows a choice field's queryset or choices says which it is."""

from typing import cast

from django import forms


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])
