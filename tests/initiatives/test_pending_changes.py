"""A department's change to a published initiative is moderated: it is kept as a pending
change (a copy) that the team publishes or returns; the public sees the published version
until then, and the ambassador sees both. Links added after publication are reviewed like
the rest."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from core import review
from initiatives import selectors, services
from initiatives.models import Initiative
from notifications.models import Notification
from programme.models import ProgrammeNode
from tests.factories import AmbassadorFactory, DepartmentFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]
State = review.State


@pytest.fixture
def world(loaded_examples):
    department = DepartmentFactory(name="Socialförvaltningen", short_name="SOF")
    other = DepartmentFactory(name="Miljöförvaltningen", short_name="MF")
    team = UserFactory(username="team", is_staff=True, email="team@example.se")
    team.user_permissions.set(Permission.objects.filter(content_type__app_label="initiatives"))
    team = type(team).objects.get(pk=team.pk)
    ambassador = AmbassadorFactory(
        user=UserFactory(username="anna", email="anna@example.se"), departments=[department]
    ).user
    priorities = list(ProgrammeNode.objects.priorities().order_by("path")[:2])
    initiative = services.initiative_create(
        initiative=Initiative(
            title="Simskola", summary="Simundervisning för vuxna.", lead_department=department
        ),
        relations={"priorities": priorities[:1]},
        links=[{"title": "Om simskolan", "url": "https://example.se/sim"}],
        by=ambassador,
    )
    initiative = review.publish(review.submit(initiative, by=ambassador), by=team)
    return {
        "team": team,
        "ambassador": ambassador,
        "other": AmbassadorFactory(departments=[other]).user,
        "initiative": initiative,
        "priorities": priorities,
    }


def change(world, by=None, links=None, **changes):
    initiative = Initiative.objects.get(pk=world["initiative"].pk)
    return services.initiative_update(
        initiative_id=initiative.pk,
        expected_version=initiative.version,
        changes=changes,
        relations={},
        links=links,
        by=by or world["ambassador"],
    )


def test_an_ambassadors_change_to_a_published_initiative_waits_for_review(world):
    original = world["initiative"]
    pending = change(
        world,
        title="Simskola för alla",
        links=[{"title": "Anmälan", "url": "https://example.se/anmalan"}],
    )
    assert pending.pk != original.pk and pending.change_of_id == original.pk
    assert pending.state == State.SUBMITTED
    original.refresh_from_db()
    assert (original.title, original.state) == ("Simskola", State.PUBLISHED)
    assert [link.title for link in original.links.all()] == ["Om simskolan"]
    assert list(pending.priorities.all()) == list(original.priorities.all())
    # The public sees the published version only.
    public = Client().get(original.get_absolute_url()).content.decode()
    assert "Simskola" in public and "Simskola för alla" not in public and "Anmälan" not in public
    assert Client().get(pending.get_absolute_url()).status_code == 404
    assert Initiative.objects.published().filter(title="Simskola för alla").count() == 0
    # The team hears of it.
    assert Notification.objects.filter(to="team@example.se", kind="submitted").exists()


def test_publishing_the_change_writes_it_onto_the_initiative_and_removes_the_copy(world):
    original = world["initiative"]
    version = original.version
    pending = change(
        world,
        title="Simskola för alla",
        links=[{"title": "Anmälan", "url": "https://example.se/anmalan"}],
    )
    published = services.initiative_publish(pending, by=world["team"])
    assert published.pk == original.pk
    original.refresh_from_db()
    assert (original.title, original.state, original.version) == (
        "Simskola för alla",
        State.PUBLISHED,
        version + 1,
    )
    assert [link.title for link in original.links.all()] == ["Anmälan"]
    assert not Initiative.objects.filter(pk=pending.pk).exists()
    assert original.history.first().history_user == world["team"]
    assert Notification.objects.filter(recipient=world["ambassador"], kind="accepted").exists()


def test_the_team_returns_a_change_and_the_ambassador_edits_and_sends_it_again(world):
    pending = change(world, title="Simskola för alla")
    returned = review.return_with_comment(pending, by=world["team"], comment="Stavning.")
    assert returned.state == State.RETURNED
    again = services.initiative_update(
        initiative_id=pending.pk,
        expected_version=returned.version,
        changes={"title": "Simskola för alla vuxna"},
        relations={},
        by=world["ambassador"],
    )
    assert (again.pk, again.state, again.title) == (pending.pk, State.SUBMITTED, again.title)
    world["initiative"].refresh_from_db()
    assert world["initiative"].title == "Simskola"


def test_one_pending_change_at_a_time(world):
    change(world, title="Första ändringen")
    with pytest.raises(review.EditConflictError):
        change(world, title="Andra ändringen")
    assert Initiative.objects.filter(change_of=world["initiative"]).count() == 1


def test_a_change_is_refused_when_the_team_changed_the_initiative_meanwhile(world):
    pending = change(world, title="Ändrad av ambassadören")
    change(world, by=world["team"], summary="Ändrad av teamet.")  # the team edits live
    with pytest.raises(review.EditConflictError) as conflict:
        services.initiative_publish(pending, by=world["team"])
    assert conflict.value.changed_fields == ["summary"]
    world["initiative"].refresh_from_db()
    assert world["initiative"].title == "Simskola"


def test_only_the_team_publishes_a_change_and_other_departments_cannot_make_one(world):
    pending = change(world, title="Ny titel")
    with pytest.raises(PermissionDenied):
        services.initiative_publish(pending, by=world["ambassador"])
    with pytest.raises(PermissionDenied):
        change(world, by=world["other"], title="Inte min")


def test_the_teams_own_edit_of_a_published_initiative_goes_live(world):
    edited = change(world, by=world["team"], title="Rättad av teamet")
    assert edited.pk == world["initiative"].pk and edited.title == "Rättad av teamet"
    assert not Initiative.objects.filter(change_of__isnull=False).exists()


def test_a_change_can_never_be_published_as_itself(world):
    pending = change(world, title="Ny titel")
    with pytest.raises(IntegrityError), transaction.atomic():
        Initiative.objects.filter(pk=pending.pk).update(state=State.PUBLISHED)


def test_a_change_is_listed_neither_beside_the_initiative_nor_in_exports(world):
    from initiatives.resources import InitiativeResource

    pending = change(world, title="Ny titel")
    assert list(Initiative.objects.for_department(pending.lead_department)) == [world["initiative"]]
    assert [row[0] for row in InitiativeResource().export()] == [str(world["initiative"].pk)]


def test_the_admin_shows_what_publishing_the_change_alters(world):
    pending = change(
        world,
        title="Simskola för alla",
        links=[{"title": "Anmälan", "url": "https://example.se/anmalan"}],
    )
    assert selectors.change_differences(pending) == [
        ("title", "Simskola", "Simskola för alla"),
        ("links", "Om simskolan (https://example.se/sim)", "Anmälan (https://example.se/anmalan)"),
    ]
    client = Client()
    client.force_login(world["team"])
    page = client.get(reverse("admin:initiatives_initiative_change", args=[pending.pk]))
    assert "Simskola för alla" in page.content.decode()
    assert "https://example.se/anmalan" in page.content.decode()
    listing = client.get(reverse("admin:initiatives_initiative_changelist"))
    assert reverse("admin:initiatives_initiative_change", args=[world["initiative"].pk]) in (
        listing.content.decode()
    )
    # The queue's accept action publishes the change onto the initiative.
    client.post(
        reverse("admin:initiatives_initiative_changelist"),
        {"action": "publish", "_selected_action": [pending.pk]},
    )
    world["initiative"].refresh_from_db()
    assert world["initiative"].title == "Simskola för alla"


def test_the_ambassador_pages_show_both_versions(world):
    client = Client()
    client.force_login(world["ambassador"])
    original = world["initiative"]
    form = client.get(reverse("ambassador:initiative-edit", args=[original.pk]))
    assert "your change goes to the quality-of-life team" in form.content.decode()
    data = {
        "title": "Simskola för alla",
        "summary": original.summary,
        "lead_department": original.lead_department_id,
        "priorities": [p.pk for p in original.priorities.all()],
        "status": original.status,
        "version": original.version,
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-0-title": "Anmälan",
        "links-0-url": "https://example.se/anmalan",
    }
    response = client.post(reverse("ambassador:initiative-edit", args=[original.pk]), data)
    pending = Initiative.objects.get(change_of=original)
    assert response.status_code == 302
    assert response["Location"] == reverse("ambassador:initiative", args=[pending.pk])
    page = client.get(response["Location"]).content.decode()
    assert "The public page shows the published version until the team publishes" in page
    assert "This is a change to the published initiative" in page
    # The original's page says a change waits, and its edit page leads to the change.
    page = client.get(reverse("ambassador:initiative", args=[original.pk])).content.decode()
    assert "A change to this initiative awaits the quality-of-life team" in page
    again = client.get(reverse("ambassador:initiative-edit", args=[original.pk]))
    assert again["Location"] == reverse("ambassador:initiative-edit", args=[pending.pk])
    overview = client.get(reverse("ambassador:overview")).content.decode()
    assert "a change awaits review" in overview
    assert overview.count("Simskola för alla") == 0  # the change is not listed as its own


def test_a_change_that_does_not_validate_writes_nothing(world):
    with pytest.raises(ValidationError):
        change(world, title="")
    assert not Initiative.objects.filter(change_of__isnull=False).exists()
