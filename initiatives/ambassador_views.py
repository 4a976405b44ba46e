"""The ambassadors' own pages for initiatives: their departments' initiatives beside the
whole network's, and the form to log, change and submit one (ambassadors.review_views)."""

from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _

from ambassadors.review_views import ContentPages
from core import review
from programme.models import Programme

from .forms import InitiativeForm, LinkFormSet
from .models import Initiative


class InitiativePages(ContentPages[Initiative]):
    model = Initiative
    template_dir = "initiatives/ambassador"
    namespace = "ambassador"
    name = "initiative"
    rows_name = "links"
    rows_formset = LinkFormSet
    created = _("The initiative is saved as a draft.")
    saved = _("Your changes are saved.")

    def mine(self, departments):
        partner = Initiative.partner_departments.through.objects.filter(
            initiative=OuterRef("pk"), department__in=departments
        )
        return Q(lead_department__in=departments) | Q(Exists(partner))

    def queryset(self):
        return Initiative.objects.select_related(
            "lead_department", "pending_change", "change_of"
        ).prefetch_related("priorities", "links")

    def listed(self):
        return self.queryset().originals()

    def edit_view(self, request, pk):
        # A department changes a published initiative through its one pending change.
        obj = get_object_or_404(Initiative.objects.select_related("pending_change"), pk=pk)
        change = obj.pending
        if change is not None and not self.model.review_policy.is_team(request.user):
            return redirect(self.url("-edit", change))
        return super().edit_view(request, pk)

    def saved_message(self, obj):
        if obj.is_change and obj.state == review.State.SUBMITTED:
            return self.model.review_policy.change_sent
        return super().saved_message(obj)

    def form(self, request, instance=None):
        return InitiativeForm(
            request.POST or None,
            request.FILES or None,
            instance=instance,
            programme=Programme.objects.current(),
            lead_departments=self.model.review_policy.departments_for(request.user),
        )


pages = InitiativePages()
