"""Writes to the ambassador network that are more than a form's save."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Ambassador


@transaction.atomic
def ambassadors_deactivate(ambassadors: Iterable[Ambassador], *, by: Any) -> int:
    """The people leave the network: their ambassador records and, unless they are staff
    as well, their accounts become inactive, so their sessions end at the next request
    (an inactive account is no longer a logged-in user). Their departments' initiatives,
    entries and reports stay. Returns how many were active."""
    if not by.has_perm("ambassadors.change_ambassador"):
        raise PermissionDenied(_("Only the team changes the network."))
    done = 0
    for ambassador in ambassadors:
        if not ambassador.is_active:
            continue
        ambassador.is_active = False
        ambassador.save(update_fields=["is_active"])
        user = ambassador.user
        if user is not None and user.is_active and not user.is_staff:
            user.is_active = False
            user.save(update_fields=["is_active"])
        done += 1
    return done
