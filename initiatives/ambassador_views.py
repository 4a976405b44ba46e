"""The ambassadors' own pages: their department's initiatives, the whole network's, and
the form to log, change and submit an initiative. Every view checks rights on the server."""

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
from .forms import InitiativeForm, link_formset
from .models import Initiative

policy = Initiative.review_policy


@ambassador_required
def overview(request: AmbassadorRequest) -> HttpResponse:
    """My departments' initiatives in every state, then the rest of the network's."""
    departments = request.ambassador_departments
    mine, others = mine_and_others(
        Initiative.objects.select_related("lead_department"),
        Q(lead_department__in=departments) | Q(partner_departments__in=departments),
    )
    return render(request, "initiatives/ambassador/overview.html", {"mine": mine, "others": others})


@ambassador_required
def initiative_view(request: AmbassadorRequest, pk: int) -> HttpResponse:
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
        {"initiative": initiative, "can_edit": policy.can_edit(request.user, initiative)},
    )


def _form(request: AmbassadorRequest, instance: Initiative | None = None) -> InitiativeForm:
    return InitiativeForm(
        request.POST or None,
        request.FILES or None,
        instance=instance,
        programme=Programme.objects.current(),
        lead_departments=policy.departments_for(request.user),
    )


@ambassador_required
def initiative_create(request: AmbassadorRequest) -> HttpResponse:
    form = _form(request)
    links = link_formset(request.POST or None)
    initiative = save_through(
        request,
        form,
        lambda: services.initiative_create(
            initiative=form.save(commit=False),
            relations=form.relations(),
            links=links.links(),
            by=request.user,
        ),
        success=_("The initiative is saved as a draft."),
        also=[links],
    )
    if initiative is not None:
        return redirect("ambassador:initiative", pk=initiative.pk)
    return render(request, "initiatives/ambassador/form.html", {"form": form, "links": links})


@ambassador_required
def initiative_edit(request: AmbassadorRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(Initiative, pk=pk)
    if not policy.can_edit(request.user, initiative):
        raise PermissionDenied(policy.not_yours_to_change)
    form = _form(request, instance=initiative)
    links = link_formset(request.POST or None, initiative=initiative)
    saved = save_through(
        request,
        form,
        lambda: services.initiative_update(
            initiative_id=initiative.pk,
            expected_version=form.cleaned_data["version"],
            changes=form.changes(),
            relations=form.relations(),
            links=links.links(),
            by=request.user,
        ),
        success=_("Your changes are saved."),
        also=[links],
    )
    if saved is not None:
        return redirect("ambassador:initiative", pk=initiative.pk)
    return render(
        request,
        "initiatives/ambassador/form.html",
        {"form": form, "links": links, "initiative": initiative},
    )


@require_POST
@ambassador_required
def initiative_submit(request: AmbassadorRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(Initiative, pk=pk)
    return submit_and_redirect(request, initiative, reverse("ambassador:initiative", args=[pk]))
