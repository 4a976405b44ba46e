"""Error pages and the health check: views that must answer even when the database is down."""

import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

# Seconds a client (or a proxy) should wait before trying again while the database is down.
RETRY_AFTER = 30


def service_unavailable():
    """The short Swedish and English page for a database outage, 503 with Retry-After."""
    response = HttpResponse(loader.render_to_string("errors/503.html"), status=503)
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
    return HttpResponse(loader.render_to_string("errors/500.html"), status=500)


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
