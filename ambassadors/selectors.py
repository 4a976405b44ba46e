"""Prepared data about the team for the public network page; a fixed number of queries."""

from dataclasses import dataclass, field

from . import models
from .models import TeamMember, TeamRole


@dataclass
class RoleGroup:
    role: TeamRole
    description: str
    public_members: list = field(default_factory=list)
    # Members who have not agreed to be named: counted, never named.
    unnamed: int = 0


def team_roles() -> list[RoleGroup]:
    """The team's roles in the kit's order, each with its active members: named only with
    their consent. One query. A member whose role the kit no longer has is not shown."""
    groups = {
        role.code: RoleGroup(role=role, description=role.description_i18n)
        for role in models.team_roles()
    }
    for member in TeamMember.objects.active().order_by("name"):
        group = groups.get(member.role)
        if group is None:
            continue
        if member.is_public:
            group.public_members.append(member)
        else:
            group.unnamed += 1
    return list(groups.values())
