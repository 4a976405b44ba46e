"""The steering group's prioritisation: ranking the interventions within a budget,
recording each decision step, and publishing the decided ones."""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.review import User

from .models import Budget, Decision, Intervention

#: Each decision step and the one before it.
NEXT_STEP = {
    Intervention.Status.PROPOSED: Intervention.Status.DECIDED,
    Intervention.Status.DECIDED: Intervention.Status.ORDERED,
    Intervention.Status.ORDERED: Intervention.Status.DONE,
}


def may_prioritise(user: User) -> bool:
    """The steering group (and the team): rank and decide interventions, publish them."""
    return bool(
        user.is_active and user.is_staff and user.has_perm("prioritisation.change_intervention")
    )


def _prioritising(user: User) -> None:
    if not may_prioritise(user):
        raise PermissionDenied


def intervention_move(*, intervention: Intervention, position: int, by: User) -> None:
    """Put ``intervention`` at ``position`` (1 is first) in its budget's ranking and number
    the ranking 1, 2, 3 … again, so that nobody retypes ranks. A position past the end
    puts it last."""
    _prioritising(by)
    with transaction.atomic():
        budget = Budget.objects.select_for_update().get(pk=intervention.budget_id)
        ranked = list(Intervention.objects.filter(budget=budget))
        others = [item for item in ranked if item.pk != intervention.pk]
        if len(others) == len(ranked):
            raise ValidationError(_("The intervention is not in this budget."))
        moved = next(item for item in ranked if item.pk == intervention.pk)
        others.insert(max(0, min(position - 1, len(others))), moved)
        for number, item in enumerate(others, start=1):
            if item.rank != number:
                item.rank = number
                item.save(update_fields=["rank"])


def decided_over_budget(budget: Budget, *, adding: Intervention | None = None) -> Decimal:
    """How far the allotted costs of ``budget``'s decided interventions (with ``adding``)
    go over its amount; 0 when they fit."""
    decided = budget.interventions.exclude(status=Intervention.Status.PROPOSED)
    if adding is not None:
        decided = decided.exclude(pk=adding.pk)
    total = decided.aggregate(total=Sum("allotted_cost"))["total"] or Decimal(0)
    if adding is not None:
        total += adding.allotted_cost
    return max(total - budget.amount, Decimal(0))


def intervention_decide(
    *,
    intervention: Intervention,
    status: str,
    on: date,
    meeting: str,
    by: User,
    over_budget: bool = False,
) -> Decision:
    """Record the next step of ``intervention``'s decision (proposed → decided → ordered →
    done) with its date and meeting. Steps are taken in order, on or after the one before,
    and never in the future. A decision that takes the decided interventions over the
    allotted budget is refused unless ``over_budget`` says the group knows."""
    _prioritising(by)
    with transaction.atomic():
        Budget.objects.select_for_update().filter(pk=intervention.budget_id).first()
        intervention = Intervention.objects.select_for_update().get(pk=intervention.pk)
        expected = NEXT_STEP.get(Intervention.Status(intervention.status))
        if status != expected:
            raise ValidationError(
                _("“%(title)s” is %(current)s; its next step is %(next)s.")
                % {
                    "title": intervention.title,
                    "current": intervention.get_status_display().lower(),
                    "next": Intervention.Status(expected).label.lower()
                    if expected
                    else _("none (it is done)"),
                }
            )
        if on > timezone.localdate():
            raise ValidationError(_("A decision's date cannot be in the future."))
        if status == Intervention.Status.DECIDED and not over_budget:
            over = decided_over_budget(intervention.budget, adding=intervention)
            if over:
                raise ValidationError(
                    _(
                        "Deciding “%(title)s” takes the decided interventions %(over)s kr over "
                        "the allotted budget. Tick “Decide even so” to decide it anyway."
                    )
                    % {
                        "title": intervention.title,
                        "over": number_format(over, force_grouping=True),
                    },
                    code="over_budget",
                )
        previous = intervention.decisions.order_by("-date").first()
        if previous is not None and on < previous.date:
            raise ValidationError(
                _("The date cannot be before the previous step's (%(date)s).")
                % {"date": previous.date.isoformat()}
            )
        decision = Decision(
            intervention=intervention,
            status=status,
            date=on,
            meeting=meeting,
            recorded_by=by if isinstance(by, get_user_model()) else None,
        )
        decision.full_clean()
        decision.save()
        intervention.status = status
        intervention.save(update_fields=["status"])
    return decision


def intervention_undo_decision(*, intervention: Intervention, by: User) -> None:
    """Take back the latest step of ``intervention``'s decision (a step recorded by
    mistake); the intervention returns to the step before."""
    _prioritising(by)
    with transaction.atomic():
        intervention = Intervention.objects.select_for_update().get(pk=intervention.pk)
        latest = intervention.decisions.filter(status=intervention.status).first()
        if latest is None:
            raise ValidationError(
                _("“%(title)s” has no decision to take back.") % {"title": intervention.title}
            )
        latest.delete()
        intervention.status = next(
            before for before, after in NEXT_STEP.items() if after == intervention.status
        )
        intervention.save(update_fields=["status"])


def budget_publish(*, budget: Budget, publish: bool, by: User) -> None:
    """Make ``budget``'s decided interventions public from today, or take them down."""
    _prioritising(by)
    if not by.has_perm("prioritisation.change_budget"):
        raise PermissionDenied
    with transaction.atomic():
        budget = Budget.objects.select_for_update().get(pk=budget.pk)
        budget.published_on = timezone.localdate() if publish else None
        budget.save(update_fields=["published_on"])
