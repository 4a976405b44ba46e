"""The annual report keeps itself current (annualreport.publishing): once a year is
complete the worker builds its PDF in Swedish and English with no one asking, builds it
again when what the report shows changes, and not when nothing did."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from annualreport import publishing
from followup import services
from jobs.models import Job
from programme.models import ProgrammeNode
from tests.followup.conftest import YEAR, approve

pytestmark = pytest.mark.django_db


def built():
    """The finished PDFs as (language, reports), oldest first."""
    jobs = Job.objects.filter(format="pdf", state=Job.State.DONE).order_by("pk")
    return [(job.parameters["language"], job.result["reports"]) for job in jobs]


@override_settings(ANNUAL_REPORT_CHECK_DELAY_SECONDS=0)
def test_a_complete_year_gets_its_pdfs_and_new_ones_when_its_content_changes(
    fw, client, django_capture_on_commit_callbacks
):
    team = fw["team"]
    with django_capture_on_commit_callbacks(execute=True):
        approve(services.report_start(round_=fw["round"], department=fw["sof"], by=team), {}, team)
    assert built() == []  # MF has not reported: the report is not public
    with django_capture_on_commit_callbacks(execute=True):
        approve(services.report_start(round_=fw["round"], department=fw["mf"], by=team), {}, team)
    assert sorted(built()) == [("en", 2), ("sv", 2)]
    page = client.get(f"/uppfoljning/{YEAR}/rapport/").content.decode()
    assert "Ladda ned rapporten som pdf" in page and "av 2 godkända rapporter" in page
    for prefix in ("", "/en"):
        response = client.get(f"{prefix}/uppfoljning/{YEAR}/rapport.pdf")
        assert response.status_code == 200, prefix

    # An edit that the report does not show builds nothing; one that it shows, the
    # language it shows in (the focus area's English title stays).
    with django_capture_on_commit_callbacks(execute=True):
        fw["vof"].save()  # not in the round
    assert len(built()) == 2
    area = ProgrammeNode.objects.get(code="trygghet")
    area.title = "Trygghet och studiero"
    with django_capture_on_commit_callbacks(execute=True):
        area.save()
    assert built()[2:] == [("sv", 2)]
    assert "Trygghet och studiero" in client.get(f"/uppfoljning/{YEAR}/rapport/").content.decode()


def test_the_check_asks_only_for_what_changed(complete_round, settings):
    settings.ANNUAL_REPORT_CHECK_DELAY_SECONDS = 30
    asked = publishing.refresh_all()
    assert sorted(job.parameters["language"] for job in asked) == ["en", "sv"]
    assert publishing.refresh_all() == []  # the same content is being built already
    Job.objects.filter(pk=asked[0].pk).update(state=Job.State.FAILED)
    assert [job.parameters["language"] for job in publishing.refresh_all()] == [
        asked[0].parameters["language"]
    ]


@pytest.fixture
def complete_round(fw):
    team = fw["team"]
    for department in (fw["sof"], fw["mf"]):
        approve(services.report_start(round_=fw["round"], department=department, by=team), {}, team)
    return fw


def test_daily_hands_the_check_to_the_worker(complete_round, settings, capsys):
    call_command("daily", today=f"{YEAR + 1}-01-10")
    assert "built only when the team asks" in capsys.readouterr().out
    assert not Job.objects.exists()
    settings.ANNUAL_REPORT_CHECK_DELAY_SECONDS = 30
    call_command("daily", today=f"{YEAR + 1}-01-10")
    assert "the annual reports' check handed to the worker" in capsys.readouterr().out
    assert Job.objects.filter(state=Job.State.QUEUED, format="pdf").count() == 2
