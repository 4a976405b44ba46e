"""The ambassadors' pages: the whole flow, the permission matrix, forged input, conflicts,
and the login and password-reset pages."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django.urls import reverse

from core import review
from initiatives import services
from initiatives.models import Initiative
from programme.models import ProgrammeNode
from tests.factories import AmbassadorFactory, DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


@pytest.fixture
def world(loaded_examples):
    department_a = DepartmentFactory(name="Socialförvaltningen", short_name="SOF")
    department_b = DepartmentFactory(name="Miljöförvaltningen", short_name="MF")
    team = UserFactory(username="team", is_staff=True)
    team.user_permissions.set(Permission.objects.filter(content_type__app_label="initiatives"))
    users = {
        "anonymous": None,
        "ambassador A": AmbassadorFactory(
            user=UserFactory(username="anna", email="anna@example.se"), departments=[department_a]
        ).user,
        "ambassador B": AmbassadorFactory(departments=[department_b]).user,
        "team editor": team,
        "view-only staff": UserFactory(is_staff=True),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }
    priorities = list(ProgrammeNode.objects.priorities().order_by("path")[:3])
    initiative = services.initiative_create(
        initiative=Initiative(title="A:s insats", summary="S", lead_department=department_a),
        relations={"priorities": priorities[:1]},
        by=users["ambassador A"],
    )
    return {
        "users": users,
        "a": department_a,
        "b": department_b,
        "priorities": priorities,
        "initiative": initiative,
    }


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


ROLES = ["anonymous", "ambassador A", "ambassador B", "team editor", "view-only staff", "superuser"]
# (method, address, {role: expected status}); {pk} is A's initiative, {dept} department A.
MATRIX = [
    ("get", "/insatser/", dict.fromkeys(ROLES, 200)),
    # A draft is not public: a preview for its department and the team only.
    ("get", "/insatser/{pk}/", [404, 200, 404, 200, 404, 200]),
    ("get", "/natverket/", dict.fromkeys(ROLES, 200)),
    ("get", "/natverket/SOF/", dict.fromkeys(ROLES, 200)),
    ("get", "/ambassador/", [302, 200, 200, 200, 403, 200]),
    ("get", "/ambassador/insatser/ny/", [302, 200, 200, 200, 403, 200]),
    ("get", "/ambassador/insatser/{pk}/", [302, 200, 200, 200, 403, 200]),
    ("get", "/ambassador/insatser/{pk}/andra/", [302, 200, 403, 200, 403, 200]),
    ("post", "/ambassador/insatser/{pk}/skicka-in/", [302, 302, 403, 302, 403, 302]),
    ("get", "/admin/initiatives/initiative/", [302, 302, 302, 200, 403, 200]),
    ("get", "/admin/initiatives/initiative/{pk}/change/", [302, 302, 302, 200, 403, 200]),
    ("get", "/admin/initiatives/initiative/{pk}/history/", [302, 302, 302, 200, 403, 200]),
    ("get", "/admin/initiatives/initiative/{pk}/delete/", [302, 302, 302, 200, 403, 200]),
    ("get", "/admin/initiatives/initiative/{pk}/return/", [302, 302, 302, 200, 403, 200]),
    ("get", "/admin/initiatives/initiative/import/", [302, 302, 302, 200, 403, 200]),
    ("get", "/admin/initiatives/initiative/export/", [302, 302, 302, 200, 403, 200]),
    ("post", "/admin/initiatives/initiative/import/", [302, 302, 302, 200, 403, 200]),
    ("get", "/admin/ambassadors/department/", [302, 302, 302, 403, 403, 200]),
    ("get", "/admin/ambassadors/department/{dept}/change/", [302, 302, 302, 403, 403, 200]),
    ("get", "/admin/ambassadors/department/{dept}/history/", [302, 302, 302, 403, 403, 200]),
    ("get", "/admin/ambassadors/department/{dept}/delete/", [302, 302, 302, 403, 403, 200]),
    ("get", "/admin/ambassadors/ambassador/", [302, 302, 302, 403, 403, 200]),
    ("get", "/admin/ambassadors/teammember/", [302, 302, 302, 403, 403, 200]),
]


@pytest.mark.parametrize(("method", "address", "expected"), MATRIX, ids=[m[1] for m in MATRIX])
def test_permission_matrix(world, method, address, expected):
    expected = expected if isinstance(expected, dict) else dict(zip(ROLES, expected, strict=True))
    found = {}
    for role in ROLES:
        initiative = Initiative.objects.get(pk=world["initiative"].pk)
        if method == "post" and initiative.state != Initiative.State.DRAFT:
            Initiative.objects.filter(pk=initiative.pk).update(state=Initiative.State.DRAFT)
        response = getattr(client_for(world["users"][role]), method)(
            address.format(pk=initiative.pk, dept=world["a"].pk)
        )
        found[role] = response.status_code
    assert found == expected


def test_a_submit_by_another_department_changes_nothing(world):
    client = client_for(world["users"]["ambassador B"])
    assert (
        client.post(f"/ambassador/insatser/{world['initiative'].pk}/skicka-in/").status_code == 403
    )
    assert Initiative.objects.get(pk=world["initiative"].pk).state == Initiative.State.DRAFT


def form_data(world, **fields):
    return {
        "title": "Simskola för nyanlända",
        "summary": "Simundervisning för vuxna.",
        "body": "<p>Tre kurser per termin.</p>",
        "lead_department": world["a"].pk,
        "priorities": [p.pk for p in world["priorities"][:2]],
        "status": "ongoing",
        "starts_on": "2026-01-15",
        "ends_on": "",
        "target_group": "Vuxna",
        "results": "",
        "lessons": "",
        "contact": "",
        "image_alt": "",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
        **fields,
    }


def test_the_whole_flow_from_login_to_the_public_pages(world):
    ambassador = Client()
    response = ambassador.post(reverse("login"), {"username": "anna", "password": PASSWORD})
    assert ambassador.get(response["Location"])["Location"] == "/ambassador/"
    response = ambassador.post("/ambassador/insatser/ny/", form_data(world))
    assert response.status_code == 302
    initiative = Initiative.objects.get(title="Simskola för nyanlända")
    assert set(initiative.priorities.all()) == set(world["priorities"][:2])
    ambassador.post(f"/ambassador/insatser/{initiative.pk}/skicka-in/")
    assert Initiative.objects.get(pk=initiative.pk).state == Initiative.State.SUBMITTED

    team = client_for(world["users"]["team editor"])
    queue = team.get("/admin/initiatives/initiative/?state__exact=submitted").content.decode()
    assert "Simskola för nyanlända" in queue
    team.post(
        "/admin/initiatives/initiative/",
        {"action": "publish", "_selected_action": [initiative.pk]},
    )
    visitor = Client()
    assert "Simskola för nyanlända" in visitor.get("/insatser/").content.decode()
    for priority in world["priorities"][:2]:
        assert "Simskola för nyanlända" in visitor.get(priority.get_absolute_url()).content.decode()
    listed = visitor.get("/insatser/", {"forvaltning": "SOF"}).content.decode()
    assert "Simskola för nyanlända" in listed
    assert "Simskola för nyanlända" in visitor.get("/natverket/SOF/").content.decode()
    assert "Simskola för nyanlända" not in visitor.get("/natverket/MF/").content.decode()


def test_a_forged_lead_department_is_refused_and_writes_nothing(world):
    client = client_for(world["users"]["ambassador A"])
    response = client.post(
        "/ambassador/insatser/ny/", form_data(world, lead_department=world["b"].pk)
    )
    assert response.status_code == 200
    assert "lead_department" in response.context["form"].errors
    assert not Initiative.objects.filter(title="Simskola för nyanlända").exists()


def test_a_second_edit_from_a_stale_form_is_refused_with_what_changed(world):
    initiative = world["initiative"]
    client = client_for(world["users"]["ambassador A"])
    stale = form_data(world, title="A:s insats", summary="Min version", version=initiative.version)
    services.initiative_update(
        initiative_id=initiative.pk,
        expected_version=initiative.version,
        changes={"title": "Teamets rubrik"},
        relations={},
        by=world["users"]["team editor"],
    )
    response = client.post(f"/ambassador/insatser/{initiative.pk}/andra/", stale)
    assert response.status_code == 200
    assert "ändrat: rubrik" in str(response.context["form"].non_field_errors())
    stored = Initiative.objects.get(pk=initiative.pk)
    assert (stored.title, stored.summary) == ("Teamets rubrik", "S")


def test_login_is_throttled_per_username_and_address(world, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "anna", "password": "fel"})
    response = client.post(reverse("login"), {"username": "anna", "password": PASSWORD})
    assert response.status_code == 429


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(world):
    answers = [
        Client().post(reverse("password_reset"), {"email": email})
        for email in ("anna@example.se", "ingen@example.se")
    ]
    assert [a.status_code for a in answers] == [302, 302]
    assert answers[0]["Location"] == answers[1]["Location"]
    assert [message.to for message in mail.outbox] == [["anna@example.se"]]


def test_the_team_returns_an_initiative_with_a_comment_the_ambassador_sees(world):
    initiative = review.submit(world["initiative"], by=world["users"]["ambassador A"])
    team = client_for(world["users"]["team editor"])
    change = team.get(f"/admin/initiatives/initiative/{initiative.pk}/change/").content.decode()
    assert f"/admin/initiatives/initiative/{initiative.pk}/return/" in change
    address = f"/admin/initiatives/initiative/{initiative.pk}/return/"
    assert team.post(address, {"comment": "  "}).status_code == 200  # the comment is required
    assert Initiative.objects.get(pk=initiative.pk).state == Initiative.State.SUBMITTED
    assert team.post(address, {"comment": "Beskriv målgruppen."}).status_code == 302
    returned = Initiative.objects.get(pk=initiative.pk)
    assert (returned.state, returned.review_comment) == ("returned", "Beskriv målgruppen.")
    page = client_for(world["users"]["ambassador A"]).get(f"/ambassador/insatser/{initiative.pk}/")
    assert "Beskriv målgruppen." in page.content.decode()
    assert team.post(address, {"comment": "Igen"}).status_code == 200  # not submitted now
    assert Initiative.objects.get(pk=initiative.pk).review_comment == "Beskriv målgruppen."
