"""Writes to the register besides the admin's forms and imports: the team's mapping."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.review import User
from programme.models import ProgrammeNode

from .models import GoalFormulation


def can_map(user: User) -> bool:
    return user.is_active and user.has_perm("goals.change_goalformulation")


@transaction.atomic
def formulations_map(*, mapping: dict[int, list[int]], by: User) -> int:
    """Set the priorities of each formulation in ``mapping`` (formulation id → priority
    ids), all or none. Returns how many formulations changed."""
    if not can_map(by):
        raise PermissionDenied(_("Only the team maps goal formulations."))
    formulations = GoalFormulation.objects.select_for_update().in_bulk(list(mapping))
    missing = set(mapping) - set(formulations)
    if missing:
        raise ValidationError(
            _("No goal formulation with id %(ids)s.")
            % {"ids": ", ".join(map(str, sorted(missing)))}
        )
    wanted = {pk for pks in mapping.values() for pk in pks}
    priorities = set(
        ProgrammeNode.objects.leaves().filter(pk__in=wanted).values_list("pk", flat=True)
    )
    if wanted - priorities:
        raise ValidationError(_("Only priorities can be chosen."))
    through = GoalFormulation.priorities.through
    current: dict[int, set[int]] = {pk: set() for pk in mapping}
    for formulation_id, node_id in through.objects.filter(
        goalformulation_id__in=list(mapping)
    ).values_list("goalformulation_id", "programmenode_id"):
        current[formulation_id].add(node_id)
    changed = 0
    for pk, pks in mapping.items():
        if set(pks) != current[pk]:
            formulations[pk].priorities.set(pks)
            changed += 1
    return changed
