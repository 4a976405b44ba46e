"""Prioritisation (seed 004): interventions proposed for the coming year, ranked by the
steering group within the budgets they draw on."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ambassadors.models import Department
from programme.models import NodeKind, ProgrammeNode


class Budget(models.Model):
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=150)
    amount = models.DecimalField(_("amount (kr)"), max_digits=14, decimal_places=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        constraints = [
            models.UniqueConstraint(fields=["year", "name"], name="one_budget_name_per_year"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="budget_not_negative"),
        ]

    def __str__(self):
        return f"{self.name} {self.year}"


class Intervention(models.Model):
    """A proposed intervention; ``rank`` 1 is the steering group's first choice."""

    budget = models.ForeignKey(
        Budget, on_delete=models.PROTECT, related_name="interventions", verbose_name=_("budget")
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interventions",
        verbose_name=_("responsible department"),
    )
    focus_areas = models.ManyToManyField(
        ProgrammeNode,
        blank=True,
        related_name="interventions",
        limit_choices_to={"kind": NodeKind.FOCUS_AREA},
        verbose_name=_("focus areas"),
    )
    estimated_cost = models.DecimalField(_("estimated cost (kr)"), max_digits=14, decimal_places=0)

    history = HistoricalRecords(m2m_fields=[focus_areas])

    class Meta:
        # Equal ranks are allowed while the group reorders; the list breaks ties by cost.
        ordering = ["budget", "rank", "estimated_cost", "pk"]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(estimated_cost__gte=0), name="intervention_cost_not_negative"
            ),
            models.CheckConstraint(condition=models.Q(rank__gte=1), name="intervention_rank_1_up"),
        ]

    def __str__(self):
        return f"{self.rank}. {self.title}"
