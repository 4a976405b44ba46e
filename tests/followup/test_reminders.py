"""Reminders on the planning year: before and after the deadline, once per department and
step however often the daily run runs, with a link to the report form; and by hand."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from core import review
from followup import reminders, services
from followup.models import DepartmentReport, Reminder
from notifications.models import Kind, Notification, Preference
from tests.followup.conftest import YEAR, fill

pytestmark = pytest.mark.django_db
DEADLINE = datetime.date(YEAR + 1, 2, 15)  # the fw round's: 14 days before, 3 after


def daily(day, capture):
    with capture(execute=True):
        call_command("daily", "--today", day.isoformat(), stdout=io.StringIO())


def test_the_daily_run_reminds_before_and_after_the_deadline_once_per_step(
    fw, django_capture_on_commit_callbacks
):
    anna = fw["users"]["ambassador A"]
    review.submit(
        fill(services.report_start(round_=fw["round"], department=fw["sof"], by=anna), {}, anna),
        by=anna,
    )

    daily(DEADLINE - datetime.timedelta(days=15), django_capture_on_commit_callbacks)
    assert mail.outbox == []  # too early

    daily(DEADLINE - datetime.timedelta(days=14), django_capture_on_commit_callbacks)
    assert [message.to for message in mail.outbox] == [["bo@example.se"]]  # MF only: SOF sent
    message = mail.outbox[0]
    assert message.subject == f"Påminnelse: uppföljningen {YEAR} för Miljöförvaltningen"
    assert "om 14 dagar" in message.body and "15 februari 2026" in message.body
    start = f"/ambassador/uppfoljning/{fw['round'].pk}/MF/borja/"
    assert f"http://127.0.0.1:8000{start}" in message.body

    for day in (
        DEADLINE - datetime.timedelta(days=14),
        DEADLINE - datetime.timedelta(days=2),
        DEADLINE,
    ):
        daily(day, django_capture_on_commit_callbacks)  # twice the same day, and later
    assert len(mail.outbox) == 1

    daily(DEADLINE + datetime.timedelta(days=2), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    daily(DEADLINE + datetime.timedelta(days=3), django_capture_on_commit_callbacks)
    daily(DEADLINE + datetime.timedelta(days=3), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    late = mail.outbox[1]
    assert late.subject.startswith("Försenad:") and "för 3 dagar sedan" in late.body
    steps = list(Reminder.objects.order_by("sent_at").values_list("department__short_name", "step"))
    assert steps == [("MF", "before"), ("MF", "after")]

    bo = Client()
    bo.force_login(fw["users"]["ambassador B"])
    page = bo.get(start)  # the link: a page that starts the report, then the form
    assert page.status_code == 200 and "Börja rapporten" in page.content.decode()
    assert not DepartmentReport.objects.filter(department=fw["mf"]).exists()
    response = bo.post(start)
    report = DepartmentReport.objects.get(department=fw["mf"])
    assert response.url == f"/ambassador/uppfoljning/rapporter/{report.pk}/andra/"
    assert bo.get(start).url == response.url


def test_the_days_are_the_rounds_and_a_closed_round_reminds_nobody(fw):
    round_ = fw["round"]
    round_.remind_days_before, round_.remind_days_after = 30, 10
    round_.save()
    assert reminders.due_steps(DEADLINE - datetime.timedelta(days=31)) == []
    assert reminders.due_steps(DEADLINE - datetime.timedelta(days=30)) == [(round_, "before")]
    assert reminders.due_steps(DEADLINE + datetime.timedelta(days=9)) == []
    assert reminders.due_steps(DEADLINE + datetime.timedelta(days=10)) == [(round_, "after")]
    round_.is_open = False
    round_.save()
    assert reminders.due_steps(DEADLINE + datetime.timedelta(days=10)) == []


def test_an_ambassador_who_opted_out_of_reminders_gets_none(fw):
    Preference.objects.create(user=fw["users"]["ambassador B"], muted=[Kind.REMINDER])
    assert reminders.send(round_=fw["round"], step="before", today=DEADLINE) == 1  # anna
    assert not Notification.objects.filter(to="bo@example.se").exists()
    assert Reminder.objects.filter(department=fw["mf"], recipients=0).exists()


def test_the_admin_action_goes_through_the_same_task(fw, django_capture_on_commit_callbacks):
    client = Client()
    client.force_login(fw["team"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/followup/followupround/",
            {"action": "send_reminders", "_selected_action": [fw["round"].pk]},
        )
    assert response.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == ["anna@example.se", "bo@example.se"]
    assert set(Reminder.objects.values_list("step", flat=True)) == {"manual"}
    page = client.get(f"/admin/followup/followupround/{fw['round'].pk}/change/").content.decode()
    assert "Skickad av teamet" in page  # the round's page lists the reminders sent

    ambassador = Client()
    ambassador.force_login(fw["users"]["ambassador A"])
    with pytest.raises(Exception, match="Bara teamet"):
        reminders.request_manual(round_=fw["round"], by=fw["users"]["ambassador A"])


def test_a_bad_day_is_a_clear_error(fw):
    with pytest.raises(Exception, match="--today takes a date"):
        call_command("daily", "--today", "15/2", stdout=io.StringIO())
