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


@register(Tags.security)
def single_sign_on_configured(app_configs: Any, **kwargs: Any) -> list[Error]:
    """Single sign-on, when OIDC_ISSUER turns it on, has what it needs, and its role map
    names roles that exist (a misspelt role would silently give nobody anything)."""
    from .roles import ROLE_NAMES

    if not settings.OIDC_ISSUER:
        return []
    errors = []
    if not (settings.OIDC_RP_CLIENT_ID and settings.OIDC_RP_CLIENT_SECRET):
        errors.append(
            Error(
                "OIDC_ISSUER is set without OIDC_CLIENT_ID and OIDC_CLIENT_SECRET.",
                id="lkp.E012",
            )
        )
    unknown = sorted(set(settings.OIDC_ROLE_MAP.values()) - set(ROLE_NAMES))
    if unknown:
        errors.append(
            Error(
                f"OIDC_ROLE_MAP names roles that do not exist: {', '.join(unknown)}.",
                hint=f"The roles are {', '.join(ROLE_NAMES)}.",
                id="lkp.E013",
            )
        )
    if settings.OIDC_ROLE_MAP and not settings.OIDC_GROUPS_CLAIM:
        errors.append(Error("OIDC_ROLE_MAP is set without OIDC_GROUPS_CLAIM.", id="lkp.E014"))
    return errors


@register(Tags.security, deploy=True)
def single_sign_on_over_https(app_configs: Any, **kwargs: Any) -> list[Error]:
    if settings.OIDC_ISSUER and not settings.OIDC_ISSUER.startswith("https://"):
        return [Error("OIDC_ISSUER is not an https:// address.", id="lkp.E015")]
    return []
