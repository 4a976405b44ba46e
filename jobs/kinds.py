"""The kinds of job, each registered by the app that owns it (in its AppConfig.ready()):
what the worker runs, who may download what it built, and what its file is called."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise

if TYPE_CHECKING:
    from core.review import User

    from .models import Job

#: The runner's progress callback: (done, total, step).
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class JobKind:
    name: str
    label: str | Promise
    #: Carries the job out: writes ``job.file`` and ``job.result`` (saved by the caller)
    #: or raises; a ValidationError's messages are the job's error as the team reads it.
    run: Callable[..., None]
    #: Who may download the job's file (the admin's download link and view).
    may_download: Callable[[User], bool] = lambda user: False
    #: The file's name when downloaded, and its content type.
    download_name: Callable[[Job], str] = lambda job: _file_name(job)
    content_type: Callable[[Job], str] = lambda job: "application/octet-stream"
    #: How the job reads in a list ("Annual export 2025 (xlsx)").
    describe: Callable[[Job], str] = lambda job: str(job.get_kind_display())
    #: What a finished job without a file reports ("12 created, 3 updated, …").
    summarise: Callable[[Job], str] = lambda job: ""
    #: Errors the team reads as they are (besides ValidationError); others are named by type.
    plain_errors: tuple[type[Exception], ...] = ()


def _file_name(job: Job) -> str:
    return str(job.file.name).rsplit("/", 1)[-1]


_kinds: dict[str, JobKind] = {}


def register(kind: JobKind) -> JobKind:
    if kind.name in _kinds and _kinds[kind.name] != kind:
        raise ImproperlyConfigured(f"Two kinds of job are called {kind.name!r}.")
    _kinds[kind.name] = kind
    return kind


def get(name: str) -> JobKind:
    try:
        return _kinds[name]
    except KeyError:
        raise ImproperlyConfigured(f"No kind of job is called {name!r}.") from None


def choices() -> list[tuple[str, Any]]:
    return [(kind.name, kind.label) for kind in _kinds.values()]
