from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.forms import choice_field, model_choice_field

from .models import SCORE_HELP, Assessment, FollowupRound, Score


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
