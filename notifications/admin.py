from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Kind, Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The outbox, for reading: what was sent to whom and why, and what failed."""

    list_display = ["queued_at", "kind", "to", "subject", "state", "attempts", "sent_at"]
    list_filter = ["state", "kind", "language"]
    search_fields = ["to", "subject"]
    date_hierarchy = "queued_at"
    list_select_related = ["recipient"]
    actions = ["send_again"]
    readonly_fields = (
        "kind",
        "state",
        "recipient",
        "to",
        "reason",
        "language",
        "subject",
        "shown_body",
        "shown_link",
        "queued_at",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_error",
    )
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    # An invitation's link lets whoever holds it choose the person's password: it is in
    # the e-mail, never on the outbox's page.
    HIDDEN_LINK = _("(in the e-mail only: it lets the person choose a password)")

    @admin.display(description=_("text"))
    def shown_body(self, notification):
        if notification.kind == Kind.INVITATION and notification.link:
            return notification.body.replace(notification.link, str(self.HIDDEN_LINK))
        return notification.body

    @admin.display(description=_("link"))
    def shown_link(self, notification):
        if notification.kind == Kind.INVITATION:
            return self.HIDDEN_LINK
        return notification.link

    def has_delete_permission(self, request, obj=None):
        return False  # the outbox is the record of what was said

    @admin.action(
        description=_("Try the selected failed e-mails again now"), permissions=["change"]
    )
    def send_again(self, request, queryset):
        count = services.retry(queryset.exclude(state=Notification.State.SENT))
        messages.success(
            request,
            ngettext(
                "%(count)d e-mail handed to the worker.",
                "%(count)d e-mails handed to the worker.",
                count,
            )
            % {"count": count},
        )
