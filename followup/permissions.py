"""Who may do what with a department's report: the team approves and returns, and opens
rounds; an ambassador writes and submits their own department's report. Checked on the
server by every service and view."""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from ambassadors.permissions import DepartmentPolicy
from core import review

if TYPE_CHECKING:
    from .models import DepartmentReport


class ReportPolicy(DepartmentPolicy):
    team_permission = "followup.review_departmentreport"
    accepted = review.State.APPROVED
    refused = gettext_lazy("The report is “%(state)s” and cannot become “%(action)s” now.")
    not_yours_to_change = gettext_lazy("You can only write your own department's report.")
    not_yours_to_submit = gettext_lazy("You can only submit your own department's report.")
    not_yours_to_see = gettext_lazy("You can only see your own department's report.")
    team_only_accepts = gettext_lazy("Only the quality-of-life team approves reports.")
    team_only_returns = gettext_lazy("Only the quality-of-life team returns reports.")
    conflict = gettext_lazy("Someone else saved this report while you edited it.")
    returned = gettext_lazy("The report is returned to its department.")
    accept_action = "approve"
    accept_description = gettext_lazy("Approve the selected submitted reports")
    accepted_count = ngettext_lazy(
        "Approved %(count)d report.", "Approved %(count)d reports.", "count"
    )

    def check_submit(self, obj: "DepartmentReport") -> None:
        """A report is complete when every focus area has a self-assessment."""
        missing = obj.assessments.filter(score__isnull=True).count()
        if missing:
            raise ValidationError(
                _("Assess every focus area before submitting (%(count)d left).")
                % {"count": missing}
            )
