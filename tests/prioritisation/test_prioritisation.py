"""The steering group's prioritisation: the budget line on the allotted part of each cost,
what still fits below it, reordering without retyping ranks, the decision steps in order,
publication, the page's permission matrix, the public page, the open data and the export's
columns."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from prioritisation import selectors as prioritisation
from prioritisation import services
from prioritisation.models import Budget, Decision, Intervention
from prioritisation.selectors import Line
from tests.factories import AmbassadorFactory, DepartmentFactory, UserFactory

pytestmark = [pytest.mark.django_db]
NBSP = "\xa0"
TODAY = timezone.localdate()
EARLIER = TODAY - datetime.timedelta(days=20)


def member(*role_names, **fields):
    user = UserFactory(**fields)
    for name in role_names:
        user.groups.add(Group.objects.get(name=name))
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def group():
    return member("Styrgrupp", username="styr")


@pytest.fixture
def budget():
    """1 000 000 kr allotted; in rank order 400 000 and 500 000 fit (900 000), 300 000 draws
    the line, 100 000 still fits in the 100 000 left, and 50 000 no longer does."""
    department = DepartmentFactory(short_name="SOF", name="Socialförvaltningen")
    budget = Budget.objects.create(year=2026, name="Sociala investeringar", amount=1_000_000)
    for rank, (allotted, own) in enumerate(
        [(400_000, 1_200_000), (500_000, 0), (300_000, 0), (100_000, 25_000), (50_000, 0)],
        start=1,
    ):
        Intervention.objects.create(
            budget=budget,
            rank=rank,
            title=f"Insats {rank}",
            allotted_cost=allotted,
            department_cost=own,
            department=department if own else None,
        )
    return budget


def titles(budget):
    return [(i.rank, i.title) for i in Intervention.objects.filter(budget=budget)]


def test_the_line_is_drawn_on_the_allotted_part_in_rank_order(budget):
    ranking = prioritisation.ranking(budget=budget)
    assert [(row.intervention.title, row.cumulative, row.line) for row in ranking.rows] == [
        ("Insats 1", 400_000, Line.WITHIN),
        ("Insats 2", 900_000, Line.WITHIN),
        ("Insats 3", 1_200_000, Line.OVER),
        ("Insats 4", 1_300_000, Line.STILL_FITS),
        ("Insats 5", 1_350_000, Line.OVER),
    ]
    assert ranking.funded_total == 900_000
    assert ranking.remaining == 100_000
    assert ranking.still_fits_total == 100_000
    assert ranking.remaining_after_still_fitting == 0
    # The departments' own parts (1 225 000) are beside the line, not against it.
    assert ranking.department_total == 1_225_000
    assert ranking.allotted_total == 1_350_000


def test_an_intervention_that_fits_exactly_is_within_and_an_empty_budget_has_no_rows(budget):
    budget.amount = 900_000
    budget.save()
    ranking = prioritisation.ranking(budget=budget)
    assert [row.line for row in ranking.rows[:3]] == [Line.WITHIN, Line.WITHIN, Line.OVER]
    assert ranking.remaining == 0 and ranking.still_fits_total == 0
    empty = Budget.objects.create(year=2026, name="Tom", amount=10)
    assert prioritisation.ranking(budget=empty).rows == []


def test_a_department_share_needs_a_responsible_department(budget):
    intervention = Intervention(
        budget=budget, rank=9, title="Utan förvaltning", allotted_cost=1, department_cost=5
    )
    with pytest.raises(ValidationError, match="ansvariga förvaltningen"):
        intervention.full_clean()


def test_moving_numbers_the_ranking_again_without_retyping_ranks(budget, group):
    fifth = Intervention.objects.get(budget=budget, title="Insats 5")
    services.intervention_move(intervention=fifth, position=2, by=group)
    assert titles(budget) == [
        (1, "Insats 1"),
        (2, "Insats 5"),
        (3, "Insats 2"),
        (4, "Insats 3"),
        (5, "Insats 4"),
    ]
    first = Intervention.objects.get(budget=budget, title="Insats 1")
    services.intervention_move(intervention=first, position=99, by=group)  # past the end
    assert titles(budget)[-1] == (5, "Insats 1")
    assert [rank for rank, _title in titles(budget)] == [1, 2, 3, 4, 5]


def test_equal_ranks_typed_in_the_admin_are_untied_by_the_first_move(budget, group):
    Intervention.objects.filter(budget=budget).update(rank=1)
    last = Intervention.objects.get(budget=budget, title="Insats 5")
    services.intervention_move(intervention=last, position=1, by=group)
    assert [rank for rank, _title in titles(budget)] == [1, 2, 3, 4, 5]
    assert titles(budget)[0] == (1, "Insats 5")


def test_decisions_go_step_by_step_with_date_and_meeting(budget, group):
    intervention = Intervention.objects.get(budget=budget, title="Insats 1")
    steps = [
        (Intervention.Status.DECIDED, EARLIER, "Styrgruppens möte 1"),
        (Intervention.Status.ORDERED, EARLIER, "Styrgruppens möte 1"),
        (Intervention.Status.DONE, TODAY, "Styrgruppens möte 2"),
    ]
    for status, on, meeting in steps:
        services.intervention_decide(
            intervention=intervention, status=status, on=on, meeting=meeting, by=group
        )
    intervention.refresh_from_db()
    assert intervention.status == Intervention.Status.DONE
    assert [(d.status, d.date, d.meeting, d.recorded_by) for d in intervention.decisions.all()] == [
        (*step, group) for step in steps
    ]


@pytest.mark.parametrize(
    ("status", "on", "message"),
    [
        (Intervention.Status.ORDERED, EARLIER, "nästa steg är beslutad"),
        (Intervention.Status.DONE, EARLIER, "nästa steg är beslutad"),
        # Two days ahead: TODAY is read when the module loads, and a run may pass midnight.
        (Intervention.Status.DECIDED, TODAY + datetime.timedelta(days=2), "framtiden"),
    ],
)
def test_a_step_out_of_order_or_in_the_future_is_refused_and_writes_nothing(
    budget, group, status, on, message
):
    intervention = Intervention.objects.get(budget=budget, title="Insats 1")
    with pytest.raises(ValidationError, match=message):
        services.intervention_decide(
            intervention=intervention, status=status, on=on, meeting="Möte", by=group
        )
    assert not Decision.objects.exists()
    intervention.refresh_from_db()
    assert intervention.status == Intervention.Status.PROPOSED


def test_a_step_before_the_previous_one_is_refused_and_the_latest_can_be_taken_back(budget, group):
    intervention = Intervention.objects.get(budget=budget, title="Insats 1")
    services.intervention_decide(
        intervention=intervention,
        status=Intervention.Status.DECIDED,
        on=EARLIER,
        meeting="Möte 1",
        by=group,
    )
    with pytest.raises(ValidationError, match="före föregående"):
        services.intervention_decide(
            intervention=intervention,
            status=Intervention.Status.ORDERED,
            on=EARLIER - datetime.timedelta(days=1),
            meeting="Möte 0",
            by=group,
        )
    services.intervention_undo_decision(intervention=intervention, by=group)
    intervention.refresh_from_db()
    assert intervention.status == Intervention.Status.PROPOSED
    assert not intervention.decisions.exists()
    with pytest.raises(ValidationError, match="inget beslut att ta tillbaka"):
        services.intervention_undo_decision(intervention=intervention, by=group)


def test_the_services_refuse_people_outside_the_group(budget):
    editor = member("Redaktör", username="red")
    intervention = Intervention.objects.get(budget=budget, title="Insats 1")
    with pytest.raises(PermissionDenied):
        services.intervention_move(intervention=intervention, position=2, by=editor)
    with pytest.raises(PermissionDenied):
        services.budget_publish(budget=budget, publish=True, by=editor)


# --- The group's page --------------------------------------------------------------------


def page_url(budget):
    return reverse("admin:prioritisation_budget_prioritisation", args=[budget.pk])


ROLES = {
    "anonymous": None,
    "ambassador": "ambassador",
    "editor": ("Redaktör",),
    "no role, staff": "staff",
    "steering group": ("Styrgrupp",),
    "team": ("Livskvalitetsteamet",),
}
#: role → (GET, POST of a move): 302 is the login door; the admin sends non-staff there.
EXPECTED = {
    "anonymous": (302, 302),
    "ambassador": (302, 302),
    "editor": (403, 403),
    "no role, staff": (403, 403),
    "steering group": (200, 302),
    "team": (200, 302),
}


def client_for(role):
    spec = ROLES[role]
    client = Client()
    if spec is None:
        return client
    if spec == "ambassador":
        user = AmbassadorFactory(user=UserFactory(username="amb")).user
    elif spec == "staff":
        user = UserFactory(username="staff", is_staff=True)
    else:
        user = member(*spec, username=role.replace(" ", "-"))
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", list(ROLES))
def test_the_page_is_for_the_steering_group_and_the_team(budget, role):
    client = client_for(role)
    fifth = Intervention.objects.get(budget=budget, title="Insats 5")
    get = client.get(page_url(budget))
    post = client.post(
        page_url(budget), {"action": "move", "intervention": fifth.pk, "position": 1}
    )
    assert (get.status_code, post.status_code) == EXPECTED[role]
    if get.status_code == 302:
        assert get["Location"].startswith(reverse("login")) or "/admin/login/" in get["Location"]
    moved = EXPECTED[role][1] == 302 and role not in ("anonymous", "ambassador")
    assert titles(budget)[0] == ((1, "Insats 5") if moved else (1, "Insats 1"))


def test_the_page_shows_the_line_with_thousand_separators_and_moves_by_buttons(budget, group):
    client = Client()
    client.force_login(group)
    page = client.get(page_url(budget)).content.decode()
    assert f"1{NBSP}000{NBSP}000 kr" in page  # the allotted budget
    assert f"900{NBSP}000 kr" in page  # within the line
    assert f"1{NBSP}225{NBSP}000 kr" in page  # the departments' own parts
    assert page.count("Över budgetgränsen") == 2 and page.count("Ryms i det som återstår") == 1
    assert page.count('value="move"') == 3 * 5 - 2  # up, down and "to place"; none past the ends
    third = Intervention.objects.get(budget=budget, title="Insats 3")
    response = client.post(
        page_url(budget), {"action": "move", "intervention": third.pk, "position": 2}
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "”Insats 3” flyttad till plats 2." in page
    assert titles(budget)[1] == (2, "Insats 3")


def test_a_decision_is_recorded_on_the_page_and_bad_input_writes_nothing(budget, group):
    client = Client()
    client.force_login(group)
    first = Intervention.objects.get(budget=budget, title="Insats 1")
    bad = client.post(
        page_url(budget),
        {
            "action": "decide",
            "intervention": first.pk,
            "status": "decided",
            "on": "",
            "meeting": "",
        },
    )
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "Inget ändrades" in text and "Datum:" in text and "Möte:" in text
    other = Budget.objects.create(year=2026, name="Annan", amount=1)
    stranger = Intervention.objects.create(budget=other, rank=1, title="Fel", allotted_cost=1)
    wrong = client.post(page_url(budget), {"action": "undo", "intervention": stranger.pk})
    assert "inte i den här budgeten" in wrong.content.decode()
    assert not Decision.objects.exists()
    good = client.post(
        page_url(budget),
        {
            "action": "decide",
            "intervention": first.pk,
            "status": "decided",
            "on": EARLIER.isoformat(),
            "meeting": "Styrgruppens möte, § 4",
        },
    )
    assert good.status_code == 302
    page = client.get(page_url(budget)).content.decode()
    assert "Styrgruppens möte, § 4" in page and "Registrera: beställd" in page


def test_the_pages_queries_do_not_grow_with_the_interventions(budget, group):
    client = Client()
    client.force_login(group)
    client.get(page_url(budget))
    with CaptureQueriesContext(connection) as few:
        client.get(page_url(budget))
    for rank in range(6, 30):
        intervention = Intervention.objects.create(
            budget=budget, rank=rank, title=f"Insats {rank}", allotted_cost=rank
        )
        services.intervention_decide(
            intervention=intervention,
            status=Intervention.Status.DECIDED,
            on=EARLIER,
            meeting="Möte",
            by=group,
        )
    with CaptureQueriesContext(connection) as many:
        client.get(page_url(budget))
    assert len(many) == len(few)


# --- Public -------------------------------------------------------------------------------


def decide(budget, group, *titles):
    for title in titles:
        services.intervention_decide(
            intervention=Intervention.objects.get(budget=budget, title=title),
            status=Intervention.Status.DECIDED,
            on=EARLIER,
            meeting="Styrgruppens möte, § 4",
            by=group,
        )


def decide_two_and_publish(budget, group):
    decide(budget, group, "Insats 1", "Insats 4")
    services.budget_publish(budget=budget, publish=True, by=member("Livskvalitetsteamet"))


def test_the_public_page_shows_only_published_decisions(client, budget, group):
    url = reverse("prioritisation:list")
    decide_two_and_publish(budget, group)
    services.budget_publish(budget=budget, publish=False, by=member("Livskvalitetsteamet"))
    assert "Insats 1" not in client.get(url).content.decode()  # taken down: not public
    services.budget_publish(budget=budget, publish=True, by=member("Livskvalitetsteamet"))
    page = client.get(url).content.decode()
    assert "Insats 1" in page and "Insats 4" in page
    assert "Insats 2" not in page and "Insats 3" not in page  # proposals stay internal
    assert f"1{NBSP}200{NBSP}000" in page  # Insats 1's part from the department's budget
    assert f"500{NBSP}000 kr" in page  # decided from the allotted budget: 400 000 + 100 000
    assert "Styrgruppens möte, § 4" in page
    assert reverse("prioritisation:list") in client.get(reverse("followup:years")).content.decode()


def test_the_public_page_and_the_open_data_keep_their_queries(client, budget, group):
    decide_two_and_publish(budget, group)
    urls = [reverse("prioritisation:list"), "/api/v1/interventions/"]
    few = {}
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        few[url] = len(queries)
    second = Budget.objects.create(year=2027, name="Mer", amount=100, published_on=TODAY)
    for rank in range(1, 8):
        intervention = Intervention.objects.create(
            budget=second, rank=rank, title=f"B {rank}", allotted_cost=1
        )
        services.intervention_decide(
            intervention=intervention,
            status=Intervention.Status.DECIDED,
            on=EARLIER,
            meeting="Möte",
            by=group,
        )
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) == few[url], url


def test_the_decisions_are_open_data_in_json_and_csv(client, budget, group):
    decide_two_and_publish(budget, group)
    unpublished = Budget.objects.create(year=2027, name="Intern", amount=5)
    secret = Intervention.objects.create(
        budget=unpublished, rank=1, title="Hemlig", allotted_cost=1
    )
    services.intervention_decide(
        intervention=secret, status="decided", on=EARLIER, meeting="Möte", by=group
    )
    data = client.get("/api/v1/interventions/").json()
    assert [row["title"] for row in data["results"]] == ["Insats 1", "Insats 4"]
    first = data["results"][0]
    assert first["allotted_cost"] == "400000" and first["department_cost"] == "1200000"
    assert first["department"] == "SOF" and first["status"] == "decided"
    assert first["decided_on"] == EARLIER.isoformat()
    assert first["decided_at"] == "Styrgruppens möte, § 4" and first["ordered_on"] is None
    csv = client.get("/api/v1/interventions/?format=csv").content.decode()
    assert csv.splitlines()[0].startswith("id,budget,year,rank,title,department")
    assert "Hemlig" not in csv and "Insats 4" in csv
    assert client.get("/api/v1/interventions/?year=tva").status_code == 400
    assert client.get("/api/v1/interventions/?year=2027").json()["count"] == 0
    assert "interventions" in client.get(reverse("opendata:datasets")).content.decode()


def test_decimal_totals_of_the_decided_rows(budget, group):
    decide_two_and_publish(budget, group)
    (ranking,) = prioritisation.rankings(prioritisation.published_budgets())
    assert ranking.decided_allotted == Decimal(500_000)
    assert ranking.decided_department == Decimal(1_225_000)


def test_a_decision_over_the_budget_is_warned_of_refused_unless_confirmed_and_flagged(
    client, budget, group
):
    """Insats 1 and 2 fit (900 000 of 1 000 000); deciding Insats 3 (300 000) too goes
    200 000 kr over: the page warns beside its form, the decision is refused without
    "Decide even so", and once decided the group's and the public page say so."""
    team = Client()
    team.force_login(group)
    decide(budget, group, "Insats 1", "Insats 2")
    third = Intervention.objects.get(budget=budget, title="Insats 3")
    page = team.get(page_url(budget)).content.decode()
    assert "nav-sidebar" not in page  # the ranking has the whole width
    # Beside Insats 3's form only: Insats 4 (100 000) and 5 (50 000) still fit.
    assert page.count("över den tilldelade budgeten") == 1
    decision = {"action": "decide", "intervention": third.pk, "status": "decided"}
    decision |= {"on": EARLIER.isoformat(), "meeting": "Styrgruppens möte, § 5"}
    refused = team.post(page_url(budget), decision)
    assert refused.status_code == 200
    assert f"tar de beslutade insatserna 200{NBSP}000 kr över" in refused.content.decode()
    assert Intervention.objects.get(pk=third.pk).status == "proposed"
    assert team.post(page_url(budget), decision | {"over_budget": "on"}).status_code == 302
    assert Intervention.objects.get(pk=third.pk).status == "decided"
    page = team.get(page_url(budget)).content.decode()
    assert f"går 200{NBSP}000 kr över den tilldelade budgeten" in page
    services.budget_publish(budget=budget, publish=True, by=member("Livskvalitetsteamet"))
    public = client.get(reverse("prioritisation:list")).content.decode()
    assert f"beslutat insatser för 200{NBSP}000 kr mer än den tilldelade budgeten" in public
