"""The example network: departments, ambassadors who can log in, marked example initiatives."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from ambassadors.models import Ambassador, Department
from initiatives.models import Initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_examples(loaded_examples):
    """The real programme with its example priorities."""


def load(*args):
    out = io.StringIO()
    call_command("load_example_network", "--force", "--initiatives", "20", *args, stdout=out)
    return out.getvalue()


def test_the_network_loads_departments_ambassadors_and_example_initiatives(with_examples):
    assert "initiatives: 20 created" in load()
    assert Department.objects.count() == 13
    assert Department.objects.without_ambassador().count() == 0
    assert Ambassador.objects.count() == 13
    assert Initiative.objects.count() == Initiative.objects.filter(is_example=True).count() == 20
    states = set(Initiative.objects.values_list("state", flat=True))
    assert states == {"draft", "submitted", "published"}


def test_loading_twice_adds_nothing(with_examples):
    load()
    assert "initiatives: 0 created" in load()
    assert Initiative.objects.count() == 20


def test_it_refuses_to_run_without_debug_unless_forced(with_examples):
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_example_network", stdout=io.StringIO())
    assert not Initiative.objects.exists()


def test_it_needs_the_example_priorities(loaded):
    with pytest.raises(CommandError, match="with-examples"):
        load()


def test_the_documented_logins_work_and_the_public_pages_mark_examples(with_examples):
    load()
    for username in ("ambassador-sof", "ambassador-ok", "team"):
        client = Client()
        answer = client.post(
            "/accounts/login/", {"username": username, "password": "lkp-exempel-2026"}
        )
        assert answer.status_code == 302, username
        assert client.get("/ambassador/").status_code == 200, username
    html = Client().get("/insatser/").content.decode()
    assert html.count("badge-example") >= 10  # every listed initiative carries the badge
