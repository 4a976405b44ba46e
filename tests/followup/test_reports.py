"""Follow-up rounds and department reports: each workflow step, rights per department,
no lost updates, reminders, history, and the permission matrix."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from annualreport import export_job
from core import review
from followup import services
from followup.models import DepartmentReport, FollowupRound
from initiatives.models import Initiative
from jobs.services import job_run
from tests.followup.conftest import YEAR, fill, priorities_under, publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


def test_starting_a_report_makes_one_assessment_per_focus_area_with_the_years_initiatives(fw):
    team, sof = fw["team"], fw["sof"]
    publish("Trygga stråk", sof, priorities_under(fw, "trygghet"), team)
    joined = publish("Cykelkök", fw["mf"], priorities_under(fw, "hallbara-resor"), team)
    joined.partner_departments.add(sof)
    publish(
        "Förra året",
        sof,
        priorities_under(fw, "trygghet"),
        team,
        starts=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2021, 1, 1),
    )
    publish("Någon annans", fw["mf"], priorities_under(fw, "trygghet"), team)
    Initiative.objects.create(
        title="Utkast", summary="S", lead_department=sof, starts_on=datetime.date(YEAR, 1, 1)
    ).priorities.set(priorities_under(fw, "trygghet"))

    report = services.report_start(
        round_=fw["round"], department=sof, by=fw["users"]["ambassador A"]
    )
    assessments = {a.focus_area.code: a for a in report.assessments.select_related("focus_area")}
    assert len(assessments) == 15
    assert [i.title for i in assessments["trygghet"].initiatives.all()] == ["Trygga stråk"]
    assert [i.title for i in assessments["hallbara-resor"].initiatives.all()] == ["Cykelkök"]
    again = services.report_start(
        round_=fw["round"], department=sof, by=fw["users"]["ambassador A"]
    )
    assert again.pk == report.pk and DepartmentReport.objects.count() == 1


def test_only_the_departments_own_ambassadors_and_the_team_start_and_write_it(fw):
    with pytest.raises(PermissionDenied):
        services.report_start(
            round_=fw["round"], department=fw["sof"], by=fw["users"]["ambassador B"]
        )
    with pytest.raises(ValidationError, match="does not report in this round"):
        services.report_start(round_=fw["round"], department=fw["vof"], by=fw["team"])
    report = services.report_start(round_=fw["round"], department=fw["sof"], by=fw["team"])
    with pytest.raises(PermissionDenied):
        fill(report, {"trygghet": 2}, fw["users"]["ambassador B"])
    assert not report.assessments.filter(score__isnull=False).exists()


def test_the_workflow_draft_submitted_returned_submitted_approved(fw):
    anna, team = fw["users"]["ambassador A"], fw["team"]
    report = services.report_start(round_=fw["round"], department=fw["sof"], by=anna)
    with pytest.raises(ValidationError, match=r"\(15 left\)"):
        review.submit(report, by=anna)
    report = fill(report, {"trygghet": 3}, anna)
    with pytest.raises(PermissionDenied):
        review.publish(report, by=anna)
    with pytest.raises(ValidationError):
        review.publish(report, by=team)  # not submitted yet
    report = review.submit(report, by=anna)
    assert report.state == DepartmentReport.State.SUBMITTED and report.submitted_at
    with pytest.raises(ValidationError):
        fill(report, {"trygghet": 1}, anna)  # a submitted report is locked for ambassadors
    with pytest.raises(ValidationError, match="Say what"):
        review.return_with_comment(report, by=team, comment="  ")
    report = review.return_with_comment(report, by=team, comment="Beskriv trygghet mer.")
    assert (report.state, report.review_comment) == ("returned", "Beskriv trygghet mer.")
    report = fill(report, {"trygghet": 3}, anna)
    report = review.submit(report, by=anna)
    report = review.publish(report, by=team)
    assert report.state == DepartmentReport.State.APPROVED and report.published_at
    assert report.review_comment == ""


def test_a_save_from_a_stale_version_is_refused_and_writes_nothing(fw):
    anna = fw["users"]["ambassador A"]
    report = services.report_start(round_=fw["round"], department=fw["sof"], by=anna)
    opened = report.version
    fill(report, {"trygghet": 2}, fw["team"])
    assessment = report.assessments.get(focus_area__code="trygghet")
    with pytest.raises(review.EditConflictError):
        services.report_update(
            report_id=report.pk,
            expected_version=opened,
            next_year_plans="Mitt",
            assessments={assessment.pk: {"score": 4}},
            by=anna,
        )
    assessment.refresh_from_db()
    assert assessment.score == 2
    assert DepartmentReport.objects.get(pk=report.pk).next_year_plans == "Mer av allt."


def test_another_departments_initiative_cannot_be_linked(fw):
    anna = fw["users"]["ambassador A"]
    other = publish("MF:s insats", fw["mf"], priorities_under(fw, "trygghet"), fw["team"])
    report = services.report_start(round_=fw["round"], department=fw["sof"], by=anna)
    assessment = report.assessments.get(focus_area__code="trygghet")
    with pytest.raises(ValidationError, match="department's own"):
        services.report_update(
            report_id=report.pk,
            expected_version=report.version,
            next_year_plans="",
            assessments={assessment.pk: {"score": 2, "initiatives": [other]}},
            by=anna,
        )
    assert not assessment.initiatives.exists()
    assert DepartmentReport.objects.get(pk=report.pk).version == report.version


def test_opening_a_round_is_for_the_team_and_one_per_year(fw):
    with pytest.raises(PermissionDenied):
        services.round_open(
            year=2026,
            deadline=datetime.date(2027, 2, 1),
            phase="budget",
            departments=[],
            by=fw["users"]["ambassador A"],
        )
    with pytest.raises(ValidationError):
        services.round_open(
            year=YEAR,
            deadline=datetime.date(2027, 2, 1),
            phase="budget",
            departments=[],
            by=fw["team"],
        )
    assert FollowupRound.objects.count() == 1


def test_changes_are_in_the_history(fw):
    anna = fw["users"]["ambassador A"]
    report = services.report_start(round_=fw["round"], department=fw["sof"], by=anna)
    fill(report, {"trygghet": 2}, anna)
    record = DepartmentReport.history.filter(id=report.pk).latest()
    assert record.next_year_plans == "Mer av allt."
    assessment = report.assessments.get(focus_area__code="trygghet")
    assert assessment.history.latest().score == 2


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


ROLES = ["anonymous", "ambassador A", "ambassador B", "team editor", "view-only staff", "superuser"]
MATRIX = [
    ("get", "/ambassador/uppfoljning/", [302, 200, 200, 200, 403, 200]),
    ("post", "/ambassador/uppfoljning/{round}/SOF/borja/", [302, 302, 403, 302, 403, 302]),
    # The reminders' link: to the report once it is started (it is, here).
    ("get", "/ambassador/uppfoljning/{round}/SOF/borja/", [302, 302, 403, 302, 403, 302]),
    ("get", "/ambassador/uppfoljning/rapporter/{pk}/", [302, 200, 403, 200, 403, 200]),
    ("get", "/ambassador/uppfoljning/rapporter/{pk}/andra/", [302, 200, 403, 200, 403, 200]),
    ("post", "/ambassador/uppfoljning/rapporter/{pk}/skicka-in/", [302, 302, 403, 302, 403, 302]),
    ("get", "/uppfoljning/", [200] * 6),
    ("get", "/uppfoljning/2025/", [404] * 6),  # nothing approved yet
    ("get", "/uppfoljning/2025/SOF/", [404] * 6),
    ("get", "/admin/followup/departmentreport/", [302, 302, 302, 200, 403, 200]),
    ("get", "/admin/followup/departmentreport/{pk}/change/", [302, 302, 302, 200, 403, 200]),
    ("get", "/admin/followup/departmentreport/{pk}/history/", [302, 302, 302, 200, 403, 200]),
    ("get", "/admin/followup/departmentreport/{pk}/return/", [302, 302, 302, 200, 403, 200]),
    ("get", "/admin/followup/followupround/", [302, 302, 302, 200, 403, 200]),
    ("get", "/admin/followup/followupround/{round}/change/", [302, 302, 302, 200, 403, 200]),
    # Asking for an export (the buttons POST; nothing asked for is a message, not a job).
    ("post", "/admin/followup/followupround/{round}/export/", [302, 302, 302, 302, 403, 302]),
    ("get", "/admin/followup/followupround/{round}/export/", [302, 302, 302, 405, 405, 405]),
    ("get", "/admin/jobs/job/", [302, 302, 302, 200, 403, 200]),
    ("get", "/admin/jobs/job/{job}/change/", [302, 302, 302, 200, 403, 200]),
    ("get", "/admin/jobs/job/{job}/download/", [302, 302, 302, 200, 403, 200]),
    ("get", "/admin/keyfigures/indicatorvalue/fetch/", [302, 302, 302, 200, 403, 200]),
    ("post", "/admin/keyfigures/indicatorvalue/fetch/", [302, 302, 302, 200, 403, 200]),
    ("get", "/admin/keyfigures/indicator/", [302, 302, 302, 200, 403, 200]),
    ("get", "/admin/keyfigures/indicatorvalue/import/", [302, 302, 302, 200, 403, 200]),
    ("post", "/admin/keyfigures/indicatorvalue/import/", [302, 302, 302, 200, 403, 200]),
    ("get", "/admin/prioritisation/budget/", [302, 302, 302, 200, 403, 200]),
]


@pytest.mark.parametrize(("method", "address", "expected"), MATRIX, ids=[m[1] for m in MATRIX])
def test_permission_matrix(fw, method, address, expected):
    report = services.report_start(round_=fw["round"], department=fw["sof"], by=fw["team"])
    fill(report, {}, fw["team"])
    job = export_job.request_export(round_=fw["round"], fmt="json", by=fw["team"])
    job_run(job.pk)
    found = {}
    for role in ROLES:
        DepartmentReport.objects.filter(pk=report.pk).update(state="draft")
        response = getattr(client_for(fw["users"][role]), method)(
            address.format(pk=report.pk, round=fw["round"].pk, job=job.pk)
        )
        found[role] = response.status_code
    assert found == dict(zip(ROLES, expected, strict=True))


def test_the_ambassadors_write_and_submit_through_their_pages(fw):
    client = client_for(fw["users"]["ambassador A"])
    overview = client.get("/ambassador/uppfoljning/").content.decode()
    assert "2025" in overview and "15 februari 2026" in overview
    response = client.post(f"/ambassador/uppfoljning/{fw['round'].pk}/SOF/borja/")
    report = DepartmentReport.objects.get(department=fw["sof"])
    assert response["Location"] == f"/ambassador/uppfoljning/rapporter/{report.pk}/andra/"
    data = {"next_year_plans": "Fler stråk.", "version": report.version}
    for assessment in report.assessments.select_related("focus_area"):
        prefix = f"a{assessment.pk}"
        data[f"{prefix}-score"] = "3" if assessment.focus_area.code == "trygghet" else "0"
        data[f"{prefix}-what_we_did"] = (
            "Belysning" if assessment.focus_area.code == "trygghet" else ""
        )
    edit = f"/ambassador/uppfoljning/rapporter/{report.pk}/andra/"
    page = client.get(edit).content.decode()
    assert "0 av 15 fokusområden bedömda." in page and page.count('name="section"') == 15
    # A section's own button saves the whole form and comes back to that section.
    trygghet = report.assessments.get(focus_area__code="trygghet")
    response = client.post(edit, data | {"section": str(trygghet.pk)})
    assert response.status_code == 302 and response["Location"] == f"{edit}#a{trygghet.pk}"
    assert report.assessments.get(focus_area__code="trygghet").what_we_did == "Belysning"
    assert "15 av 15 fokusområden bedömda." in client.get(edit).content.decode()
    data["version"] = DepartmentReport.objects.get(pk=report.pk).version
    response = client.post(edit, data)
    assert response.status_code == 302
    stale = client.post(f"/ambassador/uppfoljning/rapporter/{report.pk}/andra/", data)
    assert stale.status_code == 200 and "Någon annan har sparat" in stale.content.decode()
    client.post(f"/ambassador/uppfoljning/rapporter/{report.pk}/skicka-in/")
    assert DepartmentReport.objects.get(pk=report.pk).state == "submitted"


def test_the_team_returns_a_report_with_a_comment_in_the_admin(fw):
    anna = fw["users"]["ambassador A"]
    report = services.report_start(round_=fw["round"], department=fw["sof"], by=anna)
    report = review.submit(fill(report, {}, anna), by=anna)
    url = f"/admin/followup/departmentreport/{report.pk}/return/"
    team = client_for(fw["team"])
    assert team.post(url, {"comment": ""}).status_code == 200  # a comment is required
    assert DepartmentReport.objects.get(pk=report.pk).state == "submitted"
    response = team.post(url, {"comment": "Skriv mer om trygghet."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.state, report.review_comment) == ("returned", "Skriv mer om trygghet.")
    assert (
        "Skriv mer om trygghet."
        in client_for(anna).get(f"/ambassador/uppfoljning/rapporter/{report.pk}/").content.decode()
    )
    again = team.post(url, {"comment": "En gång till."})  # no longer submitted
    assert (
        again.status_code == 200 and DepartmentReport.objects.get(pk=report.pk).state == "returned"
    )


def test_the_reports_overview_uses_the_same_number_of_queries_however_many_rounds(fw):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    team = fw["users"]["team editor"]
    client = client_for(team)

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get("/ambassador/uppfoljning/").status_code == 200
        return len(context.captured_queries)

    queries()  # the first request also fills per-process caches
    one_round = queries()
    for year in (YEAR - 2, YEAR - 1):
        services.round_open(
            year=year,
            deadline=datetime.date(year + 1, 2, 15),
            phase="annual_report",
            departments=[fw["sof"], fw["mf"]],
            by=team,
        )
    assert queries() == one_round
