"""The steering group's ranked interventions with their cumulative cost against a budget."""

from dataclasses import dataclass
from decimal import Decimal

from .models import Budget, Intervention


@dataclass
class RankedIntervention:
    intervention: Intervention
    cumulative: Decimal
    within_budget: bool


@dataclass
class Ranking:
    budget: Budget
    rows: list[RankedIntervention]

    @property
    def funded_total(self) -> Decimal:
        return sum(
            (r.intervention.estimated_cost for r in self.rows if r.within_budget), Decimal(0)
        )


def ranking(*, budget: Budget) -> Ranking:
    """Interventions in rank order; each is within the budget while the running total of
    estimated costs stays at or under the budget's amount. One query."""
    rows, total = [], Decimal(0)
    for intervention in Intervention.objects.filter(budget=budget).select_related("department"):
        total += intervention.estimated_cost
        rows.append(RankedIntervention(intervention, total, total <= budget.amount))
    return Ranking(budget=budget, rows=rows)
