"""Writes of the follow-up: rounds, department reports and their workflow."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ambassadors.models import Department
from core import review
from core.review import User
from initiatives import selectors as initiative_selectors
from initiatives.models import Initiative
from programme.models import Programme, ProgrammeNode

from .models import Assessment, DepartmentReport, FollowupRound

State = review.State
policy = DepartmentReport.review_policy
ASSESSMENT_FIELDS = ["score", "what_we_did", "what_it_changed", "what_we_learned"]
REPORT_FIELDS = ["next_year_plans"]


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
        raise PermissionDenied(_("Only the team opens follow-up rounds."))
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
            ).areas()
        )
        assessments = Assessment.objects.bulk_create(
            Assessment(report=report, focus_area=area) for area in focus_areas
        )
        linked = initiative_selectors.by_focus_area(
            initiative_selectors.in_year_of_department(
                department=department, year=round_.year, published_only=True
            ),
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


def rounds_close_done(today: date) -> list[FollowupRound]:
    """Close every open round whose deadline has passed and whose every report is
    approved: nothing is left to write in it (the daily run; the team can reopen one in
    the admin). Returns the rounds closed."""
    from .selectors import complete_rounds

    done = list(complete_rounds().filter(is_open=True, deadline__lt=today).order_by("year"))
    for round_ in done:
        round_.is_open = False
        round_.save(update_fields=["is_open"])
    return done


#: Reports as the admin and the ambassadors' pages know them (registered in apps.py): the
#: departments write them on their report pages, the team approves or returns them.
moderated = review.ModeratedType(model=DepartmentReport)
