"""Who may do what with a knowledge entry. Checked on the server by every service and view."""

from initiatives.permissions import departments_of


def is_team(user) -> bool:
    """The quality-of-life team: publishes and returns entries, and edits any of them."""
    return user.is_active and user.has_perm("encyclopedia.review_entry")


def can_edit(user, entry) -> bool:
    """The team, or an ambassador of the department that wrote the entry."""
    return is_team(user) or (
        entry.department_id is not None and entry.department_id in departments_of(user)
    )


def can_write_for(user, department) -> bool:
    """Whether the user may write an entry in ``department``'s name (None: the team's)."""
    if is_team(user):
        return True
    return department is not None and department.pk in departments_of(user)
