"""The open-data API against its own served OpenAPI schema, with schemathesis: every
operation, generated parameters, every default check (no server error, status codes,
content types and response bodies as the schema says)."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.public_pages import load_example_pages

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(loaded_examples):
    load_example_pages()


@schema.parametrize()
@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_schema(data, case):
    # The filters take codes (of priorities, departments, tags) that the schema gives as
    # strings: an unknown code is refused with a 400 on purpose (tests/api/test_api.py), so
    # "a schema-valid request is accepted" cannot hold for them. Every other check runs.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
