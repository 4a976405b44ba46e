"""Versions of a programme: a new version copies the tree as a draft, each old node maps to
the new ones (kept, renamed, merged, split, dropped), adopting archives the old one, and a
year-over-year comparison in the follow-up goes through the mapping. A programme a year has
been approved against keeps its structure: changes go into a new version."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from programme import services, versions
from programme.models import FrameworkTag, NodeMapping, Programme, ProgrammeNode
from tests.factories import FrameworkTagFactory, ProgrammeFactory, UserFactory, make_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    programme = ProgrammeFactory(
        slug="lkp", name="Livskvalitetsprogrammet", is_current=True, status="adopted"
    )
    make_tree(programme, directions=2, focus_areas=2, priorities=2)
    node = ProgrammeNode.objects.filter(programme=programme, kind="priority").first()
    node.tags.add(FrameworkTagFactory())
    return programme


def start(programme, slug="lkp-2025-2032"):
    return versions.programme_version_start(
        programme=programme,
        slug=slug,
        name="Livskvalitetsprogrammet",
        valid_from=2025,
        valid_to=2032,
    )


def shape(programme):
    return [
        (node.depth, node.code, node.title)
        for node in ProgrammeNode.objects.filter(programme=programme).order_by("path")
    ]


def test_a_new_version_is_a_draft_copy_of_the_tree_with_every_node_kept(programme):
    version = start(programme)
    assert version.status == Programme.Status.DRAFT and not version.is_current
    assert version.predecessor == programme and version.period == "2025–2032"
    assert shape(version) == shape(programme) and len(shape(version)) == 2 + 4 + 8
    assert ProgrammeNode.objects.filter(programme=version, tags__isnull=False).count() == 1
    mappings = NodeMapping.objects.filter(old__programme=programme)
    assert mappings.count() == 14 and {m.kind for m in mappings} == {"kept"}
    assert all(m.old.code == m.new.code for m in mappings.select_related("old", "new"))
    assert ProgrammeNode.objects.find_problems() == ([], [], [], [], [])
    # Each copy's history says where it was created.
    priority = ProgrammeNode.objects.filter(programme=version, kind="priority").first()
    (created,) = ProgrammeNode.history.filter(id=priority.pk)
    parent = ProgrammeNode.objects.get(path=priority.path[:-4])
    assert (created.history_type, created.parent_then_title) == ("+", parent.title)
    programme.refresh_from_db()
    assert programme.status == "adopted" and programme.is_current  # until the new is adopted


def test_each_kind_of_mapping_and_its_rules(programme):
    version = start(programme)
    old = {n.code: n for n in ProgrammeNode.objects.filter(programme=programme)}
    new = {n.code: n for n in ProgrammeNode.objects.filter(programme=version)}
    areas = [code for code, n in old.items() if n.kind == "focus_area"]
    priorities = [code for code, n in old.items() if n.kind == "priority"]
    a, b, c, d = areas
    versions.node_map(old=old[a], kind="renamed", new=[new[a]])
    versions.node_map(old=old[b], kind="merged", new=[new[c]])
    versions.node_map(old=old[c], kind="merged", new=[new[c]])
    versions.node_map(old=old[d], kind="split", new=[new[a], new[d]])
    versions.node_map(old=old[priorities[0]], kind="dropped", new=[])
    kinds = dict(
        NodeMapping.objects.filter(old__programme=programme).values_list("old__code", "kind")
    )
    assert [kinds[code] for code in (a, b, c, d, priorities[0])] == [
        "renamed",
        "merged",
        "merged",
        "split",
        "dropped",
    ]
    bad = [
        ("kept", [new[a], new[b]], "exakt en"),
        ("split", [new[a]], "två eller fler"),
        ("dropped", [new[a]], "ingen nod"),
        ("kept", [new[priorities[1]]], "sin egen nivå"),
        ("kept", [old[a]], "noder i den nya versionen"),
    ]
    for kind, targets, message in bad:
        with pytest.raises(ValidationError, match=message):
            versions.node_map(old=old[a], kind=kind, new=targets)
    assert kinds[a] == "renamed"  # a refused mapping leaves the old one


def test_adopting_needs_every_node_mapped_then_archives_the_old_version(programme):
    version = start(programme)
    NodeMapping.objects.filter(old__programme=programme, old__kind="priority").delete()
    with pytest.raises(ValidationError, match="Säg hur dessa noder"):
        versions.programme_adopt(version=version)
    for node in ProgrammeNode.objects.filter(programme=programme, kind="priority"):
        versions.node_map(old=node, kind="dropped", new=[])
    versions.programme_adopt(version=version)
    programme.refresh_from_db()
    version.refresh_from_db()
    assert (programme.status, programme.is_current) == ("archived", False)
    assert (version.status, version.is_current) == ("adopted", True)
    assert Programme.objects.current() == version
    with pytest.raises(ValidationError, match="utkast"):
        versions.programme_adopt(version=version)


def test_the_mapping_follows_several_versions(programme):
    second = start(programme)
    versions.programme_adopt(version=second)
    third = start(second, slug="lkp-2033")
    area = ProgrammeNode.objects.filter(programme=programme, kind="focus_area").first()
    through = versions.mapping_between(programme, third)
    (target,) = through[area.pk]
    assert ProgrammeNode.objects.get(pk=target).programme == third
    assert ProgrammeNode.objects.get(pk=target).code == area.code
    assert versions.mapping_between(third, programme) == {}


def test_a_followed_up_programme_keeps_its_structure(programme):
    services.register_structure_guard(lambda p: p.slug == "lkp")
    try:
        direction, focus = ProgrammeNode.objects.filter(programme=programme)[:2]
        priority = ProgrammeNode.objects.filter(programme=programme, kind="priority").first()
        for attempt in (
            lambda: services.node_move(node=priority, target=focus, position="first-child"),
            lambda: services.node_delete(node=priority),
            lambda: services.node_create(
                node=ProgrammeNode(programme=programme, code="ny", title="Ny"), target=None
            ),
        ):
            with pytest.raises(ValidationError, match="ny version"):
                attempt()
        focus.title = "Nytt namn"
        with pytest.raises(ValidationError, match="ny version"):
            services.node_update(node=focus)
        # A priority may still be added and edited, and any text but a level's title.
        services.node_create(
            node=ProgrammeNode(programme=programme, code="ny", title="Ny"),
            target=focus,
            position="last-child",
        )
        priority.title, priority.lead = "Nytt namn", "Ny ingress"
        services.node_update(node=priority)
        focus.refresh_from_db()
        focus.lead = "Ny ingress"
        services.node_update(node=focus)
        # The new version is free to change.
        version = start(programme)
        copy = ProgrammeNode.objects.get(programme=version, code=priority.code)
        services.node_delete(node=copy)
    finally:
        services._structure_guards.pop()


def test_the_team_starts_maps_and_adopts_a_version_in_the_admin(client, programme):
    team = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(team)
    change = client.get(reverse("admin:programme_programme_change", args=[programme.pk]))
    start_url = reverse("admin:programme_programme_version_start", args=[programme.pk])
    assert start_url in change.content.decode()
    taken = client.post(start_url, {"name": "X", "slug": "lkp", "valid_from": 2025})
    assert "har redan den här koden" in taken.content.decode()
    response = client.post(
        start_url,
        {"name": "Livskvalitetsprogrammet", "slug": "lkp-2025-2032", "valid_from": 2025},
    )
    version = Programme.objects.get(slug="lkp-2025-2032")
    mapping_url = reverse("admin:programme_programme_mapping", args=[version.pk])
    assert response["Location"] == mapping_url
    page = client.get(mapping_url)
    formset = page.context["formset"]
    assert len(formset.forms) == 14
    data = {
        "form-TOTAL_FORMS": "14",
        "form-INITIAL_FORMS": "14",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for index, form in enumerate(formset.forms):
        data[f"form-{index}-old"] = form.initial["old"]
        data[f"form-{index}-kind"] = form.initial["kind"]
        for pk in form.initial["new"]:
            data.setdefault(f"form-{index}-new", []).append(pk)
    first_new = data["form-0-new"]
    data["form-0-kind"] = "split"  # one node only: refused, nothing saved
    refused = client.post(mapping_url, data)
    assert "Inget sparades" in refused.content.decode()
    assert NodeMapping.objects.filter(kind="split").count() == 0
    data["form-0-kind"], data["form-0-new"] = "renamed", first_new
    assert client.post(mapping_url, data).status_code == 302
    assert NodeMapping.objects.filter(kind="renamed").count() == 1
    adopted = client.post(mapping_url, {"action": "adopt"})
    assert adopted.status_code == 302
    assert Programme.objects.current().slug == "lkp-2025-2032"
    assert client.get(reverse("programme:programme", kwargs={"slug": "lkp"})).status_code == 200


def test_only_the_team_reaches_the_version_pages(client, programme):
    viewer = UserFactory(is_staff=True)
    client.force_login(viewer)
    start_url = reverse("admin:programme_programme_version_start", args=[programme.pk])
    assert client.get(start_url).status_code == 403
    client.logout()
    assert client.get(start_url).status_code == 302
    assert FrameworkTag.objects.count() == 1
