from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.forms import choice_field

from .models import Kind, Preference


class PreferenceForm(forms.Form):
    """The kinds a person wants (those left out are turned off) and the language."""

    wanted = forms.MultipleChoiceField(
        label=_("Send me an e-mail when"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    language = forms.ChoiceField(label=_("Language of e-mails"), choices=settings.LANGUAGES)

    def __init__(self, data=None, *, kinds: list[Kind], preference: Preference):
        initial = {
            "wanted": [kind.value for kind in kinds if kind not in preference.muted],
            "language": preference.language,
        }
        super().__init__(data, initial=initial)
        self.kinds = kinds
        choice_field(self, "wanted").choices = [(kind.value, KIND_LABELS[kind]) for kind in kinds]


KIND_LABELS = {
    Kind.SUBMITTED: _("something is submitted for the team's review"),
    Kind.CHANGED: _("a department changes a published knowledge entry"),
    Kind.JOB_FAILED: _("a job I asked for (an export, a PDF, a fetch) fails"),
    Kind.RETURNED: _("the team returns my department's work with a comment"),
    Kind.ACCEPTED: _("the team publishes or approves my department's work"),
    Kind.REMINDER: _("a follow-up report of my department is due or late"),
}
