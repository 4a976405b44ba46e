"""Prioritisation (seed 004): interventions proposed for the coming year, ranked by the
steering group within the budgets they draw on. Each intervention's cost is split between
the allotted budget (the one the group distributes, where the budget line is drawn) and the
responsible department's own budget; the group decides, orders and follows each one up."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ambassadors.models import Department
from programme.models import ProgrammeNode
from programme.tree import area_filter


class Budget(models.Model):
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=150)
    amount = models.DecimalField(
        _("allotted budget (kr)"),
        max_digits=14,
        decimal_places=0,
        help_text=_("The budget the steering group distributes; the budget line is drawn here."),
    )
    published_on = models.DateField(
        _("decisions published on"),
        null=True,
        blank=True,
        help_text=_("The decided interventions are public from this date; empty: not public."),
    )

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

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        DECIDED = "decided", _("Decided")
        ORDERED = "ordered", _("Ordered")
        DONE = "done", pgettext_lazy("intervention", "Done")

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
        limit_choices_to=area_filter,
        verbose_name=_("focus areas"),
    )
    allotted_cost = models.DecimalField(
        _("cost from the allotted budget (kr)"), max_digits=14, decimal_places=0
    )
    department_cost = models.DecimalField(
        _("cost from the department's own budget (kr)"),
        max_digits=14,
        decimal_places=0,
        default=0,
        help_text=_("The part the responsible department pays from its own budget."),
    )
    status = models.CharField(
        _("decision"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )

    history = HistoricalRecords(m2m_fields=[focus_areas])

    class Meta:
        # Equal ranks are allowed while the group reorders; the list breaks ties by cost.
        ordering = ["budget", "rank", "allotted_cost", "pk"]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(allotted_cost__gte=0, department_cost__gte=0),
                name="intervention_cost_not_negative",
            ),
            models.CheckConstraint(condition=models.Q(rank__gte=1), name="intervention_rank_1_up"),
            models.CheckConstraint(
                condition=models.Q(department_cost=0) | models.Q(department__isnull=False),
                name="intervention_department_cost_has_department",
                violation_error_message=_(
                    "A cost from a department's own budget needs the responsible department."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.rank}. {self.title}"

    @property
    def total_cost(self):
        return self.allotted_cost + self.department_cost

    @property
    def is_decided(self) -> bool:
        return self.status != self.Status.PROPOSED

    def step(self, status: str) -> "Decision | None":
        """The decision step ``status`` (decided, ordered, done), from the prefetched
        decisions; None until it is taken."""
        return next((step for step in self.decisions.all() if step.status == status), None)


class Decision(models.Model):
    """One step of an intervention's decision (decided, ordered, done): when, at which
    meeting, recorded by whom. The intervention's ``status`` is its latest step."""

    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("intervention"),
    )
    status = models.CharField(_("decision"), max_length=10, choices=Intervention.Status.choices)
    date = models.DateField(_("date"))
    meeting = models.CharField(
        _("meeting"),
        max_length=200,
        help_text=_("The steering group's meeting, e.g. “Styrgruppens möte 12 mars 2025, § 4”."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["intervention", "date", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "status"], name="one_decision_step_per_intervention"
            ),
        ]

    def __str__(self):
        return f"{self.get_status_display()} {self.date:%Y-%m-%d}, {self.meeting}"
