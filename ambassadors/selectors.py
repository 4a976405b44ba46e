"""Prepared data about the team for the public network page; a fixed number of queries."""

from dataclasses import dataclass, field

from django.utils.functional import Promise

from .models import ROLE_DESCRIPTIONS, TeamMember, TeamRole


@dataclass
class RoleGroup:
    role: TeamRole
    description: str | Promise
    public_members: list = field(default_factory=list)
    # Members who have not agreed to be named: counted, never named.
    unnamed: int = 0


def team_roles() -> list[RoleGroup]:
    """The team's roles in the city's order, each with its active members: named only with
    their consent. One query."""
    groups = {role: RoleGroup(role=role, description=ROLE_DESCRIPTIONS[role]) for role in TeamRole}
    for member in TeamMember.objects.active().order_by("name"):
        group = groups[TeamRole(member.role)]
        if member.is_public:
            group.public_members.append(member)
        else:
            group.unnamed += 1
    return list(groups.values())
