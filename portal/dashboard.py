"""The team's dashboard on the admin's start page: what waits for the team, the open
round, departments without an ambassador, formulations not yet mapped, failed e-mails.
A fixed number of queries, whatever the data size (each list is cut at LIMIT)."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Model, Q
from django.urls import reverse
from django.utils import timezone

from ambassadors.models import Department
from core import review
from core.review import User
from encyclopedia.models import Entry
from followup.models import DepartmentReport, FollowupRound
from followup.services import round_missing_departments
from goals.models import GoalFormulation
from initiatives.models import Initiative
from notifications.models import Notification
from prioritisation import services as prioritisation_services
from prioritisation.models import Budget

LIMIT = 10


@dataclass
class Queue:
    """The oldest submitted objects of one moderated type."""

    label: str
    items: list[Any]
    count: int
    changelist: str


@dataclass
class OpenRound:
    round: FollowupRound
    days_left: int
    missing: list[Department]
    change_url: str

    @property
    def days_late(self) -> int:
        return -self.days_left


@dataclass
class Dashboard:
    queues: list[Queue] = field(default_factory=list)
    open_round: OpenRound | None = None
    without_ambassador: list[Department] | None = None
    unmapped: int | None = None
    mapping_url: str = ""
    failed: list[Notification] | None = None
    failed_count: int = 0
    budgets: list[Budget] | None = None


def _admin(model: type[Model], view: str = "changelist") -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}")


def _queue(model: type[Model], queryset: review.ReviewQuerySet) -> Queue:
    waiting = queryset.awaiting_review()
    items = list(waiting[:LIMIT])
    count = waiting.count()
    for item in items:
        item.admin_url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[item.pk]
        )
    return Queue(
        label=str(model._meta.verbose_name_plural),
        items=items,
        count=count,
        changelist=_admin(model) + "?state__exact=submitted",
    )


def for_user(user: User, *, today: date | None = None) -> Dashboard:
    """What the dashboard shows ``user``: only the parts their permissions reach."""
    dashboard = Dashboard()
    moderated: list[tuple[type[Model], review.ReviewQuerySet]] = [
        (Initiative, Initiative.objects.select_related("lead_department")),
        (Entry, Entry.objects.select_related("department")),
        (DepartmentReport, DepartmentReport.objects.select_related("round", "department")),
    ]
    for model, queryset in moderated:
        if model.review_policy.is_team(user):  # type: ignore[attr-defined]
            dashboard.queues.append(_queue(model, queryset))
    if user.has_perm("followup.view_followupround"):
        round_ = FollowupRound.objects.filter(is_open=True).order_by("-year").first()
        if round_ is not None:
            today = today or timezone.localdate()
            dashboard.open_round = OpenRound(
                round=round_,
                days_left=(round_.deadline - today).days,
                missing=round_missing_departments(round_),
                change_url=reverse("admin:followup_followupround_change", args=[round_.pk]),
            )
    if user.has_perm("ambassadors.view_ambassador"):
        dashboard.without_ambassador = list(Department.objects.without_ambassador())
    if user.has_perm("goals.change_goalformulation"):
        dashboard.unmapped = GoalFormulation.objects.filter(priorities__isnull=True).count()
        dashboard.mapping_url = reverse("admin:goals_goalformulation_mapping") + "?omappade=on"
    if prioritisation_services.may_prioritise(user):
        today = today or timezone.localdate()
        budgets = Budget.objects.filter(year__gte=today.year).annotate(
            proposed=Count("interventions", filter=Q(interventions__status="proposed")),
            total=Count("interventions"),
        )
        dashboard.budgets = list(budgets.order_by("year", "name")[:LIMIT])
        for budget in dashboard.budgets:
            budget.prioritisation_url = reverse(  # type: ignore[attr-defined]
                "admin:prioritisation_budget_prioritisation", args=[budget.pk]
            )
    if user.has_perm("notifications.view_notification"):
        failed = Notification.objects.filter(
            state__in=[Notification.State.FAILED, Notification.State.WAITING]
        )
        dashboard.failed = list(failed[:LIMIT])
        dashboard.failed_count = failed.count()
    return dashboard
