from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import CheckboxesMixin, HistoryAdmin

from . import services
from .models import Ambassador, Department, TeamMember


class AmbassadorCoverageFilter(admin.SimpleListFilter):
    """The team's check that every department and company has an ambassador."""

    title = _("ambassadors")
    parameter_name = "coverage"

    def lookups(self, request, model_admin):
        return [("missing", _("No active ambassador")), ("covered", _("Has an ambassador"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(ambassador_count=0)
        if self.value() == "covered":
            return queryset.filter(ambassador_count__gt=0)
        return queryset


@admin.register(Department)
class DepartmentAdmin(HistoryAdmin):
    list_display = ["name", "short_name", "kind", "is_active", "ambassador_count"]
    list_filter = ["kind", "is_active", AmbassadorCoverageFilter]
    search_fields = ["name", "name_en", "short_name"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_ambassador_count()

    @admin.display(description=_("active ambassadors"), ordering="ambassador_count")
    def ambassador_count(self, department):
        return department.ambassador_count


@admin.register(Ambassador)
class AmbassadorAdmin(CheckboxesMixin, HistoryAdmin):
    list_display = ["name", "title", "email", "is_public", "is_active", "last_login"]
    list_filter = ["is_public", "is_active", "departments"]
    search_fields = ["name", "email", "title", "user__username"]
    checkbox_fields = ("departments",)
    actions = ["deactivate"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    @admin.action(
        description=_("Deactivate the selected ambassadors (their sessions end)"),
        permissions=["change"],
    )
    def deactivate(self, request, queryset):
        done = services.ambassadors_deactivate(queryset.select_related("user"), by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d ambassador deactivated; the initiatives stay.",
                "%(count)d ambassadors deactivated; the initiatives stay.",
                done,
            )
            % {"count": done},
        )

    @admin.display(description=_("last login"), ordering="user__last_login")
    def last_login(self, ambassador):
        return ambassador.user.last_login if ambassador.user_id else None


@admin.register(TeamMember)
class TeamMemberAdmin(HistoryAdmin):
    list_display = ["name", "role", "is_public", "is_active"]
    list_filter = ["role", "is_public", "is_active"]
    search_fields = ["name", "email"]
