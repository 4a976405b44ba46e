from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.admin import CheckboxesMixin, HistoryAdmin
from core.importing import ImportRejectedError
from jobs.models import Job

from . import fetch_job, kolada, services
from .forms import KoladaFetchForm, ValueImportForm
from .models import Indicator, IndicatorValue, Municipality


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(Indicator)
class IndicatorAdmin(CheckboxesMixin, HistoryAdmin):
    list_display = ["name", "kolada_id", "unit", "better", "target_value", "target_year"]
    readonly_fields = ["values_imported_at"]
    fieldsets = [
        (None, {"fields": ["name", "name_en", "description", "description_en", "unit"]}),
        (_("Source"), {"fields": ["source", "kolada_id", "values_imported_at"]}),
        (
            _("Target and progress"),
            {
                "fields": ["better", "target_value", "target_year", "baseline_year"],
                "description": _(
                    "With a target, the key figure's page shows its progress; without one, "
                    "its trend. The method page says how both are computed."
                ),
            },
        ),
        (_("Links"), {"fields": ["focus_areas", "tags", "is_example"]}),
    ]
    list_filter = ["better", "focus_areas"]
    search_fields = ["name", "name_en", "kolada_id"]
    checkbox_fields = ("focus_areas", "tags")


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "municipality", "year", "gender", "value"]
    list_filter = ["municipality", "year", "gender"]
    search_fields = ["indicator__name", "indicator__kolada_id"]
    list_select_related = ["indicator", "municipality"]
    change_list_template = "admin/keyfigures/indicatorvalue/change_list.html"

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="keyfigures_indicatorvalue_import",
            ),
            path(
                "fetch/",
                self.admin_site.admin_view(self.fetch_view),
                name="keyfigures_indicatorvalue_fetch",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Upload a Kolada-shaped or tabular file of values; whole or nothing."""
        if not request.user.has_perm(fetch_job.IMPORT_PERMISSION):
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
                return redirect("admin:keyfigures_indicatorvalue_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "errors": errors,
            "title": _("Import key figure values"),
        }
        return TemplateResponse(request, "admin/keyfigures/indicatorvalue/import.html", context)

    def fetch_view(self, request):
        """Ask the worker to fetch values from Kolada; the outcome of each fetch is kept."""
        if not fetch_job.can_fetch(request.user):
            raise PermissionDenied
        form = KoladaFetchForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                fetch_job.request_kolada(
                    first=data["first"], last=data["last"], kpis=data["kpis"], by=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("The fetch is handed to the worker; its outcome appears below.")
                )
                return redirect("admin:keyfigures_indicatorvalue_fetch")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "jobs": Job.objects.filter(kind=fetch_job.KOLADA).select_related("requested_by")[:20],
            "title": _("Fetch key figure values from Kolada"),
        }
        return TemplateResponse(request, "admin/keyfigures/indicatorvalue/fetch.html", context)
