"""The round's page in the admin with the annual export: buttons that ask the worker for
the export or the annual report PDF of the round's year, and the files it built."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from followup.admin import FollowupRoundAdmin
from followup.models import FollowupRound

from . import export_job

admin.site.unregister(FollowupRound)


@admin.register(FollowupRound)
class FollowupRoundWithExportsAdmin(FollowupRoundAdmin):
    readonly_fields = [*FollowupRoundAdmin.readonly_fields, "exports"]

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
            "admin/annualreport/exports.html",
            {"action": action, "jobs": round_.jobs.select_related("requested_by")[:10]},
        )
