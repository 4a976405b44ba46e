"""A new moderated type on the shared kit costs a model on Reviewable, a policy, a form,
its templates and one registration (tests/kit_example): the ambassadors' pages, the
version check, the review moves and the rights come with it."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.test import Client

from core import review
from tests.factories import AmbassadorFactory, DepartmentFactory, UserFactory
from tests.kit_example.models import Tip

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.kit_example.urls")]


@pytest.fixture
def world():
    sof, mf = DepartmentFactory(short_name="SOF"), DepartmentFactory(short_name="MF")
    team = UserFactory(is_staff=True)
    team.user_permissions.add(Permission.objects.get(codename="review_tip"))
    return {
        "sof": sof,
        "mf": mf,
        "anna": AmbassadorFactory(departments=[sof]).user,
        "bo": AmbassadorFactory(departments=[mf]).user,
        "team": team,
    }


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_an_ambassador_writes_changes_and_submits_a_tip_and_the_team_publishes_it(world):
    anna = client_for(world["anna"])
    assert anna.get("/ambassador/tips/ny/").status_code == 200
    response = anna.post(
        "/ambassador/tips/ny/", {"title": "Fika", "body": "Bjud in", "department": world["sof"].pk}
    )
    tip = Tip.objects.get()
    assert response["Location"] == f"/ambassador/tips/{tip.pk}/"
    assert (tip.state, tip.version, tip.created_by) == ("draft", 1, world["anna"])
    edit = {"title": "Fika ihop", "body": "", "department": world["sof"].pk, "version": 1}
    assert anna.post(f"/ambassador/tips/{tip.pk}/andra/", edit).status_code == 302
    stale = anna.post(f"/ambassador/tips/{tip.pk}/andra/", {**edit, "title": "Gammal"})
    assert "Someone else saved this tip" in stale.content.decode()
    tip.refresh_from_db()
    assert (tip.title, tip.version) == ("Fika ihop", 2)
    assert tip.history.count() == 2
    anna.post(f"/ambassador/tips/{tip.pk}/skicka-in/")
    tip.refresh_from_db()
    assert tip.state == "submitted"
    published = review.moderated_type(Tip).accept(tip, by=world["team"])
    assert published.state == "published"
    assert review.is_reviewer(world["team"]) and not review.is_reviewer(world["anna"])
    overview = client_for(world["bo"]).get("/ambassador/tips/").content.decode()
    assert "Fika ihop" in overview  # the network learns from it


def test_a_tip_cannot_be_written_for_another_department_or_by_the_public(world):
    bo = client_for(world["bo"])
    refused = bo.post("/ambassador/tips/ny/", {"title": "X", "department": world["sof"].pk})
    assert refused.status_code == 200 and not Tip.objects.exists()  # not a choice for Bo
    kind = review.moderated_type(Tip)
    with pytest.raises(PermissionDenied):
        kind.create_content(
            Tip(title="X", department=world["sof"]), relations={}, rows=[], by=world["bo"]
        )
    assert not Tip.objects.exists()


ROLES = ["anonymous", "anna", "bo", "team"]
MATRIX = [
    ("get", "/ambassador/tips/", [302, 200, 200, 200]),
    ("get", "/ambassador/tips/ny/", [302, 200, 200, 200]),
    ("get", "/ambassador/tips/{pk}/", [302, 200, 200, 200]),
    ("get", "/ambassador/tips/{pk}/andra/", [302, 200, 403, 200]),
    ("post", "/ambassador/tips/{pk}/skicka-in/", [302, 302, 403, 302]),
]


@pytest.mark.parametrize(("method", "address", "expected"), MATRIX)
def test_permission_matrix(world, method, address, expected):
    found = {}
    for role in ROLES:
        tip = review.moderated_type(Tip).create_content(
            Tip(title="T", department=world["sof"]), relations={}, rows=[], by=world["anna"]
        )
        client = client_for(world.get(role))
        found[role] = getattr(client, method)(address.format(pk=tip.pk)).status_code
    assert found == dict(zip(ROLES, expected, strict=True))
