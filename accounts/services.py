"""Inviting a new ambassador: the account, the ambassador record and the invitation mail
in one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from ambassadors.models import Ambassador, Department
from notifications import services as notifications
from notifications.models import Kind

from .models import Invitation
from .tokens import invitation_tokens

if TYPE_CHECKING:
    from django.contrib.auth.models import User as AccountUser


def invitation_path(user: AccountUser) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("invitation", args=[uid, invitation_tokens.make_token(user)])


@transaction.atomic
def ambassador_invite(
    *,
    name: str,
    email: str,
    departments: Iterable[Department],
    by: Any,
    title: str = "",
) -> Invitation:
    """Create the person's account (no password yet) and ambassador record for
    ``departments``, and send them an invitation to set a password. An address that
    already has an account gets its ambassador record on that account; one that is an
    ambassador already is refused."""
    if not by.has_perm("ambassadors.add_ambassador"):
        raise PermissionDenied(_("Only the team invites ambassadors."))
    departments = list(departments)
    if not departments:
        raise ValidationError({"departments": _("Choose at least one department.")})
    accounts = get_user_model().objects
    email = accounts.normalize_email(email).strip()
    user = accounts.filter(email__iexact=email).first()
    if user is not None and Ambassador.objects.filter(user=user).exists():
        raise ValidationError(
            {"email": _("%(email)s is an ambassador already.") % {"email": email}}
        )
    if user is None:
        if accounts.filter(username__iexact=email).exists():
            raise ValidationError({"email": _("An account is named %(email)s.") % {"email": email}})
        user = get_user_model()(username=email.lower(), email=email)
        user.set_unusable_password()
        user.full_clean()
        user.save()
    ambassador = Ambassador(user=user, name=name.strip(), email=email, title=title.strip())
    ambassador.full_clean()
    ambassador.save()
    ambassador.departments.set(departments)
    return _send(ambassador, by=by)


def invitation_resend(invitation: Invitation, *, by: Any) -> Invitation:
    """A new invitation to the same person; the older links stop working."""
    if not by.has_perm("ambassadors.add_ambassador"):
        raise PermissionDenied(_("Only the team invites ambassadors."))
    if invitation.ambassador.user.has_usable_password():
        raise ValidationError(
            _("%(email)s has set a password already.") % {"email": invitation.email}
        )
    return _send(invitation.ambassador, by=by)


def _send(ambassador: Ambassador, *, by: Any) -> Invitation:
    invitation = Invitation.objects.create(
        ambassador=ambassador, email=ambassador.email, invited_by=by if by.pk else None
    )
    departments = ", ".join(department.name for department in ambassador.departments.all())
    notifications.queue(
        Kind.INVITATION,
        recipients=[
            notifications.Recipient(
                user=ambassador.user,
                email=ambassador.email,
                reason=_("You are invited as an ambassador of %(departments)s.")
                % {"departments": departments},
            )
        ],
        template="invitation",
        context={
            "name": ambassador.name,
            "by": notifications.display_name(by),
            "departments": departments,
        },
        link=lambda: notifications.absolute(invitation_path(ambassador.user)),
        about=invitation,
    )
    return invitation


def invitation_accepted(user: AccountUser) -> None:
    """The person set their password through an invitation."""
    Invitation.objects.filter(ambassador__user=user, accepted_at__isnull=True).update(
        accepted_at=timezone.now()
    )
