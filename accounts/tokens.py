"""The invitation link's token: Django's password-reset token with a salt of its own (a
reset link is no invitation, nor the other way round). It is good once: setting the
password changes what it was made from. It expires after PASSWORD_RESET_TIMEOUT."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.tokens.InvitationTokenGenerator"


invitation_tokens = InvitationTokenGenerator()
