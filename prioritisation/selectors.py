"""The steering group's ranked interventions against the allotted budget.

The budget line is drawn on the allotted part of each intervention's cost (what the group
distributes); the part a department pays from its own budget is shown beside it but does
not count against the line. In rank order, interventions fit while the running total stays
within the budget; the first that does not fit draws the line. Below it, an intervention
that is cheap enough for what the rows above the line leave "still fits", taken in rank
order, each one using up what it takes."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from programme.models import ProgrammeNode

from .models import Budget, Decision, Intervention


class Line:
    """Where an intervention falls against the budget line."""

    WITHIN = "within"
    STILL_FITS = "still-fits"
    OVER = "over"

    LABELS = {
        WITHIN: _("Within the budget"),
        STILL_FITS: _("Fits in what remains"),
        OVER: _("Over the budget line"),
    }


@dataclass
class RankedIntervention:
    intervention: Intervention
    #: Allotted costs from rank 1 down to this one.
    cumulative: Decimal
    line: str
    #: The latest step of its decision (None while proposed).
    decision: Decision | None

    @property
    def within_budget(self) -> bool:
        return self.line == Line.WITHIN

    @property
    def line_label(self) -> str:
        return str(Line.LABELS[self.line])


@dataclass
class Ranking:
    budget: Budget
    rows: list[RankedIntervention]

    def _allotted(self, *lines: str) -> Decimal:
        return _sum((row for row in self.rows if row.line in lines), "allotted_cost")

    @property
    def funded_total(self) -> Decimal:
        """The allotted costs above the budget line."""
        return self._allotted(Line.WITHIN)

    @property
    def still_fits_total(self) -> Decimal:
        return self._allotted(Line.STILL_FITS)

    @property
    def remaining(self) -> Decimal:
        """What the budget leaves after the interventions above the line."""
        return self.budget.amount - self.funded_total

    @property
    def remaining_after_still_fitting(self) -> Decimal:
        return self.remaining - self.still_fits_total

    @property
    def allotted_total(self) -> Decimal:
        return _sum(self.rows, "allotted_cost")

    @property
    def department_total(self) -> Decimal:
        return _sum(self.rows, "department_cost")

    @property
    def decided(self) -> list[RankedIntervention]:
        """The rows the group has decided (decided, ordered or done), in rank order."""
        return [row for row in self.rows if row.intervention.is_decided]

    @property
    def decided_allotted(self) -> Decimal:
        return _sum(self.decided, "allotted_cost")

    @property
    def decided_over(self) -> Decimal:
        """How far the decided interventions' allotted costs go over the budget; 0 when
        they fit."""
        return max(self.decided_allotted - self.budget.amount, Decimal(0))

    def over_if_decided(self, row: "RankedIntervention") -> Decimal:
        """How far over the budget deciding ``row`` (not decided yet) would take the
        decided interventions; 0 when it fits."""
        if row.intervention.is_decided:
            return Decimal(0)
        over = self.decided_allotted + row.intervention.allotted_cost - self.budget.amount
        return max(over, Decimal(0))

    @property
    def decided_department(self) -> Decimal:
        return _sum(self.decided, "department_cost")


def _sum(rows: Iterable[RankedIntervention], cost: str) -> Decimal:
    return sum((getattr(row.intervention, cost) for row in rows), Decimal(0))


def _with_details(queryset: QuerySet[Intervention]) -> QuerySet[Intervention]:
    return queryset.select_related("department").prefetch_related(
        Prefetch("focus_areas", queryset=ProgrammeNode.objects.in_force().order_by("path")),
        Prefetch("decisions", queryset=Decision.objects.order_by("date", "pk")),
    )


def rank(budget: Budget, interventions: list[Intervention]) -> Ranking:
    """The ranking of ``interventions`` (in rank order, with their decisions prefetched)."""
    rows, total, line_drawn = [], Decimal(0), False
    left = budget.amount
    for intervention in interventions:
        total += intervention.allotted_cost
        if not line_drawn and total <= budget.amount:
            line = Line.WITHIN
            left = budget.amount - total
        elif intervention.allotted_cost <= left:
            line_drawn, line = True, Line.STILL_FITS
            left -= intervention.allotted_cost
        else:
            line_drawn, line = True, Line.OVER
        decisions = list(intervention.decisions.all())
        rows.append(
            RankedIntervention(intervention, total, line, decisions[-1] if decisions else None)
        )
    return Ranking(budget=budget, rows=rows)


def ranking(*, budget: Budget) -> Ranking:
    """``budget``'s interventions in rank order against its line. Three queries."""
    return rank(budget, list(_with_details(Intervention.objects.filter(budget=budget))))


def rankings(budgets: QuerySet[Budget]) -> list[Ranking]:
    """The rankings of several budgets, in the queryset's order. Four queries."""
    budgets_list = list(budgets)
    by_budget: dict[int, list[Intervention]] = {budget.pk: [] for budget in budgets_list}
    for intervention in _with_details(Intervention.objects.filter(budget__in=budgets_list)):
        by_budget[intervention.budget_id].append(intervention)
    return [rank(budget, by_budget[budget.pk]) for budget in budgets_list]


def published_budgets() -> QuerySet[Budget]:
    """Budgets whose decisions the group has published, the latest year first."""
    return Budget.objects.filter(published_on__isnull=False).order_by("-year", "name")


def public_decisions() -> QuerySet[Intervention]:
    """The decided interventions of the published budgets: the open data."""
    return (
        _with_details(Intervention.objects.filter(budget__published_on__isnull=False))
        .exclude(status=Intervention.Status.PROPOSED)
        .select_related("budget")
        .order_by("-budget__year", "budget__name", "rank", "allotted_cost", "pk")
    )
