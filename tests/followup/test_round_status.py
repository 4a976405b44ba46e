"""A round says where it stands: who has not submitted (nobody, when all have), open
until its deadline, being completed after it, and closed by the daily run once its
deadline has passed with every report approved."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client

from followup import services
from followup.admin import FollowupRoundAdmin
from followup.models import FollowupRound
from tests.followup.conftest import YEAR, approve

pytestmark = pytest.mark.django_db
DEADLINE = datetime.date(YEAR + 1, 2, 15)  # the fixture's round's


def test_the_round_names_who_has_not_submitted_and_nobody_when_all_have(fw):
    not_submitted = FollowupRoundAdmin(FollowupRound, None).not_submitted
    assert not_submitted(fw["round"]) == "Miljöförvaltningen, Socialförvaltningen"
    team = fw["team"]
    for department in (fw["sof"], fw["mf"]):
        approve(services.report_start(round_=fw["round"], department=department, by=team), {}, team)
    assert not_submitted(fw["round"]) == "Ingen: alla förvaltningar har skickat in."
    empty = FollowupRound.objects.create(year=YEAR + 3, deadline=DEADLINE)
    assert not_submitted(empty) == "Ingen förvaltning rapporterar i omgången än."


def test_the_daily_run_closes_a_past_round_once_every_report_is_approved(fw, capsys):
    team, round_ = fw["team"], fw["round"]
    approve(services.report_start(round_=round_, department=fw["sof"], by=team), {}, team)
    day_after = (DEADLINE + datetime.timedelta(days=1)).isoformat()
    call_command("daily", today=day_after)
    assert FollowupRound.objects.get(pk=round_.pk).is_open  # MF has not reported
    page = Client().get("/uppfoljning/").content.decode()
    assert f"Uppföljningen av {YEAR} håller på att slutföras" in page
    assert "1 av 2 rapporter är godkända hittills" in page

    approve(services.report_start(round_=round_, department=fw["mf"], by=team), {}, team)
    call_command("daily", today=DEADLINE.isoformat())
    assert FollowupRound.objects.get(pk=round_.pk).is_open  # not due yet on the deadline
    call_command("daily", today=day_after)
    assert not FollowupRound.objects.get(pk=round_.pk).is_open
    assert f"Uppföljning {YEAR} closed" in capsys.readouterr().out
    page = Client().get("/uppfoljning/").content.decode()
    assert "Ingen uppföljning pågår just nu." in page and "pågår:" not in page


def test_a_round_whose_deadline_falls_outside_its_step_says_so(fw):
    """Annual report rounds fall in January–February; a September deadline is in the
    interim report's months, and the team is told when it saves the round."""
    round_ = fw["round"]
    assert round_.phase_hint == ""  # 15 February, annual report
    team = Client()
    team.force_login(fw["team"])
    url = f"/admin/followup/followupround/{round_.pk}/change/"
    data = {
        "year": round_.year,
        "deadline": f"{YEAR + 1}-09-15",
        "phase": "annual_report",
        "departments": [fw["sof"].pk, fw["mf"].pk],
        "is_open": "on",
        "remind_days_before": 14,
        "remind_days_after": 3,
        "reminders-TOTAL_FORMS": 0,
        "reminders-INITIAL_FORMS": 0,
    }
    page = team.post(url, data, follow=True).content.decode()
    assert "faller utanför ”Årsredovisning (januari–februari)”" in page
    assert "den ligger i ”Delårsrapport (augusti–september)”" in page
