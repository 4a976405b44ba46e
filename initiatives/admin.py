from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from import_export.admin import ImportExportMixin

from core.admin import HistoryAdmin, ReviewAdmin, VersionCheckedForm
from core.forms import model_choice_field
from programme.admin import IMPORT_EXPORT_FORMATS
from programme.models import FrameworkTag, ProgrammeNode

from . import services
from .models import Initiative, InitiativeLink
from .resources import InitiativeResource


class LabelledAdminFileWidget(AdminFileWidget):
    use_fieldset = False  # see initiatives.forms.ImageInput


class InitiativeAdminForm(VersionCheckedForm):
    conflict_fields = tuple(services.EDITABLE_FIELDS)

    class Meta:
        model = Initiative
        fields = [*services.EDITABLE_FIELDS, *services.EDITABLE_RELATIONS]
        widgets = {
            "image": LabelledAdminFileWidget,
            "partner_departments": forms.CheckboxSelectMultiple,
            "tags": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice_field(
            self, "priorities"
        ).queryset = ProgrammeNode.objects.priorities().select_related("programme")
        model_choice_field(self, "tags").queryset = FrameworkTag.objects.select_related("framework")


class InitiativeLinkInline(admin.StackedInline):
    model = InitiativeLink
    extra = 1
    fields = ["title", "url", "position"]


@admin.register(Initiative)
class InitiativeAdmin(ImportExportMixin, ReviewAdmin, HistoryAdmin):
    form = InitiativeAdminForm
    service_fields = tuple(services.EDITABLE_FIELDS)
    service_relations = tuple(services.EDITABLE_RELATIONS)
    inlines = [InitiativeLinkInline]
    resource_classes = [InitiativeResource]
    formats = IMPORT_EXPORT_FORMATS
    list_display = ["title", "lead_department", "state", "status", "updated_at", "is_example"]
    list_filter = ["status", "lead_department", "is_example"]
    search_fields = ["title", "summary"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("lead_department")

    def create_through_service(self, obj, *, relations, rows, by):
        return services.initiative_create(initiative=obj, relations=relations, links=rows, by=by)

    def update_through_service(self, pk, *, expected_version, changes, relations, rows, by):
        return services.initiative_update(
            initiative_id=pk,
            expected_version=expected_version,
            changes=changes,
            relations=relations,
            links=rows,
            by=by,
        )
