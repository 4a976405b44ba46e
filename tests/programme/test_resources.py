"""Programme import and export through django-import-export."""

import pytest
import tablib
from import_export.formats import base_formats

from core.importing import ImportRejectedError, run_import
from programme.models import ProgrammeNode
from programme.resources import ProgrammeNodeResource
from tests.factories import FrameworkTagFactory, ProgrammeFactory, make_node, make_tree, tree_shape

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


def export(queryset=None) -> tablib.Dataset:
    return ProgrammeNodeResource().export(queryset)


def snapshot(programme):
    nodes = ProgrammeNode.objects.for_programme(programme).prefetch_related("tags")
    resource = ProgrammeNodeResource()
    return [
        (n.depth, n.code, resource.parent_code(n), n.title, sorted(t.code for t in n.tags.all()))
        for n in nodes
    ]


def test_export_then_import_into_an_empty_database_gives_the_same_tree():
    programme = ProgrammeFactory(slug="lkp")
    make_tree(programme, directions=2, focus_areas=2, priorities=2)
    priority = ProgrammeNode.objects.priorities().last()
    priority.tags.add(FrameworkTagFactory(code="agenda-2030-3"), FrameworkTagFactory(code="x-1"))
    before = snapshot(programme)
    for fmt in (base_formats.CSV(), base_formats.XLSX(), base_formats.JSON()):
        exported = fmt.export_data(export())
        ProgrammeNode.objects.all().delete()
        dataset = fmt.create_dataset(exported)
        report = run_import(ProgrammeNodeResource(), dataset)
        assert report.new == len(before), fmt
        assert snapshot(programme) == before, fmt
        assert ProgrammeNode.objects.find_problems() == ([], [], [], [], [])


def test_importing_the_same_export_twice_changes_nothing():
    programme = ProgrammeFactory()
    make_tree(programme, directions=2, focus_areas=2, priorities=1)
    dataset = export()
    report = run_import(ProgrammeNodeResource(), dataset)
    assert (report.new, report.updated, report.skipped) == (0, 0, len(dataset))


def test_row_order_sets_sibling_order_and_parent_changes_move_nodes():
    programme = ProgrammeFactory(slug="p")
    make_node(programme, code="a", title="A")
    make_node(programme, code="b", title="B")
    make_node(parent=ProgrammeNode.objects.get(code="a"), code="f", title="F")
    dataset = tablib.Dataset(headers=["programme", "code", "parent", "title"])
    dataset.append(["p", "b", "", "B"])
    dataset.append(["p", "a", "", "A"])
    dataset.append(["p", "f", "b", "F"])  # moves under b
    run_import(ProgrammeNodeResource(), dataset)
    assert tree_shape(programme) == [
        (1, "b", "direction"),
        (2, "f", "focus_area"),
        (1, "a", "direction"),
    ]


@pytest.mark.parametrize(
    ("row", "error"),
    [
        (["p", "x", "nope", "X", ""], "No node with code “nope”"),
        (
            ["p", "x", "prio", "X", ""],
            "lowest level and cannot have sub-levels",
        ),
        (["p", "x", "", "X", "priority"], "does not fit under this parent"),
        (["p", "bad code", "", "X", ""], "lower-case letters"),
        (["p", "x", "", "", ""], "This field cannot be blank"),
        (["missing", "x", "", "X", ""], "No programme with code “missing”"),
        (["p", "fa", "", "F", ""], "keeps its level"),
    ],
)
def test_a_bad_row_rejects_the_whole_file_and_is_named(row, error):
    programme = ProgrammeFactory(slug="p")
    make_node(parent=make_node(parent=make_node(programme), code="fa"), code="prio")
    before = snapshot(programme)
    dataset = tablib.Dataset(headers=["programme", "code", "parent", "title", "kind"])
    dataset.append(["p", "good", "", "A good new direction", ""])
    dataset.append(row)
    with pytest.raises(ImportRejectedError) as rejected:
        run_import(ProgrammeNodeResource(), dataset)
    assert any(
        message.startswith("row 2") and error in message for message in rejected.value.errors
    ), rejected.value.errors
    assert snapshot(programme) == before
    assert not ProgrammeNode.objects.filter(code="good").exists()


def test_a_dry_run_writes_nothing():
    programme = ProgrammeFactory(slug="p")
    dataset = tablib.Dataset(headers=["programme", "code", "parent", "title"])
    dataset.append(["p", "a", "", "A"])
    report = run_import(ProgrammeNodeResource(), dataset, dry_run=True)
    assert report.new == 1
    assert not ProgrammeNode.objects.filter(programme=programme).exists()


@pytest.mark.parametrize(
    "dangerous", ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx", "==x"]
)
def test_export_escapes_formula_cells_and_import_restores_them(dangerous):
    programme = ProgrammeFactory(slug="p")
    make_node(programme, code="a", title=dangerous, lead=dangerous)
    xlsx = base_formats.XLSX()
    row = dict(zip(*_first_row(xlsx.create_dataset(xlsx.export_data(export()))), strict=True))
    assert row["title"].startswith("'") and row["lead"].startswith("'")  # openpyxl turns \r to \n
    csv = base_formats.CSV()
    dataset = csv.create_dataset(csv.export_data(export()))
    row = dict(zip(*_first_row(dataset), strict=True))
    assert row["title"] == row["lead"] == "'" + dangerous
    ProgrammeNode.objects.all().delete()
    run_import(ProgrammeNodeResource(), dataset)
    assert ProgrammeNode.objects.get(code="a").title == dangerous


def _first_row(dataset):
    return dataset.headers, dataset[0]


def test_export_uses_a_fixed_number_of_queries(django_assert_max_num_queries):
    programme = ProgrammeFactory()
    make_tree(programme, directions=3, focus_areas=3, priorities=3)
    with django_assert_max_num_queries(5):
        export()


def test_the_import_preview_shows_each_rows_parent():
    """The preview's parent column was empty for rows whose parent is new in the same file
    (or another than the node had): it shows the parent each row names."""
    ProgrammeFactory(slug="p")
    dataset = tablib.Dataset(headers=["programme", "code", "parent", "title"])
    dataset.append(["p", "riktning", "", "En riktning"])
    dataset.append(["p", "omrade", "riktning", "Ett område"])
    dataset.append(["p", "prio", "omrade", "En prioritering"])
    result = ProgrammeNodeResource().import_data(dataset, dry_run=True)
    parents = [row.diff[2] if row.diff else None for row in result.rows]  # the parent column
    headers = result.diff_headers
    assert headers[2] == "parent"
    assert [str(p or "") for p in parents] == ["", "<ins>riktning</ins>", "<ins>omrade</ins>"]
