"""The invitation link's token: Django's password-reset token with a salt of its own (a
reset link is no invitation, nor the other way round). It is good once: setting the
password changes what it was made from. It expires after PASSWORD_RESET_TIMEOUT, and only
the newest invitation's link works: sending again ends the older ones."""

from typing import Any

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.tokens.InvitationTokenGenerator"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        from .models import Invitation

        newest = (
            Invitation.objects.filter(ambassador__user=user)
            .order_by("-pk")
            .values_list("pk", flat=True)
            .first()
        )
        return f"{super()._make_hash_value(user, timestamp)}{newest}"


invitation_tokens = InvitationTokenGenerator()
