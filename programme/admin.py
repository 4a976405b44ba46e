from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.admin import ImportExportMixin
from treebeard.admin import TreeAdmin

from core.admin import HistoryAdmin, StrictImportMixin

from . import history, services
from .forms import ProgrammeNodeAdminForm
from .models import Framework, FrameworkTag, Programme, ProgrammeNode
from .resources import ProgrammeNodeResource


@admin.register(Programme)
class ProgrammeAdmin(HistoryAdmin):
    list_display = [
        "name",
        "valid_from",
        "valid_to",
        "municipality",
        "status",
        "is_current",
        "add_node_link",
    ]
    list_filter = ["status", "is_current"]
    search_fields = ["name", "name_en", "municipality"]
    fieldsets = [
        (None, {"fields": ["name", "name_en", "slug", "municipality", "municipality_code"]}),
        (_("Validity"), {"fields": ["valid_from", "valid_to", "status", "is_current"]}),
        (_("Texts"), {"fields": ["lead", "lead_en", "body", "body_en"]}),
        (
            _("Definition of quality of life"),
            {"fields": ["definition", "definition_en", "definition_source"]},
        ),
        (
            _("Names of the three levels"),
            {
                "classes": ["collapse"],
                "fields": [
                    ("level_1_name", "level_1_plural"),
                    ("level_2_name", "level_2_plural"),
                    ("level_3_name", "level_3_plural"),
                    ("level_1_name_en", "level_1_plural_en"),
                    ("level_2_name_en", "level_2_plural_en"),
                    ("level_3_name_en", "level_3_plural_en"),
                ],
            },
        ),
    ]

    @admin.display(description=gettext_lazy("parts"))
    def add_node_link(self, programme):
        """The node form opened for this programme: its "relative to" lists its nodes."""
        return format_html(
            '<a href="{}?programme={}">{}</a>',
            reverse("admin:programme_programmenode_add"),
            programme.pk,
            _("Add a part"),
        )

    def save_model(self, request, obj, form, change):
        make_current = obj.is_current
        obj.is_current = False if make_current else obj.is_current
        super().save_model(request, obj, form, change)
        if make_current:
            services.programme_make_current(programme=obj)


@admin.register(ProgrammeNode)
class ProgrammeNodeAdmin(HistoryAdmin, StrictImportMixin, ImportExportMixin, TreeAdmin):
    form = ProgrammeNodeAdminForm
    resource_classes = [ProgrammeNodeResource]
    list_display = ["title", "code", "kind", "programme", "is_example"]
    list_filter = ["programme", "kind", "is_example"]
    search_fields = ["title", "title_en", "code"]
    fieldsets = [
        (None, {"fields": ["programme", "code", "title", "title_en"]}),
        (_("Place in the programme"), {"fields": ["position", "relative_to"]}),
        (_("Texts"), {"fields": ["lead", "lead_en", "body", "body_en"]}),
        (None, {"fields": ["tags", "is_example"]}),
    ]

    object_history_list_template = "admin/programme/programmenode/object_history_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("programme")

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """Each row's change in sentences (programme.history): "moved from X to Y",
        "renamed from … to …"; the page's oldest row is compared with the row before it
        (one query)."""
        rows = list(historical_records)
        if not rows:
            return
        rows.append(rows[-1].prev_record)
        for row, before in zip(rows, rows[1:], strict=False):
            changes = []
            if before is not None and row.history_type == "~":
                delta = row.diff_against(
                    before,
                    excluded_fields=history.HIDDEN_FIELDS,
                    foreign_keys_are_objs=foreign_keys_are_objs,
                )
                helper = self.get_historical_record_context_helper(request, row)
                changes = helper.context_for_delta_changes(delta)
            row.node_changes = history.describe(row, before, changes)

    def save_model(self, request, obj, form, change):
        position = form.cleaned_data.get("position")
        target = form.cleaned_data.get("relative_to")
        try:
            if not change:
                services.node_create(node=obj, target=target, position=position or "last-child")
                return
            services.node_update(node=obj)
            if position:
                services.node_move(node=obj, target=target, position=position)
        except ValidationError as error:
            # Checked in the form already; the lock-protected re-check lost a race.
            transaction.set_rollback(True)
            raise PermissionDenied(" ".join(error.messages)) from error

    def delete_model(self, request, obj):
        services.node_delete(node=obj)

    def delete_queryset(self, request, queryset):
        for node in queryset.order_by("-depth"):
            if ProgrammeNode.objects.filter(pk=node.pk).exists():
                services.node_delete(node=node)

    def move_node(self, request):
        """Drag and drop: as treebeard's, but through the locked service and with a
        clear message and 400 when the drop would break the programme's levels."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        try:
            node = ProgrammeNode.objects.get(pk=request.POST.get("node"))
            target = ProgrammeNode.objects.get(pk=request.POST.get("target"))
        except (ProgrammeNode.DoesNotExist, ValueError):
            messages.error(request, _("The node or the place to move it to no longer exists."))
            return HttpResponseBadRequest(_("Invalid move"))
        relation = request.POST.get("relation")
        if relation not in ("child", "sibling"):
            return HttpResponseBadRequest(_("Invalid move"))
        position: services.Position = "last-child" if relation == "child" else "left"
        try:
            services.node_move(node=node, target=target, position=position)
        except ValidationError as error:
            message = " ".join(error.messages)
            messages.error(request, message)
            return HttpResponseBadRequest(message)
        messages.info(request, _("Moved “%(node)s”.") % {"node": node})
        return HttpResponse("OK")


class FrameworkTagInline(admin.TabularInline):
    model = FrameworkTag
    extra = 0
    fields = ["number", "code", "name", "name_en"]


@admin.register(Framework)
class FrameworkAdmin(HistoryAdmin):
    list_display = ["name", "slug", "position"]
    inlines = [FrameworkTagInline]


@admin.register(FrameworkTag)
class FrameworkTagAdmin(HistoryAdmin):
    list_display = ["__str__", "code", "framework"]
    list_filter = ["framework"]
    search_fields = ["name", "name_en", "code"]
