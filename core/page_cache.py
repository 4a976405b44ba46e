"""Whole-page cache for visitors without a session, emptied by every content edit.

Public pages are the same for every visitor who is not logged in, so the rendered page is
kept in the shared cache (Redis or the database, see settings) and served from there until
content changes. Three rules keep it correct:

- One *content version* (a random token in the cache) covers every cached page. Saving or
  deleting any model of an app in PAGE_CACHE_APPS replaces it, at once and again when the
  transaction commits, so an edit in the admin shows on the next request in every process.
  A page and the version are read in one round trip (get_many). QuerySet.update() sends
  no signal: code that changes content with it calls content_changed() itself.
- Visitors with a session cookie (staff, who may see drafts) always get a fresh page.
- The Content-Security-Policy nonce differs per request: it is stored as a placeholder and
  replaced with the request's own nonce on the way out.
"""

import hashlib
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.utils.translation import get_language

VERSION_KEY = "lkp:page-cache:version"
NONCE_PLACEHOLDER = "lkp-csp-nonce-placeholder"


def _new_version() -> str:
    version = uuid.uuid4().hex
    cache.set(VERSION_KEY, version, None)
    return version


def content_changed() -> None:
    """Invalidate every cached page: now, and once more when the transaction commits (so
    that a page rendered from not yet committed data cannot outlive the commit)."""
    _new_version()
    transaction.on_commit(_new_version)


def content_changed_receiver(sender, **kwargs) -> None:
    """Signal receiver for post_save, post_delete and m2m_changed of content models."""
    if sender._meta.app_label in settings.PAGE_CACHE_APPS:
        content_changed()


def _page_key(request) -> str:
    address = f"{get_language()}:{request.get_full_path()}"
    return "lkp:page-cache:page:" + hashlib.sha256(address.encode()).hexdigest()


def _request_is_cacheable(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _response_is_cacheable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "no-store" not in response.get("Cache-Control", "")
        and "private" not in response.get("Cache-Control", "")
    )


def cache_public_page(view):
    """Serve ``view`` from the page cache when the visitor has no session."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _request_is_cacheable(request):
            return view(request, *args, **kwargs)
        key = _page_key(request)
        found = cache.get_many([VERSION_KEY, key])
        version, entry = found.get(VERSION_KEY), found.get(key)
        if entry is not None and version is not None and entry["version"] == version:
            content = entry["content"].replace(NONCE_PLACEHOLDER, str(get_nonce(request)))
            response = HttpResponse(content, content_type=entry["content_type"])
            response["X-Page-Cache"] = "hit"
            return response

        response = view(request, *args, **kwargs)
        if _response_is_cacheable(request, response):
            if version is None:
                version = cache.get_or_set(VERSION_KEY, uuid.uuid4().hex, None)
            content = response.content.decode(response.charset)
            nonce = get_nonce(request)
            if nonce:  # a LazyNonce is false until a template has used it
                content = content.replace(str(nonce), NONCE_PLACEHOLDER)
            cache.set(
                key,
                {"version": version, "content": content, "content_type": response["Content-Type"]},
                settings.PAGE_CACHE_SECONDS,
            )
            response["X-Page-Cache"] = "miss"
        return response

    return wrapped
