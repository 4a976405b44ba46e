from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import model_choice_field

from .models import Intervention


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
    over_budget = forms.BooleanField(label=_("Decide even so"), required=False)


class PublishForm(forms.Form):
    publish = forms.BooleanField(required=False)
