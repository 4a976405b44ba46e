"""The header's account links: who is logged in, their pages, the admin, logging out."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from ambassadors.models import Ambassador
from ambassadors.permissions import may_use_ambassador_pages


def _account(request: HttpRequest) -> dict[str, Any] | None:
    user = getattr(request, "user", None)  # absent on a page answered before the auth middleware
    if user is None or not user.is_authenticated:
        return None
    ambassador = Ambassador.objects.filter(user=user, is_active=True).only("name").first()
    name = ambassador.name if ambassador else (user.get_full_name() or user.get_username())
    return {
        "name": name,
        "is_ambassador": may_use_ambassador_pages(
            user, getattr(request, "ambassador_departments", None)
        ),
        "is_staff": user.is_staff,
    }


def account(request: HttpRequest) -> dict[str, Any]:
    """``account``: None for a visitor; else the name and which pages they have (read
    only when a template shows it, and never for an anonymous visitor)."""
    return {"account": SimpleLazyObject(lambda: _account(request))}
