"""Sessions in the database with the shared cache in front, that keep working while the
cache is down (SESSION_ENGINE=accounts.session_store; settings use it where
django.contrib.sessions.backends.cached_db is asked for).

Django's cached_db store guards only its own save: reading a session that is not cached,
the new key a login makes (``exists``) and the old one it deletes all call the cache
unguarded, so with Redis down every login answered 500. Here every cache call is guarded:
the database is the truth, the cache a shortcut. A session is cached for at most
SESSION_CACHE_SECONDS, so that one deleted (a logout) while the cache could not be told
is not served from it for longer than that once the cache is back.
"""

import logging
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.core.cache.backends.base import BaseCache

logger = logging.getLogger(__name__)


class SessionStore(cached_db.SessionStore):
    # Django's, undeclared in its type stubs.
    _cache: BaseCache
    _session: dict[str, Any]

    def _cache_seconds(self, expiry_age: int) -> int:
        return max(0, min(expiry_age, settings.SESSION_CACHE_SECONDS))

    def load(self) -> dict[str, Any]:
        try:
            data = self._cache.get(self.cache_key)
        except Exception:
            logger.warning("Session cache unreachable; reading the session from the database")
            data = None
        if data is not None:
            return data
        stored = self._get_session_from_db()  # type: ignore[attr-defined] # Django's
        if not stored:
            return {}
        data = self.decode(stored.session_data)
        try:
            age = self.get_expiry_age(expiry=stored.expire_date)
            self._cache.set(self.cache_key, data, self._cache_seconds(age))
        except Exception:
            logger.warning("Session cache unreachable; the session was not cached")
        return data

    def exists(self, session_key: str | None) -> bool:
        if not session_key:
            return False
        try:
            if self.cache_key_prefix + session_key in self._cache:
                return True
        except Exception:
            logger.warning("Session cache unreachable; asking the database")
        return DatabaseStore.exists(self, session_key)

    def save(self, must_create: bool = False) -> None:
        DatabaseStore.save(self, must_create)
        try:
            age = self._cache_seconds(self.get_expiry_age())
            self._cache.set(self.cache_key, self._session, age)
        except Exception:
            logger.warning("Session cache unreachable; the session was saved to the database only")

    def delete(self, session_key: str | None = None) -> None:
        DatabaseStore.delete(self, session_key)
        key = session_key or self.session_key
        if key is None:
            return
        try:
            self._cache.delete(self.cache_key_prefix + key)
        except Exception:
            logger.warning(
                "Session cache unreachable; a deleted session may be served from it for up "
                "to SESSION_CACHE_SECONDS once it is back"
            )
