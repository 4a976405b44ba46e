from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import (
    CanonicalCodes,
    ContentForm,
    RowFormSet,
    choice_field,
    model_choice_field,
)
from programme.forms import optional_choice
from programme.levels import LevelWords
from programme.models import Framework, FrameworkTag, Programme, ProgrammeNode
from programme.tree import area_or_leaf_filter

from .models import Entry


def grouped_nodes(programme):
    """Choices for an entry's place: each focus area, then its priorities, grouped under
    their direction (the programme's own levels: one of one level has no groups)."""
    nodes = list(
        ProgrammeNode.objects.for_programme(programme).order_by("path")
        if programme
        else ProgrammeNode.objects.none()
    )
    if programme is not None and not programme.has_groups:
        return [(node.pk, node.title_i18n) for node in nodes if node.depth == 1]
    groups: dict[str, list[tuple[int, str]]] = {}
    direction = ""
    for node in nodes:
        if node.depth == 1:
            direction = node.title_i18n
        elif node.depth == 2:
            groups.setdefault(direction, []).append((node.pk, node.title_i18n))
        else:
            groups.setdefault(direction, []).append((node.pk, f"– {node.title_i18n}"))
    return list(groups.items())


def place_label(programme: Programme) -> str:
    """What an entry's place is called in the programme's words: "Prioritering eller
    fokusområde", or one level's name when its areas are its leaves."""
    levels = LevelWords(programme)
    if programme.leaf_depth == programme.area_depth:
        return levels.Area
    return _("%(Leaf)s or %(area)s") % {"Leaf": levels.Leaf, "area": levels.area}


class EntryFilterForm(CanonicalCodes, forms.Form):
    """The public list's filters, by readable code; an unknown value is an error."""

    # What its choices show (core.forms.filter_fields).
    page_cache_depends = (Programme, ProgrammeNode, Framework)

    typ = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All")), *Entry.Kind.choices], required=False
    )
    prioritering = optional_choice(_("Priority or focus area"))
    ramverk = optional_choice(_("Framework tag"), FrameworkTag.objects.for_display())

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        if programme is not None:
            model_choice_field(
                self, "ramverk"
            ).queryset = FrameworkTag.objects.for_display().of_programme(programme)
            self.fields["prioritering"].label = place_label(programme)
            model_choice_field(self, "prioritering").queryset = (
                ProgrammeNode.objects.for_programme(programme)
                .filter(area_or_leaf_filter())
                .order_by("path")
            )

    def filters(self) -> dict[str, Any]:
        """The valid form's choices as the keyword arguments of selectors.filtered."""
        data = self.cleaned_data if self.is_bound else {}
        return {
            "kind": data.get("typ") or "",
            "node": data.get("prioritering"),
            "tag": data.get("ramverk"),
        }


class EntryForm(ContentForm):
    """The ambassadors' form: the department is limited to the user's own; ``version``
    guards against lost updates; the change note starts empty for every revision."""

    nodes = forms.TypedMultipleChoiceField(
        label=_("Priorities and focus areas"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Where in the programme the knowledge belongs."),
    )
    relation_fields = ("nodes", "tags")

    class Meta:
        model = Entry
        fields = ["kind", "title", "summary", "body", "department", "nodes", "tags", "change_note"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 10}),
            "tags": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, programme, departments, department_required=True, **kwargs):
        super().__init__(*args, **kwargs)
        if programme is not None:
            levels = LevelWords(programme)
            self.fields["nodes"].label = (
                levels.Areas
                if programme.leaf_depth == programme.area_depth
                else _("%(Leaves)s and %(areas)s")
                % {"Leaves": levels.Leaves, "areas": levels.areas}
            )
        model_choice_field(self, "department").queryset = departments
        department = self.fields["department"]
        department.required = department_required
        if department_required:
            # An ambassador writes for a department: the model's "empty: the team" is
            # the team's choice only. Said on the page, not only in the browser's bubble.
            department.help_text = _("Your department or company, which the article is from.")
            department.error_messages["required"] = _(
                "Choose the department or company the article is from."
            )
            self.use_required_attribute = False
        model_choice_field(self, "tags").queryset = FrameworkTag.objects.for_display().of_programme(
            programme
        )
        choice_field(self, "nodes").choices = grouped_nodes(programme)
        self.initial["change_note"] = ""

    def relations(self) -> dict:
        chosen = ProgrammeNode.objects.filter(pk__in=self.cleaned_data["nodes"])
        return {**super().relations(), "nodes": list(chosen)}


class SourceForm(forms.Form):
    """One source; a row left empty is ignored, an address alone is not enough."""

    title = forms.CharField(
        label=_("Source"),
        max_length=300,
        required=False,
        help_text=_("Author, title, publisher and year."),
    )
    url = forms.URLField(label=_("Address"), max_length=500, required=False, assume_scheme="https")
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        initial="sv",
        required=False,
        help_text=_("The language of the source's title."),
    )

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("url") and not cleaned.get("title") and not self.errors:
            raise ValidationError(_("Name the source as well as its address."))
        return cleaned


SourceFormSet = cast(
    type[RowFormSet],
    forms.formset_factory(SourceForm, formset=RowFormSet, extra=2, max_num=20, validate_max=True),
)
