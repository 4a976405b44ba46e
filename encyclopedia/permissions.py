"""Who may do what with a knowledge entry: the team reviews any and writes in its own name
(no department), an ambassador writes for the departments they represent. Checked on the
server by every service and view."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from ambassadors.permissions import DepartmentPolicy


class EntryPolicy(DepartmentPolicy):
    team_permission = "encyclopedia.review_entry"
    refused = _("The entry is “%(state)s” and cannot become “%(action)s” now.")
    not_yours_to_change = _("You can only change your own department's entries.")
    not_yours_to_submit = _("You can only submit your own department's entries.")
    not_yours_to_write = _("You can only write entries for your own department.")
    team_only_accepts = _("Only the team publishes entries.")
    team_only_returns = _("Only the team returns entries.")
    return_needs_comment = _("Say what the writer should change.")
    conflict = _("Someone else saved this entry while you edited it.")
    returned = _("The entry is returned to its writer.")
    accept_description = _("Publish the selected submitted entries")
    accepted_count = ngettext_lazy(
        "Published %(count)d entry.", "Published %(count)d entries.", "count"
    )
