"""Seeing every 5xx the portal answers during the tests (tests/conftest.py fails the test)."""

import logging


class ServerErrors(logging.Handler):
    """Keeps every response of 500 or above that Django logs (django.request for the test
    client and the views, django.server for the live server the browser tests use)."""

    LOGGERS = ("django.request", "django.server")

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        status = getattr(record, "status_code", None)  # django.utils.log.log_response's
        if isinstance(status, int) and status >= 500:
            self.records.append(record)
