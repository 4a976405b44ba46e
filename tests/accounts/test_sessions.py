"""How long a login lasts: 12 hours at most, 30 idle minutes for staff, never past *log out
everywhere*; and passwords of at least 12 characters."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from accounts.sessions import LOGIN_AT, SEEN_AT
from tests.factories import AmbassadorFactory, DepartmentFactory, UserFactory

pytestmark = [pytest.mark.django_db]
PASSWORD = "correct horse battery staple"


def ambassador():
    return AmbassadorFactory(departments=[DepartmentFactory()]).user


def logged_in(user):
    user.set_password(PASSWORD)
    user.save()
    client = Client()
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    return client


def age(client, **seconds_ago):
    session = client.session
    for key, ago in seconds_ago.items():
        session[key] = session[key] - ago
    session.save()


def test_a_login_ends_after_twelve_hours_whatever_happens(settings):
    client = logged_in(ambassador())
    assert client.get("/ambassador/").status_code == 200
    age(client, **{LOGIN_AT: settings.SESSION_MAX_AGE + 1, SEEN_AT: 10})
    response = client.get("/ambassador/")
    assert response["Location"] == "/accounts/login/?next=%2Fambassador%2F"
    page = client.get(response["Location"]).content.decode()
    assert "Din inloggning har upphört" in page


def test_a_staff_session_ends_after_thirty_idle_minutes_an_ambassadors_does_not(settings):
    staff = logged_in(UserFactory(is_staff=True, is_superuser=True))
    network = logged_in(ambassador())
    for client in (staff, network):
        age(client, **{SEEN_AT: settings.STAFF_IDLE_SECONDS + 1})
    assert staff.get("/admin/").status_code == 302
    assert network.get("/ambassador/").status_code == 200


def test_a_busy_staff_session_stays():
    staff = logged_in(UserFactory(is_staff=True, is_superuser=True))
    age(staff, **{LOGIN_AT: 3600, SEEN_AT: 600})
    assert staff.get("/admin/").status_code == 200


def test_log_out_everywhere_ends_every_session_of_the_person():
    user = ambassador()
    phone, laptop = logged_in(user), logged_in(user)
    other = logged_in(ambassador())
    page = laptop.get(reverse("account")).content.decode()
    assert "Logga ut överallt" in page
    laptop.post(reverse("account"))
    assert phone.get("/ambassador/").status_code == 302
    assert laptop.get("/ambassador/").status_code == 302
    assert other.get("/ambassador/").status_code == 200
    assert logged_in(user).get("/ambassador/").status_code == 200  # a new login works


def test_passwords_have_at_least_twelve_characters_and_are_not_common():
    for weak in ("kort-lösen1", "password1234"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("lkp-exempel-2026")
