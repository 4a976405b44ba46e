from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import TranslatedModelChoiceField, choice_field, model_choice_field

from . import fetch_job
from .models import Gender, Indicator


class SeriesForm(forms.Form):
    """Which series a key figure's page shows: readable codes in the address, so that a
    choice can be bookmarked; unknown codes are errors. Works without JavaScript."""

    kommun = forms.MultipleChoiceField(
        label=_("Municipalities"), widget=forms.CheckboxSelectMultiple
    )
    kon = forms.MultipleChoiceField(label=_("Gender"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, municipalities=(), genders=(), **kwargs):
        super().__init__(*args, **kwargs)
        choice_field(self, "kommun").choices = [(m.code, m.name) for m in municipalities]
        choice_field(self, "kon").choices = [(g, Gender(g).label) for g in genders]


class CompareForm(forms.Form):
    """Two key figures to set side by side (their ids in the address: ?a=…&b=…)."""

    a = TranslatedModelChoiceField(label=_("First key figure"), queryset=Indicator.objects.none())
    b = TranslatedModelChoiceField(label=_("Second key figure"), queryset=Indicator.objects.none())

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("a", "b"):
            field = model_choice_field(self, name)
            field.queryset = Indicator.objects.order_by("name", "pk")
            # The choices from the list already read, not another query per field.
            field.choices = [("", "---------"), *[(i.pk, i.name_i18n) for i in indicators]]

    def clean(self):
        data = super().clean() or {}
        if data.get("a") and data.get("a") == data.get("b"):
            raise forms.ValidationError(_("Choose two different key figures."))
        return data


class ValueImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "Kolada's JSON, or csv/xlsx with the columns kpi, municipality, period, gender, "
            "value. The file applies whole or not at all."
        ),
    )
    dry_run = forms.BooleanField(label=_("Only check the file, write nothing"), required=False)


class KoladaFetchForm(forms.Form):
    first = forms.IntegerField(
        label=_("From year"), min_value=fetch_job.FIRST_YEAR, max_value=fetch_job.LAST_YEAR
    )
    last = forms.IntegerField(
        label=_("To year"), min_value=fetch_job.FIRST_YEAR, max_value=fetch_job.LAST_YEAR
    )
    kpis = forms.CharField(
        label=_("Only these KPI ids"),
        required=False,
        help_text=_("Separated by commas or spaces; empty: every key figure with a Kolada id."),
    )

    def clean_kpis(self):
        return [kpi for kpi in self.cleaned_data["kpis"].replace(",", " ").split() if kpi]

    def clean(self):
        data = super().clean() or {}
        if data.get("first") and data.get("last") and data["first"] > data["last"]:
            raise forms.ValidationError(_("The first year comes after the last."))
        return data
