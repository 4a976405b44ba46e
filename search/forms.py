from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CanonicalCodes
from programme.forms import optional_choice
from programme.models import Programme, ProgrammeNode

from .selectors import KINDS, MAX_PAGE, Filters


class SearchForm(CanonicalCodes, forms.Form):
    """The search page's query and facets, readable in the address. The query itself is
    never an error (search.selectors says what is wrong with it); an unknown kind,
    programme, focus area or page is."""

    q = forms.CharField(label=_("Search for"), required=False, strip=True)
    typ = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All")), *KINDS.items()], required=False
    )
    program = optional_choice(_("Programme"), Programme.objects.public(), field="slug")
    fokusomrade = optional_choice(_("Focus area"))
    sida = forms.IntegerField(min_value=1, max_value=MAX_PAGE, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        programme_slug = self.data.get("program") if self.is_bound else None
        programme = (
            Programme.objects.public().filter(slug__iexact=programme_slug).first()
            if programme_slug
            else None
        ) or Programme.objects.current()
        self.fields["fokusomrade"].queryset = (  # type: ignore[attr-defined]
            ProgrammeNode.objects.for_programme(programme).areas()
            if programme
            else ProgrammeNode.objects.none()
        )
        self.programme = programme

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            kind=data.get("typ") or "",
            programme=data.get("program"),
            focus_area=data.get("fokusomrade"),
            page=data.get("sida") or 1,
        )
