"""One log format for the web processes, the worker and the commands: time, level, logger,
the request id and the message; JSON lines when LOG_FORMAT=json.

Every request gets an id (the proxy's X-Request-ID when it sends a sane one, else a new
one), answered in the X-Request-ID header and carried into every log line of the request
and of the tasks it queues (:func:`traced` and :func:`enqueue`).
"""

import contextvars
import functools
import json
import logging
import re
import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
#: What a proxy may hand us as an id: short, printable, no spaces.
SANE_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")
#: The keyword argument that carries the id into a task.
TASK_KEYWORD = "_request_id"


class RequestIdMiddleware:
    """First in the chain, so that every line of the request carries the id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        token = request_id.set(given if SANE_ID.match(given) else uuid.uuid4().hex)
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id.get()
            return response
        finally:
            request_id.reset(token)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, request_id, message (and the
    traceback when there is one), for log collectors."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def enqueue(task: Any, *args: Any, **kwargs: Any) -> Any:
    """Enqueue ``task`` (a :func:`traced` task) with the current request id."""
    return task.enqueue(*args, **kwargs, **{TASK_KEYWORD: request_id.get()})


def traced(function: Callable[..., Any]) -> Callable[..., Any]:
    """For a task function: run it under the request id it was queued with."""

    @functools.wraps(function)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        token = request_id.set(kwargs.pop(TASK_KEYWORD, None) or f"task-{uuid.uuid4().hex[:12]}")
        try:
            return function(*args, **kwargs)
        finally:
            request_id.reset(token)

    return wrapped
