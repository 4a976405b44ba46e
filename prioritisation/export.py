"""The prioritisation's sheet of the annual follow-up export (followup.export): the next
year's budgets with their ranked interventions and decisions (core.sheets)."""

from collections.abc import Iterator
from functools import partial

from django.utils.translation import gettext as _

from core.sheets import Sheet

from . import selectors
from .models import Budget


def _rows(year: int) -> Iterator[list]:
    budgets = Budget.objects.filter(year=year).order_by("name")
    for ranking in selectors.rankings(budgets):
        budget = ranking.budget
        for row in ranking.rows:
            intervention = row.intervention
            decided = intervention.step(intervention.Status.DECIDED)
            yield [
                budget.name,
                budget.year,
                budget.amount,
                intervention.rank,
                intervention.title,
                intervention.department.short_name if intervention.department else "",
                intervention.allotted_cost,
                intervention.department_cost,
                row.cumulative,
                row.line_label,
                intervention.get_status_display(),
                decided.date if decided else None,
                decided.meeting if decided else "",
            ]


def decisions_sheet(year: int) -> Sheet:
    """The budgets of ``year``, each intervention in rank order with its decision."""
    return Sheet(
        _("Prioritisation"),
        [
            _("Budget"),
            _("Year"),
            _("Allotted budget (kr)"),
            _("Rank"),
            _("Intervention"),
            _("Department"),
            _("From the allotted budget (kr)"),
            _("From the department's own budget (kr)"),
            _("Cumulative from the allotted budget (kr)"),
            _("Budget line"),
            _("Decision"),
            _("Decided on"),
            _("Decided at meeting"),
        ],
        partial(_rows, year),
    )
