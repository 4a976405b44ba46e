"""Any table, of any shape and content, given to any of the admin's imports either imports
whole and round-trips (its export imports back with nothing to change), or is refused with
every message naming its row or the file, and writes nothing. And escaping a formula for a
spreadsheet is undone exactly, through every format, for every text."""

import re

import pytest
from django.db import transaction
from hypothesis import event, given
from hypothesis import strategies as st

from core.importing import ImportRejectedError, run_import
from core.resources import escape_formula, unescape_formula
from core.tables import (
    IMPORT_EXPORT_FORMATS,
    StrictCSV,
    StrictXLSX,
    UnreadableFileError,
    read_csv,
    xlsx_text,
)
from goals.models import GoalFormulation, SteeringDocument
from goals.resources import GoalFormulationResource
from initiatives.models import Initiative, InitiativeLink
from initiatives.resources import InitiativeResource
from programme.models import FrameworkTag, Programme, ProgrammeNode
from programme.resources import ProgrammeNodeResource
from tests.factories import DepartmentFactory

from .strategies import awkward_text, csv_text, number_text, tables

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]

#: How every refusal begins: a row, a line of the file, or the file as a whole.
NAMED = re.compile(r"^(row \d+|line \d+|file:|the (file|header|first row))")


def _codes(queryset, field="code"):
    return list(queryset.values_list(field, flat=True)[:8])


@pytest.fixture
def world(loaded_examples):
    DepartmentFactory(short_name="SOF")
    DepartmentFactory(short_name="MF")
    return {
        "programmes": _codes(Programme.objects.all(), "slug"),
        "nodes": _codes(ProgrammeNode.objects.order_by("path")),
        "priorities": _codes(ProgrammeNode.objects.priorities().order_by("path")),
        "tags": _codes(FrameworkTag.objects.all()),
    }


def plausible(world) -> st.SearchStrategy[str]:
    """Cells that often are right (codes that exist, levels, flags, dates), so that the
    generated files import as often as they are refused."""
    known = [
        *world["programmes"],
        *world["nodes"],
        *world["priorities"],
        *world["tags"],
        ",".join(world["priorities"][:2]),
        "SOF",
        "MF",
        "direction",
        "focus_area",
        "priority",
        "planned",
        "ongoing",
        "goal",
        "1",
        "0",
        "true",
        "2024-05-01",
        "2019",
        "",
    ]
    # Texts about as long as the columns (200 characters for a title, 600 for a summary).
    long_text = st.text(alphabet="abcåäö -", min_size=190, max_size=620)
    return st.one_of(st.sampled_from(known), awkward_text, number_text, long_text)


RESOURCES = {
    "nodes": (ProgrammeNodeResource, [ProgrammeNode, ProgrammeNode.tags.through, Programme]),
    "initiatives": (
        InitiativeResource,
        [Initiative, Initiative.priorities.through, Initiative.tags.through, InitiativeLink],
    ),
    "goals": (GoalFormulationResource, [GoalFormulation, SteeringDocument]),
}


def snapshot(models) -> list:
    return [list(model.objects.order_by("pk").values_list()) for model in models]


def columns_of(resource_class) -> list[str]:
    return [field.column_name for field in resource_class().get_import_fields()]


def check_import(resource_class, models, text: str) -> None:
    with transaction.atomic():
        before = snapshot(models)
        try:
            report = run_import(resource_class(), read_csv(text))
        except UnreadableFileError as refused:
            messages = refused.messages
        except ImportRejectedError as refused:
            messages = refused.errors
        else:
            assert report.new + report.updated + report.skipped == report.total
            # The export of what is there now imports back with nothing to change.
            exported = StrictCSV().export_data(resource_class().export())
            again = run_import(resource_class(), read_csv(exported))
            assert (again.new, again.updated) == (0, 0), exported
            event("imported")
            transaction.set_rollback(True)
            return
        assert messages and all(NAMED.match(message) for message in messages), messages
        event("refused")
        assert snapshot(models) == before
        transaction.set_rollback(True)


def likely_rows(world, kind) -> st.SearchStrategy[tuple[list[str], list[list[str]]]]:
    """Files shaped as the import expects, with awkward texts: most of them import."""
    text = awkward_text.filter(lambda value: value.strip() and "\x00" not in value)
    if kind == "nodes":
        header = ["programme", "code", "parent", "title", "title_en", "lead"]
        row = st.tuples(
            st.sampled_from(world["programmes"][:1]),
            st.sampled_from([*world["nodes"][:4], "ny-1", "ny-2", "ny-3"]),
            st.sampled_from(["", *world["nodes"][:4]]),
            text,
            awkward_text,
            awkward_text,
        )
    elif kind == "initiatives":
        header = ["id", "title", "summary", "lead_department", "priorities", "status"]
        ids = [str(pk) for pk in Initiative.objects.order_by("pk").values_list("pk", flat=True)[:3]]
        row = st.tuples(
            st.sampled_from(["", *ids]),
            text,
            text,
            st.sampled_from(["SOF", "MF"]),
            st.sampled_from(world["priorities"][:3]),
            st.sampled_from(["planned", "ongoing", "completed"]),
        )
    else:
        header = ["document", "adopted_by", "year", "text", "priorities"]
        row = st.tuples(
            st.sampled_from(["Cykelplan", "Folkhälsoplan"]),
            st.just("Kommunfullmäktige"),
            st.sampled_from(["2019", "2024"]),
            text,
            st.sampled_from(["", *world["priorities"][:2]]),
        )
    return st.lists(row.map(list), min_size=1, max_size=4).map(lambda rows: (header, rows))


@pytest.mark.parametrize("kind", RESOURCES)
@given(data=st.data())
def test_any_table_imports_whole_or_is_refused_naming_its_rows(world, kind, data):
    resource_class, models = RESOURCES[kind]
    header, rows = data.draw(
        st.one_of(tables(columns_of(resource_class), plausible(world)), likely_rows(world, kind))
    )
    check_import(resource_class, models, csv_text(header, rows))


@given(text=awkward_text)
def test_escaping_a_formula_is_undone_exactly(text):
    assert unescape_formula(escape_formula(text)) == text


@pytest.mark.parametrize("file_format", IMPORT_EXPORT_FORMATS, ids=lambda f: f.__name__)
@given(data=st.data())
def test_every_text_survives_export_and_import_in_every_format(file_format, data):
    import tablib

    text = data.draw(awkward_text)
    dataset = tablib.Dataset(headers=["text", "id"])
    dataset.append([escape_formula(text), "1"])
    fmt = file_format()
    (cell, _id), *_ = fmt.create_dataset(fmt.export_data(dataset))
    # xlsx holds what XML can (no control characters; a carriage return reads as a line
    # feed); csv and json hold every character.
    expected = xlsx_text(text) if isinstance(fmt, StrictXLSX) else text
    assert unescape_formula(cell if cell is not None else "") == expected
