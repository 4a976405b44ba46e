"""Single sign-on with the municipality's identity provider, through OpenID Connect
(mozilla-django-oidc). Off unless OIDC_ISSUER is set; everything comes from the environment.

The flow: the login page's button starts at :class:`SignOnStart`, which sends the browser to
the provider with a state, a nonce and a PKCE challenge kept in the session. The provider
sends it back to :class:`SignOnCallback` with a code; :class:`SignOnBackend` exchanges the
code for tokens (server to server), checks the ID token's signature against the provider's
published keys, its issuer, audience, expiry and nonce, reads the person's claims and finds
the one active account with that e-mail address. Nobody gets an account from the provider:
an address without an account is refused, and so is one the provider has not verified.

Roles follow the provider only through OIDC_ROLE_MAP (a group in OIDC_GROUPS_CLAIM → a role
of accounts.roles): the mapped roles are set at each login, so a person the directory moves
out of the team loses the role the next time they sign in. Nothing else the provider says
makes anyone staff. A login the provider made with a second factor (OIDC_MFA_AMR among the
ID token's ``amr``) counts as the second factor (accounts.mfa)."""

from __future__ import annotations

import logging
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from . import services
from .roles import ROLE_NAMES

logger = logging.getLogger(__name__)

#: The session key that records a second factor shown to the provider in this login.
SECOND_FACTOR_AT_PROVIDER = "lkp_sso_second_factor"
#: How long the provider's discovery document is kept (seconds).
METADATA_SECONDS = 3600
#: The provider's endpoints: mozilla-django-oidc's setting → the discovery document's key.
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}

#: Why a sign-on did not log anyone in, as the login page says it.
FAILURES = {
    "unknown": gettext_lazy(
        "There is no account in the portal with the e-mail address your organisation's "
        "login gave. Ask the quality-of-life team for an invitation."
    ),
    "unverified": gettext_lazy(
        "Your organisation's login did not confirm your e-mail address, so the portal "
        "cannot tell which account is yours. Ask your IT support or log in with a password."
    ),
    "ambiguous": gettext_lazy(
        "More than one account has your e-mail address. Ask the quality-of-life team to "
        "sort it out; until then, log in with your password."
    ),
    "inactive": gettext_lazy(
        "Your account in the portal has been closed. Ask the quality-of-life team if you "
        "should have one."
    ),
    "cancelled": gettext_lazy("The login was cancelled. Nothing has changed."),
    "unavailable": gettext_lazy(
        "Your organisation's login could not be reached. Try again in a while, or log in "
        "with your password."
    ),
    "refused": gettext_lazy(
        "The login could not be completed: the answer from your organisation's login was "
        "not valid for this page. Start again from the login page."
    ),
}


class ProviderUnavailableError(Exception):
    """The provider's discovery document could not be read, or is not the issuer's."""


def enabled() -> bool:
    return bool(settings.OIDC_ISSUER)


def provider_name() -> str:
    return settings.OIDC_PROVIDER_NAME or _("your organisation's account")


def metadata() -> dict[str, Any]:
    """The provider's discovery document (OpenID Connect Discovery 1.0), kept for an hour;
    its ``issuer`` must be the configured one exactly."""
    issuer = settings.OIDC_ISSUER
    key = f"lkp:sso:metadata:{issuer}"
    document = cache.get(key)
    if document is None:
        url = f"{issuer}/.well-known/openid-configuration"
        try:
            response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as error:
            raise ProviderUnavailableError(f"{url}: {error}") from error
        if not isinstance(document, dict) or document.get("issuer") != issuer:
            found = document.get("issuer") if isinstance(document, dict) else None
            raise ProviderUnavailableError(f"{url} names the issuer {found!r}, not {issuer!r}")
        cache.set(key, document, METADATA_SECONDS)
    return document


def setting(name: str, *default: Any) -> Any:
    """mozilla-django-oidc's settings, with the provider's endpoints taken from discovery
    unless the environment names one (OIDC_OP_*_ENDPOINT)."""
    if name in ENDPOINTS and not getattr(settings, name, ""):
        try:
            return metadata()[ENDPOINTS[name]]
        except KeyError as error:
            raise ProviderUnavailableError(
                f"the provider publishes no {ENDPOINTS[name]}"
            ) from error
    if default:
        return getattr(settings, name, default[0])
    return getattr(settings, name)


def _fail(request: HttpRequest, reason: str) -> None:
    """Remember the first reason a sign-on failed, for the login page to say."""
    if not getattr(request, "sso_failure", None):
        request.sso_failure = reason  # type: ignore[attr-defined]


class SignOnBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, with the endpoints read when first needed (a password
    login never reaches the provider), the ID token checked in full, and accounts matched,
    never made."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        ModelBackend.__init__(self, *args, **kwargs)
        from django.contrib.auth import get_user_model

        self.UserModel = get_user_model()

    get_settings = staticmethod(setting)

    # The library reads these as attributes; here they are looked up at use.
    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: setting("OIDC_OP_TOKEN_ENDPOINT"))
    OIDC_OP_USER_ENDPOINT = property(lambda self: setting("OIDC_OP_USER_ENDPOINT"))
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: setting("OIDC_OP_JWKS_ENDPOINT"))
    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)
    OIDC_RP_CLIENT_SECRET = property(lambda self: settings.OIDC_RP_CLIENT_SECRET)
    OIDC_RP_SIGN_ALGO = property(lambda self: settings.OIDC_RP_SIGN_ALGO)
    OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request: Any, **credentials: Any) -> Any:
        # Only the callback's call (it passes the nonce); never a password login.
        if not enabled() or request is None or "nonce" not in credentials:
            return None
        return super().authenticate(request, **credentials)

    def get_payload_data(self, token: str | bytes, key: Any) -> dict[str, Any]:
        """The ID token's claims, once its signature (by the algorithm configured, never
        ``none``), issuer, audience, expiry and issue time are right."""
        try:
            algorithm = jwt.get_unverified_header(token).get("alg")
            if algorithm != self.OIDC_RP_SIGN_ALGO:
                raise jwt.InvalidAlgorithmError(f"signed with {algorithm!r}")
            return jwt.decode(
                token,
                key,
                algorithms=[algorithm],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_ISSUER,
                leeway=settings.OIDC_CLOCK_LEEWAY,
                options={"require": ["iss", "aud", "exp", "iat", "sub"]},
            )
        except jwt.PyJWTError as error:
            raise SuspiciousOperation(f"ID token refused: {error}") from error

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        """The userinfo claims; the ID token's ``sub`` must be the same person's, and its
        ``amr`` (how the provider authenticated them) is kept for the second factor."""
        claims = super().get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The userinfo is not the ID token's subject.")
        amr = payload.get("amr") or []
        self.request.sso_second_factor = bool(
            isinstance(amr, list) and set(amr) & set(settings.OIDC_MFA_AMR)
        )
        return {**payload, **claims}

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        if not isinstance(claims.get(settings.OIDC_EMAIL_CLAIM), str):
            _fail(self.request, "unknown")
            return False
        verified_claim = settings.OIDC_EMAIL_VERIFIED_CLAIM
        if verified_claim and claims.get(verified_claim) is not True:
            _fail(self.request, "unverified")
            return False
        return True

    def describe_user_by_claims(self, claims: dict[str, Any]) -> str:
        return f"e-mail {claims.get(settings.OIDC_EMAIL_CLAIM)}"

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        users = self.UserModel.objects.filter(email__iexact=claims[settings.OIDC_EMAIL_CLAIM])
        found = len(users)
        if found == 0:
            _fail(self.request, "unknown")
        elif found > 1:
            _fail(self.request, "ambiguous")
        elif not users[0].is_active:
            _fail(self.request, "inactive")
            return self.UserModel.objects.none()
        return users

    def create_user(self, claims: dict[str, Any]) -> Any:
        raise SuspiciousOperation("Single sign-on never creates an account.")

    def update_user(self, user: Any, claims: dict[str, Any]) -> Any:
        sync_roles(user, claims)
        return user

    def get_user(self, user_id: Any) -> Any:
        return ModelBackend.get_user(self, user_id)  # an inactive account is logged out


@transaction.atomic
def sync_roles(user: Any, claims: dict[str, Any]) -> None:
    """Give ``user`` the roles that OIDC_ROLE_MAP maps the provider's groups to, and take
    away the mapped roles the groups no longer give. Roles nobody mapped are left alone; a
    person who held a mapped role and now has none loses staff status (a superuser keeps
    it). Nothing happens when no group claim or map is configured."""
    mapping: dict[str, str] = settings.OIDC_ROLE_MAP
    claim = settings.OIDC_GROUPS_CLAIM
    if not (claim and mapping):
        return
    groups = claims.get(claim) or []
    if isinstance(groups, str):
        groups = [groups]
    wanted = {mapping[group] for group in groups if isinstance(group, str) and group in mapping}
    managed = set(mapping.values())
    held = set(user.groups.filter(name__in=managed).values_list("name", flat=True))
    if held - wanted:
        user.groups.remove(*Group.objects.filter(name__in=held - wanted))
    if wanted - held:
        user.groups.add(*Group.objects.filter(name__in=wanted - held))  # staff follows (signals)
    if held and not wanted and user.is_staff and not user.is_superuser:
        if not user.groups.filter(name__in=ROLE_NAMES).exists():
            type(user).objects.filter(pk=user.pk).update(is_staff=False)
            user.is_staff = False


class SignOnStart(OIDCAuthenticationRequestView):
    """``/accounts/sso/``: to the provider, with a state, a nonce and a PKCE challenge."""

    get_settings = staticmethod(setting)

    def __init__(self, **kwargs: Any) -> None:
        View.__init__(self, **kwargs)  # the endpoint is read at the request, not before

    OIDC_OP_AUTH_ENDPOINT = property(lambda self: setting("OIDC_OP_AUTHORIZATION_ENDPOINT"))
    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            raise Http404
        try:
            return super().get(request)
        except ProviderUnavailableError as error:
            logger.warning("Single sign-on: the provider is unavailable: %s", error)
            messages.error(request, FAILURES["unavailable"])
            return redirect("login")


class SignOnCallback(OIDCAuthenticationCallbackView):
    """``/accounts/sso/tillbaka/``: where the provider sends the browser back. Whatever goes
    wrong ends on the login page, which says why in words; nobody is logged in."""

    get_settings = staticmethod(setting)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            raise Http404
        if request.GET.get("error"):
            _fail(request, "cancelled" if request.GET["error"] == "access_denied" else "refused")
        try:
            return super().get(request)
        except SuspiciousOperation as error:  # a state this browser was not given, a bad token
            logger.warning("Single sign-on refused: %s", error)
            _fail(request, "refused")
        except requests.HTTPError as error:
            status = error.response.status_code if error.response is not None else 500
            logger.warning("Single sign-on: the provider answered %s: %s", status, error)
            _fail(request, "refused" if status < 500 else "unavailable")
        except (ProviderUnavailableError, requests.RequestException) as error:
            logger.warning("Single sign-on: the provider is unavailable: %s", error)
            _fail(request, "unavailable")
        return self.login_failure()

    def login_failure(self) -> HttpResponse:
        request = self.request
        _fail(request, "refused")
        logger.info("Single sign-on logged nobody in: %s", request.sso_failure)
        messages.error(request, FAILURES[request.sso_failure])
        return redirect("login")

    def login_success(self) -> HttpResponse:
        response = super().login_success()  # logs in: a new session
        request = self.request
        if getattr(request, "sso_second_factor", False):
            request.session[SECOND_FACTOR_AT_PROVIDER] = True
        services.invitation_accepted(self.user)
        logger.info("Single sign-on: user %s logged in", self.user.pk)
        return response


def second_factor_at_provider(request: HttpRequest) -> bool:
    """Whether this login's second factor was shown to the provider."""
    return bool(request.session.get(SECOND_FACTOR_AT_PROVIDER))
