"""Error reporting through Sentry (or a Sentry-compatible service such as GlitchTip), on
only when SENTRY_DSN is set. No personal data is sent: no user, no cookies, no request
bodies; each event carries the request id and the release."""

from typing import TYPE_CHECKING, Any

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration

from .logs import request_id

if TYPE_CHECKING:
    from sentry_sdk.types import Event


def _tag_request_id(event: "Event", hint: dict[str, Any]) -> "Event":
    event.setdefault("tags", {})["request_id"] = request_id.get()
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("cookies", None)
        request.pop("data", None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            headers.pop("Cookie", None)
    return event


def init_sentry(dsn: str, *, release: str, environment: str, traces: float = 0.0) -> None:
    if not dsn:
        return
    sentry_sdk.init(
        dsn=dsn,
        release=release,
        environment=environment,
        integrations=[DjangoIntegration()],
        # No user, cookies, bodies or query strings (they may carry personal data).
        data_collection={
            "user_info": False,
            "http_bodies": [],
            "stack_frame_variables": False,
        },
        traces_sample_rate=traces,
        before_send=_tag_request_id,
    )
