from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.forms import TranslatedModelChoiceField, choice_field, model_choice_field

from .models import (
    SCORE_HELP,
    Assessment,
    FollowupRound,
    Gender,
    Indicator,
    Intervention,
    Score,
)


class ScoreSelect(forms.RadioSelect):
    """The scale as radio buttons, each step with its explanation."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value not in (None, ""):
            option["label"] = format_html(
                "{} <span class='helptext'>{}</span>", label, SCORE_HELP[Score(int(value))]
            )
        return option


class AssessmentForm(forms.ModelForm):
    """One focus area of the report; ``initiatives`` offers the department's own."""

    class Meta:
        model = Assessment
        fields = ["score", "what_we_did", "what_it_changed", "what_we_learned", "initiatives"]
        widgets = {
            "score": ScoreSelect,
            "what_we_did": forms.Textarea(attrs={"rows": 3}),
            "what_it_changed": forms.Textarea(attrs={"rows": 3}),
            "what_we_learned": forms.Textarea(attrs={"rows": 3}),
            "initiatives": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        choice_field(self, "score").choices = Score.choices
        model_choice_field(self, "initiatives").queryset = choices
        self.fields["initiatives"].help_text = _(
            "The department's initiatives under way that year in this focus area."
        )


class ReportForm(forms.Form):
    next_year_plans = forms.CharField(
        label=_("Plans for next year"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the department means to do next year, and in which focus areas."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class RoundForm(forms.ModelForm):
    class Meta:
        model = FollowupRound
        fields = ["year", "deadline", "phase", "departments", "is_open"]
        widgets = {"departments": forms.CheckboxSelectMultiple}


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


# --- The steering group's prioritisation page ----------------------------------------------


class InterventionActionForm(forms.Form):
    """What every action on the page names: one intervention of the page's budget."""

    intervention: forms.ModelChoiceField[Intervention] = forms.ModelChoiceField(
        queryset=Intervention.objects.none(), widget=forms.HiddenInput
    )

    def __init__(self, *args, budget, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice_field(self, "intervention").queryset = budget.interventions.all()
        self.fields["intervention"].error_messages["invalid_choice"] = _(
            "The intervention is not in this budget; open the page again."
        )


class MoveForm(InterventionActionForm):
    position = forms.IntegerField(label=_("Move to place"), min_value=1, max_value=999)


class DecisionForm(InterventionActionForm):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            choice
            for choice in Intervention.Status.choices
            if choice[0] != Intervention.Status.PROPOSED
        ],
    )
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    meeting = forms.CharField(
        label=_("Meeting"),
        max_length=200,
        help_text=_("e.g. “Styrgruppens möte 12 mars 2025, § 4”"),
    )


class PublishForm(forms.Form):
    publish = forms.BooleanField(required=False)
