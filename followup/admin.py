import tempfile

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import CheckboxesMixin, HistoryAdmin, ReviewAdmin
from core.importing import ImportRejectedError

from . import export, kolada, prioritisation, services
from .models import (
    Assessment,
    Budget,
    DepartmentReport,
    FollowupRound,
    Indicator,
    IndicatorValue,
    Intervention,
    Municipality,
)


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(Indicator)
class IndicatorAdmin(CheckboxesMixin, HistoryAdmin):
    list_display = ["name", "kolada_id", "unit", "better"]
    list_filter = ["better", "focus_areas"]
    search_fields = ["name", "name_en", "kolada_id"]
    checkbox_fields = ("focus_areas", "tags")


class ValueImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "Kolada's JSON, or csv/xlsx with the columns kpi, municipality, period, gender, "
            "value. The file applies whole or not at all."
        ),
    )
    dry_run = forms.BooleanField(label=_("Only check the file, write nothing"), required=False)


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "municipality", "year", "gender", "value"]
    list_filter = ["municipality", "year", "gender"]
    search_fields = ["indicator__name", "indicator__kolada_id"]
    list_select_related = ["indicator", "municipality"]
    change_list_template = "admin/followup/indicatorvalue/change_list.html"

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="followup_indicatorvalue_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Upload a Kolada-shaped or tabular file of values; whole or nothing."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = ValueImportForm(request.POST or None, request.FILES or None)
        errors = []
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows = kolada.read_upload(upload.name, upload.read())
                with transaction.atomic():
                    report = services.indicator_values_import(rows=rows)
                    transaction.set_rollback(form.cleaned_data["dry_run"])
            except ImportRejectedError as rejected:
                errors = rejected.errors
            else:
                prefix = _("Checked, nothing written: ") if form.cleaned_data["dry_run"] else ""
                messages.success(request, prefix + str(report))
                return redirect("admin:followup_indicatorvalue_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "errors": errors,
            "title": _("Import key figure values"),
        }
        return TemplateResponse(request, "admin/followup/indicatorvalue/import.html", context)


@admin.register(FollowupRound)
class FollowupRoundAdmin(CheckboxesMixin, HistoryAdmin):
    list_display = ["year", "deadline", "phase", "is_open", "department_count"]
    readonly_fields = ["not_submitted", "exports"]
    actions = ["send_reminders"]
    checkbox_fields = ("departments",)

    def get_urls(self):
        return [
            path(
                "<int:pk>/export/<str:fmt>/",
                self.admin_site.admin_view(self.export_view),
                name="followup_followupround_export",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request, pk, fmt):
        """The annual export of the round's year, streamed from a temporary file."""
        round_ = get_object_or_404(FollowupRound, pk=pk)
        if not self.has_view_permission(request, round_):
            raise PermissionDenied
        if fmt not in export.FORMATS:
            raise Http404
        handle = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
        export.write(fmt, round_.year, handle)
        handle.seek(0)
        return FileResponse(
            handle,
            as_attachment=True,
            filename=f"uppfoljning-{round_.year}.{export.FILE_SUFFIX[fmt]}",
            content_type=export.CONTENT_TYPES[fmt],
        )

    @admin.display(description=_("annual export"))
    def exports(self, round_):
        if not round_.pk:
            return "–"
        return format_html_join(
            " · ",
            '<a href="{}">{}</a>',
            (
                (reverse("admin:followup_followupround_export", args=[round_.pk, fmt]), label)
                for fmt, label in (("xlsx", "Excel (xlsx)"), ("csv", "CSV (zip)"), ("json", "JSON"))
            ),
        )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("departments")

    @admin.display(description=_("departments"))
    def department_count(self, round_):
        return len(round_.departments.all())

    @admin.display(description=_("not submitted yet"))
    def not_submitted(self, round_):
        if not round_.pk:
            return "–"
        missing = services.round_missing_departments(round_)
        return format_html_join(", ", "{}", ((d.name,) for d in missing)) or _("Everyone")

    @admin.action(description=_("Remind the departments that have not submitted"))
    def send_reminders(self, request, queryset):
        try:
            sent = sum(services.round_send_reminders(round_=r, by=request.user) for r in queryset)
        except PermissionDenied as error:
            messages.error(request, str(error))
            return
        messages.success(
            request,
            ngettext("Sent %(count)d reminder.", "Sent %(count)d reminders.", sent)
            % {"count": sent},
        )


class AssessmentInline(admin.StackedInline):
    model = Assessment
    extra = 0
    can_delete = False
    fields = ("focus_area", "score", "what_we_did", "what_it_changed", "what_we_learned")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("focus_area")


@admin.register(DepartmentReport)
class DepartmentReportAdmin(ReviewAdmin, HistoryAdmin):
    edits_content = False  # written by the departments, on their pages
    list_display = ["department", "round", "state", "updated_at"]
    list_filter = ["round"]
    list_select_related = ["department", "round"]
    search_fields = ["department__name", "department__short_name"]
    fields = ["round", "department", "state", "review_comment", "next_year_plans", "version"]
    readonly_fields = ["round", "department", "next_year_plans"]
    inlines = [AssessmentInline]

    def has_add_permission(self, request):
        return False  # reports are started by the departments, through the services


class InterventionInline(CheckboxesMixin, admin.StackedInline):
    model = Intervention
    extra = 1
    fields = ["rank", "title", "description", "department", "focus_areas", "estimated_cost"]
    checkbox_fields = ("focus_areas",)


@admin.register(Budget)
class BudgetAdmin(HistoryAdmin):
    list_display = ["name", "year", "amount"]
    list_filter = ["year"]
    inlines = [InterventionInline]
    readonly_fields = ["ranking"]

    @admin.display(description=_("ranked interventions against the budget"))
    def ranking(self, budget):
        if not budget.pk:
            return "–"
        from django.template.loader import render_to_string

        return render_to_string(
            "followup/_ranking.html", {"ranking": prioritisation.ranking(budget=budget)}
        )
