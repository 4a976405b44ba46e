"""Departments and ambassadors: coverage of the network and the opt-in for personal data."""

import pytest
from django.urls import reverse

from ambassadors.models import Ambassador, Department
from tests.factories import AmbassadorFactory, DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    covered, lacking, closed = (
        DepartmentFactory(name="Socialförvaltningen", short_name="SOF"),
        DepartmentFactory(name="Miljöförvaltningen", short_name="MF"),
        DepartmentFactory(name="Gamla förvaltningen", short_name="GF", is_active=False),
    )
    AmbassadorFactory(name="Aktiv", departments=[covered])
    AmbassadorFactory(name="Slutat", is_active=False, departments=[lacking])
    AmbassadorFactory(
        name="Avstängt konto", user=UserFactory(is_active=False), departments=[lacking]
    )
    return covered, lacking, closed


def test_departments_without_an_active_ambassador_are_listed(network):
    covered, lacking, _closed = network
    assert list(Department.objects.without_ambassador()) == [lacking]
    counts = dict(
        Department.objects.with_ambassador_count().values_list("short_name", "ambassador_count")
    )
    assert counts == {"SOF": 1, "MF": 0, "GF": 0}


def test_only_ambassadors_who_opted_in_are_public(network):
    covered, _lacking, _closed = network
    AmbassadorFactory(name="Synlig", is_public=True, departments=[covered])
    AmbassadorFactory(name="Synlig men slutat", is_public=True, is_active=False)
    assert [a.name for a in Ambassador.objects.public()] == ["Synlig"]
    assert {a.name for a in Ambassador.objects.for_department(covered)} == {"Aktiv", "Synlig"}


def test_an_ambassador_can_represent_several_departments():
    one, two = DepartmentFactory(), DepartmentFactory()
    ambassador = AmbassadorFactory(departments=[one, two])
    assert set(ambassador.departments.all()) == {one, two}
    assert Department.objects.without_ambassador().count() == 0


def test_the_admin_shows_which_departments_lack_an_ambassador(client, superuser, network):
    client.force_login(superuser)
    url = reverse("admin:ambassadors_department_changelist")
    html = client.get(url, {"coverage": "missing"}).content.decode()
    assert "Miljöförvaltningen" in html and "Socialförvaltningen" not in html
    html = client.get(url, {"coverage": "covered"}).content.decode()
    assert "Socialförvaltningen" in html and "Miljöförvaltningen" not in html


def test_department_and_ambassador_changes_are_in_the_history(client, superuser, network):
    covered, lacking, _closed = network
    client.force_login(superuser)
    response = client.post(
        reverse("admin:ambassadors_department_change", args=[lacking.pk]),
        {
            "kind": "administration",
            "name": "Miljöförvaltningen",
            "name_en": "Environment",
            "short_name": "MF",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    record = lacking.history.latest()
    assert record.history_user == superuser
    assert record.diff_against(record.prev_record).changed_fields == ["name_en"]
    ambassador = Ambassador.objects.get(name="Aktiv")
    ambassador.departments.add(lacking)
    history = client.get(reverse("admin:ambassadors_ambassador_history", args=[ambassador.pk]))
    assert history.status_code == 200
