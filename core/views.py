"""Error pages, the health and readiness checks and the CSP report endpoint: views that must
answer even when the database is down."""

import json
import logging
import sys
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from . import throttle

logger = logging.getLogger(__name__)

# Seconds a client (or a proxy) should wait before trying again while the database is down.
RETRY_AFTER = 30


def standalone_page(template: str, status: int) -> HttpResponse:
    """A short Swedish and English page that needs neither the request (its Host may be
    one the portal does not serve), the database nor the static files' manifest (a build
    that did not collect them): the error pages."""
    try:
        stylesheet = static("css/site.css")
    except ValueError:  # no manifest entry
        stylesheet = f"{settings.STATIC_URL}css/site.css"
    context = {"site_name": settings.SITE_NAME, "stylesheet": stylesheet}
    return HttpResponse(loader.render_to_string(template, context), status=status)


def bad_request(request, exception=None):
    """handler400, also for a Host the portal does not serve (DisallowedHost)."""
    return standalone_page("400.html", 400)


def service_unavailable():
    """The short Swedish and English page for a database outage, 503 with Retry-After."""
    response = standalone_page("errors/503.html", 503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """handler500: an outage of the database is a 503, anything else a plain 500.

    Django calls this inside its exception handler, whatever layer raised (a view, a
    middleware or a context processor), so sys.exc_info() holds the error. Neither page
    touches the database or shows a traceback.
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return service_unavailable()
    return standalone_page("errors/500.html", 500)


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 when it does not (for load balancers and monitors)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse(
            {"status": "unavailable", "database": "down"},
            status=503,
            headers={"Retry-After": str(RETRY_AFTER)},
        )
    return JsonResponse({"status": "ok", "database": "up"})


#: Set once this process has seen every migration applied: migrations are not undone under
#: a running release, and reading the graph costs 60-100 ms per call.
_migrations_applied = False


def migrations_applied() -> bool:
    global _migrations_applied  # noqa: PLW0603
    if not _migrations_applied:
        executor = MigrationExecutor(connection)
        _migrations_applied = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrations_applied


@never_cache
@require_safe
def readyz(request):
    """Readiness, for the proxy or the orchestrator: 200 when this process can serve, 503
    naming what fails (the database, the shared cache, migrations not applied), never why:
    the details are in the log."""
    failing = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Readiness: the database does not answer")
        failing.append("database")
    else:
        try:
            if not migrations_applied():
                failing.append("migrations")
        except DatabaseError:
            logger.exception("Readiness: the migrations could not be read")
            failing.append("migrations")
    probe = f"readyz:{uuid.uuid4().hex}"
    try:
        cache.set(probe, "1", 10)
        if cache.get(probe) != "1":
            raise RuntimeError("the cache did not keep a value")
        cache.delete(probe)
    except Exception:
        logger.exception("Readiness: the shared cache does not answer")
        failing.append("cache")
    if failing:
        return JsonResponse(
            {"status": "unavailable", "failing": failing},
            status=503,
            headers={"Retry-After": str(RETRY_AFTER)},
        )
    return JsonResponse({"status": "ok"})


#: Reports a browser may send per address and minute; a report larger than this is refused.
CSP_REPORTS_PER_MINUTE = 30
CSP_REPORT_MAX_BYTES = 16 * 1024


def _without_query(uri: object) -> str:
    """An address without its query and fragment (they may carry personal data)."""
    if not isinstance(uri, str):
        return "-"
    parts = urlsplit(uri)
    if not parts.scheme:
        return uri[:40]  # "inline", "eval", "data" and the like
    return f"{parts.scheme}://{parts.netloc}{parts.path}"[:300]


@csrf_exempt
@require_POST
def csp_report(request):
    """Content-Security-Policy violation reports (the policy's report-uri), logged without
    personal data: the directive, and the page and blocked addresses without their query.
    Rate limited per client address."""
    wait = throttle.retry_after(request, "csp-report", CSP_REPORTS_PER_MINUTE, 60)
    if wait is not None:
        return HttpResponse(status=429, headers={"Retry-After": str(wait)})
    if len(request.body) > CSP_REPORT_MAX_BYTES:
        return HttpResponse(status=413)
    try:
        document = json.loads(request.body)
    except ValueError:
        return HttpResponse("Not a JSON report.", status=400, content_type="text/plain")
    reports = document if isinstance(document, list) else [document]
    for item in reports[:10]:
        report = item.get("csp-report") or item.get("body") if isinstance(item, dict) else None
        if not isinstance(report, dict):
            return HttpResponse("Not a CSP report.", status=400, content_type="text/plain")
        logger.warning(
            "CSP violation: %s on %s blocked %s",
            str(report.get("violated-directive") or report.get("effectiveDirective"))[:80],
            _without_query(report.get("document-uri") or report.get("documentURL")),
            _without_query(report.get("blocked-uri") or report.get("blockedURL")),
        )
    return HttpResponse(status=204)


def robots_txt(request):
    """Crawlers may read the public site; the staff's, ambassadors' and search pages are
    not for indexing. Points to the sitemap."""
    private = ["/admin/", "/ambassador/", "/accounts/", "/sok/"]
    lines = ["User-agent: *"]
    for prefix in private:
        lines += [f"Disallow: {prefix}", f"Disallow: /en{prefix}"]
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def unless_published(response: HttpResponse, obj) -> HttpResponse:
    """A preview of content that is not public yet (shown to the team and its writers) is
    never kept by the page cache, a proxy or the browser."""
    if not obj.is_published:
        patch_cache_control(response, private=True, no_store=True)
        response["X-Robots-Tag"] = "noindex"
    return response
