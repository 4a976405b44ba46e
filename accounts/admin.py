from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .forms import InviteForm
from .models import Invitation


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """The team's invitations of new ambassadors: *Add* invites one (an account without a
    password, the ambassador record and the e-mail); the list shows which were taken up."""

    list_display = ["email", "ambassador", "invited_by", "sent_at", "status", "accepted_at"]
    list_filter = ["sent_at", "accepted_at"]
    search_fields = ["email", "ambassador__name"]
    list_select_related = ["ambassador", "invited_by"]
    readonly_fields = ["ambassador", "email", "invited_by", "sent_at", "accepted_at"]
    actions = ["send_again"]

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("status"))
    def status(self, invitation):
        return invitation.status

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = InviteForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                invitation = services.ambassador_invite(**form.cleaned_data, by=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    _("The invitation is on its way to %(email)s.") % {"email": invitation.email},
                    messages.SUCCESS,
                )
                return redirect("admin:accounts_invitation_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": _("Invite an ambassador"),
        }
        return TemplateResponse(request, "admin/accounts/invitation/invite.html", context)

    @admin.action(description=_("Send the selected invitations again"), permissions=["add"])
    def send_again(self, request, queryset):
        sent = 0
        for invitation in queryset.select_related("ambassador__user"):
            try:
                services.invitation_resend(invitation, by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.WARNING)
            else:
                sent += 1
        self.message_user(
            request,
            ngettext("Sent %(count)d invitation again.", "Sent %(count)d invitations again.", sent)
            % {"count": sent},
        )
