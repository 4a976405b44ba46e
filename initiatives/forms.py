from django import forms
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Department
from programme.models import FrameworkTag, ProgrammeNode

from .models import Initiative


class InitiativeFilterForm(forms.Form):
    """The public list's filters: readable codes in the address, so a filtered list can be
    bookmarked and shared. Unknown values are errors, never silently ignored."""

    riktning = forms.ModelChoiceField(
        label=_("Direction"), queryset=ProgrammeNode.objects.none(), to_field_name="code",
        required=False, empty_label=_("All"),
    )  # fmt: skip
    fokusomrade = forms.ModelChoiceField(
        label=_("Focus area"), queryset=ProgrammeNode.objects.none(), to_field_name="code",
        required=False, empty_label=_("All"),
    )  # fmt: skip
    prioritering = forms.ModelChoiceField(
        label=_("Priority"), queryset=ProgrammeNode.objects.none(), to_field_name="code",
        required=False, empty_label=_("All"),
    )  # fmt: skip
    forvaltning = forms.ModelChoiceField(
        label=_("Department or company"), queryset=Department.objects.active(),
        to_field_name="short_name", required=False, empty_label=_("All"),
    )  # fmt: skip
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), *Initiative.Status.choices],
        required=False,
    )
    ar = forms.IntegerField(
        label=_("Year"), min_value=2000, max_value=2100, required=False,
        help_text=_("Initiatives under way that year."),
    )  # fmt: skip
    ramverk = forms.ModelChoiceField(
        label=_("Framework tag"), queryset=FrameworkTag.objects.for_display(),
        to_field_name="code", required=False, empty_label=_("All"),
    )  # fmt: skip

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        nodes = ProgrammeNode.objects.for_programme(programme) if programme else None
        for name, depth in (("riktning", 1), ("fokusomrade", 2), ("prioritering", 3)):
            if nodes is not None:
                self.fields[name].queryset = nodes.filter(depth=depth).order_by("path")
