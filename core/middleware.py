"""Bad input is a 400 before it reaches the database: characters no database keeps (NUL)
in the path, the query string or a form field, and numbers beyond what a column holds."""

import logging
from collections.abc import Callable

from django.db import DataError
from django.http import HttpRequest, HttpResponse, JsonResponse

logger = logging.getLogger(__name__)
REFUSED = "\x00"


def _bad_request(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):  # the open data's errors are JSON, as documented
        return JsonResponse(
            {"detail": "The request holds a value the database cannot keep."}, status=400
        )
    from .views import bad_request

    return bad_request(request)


class RejectUnstorableInput:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if REFUSED in request.path or any(
            REFUSED in value for _key, values in request.GET.lists() for value in values
        ):
            return _bad_request(request)
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            fields = request.POST.lists()
            if any(REFUSED in key or any(REFUSED in v for v in values) for key, values in fields):
                return _bad_request(request)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A number too large for the database (SQLite's OverflowError, PostgreSQL's "out
        of range") came from the request: it is the client's error, not the server's."""
        if isinstance(exception, OverflowError) or (
            isinstance(exception, DataError) and "out of range" in str(exception)
        ):
            logger.info("Refused a value out of the database's range: %s", request.path)
            return _bad_request(request)
        return None


class HealthProbes:
    """/healthz and /readyz answered before the Host is checked and before the redirect to
    HTTPS: a load balancer, compose's health check or an orchestrator asks for them at the
    container's own address, over plain HTTP. They show nothing but "ok" or what fails."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from . import views

        probe = {"/healthz": views.healthz, "/readyz": views.readyz}.get(request.path_info)
        if probe is not None:
            return probe(request)
        return self.get_response(request)
