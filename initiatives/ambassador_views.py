"""The ambassadors' own pages: their department's initiatives, the whole network's, and
the form to log, change and submit an initiative. Every view checks rights on the server."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ambassadors.models import Department
from programme.models import Programme

from . import permissions, services
from .forms import InitiativeForm, link_formset
from .models import Initiative


def ambassador_required(view):
    """Logged in, and an active ambassador of an active department, or on the team."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        departments = permissions.departments_of(request.user)
        if not departments and not permissions.is_team(request.user):
            raise PermissionDenied(_("This part is for the ambassador network."))
        request.ambassador_departments = departments
        return view(request, *args, **kwargs)

    return wrapped


def _lead_departments(request):
    if permissions.is_team(request.user):
        return Department.objects.active()
    return Department.objects.filter(pk__in=request.ambassador_departments)


@ambassador_required
def overview(request):
    """My departments' initiatives in every state, then the rest of the network's."""
    mine_filter = Q(lead_department__in=request.ambassador_departments) | Q(
        partner_departments__in=request.ambassador_departments
    )
    network = Initiative.objects.select_related("lead_department").order_by("-updated_at")
    mine = list(network.filter(mine_filter).distinct())
    others = list(network.exclude(pk__in=[i.pk for i in mine])[:50])
    return render(request, "initiatives/ambassador/overview.html", {"mine": mine, "others": others})


@ambassador_required
def initiative_view(request, pk):
    """Any initiative of the network, in progress too: ambassadors learn from each other."""
    initiative = get_object_or_404(
        Initiative.objects.select_related("lead_department").prefetch_related(
            "priorities", "links"
        ),
        pk=pk,
    )
    return render(
        request,
        "initiatives/ambassador/initiative.html",
        {"initiative": initiative, "can_edit": permissions.can_edit(request.user, initiative)},
    )


def _form(request, instance=None):
    return InitiativeForm(
        request.POST or None,
        request.FILES or None,
        instance=instance,
        programme=Programme.objects.current(),
        lead_departments=_lead_departments(request),
    )


def _forms_valid(form, links) -> bool:
    return all([form.is_valid(), links.is_valid()])


@ambassador_required
def initiative_create(request):
    form = _form(request)
    links = link_formset(request.POST or None)
    if request.method == "POST" and _forms_valid(form, links):
        try:
            initiative = services.initiative_create(
                initiative=form.save(commit=False),
                relations=form.relations(),
                links=links.links(),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The initiative is saved as a draft."))
            return redirect("ambassador:initiative", pk=initiative.pk)
    return render(request, "initiatives/ambassador/form.html", {"form": form, "links": links})


@ambassador_required
def initiative_edit(request, pk):
    initiative = get_object_or_404(Initiative, pk=pk)
    if not permissions.can_edit(request.user, initiative):
        raise PermissionDenied(_("You can only change your own department's initiatives."))
    form = _form(request, instance=initiative)
    links = link_formset(request.POST or None, initiative=initiative)
    if request.method == "POST" and _forms_valid(form, links):
        try:
            services.initiative_update(
                initiative_id=initiative.pk,
                expected_version=form.cleaned_data["version"],
                changes=form.changes(),
                relations=form.relations(),
                links=links.links(),
                by=request.user,
            )
        except services.EditConflictError as conflict:
            fields = [
                str(Initiative._meta.get_field(name).verbose_name)
                for name in conflict.changed_fields
            ]
            form.add_error(
                None,
                _(
                    "Someone else saved this initiative while you edited it (changed: "
                    "%(fields)s). Your changes are not saved: open it again to see theirs."
                )
                % {"fields": ", ".join(fields) or _("its review state")},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("ambassador:initiative", pk=initiative.pk)
    return render(
        request,
        "initiatives/ambassador/form.html",
        {"form": form, "links": links, "initiative": initiative},
    )


@require_POST
@ambassador_required
def initiative_submit(request, pk):
    initiative = get_object_or_404(Initiative, pk=pk)
    try:
        services.initiative_submit(initiative=initiative, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Sent to the quality-of-life team for review."))
    return redirect("ambassador:initiative", pk=initiative.pk)
