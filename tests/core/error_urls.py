"""URLs for the error-page tests: the real site plus views that fail on purpose."""

from django.db import OperationalError
from django.urls import path

from lkp.urls import handler500  # noqa: F401 - handler500 is read
from lkp.urls import urlpatterns as site_patterns


def broken_view(request):
    raise RuntimeError("secret detail that must never reach a visitor")


def database_down_view(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: secret detail")


urlpatterns = [
    path("test-broken/", broken_view),
    path("test-database-down/", database_down_view),
    *site_patterns,
]
