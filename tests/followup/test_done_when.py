"""Issue 5's whole path on the example network: the team opens a round, two departments
report through the ambassador pages, the team approves, the public overview shows the heat
map and white fields, and the export opens with all its sheets."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook

from ambassadors.models import Department
from followup.models import DepartmentReport, FollowupRound

pytestmark = pytest.mark.django_db
PASSWORD = "lkp-exempel-2026"


def logged_in(username):
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, username
    return client


def test_a_round_from_opening_to_the_public_overview_and_the_export(loaded_examples, tmp_path):
    call_command("load_municipalities", stdout=io.StringIO())
    call_command("load_example_network", "--force", "--initiatives", "40", stdout=io.StringIO())
    sof, mf = (Department.objects.get(short_name=name) for name in ("SOF", "MF"))

    team = logged_in("team")
    response = team.post(
        "/admin/followup/followupround/add/",
        {
            "year": "2024",
            "deadline": "2025-02-15",
            "phase": "annual_report",
            "departments": [sof.pk, mf.pk],
            "is_open": "on",
            "remind_days_before": "14",
            "remind_days_after": "3",
            "reminders-TOTAL_FORMS": "0",
            "reminders-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    round_ = FollowupRound.objects.get(year=2024)

    for username, department, score in (("ambassador-sof", sof, "3"), ("ambassador-mf", mf, "1")):
        ambassador = logged_in(username)
        assert "2024" in ambassador.get("/ambassador/uppfoljning/").content.decode()
        ambassador.post(f"/ambassador/uppfoljning/{round_.pk}/{department.short_name}/borja/")
        report = DepartmentReport.objects.get(round=round_, department=department)
        data = {"next_year_plans": "Mer.", "version": report.version}
        for assessment in report.assessments.all():
            data[f"a{assessment.pk}-score"] = score
        assert (
            ambassador.post(
                f"/ambassador/uppfoljning/rapporter/{report.pk}/andra/", data
            ).status_code
            == 302
        )
        ambassador.post(f"/ambassador/uppfoljning/rapporter/{report.pk}/skicka-in/")
        assert DepartmentReport.objects.get(pk=report.pk).state == "submitted"

    queue = DepartmentReport.objects.filter(round=round_).values_list("pk", flat=True)
    team.post(
        "/admin/followup/departmentreport/", {"action": "approve", "_selected_action": list(queue)}
    )
    assert set(DepartmentReport.objects.values_list("state", flat=True)) == {"approved"}

    overview = Client().get("/uppfoljning/2024/").content.decode()
    heat = overview.split('id="heat-heading"')[1].split('id="without-initiatives-heading"')[0]
    assert "Socialförvaltningen" in heat and "Miljöförvaltningen" in heat
    assert (
        heat.count('class="score score-3">3</td>') == 15
        and heat.count('class="score score-1">1</td>') == 15
    )
    assert "Prioriteringar utan publicerad insats någonstans i staden 2024:" in overview

    output = tmp_path / "uppfoljning-2024.xlsx"
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    call_command("export_followup", "2024", "--output", str(output), **quiet)
    workbook = load_workbook(output, read_only=True)
    assert len(workbook.sheetnames) == 8
    summary = list(workbook[workbook.sheetnames[0]].iter_rows(values_only=True))
    assert [row[1] for row in summary[1:]] == ["MF", "SOF"]
