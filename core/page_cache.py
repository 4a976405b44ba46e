"""Whole-page cache for visitors without a session, invalidated by what each page shows.

Public pages are the same for every visitor who is not logged in, so the finished response
(body and headers) is kept in the shared cache (Redis or the database, see settings) and
served by PageCacheMiddleware, early in the middleware stack:

- Views opt in with @cache_public_page(*dependencies); anything else (the admin, forms, errors) is
  never stored. Visitors with a session cookie (staff, who may see drafts, and whoever just
  made an edit) always get a fresh page.
- A page *depends on* pieces of content, named from the models that hold them: a model
  (``Initiative``: any initiative, for a list) or one object (``one(Initiative, 12)``, or
  ``one(FollowupRound, 2025, field="year")`` by a unique field). The view's decorator names
  the fixed ones, the view or a context processor adds the rest with depends_on(request, …).
  Each app registers its public models (register()), saying what else an edit of one of
  their objects touches (a link is part of its initiative); post_save, post_delete and
  m2m_changed are followed. A model nobody registered cannot be depended on: naming one
  raises ImproperlyConfigured, so a wrong dependency fails the first test that renders the
  page. Each dependency is a *tag* (``initiatives.initiative:12``), made by one function
  (tag()). Every page also depends on ALL, which clear_page_cache and content_changed()
  without dependencies replace.
- A tag's *version* is the time its content last changed, kept in the shared cache. An edit
  collects its tags and writes their new versions once, when its transaction commits, so
  every process sees the change; an edit whose transaction rolls back changes nothing.
  History rows and models nobody registered change nothing, and with the cache off nothing
  is written at all. QuerySet.update() and bulk writes send no signal: code that changes
  content with them calls objects_changed(the objects) itself.
- A stored page records the versions of its tags when it was rendered. A page whose tags
  are unchanged is served as it is ("hit"). A page some of whose content has changed is
  still served for at most PAGE_CACHE_STALE_SECONDS after the change ("stale"), while the
  worker renders it again (refresh_page); after that bound it is rendered in the request.
  So an edit is visible to everyone within the bound, and visitors never wait for a page
  while the team edits.
- Each process keeps the pages it served lately in memory too, with the time of the latest
  change of any tag when it last found each fresh. While that time is unchanged a hit is
  served from memory; the process reads it from the shared cache at most once per
  PAGE_CACHE_CHECK_SECONDS (and knows its own edits at once), so most hits cost no round
  trip. After a change the page's tags are read, in one round trip.
- When the shared cache cannot be reached, pages are rendered as if it were off; an edit
  then fails (its transaction rolls back) rather than leave stale pages behind.
- The Content-Security-Policy nonce differs per request: it is stored as a placeholder, in
  the body and in the header, and each hit gets a new one.
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, NewType

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.utils import translation
from django.utils.csp import generate_nonce

# Bump FORMAT when the stored entry changes shape, so a deploy never reads old entries.
FORMAT = 4
TAG_PREFIX = "lkp:page-cache:tag:"
# The time of the latest change of any tag: a page this process last found fresh is still
# fresh while it is unchanged, so a hit costs this one read, whatever the page depends on.
CHANGED_KEY = "lkp:page-cache:changed"
# The version of a tag nothing has changed yet (see _start_versions).
FIRST_VERSION = 0
logger = logging.getLogger(__name__)
NONCE_PLACEHOLDER = "lkp-csp-nonce-placeholder"
NONCE_PLACEHOLDER_BYTES = NONCE_PLACEHOLDER.encode()
# Never looked up: the admin and the health check are always live.
SKIP_PREFIXES = ("/admin/", "/healthz", "/readyz", "/csp-report", "/static/", "/media/")
# Headers that belong to one response only.
NOT_STORED = {"set-cookie", "content-length", "date"}

#: The name of a piece of content, as tag() makes it; pages record their tags' versions.
Tag = NewType("Tag", str)
ALL = Tag("all")
#: What a page shows or an edit touches: a registered model (any of its objects) or a tag.
type Dependency = type[Model] | Tag
Touches = Callable[[Any], Iterable[Dependency]]
_registry: dict[type[Model], Touches | None] = {}
_pending = threading.local()
# (CHANGED_KEY's value, time.monotonic() when it was read): see latest_change().
_changed: tuple[int | None, float] = (None, float("-inf"))


def register[M: Model](model: type[M], touches: Callable[[M], Iterable[Dependency]] | None = None):
    """Make ``model`` a piece of public content (called in AppConfig.ready()): an edit of
    one of its objects touches the model and the object, and what ``touches`` says of it
    (the object it is part of, say)."""
    _registry[model] = touches


def registered(model: type[Model]) -> bool:
    return model in _registry


def tag(model: type[Model], key: object = None, *, field: str = "pk") -> Tag:
    """The tag of ``model`` (any of its objects), or of its object whose ``field`` (the
    primary key, or another unique field) is ``key``. A model nobody registered, or a field
    that does not name one object, raises ImproperlyConfigured."""
    if model not in _registry:
        raise ImproperlyConfigured(
            f"{model.__name__} is not registered with the page cache (core.page_cache."
            "register): its edits would never replace the pages that show it."
        )
    label = model._meta.label_lower
    if key is None:
        return Tag(label)
    if field == "pk":
        return Tag(f"{label}:{key}")
    if not getattr(model._meta.get_field(field), "unique", False):
        raise ImproperlyConfigured(f"{model.__name__}.{field} does not name one object.")
    return Tag(f"{label}:{field}={key}")


def as_tags(dependencies: Iterable[Dependency]) -> set[Tag]:
    """The tags of ``dependencies`` (a model stands for tag(model))."""
    return {
        dependency if isinstance(dependency, str) else tag(dependency)
        for dependency in dependencies
    }


def tags_of(obj: Model) -> set[Tag]:
    """The tags an edit of ``obj`` touches; none for a model nobody registered."""
    model = type(obj)
    if model not in _registry:
        return set()
    touches = _registry[model]
    return {tag(model), tag(model, obj.pk), *as_tags(touches(obj) if touches else ())}


def depends_on(request: HttpRequest, *dependencies: Dependency) -> None:
    """Record that the page being rendered for ``request`` shows these pieces of content."""
    request.__dict__.setdefault("page_cache_tags", set()).update(as_tags(dependencies))


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def _tag_key(tag: str) -> str:
    return f"{TAG_PREFIX}{tag}"


def content_changed(*dependencies: Dependency) -> None:
    """The content ``dependencies`` name changed (everything, without any): the pages that
    show it are replaced once the transaction commits, or at once outside a transaction."""
    if not enabled():
        return
    changed = as_tags(dependencies) or {ALL}
    pending = _pending.__dict__.setdefault("tags", set())
    if pending and not _write_is_waiting():
        pending.clear()  # collected by a transaction that rolled back
    if not pending:
        # Fail the edit now, inside its transaction, if the cache cannot be told after it.
        cache.get(_tag_key(ALL))
    pending.update(changed)
    # Registered every time: a callback of a savepoint that rolls back is dropped, while
    # what it collected stays pending. The first callback to run writes them all, once.
    transaction.on_commit(_write_pending)


def objects_changed(objects: Iterable[Model]) -> None:
    """``objects`` were written in bulk (bulk_create, bulk_update, QuerySet.update()), which
    sends no signal: the pages that show any of them are replaced, as for a save of each."""
    touched = set().union(*(tags_of(obj) for obj in objects))
    if touched:
        content_changed(*touched)


def _write_is_waiting() -> bool:
    """Whether a transaction of this thread still holds a callback that writes the pending
    tags (none does once it has committed or rolled back)."""
    connection = transaction.get_connection()
    return any(callback is _write_pending for _sids, callback, _robust in connection.run_on_commit)


def _write_pending() -> None:
    tags: set[str] = getattr(_pending, "tags", set())
    _pending.tags = set()
    if tags:
        version = time.time_ns()
        versions = {_tag_key(tag): version for tag in tags}
        cache.set_many({**versions, CHANGED_KEY: version}, None)
        forget_latest_change()  # this process sees its own edits at once


def latest_change() -> int | None:
    """CHANGED_KEY's value, read from the shared cache at most once per
    PAGE_CACHE_CHECK_SECONDS: another process's edit is noticed that much later."""
    global _changed  # noqa: PLW0603
    value, read_at = _changed
    now = time.monotonic()
    if now - read_at >= settings.PAGE_CACHE_CHECK_SECONDS:
        value = cache.get(CHANGED_KEY)
        _changed = (value, now)
    return value


def forget_latest_change() -> None:
    global _changed  # noqa: PLW0603
    _changed = (None, float("-inf"))


def content_changed_receiver(sender, instance=None, **kwargs) -> None:
    """post_save, post_delete and m2m_changed: the tags of the object edited (and, for a
    relation changed from its other side, of the objects added or removed)."""
    if instance is None or not enabled():
        return
    action = kwargs.get("action")
    if action is not None and not action.startswith("post_"):
        return  # m2m_changed: the post_ signal of the same change follows
    if kwargs.get("reverse"):
        # A relation belongs to the model that declares it: the objects added to or removed
        # from ``instance`` (from the relation's other side) are the ones that changed.
        model, pks = kwargs["model"], kwargs.get("pk_set") or ()
        tags = set()
        if model in _registry and pks:
            for related in model._default_manager.filter(pk__in=pks):
                tags |= tags_of(related)
    else:
        tags = tags_of(instance)
    if tags:
        content_changed(*tags)


def cache_public_page(*dependencies: Dependency):
    """Mark a view's successful responses as the same for every visitor without a session;
    ``dependencies`` are the pieces of content every page of the view shows."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            depends_on(request, ALL, *dependencies)
            response = view(request, *args, **kwargs)
            response.public_page = True
            return response

        wrapped.page_cache_depends = dependencies  # type: ignore[attr-defined]
        return wrapped

    return decorator


class LocalPages:
    """The process's most recently served pages, each with the value of CHANGED_KEY when
    it was last found fresh (None: to be checked tag by tag)."""

    def __init__(self, size=256):
        self.size = size
        self._pages: OrderedDict[str, tuple[dict, int | None]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key) -> tuple[dict | None, int | None]:
        return self._pages.get(key, (None, None))

    def clear(self):
        with self._lock:
            self._pages.clear()

    def put(self, key, entry, checked=None):
        with self._lock:
            self._pages[key] = (entry, checked)
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)


def versions_of(tags: Iterable[str]) -> dict[str, int | None]:
    tags = list(tags)
    found = cache.get_many([_tag_key(tag) for tag in tags])
    return {tag: found.get(_tag_key(tag)) for tag in tags}


def is_fresh(entry: dict, versions: dict) -> bool:
    return all(
        version is not None and versions.get(tag) == version
        for tag, version in entry["versions"].items()
    )


def _changed_at(entry: dict, versions: dict) -> float:
    """When the oldest change that a stored page does not show was made (seconds since the
    epoch); 0 when a tag's version is lost (the shared cache emptied), so it is rendered."""
    changed = [
        version for tag, version in versions.items() if version != entry["versions"].get(tag)
    ]
    if not changed or None in changed:
        return 0.0
    return min(changed) / 1e9


def _start_versions(versions: dict[str, int | None]) -> dict[str, int | None]:
    """Give the tags nothing has changed yet (or lost when the shared cache was emptied)
    their first version, and read them again (another process may have been first).
    The first version is the epoch: older than any page or fragment being made now, so
    what is made now is fresh, and a copy kept from before an emptied cache is not."""
    for tag, version in versions.items():
        if version is None:
            cache.add(_tag_key(tag), FIRST_VERSION, None)
    cache.add(CHANGED_KEY, FIRST_VERSION, None)
    forget_latest_change()
    return versions_of(versions)


_fragments = LocalPages(size=512)


def fragment[T](name: str, dependencies: Iterable[Dependency], render: Callable[[], T], *vary) -> T:
    """A part of a page (its HTML, or what a view builds from several queries) that shows
    the content ``dependencies`` name: kept in this process's memory, in pages stored whole or not
    and for logged-in people too, and made again by ``render()`` once one of the tags has
    changed. ``vary``: what else the part depends on besides the language. It must not hold
    anything of one request (a CSRF token, a nonce, the user's name).

    Its tags are checked the way a stored page's are: while nothing at all has changed,
    no round trip; after a change, one read of the part's tags."""
    if not enabled():
        return render()
    key = (name, translation.get_language(), *vary)
    shown = {*as_tags(dependencies), ALL}
    try:
        entry, checked = _fragments.get(key)
        changed = latest_change()
        if entry is not None and changed is not None and changed == checked:
            return entry["content"]
        versions = versions_of(shown)
        if entry is not None and is_fresh(entry, versions):
            _fragments.put(key, entry, changed)
            return entry["content"]
        if None in versions.values():
            versions = _start_versions(versions)
            changed = latest_change()
    except Exception:  # any backend's outage: made every time, as with the cache off
        logger.warning("Page cache unreachable; fragment %s not kept", name, exc_info=True)
        return render()
    # The versions were read before rendering: a change made meanwhile is seen next time.
    content = render()
    _fragments.put(key, {"versions": versions, "content": content}, changed)
    return content


def forget_fragments() -> None:
    """Empty this process's fragments (tests)."""
    _fragments.clear()


def page_key(url: str) -> str:
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"lkp:page-cache:{FORMAT}:{settings.RELEASE}:page:{digest}"


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
        url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        key = page_key(url)
        if not getattr(request, "page_cache_refresh", False):
            try:
                state, entry = self._lookup(key)
            except Exception:  # any backend's outage (Redis, the database): render instead
                logger.warning(
                    "Page cache unreachable; %s served uncached", request.path, exc_info=True
                )
                return self.get_response(request)
            if state == "stale":
                self._refresh_later(key, url)
            if entry is not None:
                return self._replay(entry, state)

        started = time.time_ns()
        response = self.get_response(request)
        if getattr(response, "public_page", False) and self._response_is_cacheable(response):
            try:
                self._store(key, request, response, started)
            except Exception:  # the page is fine; it just is not kept
                logger.warning("Page cache unreachable; %s not stored", request.path, exc_info=True)
            else:
                response["X-Page-Cache"] = "miss"
        return response

    def _lookup(self, key):
        """("hit" | "stale" | "expired" | "miss", the entry to serve or None)."""
        entry, checked = self.local.get(key)
        from_memory = entry is not None
        # Read before the tags: a change made while they are read is checked again next time.
        changed = latest_change()
        if from_memory and changed is not None and changed == checked:
            return "hit", entry
        if entry is None:
            entry = cache.get(key)
            if entry is None:
                return "miss", None
        versions = versions_of(entry["versions"])
        if is_fresh(entry, versions):
            self.local.put(key, entry, changed)
            return "hit", entry
        if from_memory:  # another process (the worker) may have stored it again
            shared = cache.get(key)
            if shared is not None and shared["rendered_at"] > entry["rendered_at"]:
                self.local.put(key, shared)
                entry = shared
                if shared["versions"].keys() != versions.keys():
                    versions = versions_of(shared["versions"])
                if is_fresh(shared, versions):
                    self.local.put(key, shared, changed)
                    return "hit", shared
        if time.time() - _changed_at(entry, versions) < settings.PAGE_CACHE_STALE_SECONDS:
            return "stale", entry
        return "expired", None  # changed too long ago to serve: render it in this request

    @staticmethod
    def _refresh_later(key: str, url: str) -> None:
        """Have the worker render the page again, once per bound, whoever asks."""
        if settings.PAGE_CACHE_STALE_SECONDS <= 0:
            return
        from .tasks import refresh_page

        try:
            if cache.add(f"{key}:refreshing", 1, settings.PAGE_CACHE_STALE_SECONDS):
                refresh_page.enqueue(url)
        except Exception:  # the stale page is still served, and rendered here after the bound
            logger.warning("Could not ask for %s to be rendered again", url, exc_info=True)

    def _store(self, key, request, response, started):
        tags = request.__dict__.get("page_cache_tags", {ALL})
        versions = versions_of(tags)
        if None in versions.values():
            versions = _start_versions(versions)
        # A tag that changed while the page was rendered: the page may show either side of
        # the change, so it is stored as already stale (served within the bound, redone).
        versions = {
            tag: version if version is not None and version <= started else None
            for tag, version in versions.items()
        }
        entry = self._entry(request, response, versions, started)
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        cache.delete(f"{key}:refreshing")
        self.local.put(key, entry)

    @staticmethod
    def _request_is_cacheable(request) -> bool:
        return (
            enabled()
            and settings.PAGE_CACHE_WHOLE_PAGES
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
    def _entry(request, response, versions, started) -> dict:
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
        return {
            "versions": versions,
            "rendered_at": started,
            "content": content,
            "headers": headers,
        }

    @staticmethod
    def _replay(entry, state) -> HttpResponse:
        nonce = generate_nonce()
        headers = {
            name: value.replace(NONCE_PLACEHOLDER, nonce)
            for name, value in entry["headers"].items()
        }
        headers["X-Page-Cache"] = state
        return HttpResponse(
            entry["content"].replace(NONCE_PLACEHOLDER_BYTES, nonce.encode()), headers=headers
        )
