"""One way in: the login door from the footer, where each person lands, the header's
account links, the admin's login sending people to the door, the password-reset throttle,
and the roles as groups with exactly the permissions their work needs (a matrix of admin
addresses × roles)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from accounts import roles
from tests.factories import AmbassadorFactory, DepartmentFactory, UserFactory

pytestmark = [pytest.mark.django_db]
PASSWORD = "correct horse battery staple"


def member(*role_names, **fields):
    user = UserFactory(**fields)
    user.set_password(PASSWORD)
    user.save()
    for name in role_names:
        user.groups.add(Group.objects.get(name=name))
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def people(db):
    department = DepartmentFactory(short_name="SOF", name="Socialförvaltningen")
    ambassador = AmbassadorFactory(
        user=member(username="anna"), name="Anna Andersson", departments=[department]
    ).user
    return {
        "anonymous": None,
        "ambassador": ambassador,
        "team": member("Livskvalitetsteamet", username="team", first_name="Tove"),
        "steering group": member("Styrgrupp", username="styr"),
        "editor": member("Redaktör", username="red"),
        "no role": member(username="nobody"),
        "superuser": member(username="root", is_staff=True, is_superuser=True),
    }


def log_in(username, next_url=""):
    client = Client()
    response = client.post(
        reverse("login"), {"username": username, "password": PASSWORD, "next": next_url}
    )
    return client, response


def test_the_footer_links_to_the_one_login_door(client, people):
    page = client.get("/").content.decode()
    assert f'href="{reverse("login")}"' in page
    assert reverse("admin:index") + '"' not in page


@pytest.mark.parametrize(
    ("username", "lands_on"),
    [("anna", "/ambassador/"), ("team", "/admin/"), ("root", "/admin/"), ("styr", "/admin/")],
)
def test_each_person_lands_where_their_work_is(people, username, lands_on):
    client, response = log_in(username)
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == lands_on


def test_an_account_without_a_role_is_told_so_on_the_home_page(people):
    client, response = log_in("nobody")
    page = client.get(response["Location"], follow=True).content.decode()
    assert "har ingen roll" in page


def test_next_is_followed_only_to_the_portals_own_addresses(people):
    _client, response = log_in("anna", next_url="/uppslagsverk/")
    assert response["Location"] == "/uppslagsverk/"
    _client, response = log_in("anna", next_url="https://evil.example/")
    assert response["Location"] == reverse("account-landing")


def test_the_admins_login_page_sends_people_to_the_door(client):
    response = client.get("/admin/initiatives/initiative/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Finitiatives%2Finitiative%2F"


def test_the_header_shows_who_is_logged_in_their_pages_and_a_logout_button(people):
    anonymous = Client().get("/").content.decode()
    assert "Inloggad som" not in anonymous and 'action="/accounts/logout/"' not in anonymous
    client, _ = log_in("anna")
    page = client.get("/").content.decode()
    assert 'Inloggad som <a href="/accounts/konto/">Anna Andersson</a>' in page
    assert 'href="/ambassador/"' in page and 'href="/admin/"' not in page
    assert '<form method="post" action="/accounts/logout/">' in page
    client, _ = log_in("team")
    page = client.get("/").content.decode()
    assert ">Tove</a>" in page and 'href="/admin/"' in page
    assert client.get("/accounts/logout/").status_code == 405  # only a POST logs out
    out = client.post("/accounts/logout/", follow=True)
    assert out.redirect_chain == [("/accounts/utloggad/", 302)]
    assert "Du är utloggad" in out.content.decode()
    assert "Inloggad som" not in client.get("/").content.decode()


def test_password_reset_is_throttled_per_address(client, settings, people):
    settings.PASSWORD_RESET_THROTTLE_PER_HOUR = 2
    for _ in range(3):
        assert client.get(reverse("password_reset")).status_code == 200  # GETs not counted
    answers = [
        client.post(reverse("password_reset"), {"email": "anna@example.se"}).status_code
        for _ in range(3)
    ]
    assert answers == [302, 302, 429]


def test_a_role_gives_staff_status_and_never_superuser(people):
    user = people["steering group"]
    assert user.is_staff and not user.is_superuser


def test_roles_are_kept_in_step_with_their_rules():
    team = Group.objects.get(name="Livskvalitetsteamet")
    stray = Permission.objects.get(codename="add_user")
    team.permissions.add(stray)
    roles.sync()
    assert not team.permissions.filter(pk=stray.pk).exists()
    codes = set(team.permissions.values_list("codename", flat=True))
    assert {"change_programmenode", "import_programmenode", "review_initiative"} <= codes
    assert {"change_page", "change_accessibilitystatement", "import_indicatorvalue"} <= codes
    assert not any(code.startswith(("add_historical", "change_historical")) for code in codes)
    assert not codes & {"add_user", "change_user", "add_group", "change_group"}


ROLES = ["anonymous", "ambassador", "team", "steering group", "editor", "superuser"]
# (address, expected status per role, in ROLES' order)
MATRIX = [
    ("/admin/", [302, 302, 200, 200, 200, 200]),
    ("/admin/programme/programmenode/", [302, 302, 200, 200, 403, 200]),
    ("/admin/programme/programmenode/import/", [302, 302, 200, 403, 403, 200]),
    ("/admin/programme/programme/", [302, 302, 200, 200, 403, 200]),
    ("/admin/pages/page/", [302, 302, 200, 403, 200, 200]),
    ("/admin/pages/accessibilitystatement/", [302, 302, 200, 403, 200, 200]),
    ("/admin/goals/goalformulation/", [302, 302, 200, 403, 403, 200]),
    ("/admin/goals/goalformulation/import/", [302, 302, 200, 403, 403, 200]),
    ("/admin/goals/goalformulation/mapping/", [302, 302, 200, 403, 403, 200]),
    ("/admin/initiatives/initiative/", [302, 302, 200, 403, 403, 200]),
    ("/admin/initiatives/initiative/import/", [302, 302, 200, 403, 403, 200]),
    ("/admin/encyclopedia/entry/", [302, 302, 200, 403, 200, 200]),
    ("/admin/followup/followupround/", [302, 302, 200, 200, 403, 200]),
    ("/admin/followup/departmentreport/", [302, 302, 200, 200, 403, 200]),
    ("/admin/keyfigures/indicator/", [302, 302, 200, 200, 403, 200]),
    ("/admin/keyfigures/indicatorvalue/", [302, 302, 200, 200, 403, 200]),
    ("/admin/keyfigures/indicatorvalue/import/", [302, 302, 200, 403, 403, 200]),
    ("/admin/prioritisation/budget/", [302, 302, 200, 200, 403, 200]),
    ("/admin/prioritisation/budget/add/", [302, 302, 200, 200, 403, 200]),
    ("/admin/ambassadors/department/", [302, 302, 200, 403, 403, 200]),
    ("/admin/ambassadors/ambassador/", [302, 302, 200, 403, 403, 200]),
    ("/admin/notifications/notification/", [302, 302, 200, 403, 403, 200]),
    ("/admin/accounts/invitation/", [302, 302, 200, 403, 403, 200]),
    ("/admin/accounts/invitation/add/", [302, 302, 200, 403, 403, 200]),
    ("/admin/auth/user/", [302, 302, 403, 403, 403, 200]),
    ("/admin/auth/group/", [302, 302, 403, 403, 403, 200]),
    # An editor reviews entries, so the ambassador pages (where entries are written) let
    # them in, as they do every reviewer.
    ("/ambassador/", [302, 200, 200, 403, 200, 200]),
]


@pytest.mark.parametrize(("address", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_role_matrix(people, address, expected):
    found = []
    for role in ROLES:
        client = Client()
        if people[role] is not None:
            client.force_login(people[role])
        found.append(client.get(address).status_code)
    assert dict(zip(ROLES, found, strict=True)) == dict(zip(ROLES, expected, strict=True))
