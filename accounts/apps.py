from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Who works in the portal and how they get in: the one login door and where each
    person lands after it, and the roles (groups) of the people who run the programme."""

    name = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from . import checks, roles, sessions, signals  # noqa: F401  (receivers, checks)

        # Kept in step after every migrate: a permission added by a later migration is in
        # its role at once (the first migrate creates the roles with 0001_roles as well).
        post_migrate.connect(roles.sync_after_migrate, dispatch_uid="accounts.sync_roles")
