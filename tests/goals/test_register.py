"""The existing-goals register: the import (whole or nothing), the team's mapping page, the
priority pages, the white-field report on a hand-computed case, and the rights."""

import io

import pytest
import tablib
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from import_export.formats import base_formats

from core import review
from core.importing import ImportRejectedError, run_import
from goals import services
from goals.models import GoalFormulation, SteeringDocument
from goals.resources import GoalFormulationResource
from initiatives import services as initiative_services
from initiatives.models import Initiative
from portal import selectors
from programme.models import ProgrammeNode
from tests.factories import AmbassadorFactory, DepartmentFactory, UserFactory
from tests.public_pages import LKP

pytestmark = pytest.mark.django_db
HEADERS = ["document", "adopted_by", "year", "url", "text", "reference", "priorities"]


def rows(*data) -> tablib.Dataset:
    dataset = tablib.Dataset(headers=HEADERS)
    for row in data:
        dataset.append(row)
    return dataset


GOOD = ("Miljöprogram", "Miljönämnden", "2019", "", "Matsvinnet halveras.", "s. 8", "matsvinn")


@pytest.fixture
def register(loaded_examples):
    call_command("load_example_goals", stdout=io.StringIO())


@pytest.fixture
def team(db):
    user = UserFactory(username="team", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["goals", "initiatives"])
    )
    return user


def state():
    return (
        SteeringDocument.objects.count(),
        GoalFormulation.objects.count(),
        GoalFormulation.priorities.through.objects.count(),
    )


# --- the import ------------------------------------------------------------------------


def test_the_example_register_imports_once(loaded_examples):
    out = io.StringIO()
    call_command("load_example_goals", stdout=out)
    assert "16 new, 0 updated, 0 unchanged" in out.getvalue()
    assert state() == (6, 16, 19)
    assert SteeringDocument.objects.filter(is_example=True).count() == 6
    out = io.StringIO()
    call_command("load_example_goals", stdout=out)
    assert "0 new, 0 updated, 16 unchanged" in out.getvalue()
    assert state() == (6, 16, 19)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (("", "KF", "2019", "", "Mål", "", ""), "Give the steering document's title."),
        (("Plan", "KF", "snart", "", "Mål", "", ""), "The year must be a number"),
        (("Plan", "KF", "1850", "", "Mål", "", ""), "year:"),
        (("Plan", "", "2019", "", "Mål", "", ""), "adopted_by:"),
        (("Plan", "KF", "2019", "ftp:/x", "Mål", "", ""), "url:"),
        (("Plan", "KF", "2019", "", "   ", "", ""), "Give the goal formulation's text."),
        (("Plan", "KF", "2019", "", "Mål", "", "finns-inte"), "finns-inte"),
        (("Plan", "KF", "2019", "", "Mål", "", "trygghet"), "trygghet"),  # a focus area
    ],
)
def test_one_bad_row_rejects_the_whole_file_and_writes_nothing(
    loaded_examples, english_messages, row, message
):
    before = state()
    with pytest.raises(ImportRejectedError) as error:
        run_import(GoalFormulationResource(), rows(GOOD, row))
    assert "row 2" in str(error.value) and message in str(error.value), str(error.value)
    assert state() == before


def test_an_export_imports_back_unchanged_in_every_format(register):
    formulation = GoalFormulation.objects.first()
    formulation.text = '=HYPERLINK("http://x")'
    formulation.save()
    exported = GoalFormulationResource().export()
    for fmt in (base_formats.CSV(), base_formats.XLSX(), base_formats.JSON()):
        data = fmt.export_data(exported)
        dataset = fmt.create_dataset(data)
        report = run_import(GoalFormulationResource(), dataset)
        assert (report.new, report.updated, report.skipped) == (0, 0, 16), fmt
    assert exported.dict[0]["text"].startswith("'=") or any(
        row["text"] == '\'=HYPERLINK("http://x")' for row in exported.dict
    )
    assert state() == (6, 16, 19)


def test_the_admin_imports_with_preview_and_confirm(register, team):
    client = Client()
    client.force_login(team)
    csv = "\n".join([",".join(HEADERS), ",".join(GOOD[:6]) + ',"matsvinn,klimat"']).encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/admin/goals/goalformulation/import/",
        {
            "format": "1",
            "resource": "0",
            "import_file": SimpleUploadedFile("r.csv", csv, content_type="text/csv"),
        },
    )
    assert response.status_code == 200
    assert state() == (6, 16, 19)  # a preview writes nothing
    form = response.context["confirm_form"]
    response = client.post("/admin/goals/goalformulation/process_import/", form.initial)
    assert response.status_code == 302
    assert state() == (7, 17, 21)
    new = GoalFormulation.objects.get(text="Matsvinnet halveras.")
    assert {p.code for p in new.priorities.all()} == {"matsvinn", "klimat"}


# --- mapping ---------------------------------------------------------------------------

MAPPING = "/admin/goals/goalformulation/mapping/"


def mapping_post(page_html_formulations, choices):
    data = {
        "map-TOTAL_FORMS": str(len(page_html_formulations)),
        "map-INITIAL_FORMS": str(len(page_html_formulations)),
    }
    for n, formulation in enumerate(page_html_formulations):
        data[f"map-{n}-formulation"] = formulation.pk
        data[f"map-{n}-priorities"] = choices.get(formulation.pk, [])
    return data


def test_the_team_maps_formulations_on_the_mapping_page(register, team):
    client = Client()
    client.force_login(team)
    unmapped = GoalFormulation.objects.get(text="Bullret i bostadsområden minskar.")
    changelist = client.get("/admin/goals/goalformulation/").content.decode()
    assert MAPPING in changelist and "/admin/goals/goalformulation/import/" in changelist
    response = client.get(MAPPING, {"omappade": "on"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bullret i bostadsområden minskar." in html
    assert "Matsvinnet i stadens kök halveras." not in html  # mapped already
    boendemiljo = ProgrammeNode.objects.get(code="boendemiljo")
    response = client.post(
        f"{MAPPING}?omappade=on", mapping_post([unmapped], {unmapped.pk: [boendemiljo.pk]})
    )
    assert response.status_code == 302
    assert list(unmapped.priorities.all()) == [boendemiljo]
    assert (
        "Inga målformuleringar att visa" in client.get(MAPPING, {"omappade": "on"}).content.decode()
    )


def test_a_forged_mapping_is_refused_and_writes_nothing(register, team):
    client = Client()
    client.force_login(team)
    document = SteeringDocument.objects.get(title="Exempel: Miljöprogram")
    shown = list(GoalFormulation.objects.filter(document=document).order_by("pk"))
    before = state()
    focus_area = ProgrammeNode.objects.get(code="trygghet")
    response = client.post(
        f"{MAPPING}?dokument={document.pk}",
        mapping_post(shown, {shown[0].pk: [focus_area.pk], shown[1].pk: []}),
    )
    assert (
        response.status_code == 200 and "Välj ett giltigt alternativ" in response.content.decode()
    )
    other = GoalFormulation.objects.exclude(document=document).first()
    response = client.post(
        f"{MAPPING}?dokument={document.pk}", mapping_post([*shown[:3], other], {other.pk: []})
    )
    assert "Formuläret stämmer inte med sidan" in response.content.decode()
    assert state() == before
    with pytest.raises(services.PermissionDenied):
        services.formulations_map(mapping={shown[0].pk: []}, by=UserFactory(is_staff=True))


# --- public pages ----------------------------------------------------------------------


def test_a_priority_page_shows_the_existing_goals_that_support_it(client, register):
    html = client.get(f"/program/{LKP}/cykel/").content.decode()
    assert "Befintliga mål som stöder den" in html
    assert "Andelen resor med cykel ökar varje år." in html
    assert "Exempel: Klimat- och energiplan" in html and "Kommunfullmäktige 2018" in html
    html = client.get(f"/program/{LKP}/dialog/").content.decode()
    assert "Inget mål i stadens styrdokument har kopplats hit än." in html


def test_the_register_page_counts_formulations_per_document(client, register):
    html = client.get("/styrdokument/").content.decode()
    assert "Exempel: Miljöprogram" in html and "Miljönämnden" in html
    # Miljöprogram: 4 formulations, 3 mapped (noise has no priority).
    assert "<td>4</td>\n      <td>3</td>" in html


def test_the_white_field_report_on_a_hand_computed_case(client, loaded_examples, team):
    """30 example priorities. Goals support two (cykel, klimat); a published initiative works
    on a third (dialog) and on cykel; a draft initiative on a fourth (fritid) does not
    count, nor does a formulation with no priority. So 27 priorities are white fields,
    fritid among them, and trygghet shows only skolvagar and trygga-strak."""
    document = SteeringDocument.objects.create(title="Plan", adopted_by="KF", year=2019)
    GoalFormulation.objects.create(document=document, text="Utan koppling")
    mapped = GoalFormulation.objects.create(document=document, text="Mål")
    mapped.priorities.set(ProgrammeNode.objects.filter(code__in=["cykel", "klimat"]))
    department = DepartmentFactory(short_name="MF")
    for code, publish in (("dialog", True), ("cykel", True), ("fritid", False)):
        initiative = initiative_services.initiative_create(
            initiative=Initiative(title=code, summary="S", lead_department=department),
            relations={"priorities": [ProgrammeNode.objects.get(code=code)]},
            by=team,
        )
        if publish:
            review.publish(
                review.submit(initiative, by=team),
                by=team,
            )
    report = selectors.white_fields()
    white = {p.code for group in report.groups for p in group.priorities}
    everything = set(ProgrammeNode.objects.filter(depth=3).values_list("code", flat=True))
    assert (report.priority_count, report.white_count) == (30, 27)
    assert white == everything - {"cykel", "klimat", "dialog"}
    hallbara = next(g for g in report.groups if g.focus_area.code == "hallbara-resor")
    assert [p.code for p in hallbara.priorities] == ["fossilfritt"]
    html = client.get("/styrdokument/vita-falt/").content.decode()
    assert "27 av 30 prioriteringar är vita fält." in html
    assert "Säkra skolvägar" in html and "Kultur och fritid nära hemmet" in html
    assert "Cykelvägar som hänger ihop" not in html


def test_public_register_pages_use_a_fixed_number_of_queries(client, register, settings):
    settings.PAGE_CACHE_SECONDS = 0

    def counts():
        result = []
        for address in ("/styrdokument/", "/styrdokument/vita-falt/", f"/program/{LKP}/cykel/"):
            with CaptureQueriesContext(connection) as context:
                assert client.get(address).status_code == 200
            result.append(len(context))
        return result

    before = counts()
    cykel = ProgrammeNode.objects.get(code="cykel")
    for number in range(20):
        document = SteeringDocument.objects.create(
            title=f"Dokument {number}", adopted_by="KF", year=2020
        )
        for text in ("A", "B", "C"):
            GoalFormulation.objects.create(document=document, text=text).priorities.add(cykel)
    assert counts() == before


# --- rights ----------------------------------------------------------------------------

ROLES = ["anonymous", "ambassador", "team editor", "view-only staff", "superuser"]
MATRIX = [
    ("get", "/styrdokument/", [200, 200, 200, 200, 200]),
    ("get", "/styrdokument/vita-falt/", [200, 200, 200, 200, 200]),
    ("get", MAPPING, [302, 302, 200, 403, 200]),
    ("post", MAPPING, [302, 302, 200, 403, 200]),
    ("get", "/admin/goals/goalformulation/", [302, 302, 200, 403, 200]),
    ("get", "/admin/goals/goalformulation/import/", [302, 302, 200, 403, 200]),
    ("get", "/admin/goals/goalformulation/export/", [302, 302, 200, 403, 200]),
    ("get", "/admin/goals/goalformulation/{pk}/change/", [302, 302, 200, 403, 200]),
    ("get", "/admin/goals/steeringdocument/", [302, 302, 200, 403, 200]),
    ("get", "/admin/goals/steeringdocument/{doc}/delete/", [302, 302, 200, 403, 200]),
]


@pytest.mark.parametrize(("method", "address", "expected"), MATRIX)
def test_permission_matrix(register, team, method, address, expected):
    users = {
        "anonymous": None,
        "ambassador": AmbassadorFactory(departments=[DepartmentFactory()]).user,
        "team editor": team,
        "view-only staff": UserFactory(is_staff=True),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }
    formulation = GoalFormulation.objects.first()
    url = address.format(pk=formulation.pk, doc=formulation.document_id)
    got = {}
    for role, user in users.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        got[role] = getattr(client, method)(url).status_code
    assert got == dict(zip(ROLES, expected, strict=True))


# --- finding, suggesting and mapping in one step ------------------------------------------


def test_each_formulation_is_offered_the_priorities_its_words_match(register, team):
    from goals.selectors import suggestions
    from programme.models import Programme

    bullret = GoalFormulation.objects.create(
        document=SteeringDocument.objects.first(),
        text="Fler trygga och gröna boendemiljöer i stadens bostadsområden.",
    )
    cycling = GoalFormulation.objects.create(
        document=SteeringDocument.objects.first(), text="Sammanhängande cykelvägar till skolor."
    )
    nothing = GoalFormulation.objects.create(
        document=SteeringDocument.objects.first(), text="Xyzzy qwerty."
    )
    programme = Programme.objects.current()
    with CaptureQueriesContext(connection) as queries:
        found = suggestions([bullret, cycling, nothing], programme)
    assert len(queries) == 1
    assert found[bullret.pk][0].code == "boendemiljo"
    assert "Cykelvägar som hänger ihop" in [node.title for node in found[cycling.pk]]
    assert found[nothing.pk] == []
    assert all(len(nodes) <= 3 for nodes in found.values())


def test_the_mapping_page_finds_by_text_and_shows_the_suggestions_unticked(register, team):
    client = Client()
    client.force_login(team)
    html = client.get(MAPPING, {"sok": "bullret"}).content.decode()
    assert "Bullret i bostadsområden minskar." in html
    assert "Matsvinnet i stadens kök halveras." not in html
    html = client.get(MAPPING, {"sok": "feriejobb"}).content.decode()
    suggested = html.split("Förslag från sökningen")[1].split("</p>")[0]
    assert "Feriejobb och praktik i stadens verksamheter" in suggested
    formulation = GoalFormulation.objects.get(text="Bullret i bostadsområden minskar.")
    assert list(formulation.priorities.all()) == []  # nothing mapped unseen


def test_the_team_maps_a_selection_to_a_priority_in_one_step(register, team):
    client = Client()
    client.force_login(team)
    chosen = list(GoalFormulation.objects.order_by("pk")[:3])
    already = {f.pk: set(f.priorities.values_list("pk", flat=True)) for f in chosen}
    priority = ProgrammeNode.objects.get(code="boendemiljo")
    changelist = "/admin/goals/goalformulation/"
    selection = {"action": "map_to_priority", "_selected_action": [f.pk for f in chosen]}
    confirm = client.post(changelist, selection)
    assert confirm.status_code == 200 and "Koppla dem" in confirm.content.decode()
    done = client.post(changelist, {**selection, "priority": priority.pk})
    assert done.status_code == 302
    for formulation in chosen:
        assert set(formulation.priorities.values_list("pk", flat=True)) == (
            already[formulation.pk] | {priority.pk}
        )
    unmapped = client.get(changelist, {"kopplad": "nej"}).content.decode()
    assert (
        "Bullret i bostadsområden minskar." in unmapped
        or not GoalFormulation.objects.filter(priorities__isnull=True).exists()
    )


def test_a_user_without_the_right_cannot_map_a_selection(register):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_goalformulation"))
    client = Client()
    client.force_login(viewer)
    before = state()
    response = client.post(
        "/admin/goals/goalformulation/",
        {
            "action": "map_to_priority",
            "_selected_action": [GoalFormulation.objects.first().pk],
            "priority": ProgrammeNode.objects.get(code="boendemiljo").pk,
        },
    )
    assert response.status_code in (200, 302, 403)
    assert state() == before


def test_the_mapping_page_and_a_documents_page_use_a_fixed_number_of_queries(register, team):
    client = Client()
    client.force_login(team)
    document = SteeringDocument.objects.first()

    def count(address):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        return len(queries)

    count(MAPPING)  # the login's first request also touches the session
    before = count(MAPPING), count(f"/styrdokument/{document.pk}/")
    GoalFormulation.objects.bulk_create(
        GoalFormulation(document=document, text=f"Trygga boendemiljöer nummer {n}.")
        for n in range(60)
    )
    assert (count(MAPPING), count(f"/styrdokument/{document.pk}/")) == before


def test_a_documents_page_lists_its_formulations_and_their_priorities(client, register):
    formulation = GoalFormulation.objects.filter(priorities__isnull=False).first()
    document = formulation.document
    html = client.get(f"/styrdokument/{document.pk}/").content.decode()
    assert formulation.text in html
    assert formulation.priorities.first().get_absolute_url() in html
    register_page = client.get("/styrdokument/").content.decode()
    assert f'href="/styrdokument/{document.pk}/"' in register_page
    assert client.get("/styrdokument/999999/").status_code == 404
