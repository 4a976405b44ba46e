"""Initiatives: who may write, the review workflow, and no lost updates."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core import review
from initiatives import services
from initiatives.models import Initiative
from programme.models import ProgrammeNode
from tests.factories import (
    AmbassadorFactory,
    DepartmentFactory,
    ProgrammeFactory,
    UserFactory,
    make_tree,
)

pytestmark = pytest.mark.django_db
State = Initiative.State


@pytest.fixture
def world():
    make_tree(ProgrammeFactory(), directions=1, focus_areas=2, priorities=2)
    department_a, department_b = (
        DepartmentFactory(short_name="A"),
        DepartmentFactory(short_name="B"),
    )
    team = UserFactory(is_staff=True)
    team.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="initiatives",
            codename__in=[
                "review_initiative",
                "view_initiative",
                "change_initiative",
                "add_initiative",
            ],
        )
    )
    return {
        "a": AmbassadorFactory(departments=[department_a]).user,
        "b": AmbassadorFactory(departments=[department_b]).user,
        "team": team,
        "department_a": department_a,
        "department_b": department_b,
        "priorities": list(ProgrammeNode.objects.priorities()),
    }


def create(world, by=None, department=None, **fields):
    initiative = Initiative(
        title=fields.pop("title", "Läxhjälp på biblioteket"),
        summary="Unga får hjälp med läxorna.",
        lead_department=department or world["department_a"],
        **fields,
    )
    return services.initiative_create(
        initiative=initiative,
        relations={"priorities": world["priorities"][:2]},
        by=by or world["a"],
    )


def update(world, initiative, by=None, version=None, **changes):
    return services.initiative_update(
        initiative_id=initiative.pk,
        expected_version=initiative.version if version is None else version,
        changes=changes,
        relations={},
        by=by or world["a"],
    )


def test_an_ambassador_logs_a_draft_for_their_own_department(world):
    initiative = create(world)
    assert (initiative.state, initiative.version) == (State.DRAFT, 1)
    assert set(initiative.priorities.all()) == set(world["priorities"][:2])
    assert initiative.created_by == world["a"]


def test_an_ambassador_cannot_log_for_another_department(world):
    with pytest.raises(PermissionDenied):
        create(world, department=world["department_b"])
    assert not Initiative.objects.exists()


@pytest.mark.parametrize("pick", ["none", "focus_area"])
def test_an_initiative_needs_priorities_and_only_priorities(world, pick):
    nodes = [] if pick == "none" else list(ProgrammeNode.objects.focus_areas()[:1])
    with pytest.raises(ValidationError):
        services.initiative_create(
            initiative=Initiative(title="X", summary="Y", lead_department=world["department_a"]),
            relations={"priorities": nodes},
            by=world["a"],
        )
    assert not Initiative.objects.exists()


def test_an_initiative_cannot_end_before_it_starts(world):
    with pytest.raises(ValidationError):
        create(
            world,
            starts_on=datetime.date(2026, 5, 1),
            ends_on=datetime.date(2026, 4, 1),
        )


def test_only_the_lead_departments_ambassadors_and_the_team_change_it(world):
    initiative = create(world)
    initiative = update(world, initiative, title="Läxhjälp för alla")
    assert initiative.version == 2
    with pytest.raises(PermissionDenied):
        update(world, initiative, by=world["b"], title="Kapat")
    initiative = update(world, initiative, by=world["team"], title="Läxhjälp, tredje versionen")
    assert Initiative.objects.get().title == "Läxhjälp, tredje versionen"


def test_moving_an_initiative_to_another_department_is_denied_and_writes_nothing(world):
    initiative = create(world)
    with pytest.raises(PermissionDenied):
        update(world, initiative, lead_department=world["department_b"], title="Nytt")
    stored = Initiative.objects.get()
    assert (stored.lead_department, stored.title, stored.version) == (
        world["department_a"],
        initiative.title,
        1,
    )


def test_a_membership_removed_mid_session_counts_at_once(world):
    initiative = create(world)
    world["a"].ambassador.departments.clear()
    with pytest.raises(PermissionDenied):
        update(world, initiative, title="Efter att jag slutat")


def test_workflow_fields_cannot_be_written_as_ordinary_changes(world):
    initiative = create(world)
    with pytest.raises(ValidationError):
        update(world, initiative, state=State.PUBLISHED)
    assert Initiative.objects.get().state == State.DRAFT


def test_the_second_of_two_concurrent_edits_gets_a_conflict_and_writes_nothing(world):
    initiative = create(world)
    opened_by_a = opened_by_team = initiative.version
    update(world, initiative, version=opened_by_a, title="A:s rubrik")
    with pytest.raises(review.EditConflictError) as conflict:
        update(world, initiative, by=world["team"], version=opened_by_team, summary="Teamets")
    assert conflict.value.changed_fields == ["title"]
    stored = Initiative.objects.get()
    assert (stored.title, stored.summary, stored.version) == (
        "A:s rubrik",
        "Unga får hjälp med läxorna.",
        2,
    )


def test_submit_publish_and_return_follow_the_workflow(world):
    initiative = create(world)
    initiative = review.submit(initiative, by=world["a"])
    assert initiative.state == State.SUBMITTED
    with pytest.raises(PermissionDenied):
        review.publish(initiative, by=world["a"])
    with pytest.raises(ValidationError):
        review.return_with_comment(initiative, by=world["team"], comment=" ")
    initiative = review.return_with_comment(
        initiative, by=world["team"], comment="Lägg till målgrupp."
    )
    assert (initiative.state, initiative.review_comment) == (State.RETURNED, "Lägg till målgrupp.")
    with pytest.raises(ValidationError):
        review.publish(initiative, by=world["team"])
    initiative = review.submit(initiative, by=world["a"])
    initiative = review.publish(initiative, by=world["team"])
    assert initiative.state == State.PUBLISHED and initiative.published_at is not None
    assert initiative.review_comment == ""
    assert list(Initiative.objects.published()) == [initiative]


def test_another_departments_ambassador_cannot_submit(world):
    initiative = create(world)
    with pytest.raises(PermissionDenied):
        review.submit(initiative, by=world["b"])
    assert Initiative.objects.get().state == State.DRAFT


def test_every_change_is_in_the_history(world):
    initiative = create(world)
    update(world, initiative, title="Ny rubrik")
    latest, before = list(Initiative.objects.get().history.all()[:2])
    assert (latest.version, before.version) == (2, 1)
    assert latest.diff_against(before).changed_fields == ["title"]


def admin_change(client, initiative, version, **fields):
    data = {
        "title": initiative.title,
        "summary": initiative.summary,
        "body": "",
        "lead_department": initiative.lead_department_id,
        "status": initiative.status,
        "starts_on": "",
        "ends_on": "",
        "target_group": "",
        "results": "",
        "lessons": "",
        "contact": "",
        "priorities": [p.pk for p in initiative.priorities.all()],
        "expected_version": version,
        **fields,
    }
    return client.post(reverse("admin:initiatives_initiative_change", args=[initiative.pk]), data)


def test_the_admin_refuses_a_stale_save_and_says_what_changed(client, world):
    initiative = create(world)
    client.force_login(world["team"])
    opened = initiative.version
    update(world, initiative, title="Ändrad av ambassadören")
    response = admin_change(client, initiative, opened, summary="Teamets sammanfattning")
    assert response.status_code == 200
    assert "title" in str(response.context["adminform"].form.non_field_errors())
    assert Initiative.objects.get().summary == "Unga får hjälp med läxorna."

    current = Initiative.objects.get()
    response = admin_change(client, current, current.version, summary="Teamets sammanfattning")
    assert response.status_code == 302
    assert Initiative.objects.get().version == current.version + 1


def test_the_admin_queue_publishes_submitted_initiatives(client, world):
    submitted = review.submit(create(world), by=world["a"])
    draft = create(world, title="Utkast")
    client.force_login(world["team"])
    response = client.post(
        reverse("admin:initiatives_initiative_changelist"),
        {"action": "publish", "_selected_action": [submitted.pk, draft.pk]},
    )
    assert response.status_code == 302
    states = dict(Initiative.objects.values_list("title", "state"))
    assert states == {submitted.title: State.PUBLISHED, "Utkast": State.DRAFT}
