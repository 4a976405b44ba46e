"""The roles of the people who run the programme, as Django groups with exactly the
permissions their work needs. Ambassadors are not a role: an ambassador record makes
someone one (ambassadors.permissions).

A role is a rule over permissions, so that a model or permission added later joins the
roles it belongs to: :func:`sync` gives each group exactly what its rule selects, and runs
in the migration that creates the groups and after every ``migrate``. The history models'
permissions are never granted (history is read through the objects' own history pages).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

#: The apps whose content the quality-of-life team runs.
TEAM_APPS = (
    "accounts",
    "programme",
    "pages",
    "ambassadors",
    "initiatives",
    "encyclopedia",
    "keyfigures",
    "prioritisation",
    "followup",
    "jobs",
    "goals",
    "notifications",
)


@dataclass(frozen=True)
class Role:
    name: str
    description: str
    permissions: Callable[[], Q]


def _views(*apps: str) -> Q:
    return Q(content_type__app_label__in=apps, codename__startswith="view_")


def _models(app: str, *models: str) -> Q:
    return Q(content_type__app_label=app, content_type__model__in=models)


ROLES = [
    Role(
        "Livskvalitetsteamet",
        "The quality-of-life team: the programme tree and its import and export, the pages "
        "and the accessibility statement, the review of initiatives, entries and reports, "
        "the follow-up rounds, key figures and their import, the goals register and its "
        "mapping, the departments and ambassadors, and the outbox.",
        lambda: Q(content_type__app_label__in=TEAM_APPS),
    ),
    Role(
        "Styrgrupp",
        "The steering group: reads the follow-up (rounds, reports, key figures, budgets) and "
        "decides the prioritisation of interventions within the budgets.",
        lambda: (
            _views("followup", "keyfigures", "prioritisation", "programme")
            | _models("prioritisation", "budget", "intervention")
        ),
    ),
    Role(
        "Redaktör",
        "An editor: the staff-edited pages and the accessibility statement, and the "
        "encyclopedia's entries, which an editor may publish.",
        lambda: Q(content_type__app_label__in=("pages", "encyclopedia")),
    ),
]
ROLE_NAMES = [role.name for role in ROLES]


def sync(apps: Any = None) -> None:
    """Create the role groups and give each exactly the permissions its rule selects.
    ``apps`` is a migration's app registry (the live models when None)."""
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.name)
        wanted = Permission.objects.filter(role.permissions()).exclude(
            content_type__model__startswith="historical"
        )
        group.permissions.set(wanted)


def sync_after_migrate(sender: Any, **kwargs: Any) -> None:
    if sender.name == "accounts":  # once per migrate, after every app's permissions exist
        sync()
