from django import forms
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Department


class InviteForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))
    title = forms.CharField(label=_("Job title"), max_length=150, required=False)
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments and companies"),
        queryset=Department.objects.active().order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("Six digits from the app, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class EnrolmentForm(SecondFactorForm):
    """The code that confirms a new app: there are no recovery codes yet (they come
    after it), so the field does not speak of them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _("The six digits the app shows now.")
