"""The team's admin: tree moves, the placement form, import/export permissions, history."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programme.models import ProgrammeNode
from tests.factories import ProgrammeFactory, UserFactory, children_of, make_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    programme = ProgrammeFactory(slug="p")
    one, two = make_tree(programme, directions=2, focus_areas=2, priorities=1)
    return programme, one, two


def editor(*codenames):
    user = UserFactory(is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="programme", codename__in=codenames)
    )
    return user


def drop(client, data):
    """What treebeard's drag and drop posts."""
    return client.post(reverse("admin:programme_programmenode_changelist") + "move/", data)


EDIT = ("view_programmenode", "change_programmenode", "add_programmenode", "delete_programmenode")


def test_drag_and_drop_to_an_illegal_place_answers_400_with_a_message(client, tree):
    _programme, one, two = tree
    client.force_login(editor(*EDIT))
    focus = children_of(one)[0]
    response = drop(
        client, {"node": focus.pk, "target": children_of(two)[0].pk, "relation": "child"}
    )
    assert response.status_code == 400
    assert (
        "behåller sin nivå" in response.content.decode()
        or "keeps its level" in response.content.decode()
    )
    assert ProgrammeNode.objects.find_problems() == ([], [], [], [], [])


def test_drag_and_drop_to_a_legal_place_moves_the_node(client, tree):
    _programme, one, two = tree
    client.force_login(editor(*EDIT))
    focus = children_of(one)[0]
    response = drop(client, {"node": focus.pk, "target": two.pk, "relation": "child"})
    assert response.status_code == 200
    assert focus.pk in [n.pk for n in children_of(two)]


def test_drag_and_drop_needs_change_permission(client, tree):
    _programme, one, two = tree
    client.force_login(editor("view_programmenode"))
    response = drop(client, {"node": children_of(one)[0].pk, "target": two.pk, "relation": "child"})
    assert response.status_code == 403


def test_the_change_form_moves_a_node_and_refuses_a_wrong_level(client, tree):
    programme, one, two = tree
    client.force_login(editor(*EDIT))
    focus = children_of(one)[0]
    change_url = reverse("admin:programme_programmenode_change", args=[focus.pk])
    form = {
        "code": focus.code,
        "title": focus.title,
        "title_en": "",
        "lead": "",
        "lead_en": "",
        "body": "",
        "body_en": "",
        "position": "last-child",
        "relative_to": children_of(two)[0].pk,
    }
    response = client.post(change_url, form)
    assert response.status_code == 200  # the form again, with the error
    assert response.context["adminform"].form.errors["relative_to"]
    form["relative_to"] = two.pk
    response = client.post(change_url, form)
    assert response.status_code == 302
    assert focus.pk in [n.pk for n in children_of(two)]


def test_the_add_form_sets_the_level_from_the_place(client, tree):
    programme, one, _two = tree
    client.force_login(editor(*EDIT))
    focus = children_of(one)[0]
    response = client.post(
        reverse("admin:programme_programmenode_add"),
        {
            "programme": programme.pk,
            "code": "ny",
            "title": "Ny prioritering",
            "position": "first-child",
            "relative_to": focus.pk,
        },
    )
    assert response.status_code == 302
    node = ProgrammeNode.objects.get(code="ny")
    assert (node.kind, children_of(focus)[0].pk) == ("priority", node.pk)


def test_an_empty_add_form_shows_its_errors_instead_of_failing(client, tree):
    client.force_login(editor(*EDIT))
    response = client.post(reverse("admin:programme_programmenode_add"), {})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert {"programme", "code", "title"} <= set(errors)
    assert not ProgrammeNode.objects.filter(code="").exists()


@pytest.mark.parametrize(
    ("codenames", "import_status", "export_status"),
    [
        (EDIT, 403, 403),
        ((*EDIT, "import_programmenode"), 200, 403),
        ((*EDIT, "export_programmenode"), 403, 200),
    ],
)
def test_import_and_export_need_their_own_permissions(
    client, tree, codenames, import_status, export_status
):
    client.force_login(editor(*codenames))
    assert client.get(reverse("admin:programme_programmenode_import")).status_code == import_status
    assert client.get(reverse("admin:programme_programmenode_export")).status_code == export_status


def test_admin_import_previews_then_confirms_and_a_bad_file_writes_nothing(client, tree):
    client.force_login(editor(*EDIT, "import_programmenode"))
    import_url = reverse("admin:programme_programmenode_import")
    bad = SimpleUploadedFile("bad.csv", b"programme,code,parent,title\np,x,nope,X\n", "text/csv")
    response = client.post(import_url, {"import_file": bad, "format": "1", "resource": "0"})
    assert "nope" in response.content.decode()
    assert "confirm" not in response.context or response.context.get("confirm_form") is None
    assert not ProgrammeNode.objects.filter(code="x").exists()

    good = SimpleUploadedFile("good.csv", b"programme,code,parent,title\np,x,,X\n", "text/csv")
    response = client.post(import_url, {"import_file": good, "format": "1", "resource": "0"})
    assert not ProgrammeNode.objects.filter(code="x").exists()  # preview only
    confirm = response.context["confirm_form"]
    response = client.post(reverse("admin:programme_programmenode_process_import"), confirm.initial)
    assert response.status_code == 302
    assert ProgrammeNode.objects.get(code="x").kind == "direction"


def test_history_records_who_changed_what_and_reverting_is_disabled(client, tree):
    _programme, one, _two = tree
    user = editor(*EDIT)
    client.force_login(user)
    change_url = reverse("admin:programme_programmenode_change", args=[one.pk])
    client.post(change_url, {"code": one.code, "title": "Ny rubrik", "position": ""})
    history = ProgrammeNode.history.filter(id=one.pk).order_by("-history_date").first()
    assert (history.title, history.history_user) == ("Ny rubrik", user)
    page = client.get(reverse("admin:programme_programmenode_history", args=[one.pk]))
    assert page.status_code == 200
    assert user.username in page.content.decode()
    assert settings.SIMPLE_HISTORY_REVERT_DISABLED is True


def test_a_nodes_history_reads_moved_from_and_renamed_from_with_who_and_when(client, tree):
    """Not "Path: 000100010001 → 000200010002": what happened, in the team's words."""
    _programme, one, two = tree
    user = editor(*EDIT)
    client.force_login(user)
    focus = children_of(one)[0]
    priority = children_of(focus)[0]
    old_title = priority.title
    change_url = reverse("admin:programme_programmenode_change", args=[priority.pk])
    form = {"code": priority.code, "title": "Ett nytt namn", "position": ""}
    assert client.post(change_url, form).status_code == 302
    destination = children_of(two)[0]
    form.update(position="last-child", relative_to=destination.pk)
    assert client.post(change_url, form).status_code == 302
    form.update(lead="En ingress.", position="")
    assert client.post(change_url, form).status_code == 302
    page = client.get(reverse("admin:programme_programmenode_history", args=[priority.pk]))
    text = page.content.decode()
    assert f"Bytte namn från ”{old_title}” till ”Ett nytt namn”." in text
    assert f"Flyttad från ”{focus.title}” till ”{destination.title}”." in text
    assert "Ingress: ”” → ”En ingress.”." in text
    assert f"Skapad under ”{focus.title}”." in text
    assert "Sökväg" not in text and "Path" not in text and priority.path[:8] not in text
    assert text.count(user.username) >= 3  # who, on every row
    # The direction's own history: at the top level.
    page = client.get(reverse("admin:programme_programmenode_history", args=[one.pk]))
    assert "Skapad under ”programmets översta nivå”." in page.content.decode()


@pytest.mark.parametrize(
    "tamper",
    [
        {"format": "9"},
        {"format": "x"},
        {"resource": "5"},
        {"import_file_name": "gone-from-the-cache.csv"},
    ],
    ids=["format out of range", "format not a number", "resource out of range", "expired"],
)
def test_a_tampered_or_expired_confirmation_is_a_400_and_writes_nothing(client, tree, tamper):
    client.force_login(editor(*EDIT, "import_programmenode"))
    good = SimpleUploadedFile("good.csv", b"programme,code,parent,title\np,x,,X\n", "text/csv")
    response = client.post(
        reverse("admin:programme_programmenode_import"),
        {"import_file": good, "format": "1", "resource": "0"},
    )
    confirm = {**response.context["confirm_form"].initial, **tamper}
    response = client.post(reverse("admin:programme_programmenode_process_import"), confirm)
    assert response.status_code == 400
    assert "Ladda upp filen igen" in response.content.decode()
    assert not ProgrammeNode.objects.filter(code="x").exists()


def test_the_node_form_offers_only_the_nodes_of_the_nodes_own_programme(client, tree):
    programme, one, _two = tree
    other = ProgrammeFactory(slug="motala", name="Social hållbarhet")
    (other_direction,) = make_tree(other, directions=1, focus_areas=1, priorities=0)
    client.force_login(editor(*EDIT, "view_programme"))

    def offered(url):
        form = client.get(url).context["adminform"].form
        return {node.programme_id for node in form.fields["relative_to"].queryset}

    change = reverse("admin:programme_programmenode_change", args=[children_of(one)[0].pk])
    assert offered(change) == {programme.pk}
    add = reverse("admin:programme_programmenode_add")
    assert offered(f"{add}?programme={other.pk}") == {other.pk}
    # Posting another programme's node as the place is refused, nothing written.
    count = ProgrammeNode.objects.count()
    response = client.post(
        f"{add}?programme={programme.pk}",
        {
            "programme": programme.pk,
            "code": "ny",
            "title": "Ny",
            "position": "last-child",
            "relative_to": other_direction.pk,
        },
    )
    assert (
        response.status_code == 200 and "relative_to" in response.context["adminform"].form.errors
    )
    assert ProgrammeNode.objects.count() == count
    programmes = client.get(reverse("admin:programme_programme_changelist")).content.decode()
    assert f'href="{add}?programme={other.pk}"' in programmes


def test_the_change_form_explains_a_move_or_rename_that_a_followed_up_programme_refuses(
    client, tree, monkeypatch
):
    """The node form says what drag and drop says (not a bare 403): a followed-up
    programme keeps its structure; a new version changes it. Nothing is saved."""
    from programme import services

    monkeypatch.setattr(services, "_structure_guards", [lambda programme: True])
    _programme, one, two = tree
    client.force_login(editor(*EDIT))
    focus = children_of(one)[0]
    priority = children_of(focus)[0]
    fields = {"title_en": "", "lead": "", "lead_en": "", "body": "", "body_en": ""}
    moves = {
        priority: {
            "code": priority.code,
            "title": priority.title,
            "position": "last-child",
            "relative_to": children_of(two)[0].pk,
        },
        focus: {"code": focus.code, "title": "Ett nytt namn", "position": ""},
    }
    for node, form in moves.items():
        url = reverse("admin:programme_programmenode_change", args=[node.pk])
        response = client.post(url, {**fields, **form})
        assert response.status_code == 200, node
        page = response.content.decode()
        assert "har följts upp" in page and "Starta en ny version" in page
    assert ProgrammeNode.objects.get(pk=priority.pk).path == priority.path
    assert ProgrammeNode.objects.get(pk=focus.pk).title == focus.title


def test_the_tree_list_shows_one_programmes_tree_the_current_one_first(client, tree):
    """Two programmes' trees side by side read as one: the list shows the current
    programme's tree, another one's when chosen (still a tree), and all as a flat list."""
    programme, one, _two = tree
    programme.is_current = True
    programme.save()
    other = ProgrammeFactory(slug="q", name="Annat program")
    (elsewhere,) = make_tree(other, directions=1, focus_areas=1, priorities=1)
    client.force_login(editor(*EDIT))
    url = reverse("admin:programme_programmenode_changelist")

    def listed(query=""):
        page = client.get(url + query).content.decode()
        return ("treebeard-admin.js" in page), page

    is_tree, page = listed()
    assert is_tree and one.title in page and elsewhere.title not in page
    is_tree, page = listed(f"?programme={other.pk}")
    assert is_tree and elsewhere.title in page and one.title not in page
    is_tree, page = listed("?programme=all")
    assert not is_tree and elsewhere.title in page and one.title in page
    assert client.get(url + "?programme=x").status_code in (200, 302)  # the admin's own ?e=1
