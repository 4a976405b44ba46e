from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
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
from .forms import MappingFilterForm, PriorityChoiceForm, mapping_formset
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


class MappedFilter(admin.SimpleListFilter):
    title = _("mapped")
    parameter_name = "kopplad"

    def lookups(self, request, model_admin):
        return [("ja", _("Mapped to a priority")), ("nej", _("Not mapped yet"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(priority_count__gt=0)
        if self.value() == "nej":
            return queryset.filter(priority_count=0)
        return queryset


@admin.register(GoalFormulation)
class GoalFormulationAdmin(StrictImportMixin, ImportExportMixin, admin.ModelAdmin):
    resource_classes = [GoalFormulationResource]
    list_display = ["__str__", "document", "priority_count"]
    list_filter = [MappedFilter, "document"]
    search_fields = ["text", "document__title"]
    actions = ["map_to_priority"]
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

    @admin.action(
        description=_("Map the selected formulations to a priority"),
        permissions=["change"],
    )
    def map_to_priority(self, request, queryset):
        """Two steps: choose the priority, then every selected formulation supports it too
        (the priorities it has stay); all or none, through the service."""
        form = PriorityChoiceForm(
            request.POST if "priority" in request.POST else None,
            programme=Programme.objects.current(),
        )
        if form.is_bound and form.is_valid():
            priority = form.cleaned_data["priority"]
            current = {
                formulation.pk: [p.pk for p in formulation.priorities.all()]
                for formulation in queryset.prefetch_related("priorities")
            }
            mapping = {pk: sorted({*pks, priority.pk}) for pk, pks in current.items()}
            try:
                changed = services.formulations_map(mapping=mapping, by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return None
            self.message_user(
                request,
                ngettext(
                    "%(count)d formulation now supports “%(priority)s”.",
                    "%(count)d formulations now support “%(priority)s”.",
                    changed,
                )
                % {"count": changed, "priority": priority.title},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Map the selected formulations to a priority"),
            "form": form,
            "formulations": queryset.select_related("document"),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/goals/map_to_priority.html", context)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "priorities":
            kwargs["queryset"] = ProgrammeNode.objects.leaves().select_related("programme")
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
                document=cleaned.get("dokument"),
                unmapped_only=cleaned.get("omappade", False),
                text=cleaned.get("sok", ""),
            ),
            MAPPING_PER_PAGE,
        )
        page = paginator.get_page(request.GET.get("sida"))
        formulations = list(page.object_list)
        programme = Programme.objects.current()
        formset = mapping_formset(request.POST or None, formulations, programme)
        suggested = selectors.suggestions(formulations, programme)
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
            "rows": [
                (formulation, form, suggested[formulation.pk])
                for formulation, form in zip(formulations, formset.forms, strict=False)
            ],
            "formset": formset,
            "query": query.urlencode(),
            "changelist_url": reverse("admin:goals_goalformulation_changelist"),
        }
        return TemplateResponse(request, "admin/goals/mapping.html", context)
