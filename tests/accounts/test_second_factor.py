"""Staff show a second factor before the admin: an authenticator app enrolled at the first
admin page, with recovery codes that each work once; ambassadors are never asked; the
example accounts' waiver works only in development and `check --deploy` refuses it."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import checks
from tests.factories import AmbassadorFactory, DepartmentFactory, UserFactory

pytestmark = [pytest.mark.django_db]
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def required(settings):
    settings.MFA_REQUIRED = True
    # Wrong codes slow the next try down (tested below); the other tests try at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0


def logged_in(user):
    client = Client()
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    return client


def staff_user(**fields):
    user = UserFactory(is_staff=True, is_superuser=True, **fields)
    user.set_password(PASSWORD)
    user.save()
    return user


def code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def enrol(client):
    setup = client.get(reverse("second-factor-setup") + "?next=/admin/")
    device = TOTPDevice.objects.get(confirmed=False)
    page = client.post(reverse("second-factor-setup"), {"code": code(device), "next": "/admin/"})
    return setup, page


def test_staff_enrol_an_app_at_the_first_admin_page_and_get_recovery_codes():
    client = logged_in(staff_user())
    response = client.get("/admin/")
    assert response["Location"] == reverse("second-factor-setup") + "?next=%2Fadmin%2F"
    setup = client.get(response["Location"]).content.decode()
    assert 'src="data:image/svg+xml' in setup and 'class="otp-secret"' in setup
    assert "reservkod" not in setup  # none exist before the app is confirmed
    wrong = client.post(reverse("second-factor-setup"), {"code": "000000", "next": "/admin/"})
    assert "Koden stämmer inte" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    _setup, page = enrol(client)
    assert "no-store" in page["Cache-Control"]
    codes = re.findall(r"<li><code>(\w+)</code></li>", page.content.decode())
    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200


def test_each_later_login_asks_for_a_code_and_a_recovery_code_works_once():
    user = staff_user()
    first = logged_in(user)
    _setup, page = enrol(first)
    recovery = re.findall(r"<li><code>(\w+)</code></li>", page.content.decode())[0]

    second = logged_in(user)
    response = second.get("/admin/initiatives/initiative/")
    assert response["Location"] == (
        reverse("second-factor") + "?next=%2Fadmin%2Finitiatives%2Finitiative%2F"
    )
    answer = second.post(
        reverse("second-factor"), {"code": recovery, "next": "/admin/initiatives/initiative/"}
    )
    assert answer["Location"] == "/admin/initiatives/initiative/"
    assert second.get("/admin/").status_code == 200

    third = logged_in(user)
    refused = third.post(reverse("second-factor"), {"code": recovery, "next": "/admin/"})
    assert refused.status_code == 200 and "Koden stämmer inte" in refused.content.decode()
    assert third.get("/admin/").status_code == 302
    # Another address than the portal's own is never where the step leads.
    device = TOTPDevice.objects.get(user=user)
    device.last_t = -1
    device.save()
    away = third.post(
        reverse("second-factor"), {"code": code(device), "next": "https://evil.example/"}
    )
    assert away["Location"] == "/admin/"


def test_a_wrong_code_slows_the_next_try_down(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 1
    client = logged_in(staff_user())
    client.get(reverse("second-factor-setup"))
    device = TOTPDevice.objects.get(confirmed=False)
    client.post(reverse("second-factor-setup"), {"code": "000000"})
    right = client.post(reverse("second-factor-setup"), {"code": code(device)})
    # Refused for a second, and it says so (not "the code is not right").
    page = right.content.decode()
    assert "vänta 1 sekund" in page and "Koden stämmer inte" not in page


def test_an_ambassador_is_never_asked():
    ambassador = AmbassadorFactory(departments=[DepartmentFactory()]).user
    ambassador.set_password(PASSWORD)
    ambassador.save()
    assert logged_in(ambassador).get("/ambassador/").status_code == 200


def test_the_example_accounts_waiver_works_only_in_development(settings):
    settings.MFA_WAIVED_USERNAMES = ["team"]
    team = logged_in(staff_user(username="team"))
    settings.DEBUG = True
    assert team.get("/admin/").status_code == 200
    settings.DEBUG = False
    assert team.get("/admin/").status_code == 302


def test_check_deploy_refuses_a_waiver_or_the_factor_switched_off(settings):
    assert checks.second_factor_in_production(None) == []
    settings.MFA_WAIVED_USERNAMES = ["team"]
    settings.MFA_REQUIRED = False
    assert [error.id for error in checks.second_factor_in_production(None)] == [
        "lkp.E010",
        "lkp.E011",
    ]
