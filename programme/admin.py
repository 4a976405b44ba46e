from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import IGNORED_PARAMS, PAGE_VAR, SEARCH_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.admin import ImportExportMixin
from treebeard.admin import TreeAdmin

from core.admin import HistoryAdmin, StrictImportMixin

from . import history, services, versions
from .forms import NodeMappingFormSet, ProgrammeNodeAdminForm, VersionStartForm
from .models import Framework, FrameworkTag, NodeMapping, Programme, ProgrammeNode
from .resources import ProgrammeNodeResource

MAPPING_PER_PAGE = 25


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
        (_("Versions"), {"fields": ["predecessor", "version_links"]}),
        (_("Texts"), {"fields": ["lead", "lead_en", "body", "body_en"]}),
        (
            _("Definition of quality of life"),
            {"fields": ["definition", "definition_en", "definition_source"]},
        ),
        (
            _("Levels and their names"),
            {
                "classes": ["collapse"],
                "fields": [
                    "levels",
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

    readonly_fields = ["predecessor", "version_links"]

    @admin.display(description=gettext_lazy("versions"))
    def version_links(self, programme):
        """Start a new version from this one; a draft version maps its nodes here."""
        if not programme.pk:
            return "–"
        links = [
            (
                reverse("admin:programme_programme_version_start", args=[programme.pk]),
                _("Start a new version from this programme"),
            )
        ]
        if programme.status == Programme.Status.DRAFT and programme.predecessor_id:
            links.insert(
                0,
                (
                    reverse("admin:programme_programme_mapping", args=[programme.pk]),
                    _("Map the previous version's nodes and adopt"),
                ),
            )
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    def get_urls(self):
        return [
            path(
                "<int:pk>/ny-version/",
                self.admin_site.admin_view(self.version_start_view),
                name="programme_programme_version_start",
            ),
            path(
                "<int:pk>/mappning/",
                self.admin_site.admin_view(self.mapping_view),
                name="programme_programme_mapping",
            ),
            *super().get_urls(),
        ]

    def _programme_or_403(self, request, pk):
        programme = get_object_or_404(Programme, pk=pk)
        if not self.has_change_permission(request, programme) or not self.has_add_permission(
            request
        ):
            raise PermissionDenied
        return programme

    def version_start_view(self, request, pk):
        """The team names the new version; its tree is copied from this one."""
        programme = self._programme_or_403(request, pk)
        form = VersionStartForm(
            request.POST or None,
            initial={
                "name": programme.name,
                "name_en": programme.name_en,
                "valid_from": (programme.valid_to or programme.valid_from) + 1,
            },
        )
        if request.method == "POST" and form.is_valid():
            try:
                version = versions.programme_version_start(programme=programme, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("“%(version)s” is a draft copy of “%(programme)s”: edit it, then map.")
                    % {"version": version, "programme": programme},
                )
                return redirect("admin:programme_programme_mapping", version.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("A new version of “%(programme)s”") % {"programme": programme},
            "programme": programme,
            "form": form,
        }
        return TemplateResponse(request, "admin/programme/programme/version_start.html", context)

    def mapping_view(self, request, pk):
        """The draft version's mapping: how each node of the previous version maps to the
        new one's, 25 at a time; and its adoption once every node is mapped."""
        version = self._programme_or_403(request, pk)
        if version.status != Programme.Status.DRAFT or version.predecessor_id is None:
            raise Http404
        if request.method == "POST" and request.POST.get("action") == "adopt":
            try:
                versions.programme_adopt(version=version)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect(request.get_full_path())
            messages.success(request, _("“%(version)s” is adopted.") % {"version": version})
            return redirect("admin:programme_programme_change", version.pk)
        old_all = ProgrammeNode.objects.filter(programme_id=version.predecessor_id).order_by("path")
        page = Paginator(old_all, MAPPING_PER_PAGE).get_page(request.GET.get("sida"))
        old_nodes = list(page.object_list)
        mapped: dict[int, list] = {}
        for mapping in NodeMapping.objects.filter(old__in=old_nodes):
            mapped.setdefault(mapping.old_id, []).append(mapping)
        new_by_kind: dict[str, list] = {}
        new_nodes = {}
        for node in ProgrammeNode.objects.filter(programme=version).order_by("path"):
            new_by_kind.setdefault(node.kind, []).append((node.pk, node.title))
            new_nodes[node.pk] = node
        initial = [
            {
                "old": old.pk,
                "kind": mapped[old.pk][0].kind if old.pk in mapped else "",
                "new": [m.new_id for m in mapped.get(old.pk, []) if m.new_id],
            }
            for old in old_nodes
        ]
        formset = NodeMappingFormSet(
            request.POST if request.method == "POST" else None,
            initial=initial,
            old_nodes=old_nodes,
            new_by_kind=new_by_kind,
        )
        errors: list[str] = []
        if request.method == "POST" and formset.is_valid():
            by_pk = {old.pk: old for old in old_nodes}
            try:
                with transaction.atomic():
                    for form in formset.forms:
                        if not form.has_changed():
                            continue
                        old = by_pk[form.cleaned_data["old"]]
                        try:
                            versions.node_map(
                                old=old,
                                kind=form.cleaned_data["kind"],
                                new=[new_nodes[pk] for pk in form.cleaned_data["new"]],
                            )
                        except ValidationError as error:
                            errors.extend(f"{old.title}: {message}" for message in error.messages)
                    if errors:
                        raise ValidationError(errors)
            except ValidationError:
                pass
            else:
                messages.success(request, _("The mapping is saved."))
                return redirect(request.get_full_path())
        rows = [
            (old, form, [new_nodes[m.new_id] for m in mapped.get(old.pk, []) if m.new_id])
            for old, form in zip(old_nodes, formset.forms, strict=False)
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Map “%(previous)s” to “%(version)s”")
            % {"previous": version.predecessor, "version": version},
            "version": version,
            "rows": rows,
            "formset": formset,
            "errors": errors,
            "page": page,
            "unmapped": len(versions.unmapped(version)),
        }
        return TemplateResponse(request, "admin/programme/programme/mapping.html", context)

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


class ProgrammeFilter(admin.SimpleListFilter):
    """One programme's tree at a time, the current one unless another (or all) is chosen:
    the trees of several programmes side by side read as one."""

    title = gettext_lazy("programme")
    parameter_name = "programme"
    ALL = "all"

    def lookups(self, request, model_admin):
        programmes = [(str(p.pk), p.choice_label) for p in Programme.objects.order_by("name")]
        return [*programmes, (self.ALL, gettext_lazy("All programmes (a flat list)"))]

    def value(self):
        chosen = super().value()
        if chosen:
            return chosen
        current = Programme.objects.current()
        return str(current.pk) if current else self.ALL

    def queryset(self, request, queryset):
        chosen = self.value()
        if chosen == self.ALL:
            return queryset
        if not str(chosen).isdigit():
            raise IncorrectLookupParameters(_("Unknown programme."))
        return queryset.filter(programme_id=int(chosen))

    def choices(self, changelist):
        for lookup, label in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": label,
            }


@admin.register(ProgrammeNode)
class ProgrammeNodeAdmin(HistoryAdmin, StrictImportMixin, ImportExportMixin, TreeAdmin):
    form = ProgrammeNodeAdminForm
    resource_classes = [ProgrammeNodeResource]
    list_display = ["title", "code", "level", "programme", "is_example"]
    list_filter = [ProgrammeFilter, "kind", "is_example"]

    @admin.display(description=gettext_lazy("level"), ordering="depth")
    def level(self, node):
        """The level by the programme's own name for it (Motala's "huvudområde")."""
        return capfirst(node.level_name)

    def is_filtered(self, request):
        """Choosing a programme keeps the tree (the list shows that programme's); "all
        programmes", a search or another filter lists the matches flat."""
        if request.GET.get(ProgrammeFilter.parameter_name) == ProgrammeFilter.ALL:
            return True
        if request.GET.get(SEARCH_VAR):
            return True
        kept = {*IGNORED_PARAMS, PAGE_VAR, SEARCH_VAR, ProgrammeFilter.parameter_name}
        return any(param not in kept for param in request.GET)

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
