from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def second_factor_in_production(app_configs: Any, **kwargs: Any) -> list[Error]:
    """In production every staff member shows a second factor: no waiver, not switched off."""
    errors = []
    if not settings.MFA_REQUIRED:
        errors.append(
            Error(
                "MFA_REQUIRED is off: staff reach the admin with a password alone.", id="lkp.E010"
            )
        )
    if settings.MFA_WAIVED_USERNAMES:
        errors.append(
            Error(
                "MFA_WAIVED_USERNAMES is set: those accounts skip the second factor "
                "(meant for the example accounts in development only).",
                id="lkp.E011",
            )
        )
    return errors
