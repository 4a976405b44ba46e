from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportMixin

from core.admin import StrictImportMixin
from programme.models import Programme, ProgrammeNode

from . import selectors, services
from .forms import MappingFilterForm, mapping_formset
from .models import GoalFormulation, SteeringDocument
from .resources import GoalFormulationResource

MAPPING_PER_PAGE = 10


@admin.register(SteeringDocument)
class SteeringDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "adopted_by", "year", "formulation_count", "is_example"]
    list_filter = ["adopted_by", "is_example"]
    search_fields = ["title"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(formulation_count=Count("formulations"))

    @admin.display(description=_("goal formulations"), ordering="formulation_count")
    def formulation_count(self, document):
        return document.formulation_count


@admin.register(GoalFormulation)
class GoalFormulationAdmin(StrictImportMixin, ImportExportMixin, admin.ModelAdmin):
    resource_classes = [GoalFormulationResource]
    list_display = ["__str__", "document", "priority_count"]
    list_filter = ["document"]
    search_fields = ["text"]
    fields = ["document", "text", "reference", "priorities"]
    change_list_template = "admin/goals/goalformulation/change_list.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("document")
            .annotate(priority_count=Count("priorities"))
        )

    @admin.display(description=_("priorities"), ordering="priority_count")
    def priority_count(self, formulation):
        return formulation.priority_count

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "priorities":
            kwargs["queryset"] = ProgrammeNode.objects.priorities().select_related("programme")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_urls(self):
        return [
            path(
                "mapping/",
                self.admin_site.admin_view(self.mapping_view),
                name="goals_goalformulation_mapping",
            ),
            *super().get_urls(),
        ]

    def mapping_view(self, request):
        """The team maps formulations to priorities, ten at a time, filtered by document
        or to the ones not yet mapped."""
        if not services.can_map(request.user):
            raise PermissionDenied
        filters = MappingFilterForm(request.GET or None)
        cleaned = filters.cleaned_data if filters.is_valid() else {}
        paginator = Paginator(
            selectors.mapping_page(
                document=cleaned.get("dokument"), unmapped_only=cleaned.get("omappade", False)
            ),
            MAPPING_PER_PAGE,
        )
        page = paginator.get_page(request.GET.get("sida"))
        formulations = list(page.object_list)
        formset = mapping_formset(request.POST or None, formulations, Programme.objects.current())
        if request.method == "POST" and formset.is_valid():
            shown = {f.pk for f in formulations}
            mapping = {
                form.cleaned_data["formulation"]: form.cleaned_data["priorities"]
                for form in formset.forms
            }
            try:
                if set(mapping) - shown:
                    raise ValidationError(_("The form does not match the page; open it again."))
                changed = services.formulations_map(mapping=mapping, by=request.user)
            except ValidationError as error:
                formset._non_form_errors = formset.error_class(error.messages)
            else:
                messages.success(
                    request,
                    ngettext(
                        "Saved: %(count)d formulation changed.",
                        "Saved: %(count)d formulations changed.",
                        changed,
                    )
                    % {"count": changed},
                )
                return redirect(request.get_full_path())
        query = request.GET.copy()
        query.pop("sida", None)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Map goal formulations to priorities"),
            "filters": filters,
            "page": page,
            "rows": list(zip(formulations, formset.forms, strict=False)),
            "formset": formset,
            "query": query.urlencode(),
            "changelist_url": reverse("admin:goals_goalformulation_changelist"),
        }
        return TemplateResponse(request, "admin/goals/mapping.html", context)
