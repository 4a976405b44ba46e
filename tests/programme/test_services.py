"""The tree rules, enforced by the services and by the database."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from programme import services
from programme.models import NodeKind, Programme, ProgrammeNode
from tests.factories import ProgrammeFactory, children_of, make_node, make_tree, tree_shape

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


def test_kind_follows_depth_when_nodes_are_created():
    direction = make_node()
    focus = make_node(parent=direction)
    priority = make_node(parent=focus)
    assert [direction.kind, focus.kind, priority.kind] == [
        NodeKind.DIRECTION,
        NodeKind.FOCUS_AREA,
        NodeKind.PRIORITY,
    ]
    assert [direction.depth, focus.depth, priority.depth] == [1, 2, 3]


def test_a_priority_cannot_get_children_through_the_service():
    priority = make_node(parent=make_node(parent=make_node()))
    with pytest.raises(ValidationError, match="lowest level"):
        make_node(parent=priority)
    assert ProgrammeNode.objects.count() == 3


def test_the_database_rejects_a_fourth_level_and_a_wrong_kind():
    priority = make_node(parent=make_node(parent=make_node()))
    fourth = ProgrammeNode(
        programme=priority.programme, code="x", title="x", kind=NodeKind.PRIORITY
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        # treebeard directly, bypassing the service: only the constraints stand in the way
        ProgrammeNode.objects.add_child(priority, instance=fourth)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeNode.objects.filter(pk=priority.pk).update(kind=NodeKind.DIRECTION)


def test_the_database_rejects_a_priority_with_children():
    priority = make_node(parent=make_node(parent=make_node()))
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeNode.objects.filter(pk=priority.pk).update(numchild=1)


def test_codes_are_unique_within_a_programme_but_not_across_programmes():
    first = make_node(code="fritid")
    with pytest.raises(ValidationError):
        make_node(programme=first.programme, code="fritid")
    assert make_node(code="fritid").programme != first.programme


def test_siblings_keep_the_order_they_are_given_not_alphabetical():
    direction = make_node()
    titles = ["Östra", "Ängen", "Alfa"]
    for title in titles:
        make_node(parent=direction, title=title)
    children = children_of(direction)
    assert [child.title for child in children] == titles


def test_create_at_a_position_places_the_node_there():
    direction = make_node()
    first = make_node(parent=direction, code="first")
    node = ProgrammeNode(programme=direction.programme, code="before", title="Före")
    services.node_create(node=node, target=first, position="left")
    codes = [n.code for n in children_of(direction)]
    assert codes == ["before", "first"]


def test_move_reorders_siblings_and_moves_subtrees_between_parents():
    programme = ProgrammeFactory()
    one, two = make_tree(programme, directions=2, focus_areas=2, priorities=1)
    focus = children_of(one)[0]
    services.node_move(node=focus, target=two, position="last-child")
    moved = ProgrammeNode.objects.get(pk=focus.pk)
    assert ProgrammeNode.objects.get_parent(moved).pk == two.pk
    assert moved.numchild == 1
    assert ProgrammeNode.objects.get(pk=one.pk).numchild == 1
    assert ProgrammeNode.objects.get(pk=two.pk).numchild == 3
    services.node_move(node=two, target=one, position="left")
    assert [n.pk for n in ProgrammeNode.objects.filter(depth=1)] == [two.pk, one.pk]
    assert ProgrammeNode.objects.find_problems() == ([], [], [], [], [])


@pytest.mark.parametrize(
    ("move", "message"),
    [
        ("focus_under_focus", "keeps its level"),
        ("direction_under_direction", "keeps its level"),
        ("priority_under_priority", "lowest level"),
        ("into_own_subtree", "inside itself"),
        ("other_programme", "another programme"),
    ],
)
def test_moves_that_break_the_levels_are_refused_and_change_nothing(move, message):
    programme = ProgrammeFactory()
    one, two = make_tree(programme, directions=2, focus_areas=1, priorities=1)
    focus = children_of(one)[0]
    priority = children_of(focus)[0]
    other_focus = children_of(two)[0]
    node, target, position = {
        "focus_under_focus": (focus, other_focus, "last-child"),
        "direction_under_direction": (one, two, "last-child"),
        "priority_under_priority": (
            priority,
            children_of(other_focus)[0],
            "last-child",
        ),
        "into_own_subtree": (one, focus, "left"),
        "other_programme": (focus, make_node(), "last-child"),
    }[move]
    before = tree_shape(programme)
    with pytest.raises(ValidationError, match=message):
        services.node_move(node=node, target=target, position=position)
    assert tree_shape(programme) == before


def test_delete_removes_the_subtree_and_updates_the_parent():
    programme = ProgrammeFactory()
    (direction,) = make_tree(programme, directions=1, focus_areas=2, priorities=2)
    focus = children_of(direction)[0]
    services.node_delete(node=focus)
    assert ProgrammeNode.objects.count() == 1 + 1 + 2
    assert ProgrammeNode.objects.get(pk=direction.pk).numchild == 1
    assert ProgrammeNode.objects.find_problems() == ([], [], [], [], [])


def test_only_one_programme_is_current():
    first, second = ProgrammeFactory(), ProgrammeFactory()
    services.programme_make_current(programme=first)
    services.programme_make_current(programme=second)
    assert list(Programme.objects.filter(is_current=True)) == [second]
    with pytest.raises(IntegrityError), transaction.atomic():
        Programme.objects.filter(pk=first.pk).update(is_current=True)


def test_body_html_is_sanitised_whichever_path_saves_it():
    node = make_node(
        body='<p onclick="x()">Hej<script>alert(1)</script></p><a href="javascript:x">l</a>'
    )
    node.refresh_from_db()
    assert "script" not in node.body
    assert "onclick" not in node.body
    assert "javascript" not in node.body
    assert node.body.startswith("<p>Hej</p>")
