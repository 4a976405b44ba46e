"""The ambassadors' encyclopedia pages: write, change and submit entries for their own
department, and read every entry of the network in any state. Rights are checked on the
server, here and again in the services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ambassadors.models import Department
from initiatives.ambassador_views import ambassador_required
from programme.models import Programme

from . import permissions, services
from .forms import EntryForm, source_formset
from .models import Entry


@ambassador_required
def overview(request):
    """My departments' entries in every state, then the rest of the network's."""
    entries = Entry.objects.select_related("department").order_by("-updated_at")
    mine = list(entries.filter(department__in=request.ambassador_departments))
    others = list(entries.exclude(pk__in=[entry.pk for entry in mine])[:50])
    return render(
        request, "encyclopedia/ambassador/overview.html", {"mine": mine, "others": others}
    )


@ambassador_required
def entry_view(request, pk):
    entry = get_object_or_404(
        Entry.objects.select_related("department").prefetch_related("nodes", "sources"), pk=pk
    )
    return render(
        request,
        "encyclopedia/ambassador/entry.html",
        {"entry": entry, "can_edit": permissions.can_edit(request.user, entry)},
    )


def _form(request, instance=None):
    team = permissions.is_team(request.user)
    return EntryForm(
        request.POST or None,
        instance=instance,
        programme=Programme.objects.current(),
        departments=(
            Department.objects.active()
            if team
            else Department.objects.filter(pk__in=request.ambassador_departments)
        ),
        department_required=not team,
    )


@ambassador_required
def entry_create(request):
    form = _form(request)
    sources = source_formset(request.POST or None)
    if request.method == "POST" and all([form.is_valid(), sources.is_valid()]):
        try:
            entry = services.entry_create(
                entry=form.save(commit=False),
                relations=form.relations(),
                sources=sources.sources(),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The entry is saved as a draft."))
            return redirect("encyclopedia-ambassador:entry", pk=entry.pk)
    return render(request, "encyclopedia/ambassador/form.html", {"form": form, "sources": sources})


@ambassador_required
def entry_edit(request, pk):
    entry = get_object_or_404(Entry, pk=pk)
    if not permissions.can_edit(request.user, entry):
        raise PermissionDenied(_("You can only change your own department's entries."))
    form = _form(request, instance=entry)
    sources = source_formset(request.POST or None, entry=entry)
    if request.method == "POST" and all([form.is_valid(), sources.is_valid()]):
        try:
            services.entry_update(
                entry_id=entry.pk,
                expected_version=form.cleaned_data["version"],
                changes=form.changes(),
                relations=form.relations(),
                sources=sources.sources(),
                by=request.user,
            )
        except services.EditConflictError:
            form.add_error(
                None,
                _(
                    "Someone else saved this entry while you edited it. Your changes are not "
                    "saved: open it again to see theirs."
                ),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("encyclopedia-ambassador:entry", pk=entry.pk)
    return render(
        request,
        "encyclopedia/ambassador/form.html",
        {"form": form, "sources": sources, "entry": entry},
    )


@require_POST
@ambassador_required
def entry_submit(request, pk):
    entry = get_object_or_404(Entry, pk=pk)
    try:
        services.entry_submit(entry=entry, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Sent to the quality-of-life team for review."))
    return redirect("encyclopedia-ambassador:entry", pk=entry.pk)
