"""Single sign-on, end to end against a real OpenID Connect provider started on 127.0.0.1
(tests/oidc_provider: django-oauth-toolkit in its own process). Nothing is mocked: the
portal sends the browser to the provider, the provider's login page is filled in over HTTP,
and the portal exchanges the code, fetches the keys and the userinfo from the provider."""

from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client
from django.urls import reverse

from accounts import checks, sso
from accounts.models import Invitation
from accounts.services import ambassador_invite, invitation_path
from tests.factories import AmbassadorFactory, DepartmentFactory, UserFactory
from tests.support.oidc import CLIENT_ID, CLIENT_SECRET, at_provider

pytestmark = [pytest.mark.django_db]


def start(client, **query):
    response = client.get(reverse("sso-start"), query)
    assert response.status_code == 302
    return response["Location"]


def back(client, callback_url):
    """The browser arrives at the portal's callback."""
    parts = urlsplit(callback_url)
    assert f"{parts.scheme}://{parts.netloc}" == "http://testserver"
    return client.get(parts.path, parse_qs(parts.query))


def sign_on(client, username, **query):
    return back(client, at_provider(start(client, **query), username))


def logged_in_as(client):
    return client.session.get("_auth_user_id")


def said(response):
    return [str(message) for message in response.wsgi_request._messages]


@pytest.fixture
def anna(db):
    return AmbassadorFactory(
        user=UserFactory(username="anna", email="anna@example.se"),
        name="Anna Andersson",
        departments=[DepartmentFactory(short_name="SOF")],
    ).user


def test_off_unless_configured(client):
    assert not django_settings.OIDC_ISSUER
    assert reverse("sso-start") not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("sso-start")).status_code == 404
    assert client.get(reverse("sso-callback"), {"code": "x", "state": "y"}).status_code == 404


def test_the_login_page_sends_the_person_to_the_provider_with_state_nonce_and_pkce(sso_on, client):
    page = client.get(reverse("login"), {"next": "/ambassador/"}).content.decode()
    assert "Logga in med Testinloggning" in page
    assert f'href="{reverse("sso-start")}?next=%2Fambassador%2F"' in page

    location = start(client, next="/ambassador/")
    parts = urlsplit(location)
    assert urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")) == f"{sso_on}/authorize/"
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    assert query["client_id"] == CLIENT_ID
    assert query["response_type"] == "code"
    assert query["redirect_uri"] == "http://testserver/accounts/sso/tillbaka/"
    assert query["scope"] == "openid email profile"
    assert query["code_challenge_method"] == "S256"
    assert len(query["state"]) >= 32 and len(query["nonce"]) >= 32
    assert client.session["oidc_states"][query["state"]]["nonce"] == query["nonce"]


def test_an_ambassador_signs_on_and_lands_on_her_pages(sso_on, anna, client):
    response = sign_on(client, "anna")
    assert response.status_code == 302
    assert response["Location"] == reverse("account-landing")
    assert logged_in_as(client) == str(anna.pk)
    assert client.session["_auth_user_backend"] == "accounts.sso.SignOnBackend"
    page = client.get(response["Location"], follow=True)
    assert page.redirect_chain[-1][0] == reverse("ambassador:overview")
    assert "Anna Andersson" in page.content.decode()
    anna.refresh_from_db()
    assert not anna.is_staff and anna.last_login is not None


def test_next_is_honoured_for_the_portals_own_addresses_only(sso_on, anna, client):
    assert sign_on(client, "anna", next="/ambassador/e-post/")["Location"] == "/ambassador/e-post/"
    other = Client()
    assert sign_on(other, "anna", next="https://evil.example/")["Location"] == reverse(
        "account-landing"
    )


def test_an_unknown_address_is_refused_and_no_account_is_made(sso_on, anna, client):
    accounts = get_user_model().objects.count()
    response = sign_on(client, "stranger")
    assert response["Location"] == reverse("login")
    assert logged_in_as(client) is None
    assert get_user_model().objects.count() == accounts
    assert said(response) == [str(sso.FAILURES["unknown"])]
    page = client.get(reverse("login")).content.decode()
    assert "Det finns inget konto i portalen med e-postadressen" in page


def test_an_address_the_provider_has_not_verified_is_refused(sso_on, client):
    UserFactory(username="unverified", email="unverified@example.se")
    response = sign_on(client, "unverified")
    assert logged_in_as(client) is None
    assert said(response) == [str(sso.FAILURES["unverified"])]


def test_an_inactive_account_is_refused(sso_on, anna, client):
    anna.is_active = False
    anna.save()
    response = sign_on(client, "anna")
    assert logged_in_as(client) is None
    assert said(response) == [str(sso.FAILURES["inactive"])]


def test_a_tampered_state_is_refused(sso_on, anna, client):
    callback = urlsplit(at_provider(start(client), "anna"))
    query = parse_qs(callback.query)
    state = query["state"][0]
    query["state"] = [("y" if state[0] == "x" else "x") + state[1:]]  # never the same state
    response = client.get(callback.path, query)
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert logged_in_as(client) is None
    assert said(response) == [str(sso.FAILURES["refused"])]


def test_a_state_and_a_code_work_once(sso_on, anna, client):
    callback = at_provider(start(client), "anna")
    assert back(client, callback)["Location"] == reverse("account-landing")
    client.logout()
    replayed = back(client, callback)  # the same address again: its state is spent
    assert replayed["Location"] == reverse("login") and logged_in_as(client) is None
    assert said(replayed) == [str(sso.FAILURES["refused"])]
    client.get(reverse("login"))  # the page shows the message

    # the spent code with a fresh state of this browser: the provider refuses it
    fresh_state = parse_qs(urlsplit(start(client)).query)["state"][0]
    spent_code = parse_qs(urlsplit(callback).query)["code"][0]
    response = client.get(reverse("sso-callback"), {"code": spent_code, "state": fresh_state})
    assert response["Location"] == reverse("login") and logged_in_as(client) is None
    assert said(response) == [str(sso.FAILURES["refused"])]


def test_an_id_token_with_another_nonce_is_refused(sso_on, anna, client):
    """An attacker who starts the flow with a nonce of their own (the provider signs it
    into the ID token) cannot complete this browser's login."""
    parts = urlsplit(start(client))
    query = parse_qs(parts.query)
    query["nonce"] = ["attacker-chosen-nonce-0123456789abcdef"]
    forged = urlunsplit(parts._replace(query=urlencode(query, doseq=True)))
    response = back(client, at_provider(forged, "anna"))
    assert response["Location"] == reverse("login") and logged_in_as(client) is None
    assert said(response) == [str(sso.FAILURES["refused"])]


def test_the_id_tokens_signature_is_checked_against_the_providers_keys(
    sso_on, settings, anna, client
):
    """The same provider, its token signed with its real key, checked against a key set
    that gives the key id another key: refused."""
    settings.OIDC_OP_JWKS_ENDPOINT = sso_on.removesuffix("/o") + "/other-jwks/"
    response = sign_on(client, "anna")
    assert logged_in_as(client) is None
    assert said(response) == [str(sso.FAILURES["refused"])]


def test_a_provider_whose_discovery_names_another_issuer_is_not_used(sso_on, settings, client):
    settings.OIDC_ISSUER = sso_on + "/"  # a different string: discovery names sso_on
    response = client.get(reverse("sso-start"))
    assert response["Location"] == reverse("login")
    assert said(response) == [str(sso.FAILURES["unavailable"])]


def test_a_provider_that_cannot_be_reached_is_said_so(settings, client):
    settings.OIDC_ISSUER = "http://127.0.0.1:9/o"
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = CLIENT_ID, CLIENT_SECRET
    response = client.get(reverse("sso-start"))
    assert response["Location"] == reverse("login")
    assert said(response) == [str(sso.FAILURES["unavailable"])]


def test_a_cancelled_login_says_so(sso_on, client):
    location = start(client)
    state = parse_qs(urlsplit(location).query)["state"][0]
    response = client.get(reverse("sso-callback"), {"error": "access_denied", "state": state})
    assert said(response) == [str(sso.FAILURES["cancelled"])]
    assert state not in client.session["oidc_states"]


def test_a_mapped_group_gives_its_role_and_staff_status(sso_on, client):
    user = UserFactory(username="teamlead", email="teamlead@example.se")
    sign_on(client, "teamlead")
    user.refresh_from_db()
    assert list(user.groups.values_list("name", flat=True)) == ["Livskvalitetsteamet"]
    assert user.is_staff and not user.is_superuser


def test_the_provider_alone_never_makes_staff(sso_on, settings, client):
    """Groups that the map does not name, or no map at all, give nothing."""
    admins = UserFactory(username="admins", email="admins@example.se")
    sign_on(client, "admins")
    admins.refresh_from_db()
    assert not admins.is_staff and not admins.groups.exists()

    settings.OIDC_ROLE_MAP = {}
    lead = UserFactory(username="teamlead", email="teamlead@example.se")
    sign_on(Client(), "teamlead")
    lead.refresh_from_db()
    assert not lead.is_staff and not lead.groups.exists()


def test_a_role_the_directory_no_longer_gives_is_taken_away(sso_on, settings, client):
    user = UserFactory(username="admins", email="admins@example.se", is_staff=True)
    user.groups.add(Group.objects.get(name="Livskvalitetsteamet"))
    editor = Group.objects.get(name="Redaktör")  # not in the map: left alone
    sign_on(client, "admins")
    user.refresh_from_db()
    assert not user.groups.exists() and not user.is_staff

    user.groups.add(Group.objects.get(name="Livskvalitetsteamet"), editor)
    sign_on(Client(), "admins")
    user.refresh_from_db()
    assert list(user.groups.all()) == [editor] and user.is_staff


def test_a_second_factor_shown_to_the_provider_counts_for_the_admin(sso_on, settings, client):
    settings.MFA_REQUIRED = True
    UserFactory(username="teamlead", email="teamlead@example.se")
    sign_on(client, "teamlead")  # amr: pwd, mfa
    assert client.get(reverse("admin:index")).status_code == 200

    UserFactory(username="teampwd", email="teampwd@example.se")
    other = Client()
    sign_on(other, "teampwd")  # amr absent: the portal asks for its own
    response = other.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("second-factor-setup"))


def test_an_invited_ambassador_can_sign_on_instead_of_choosing_a_password(
    sso_on, client, django_capture_on_commit_callbacks
):
    team = UserFactory(username="team")
    team.groups.add(Group.objects.get(name="Livskvalitetsteamet"))
    team = get_user_model().objects.get(pk=team.pk)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = ambassador_invite(
            name="Nora Nilsson",
            email="nora@example.se",
            departments=[DepartmentFactory()],
            by=team,
        )
    page = client.get(invitation_path(invitation.ambassador.user), follow=True)
    assert "Logga in med Testinloggning" in page.content.decode()
    response = sign_on(client, "nora", next=reverse("account-welcome"))
    assert response["Location"] == reverse("account-welcome")
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is not None
    # the link has done its work: it no longer sets a password
    again = Client().get(invitation_path(invitation.ambassador.user), follow=True)
    assert "Inbjudningslänken fungerar inte" in again.content.decode()


def test_the_configuration_is_checked(settings):
    settings.OIDC_ISSUER = "http://idp.example/realms/city"
    settings.OIDC_RP_CLIENT_ID = ""
    settings.OIDC_ROLE_MAP = {"lkp-team": "Livskvalitetsteam"}
    settings.OIDC_GROUPS_CLAIM = ""
    ids = [error.id for error in checks.single_sign_on_configured(None)]
    assert ids == ["lkp.E012", "lkp.E013", "lkp.E014"]
    assert [error.id for error in checks.single_sign_on_over_https(None)] == ["lkp.E015"]
    with pytest.raises(SystemCheckError, match="lkp.E013"):
        call_command("check")
