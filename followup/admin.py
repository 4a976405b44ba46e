from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.admin import CheckboxesMixin, HistoryAdmin, ReviewAdmin
from core.importing import ImportRejectedError

from . import forms as forms_module
from . import jobs, kolada, prioritisation, reminders, services
from .models import (
    Assessment,
    Budget,
    DepartmentReport,
    FollowupRound,
    Indicator,
    IndicatorValue,
    Intervention,
    Job,
    Municipality,
    Reminder,
)


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


class ValueImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "Kolada's JSON, or csv/xlsx with the columns kpi, municipality, period, gender, "
            "value. The file applies whole or not at all."
        ),
    )
    dry_run = forms.BooleanField(label=_("Only check the file, write nothing"), required=False)


class KoladaFetchForm(forms.Form):
    first = forms.IntegerField(
        label=_("From year"), min_value=jobs.FIRST_YEAR, max_value=jobs.LAST_YEAR
    )
    last = forms.IntegerField(
        label=_("To year"), min_value=jobs.FIRST_YEAR, max_value=jobs.LAST_YEAR
    )
    kpis = forms.CharField(
        label=_("Only these KPI ids"),
        required=False,
        help_text=_("Separated by commas or spaces; empty: every key figure with a Kolada id."),
    )

    def clean_kpis(self):
        return [kpi for kpi in self.cleaned_data["kpis"].replace(",", " ").split() if kpi]

    def clean(self):
        data = super().clean() or {}
        if data.get("first") and data.get("last") and data["first"] > data["last"]:
            raise forms.ValidationError(_("The first year comes after the last."))
        return data


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
            path(
                "fetch/",
                self.admin_site.admin_view(self.fetch_view),
                name="followup_indicatorvalue_fetch",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Upload a Kolada-shaped or tabular file of values; whole or nothing."""
        if not request.user.has_perm(jobs.IMPORT_PERMISSION):
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

    def fetch_view(self, request):
        """Ask the worker to fetch values from Kolada; the outcome of each fetch is kept."""
        if not jobs.can_fetch(request.user):
            raise PermissionDenied
        form = KoladaFetchForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            jobs.request_kolada(
                first=data["first"], last=data["last"], kpis=data["kpis"], by=request.user
            )
            messages.success(
                request, _("The fetch is handed to the worker; its outcome appears below.")
            )
            return redirect("admin:followup_indicatorvalue_fetch")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "jobs": Job.objects.filter(kind=Job.Kind.KOLADA).select_related("requested_by")[:20],
            "title": _("Fetch key figure values from Kolada"),
        }
        return TemplateResponse(request, "admin/followup/indicatorvalue/fetch.html", context)


class ReminderInline(admin.TabularInline):
    """The reminders sent for the round: when, to which department, at which step."""

    model = Reminder
    readonly_fields = ("sent_at", "department", "step", "recipients")
    fields = readonly_fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("reminders sent")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("department")


@admin.register(FollowupRound)
class FollowupRoundAdmin(CheckboxesMixin, HistoryAdmin):
    list_display = ["year", "deadline", "phase", "is_open", "department_count"]
    readonly_fields = ["not_submitted", "exports"]
    actions = ["send_reminders"]
    checkbox_fields = ("departments",)
    inlines = [ReminderInline]

    def get_urls(self):
        return [
            path(
                "<int:pk>/export/",
                self.admin_site.admin_view(self.export_view),
                name="followup_followupround_export",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request, pk):
        """Ask the worker for the annual export of the round's year (POST, from the
        buttons on the round's page); the file is offered there when it is ready."""
        round_ = get_object_or_404(FollowupRound, pk=pk)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        try:
            # A button's value is the format, or format:language ("pdf:en").
            fmt, _colon, language = request.POST.get("format", "").partition(":")
            jobs.request_export(round_=round_, fmt=fmt, by=request.user, language=language or None)
        except PermissionDenied:
            raise
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The export is being built. It appears below when it is ready; reload the page."),
            )
        return redirect(
            reverse("admin:followup_followupround_change", args=[round_.pk]) + "#exports"
        )

    @admin.display(description=_("annual export"))
    def exports(self, round_):
        if not round_.pk:
            return "–"
        action = reverse("admin:followup_followupround_export", args=[round_.pk])
        return render_to_string(
            "admin/followup/followupround/exports.html",
            {"action": action, "jobs": round_.jobs.select_related("requested_by")[:10]},
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
            for round_ in queryset:
                reminders.request_manual(round_=round_, by=request.user)
        except PermissionDenied as error:
            messages.error(request, str(error))
            return
        messages.success(
            request,
            _(
                "The reminders are handed to the worker; the outbox shows each e-mail and "
                "the round's page the departments reminded."
            ),
        )


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Exports and Kolada fetches: who asked, when, how far they got, and the outcome."""

    list_display = ["requested_at", "kind", "round", "format", "requested_by", "state", "outcome"]
    list_filter = ["kind", "state"]
    list_select_related = ["round", "requested_by"]
    readonly_fields = (
        "kind",
        "round",
        "format",
        "parameters",
        "requested_by",
        "requested_at",
        "state",
        "progress",
        "step",
        "started_at",
        "finished_at",
        "outcome",
        "error",
    )
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "<int:pk>/download/",
                self.admin_site.admin_view(self.download_view),
                name="followup_job_download",
            ),
            *super().get_urls(),
        ]

    def download_view(self, request, pk):
        """The file an export job built; the team's only (the round's view permission)."""
        job = get_object_or_404(Job.objects.select_related("round"), pk=pk)
        if not jobs.can_export(request.user):
            raise PermissionDenied
        if job.state != Job.State.DONE or not job.file:
            raise Http404
        return FileResponse(
            job.file.open("rb"),
            as_attachment=True,
            filename=jobs.download_name(job),
            content_type=jobs.content_type(job),
        )

    @admin.display(description=_("outcome"))
    def outcome(self, job):
        return render_to_string("admin/followup/job/_outcome.html", {"job": job})


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
    fields = [
        "rank",
        "title",
        "description",
        "department",
        "focus_areas",
        "allotted_cost",
        "department_cost",
    ]
    checkbox_fields = ("focus_areas",)


#: The page's actions: the POST's ``action`` → its form.
PRIORITISATION_ACTIONS = {
    "move": forms_module.MoveForm,
    "decide": forms_module.DecisionForm,
    "undo": forms_module.InterventionActionForm,
}


@admin.register(Budget)
class BudgetAdmin(HistoryAdmin):
    list_display = ["name", "year", "amount", "published_on", "prioritisation_link"]
    list_filter = ["year"]
    inlines = [InterventionInline]
    readonly_fields = ["published_on", "ranking"]

    @admin.display(description=_("ranked interventions against the budget"))
    def ranking(self, budget):
        if not budget.pk:
            return "–"
        return render_to_string(
            "followup/_ranking.html",
            {
                "ranking": prioritisation.ranking(budget=budget),
                "prioritisation_url": reverse(
                    "admin:followup_budget_prioritisation", args=[budget.pk]
                ),
            },
        )

    @admin.display(description=_("prioritisation"))
    def prioritisation_link(self, budget):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:followup_budget_prioritisation", args=[budget.pk]),
            _("Rank and decide"),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/prioritering/",
                self.admin_site.admin_view(self.prioritisation_view),
                name="followup_budget_prioritisation",
            ),
            *super().get_urls(),
        ]

    def prioritisation_view(self, request, pk):
        """The steering group's page: the ranking against the allotted budget, moved up and
        down without retyping ranks, each intervention's decision steps, and publication."""
        if not services.may_prioritise(request.user):
            raise PermissionDenied
        budget = get_object_or_404(Budget, pk=pk)
        errors: list[str] = []
        if request.method == "POST":
            try:
                message = self._prioritisation_action(request, budget)
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(request, message)
                return redirect(request.path)
        ranking = prioritisation.ranking(budget=budget)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Prioritisation: %(budget)s") % {"budget": budget},
            "budget": budget,
            "ranking": ranking,
            "rows": [
                (row, services.NEXT_STEP.get(Intervention.Status(row.intervention.status)))
                for row in ranking.rows
            ],
            "errors": errors,
            "today": timezone.localdate(),
            "may_publish": request.user.has_perm("followup.change_budget"),
            "change_url": reverse("admin:followup_budget_change", args=[budget.pk]),
        }
        return TemplateResponse(request, "admin/followup/budget/prioritisation.html", context)

    def _prioritisation_action(self, request, budget) -> str:
        """Carry out the POST's action; a ValidationError says what was wrong."""
        action = request.POST.get("action", "")
        if action == "publish":
            publishing = forms_module.PublishForm(request.POST)
            publishing.is_valid()
            publish = publishing.cleaned_data.get("publish", False)
            services.budget_publish(budget=budget, publish=publish, by=request.user)
            return str(
                _("The decided interventions are public.")
                if publish
                else _("The decided interventions are no longer public.")
            )
        if action not in PRIORITISATION_ACTIONS:
            raise ValidationError(_("Unknown action; open the page again."))
        form = PRIORITISATION_ACTIONS[action](request.POST, budget=budget)
        if not form.is_valid():
            raise ValidationError(
                [
                    f"{form.fields[name].label}: {message}" if name in form.fields else message
                    for name, field_errors in form.errors.items()
                    for message in field_errors
                ]
            )
        intervention = form.cleaned_data["intervention"]
        if action == "move":
            services.intervention_move(
                intervention=intervention,
                position=form.cleaned_data["position"],
                by=request.user,
            )
            return _("“%(title)s” moved to place %(position)d.") % {
                "title": intervention.title,
                "position": min(form.cleaned_data["position"], budget.interventions.count()),
            }
        if action == "decide":
            decision = services.intervention_decide(
                intervention=intervention,
                status=form.cleaned_data["status"],
                on=form.cleaned_data["on"],
                meeting=form.cleaned_data["meeting"],
                by=request.user,
            )
            return _("“%(title)s”: %(decision)s.") % {
                "title": intervention.title,
                "decision": decision,
            }
        services.intervention_undo_decision(intervention=intervention, by=request.user)
        return _("“%(title)s”: the latest decision is taken back.") % {"title": intervention.title}
