"""Requests per client address and period, counted in the shared cache (so every app
process counts together). The client's address is the one login throttling uses
(django-axes, which honours AXES_IPWARE_PROXY_COUNT behind a proxy)."""

import logging
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from axes.helpers import get_client_ip_address
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def client_address(request: HttpRequest) -> str:
    return get_client_ip_address(request) or "unknown"


def retry_after(request: HttpRequest, scope: str, limit: int, period: int) -> int | None:
    """Count this request; the seconds to wait when ``limit`` is passed, else None."""
    window = int(time.time() // period)
    key = f"throttle:{scope}:{client_address(request)}:{window}"
    try:
        if cache.add(key, 1, period + 1):
            count = 1
        else:
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, period + 1)
                count = 1
    except Exception:  # the shared cache is down: serve, rather than refuse everyone
        logger.warning("Cache unreachable; %s is not throttled meanwhile", scope)
        return None
    if count <= limit:
        return None
    return max(1, int((window + 1) * period - time.time()))


def throttled(
    scope: str,
    *,
    limit: Callable[[], int],
    period: int = 60,
    methods: tuple[str, ...] | None = None,
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """A view answers 429 with Retry-After once a client passes ``limit()`` requests in
    ``period`` seconds (counting only ``methods``, when given)."""

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if methods is not None and request.method not in methods:
                return view(request, *args, **kwargs)
            wait = retry_after(request, scope, limit(), period)
            if wait is not None:
                body = render_to_string("429.html", {"retry_after": wait}, request=request)
                return HttpResponse(body, status=429, headers={"Retry-After": str(wait)})
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
