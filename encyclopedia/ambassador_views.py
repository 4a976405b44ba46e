"""The ambassadors' encyclopedia pages: write, change and submit entries for their own
department, and read every entry of the network in any state (ambassadors.review_views)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ambassadors.review_views import ContentPages
from programme.models import Programme

from .forms import EntryForm, SourceFormSet
from .models import Entry


class EntryPages(ContentPages[Entry]):
    model = Entry
    template_dir = "encyclopedia/ambassador"
    namespace = "encyclopedia-ambassador"
    name = "entry"
    rows_name = "sources"
    rows_formset = SourceFormSet
    created = _("The entry is saved as a draft.")
    saved = _("Your changes are saved.")

    def mine(self, departments):
        return Q(department__in=departments)

    def queryset(self):
        return Entry.objects.select_related("department").prefetch_related("nodes", "sources")

    def form(self, request, instance=None):
        policy = self.model.review_policy
        return EntryForm(
            request.POST or None,
            instance=instance,
            programme=Programme.objects.current(),
            departments=policy.departments_for(request.user),
            department_required=not policy.is_team(request.user),
        )


pages = EntryPages()
