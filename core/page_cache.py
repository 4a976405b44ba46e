"""Whole-page cache for visitors without a session, emptied by every content edit.

Public pages are the same for every visitor who is not logged in, so the finished response
(body and headers) is kept in the shared cache (Redis or the database, see settings) and
served by PageCacheMiddleware, early in the middleware stack, until content changes:

- Views opt in with @cache_public_page; anything else (the admin, forms, errors) is never
  stored. Visitors with a session cookie (staff, who may see drafts) always get a fresh page.
- One *content version* (a random token in the cache) covers every cached page. Saving or
  deleting any model of an app in PAGE_CACHE_APPS replaces it, at once and again when the
  transaction commits, so an edit in the admin shows on the next request in every process.
  QuerySet.update() sends no signal: code that changes content with it calls
  content_changed() itself.
- Each process keeps the pages it served lately in memory too, so that a hit costs one small
  read (the version) from the shared cache instead of the whole page.
- When the shared cache cannot be reached, pages are rendered as if it were off; an edit
  then fails (its transaction rolls back) rather than leave stale pages behind.
- The Content-Security-Policy nonce differs per request: it is stored as a placeholder, in
  the body and in the header, and each hit gets a new one.
"""

import hashlib
import logging
import threading
import uuid
from collections import OrderedDict
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.utils.csp import generate_nonce

# Bump FORMAT when the stored entry changes shape, so a deploy never reads old entries.
FORMAT = 2
VERSION_KEY = "lkp:page-cache:version"
logger = logging.getLogger(__name__)
NONCE_PLACEHOLDER = "lkp-csp-nonce-placeholder"
NONCE_PLACEHOLDER_BYTES = NONCE_PLACEHOLDER.encode()
# Never looked up: the admin and the health check are always live.
SKIP_PREFIXES = ("/admin/", "/healthz", "/readyz", "/csp-report", "/static/", "/media/")
# Headers that belong to one response only.
NOT_STORED = {"set-cookie", "content-length", "date"}


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


def cache_public_page(view):
    """Mark ``view``'s successful responses as the same for every visitor without a session."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.public_page = True
        return response

    return wrapped


class LocalPages:
    """The process's most recently served pages (entries carry their content version)."""

    def __init__(self, size=256):
        self.size = size
        self._pages = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, version):
        entry = self._pages.get(key)
        return entry if entry is not None and entry["version"] == version else None

    def put(self, key, entry):
        with self._lock:
            self._pages[key] = entry
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)


class PageCacheMiddleware:
    """Serves stored public pages before sessions, CSRF, auth and the view run; stores the
    finished response of a @cache_public_page view on its way out. Goes right after
    WhiteNoise, so that SecurityMiddleware still adds its headers to every hit."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.local = LocalPages()

    def __call__(self, request):
        if not self._request_is_cacheable(request):
            return self.get_response(request)
        # Scheme and host are part of the key: a page has absolute links to its own host.
        path = f"{request.scheme}://{request.get_host()}{request.get_full_path()}".encode()
        digest = hashlib.sha256(path).hexdigest()
        key = f"lkp:page-cache:{FORMAT}:{settings.RELEASE}:page:{digest}"
        try:
            version, entry = self._lookup(key)
        except Exception:  # any backend's outage (Redis, the database): render instead
            logger.warning(
                "Page cache unreachable; %s served uncached", request.path, exc_info=True
            )
            return self.get_response(request)
        if entry is not None:
            return self._replay(entry)

        response = self.get_response(request)
        if getattr(response, "public_page", False) and self._response_is_cacheable(response):
            try:
                self._store(key, request, response, version)
            except Exception:  # the page is fine; it just is not kept
                logger.warning("Page cache unreachable; %s not stored", request.path, exc_info=True)
            else:
                response["X-Page-Cache"] = "miss"
        return response

    def _lookup(self, key):
        """(content version, stored entry or None)."""
        version = cache.get(VERSION_KEY)
        if version is None:
            return None, None
        entry = self.local.get(key, version)
        if entry is None:
            entry = cache.get(key)
            if entry is None or entry["version"] != version:
                return version, None
            self.local.put(key, entry)
        return version, entry

    def _store(self, key, request, response, version):
        if version is None:
            version = cache.get_or_set(VERSION_KEY, uuid.uuid4().hex, None)
        entry = self._entry(request, response, version)
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        self.local.put(key, entry)

    @staticmethod
    def _request_is_cacheable(request) -> bool:
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(SKIP_PREFIXES)
        )

    @staticmethod
    def _response_is_cacheable(response) -> bool:
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "no-store" not in cache_control
            and "private" not in cache_control
        )

    @staticmethod
    def _entry(request, response, version) -> dict:
        # The body stays encoded: a hit then sends the stored bytes as they are.
        content = response.content
        headers = {
            name: value for name, value in response.items() if name.lower() not in NOT_STORED
        }
        lazy_nonce = get_nonce(request)
        if lazy_nonce:  # a LazyNonce is false until a template has used it
            nonce = str(lazy_nonce)
            content = content.replace(nonce.encode(), NONCE_PLACEHOLDER_BYTES)
            headers = {
                name: value.replace(nonce, NONCE_PLACEHOLDER) for name, value in headers.items()
            }
        return {"version": version, "content": content, "headers": headers}

    @staticmethod
    def _replay(entry) -> HttpResponse:
        nonce = generate_nonce()
        headers = {
            name: value.replace(NONCE_PLACEHOLDER, nonce)
            for name, value in entry["headers"].items()
        }
        headers["X-Page-Cache"] = "hit"
        return HttpResponse(
            entry["content"].replace(NONCE_PLACEHOLDER_BYTES, nonce.encode()), headers=headers
        )
