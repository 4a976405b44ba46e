"""The annual export: every sheet, numbers and dates as such, escaped formulas, a fixed
order, and the same content in xlsx, csv and json."""

import csv
import datetime
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from annualreport import export, export_job
from followup import services
from followup.models import DepartmentReport
from jobs.models import Job
from jobs.services import job_run
from keyfigures.models import Indicator, IndicatorValue, Municipality
from prioritisation.models import Budget, Intervention
from tests.followup.conftest import YEAR, approve, priorities_under, publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]
SHEETS = [
    "Summary",
    "Assessments",
    "Initiatives",
    "Work more on",
    "Key figures",
    "Key figure status",
    "Focus areas in figures",
    "Prioritisation",
]


@pytest.fixture
def year(fw):
    team = fw["team"]
    publish(
        '=HYPERLINK("http://x")',
        fw["sof"],
        priorities_under(fw, "trygghet"),
        team,
        ends_on=datetime.date(YEAR, 12, 31),
    )
    report = approve(
        services.report_start(round_=fw["round"], department=fw["sof"], by=team),
        {"trygghet": 3, "mangfald": 1},
        team,
    )
    assessment = report.assessments.get(focus_area__code="trygghet")
    assessment.what_we_did = "+cmd|' /C calc'!A0"
    assessment.save()
    services.report_start(round_=fw["round"], department=fw["mf"], by=team)  # a draft: left out
    municipality = Municipality.objects.create(code="1283", name="Helsingborg")
    indicator = Indicator.objects.create(
        name="Invånare", kolada_id="N00945", unit="antal", target_value=160000, target_year=2030
    )
    indicator.focus_areas.add(fw["areas"]["trygghet"])
    for gender, value in (("T", "149280"), ("K", "75500.5")):
        IndicatorValue.objects.create(
            indicator=indicator,
            municipality=municipality,
            year=YEAR,
            gender=gender,
            value=Decimal(value),
        )
    budget = Budget.objects.create(year=YEAR + 1, name="Sociala investeringar", amount=500_000)
    for rank, cost in ((1, 300_000), (2, 150_000), (3, 100_000), (4, 40_000)):
        Intervention.objects.create(
            budget=budget, rank=rank, title=f"Insats {rank}", allotted_cost=cost
        )
    return YEAR


def run(year, fmt, tmp_path):
    output = tmp_path / f"export.{fmt}"
    call_command(
        "export_followup",
        str(year),
        "--format",
        fmt,
        "--output",
        str(output),
        "--language",
        "en",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    return output


def xlsx_rows(path):
    workbook = load_workbook(path, read_only=True)
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook
    }


def test_the_workbook_has_every_sheet_with_typed_cells(year, tmp_path):
    sheets = xlsx_rows(run(year, "xlsx", tmp_path))
    assert list(sheets) == SHEETS
    summary = sheets["Summary"]
    assert summary[0][:2] == ["Department", "Short name"] and len(summary[0]) == 17
    assert [row[1] for row in summary[1:]] == ["SOF"]  # MF's draft is not in it
    trygghet = summary[0].index("Vi skapar trygghet och säkra miljöer")
    assert summary[1][trygghet] == 3 and isinstance(summary[1][trygghet], int)
    initiatives = sheets["Initiatives"]
    assert initiatives[1][6].date() == datetime.date(YEAR, 2, 1)  # a date cell, not text
    assert initiatives[1][3] == '\'=HYPERLINK("http://x")'
    assessments = {row[3]: row for row in sheets["Assessments"][1:]}
    assert assessments["trygghet"][10] == "'+cmd|' /C calc'!A0"
    work_more = [row[2] for row in sheets["Work more on"][1:]]
    assert work_more[0] == "mangfald"
    higher = "Higher is better"
    assert sheets["Key figures"][1:] == [
        [
            "Invånare",
            "N00945",
            "antal",
            higher,
            160000,
            2030,
            "1283",
            "Helsingborg",
            YEAR,
            "Women",
            75500.5,
        ],
        [
            "Invånare",
            "N00945",
            "antal",
            higher,
            160000,
            2030,
            "1283",
            "Helsingborg",
            YEAR,
            "Total",
            149280,
        ],
    ]
    ranking = [(row[3], row[8], row[9], row[10]) for row in sheets["Prioritisation"][1:]]
    assert ranking == [
        (1, 300000, "Within the budget", "Proposed"),
        (2, 450000, "Within the budget", "Proposed"),
        (3, 550000, "Over the budget line", "Proposed"),
        (4, 590000, "Fits in what remains", "Proposed"),
    ]


def test_a_control_character_typed_into_a_text_does_not_fail_the_workbook(year, tmp_path):
    # A vertical tab comes along when text is pasted from a word processor; XML (and so
    # xlsx) has no place for it, and openpyxl refused the whole workbook (found by the
    # property tests). The workbook leaves it out; csv and json keep it.
    report = DepartmentReport.objects.get(department__short_name="SOF")
    assessment = report.assessments.get(focus_area__code="trygghet")
    assessment.what_we_did = "Första\x0braden\r\nandra\x01"
    assessment.save()
    assessments = {row[3]: row for row in xlsx_rows(run(year, "xlsx", tmp_path))["Assessments"]}
    assert assessments["trygghet"][10] == "Förstaraden\nandra"


def test_csv_and_json_hold_the_same_content_in_the_same_order(year, tmp_path):
    sheets = xlsx_rows(run(year, "xlsx", tmp_path))
    with zipfile.ZipFile(run(year, "csv", tmp_path)) as archive:
        names = archive.namelist()
        assert names == [f"{n:02d}-{name}.csv" for n, name in enumerate(SHEETS, start=1)]
        from_csv = {
            name[3:-4]: list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
            for name in names
        }
    document = json.loads(run(year, "json", tmp_path).read_text())
    assert document["year"] == YEAR
    assert [sheet["name"] for sheet in document["sheets"]] == SHEETS
    for sheet in document["sheets"]:
        xlsx_sheet = sheets[sheet["name"]]
        assert sheet["columns"] == xlsx_sheet[0]
        assert len(sheet["rows"]) == len(xlsx_sheet) - 1 == len(from_csv[sheet["name"]]) - 1
    assert from_csv["Summary"][1][1] == "SOF"


def test_the_same_export_twice_is_byte_for_byte_the_same(year, tmp_path):
    for fmt in ("csv", "json"):
        first = run(year, fmt, tmp_path).read_bytes()
        assert run(year, fmt, tmp_path).read_bytes() == first, fmt


def test_a_year_without_a_round_is_a_clear_error(fw, tmp_path):
    with pytest.raises(CommandError, match="no follow-up round for 1999"):
        call_command("export_followup", "1999", "--output", str(tmp_path / "x.xlsx"))
    assert not (tmp_path / "x.xlsx").exists()


def test_the_export_has_no_personal_data(year, tmp_path):
    text = json.dumps(json.loads(run(year, "json", tmp_path).read_text()))
    assert "@example.se" not in text and "anna" not in text


def test_the_admin_has_the_worker_build_the_export(
    year, client, fw, django_capture_on_commit_callbacks
):
    client.force_login(fw["team"])
    url = f"/admin/followup/followupround/{fw['round'].pk}/export/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"format": "xlsx"})
    assert response.status_code == 302
    job = Job.objects.get()
    assert (job.state, job.requested_by, job.progress) == (Job.State.DONE, fw["team"], 100)
    page = client.get(f"/admin/followup/followupround/{fw['round'].pk}/change/").content.decode()
    download = f"/admin/jobs/job/{job.pk}/download/"
    assert download in page
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="uppfoljning-{YEAR}.xlsx"'
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    titles = [sheet.title for sheet in workbook]
    assert len(titles) == 8 and titles[2] == "Insatser"  # the city's language: Swedish
    assert DepartmentReport.objects.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(url, {"format": "docx"}, follow=True)
    assert "Okänt format: docx" in refused.content.decode()
    assert Job.objects.count() == 1


def test_a_failed_export_keeps_its_error(year, fw, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export, "write", broken)
    job = export_job.request_export(round_=fw["round"], fmt="csv", by=fw["team"])
    assert job_run(job.pk) == "failed"
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and "disk full" in job.error and not job.file
    assert job_run(job.pk) == "nothing to do"  # a job runs once
