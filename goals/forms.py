from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import choice_field, model_choice_field
from programme.forms import grouped_priorities
from programme.models import ProgrammeNode

from .models import SteeringDocument


class MappingFilterForm(forms.Form):
    dokument = forms.ModelChoiceField(
        label=_("Steering document"),
        queryset=SteeringDocument.objects.all(),
        required=False,
        empty_label=_("All"),
    )
    omappade = forms.BooleanField(label=_("Only formulations not yet mapped"), required=False)
    sok = forms.CharField(label=_("Words in the formulation"), max_length=100, required=False)


class PriorityChoiceForm(forms.Form):
    """The admin action's second step: the priority the selected formulations support."""

    priority = forms.ModelChoiceField(
        label=_("Supports the priority"), queryset=ProgrammeNode.objects.none()
    )

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        nodes = ProgrammeNode.objects.leaves()
        if programme is not None:
            nodes = nodes.filter(programme=programme)
        model_choice_field(self, "priority").queryset = nodes.order_by("path")


class MappingForm(forms.Form):
    """One formulation's priorities; the formulation is named in the fieldset's legend."""

    formulation = forms.IntegerField(widget=forms.HiddenInput)
    priorities = forms.TypedMultipleChoiceField(
        label=_("Supports the priorities"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        choice_field(self, "priorities").choices = choices


MappingFormSet = forms.formset_factory(MappingForm, extra=0, max_num=50, validate_max=True)


def mapping_formset(data, formulations, programme):
    choices = grouped_priorities(programme)
    initial = [
        {"formulation": f.pk, "priorities": [p.pk for p in f.priorities.all()]}
        for f in formulations
    ]
    return MappingFormSet(data, initial=initial, prefix="map", form_kwargs={"choices": choices})
