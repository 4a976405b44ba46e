from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import kinds, selectors
from .models import Job


class KindFilter(admin.SimpleListFilter):
    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return kinds.choices()

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Exports and fetches: who asked, when, how far they got, and the outcome."""

    list_display = ["requested_at", "kind_label", "concerns", "format", "requested_by", "state"]
    list_display += ["outcome"]
    list_filter = [KindFilter, "state"]
    list_select_related = ["requested_by", "subject_type"]
    readonly_fields = (
        "kind_label",
        "concerns",
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

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("subject")

    def get_urls(self):
        return [
            path(
                "<int:pk>/download/",
                self.admin_site.admin_view(self.download_view),
                name="jobs_job_download",
            ),
            *super().get_urls(),
        ]

    def download_view(self, request, pk):
        """The file a job built, for those its kind lets download it."""
        job = get_object_or_404(Job, pk=pk)
        if not kinds.get(job.kind).may_download(request.user):
            raise PermissionDenied
        return selectors.file_response(job)

    @admin.display(description=_("concerns"))
    def concerns(self, job):
        return job.subject if job.subject is not None else "–"

    @admin.display(description=_("kind"))
    def kind_label(self, job):
        return job.get_kind_display()

    @admin.display(description=_("outcome"))
    def outcome(self, job):
        return render_to_string("admin/jobs/job/_outcome.html", {"job": job})
