"""Notifications: who gets which e-mail on every move of every moderated type, in their
language, with the link to act on; opting out; the outbox; a mail server that is down."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import review
from encyclopedia import services as entry_services
from encyclopedia.models import Entry
from followup import services as followup_services
from initiatives import services as initiative_services
from initiatives.models import Initiative
from notifications import services
from notifications.models import Kind, Notification, Preference
from notifications.tasks import deliver
from programme.models import ProgrammeNode
from tests.factories import AmbassadorFactory, UserFactory
from tests.followup.conftest import fill, fw  # noqa: F401 - the follow-up world
from tests.support.mail import FAILING

pytestmark = pytest.mark.django_db
TYPES = ["initiative", "entry", "report"]


@pytest.fixture
def world(fw):  # noqa: F811
    fw["team"].email = "team@example.se"
    fw["team"].save()
    fw["team"].user_permissions.add(
        *Permission.objects.filter(content_type__app_label__in=["encyclopedia", "notifications"])
    )
    fw["team"] = fw["users"]["team editor"] = type(fw["team"]).objects.get(pk=fw["team"].pk)
    sara = AmbassadorFactory(
        user=UserFactory(username="sara", email="sara@example.se"),
        email="sara@example.se",
        departments=[fw["sof"]],
    ).user
    Preference.objects.create(user=sara, language="en")
    fw["sara"] = sara
    fw["anna"] = fw["users"]["ambassador A"]
    return fw


def make(kind, world):
    anna = world["anna"]
    priority = ProgrammeNode.objects.priorities().order_by("path").first()
    if kind == "initiative":
        return initiative_services.initiative_create(
            initiative=Initiative(title="Simskola", summary="S", lead_department=world["sof"]),
            relations={"priorities": [priority]},
            by=anna,
        )
    if kind == "entry":
        return entry_services.entry_create(
            entry=Entry(
                kind=Entry.Kind.GOOD_EXAMPLE,
                title="Läxhjälp",
                summary="S",
                body="<p>Text.</p>",
                department=world["sof"],
            ),
            relations={"nodes": [priority]},
            by=anna,
        )
    report = followup_services.report_start(round_=world["round"], department=world["sof"], by=anna)
    return fill(report, {}, anna)


def by_address():
    return {message.to[0]: message for message in mail.outbox}


@pytest.mark.parametrize("kind", TYPES)
def test_every_move_tells_who_acts_next(world, kind, django_capture_on_commit_callbacks):
    obj = make(kind, world)
    anna, team = world["anna"], world["team"]
    opts = obj._meta
    with django_capture_on_commit_callbacks(execute=True):
        obj = review.submit(obj, by=anna)
    assert list(by_address()) == ["team@example.se"]  # the team; not the writer herself
    message = mail.outbox[0]
    assert message.subject.startswith("Att granska:") and str(obj) in message.subject
    change = f"{settings.SITE_URL}/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/change/"
    assert change in message.body and "livskvalitetsteamet" in message.body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        obj = review.return_with_comment(obj, by=team, comment="Lägg till vad ni lärde er.")
    received = by_address()
    assert sorted(received) == ["anna@example.se", "sara@example.se"]
    swedish, english = received["anna@example.se"], received["sara@example.se"]
    assert swedish.subject.startswith("Återsänd med kommentar:")
    assert english.subject.startswith("Returned with a comment:")
    for message in (swedish, english):
        assert "Lägg till vad ni lärde er." in message.body  # the team's words, as written
    assert f"{settings.SITE_URL}{obj.get_work_url()}" in swedish.body
    assert f"{settings.SITE_URL}/en{obj.get_work_url()}" in english.body

    with django_capture_on_commit_callbacks(execute=True):
        obj = review.submit(obj, by=anna)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        obj = review.publish(obj, by=team)
    received = by_address()
    assert sorted(received) == ["anna@example.se", "sara@example.se"]
    word = "Godkänd" if kind == "report" else "Publicerad"
    assert received["anna@example.se"].subject.startswith(word)
    assert f"{settings.SITE_URL}{obj.get_absolute_url()}" in received["anna@example.se"].body

    outbox = Notification.objects.filter(object_id=obj.pk, content_type__model=opts.model_name)
    assert outbox.count() == 6  # team, two ambassadors, team, two ambassadors
    assert set(outbox.values_list("state", flat=True)) == {Notification.State.SENT}
    assert set(outbox.values_list("kind", flat=True)) == {
        Kind.SUBMITTED,
        Kind.RETURNED,
        Kind.ACCEPTED,
    }


def test_an_ambassador_who_opted_out_gets_nothing_of_that_kind(
    world, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(world["anna"])
    page = client.get("/ambassador/e-post/").content.decode()
    assert "Skicka e-post till mig när" in page
    assert 'value="submitted"' not in page  # a kind for the team, not for an ambassador
    response = client.post(
        "/ambassador/e-post/", {"wanted": ["accepted", "reminder"], "language": "sv"}
    )
    assert response.status_code == 302
    assert Preference.objects.get(user=world["anna"]).muted == ["returned"]
    obj = review.submit(make("initiative", world), by=world["anna"])
    with django_capture_on_commit_callbacks(execute=True):
        review.return_with_comment(obj, by=world["team"], comment="Mer.")
    assert list(by_address()) == ["sara@example.se"]
    assert not Notification.objects.filter(to="anna@example.se", kind=Kind.RETURNED).exists()


def test_a_bad_choice_of_kinds_is_refused_and_writes_nothing(world):
    client = Client()
    client.force_login(world["anna"])
    response = client.post("/ambassador/e-post/", {"wanted": ["submitted"], "language": "xx"})
    assert response.status_code == 200 and "notice-error" in response.content.decode()
    assert not Preference.objects.filter(user=world["anna"]).exists()


def test_a_mail_server_outage_never_fails_the_action_and_the_retry_sends_once(
    world, settings, django_capture_on_commit_callbacks
):
    settings.MAILERS = FAILING
    obj = make("initiative", world)
    client = Client()
    client.force_login(world["anna"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/ambassador/insatser/{obj.pk}/skicka-in/")
    assert response.status_code == 302
    assert Initiative.objects.get(pk=obj.pk).state == review.State.SUBMITTED
    notification = Notification.objects.get()
    assert notification.state == Notification.State.WAITING and notification.attempts == 1
    assert "SMTPServerDisconnected" in notification.last_error
    assert notification.next_attempt_at > timezone.now() + timedelta(seconds=50)
    assert mail.outbox == []

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_due(now=timezone.now() + timedelta(minutes=2)) == 1
    assert deliver.call(notification.pk) == "nothing to do"  # a second try finds it sent
    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert (notification.state, notification.attempts) == (Notification.State.SENT, 2)
    assert services.send_due(now=timezone.now() + timedelta(days=1)) == 0


def test_after_the_last_retry_the_mail_is_failed_and_the_team_can_send_it_again(
    world, settings, django_capture_on_commit_callbacks
):
    settings.MAILERS = FAILING
    settings.NOTIFICATION_RETRY_MINUTES = [1]
    with django_capture_on_commit_callbacks(execute=True):
        review.submit(make("entry", world), by=world["anna"])
    notification = Notification.objects.get()
    assert deliver.call(notification.pk) == "failed"
    notification.refresh_from_db()
    assert (notification.state, notification.attempts) == (Notification.State.FAILED, 2)
    assert deliver.call(notification.pk) == "nothing to do"

    client = Client()
    client.force_login(world["team"])
    start = client.get("/admin/").content.decode()
    assert "E-post som inte gick fram: 1" in start and notification.subject in start
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/notifications/notification/",
            {"action": "send_again", "_selected_action": [notification.pk]},
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert Notification.objects.get().state == Notification.State.SENT


def test_a_published_entry_changed_by_its_department_tells_the_team(
    world, django_capture_on_commit_callbacks
):
    entry = review.publish(review.submit(make("entry", world), by=world["anna"]), by=world["team"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        entry = entry_services.entry_update(
            entry_id=entry.pk,
            expected_version=entry.version,
            changes={"summary": "Nu med resultat."},
            relations={},
            by=world["anna"],
        )
    assert entry.state == review.State.PUBLISHED
    assert list(by_address()) == ["team@example.se"]
    message = mail.outbox[0]
    assert message.subject.startswith("Ändrad efter publicering:")
    assert f"/admin/encyclopedia/entry/{entry.pk}/history/" in message.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        entry_services.entry_update(
            entry_id=entry.pk,
            expected_version=entry.version,
            changes={"summary": "Teamets rättning."},
            relations={},
            by=world["team"],
        )
    assert mail.outbox == []  # the team's own edit


def test_a_notification_costs_the_same_queries_for_one_recipient_or_many(
    world, django_capture_on_commit_callbacks
):
    def queries_to_return():
        obj = review.submit(make("initiative", world), by=world["anna"])
        with CaptureQueriesContext(connection) as queries:
            review.return_with_comment(obj, by=world["team"], comment="Mer.")
        return len(queries)

    queries_to_return()  # the content type and the team's permissions are cached once
    few = queries_to_return()
    for number in range(8):
        AmbassadorFactory(
            user=UserFactory(email=f"extra{number}@example.se"),
            email=f"extra{number}@example.se",
            departments=[world["sof"]],
        )
    assert queries_to_return() == few
    assert Notification.objects.filter(kind=Kind.RETURNED).count() == 2 + 2 + 10


PAGES = [
    ("get", "/ambassador/e-post/", [302, 200, 200, 200, 403, 200]),
    ("post", "/ambassador/e-post/", [302, 200, 200, 200, 403, 200]),
    ("get", "/admin/notifications/notification/", [302, 302, 302, 200, 403, 200]),
    ("get", "/admin/notifications/notification/{pk}/change/", [302, 302, 302, 200, 403, 200]),
]
ROLES = ["anonymous", "ambassador A", "ambassador B", "team editor", "view-only staff", "superuser"]


@pytest.mark.parametrize(("method", "address", "expected"), PAGES, ids=[p[1] for p in PAGES])
def test_permission_matrix(world, method, address, expected):
    review.submit(make("initiative", world), by=world["anna"])
    notification = Notification.objects.get()
    found = {}
    for role in ROLES:
        client = Client()
        if world["users"][role] is not None:
            client.force_login(world["users"][role])
        found[role] = getattr(client, method)(address.format(pk=notification.pk)).status_code
    assert found == dict(zip(ROLES, expected, strict=True))
