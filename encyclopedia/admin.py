from django import forms
from django.contrib import admin

from core.admin import HistoryAdmin, ReviewAdmin, VersionCheckedForm
from core.forms import model_choice_field
from programme.models import FrameworkTag, ProgrammeNode
from programme.tree import area_or_leaf_filter

from . import services
from .models import Entry, Source


class EntryAdminForm(VersionCheckedForm):
    conflict_fields = tuple(services.EDITABLE_FIELDS)

    class Meta:
        model = Entry
        fields = [*services.EDITABLE_FIELDS, *services.EDITABLE_RELATIONS]
        widgets = {"tags": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["change_note"] = ""
        model_choice_field(self, "nodes").queryset = (
            ProgrammeNode.objects.filter(area_or_leaf_filter())
            .select_related("programme")
            .order_by("programme__valid_from", "path")
        )
        model_choice_field(self, "tags").queryset = FrameworkTag.objects.select_related("framework")


class SourceInline(admin.StackedInline):
    model = Source
    extra = 1
    fields = ["title", "url", "language", "position"]


@admin.register(Entry)
class EntryAdmin(ReviewAdmin, HistoryAdmin):
    form = EntryAdminForm
    service_fields = tuple(services.EDITABLE_FIELDS)
    service_relations = tuple(services.EDITABLE_RELATIONS)
    inline_row_fields = ("title", "url", "language")
    inlines = [SourceInline]
    list_display = ["title", "kind", "department", "state", "updated_at", "is_example"]
    list_filter = ["kind", "department", "is_example"]
    search_fields = ["title", "summary"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("department")
