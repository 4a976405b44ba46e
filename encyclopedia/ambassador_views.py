"""The ambassadors' encyclopedia pages: write, change and submit entries for their own
department, and read every entry of the network in any state. Rights are checked on the
server, here and again in the services."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ambassadors.permissions import AmbassadorRequest, ambassador_required
from ambassadors.review_views import mine_and_others, save_through, submit_and_redirect
from programme.models import Programme

from . import services
from .forms import EntryForm, source_formset
from .models import Entry

policy = Entry.review_policy


@ambassador_required
def overview(request: AmbassadorRequest) -> HttpResponse:
    """My departments' entries in every state, then the rest of the network's."""
    mine, others = mine_and_others(
        Entry.objects.select_related("department"),
        Q(department__in=request.ambassador_departments),
    )
    return render(
        request, "encyclopedia/ambassador/overview.html", {"mine": mine, "others": others}
    )


@ambassador_required
def entry_view(request: AmbassadorRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(
        Entry.objects.select_related("department").prefetch_related("nodes", "sources"), pk=pk
    )
    return render(
        request,
        "encyclopedia/ambassador/entry.html",
        {"entry": entry, "can_edit": policy.can_edit(request.user, entry)},
    )


def _form(request: AmbassadorRequest, instance: Entry | None = None) -> EntryForm:
    return EntryForm(
        request.POST or None,
        instance=instance,
        programme=Programme.objects.current(),
        departments=policy.departments_for(request.user),
        department_required=not policy.is_team(request.user),
    )


@ambassador_required
def entry_create(request: AmbassadorRequest) -> HttpResponse:
    form = _form(request)
    sources = source_formset(request.POST or None)
    entry = save_through(
        request,
        form,
        lambda: services.entry_create(
            entry=form.save(commit=False),
            relations=form.relations(),
            sources=sources.sources(),
            by=request.user,
        ),
        success=_("The entry is saved as a draft."),
        also=[sources],
    )
    if entry is not None:
        return redirect("encyclopedia-ambassador:entry", pk=entry.pk)
    return render(request, "encyclopedia/ambassador/form.html", {"form": form, "sources": sources})


@ambassador_required
def entry_edit(request: AmbassadorRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(Entry, pk=pk)
    if not policy.can_edit(request.user, entry):
        raise PermissionDenied(policy.not_yours_to_change)
    form = _form(request, instance=entry)
    sources = source_formset(request.POST or None, entry=entry)
    saved = save_through(
        request,
        form,
        lambda: services.entry_update(
            entry_id=entry.pk,
            expected_version=form.cleaned_data["version"],
            changes=form.changes(),
            relations=form.relations(),
            sources=sources.sources(),
            by=request.user,
        ),
        success=_("Your changes are saved."),
        also=[sources],
    )
    if saved is not None:
        return redirect("encyclopedia-ambassador:entry", pk=entry.pk)
    return render(
        request,
        "encyclopedia/ambassador/form.html",
        {"form": form, "sources": sources, "entry": entry},
    )


@require_POST
@ambassador_required
def entry_submit(request: AmbassadorRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(Entry, pk=pk)
    return submit_and_redirect(request, entry, reverse("encyclopedia-ambassador:entry", args=[pk]))
