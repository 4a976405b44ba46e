"""The worker's side of the page cache: rendering a stored page again after an edit."""

import io
import logging
from urllib.parse import unquote_to_bytes, urlsplit

from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.tasks import task

from .logs import traced

logger = logging.getLogger(__name__)
_handler: BaseHandler | None = None


def _get_handler() -> BaseHandler:
    """One middleware chain per worker process, as a web server has."""
    global _handler  # noqa: PLW0603
    if _handler is None:
        handler = BaseHandler()
        handler.load_middleware()
        _handler = handler
    return _handler


def anonymous_request(url: str) -> WSGIRequest:
    """A GET of ``url`` as a visitor without cookies sends it."""
    parts = urlsplit(url)
    secure = parts.scheme == "https"
    return WSGIRequest(
        {
            "REQUEST_METHOD": "GET",
            # WSGI gives the path as its bytes read as Latin-1.
            "PATH_INFO": unquote_to_bytes(parts.path).decode("latin-1"),
            "QUERY_STRING": parts.query,
            "SCRIPT_NAME": "",
            "SERVER_NAME": parts.hostname or "localhost",
            "SERVER_PORT": str(parts.port or (443 if secure else 80)),
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": parts.netloc,
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": parts.scheme,
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": io.StringIO(),
        }
    )


@task
@traced
def refresh_page(url: str) -> int:
    """Render the public page at ``url`` as a visitor without a session would get it, and
    store it (core.page_cache); the status it answered."""
    request = anonymous_request(url)
    request.page_cache_refresh = True  # type: ignore[attr-defined]
    # Not response.close(): that ends a request cycle (request_finished closes the database
    # connections), and the worker, not the task, owns this process's connections.
    response = _get_handler().get_response(request)
    if response.status_code != 200:
        logger.info("Rendering %s again answered %s", url, response.status_code)
    return response.status_code
