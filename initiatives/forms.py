from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Department
from core.forms import (
    CanonicalCodes,
    ContentForm,
    RowFormSet,
    choice_field,
    model_choice_field,
)
from programme.forms import grouped_priorities, optional_choice
from programme.levels import LevelWords
from programme.models import Framework, FrameworkTag, NodeKind, Programme, ProgrammeNode

from .models import RELATED_FIELDS, TEXT_FIELDS, WORK_FIELDS, Initiative


class ImageInput(forms.ClearableFileInput):
    """The file input with a label of its own: Django renders file inputs in a fieldset
    whose legend names the group, which leaves the input itself without a label."""

    use_fieldset = False


#: The filters by level of the programme, top down (the address's names stay the same
#: whatever a programme calls its levels).
LEVEL_FILTERS = (
    ("riktning", NodeKind.DIRECTION),
    ("fokusomrade", NodeKind.FOCUS_AREA),
    ("prioritering", NodeKind.PRIORITY),
)


class InitiativeFilterForm(CanonicalCodes, forms.Form):
    """The public list's filters: readable codes in the address, so a filtered list can be
    bookmarked and shared. Unknown values are errors, never silently ignored."""

    # What its choices show (core.forms.filter_fields): the current programme's nodes, the
    # departments and the framework tags.
    page_cache_depends = (Programme, ProgrammeNode, Department, Framework)

    riktning = optional_choice(_("Direction"))
    fokusomrade = optional_choice(_("Focus area"))
    prioritering = optional_choice(_("Priority"))
    forvaltning = optional_choice(
        _("Department or company"), Department.objects.active(), field="short_name"
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), *Initiative.Status.choices],
        required=False,
    )
    ar = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        required=False,
        help_text=_("Initiatives under way that year."),
    )
    ramverk = optional_choice(_("Framework tag"), FrameworkTag.objects.for_display())

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        if programme is not None:
            model_choice_field(
                self, "ramverk"
            ).queryset = FrameworkTag.objects.for_display().of_programme(programme)
            nodes = ProgrammeNode.objects.for_programme(programme).order_by("path")
            for depth, (name, kind) in enumerate(LEVEL_FILTERS, start=1):
                if depth > programme.levels:
                    del self.fields[name]  # the programme has no such level
                    continue
                field = model_choice_field(self, name)
                field.queryset = nodes.of_kind(kind)
                field.label = capfirst(programme.level_name(depth))

    def clean(self):
        """A focus area or priority chosen under another direction (or focus area) than
        the one chosen is a mistake, said as such, not an empty list."""
        data = super().clean() or {}
        direction, area, priority = (
            data.get("riktning"),
            data.get("fokusomrade"),
            data.get("prioritering"),
        )
        for name, node, parent in (
            ("fokusomrade", area, direction),
            ("prioritering", priority, area or direction),
        ):
            if node is not None and parent is not None and not node.path.startswith(parent.path):
                self.add_error(
                    name,
                    _("“%(node)s” is not under “%(parent)s”: choose one under it, or All.")
                    % {"node": node.title_i18n, "parent": parent.title_i18n},
                )
        return data

    def filters(self) -> dict[str, Any]:
        """The valid form's choices as the keyword arguments of selectors.filtered; the
        narrowest node chosen wins."""
        data = self.cleaned_data if self.is_bound else {}
        return {
            "node": data.get("prioritering") or data.get("fokusomrade") or data.get("riktning"),
            "department": data.get("forvaltning"),
            "status": data.get("status") or "",
            "year": data.get("ar"),
            "tag": data.get("ramverk"),
        }


class InitiativeForm(ContentForm):
    """The ambassadors' form. The lead department is limited to the user's own; priorities
    are checkboxes grouped by direction and focus area; ``version`` guards against lost
    updates."""

    priorities = forms.TypedMultipleChoiceField(
        label=_("Priorities"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The priorities of the programme that the initiative works on."),
    )
    relation_fields = ("priorities", "partner_departments", "tags")

    class Meta:
        model = Initiative
        fields = [
            *TEXT_FIELDS,
            "lead_department",
            *RELATED_FIELDS,
            *WORK_FIELDS,
            "contact",
            "image",
            "image_alt",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 8}),
            "partner_departments": forms.CheckboxSelectMultiple,
            "tags": forms.CheckboxSelectMultiple,
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "results": forms.Textarea(attrs={"rows": 4}),
            "lessons": forms.Textarea(attrs={"rows": 4}),
            "image": ImageInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }

    def __init__(self, *args, programme, lead_departments, **kwargs):
        super().__init__(*args, **kwargs)
        # The uploaded file's name is never kept (images.store_upload names it): any length.
        image = self.fields["image"]
        if isinstance(image, forms.FileField):
            image.max_length = None
        model_choice_field(self, "lead_department").queryset = lead_departments
        model_choice_field(self, "partner_departments").queryset = Department.objects.active()
        model_choice_field(self, "tags").queryset = FrameworkTag.objects.for_display().of_programme(
            programme
        )
        choice_field(self, "priorities").choices = grouped_priorities(programme)
        if programme is not None:  # in the programme's own words (Motala's "Huvudområden")
            levels = LevelWords(programme)
            self.fields["priorities"].label = levels.Leaves
            self.fields["priorities"].help_text = _(
                "The programme's %(leaves)s that the initiative works on."
            ) % {"leaves": levels.leaves}

    def relations(self) -> dict:
        chosen = ProgrammeNode.objects.filter(
            pk__in=self.cleaned_data["priorities"]
        ).select_related("programme")
        return {**super().relations(), "priorities": list(chosen)}


class LinkForm(forms.Form):
    """One link to read more; a row left empty is ignored."""

    title = forms.CharField(label=_("Link text"), max_length=200, required=False)
    url = forms.URLField(label=_("Address"), max_length=500, required=False, assume_scheme="https")

    def clean(self):
        cleaned = super().clean() or {}
        if bool(cleaned.get("title")) != bool(cleaned.get("url")) and not self.errors:
            raise ValidationError(_("Give both the link text and the address, or neither."))
        return cleaned


class LinkRows(RowFormSet):
    filled_by = "url"


LinkFormSet = cast(
    type[LinkRows],
    forms.formset_factory(LinkForm, formset=LinkRows, extra=2, max_num=10, validate_max=True),
)
