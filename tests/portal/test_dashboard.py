"""The team's dashboard on the admin's start page, and the preview of what it reviews."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core import review
from goals.models import GoalFormulation, SteeringDocument
from initiatives import services as initiative_services
from initiatives.models import Initiative
from notifications.models import Notification
from portal import dashboard
from programme.models import ProgrammeNode
from tests.factories import DepartmentFactory
from tests.followup.conftest import fw  # noqa: F401 - the follow-up world

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(fw):  # noqa: F811
    user = fw["team"]
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["encyclopedia", "notifications", "ambassadors", "goals"]
        )
    )
    return type(user).objects.get(pk=user.pk)


def submit_initiatives(fw, count):  # noqa: F811
    anna = fw["users"]["ambassador A"]
    priority = ProgrammeNode.objects.priorities().first()
    for number in range(count):
        initiative = initiative_services.initiative_create(
            initiative=Initiative(title=f"Insats {number}", summary="S", lead_department=fw["sof"]),
            relations={"priorities": [priority]},
            by=anna,
        )
        review.submit(initiative, by=anna)


def test_the_start_page_shows_what_waits_for_the_team(fw, team):  # noqa: F811
    submit_initiatives(fw, 2)
    first = Initiative.objects.get(title="Insats 0")
    DepartmentFactory(name="Kulturförvaltningen", short_name="KF")  # no ambassador
    document = SteeringDocument.objects.create(
        title="Miljöprogrammet", adopted_by="Kommunfullmäktige", year=2020
    )
    GoalFormulation.objects.create(document=document, text="Minska utsläppen.")
    Notification.objects.create(
        kind="submitted",
        to="x@example.se",
        language="sv",
        subject="Trasig",
        body="B",
        link="http://x",
        reason="R",
        state=Notification.State.FAILED,
    )
    client = Client()
    client.force_login(team)
    page = client.get("/admin/").content.decode()
    assert "Det här väntar på dig" in page
    assert f'href="/admin/initiatives/initiative/{first.pk}/change/"' in page
    assert page.index("Insats 0") < page.index("Insats 1")  # oldest first
    assert "insatser: 2" in page.lower()
    assert f"Uppföljning {fw['round'].year}" in page
    assert "Kulturförvaltningen" in page and "Målformuleringar som inte är kopplade än: 1" in page
    assert "E-post som inte gick fram: 1" in page and "Trasig" in page
    # Both departments of the round are missing; SOF has no report at all.
    assert "2 förvaltningar har inte skickat in" in page


def test_the_dashboard_shows_only_what_the_users_permissions_reach(fw):  # noqa: F811
    staff = type(fw["team"]).objects.create(username="viewer", is_staff=True)
    board = dashboard.for_user(staff)
    assert board.queues == [] and board.open_round is None and board.failed is None


def test_the_dashboard_has_a_fixed_number_of_queries(fw, team):  # noqa: F811
    today = datetime.date(2026, 2, 1)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            board = dashboard.for_user(team, today=today)
        return len(captured), board

    submit_initiatives(fw, 1)
    queries()  # the user's permissions are read once and cached
    few, board = queries()
    submit_initiatives(fw, 25)
    for number in range(15):
        DepartmentFactory(name=f"Bolag {number}", short_name=f"B{number}")
    many, board = queries()
    assert many == few
    assert board.queues[0].count == 26 and len(board.queues[0].items) == dashboard.LIMIT
    assert board.open_round.days_left == 14


def test_a_draft_is_previewed_for_the_team_and_its_department_only(fw, team):  # noqa: F811
    anna = fw["users"]["ambassador A"]
    initiative = initiative_services.initiative_create(
        initiative=Initiative(title="Utkastet", summary="S", lead_department=fw["sof"]),
        relations={"priorities": [ProgrammeNode.objects.priorities().first()]},
        by=anna,
    )
    url = initiative.get_absolute_url()
    client = Client()
    client.force_login(team)
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Förhandsvisning – inte publicerad." in text and "Utkastet" in text
    assert "no-store" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex"
    for user in (None, fw["users"]["ambassador B"], fw["users"]["view-only staff"]):
        other = Client()
        if user is not None:
            other.force_login(user)
        assert other.get(url).status_code == 404
    review.publish(review.submit(initiative, by=anna), by=team)
    published = Client().get(url)
    assert published.status_code == 200 and "Förhandsvisning" not in published.content.decode()
    assert "no-store" not in published.get("Cache-Control", "")
    # The admin's "view on site" leads there.
    change = client.get(f"/admin/initiatives/initiative/{initiative.pk}/change/").content.decode()
    assert "/r/" in change


def test_the_steering_group_finds_its_budgets_on_the_dashboard(fw):  # noqa: F811
    from django.contrib.auth.models import Group

    from prioritisation.models import Budget, Intervention

    member = type(fw["team"]).objects.create(username="styr")
    member.groups.add(Group.objects.get(name="Styrgrupp"))
    budget = Budget.objects.create(year=2027, name="Sociala investeringar", amount=10)
    Budget.objects.create(year=2020, name="Gammal", amount=10)  # a past year's: not listed
    for rank in (1, 2):
        Intervention.objects.create(budget=budget, rank=rank, title=f"I{rank}", allotted_cost=1)
    Intervention.objects.filter(rank=2).update(status="decided")
    client = Client()
    client.force_login(member)
    page = " ".join(client.get("/admin/").content.decode().split())
    url = f"/admin/prioritisation/budget/{budget.pk}/prioritering/"
    assert f'<a href="{url}">Sociala investeringar 2027</a>: 2 insatser, 1 väntar på beslut' in page
    assert "Gammal" not in page
    assert "Det här väntar på dig" in page and "Inskickade" not in page
    assert dashboard.for_user(fw["users"]["view-only staff"]).budgets is None
