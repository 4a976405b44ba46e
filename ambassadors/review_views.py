"""The ambassadors' pages of every moderated type, and their helpers: the list of my
departments' work beside the network's, saving a form through a service (a conflict or a
refusal shown once, on the form), and submitting for review."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.functional import Promise
from django.views.decorators.http import require_POST

from core import review
from core.forms import RowFormSet

from .permissions import AmbassadorRequest, ambassador_required

if TYPE_CHECKING:
    from django.forms.formsets import BaseFormSet

#: How many of the rest of the network's objects the overview lists.
NETWORK_LIMIT = 50


def mine_and_others[M: review.Reviewable](
    objects: QuerySet[M], mine: Q, *, limit: int = NETWORK_LIMIT
) -> tuple[list[M], list[M]]:
    """``objects`` that match ``mine`` (my departments', in every state), then the newest
    ``limit`` of the rest of the network's: ambassadors learn from each other. Two queries.
    ``mine`` matches each object once (an EXISTS, not a join, for a many-to-many)."""
    objects = objects.order_by("-updated_at")
    own = list(objects.filter(mine))
    others = list(objects.exclude(pk__in=[obj.pk for obj in own])[:limit])
    return own, others


def save_through[T](
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[], T],
    *,
    success: str | Callable[[T], str],
    also: Iterable[forms.BaseForm | BaseFormSet] = (),
) -> T | None:
    """On a POST whose ``form`` and the forms or formsets ``also`` are all valid, ``save()``
    (a service call) and queue ``success`` (or what it says of the saved object); return
    what it saved. A version conflict or a
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
        messages.success(request, success(saved) if callable(success) else success)
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


class ContentPages[M: review.Reviewable]:
    """The ambassador pages of a moderated type written with a form and a formset of rows
    (an initiative's links, an entry's sources): the overview of my departments' objects
    beside the network's, an object's page, create, edit and submit. Every view checks
    rights on the server, and the services check them again.

    The pages of a type name the model, its templates and URL names, and its form (a
    core.forms.ContentForm that takes the ``departments`` the user may write for) and rows;
    they are saved through the type's registered services (core.review.ModeratedType):
    ``form.save(commit=False)``, ``form.relations()`` and ``form.changes()``, the rows'
    ``rows()``. A simple type declares them as arguments (``ContentPages(model=Tip,
    form_class=TipForm, ...)``); a type with more to it overrides the methods below.
    """

    model: type[M]
    template_dir: str  # "initiatives/ambassador": overview, detail, form templates
    namespace: str  # the URL namespace of these pages
    name: str  # "initiative": the object's name in URL names and templates
    rows_name: str = "rows"  # "links": the rows' relation, the formset's name in templates
    rows_formset: type[RowFormSet] | None = None  # a type without inline rows has none
    created: str | Promise
    saved: str | Promise
    #: Whether every ambassador may read an object (initiatives and entries: ambassadors
    #: learn from each other), or only those who may edit it (a department's report).
    shared_with_network: bool = True
    form_class: Callable[..., forms.ModelForm]

    def __init__(self, **declared: Any) -> None:
        for name, value in declared.items():
            if not hasattr(type(self), name) and name not in type(self).__annotations__:
                raise TypeError(f"ContentPages has no {name!r}")
            setattr(self, name, value)

    def mine(self, departments: set[int]) -> Q:
        """My departments' objects (the policy's owning department among ``departments``)."""
        department_field = getattr(self.model.review_policy, "department_field", "department")
        return Q(**{f"{department_field}__in": departments})

    def queryset(self) -> QuerySet[M]:
        return self.model._default_manager.all()

    def listed(self) -> QuerySet[M]:
        """What the overview lists (the queryset, unless a type keeps some objects out)."""
        return self.queryset()

    def saved_message(self, obj: M) -> str:
        """What the writer is told after saving ``obj``."""
        return str(self.saved)

    def form(self, request: AmbassadorRequest, instance: M | None = None) -> forms.ModelForm:
        departments = self.model.review_policy.departments_for(request.user)  # type: ignore[attr-defined]
        return self.form_class(
            request.POST or None, request.FILES or None, instance=instance, departments=departments
        )

    def rows(self, request: AmbassadorRequest, instance: M | None = None) -> RowFormSet | None:
        if self.rows_formset is None:
            return None
        existing = getattr(instance, self.rows_name).all() if instance is not None else []
        return self.rows_formset.of(request.POST or None, existing, prefix=self.rows_name)

    def create(self, request: AmbassadorRequest, form: Any, rows: Any) -> M:
        return review.moderated_type(self.model).create_content(
            form.save(commit=False),
            relations=form.relations(),
            rows=rows.rows() if rows is not None else [],
            by=request.user,
        )

    def update(self, request: AmbassadorRequest, obj: M, form: Any, rows: Any) -> M:
        return review.moderated_type(self.model).update_content(
            obj.pk,
            expected_version=form.cleaned_data["version"],
            changes=form.changes(),
            relations=form.relations(),
            rows=rows.rows() if rows is not None else [],
            by=request.user,
        )

    def url(self, view: str, obj: M) -> str:
        return reverse(f"{self.namespace}:{self.name}{view}", args=[obj.pk])

    def overview(self, request: AmbassadorRequest) -> HttpResponse:
        """My departments' objects in every state, then the rest of the network's."""
        mine, others = mine_and_others(self.listed(), self.mine(request.ambassador_departments))
        return render(
            request, f"{self.template_dir}/overview.html", {"mine": mine, "others": others}
        )

    def detail_context(self, obj: M) -> dict[str, Any]:
        """What the object's page shows besides the object (a report's assessments)."""
        return {}

    def detail(self, request: AmbassadorRequest, pk: int) -> HttpResponse:
        """Any object of the network, in progress too: ambassadors learn from each other
        (unless the type is not ``shared_with_network``)."""
        obj = get_object_or_404(self.queryset(), pk=pk)
        policy = self.model.review_policy
        can_edit = policy.can_edit(request.user, obj)
        if not can_edit and not self.shared_with_network:
            raise PermissionDenied(policy.not_yours_to_see)
        return render(
            request,
            f"{self.template_dir}/{self.name}.html",
            {self.name: obj, "can_edit": can_edit, **self.detail_context(obj)},
        )

    def create_view(self, request: AmbassadorRequest) -> HttpResponse:
        return self._form_page(request, None)

    def edit_view(self, request: AmbassadorRequest, pk: int) -> HttpResponse:
        obj = get_object_or_404(self.queryset(), pk=pk)
        policy = self.model.review_policy
        if not policy.can_edit(request.user, obj):
            raise PermissionDenied(policy.not_yours_to_change)
        return self._form_page(request, obj)

    def submit_view(self, request: AmbassadorRequest, pk: int) -> HttpResponse:
        obj = get_object_or_404(self.model, pk=pk)
        if not self.shared_with_network and not self.model.review_policy.can_edit(
            request.user, obj
        ):
            raise PermissionDenied(self.model.review_policy.not_yours_to_submit)
        return submit_and_redirect(request, obj, self.url("", obj))

    def _form_page(self, request: AmbassadorRequest, obj: M | None) -> HttpResponse:
        form, rows = self.form(request, obj), self.rows(request, obj)
        saved = save_through(
            request,
            form,
            lambda: (
                self.create(request, form, rows)
                if obj is None
                else self.update(request, obj, form, rows)
            ),
            success=self.saved_message if obj else str(self.created),
            also=[rows] if rows is not None else [],
        )
        if saved is not None:
            return redirect(self.url("", saved))
        context = {"form": form, self.rows_name: rows, self.name: obj}
        return render(request, f"{self.template_dir}/form.html", context)

    def urls(self, prefix: str = "") -> list[URLPattern]:
        """The pages' addresses, under ``prefix`` (the overview at the root)."""
        name = self.name
        return [
            path("", ambassador_required(self.overview), name="overview"),
            path(f"{prefix}ny/", ambassador_required(self.create_view), name=f"{name}-create"),
            path(f"{prefix}<int:pk>/", ambassador_required(self.detail), name=name),
            path(
                f"{prefix}<int:pk>/andra/",
                ambassador_required(self.edit_view),
                name=f"{name}-edit",
            ),
            path(
                f"{prefix}<int:pk>/skicka-in/",
                require_POST(ambassador_required(self.submit_view)),
                name=f"{name}-submit",
            ),
        ]
