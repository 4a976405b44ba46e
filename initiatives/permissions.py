"""Who may do what with an initiative: the team reviews any, an ambassador writes for the
departments they represent. Checked on the server by every service and view."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from ambassadors.permissions import DepartmentPolicy


class InitiativePolicy(DepartmentPolicy):
    team_permission = "initiatives.review_initiative"
    department_field = "lead_department"
    refused = _("The initiative is “%(state)s” and cannot become “%(action)s” now.")
    not_yours_to_change = _("You can only change your own department's initiatives.")
    not_yours_to_submit = _("You can only submit your own department's initiatives.")
    not_yours_to_lead = _("You can only log initiatives for your own department.")
    team_only_accepts = _("Only the team publishes initiatives.")
    team_only_returns = _("Only the team returns initiatives.")
    conflict = _("Someone else saved this initiative while you edited it.")
    returned = _("The initiative is returned to its department.")
    accept_description = _("Publish the selected submitted initiatives")
    accepted_count = ngettext_lazy(
        "Published %(count)d initiative.", "Published %(count)d initiatives.", "count"
    )
    change_sent = _(
        "Your change is sent to the quality-of-life team. The public page shows the published "
        "version until the team publishes your change."
    )
