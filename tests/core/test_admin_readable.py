"""The team's admin as the team reads it: history with names and local times (never
"None", never "[35 chars]"), the review queue oldest first with a return back into it,
the log's recent actions naming publications and returns; and the lists naming an
initiative's partners beside its lead, in the page's language."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from core import review
from initiatives import services
from initiatives.models import Initiative
from programme.models import ProgrammeNode
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    user = UserFactory(username="teamet", is_staff=True)
    user.groups.add(Group.objects.get(name="Livskvalitetsteamet"))
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def initiatives(loaded_examples, team):
    sof = DepartmentFactory(name="Socialförvaltningen", name_en="Social Services", short_name="S")
    mf = DepartmentFactory(name="Miljöförvaltningen", name_en="Environment", short_name="M")
    priorities = list(ProgrammeNode.objects.priorities().order_by("path")[:3])
    made = []
    for number in range(3):
        initiative = services.initiative_create(
            initiative=Initiative(title=f"Insats {number}", summary="S", lead_department=sof),
            relations={"priorities": priorities[: number + 1], "partner_departments": [mf]},
            by=team,
        )
        made.append(review.submit(initiative, by=team))
    # Submitted in the order 1, 0, 2: the queue shows the oldest first.
    for minutes, initiative in zip((20, 30, 10), made, strict=True):
        Initiative.objects.filter(pk=initiative.pk).update(
            submitted_at=timezone.now() - datetime.timedelta(minutes=minutes)
        )
    return made


def test_the_review_queue_is_oldest_first_and_a_return_goes_back_to_it(initiatives, team):
    client = Client()
    client.force_login(team)
    queue = "/admin/initiatives/initiative/?state__exact=submitted"
    page = client.get(queue).content.decode()
    order = [page.index(f"Insats {n}<") for n in (1, 0, 2)]
    assert order == sorted(order)
    back = client.post(
        f"/admin/initiatives/initiative/{initiatives[0].pk}/return/",
        {"comment": "Skriv mer om målgruppen."},
    )
    assert back.status_code == 302 and back["Location"] == queue


def test_the_history_reads_names_and_local_times_and_the_log_names_publication(initiatives, team):
    initiative = review.publish(initiatives[0], by=team)
    client = Client()
    client.force_login(team)
    history = client.get(f"/admin/initiatives/initiative/{initiative.pk}/history/")
    html = history.content.decode()
    assert "None" not in html and "chars]" not in html
    assert "Miljöförvaltningen" in html  # the partners by name, not "[3]"
    local = timezone.localtime(initiative.published_at)
    assert local.strftime("%H:%M") in html and ".%f" not in html
    logged = LogEntry.objects.filter(object_id=str(initiative.pk)).order_by("-action_time")
    assert [entry.get_change_message() for entry in logged[:2]] == [
        "Publicerad",
        "Inskickad för granskning",
    ]
    index = client.get("/admin/").content.decode()
    assert "Senaste händelser" in index and "Senaste Händelser" not in index


def test_a_list_names_the_partners_beside_the_lead_in_the_pages_language(initiatives, team):
    for initiative in initiatives:
        review.publish(initiative, by=team)
    swedish = Client().get("/insatser/?forvaltning=M").content.decode()
    assert "med <span" in swedish
    assert "Miljöförvaltningen" in swedish
    english = Client().get("/en/insatser/?forvaltning=M").content.decode()
    assert "with <span" in english and "Environment" in english and "Social Services" in english
