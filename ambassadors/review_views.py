"""View helpers for the ambassadors' pages of every moderated type: the list of my
departments' work beside the network's, saving a form through a service (a conflict or a
refusal shown once, on the form), and submitting for review."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from core import review

if TYPE_CHECKING:
    from django.forms.formsets import BaseFormSet

#: How many of the rest of the network's objects the overview lists.
NETWORK_LIMIT = 50


def mine_and_others[M: review.Reviewable](
    objects: QuerySet[M], mine: Q, *, limit: int = NETWORK_LIMIT
) -> tuple[list[M], list[M]]:
    """``objects`` that match ``mine`` (my departments', in every state), then the newest
    ``limit`` of the rest of the network's: ambassadors learn from each other. Two queries."""
    objects = objects.order_by("-updated_at")
    own = list(objects.filter(mine).distinct())
    others = list(objects.exclude(pk__in=[obj.pk for obj in own])[:limit])
    return own, others


def save_through[T](
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[], T],
    *,
    success: str,
    also: Iterable[forms.BaseForm | BaseFormSet] = (),
) -> T | None:
    """On a POST whose ``form`` and the forms or formsets ``also`` are all valid, ``save()``
    (a service call) and queue ``success``; return what it saved. A version conflict or a
    refusal is put on ``form``, once, and nothing is saved (None). PermissionDenied goes on
    to a 403."""
    if request.method != "POST" or not all([form.is_valid(), *(f.is_valid() for f in also)]):
        return None
    try:
        saved = save()
    except review.EditConflictError as conflict:
        form.add_error(None, conflict.message())
    except ValidationError as error:
        form.add_error(None, error)
    else:
        messages.success(request, success)
        return saved
    return None


def submit_and_redirect(request: HttpRequest, obj: Any, to: str) -> HttpResponse:
    """Submit ``obj`` for review and go back to ``to``, saying how it went."""
    try:
        review.submit(obj, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, str(obj.review_policy.submitted))
    return redirect(to)
