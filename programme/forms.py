from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from treebeard.forms import TreeNodeChoiceField

from core.forms import TranslatedModelChoiceField, choice_field, model_choice_field
from core.html import sanitize_html

from . import services
from .models import (
    NODE_TEXT_FIELDS,
    FrameworkTag,
    NodeMapping,
    Programme,
    ProgrammeNode,
)
from .tree import ancestor_path


def optional_choice(label, queryset=None, field="code"):
    """A filter picked by a readable code; empty means all."""
    return TranslatedModelChoiceField(
        label=label,
        queryset=ProgrammeNode.objects.none() if queryset is None else queryset,
        to_field_name=field,
        required=False,
        empty_label=_("All"),
    )


def grouped_priorities(programme):
    """Choices for the programme's leaves (its priorities), grouped under the levels above
    them ("Direction › Focus area"), in tree order; a programme of one level has no groups."""
    nodes = list(
        ProgrammeNode.objects.for_programme(programme).order_by("path")
        if programme
        else ProgrammeNode.objects.none()
    )
    if not nodes:
        return []
    leaf_depth = programme.leaf_depth
    if leaf_depth == 1:
        return [(node.pk, node.title_i18n) for node in nodes if node.depth == 1]
    titles = {node.path: node.title_i18n for node in nodes}
    groups: dict[str, list[tuple[int, str]]] = {}
    for node in nodes:
        if node.depth == leaf_depth:
            above = (titles[ancestor_path(node.path, depth)] for depth in range(1, leaf_depth))
            groups.setdefault(" › ".join(above), []).append((node.pk, node.title_i18n))
    return list(groups.items())


class ProgrammeNodeAdminForm(forms.ModelForm):
    """The admin's add/change form. Where the node stands is chosen with *position* and
    *relative to*; the admin saves it through programme.services."""

    POSITION_CHOICES = [
        ("", _("Keep where it is")),
        ("last-child", _("Last under")),
        ("first-child", _("First under")),
        ("left", _("Before")),
        ("right", _("After")),
    ]

    position = forms.ChoiceField(label=_("Position"), choices=POSITION_CHOICES, required=False)
    relative_to = TreeNodeChoiceField(
        label=_("Relative to"),
        queryset=ProgrammeNode.objects.select_related("programme"),
        required=False,
        empty_label=_("— none: a new direction —"),
        help_text=_(
            "A direction has nothing above it, a focus area stands under a direction "
            "and a priority under a focus area."
        ),
    )

    class Meta:
        model = ProgrammeNode
        fields = ["programme", "code", *NODE_TEXT_FIELDS, "tags", "is_example"]
        # Checkboxes work by keyboard and screen reader without JavaScript; the admin's
        # select2 autocomplete leaves its search box unlabelled.
        widgets = {"tags": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice_field(self, "tags").queryset = FrameworkTag.objects.select_related("framework")
        if self.instance.pk:
            self.fields["programme"].disabled = True
            model_choice_field(self, "relative_to").empty_label = "—"
        else:
            choice_field(self, "position").choices = self.POSITION_CHOICES[1:]
        # "Relative to" offers the nodes of the node's own programme only: the one it
        # belongs to, the one chosen on the add form, or (before a choice) the current one.
        programme = self._programme()
        relative_to = model_choice_field(self, "relative_to")
        if programme is not None:
            relative_to.queryset = ProgrammeNode.objects.select_related("programme").filter(
                programme=programme
            )
            if not self.instance.pk and not self.is_bound:
                self.initial.setdefault("programme", programme.pk)

    def _programme(self) -> Programme | None:
        if self.instance.programme_id:
            return self.instance.programme
        chosen = self.data.get(self.add_prefix("programme")) or self.initial.get("programme")
        chosen = str(getattr(chosen, "pk", chosen) or "")
        if chosen.isdigit():
            return Programme.objects.filter(pk=int(chosen)).first()
        return None if self.is_bound else Programme.objects.current()

    def clean_body(self):
        return sanitize_html(self.cleaned_data.get("body", ""))

    def clean_body_en(self):
        return sanitize_html(self.cleaned_data.get("body_en", ""))

    def clean(self):
        cleaned = super().clean() or {}
        position, target = cleaned.get("position"), cleaned.get("relative_to")
        if self.instance.pk:
            # A followed-up programme's structure is fixed: say why here, not with a 403
            # from the save.
            renaming = bool({"title", "title_en"} & set(self.changed_data))
            try:
                services.check_structure(self.instance, moving=bool(position), renaming=renaming)
            except ValidationError as error:
                self.add_error("position" if position else "title", error)
                return cleaned
        if self.instance.pk and not position:
            return cleaned
        if self.instance.pk and target is None:
            raise ValidationError({"relative_to": _("Choose the node to move it relative to.")})
        # On an add form without a programme chosen, the field's own error is enough.
        programme = cleaned.get("programme") or (
            self.instance.programme if self.instance.programme_id else None
        )
        if programme is None:
            return cleaned
        probe = ProgrammeNode(
            pk=self.instance.pk,
            path=self.instance.path,
            depth=self.instance.depth,
            programme=programme,
            kind=self.instance.kind,
        )
        try:
            # One of POSITION_CHOICES' values: the field accepts no other.
            services.validate_placement(
                node=probe, target=target, position=cast(services.Position, position)
            )
        except ValidationError as error:
            self.add_error("relative_to", error)
        return cleaned


class VersionStartForm(forms.Form):
    """The new version's name, address and years; the rest is copied."""

    name = forms.CharField(label=_("Name"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    slug = forms.SlugField(
        label=_("Code"), max_length=80, help_text=_("Used in addresses, e.g. lkp-2025-2032.")
    )
    valid_from = forms.IntegerField(label=_("Valid from (year)"), min_value=2000, max_value=2100)
    valid_to = forms.IntegerField(
        label=_("Valid to (year)"),
        min_value=2000,
        max_value=2100,
        required=False,
        help_text=_("Empty: valid until further notice."),
    )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Programme.objects.filter(slug=slug).exists():
            raise ValidationError(_("A programme already has this code."))
        return slug


class NodeMappingForm(forms.Form):
    """How one node of the previous version maps to the new version's nodes; ``choices``:
    the new version's nodes of the same level, read once for the whole page."""

    old = forms.TypedChoiceField(coerce=int, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Mapping"), choices=NodeMapping.Kind.choices)
    new = forms.TypedMultipleChoiceField(
        label=_("Nodes of the new version"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )

    def __init__(self, *args, old_choices, new_choices, **kwargs):
        super().__init__(*args, **kwargs)
        choice_field(self, "old").choices = old_choices
        choice_field(self, "new").choices = new_choices


class BaseNodeMappingFormSet(forms.BaseFormSet):
    def __init__(self, *args, old_nodes, new_by_kind, **kwargs):
        self.old_nodes, self.new_by_kind = old_nodes, new_by_kind
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        if index >= len(self.old_nodes):  # a tampered form count: no choices, no form valid
            return {"old_choices": [], "new_choices": []}
        old = self.old_nodes[index]
        return {
            "old_choices": [(old.pk, old.title)],
            "new_choices": self.new_by_kind.get(old.kind, []),
        }


NodeMappingFormSet = cast(
    type[BaseNodeMappingFormSet],
    forms.formset_factory(NodeMappingForm, formset=BaseNodeMappingFormSet, extra=0),
)
