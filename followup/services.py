"""Writes of the follow-up: rounds, department reports and their workflow, key-figure values."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ambassadors.models import Department
from core import review
from core.importing import ImportRejectedError
from core.locks import transaction_lock
from core.page_cache import content_changed
from core.review import User
from initiatives.models import Initiative
from programme.models import Programme, ProgrammeNode

from .kolada import ValueRow
from .models import (
    Assessment,
    Budget,
    Decision,
    DepartmentReport,
    FollowupRound,
    Indicator,
    IndicatorValue,
    Intervention,
    Municipality,
)

State = review.State
policy = DepartmentReport.review_policy
VALUE_FIELDS = ["value", "count", "status"]
VALUE_IMPORT_LOCK = "followup-indicator-values"
ASSESSMENT_FIELDS = ["score", "what_we_did", "what_it_changed", "what_we_learned"]
REPORT_FIELDS = ["next_year_plans"]


def initiatives_in_year(
    *, department: Department, year: int, published_only: bool
) -> QuerySet[Initiative]:
    """The department's initiatives (led or joined) under way in ``year``, with their
    priorities, in one query plus one for the priorities."""
    initiatives = (
        Initiative.objects.for_department(department)
        .under_way_in(year)
        .prefetch_related("priorities")
    )
    return initiatives.published() if published_only else initiatives


def by_focus_area(
    initiatives: Iterable[Initiative], focus_areas: list[ProgrammeNode]
) -> dict[int, list[Initiative]]:
    """Initiatives grouped under the focus areas their priorities belong to."""
    grouped: dict[int, list[Initiative]] = {area.pk: [] for area in focus_areas}
    for initiative in initiatives:
        priorities = list(initiative.priorities.all())
        for area in focus_areas:
            if any(priority.is_descendant_of(area) for priority in priorities):
                grouped[area.pk].append(initiative)
    return grouped


def programme_followed_up(programme: Programme) -> bool:
    """Whether a report written against ``programme`` has been approved."""
    return DepartmentReport.objects.filter(
        review.published_filter(DepartmentReport), round__programme=programme
    ).exists()


@transaction.atomic
def round_open(
    *, year: int, deadline: date, phase: str, departments: Iterable[Department], by: User
) -> FollowupRound:
    """Open the follow-up of ``year`` for the chosen departments."""
    if not policy.is_team(by):
        raise PermissionDenied(_("Only the quality-of-life team opens follow-up rounds."))
    round_ = FollowupRound(
        year=year, deadline=deadline, phase=phase, programme=Programme.objects.current()
    )
    round_.full_clean()
    round_.save()
    round_.departments.set(departments)
    return round_


@transaction.atomic
def report_start(*, round_: FollowupRound, department: Department, by: User) -> DepartmentReport:
    """The department's report for the round, created on first use with one assessment per
    focus area of the current programme and the year's published initiatives linked."""
    if not policy.can_write_for(by, department):
        raise PermissionDenied(policy.not_yours_to_change)
    if not round_.departments.filter(pk=department.pk).exists():
        raise ValidationError(_("This department does not report in this round."))
    report, created = DepartmentReport.objects.get_or_create(
        round=round_, department=department, defaults={"created_by": review.account(by)}
    )
    if created:
        if not round_.is_open:
            raise ValidationError(_("The round is closed."))
        focus_areas = list(
            ProgrammeNode.objects.for_programme(
                round_.programme or Programme.objects.current()
            ).focus_areas()
        )
        assessments = Assessment.objects.bulk_create(
            Assessment(report=report, focus_area=area) for area in focus_areas
        )
        linked = by_focus_area(
            initiatives_in_year(department=department, year=round_.year, published_only=True),
            focus_areas,
        )
        through = Assessment.initiatives.through
        through.objects.bulk_create(
            through(assessment_id=assessment.pk, initiative_id=initiative.pk)
            for assessment in assessments
            for initiative in linked[assessment.focus_area_id]
        )
    return report


@transaction.atomic
def report_update(
    *,
    report_id: int,
    expected_version: int | None,
    next_year_plans: str,
    assessments: dict[int, dict],
    by: User,
) -> DepartmentReport:
    """Save the writer's changes to the version they started from.

    ``assessments`` maps an assessment's id to its fields (score, the three narratives and
    ``initiatives``, a list of initiatives of the department). A stale version raises
    review.EditConflictError and writes nothing.
    """
    report = review.lock(DepartmentReport, report_id)
    review.check_edit(
        report,
        by=by,
        expected_version=expected_version,
        changes={"next_year_plans": next_year_plans},
        relations={},
        fields=REPORT_FIELDS,
        related=[],
    )
    if not report.is_open and not policy.is_team(by):
        raise ValidationError(_("A submitted report can no longer be changed."))
    current = {a.pk: a for a in report.assessments.all()}
    if set(assessments) - set(current):
        raise PermissionDenied(_("These assessments belong to another report."))
    for pk, fields in assessments.items():
        assessment = current[pk]
        for name in ASSESSMENT_FIELDS:
            setattr(assessment, name, fields.get(name, getattr(assessment, name)))
        assessment.full_clean()
        assessment.save(update_fields=ASSESSMENT_FIELDS)
        if "initiatives" in fields:
            chosen = {initiative.pk for initiative in fields["initiatives"]}
            own = set(
                Initiative.objects.for_department(report.department)
                .filter(pk__in=chosen)
                .values_list("pk", flat=True)
            )
            if chosen - own:
                raise ValidationError(_("Only the department's own initiatives can be linked."))
            assessment.initiatives.set(chosen)
    report.next_year_plans = next_year_plans
    report.version += 1
    report.full_clean()
    report.save(update_fields=["next_year_plans", "version", "updated_at"])
    return report


def round_missing_departments(round_: FollowupRound) -> list[Department]:
    """Departments of the round that have not submitted (or had their report returned)."""
    done = DepartmentReport.objects.filter(
        round=round_, state__in=[State.SUBMITTED, State.APPROVED]
    ).values("department")
    return list(round_.departments.exclude(pk__in=done).order_by("name"))


@dataclass
class ValueImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    # Values of municipalities the portal does not follow (Kolada files often hold all 290).
    passed_over: int = 0

    def __str__(self) -> str:
        return (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.deleted} deleted, {self.passed_over} passed over (municipality not followed)"
        )


@transaction.atomic
def indicator_values_import(*, rows: list[ValueRow]) -> ValueImportReport:
    """Apply ``rows`` whole, or raise ImportRejectedError naming every bad row and write
    nothing. A KPI id must belong to a key figure; a key given twice is an error; a row
    marked deleted removes its value. The same file twice changes nothing. Two imports at
    once run one after the other (a lock), so the second never meets the first's rows
    half-written."""
    transaction_lock(VALUE_IMPORT_LOCK)
    indicators = dict(
        Indicator.objects.filter(kolada_id__in={row.kpi for row in rows}).values_list(
            "kolada_id", "pk"
        )
    )
    municipalities = dict(
        Municipality.objects.filter(code__in={row.municipality for row in rows}).values_list(
            "code", "pk"
        )
    )
    errors: list[str] = []
    seen: dict[tuple, str] = {}
    report, wanted = ValueImportReport(), []
    for row in rows:
        if row.kpi not in indicators:
            errors.append(
                _("%(where)s: no key figure has the Kolada id “%(kpi)s”")
                % {"where": row.where, "kpi": row.kpi}
            )
            continue
        if row.key in seen:
            errors.append(
                _("%(where)s: the same value is also given at %(other)s")
                % {"where": row.where, "other": seen[row.key]}
            )
            continue
        seen[row.key] = row.where
        if row.municipality not in municipalities:
            report.passed_over += 1
            continue
        wanted.append(row)
    if errors:
        raise ImportRejectedError(errors)

    existing = {
        (value.indicator_id, value.municipality_id, value.year, value.gender): value
        for value in IndicatorValue.objects.filter(
            indicator_id__in={indicators[row.kpi] for row in wanted},
            municipality_id__in={municipalities[row.municipality] for row in wanted},
            year__in={row.year for row in wanted},
        )
    }
    creates, updates, deletes = [], [], []
    for row in wanted:
        key = (indicators[row.kpi], municipalities[row.municipality], row.year, row.gender)
        current = existing.get(key)
        if row.deleted:
            if current is not None:
                deletes.append(current.pk)
            continue
        fields = {"value": row.value, "count": row.count, "status": row.status}
        if current is None:
            creates.append(
                IndicatorValue(
                    indicator_id=key[0],
                    municipality_id=key[1],
                    year=row.year,
                    gender=row.gender,
                    **fields,
                )
            )
        elif any(getattr(current, name) != fields[name] for name in VALUE_FIELDS):
            for name in VALUE_FIELDS:
                setattr(current, name, fields[name])
            updates.append(current)
        else:
            report.unchanged += 1
    IndicatorValue.objects.bulk_create(creates, batch_size=1000)
    IndicatorValue.objects.bulk_update(updates, VALUE_FIELDS, batch_size=1000)
    IndicatorValue.objects.filter(pk__in=deletes).delete()
    # The key figures' pages say when their values were last imported, changed or not.
    Indicator.objects.filter(pk__in=set(indicators.values())).update(
        values_imported_at=timezone.now()
    )
    # Bulk writes and update() send no signals to the page cache.
    content_changed("keyfigures", *(f"keyfigure:{pk}" for pk in set(indicators.values())))
    report.created, report.updated, report.deleted = len(creates), len(updates), len(deletes)
    return report


# --- The steering group's prioritisation -------------------------------------------------

#: Each decision step and the one before it.
NEXT_STEP = {
    Intervention.Status.PROPOSED: Intervention.Status.DECIDED,
    Intervention.Status.DECIDED: Intervention.Status.ORDERED,
    Intervention.Status.ORDERED: Intervention.Status.DONE,
}


def may_prioritise(user: User) -> bool:
    """The steering group (and the team): rank and decide interventions, publish them."""
    return bool(user.is_active and user.is_staff and user.has_perm("followup.change_intervention"))


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


def intervention_decide(
    *, intervention: Intervention, status: str, on: date, meeting: str, by: User
) -> Decision:
    """Record the next step of ``intervention``'s decision (proposed → decided → ordered →
    done) with its date and meeting. Steps are taken in order, on or after the one before,
    and never in the future."""
    _prioritising(by)
    with transaction.atomic():
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
    if not by.has_perm("followup.change_budget"):
        raise PermissionDenied
    with transaction.atomic():
        budget = Budget.objects.select_for_update().get(pk=budget.pk)
        budget.published_on = timezone.localdate() if publish else None
        budget.save(update_fields=["published_on"])
