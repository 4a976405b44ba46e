"""The open-data API against its own served OpenAPI schema, with schemathesis: every
operation, generated parameters, every default check (no server error, status codes,
content types and response bodies as the schema says)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.public_pages import load_example_pages

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
# Fetching the schema at import ran a request, whose page-cache lookup opened a connection
# to the real database before the test database exists; close it (and PostgreSQL's pool,
# which would otherwise keep the real database's settings for every test).
for connection in connections.all():
    connection.close()
    if hasattr(connection, "close_pool"):
        connection.close_pool()

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(loaded_examples):
    # schemathesis calls the WSGI application itself; like Django's test client, keep the
    # test's connection (and its transaction) open across those requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    load_example_pages()
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_schema(data, case):
    # The filters take codes (of priorities, departments, tags) that the schema gives as
    # strings: an unknown code is refused with a 400 on purpose (tests/api/test_api.py), so
    # "a schema-valid request is accepted" cannot hold for them. Every other check runs.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
