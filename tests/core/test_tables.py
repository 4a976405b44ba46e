"""Every import reads its file strictly (core.tables): a row with fewer or more cells than
the header, a key given twice, an unreadable file (encoding, a huge cell, not the format
it claims) are refused naming what to fix, and nothing is written. Exports round-trip
exactly, a leading apostrophe included."""

import json

import pytest
import tablib
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.importing import ImportRejectedError, run_import
from core.resources import escape_formula, unescape_formula
from core.tables import (
    IMPORT_EXPORT_FORMATS,
    StrictXLSX,
    UnreadableFileError,
    read_csv,
    read_json,
    read_xlsx,
)
from goals.models import GoalFormulation
from goals.resources import GoalFormulationResource
from initiatives.models import Initiative
from initiatives.resources import InitiativeResource
from keyfigures.kolada import read_upload
from programme.models import ProgrammeNode
from programme.resources import ProgrammeNodeResource
from tests.factories import DepartmentFactory, ProgrammeFactory, UserFactory, make_tree

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]

HEADER = "programme,code,parent,kind,title,title_en,lead,is_example\n"


@pytest.fixture
def tree():
    programme = ProgrammeFactory(slug="p")
    make_tree(programme, directions=1, focus_areas=1, priorities=1)
    direction = ProgrammeNode.objects.get(depth=1)
    direction.title_en, direction.lead, direction.is_example = "Direction", "Lead", True
    direction.save()
    return direction


def messages_of(call) -> list[str]:
    with pytest.raises(UnreadableFileError) as refused:
        call()
    return refused.value.messages


def test_a_truncated_csv_row_is_refused_and_the_node_keeps_its_columns(tree):
    text = HEADER + f"p,{tree.code},,direction,New title,Direction,Lead,true\np,{tree.code}1"
    assert messages_of(lambda: read_csv(text.encode())) == [
        "row 2 has 2 cells, but the header has 8 columns"
    ]
    tree.refresh_from_db()
    assert (tree.title_en, tree.lead, tree.is_example) == ("Direction", "Lead", True)


def test_every_row_with_the_wrong_number_of_cells_is_named_at_once():
    text = "a,b,c\n1,2,3\n1,2\n1,2,3,4\n\n1,2,3\n"
    assert messages_of(lambda: read_csv(text)) == [
        "row 2 has 2 cells, but the header has 3 columns",
        "row 3 has 4 cells, but the header has 3 columns",
    ]


def test_a_quoted_cell_cut_off_at_the_end_of_the_file_is_refused():
    (message,) = messages_of(lambda: read_csv('a,b\n1,"half a cell'))
    assert message.startswith("line 2: the file is not a complete csv table")


def test_a_file_in_another_encoding_says_how_to_save_it():
    (message,) = messages_of(lambda: read_csv("a,b\nÅre,Örebro\n".encode("cp1252")))
    assert "not UTF-8" in message and "CSV UTF-8" in message


def test_a_cell_larger_than_the_limit_says_which_line_and_what_to_do():
    (message,) = messages_of(lambda: read_csv(f"a,b\n1,{'x' * 2_000_000}\n"))
    assert message.startswith("line 2: a cell holds more than 131072 characters")


def test_a_file_that_is_not_the_format_it_claims_is_named_so():
    assert messages_of(lambda: read_xlsx(b"a,b\n1,2\n")) == [
        "the file is not an xlsx workbook: choose the format the file has"
    ]
    (message,) = messages_of(lambda: read_json(b"a,b\n1,2\n"))
    assert message.startswith("the file is not complete json (line 1, column 1")
    assert messages_of(lambda: read_json("[" * 100_000 + "]" * 100_000)) == [
        "the file is nested too deeply to be a table"
    ]


def test_json_rows_must_have_the_first_rows_keys():
    data = json.dumps([{"a": 1, "b": 2}, {"a": 1}, {"a": 1, "b": 2, "c": 3}])
    assert messages_of(lambda: read_json(data)) == [
        "row 2: lacks b",
        "row 3: has keys the first row lacks: c",
    ]


def test_an_xlsx_value_beyond_the_header_is_refused():
    dataset = tablib.Dataset(headers=["a", "b", ""])
    dataset.append([1, 2, ""])
    dataset.append([1, 2, "stray"])
    assert messages_of(lambda: read_xlsx(dataset.export("xlsx"))) == [
        "row 2 has values beyond the 2 columns of the header"
    ]


def test_a_header_that_names_a_column_twice_is_refused():
    assert messages_of(lambda: read_csv("a,b,a\n1,2,3\n")) == ["the header names a column twice: a"]


def import_file(resource, text: str):
    return run_import(resource, read_csv(text))


def test_a_node_code_given_twice_is_refused_naming_both_rows(tree):
    text = HEADER + "p,9,,direction,Nio,,,false\np,9,,direction,Nio igen,,,false\n"
    with pytest.raises(ImportRejectedError) as refused:
        import_file(ProgrammeNodeResource(), text)
    assert refused.value.errors == [
        "row 2: code: The same key (programme “p”, code “9”) is also in row 1; give each row once."
    ]
    assert not ProgrammeNode.objects.filter(code="9").exists()


def test_an_initiative_id_given_twice_is_refused_naming_both_rows(loaded_examples):
    initiative = Initiative.objects.create(
        title="Före",
        summary="Kort.",
        lead_department=DepartmentFactory(short_name="SOF"),
    )
    initiative.priorities.set(ProgrammeNode.objects.priorities()[:1])
    dataset = InitiativeResource().export(Initiative.objects.filter(pk=initiative.pk))
    dataset.append(dataset[0])
    with pytest.raises(ImportRejectedError) as refused:
        run_import(InitiativeResource(), read_csv(dataset.export("csv")))
    assert refused.value.errors == [
        f"row 2: id: The same key (id “{initiative.pk}”) is also in row 1; give each row once."
    ]


@pytest.mark.parametrize("key", ["99999999999999999999999", "-1", "1e5", "٣"])
def test_an_id_the_database_cannot_hold_is_a_named_row_error(loaded_examples, key):
    text = f"id,title,summary,lead_department,priorities\n{key},T,S,SOF,\n"
    with pytest.raises(ImportRejectedError) as refused:
        import_file(InitiativeResource(), text)
    assert refused.value.errors == [
        f"row 1: id: “{key}” is not an id: give a whole number, or leave it empty for a new row."
    ]


def test_a_goal_formulation_given_twice_is_refused(loaded_examples):
    text = (
        "document,adopted_by,year,text\n"
        "Cykelplan,Kommunfullmäktige,2020,Alla ska kunna cykla till skolan\n"
        "Cykelplan,Kommunfullmäktige,2020,Alla ska kunna cykla till skolan\n"
    )
    with pytest.raises(ImportRejectedError) as refused:
        import_file(GoalFormulationResource(), text)
    assert refused.value.errors == [
        "row 2: text: The same key (document “Cykelplan”, text “Alla ska kunna cykla till "
        "skolan”) is also in row 1; give each row once."
    ]
    assert not GoalFormulation.objects.filter(document__title="Cykelplan").exists()


@pytest.mark.parametrize("text", ["'citat'", "'=1+1", "''", "'", "=SUM(A1)", "'-tal", "@x"])
def test_escaping_round_trips_every_text(text):
    assert unescape_formula(escape_formula(text)) == text


def test_a_leading_apostrophe_survives_an_export_and_import_in_every_format(tree):
    tree.title = "'Livskvalitet' för alla"
    tree.lead = "'=inte en formel"
    tree.save()
    for fmt in IMPORT_EXPORT_FORMATS:
        exported = fmt().export_data(ProgrammeNodeResource().export())
        ProgrammeNode.objects.filter(pk=tree.pk).update(title="x", lead="y")
        run_import(ProgrammeNodeResource(), fmt().create_dataset(exported))
        tree.refresh_from_db()
        assert (tree.title, tree.lead) == ("'Livskvalitet' för alla", "'=inte en formel"), fmt


def test_the_xlsx_export_holds_a_text_with_control_characters(tree):
    # Found by the property tests: openpyxl refused the whole export of such a text.
    tree.title = "Del\x0bett\x01"
    tree.lead = "=rad ett\rrad två"
    tree.save()
    exported = StrictXLSX().export_data(ProgrammeNodeResource().export())
    rows = {row[1]: row for row in read_xlsx(exported)}
    assert rows[tree.code][4] == "Delett"
    assert rows[tree.code][6] == "'=rad ett\nrad två"
    run_import(ProgrammeNodeResource(), read_xlsx(exported))
    tree.refresh_from_db()
    assert (tree.title, tree.lead) == ("Delett", "=rad ett\nrad två")


def test_a_key_figure_table_with_a_short_row_is_refused():
    text = "kpi,municipality,period,gender,value\nN00001,1283,2024,T,5\nN00001,1283,2025\n"
    with pytest.raises(ImportRejectedError) as refused:
        read_upload("values.csv", text.encode())
    assert refused.value.errors == ["row 3 has 3 cells, but the header has 5 columns"]


def test_the_admin_import_names_every_bad_row_and_writes_nothing(client, tree):
    user = UserFactory(is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="programme",
            codename__in=["view_programmenode", "change_programmenode", "import_programmenode"],
        )
    )
    client.force_login(user)
    upload = SimpleUploadedFile(
        "nodes.csv",
        (HEADER + f"p,{tree.code},,direction,Ny,,,false\np,{tree.code}\np,2,\n").encode(),
        "text/csv",
    )
    response = client.post(
        reverse("admin:programme_programmenode_import"),
        {"import_file": upload, "format": "1", "resource": "0"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "rad 2 har 2 celler, men rubrikraden har 8 kolumner" in page
    assert "rad 3 har 3 celler, men rubrikraden har 8 kolumner" in page
    assert "confirm_form" not in response.context or not response.context["confirm_form"]
    tree.refresh_from_db()
    assert tree.title != "Ny"

    upload = SimpleUploadedFile("nodes.csv", "a,b\nÅ,Ö\n".encode("cp1252"), "text/csv")
    response = client.post(
        reverse("admin:programme_programmenode_import"),
        {"import_file": upload, "format": "1", "resource": "0"},
    )
    assert "CSV UTF-8" in response.content.decode()
