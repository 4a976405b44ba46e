from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from core.admin import CheckboxesMixin, HistoryAdmin, ReviewAdmin

from . import export_job, reminders, services
from .models import Assessment, DepartmentReport, FollowupRound, Reminder


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
            export_job.request_export(
                round_=round_, fmt=fmt, by=request.user, language=language or None
            )
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
