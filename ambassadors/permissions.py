"""Who acts for which department: the ambassadors' identity and rights, used by every app
whose content a department owns (initiatives, knowledge entries, reports). Checked on the
server by every service and view."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, ClassVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from core import review
from core.review import User

from .models import Department


def departments_of(user: User) -> set[int]:
    """Ids of the active departments the user is an active ambassador of (read fresh, so a
    membership removed mid-session counts at once)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(
        Department.objects.active()
        .filter(ambassadors__user=user, ambassadors__is_active=True)
        .values_list("pk", flat=True)
    )


def may_use_ambassador_pages(user: User, departments: set[int] | None = None) -> bool:
    """Whether ``user`` may use the ambassador pages: an active ambassador of an active
    department (``departments``, when the caller has read them), or a reviewer."""
    if departments is None:
        departments = departments_of(user)
    return bool(departments) or review.is_reviewer(user)


class AmbassadorRequest(HttpRequest):
    """A request that passed :func:`ambassador_required`."""

    ambassador_departments: set[int]


def ambassador_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged in, and an active ambassador of an active department, or on the team. The
    view finds the user's departments in ``request.ambassador_departments``."""

    @wraps(view)
    @login_required
    def wrapped(request: AmbassadorRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        departments = departments_of(request.user)
        if not may_use_ambassador_pages(request.user, departments):
            raise PermissionDenied(_("This part is for the ambassador network."))
        request.ambassador_departments = departments
        return view(request, *args, **kwargs)

    return wrapped


class DepartmentPolicy(review.ReviewPolicy):
    """The review policy of content that a department owns: the team may do everything; an
    ambassador edits and submits the content of their own departments. An object whose
    department is empty (an entry written by the team) is the team's alone."""

    #: The field that names the owning department.
    department_field: ClassVar[str] = "department"

    def can_edit(self, user: User, obj: Any) -> bool:
        department_id = getattr(obj, f"{self.department_field}_id")
        return self.is_team(user) or (
            department_id is not None and department_id in departments_of(user)
        )

    def editable_filter(self, user: User) -> Q:
        return Q(**{f"{self.department_field}__in": departments_of(user)})

    def can_write_for(self, user: User, department: Department | None) -> bool:
        """Whether ``user`` may give ``department`` as the owner (None: the team)."""
        if self.is_team(user):
            return True
        return department is not None and department.pk in departments_of(user)

    def departments_for(self, user: User) -> QuerySet[Department]:
        """The departments ``user`` may act for: every active one for the team."""
        if self.is_team(user):
            return Department.objects.active()
        return Department.objects.filter(pk__in=departments_of(user))
