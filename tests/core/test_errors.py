"""Error pages: never a traceback; a database outage is a 503 with Retry-After."""

import logging

import pytest
from django.db import OperationalError
from django.test import Client

from tests.support.server_errors import ServerErrors

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@pytest.mark.server_errors
@pytest.mark.urls("tests.core.error_urls")
def test_the_suite_sees_every_server_error_even_one_nobody_looks_at(visitor):
    # tests/conftest.py fails any test during which this handler sees a record.
    handler = ServerErrors()
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        visitor.get("/test-broken/")
        visitor.get("/test-database-down/")
        visitor.get("/no-such-page/")
    finally:
        logger.removeHandler(handler)
    assert [record.status_code for record in handler.records] == [500, 503]


@pytest.mark.server_errors
@pytest.mark.urls("tests.core.error_urls")
def test_an_unexpected_error_shows_a_plain_500_page_without_detail(visitor):
    response = visitor.get("/test-broken/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Något gick fel" in html
    assert 'lang="en"' in html and "Something went wrong" in html
    assert "Traceback" not in html
    assert "secret detail" not in html


@pytest.mark.server_errors
@pytest.mark.urls("tests.core.error_urls")
def test_a_database_outage_in_a_view_answers_503_with_retry_after(visitor):
    response = visitor.get("/test-database-down/")
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "tillfälligt otillgänglig" in html
    assert "Temporarily unavailable" in html
    assert "secret detail" not in html and "Traceback" not in html


@pytest.mark.server_errors
def test_a_database_outage_outside_the_view_is_a_503_too(visitor, monkeypatch):
    """The menu's query runs in a context processor, after the view; still a 503."""

    def down(self):
        raise OperationalError("no route to host")

    monkeypatch.setattr("pages.models.PageQuerySet.in_navigation", down)
    response = visitor.get("/ramverk/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"


@pytest.mark.parametrize(
    ("address", "status", "text"),
    [
        ("/finns-inte/", 404, "Sidan finns inte"),
        ("/en/does-not-exist/", 404, "Page not found"),
        ("/program/finns-inte/", 404, "Sidan finns inte"),
    ],
)
def test_not_found_pages_use_the_site_layout_in_the_visitors_language(
    visitor, address, status, text
):
    response = visitor.get(address)
    html = response.content.decode()
    assert response.status_code == status
    assert text in html
    assert 'href="#main"' in html  # the site layout, with its skip link
    assert "Traceback" not in html and "Resolver404" not in html


def test_health_check_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}
    assert "no-cache" in response["Cache-Control"]
