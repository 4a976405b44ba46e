"""Import and export of initiatives: whole files or nothing, named row errors, escaped
formulas, no personal data, and the admin's preview → confirm."""

import datetime

import pytest
import tablib
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.formats import base_formats

from core.importing import ImportRejectedError, run_import
from initiatives import services
from initiatives.models import Initiative
from initiatives.resources import InitiativeResource
from programme.models import FrameworkTag, ProgrammeNode
from tests.factories import AmbassadorFactory, DepartmentFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]
HEADERS = [
    "id",
    "title",
    "summary",
    "lead_department",
    "partner_departments",
    "priorities",
    "status",
]


@pytest.fixture
def world(loaded_examples):

    sof = DepartmentFactory(short_name="SOF", name="Socialförvaltningen")
    mf = DepartmentFactory(short_name="MF", name="Miljöförvaltningen")
    ambassador = AmbassadorFactory(
        user=UserFactory(username="anna"), email="anna.hemlig@example.se", departments=[sof]
    )
    priorities = list(ProgrammeNode.objects.priorities().order_by("path")[:2])
    initiative = services.initiative_create(
        initiative=Initiative(
            title="Simskola",
            summary="Simundervisning för vuxna.",
            lead_department=sof,
            status="ongoing",
            starts_on=datetime.date(2026, 1, 15),
        ),
        relations={"priorities": priorities, "partner_departments": [mf]},
        by=ambassador.user,
    )
    return {"sof": sof, "mf": mf, "priorities": priorities, "initiative": initiative}


def rows(*data, headers=HEADERS) -> tablib.Dataset:
    dataset = tablib.Dataset(headers=headers)
    for row in data:
        dataset.append(row)
    return dataset


def snapshot():
    return [
        (
            i.title,
            i.summary,
            i.lead_department.short_name,
            i.status,
            i.starts_on,
            sorted(d.short_name for d in i.partner_departments.all()),
            sorted(p.code for p in i.priorities.all()),
            sorted(t.code for t in i.tags.all()),
        )
        for i in Initiative.objects.order_by("pk")
    ]


def test_export_then_import_changes_nothing_in_every_format(world):
    world["initiative"].tags.add(FrameworkTag.objects.get(code="folkhalsa-6"))
    before = snapshot()
    version = Initiative.objects.get().version
    for fmt in (base_formats.CSV(), base_formats.XLSX(), base_formats.JSON()):
        exported = fmt.export_data(InitiativeResource().export())
        report = run_import(InitiativeResource(), fmt.create_dataset(exported))
        assert (report.new, report.updated, report.skipped) == (0, 0, 1), fmt
    assert snapshot() == before
    assert Initiative.objects.get().version == version


def test_a_row_without_id_adds_a_draft_and_a_row_with_id_updates_and_raises_the_version(world):
    codes = ",".join(p.code for p in world["priorities"])
    report = run_import(
        InitiativeResource(),
        rows(
            ["", "Cykelkök", "Laga cykeln själv.", "MF", "SOF", codes, "planned"],
            [
                world["initiative"].pk,
                "Simskola för vuxna",
                "Ny text.",
                "SOF",
                "",
                codes,
                "completed",
            ],
        ),
    )
    assert (report.new, report.updated) == (1, 1)
    new = Initiative.objects.get(title="Cykelkök")
    assert new.state == Initiative.State.DRAFT
    assert [d.short_name for d in new.partner_departments.all()] == ["SOF"]
    assert {p.code for p in new.priorities.all()} == {p.code for p in world["priorities"]}
    updated = Initiative.objects.get(pk=world["initiative"].pk)
    assert (updated.title, updated.status, updated.version) == (
        "Simskola för vuxna",
        "completed",
        world["initiative"].version + 1,
    )
    assert list(updated.partner_departments.all()) == []


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["", "X", "S", "NOPE", "", "{p}", "planned"], "No department or company with code “NOPE”"),
        (["", "X", "S", "SOF", "MF,ZZ", "{p}", "planned"], "“ZZ”"),
        (["", "X", "S", "SOF", "", "{p},inte-en-kod", "planned"], "“inte-en-kod”"),
        (["", "X", "S", "SOF", "", "", "planned"], "Choose at least one priority"),
        (["", "X", "S", "SOF", "", "{p}", "paused"], "not a valid choice"),
        (["999999", "X", "S", "SOF", "", "{p}", "planned"], "No initiative with id 999999"),
        (["", "", "S", "SOF", "", "{p}", "planned"], "title"),
    ],
)
def test_each_bad_row_rejects_the_whole_file_and_is_named(world, row, message):
    priority = world["priorities"][0].code
    good = ["", "Bra rad", "S", "SOF", "", priority, "planned"]
    bad = [str(cell).replace("{p}", priority) for cell in row]
    before = snapshot()
    with pytest.raises(ImportRejectedError) as rejected:
        run_import(InitiativeResource(), rows(good, bad))
    assert any(error.startswith("row 2") and message in error for error in rejected.value.errors), (
        rejected.value.errors
    )
    assert snapshot() == before


def test_a_focus_area_code_is_not_a_priority(world):
    focus_area = ProgrammeNode.objects.filter(depth=2).first()
    with pytest.raises(ImportRejectedError):
        run_import(
            InitiativeResource(), rows(["", "X", "S", "SOF", "", focus_area.code, "planned"])
        )
    assert Initiative.objects.count() == 1


def test_an_import_that_ends_before_it_starts_is_refused(world):
    dataset = rows(
        ["", "X", "S", "SOF", world["priorities"][0].code, "2026-05-01", "2026-01-01"],
        headers=["id", "title", "summary", "lead_department", "priorities", "starts_on", "ends_on"],
    )
    with pytest.raises(ImportRejectedError):
        run_import(InitiativeResource(), dataset)
    assert Initiative.objects.count() == 1


def test_formula_cells_are_escaped_on_export_and_come_back_unchanged(world):
    Initiative.objects.filter(pk=world["initiative"].pk).update(
        title='=HYPERLINK("http://x")', summary="+cmd|' /C calc'!A0"
    )
    exported = InitiativeResource().export()
    row = dict(zip(exported.headers, exported[0], strict=True))
    assert row["title"].startswith("'=") and row["summary"].startswith("'+")
    run_import(
        InitiativeResource(),
        base_formats.CSV().create_dataset(base_formats.CSV().export_data(exported)),
    )
    assert Initiative.objects.get().title == '=HYPERLINK("http://x")'


def test_the_export_holds_no_personal_data(world):
    text = base_formats.CSV().export_data(InitiativeResource().export())
    assert "anna" not in text and "example.se" not in text
    assert "created_by" not in text


def test_admin_import_previews_then_confirms_and_a_bad_file_writes_nothing(client, world):
    team = UserFactory(is_staff=True)
    team.user_permissions.set(Permission.objects.filter(content_type__app_label="initiatives"))
    client.force_login(team)
    url = reverse("admin:initiatives_initiative_import")
    priority = world["priorities"][0].code
    head = "id,title,summary,lead_department,priorities,status\n"
    bad = SimpleUploadedFile(
        "bad.csv", f"{head},Ny,S,NOPE,{priority},planned\n".encode(), "text/csv"
    )
    response = client.post(url, {"import_file": bad, "format": "1", "resource": "0"})
    assert "NOPE" in response.content.decode()
    assert Initiative.objects.count() == 1

    good = SimpleUploadedFile("ok.csv", f"{head},Ny,S,MF,{priority},planned\n".encode(), "text/csv")
    response = client.post(url, {"import_file": good, "format": "1", "resource": "0"})
    assert Initiative.objects.count() == 1  # a preview writes nothing
    confirm = response.context["confirm_form"]
    response = client.post(reverse("admin:initiatives_initiative_process_import"), confirm.initial)
    assert response.status_code == 302
    created = Initiative.objects.get(title="Ny")
    assert (created.state, created.created_by) == (Initiative.State.DRAFT, team)
