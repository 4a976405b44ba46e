"""Typed access to a form's fields (``form.fields`` holds plain Fields for the type
checker, and a form that narrows a choice field's queryset or choices says which it is),
and the public lists' filter forms and results, rendered once per change of what they show."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar, cast

from django import forms
from django.core.exceptions import MultipleObjectsReturned, ValidationError
from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict
from django.template.loader import render_to_string
from django.utils.http import urlencode
from django.utils.translation import get_language

from .page_cache import Dependency, fragment


def _foreign(label: object) -> str | None:
    """The language of ``label`` when it is not the page's (core.i18n's LocalizedText)."""
    lang = getattr(label, "lang", None)
    return lang if lang and lang != (get_language() or "").split("-")[0] else None


class LanguageOfPartsSelect(forms.Select):
    """A select whose options say their language where it is not the page's: a Swedish
    title shown on an English page, for want of a translation (WCAG 3.1.2)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if lang := _foreign(label):
            option["attrs"] = {**option["attrs"], "lang": lang}
        return option


class TranslatedModelChoiceField(forms.ModelChoiceField):
    """Options labelled in the page's language where the object has a ``choice_label``
    (a translated title), each marked with its own language where that differs."""

    widget = LanguageOfPartsSelect

    def label_from_instance(self, obj):
        label = getattr(obj, "choice_label", None)
        return super().label_from_instance(obj) if label is None else label

    def to_python(self, value):
        """A code in any case ("sof" for SOF): addresses are typed and shared by hand."""
        if value in self.empty_values or not self.to_field_name:
            return super().to_python(value)
        queryset = cast(QuerySet, self.queryset)
        try:
            return queryset.get(**{f"{self.to_field_name}__iexact": str(value)})
        except (ValueError, TypeError, queryset.model.DoesNotExist, MultipleObjectsReturned):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            ) from None


class CanonicalCodes(forms.BaseForm):
    """For a GET form of TranslatedModelChoiceFields: once valid, its data holds each
    choice's code as stored ("SOF" for "sof"), so that the form shows the choice made."""

    def _post_clean(self):
        super()._post_clean()  # type: ignore[misc]  # BaseForm's hook, missing from the stubs
        data: Any = self.data.copy() if hasattr(self.data, "copy") else dict(self.data)
        for name, field in self.fields.items():
            chosen = self.cleaned_data.get(name)
            if isinstance(field, TranslatedModelChoiceField) and chosen is not None:
                data[name] = getattr(chosen, field.to_field_name or "pk")
        self.data = data


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])


def filter_fields(form: forms.BaseForm, *vary) -> str:
    """``form.as_div()`` of a GET filter form, kept as a fragment (core.page_cache) per set
    of submitted values and ``vary``: its choices are queries, and a select renders a
    template per option. The form's ``page_cache_depends`` name the content its choices come
    from."""
    submitted = None
    if form.is_bound:
        data = form.data
        submitted = tuple(
            (field, tuple(data.getlist(field) if hasattr(data, "getlist") else [data[field]]))
            for field in form.fields
            if field in data
        )
    shows: Iterable[Dependency] = form.page_cache_depends  # type: ignore[attr-defined]
    return fragment(type(form).__qualname__, shows, form.as_div, submitted, *vary)


@dataclass(frozen=True)
class Results:
    html: str
    number: int  # the page's number, for the title


def filtered_results(
    request: HttpRequest,
    form: forms.Form,
    *,
    template: str,
    shows: Iterable[Dependency],
    page_of: Callable[[dict[str, Any], str], Page],
) -> Results | None:
    """A public list's results for a valid filter form (None when a filter value does not
    exist): ``page_of(form.filters(), number)`` rendered by ``template`` with ``page`` and
    ``query`` (the other parameters, for the page links), kept as a fragment per address
    until what ``shows`` names changes. An out-of-range page number's 404 is not kept."""
    if form.is_bound and not form.is_valid():
        return None
    query = request.GET.copy()
    number = query.pop("sida", ["1"])[-1]
    others = query.urlencode()
    # The same list as open data: the API takes the same filters (and no empty ones), up to
    # 500 rows a page.
    chosen = QueryDict(mutable=True)
    for name, values in query.lists():
        chosen.setlist(name, [value for value in values if value])
    data = urlencode(
        {**{k: v for k, v in chosen.lists() if v}, "page_size": "500", "format": "csv"}, doseq=True
    )

    def render_results() -> Results:
        page = page_of(form.filters(), number)  # type: ignore[attr-defined]
        html = render_to_string(template, {"page": page, "query": others, "data_query": data})
        return Results(html=html, number=page.number)

    return fragment(template, shows, render_results, others, number)


class RowFormSet(forms.BaseFormSet):
    """The inline rows of a moderated object (an initiative's links, an entry's sources),
    written with it by its service: :meth:`rows` are the filled ones, as dicts."""

    #: The field that makes a row count as filled; an empty row is left out.
    filled_by: ClassVar[str] = "title"

    def rows(self) -> list[dict]:
        return [
            {name: form.cleaned_data.get(name, "") for name in self.form.base_fields}
            for form in self.forms
            if form.cleaned_data.get(self.filled_by)
        ]

    @classmethod
    def of(cls, data: Any, rows: Iterable[Any], *, prefix: str) -> RowFormSet:
        """The formset of ``data`` (None for a GET), starting from the existing ``rows``."""
        names = list(cls.form.base_fields)
        initial = [{name: getattr(row, name) for name in names} for row in rows]
        return cls(data, initial=initial, prefix=prefix)


class ContentForm(forms.ModelForm):
    """The writers' form of a moderated type (core.review): ``version`` guards against lost
    updates; :meth:`changes` are its own fields and :meth:`relations` its many-to-many
    ones (``relation_fields``), as the type's services take them."""

    relation_fields: ClassVar[tuple[str, ...]] = ()
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["version"] = self.instance.version
            for name in self.relation_fields:
                self.initial[name] = list(getattr(self.instance, name).values_list("pk", flat=True))

    def relations(self) -> dict:
        return {name: list(self.cleaned_data[name]) for name in self.relation_fields}

    def changes(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in self._meta.fields or ()
            if name not in self.relation_fields
        }
