"""Invitations: the team adds an ambassador with a name, an address and departments; the
person gets an e-mail whose link lets them choose a password once, before it expires, and
meets the welcome page. Leaving: a deactivated ambassador's sessions end, their
departments' initiatives stay."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import Invitation
from ambassadors.models import Ambassador
from initiatives.models import Initiative
from notifications.models import Kind, Notification
from tests.factories import AmbassadorFactory, DepartmentFactory, UserFactory

pytestmark = [pytest.mark.django_db]
NEW_PASSWORD = "ett långt nytt lösenord 2026"


@pytest.fixture
def team(db):
    user = UserFactory(username="team")
    user.groups.add(Group.objects.get(name="Livskvalitetsteamet"))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def department(db):
    return DepartmentFactory(short_name="SOF", name="Socialförvaltningen")


def invite(team, department, django_capture_on_commit_callbacks, **fields):
    data = {"name": "Nora Nilsson", "email": "nora@example.se", "departments": [department.pk]}
    with django_capture_on_commit_callbacks(execute=True):
        return team.post(reverse("admin:accounts_invitation_add"), {**data, **fields})


def invitation_path():
    """The address of the link in the one e-mail sent, without its scheme and host."""
    (message,) = mail.outbox
    return urlsplit(re.search(r"https?://\S+/accounts/inbjudan/\S+/", message.body)[0]).path


def test_the_team_invites_and_the_person_sets_a_password_and_is_welcomed(
    team, department, django_capture_on_commit_callbacks
):
    response = invite(team, department, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    ambassador = Ambassador.objects.get(email="nora@example.se")
    assert list(ambassador.departments.all()) == [department]
    assert not ambassador.user.has_usable_password()
    notification = Notification.objects.get(kind=Kind.INVITATION)
    assert notification.to == "nora@example.se"
    outbox = team.get(reverse("admin:notifications_notification_change", args=[notification.pk]))
    assert "/accounts/inbjudan/" not in outbox.content.decode()  # the link is the mail's only
    assert mail.outbox[0].to == ["nora@example.se"]
    assert "Socialförvaltningen" in mail.outbox[0].body
    # The account "team" has no name: the mail names the team, not "team har lagt till".
    assert "\n\nLivskvalitetsteamet har lagt till dig" in mail.outbox[0].body

    person = Client()
    page = person.get(invitation_path())
    form_url = page["Location"]  # Django moves the token out of the address first
    page = person.get(form_url)
    assert "Välkommen som ambassadör" in page.content.decode()
    response = person.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == reverse("account-welcome")
    welcome = person.get(response["Location"]).content.decode()
    assert "Välkommen till ambassadörsnätverket" in welcome
    assert ">Nora Nilsson</a>" in welcome
    assert person.get("/ambassador/").status_code == 200
    assert Invitation.objects.get().accepted_at is not None
    assert (
        "Accepterad" in team.get(reverse("admin:accounts_invitation_changelist")).content.decode()
    )


def test_an_invitation_link_works_once(team, department, django_capture_on_commit_callbacks):
    invite(team, department, django_capture_on_commit_callbacks)
    path = invitation_path()
    first = Client()
    form_url = first.get(path)["Location"]
    first.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = Client().get(path, follow=True).content.decode()
    assert "Inbjudningslänken fungerar inte" in again


def test_sending_again_ends_the_older_link(team, department, django_capture_on_commit_callbacks):
    invite(team, department, django_capture_on_commit_callbacks)
    first = invitation_path()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        team.post(
            reverse("admin:accounts_invitation_changelist"),
            {"action": "send_again", "_selected_action": [Invitation.objects.get().pk]},
        )
    second = invitation_path()
    assert first != second
    assert "Inbjudningslänken fungerar inte" in Client().get(first, follow=True).content.decode()
    assert "Välkommen som ambassadör" in Client().get(second, follow=True).content.decode()


def test_an_expired_invitation_link_says_so(
    team, department, settings, django_capture_on_commit_callbacks
):
    invite(team, department, django_capture_on_commit_callbacks)
    settings.PASSWORD_RESET_TIMEOUT = -1
    path = invitation_path()
    page = Client().get(path, follow=True).content.decode()
    assert "Inbjudningslänken fungerar inte" in page
    assert (
        "Har gått ut" in team.get(reverse("admin:accounts_invitation_changelist")).content.decode()
    )


def test_a_password_reset_token_is_no_invitation(
    team, department, django_capture_on_commit_callbacks
):
    invite(team, department, django_capture_on_commit_callbacks)
    user = get_user_model().objects.get(email="nora@example.se")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("invitation", args=[uid, default_token_generator.make_token(user)])
    assert "Inbjudningslänken fungerar inte" in Client().get(path, follow=True).content.decode()


def test_an_address_that_is_an_ambassador_already_is_refused_on_the_form(
    team, department, django_capture_on_commit_callbacks
):
    AmbassadorFactory(user=UserFactory(email="nora@example.se"), email="nora@example.se")
    response = invite(team, department, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "nora@example.se är redan ambassadör" in response.content.decode()
    assert not mail.outbox and not Invitation.objects.exists()


def test_only_the_team_invites(department, django_capture_on_commit_callbacks):
    for user in (UserFactory(is_staff=True), AmbassadorFactory(departments=[department]).user):
        client = Client()
        client.force_login(user)
        assert invite(client, department, django_capture_on_commit_callbacks).status_code in (
            302,
            403,
        )
    assert not Invitation.objects.exists()


def test_a_deactivated_ambassadors_sessions_end_and_the_initiatives_stay(team, department):
    ambassador = AmbassadorFactory(departments=[department])
    Initiative.objects.create(title="Kvar", summary="S", lead_department=department)
    person = Client()
    person.force_login(ambassador.user)
    assert person.get("/ambassador/").status_code == 200
    team.post(
        reverse("admin:ambassadors_ambassador_changelist"),
        {"action": "deactivate", "_selected_action": [ambassador.pk]},
    )
    response = person.get("/ambassador/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert Initiative.objects.filter(title="Kvar", lead_department=department).exists()
