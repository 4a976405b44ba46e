from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from core.admin import CheckboxesMixin, HistoryAdmin, ReviewAdmin

from . import reminders, services
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
    readonly_fields = ["not_submitted", "phase_check"]  # annualreport.admin adds the exports
    actions = ["send_reminders"]
    checkbox_fields = ("departments",)
    inlines = [ReminderInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("departments")

    @admin.display(description=_("departments"))
    def department_count(self, round_):
        return len(round_.departments.all())

    @admin.display(description=_("the deadline and the planning year"))
    def phase_check(self, round_):
        return round_.phase_hint or _("The deadline falls in the step's months.")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.phase_hint:
            messages.warning(request, obj.phase_hint)

    @admin.display(description=_("not submitted yet"))
    def not_submitted(self, round_):
        if not round_.pk:
            return "–"
        missing = services.round_missing_departments(round_)
        if not missing:
            if not round_.departments.exists():
                return _("No department reports in this round yet.")
            return _("None: every department has submitted.")
        return format_html_join(", ", "{}", ((d.name,) for d in missing))

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
