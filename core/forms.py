"""Typed access to a form's fields (``form.fields`` holds plain Fields for the type
checker, and a form that narrows a choice field's queryset or choices says which it is),
and filter forms rendered once per change of what they offer."""

from collections.abc import Iterable
from typing import cast

from django import forms

from .page_cache import fragment


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])


def filter_fields(form: forms.BaseForm, *vary) -> str:
    """``form.as_div()`` of a GET filter form, kept as a fragment (core.page_cache) per set
    of submitted values and ``vary``: its choices are queries, and a select renders a
    template per option. The form's ``page_cache_tags`` name the content its choices come
    from."""
    submitted = None
    if form.is_bound:
        data = form.data
        submitted = tuple(
            (field, tuple(data.getlist(field) if hasattr(data, "getlist") else [data[field]]))
            for field in form.fields
            if field in data
        )
    tags: Iterable[str] = form.page_cache_tags  # type: ignore[attr-defined]
    return fragment(type(form).__qualname__, tags, form.as_div, submitted, *vary)
