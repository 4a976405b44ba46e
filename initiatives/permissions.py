"""Who may do what with an initiative. Checked on the server by every service and view."""

from ambassadors.models import Department


def is_team(user) -> bool:
    """The quality-of-life team: may publish and return initiatives, and edit any of them."""
    return user.is_active and user.has_perm("initiatives.review_initiative")


def departments_of(user) -> set[int]:
    """Ids of the active departments the user is an active ambassador of (read fresh, so a
    membership removed mid-session counts at once)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(
        Department.objects.active()
        .filter(ambassadors__user=user, ambassadors__is_active=True)
        .values_list("pk", flat=True)
    )


def can_edit(user, initiative) -> bool:
    """The team, or an ambassador of the initiative's lead department."""
    return is_team(user) or initiative.lead_department_id in departments_of(user)


def can_lead_for(user, department) -> bool:
    """Whether the user may log an initiative with ``department`` as its lead."""
    return is_team(user) or department.pk in departments_of(user)


def is_followup_team(user) -> bool:
    """The team's right in the follow-up: approve and return reports, open rounds."""
    return user.is_active and user.has_perm("followup.review_departmentreport")
