"""How long a login lasts (OWASP ASVS level 2, V3.3): at most SESSION_MAX_AGE after the
login whatever happens, at most STAFF_IDLE_SECONDS without a request for staff, and not
past the person's *log out everywhere*. An account made inactive is logged out already
(Django's backend no longer finds it)."""

import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)
LOGIN_AT, SEEN_AT = "lkp_login_at", "lkp_seen_at"
#: A person's *log out everywhere* moment is cached this long: a cut-off the cache could
#: not be told of (it was down) holds everywhere at most this much later.
CUTOFF_CACHE_SECONDS = 300
#: The last request is written to the session at most this often (seconds).
SEEN_RESOLUTION = 60


def _cutoff_key(user_id: int) -> str:
    return f"lkp:sessions-valid-after:{user_id}"


def valid_after(user_id: int) -> float:
    """When the person last logged out everywhere (a timestamp; 0 if never). Cached."""

    def read() -> float:
        from .models import SessionCutoff

        cutoff = SessionCutoff.objects.filter(user_id=user_id).first()
        return cutoff.valid_after.timestamp() if cutoff else 0.0

    try:
        return float(cache.get_or_set(_cutoff_key(user_id), read, CUTOFF_CACHE_SECONDS) or 0.0)
    except Exception:  # the shared cache is down: the database still knows
        logger.warning("Cache unreachable; reading the session cut-off from the database")
        return read()


def log_out_everywhere(user: Any) -> None:
    """End every session of ``user``, on every device, this one included."""
    from .models import SessionCutoff

    now = timezone.now()
    SessionCutoff.objects.update_or_create(user=user, defaults={"valid_after": now})
    try:
        cache.set(_cutoff_key(user.pk), now.timestamp(), CUTOFF_CACHE_SECONDS)
    except Exception:  # read from the database until the cache is back and has expired it
        logger.warning("Cache unreachable; the session cut-off is in the database only")


@receiver(user_logged_in, dispatch_uid="accounts.session_started")
def session_started(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    now = time.time()
    request.session[LOGIN_AT] = now
    request.session[SEEN_AT] = now


def ended(request: HttpRequest, now: float) -> bool:
    session, user = request.session, request.user
    login_at = session.get(LOGIN_AT)
    if login_at is None:  # a session from before these limits: they start now
        session[LOGIN_AT] = session[SEEN_AT] = now
        return False
    if now - login_at > settings.SESSION_MAX_AGE:
        return True
    if user.pk is not None and login_at < valid_after(user.pk):
        return True
    seen_at = session.get(SEEN_AT, login_at)
    if user.is_staff and now - seen_at > settings.STAFF_IDLE_SECONDS:
        return True
    if now - seen_at > SEEN_RESOLUTION:
        session[SEEN_AT] = now
    return False


class SessionLimitsMiddleware:
    """After AuthenticationMiddleware: a session past its limits is logged out, and the
    person sent to the login page, told why, with ``next`` back to where they were."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and ended(request, time.time()):
            logout(request)
            messages.info(request, _("Your session has ended. Log in again to go on."))
            if request.method == "GET":
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{resolve_url(settings.LOGIN_URL)}?{query}")
            return redirect(settings.LOGIN_URL)
        return self.get_response(request)
