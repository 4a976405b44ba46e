"""The shared review workflow (core.review), driven the same way for every moderated type:
initiatives, knowledge entries and department reports."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core import review
from encyclopedia import services as entry_services
from encyclopedia.models import Entry
from followup import services as report_services
from followup.models import DepartmentReport
from initiatives import services as initiative_services
from initiatives.models import Initiative
from programme.models import ProgrammeNode
from tests.factories import AmbassadorFactory, DepartmentFactory, UserFactory

TYPES = ["initiative", "entry", "report"]


@pytest.fixture
def world(loaded_examples):
    own = DepartmentFactory(name="Socialförvaltningen", short_name="SOF")
    other = DepartmentFactory(name="Miljöförvaltningen", short_name="MF")
    team = UserFactory(username="team", is_staff=True)
    team.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["initiatives", "encyclopedia", "followup"]
        )
    )
    return {
        "own": own,
        "ambassador": AmbassadorFactory(departments=[own]).user,
        "stranger": AmbassadorFactory(departments=[other]).user,
        "team": team,
    }


def make(kind: str, world) -> review.Reviewable:
    """A draft of ``kind`` owned by the ambassador's department, through its service; a
    report is complete (every focus area assessed), so it can be submitted."""
    by, department = world["ambassador"], world["own"]
    if kind == "initiative":
        return initiative_services.initiative_create(
            initiative=Initiative(title="Läxhjälp", summary="S", lead_department=department),
            relations={"priorities": [ProgrammeNode.objects.priorities().first()]},
            by=by,
        )
    if kind == "entry":
        return entry_services.entry_create(
            entry=Entry(kind=Entry.Kind.METHOD, title="Metod", summary="S", department=department),
            relations={"nodes": [ProgrammeNode.objects.focus_areas().first()]},
            by=by,
        )
    round_ = report_services.round_open(
        year=2025,
        deadline=datetime.date(2026, 2, 15),
        phase="annual_report",
        departments=[department],
        by=world["team"],
    )
    report = report_services.report_start(round_=round_, department=department, by=by)
    report.assessments.update(score=2)
    return DepartmentReport.objects.get(pk=report.pk)


@pytest.mark.parametrize("kind", TYPES)
def test_every_type_goes_draft_submitted_returned_submitted_accepted(world, kind):
    obj = make(kind, world)
    model, policy = type(obj), obj.review_policy
    assert obj.state == review.State.DRAFT and obj.is_open
    assert list(model.objects.awaiting_review()) == []
    with pytest.raises(PermissionDenied):
        review.submit(obj, by=world["stranger"])
    obj = review.submit(obj, by=world["ambassador"])
    assert (obj.state, obj.version) == (review.State.SUBMITTED, 2) and obj.submitted_at
    assert list(model.objects.awaiting_review()) == [obj]
    with pytest.raises(ValidationError):
        review.submit(obj, by=world["ambassador"])  # already submitted
    with pytest.raises(PermissionDenied):
        review.publish(obj, by=world["ambassador"])
    with pytest.raises(ValidationError):
        review.return_with_comment(obj, by=world["team"], comment="  ")
    obj = review.return_with_comment(obj, by=world["team"], comment=" Skriv mer. ")
    assert (obj.state, obj.review_comment) == (review.State.RETURNED, "Skriv mer.")
    obj = review.publish(review.submit(obj, by=world["ambassador"]), by=world["team"])
    assert obj.state == policy.accepted and obj.is_published and obj.published_at
    assert list(model.objects.published()) == [obj]
    assert obj.history.first().history_user == world["team"]
    with pytest.raises(ValidationError):
        review.publish(obj, by=world["team"])  # nothing to accept any more


@pytest.mark.parametrize("kind", TYPES)
def test_editable_by_is_the_departments_own_and_everything_for_the_team(world, kind):
    obj = make(kind, world)
    model = type(obj)
    assert list(model.objects.editable_by(world["ambassador"])) == [obj]
    assert list(model.objects.editable_by(world["stranger"])) == []
    assert list(model.objects.editable_by(world["team"])) == [obj]


def test_a_stale_version_names_the_fields_changed_since(world, english_messages):
    initiative = make("initiative", world)
    opened = initiative.version
    initiative_services.initiative_update(
        initiative_id=initiative.pk,
        expected_version=opened,
        changes={"title": "Läxhjälp för fler"},
        relations={},
        by=world["ambassador"],
    )
    current = Initiative.objects.get(pk=initiative.pk)
    with pytest.raises(review.EditConflictError) as conflict:
        review.check_version(current, opened, initiative_services.EDITABLE_FIELDS)
    assert conflict.value.changed_fields == ["title"]
    assert conflict.value.message() == (
        "Someone else saved this initiative while you edited it (changed: title). "
        "Your changes are not saved: open it again to see theirs."
    )


@pytest.mark.parametrize("kind", TYPES)
def test_each_change_page_has_the_return_button_while_submitted(client, world, kind):
    obj = make(kind, world)
    meta = obj._meta
    change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    back = reverse(f"admin:{meta.app_label}_{meta.model_name}_return", args=[obj.pk])
    client.force_login(world["team"])
    assert back not in client.get(change).content.decode()  # a draft: nothing to return
    review.submit(obj, by=world["ambassador"])
    page = client.get(change).content.decode()
    assert f'href="{back}"' in page
    response = client.post(back, {"comment": "Beskriv målgruppen."})
    assert response.status_code == 302
    obj.refresh_from_db()
    assert (obj.state, obj.review_comment) == (review.State.RETURNED, "Beskriv målgruppen.")


@pytest.mark.parametrize("kind", TYPES)
def test_the_admin_accept_action_publishes_or_approves_the_submitted(client, world, kind):
    obj = review.submit(make(kind, world), by=world["ambassador"])
    meta = obj._meta
    client.force_login(world["team"])
    response = client.post(
        reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"),
        {"action": obj.review_policy.accept_action, "_selected_action": [obj.pk]},
    )
    assert response.status_code == 302
    obj.refresh_from_db()
    assert obj.state == obj.review_policy.accepted
