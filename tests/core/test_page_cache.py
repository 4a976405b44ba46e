"""The public page cache: hits for visitors without a session, a fresh nonce on every hit,
pages that depend on what they show and change only when it does, and stale pages served
within the bound while they are rendered again."""

import re
import time
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from ambassadors.models import Department
from core import page_cache
from encyclopedia.models import Entry
from followup.models import DepartmentReport
from goals.models import GoalFormulation
from initiatives.models import Initiative
from keyfigures.models import IndicatorValue
from pages.models import Page
from prioritisation.models import Decision, Intervention
from programme import services
from programme.models import Framework, FrameworkTag, Programme, ProgrammeNode
from tests.factories import AmbassadorFactory, DepartmentFactory, ProgrammeFactory, UserFactory
from tests.public_pages import LKP, PAGE_TYPES, key_figure_ids, load_example_pages

pytestmark = pytest.mark.django_db

WHOLE = f"/program/{LKP}/"
NONCE = re.compile(r"'nonce-([^']+)'")


def nonce_of(response):
    return NONCE.search(response["Content-Security-Policy"]).group(1)


def normalised(response) -> str:
    return response.content.decode().replace(nonce_of(response), "N")


def stored(path):
    return page_cache.cache.get(page_cache.page_key(f"http://testserver{path}"))


def test_a_second_visit_is_served_from_the_cache_with_its_own_nonce(
    client, loaded, page_cache_on, django_assert_num_queries
):
    first = client.get(WHOLE)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(WHOLE)
    assert second["X-Page-Cache"] == "hit"
    assert nonce_of(first) != nonce_of(second)
    assert f'nonce="{nonce_of(second)}"' in second.content.decode()
    assert page_cache.NONCE_PLACEHOLDER not in second.content.decode()
    assert normalised(first) == normalised(second)


def test_swedish_and_english_are_cached_apart(client, loaded, page_cache_on):
    client.get(WHOLE)
    english = client.get("/en" + WHOLE)
    assert english["X-Page-Cache"] == "miss"
    assert '<html lang="en">' in english.content.decode()


def test_an_edited_title_shows_once_the_edit_commits(client, loaded, page_cache_on):
    client.get(WHOLE)
    node = ProgrammeNode.objects.get(code="trygghet")
    node.title = "Vi skapar trygghet – ny lydelse"
    with page_cache_on.edit():
        services.node_update(node=node)
        # Not before: a page rendered now would be kept with the change not yet committed.
        assert client.get(WHOLE)["X-Page-Cache"] == "hit"
    response = client.get(WHOLE)
    assert response["X-Page-Cache"] == "miss"
    assert "Vi skapar trygghet – ny lydelse" in response.content.decode()


def test_a_move_in_the_admin_shows_at_once(client, loaded, superuser, page_cache_on):
    visitor = Client()
    before = visitor.get(WHOLE).content.decode()
    assert before.index('id="valkomnande"') < before.index('id="ansvar"')
    client.force_login(superuser)
    first, last = (ProgrammeNode.objects.get(code=c) for c in ("valkomnande", "ansvar"))
    with page_cache_on.edit():
        response = client.post(
            reverse("admin:programme_programmenode_changelist") + "move/",
            {"node": last.pk, "target": first.pk, "relation": "sibling"},  # last goes first
        )
    assert response.status_code == 200
    after = visitor.get(WHOLE).content.decode()
    assert after.index('id="valkomnande"') > after.index('id="ansvar"')


def test_a_changed_tag_shows_at_once(client, loaded, page_cache_on):
    tag = FrameworkTag.objects.get(code="folkhalsa-6")
    client.get(tag.get_absolute_url())
    tag.name = "Ett nytt namn på målområdet"
    with page_cache_on.edit():
        tag.save()
    assert "Ett nytt namn på målområdet" in client.get(tag.get_absolute_url()).content.decode()


def test_an_edit_is_written_once_when_its_transaction_commits(loaded, page_cache_on, monkeypatch):
    writes = []
    monkeypatch.setattr(
        page_cache.cache, "set_many", lambda values, timeout: writes.append(values) or []
    )
    nodes = list(ProgrammeNode.objects.filter(programme__slug=LKP)[:20])
    with page_cache_on.edit(), transaction.atomic():
        for node in nodes:
            node.title += " (ändrad)"
            node.save()  # with its history row
        assert writes == []
    programme = nodes[0].programme_id
    assert [set(values) for values in writes] == [
        {
            "lkp:page-cache:tag:programme.programmenode",
            *(f"lkp:page-cache:tag:programme.programmenode:{node.pk}" for node in nodes),
            f"lkp:page-cache:tag:programme.programme:{programme}",
            page_cache.CHANGED_KEY,
        }
    ]


def test_a_hit_from_memory_reads_one_key_until_something_changes(
    client, loaded, page_cache_on, monkeypatch
):
    client.get(WHOLE)
    client.get(WHOLE)  # checked tag by tag once, and found fresh
    reads = []
    get, get_many = page_cache.cache.get, page_cache.cache.get_many

    many = []

    def read(key, *args, **kwargs):
        if not many:  # not the backend's own reads for get_many()
            reads.append(key)
        return get(key, *args, **kwargs)

    def read_many(keys, *args, **kwargs):
        reads.extend(keys)
        many.append(True)
        try:
            return get_many(keys, *args, **kwargs)
        finally:
            many.pop()

    monkeypatch.setattr(page_cache.cache, "get", read)
    monkeypatch.setattr(page_cache.cache, "get_many", read_many)
    assert client.get(WHOLE)["X-Page-Cache"] == "hit"
    assert reads == [page_cache.CHANGED_KEY]
    with page_cache_on.edit():
        page_cache.content_changed(Entry)  # nothing the page shows
    reads.clear()
    assert client.get(WHOLE)["X-Page-Cache"] == "hit"
    assert reads[0] == page_cache.CHANGED_KEY
    assert len(reads) > 1  # its tags were read once more
    reads.clear()
    assert client.get(WHOLE)["X-Page-Cache"] == "hit"
    assert reads == [page_cache.CHANGED_KEY]


def test_an_edit_that_rolls_back_changes_no_page(client, loaded, page_cache_on):
    client.get(WHOLE)
    with page_cache_on.edit(), pytest.raises(RuntimeError), transaction.atomic():
        ProgrammeNode.objects.filter(code="trygghet").first().save()
        raise RuntimeError
    assert client.get(WHOLE)["X-Page-Cache"] == "hit"


def test_history_rows_and_private_models_touch_no_page(loaded):
    node = ProgrammeNode.objects.get(code="trygghet")
    history = node.history.first()
    assert page_cache.tags_of(node) == {
        "programme.programmenode",
        f"programme.programmenode:{node.pk}",
        f"programme.programme:{node.programme_id}",
    }
    assert page_cache.tags_of(history) == set()
    assert page_cache.tags_of(UserFactory()) == set()


# Dependencies are named from models: a wrong one fails where it is named ----------------


def test_a_dependency_on_a_model_nobody_registered_is_refused():
    from django.contrib.auth.models import User
    from django.core.exceptions import ImproperlyConfigured

    from followup.models import FollowupRound

    with pytest.raises(ImproperlyConfigured, match="User is not registered"):
        page_cache.tag(User)
    with pytest.raises(ImproperlyConfigured, match="deadline does not name one object"):
        page_cache.tag(FollowupRound, "2025-03-01", field="deadline")
    assert page_cache.tag(FollowupRound, 2025, field="year") == "followup.followupround:year=2025"
    assert page_cache.tag(Initiative, 7) == "initiatives.initiative:7"


def test_every_stored_view_depends_only_on_registered_models():
    from django.urls import URLPattern, URLResolver, get_resolver

    def views(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from views(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                yield pattern.callback

    declared = [
        view for view in views(get_resolver().url_patterns) if hasattr(view, "page_cache_depends")
    ]
    assert len(declared) >= 25
    for view in declared:
        page_cache.as_tags(view.page_cache_depends)  # raises for an unregistered model


def test_a_bulk_write_replaces_the_pages_that_show_its_objects(client, loaded, page_cache_on):
    client.get(WHOLE)
    assert client.get(WHOLE)["X-Page-Cache"] == "hit"
    nodes = ProgrammeNode.objects.filter(programme__slug=LKP, code="trygghet")
    with page_cache_on.edit():
        nodes.update(title="Trygghet i bulk")
    assert client.get(WHOLE)["X-Page-Cache"] == "hit"  # update() sends no signal
    with page_cache_on.edit():
        page_cache.objects_changed(nodes)
    assert "Trygghet i bulk" in client.get(WHOLE).content.decode()


# Models no public page shows: an edit of one never replaces a page.
PRIVATE = {
    "accounts.invitation",
    "accounts.sessioncutoff",
    "notifications.notification",
    "notifications.preference",
    "followup.reminder",
    "worker.workerbeat",
    "programme.nodemapping",  # read by the follow-up's comparisons, shown on no page
    # Search documents: written by database triggers, read only by the search page, which is
    # never stored.
    "search.nodedocument",
    "search.initiativedocument",
    "search.entrydocument",
    "search.indicatordocument",
    "search.formulationdocument",
    "search.assessmentdocument",
}


def test_every_model_of_the_portal_is_registered_or_private():
    apps_of_the_portal = {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).parent == django_settings.BASE_DIR
    }
    own = [
        model
        for model in apps.get_models()
        if model._meta.app_label in apps_of_the_portal
        and not model.__name__.startswith("Historical")
    ]
    unregistered = {model._meta.label_lower for model in own if not page_cache.registered(model)}
    assert unregistered == PRIVATE


def test_nothing_is_written_while_the_page_cache_is_off(loaded, settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 0
    monkeypatch.setattr(page_cache, "cache", UnreachableCache())
    node = ProgrammeNode.objects.get(code="trygghet")
    node.title = "Utan cache"
    services.node_update(node=node)  # no cache needed, none reached


def test_a_visitor_with_a_session_never_gets_a_cached_page(client, loaded, page_cache_on):
    draft = ProgrammeFactory(slug="utkast", status="draft")
    anonymous = Client()
    assert anonymous.get(draft.get_absolute_url()).status_code == 404
    client.force_login(UserFactory(is_staff=True))
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    client.get(WHOLE)
    assert "X-Page-Cache" not in client.get(WHOLE)
    assert anonymous.get(draft.get_absolute_url()).status_code == 404


def test_not_found_pages_are_not_cached(client, loaded, page_cache_on):
    client.get("/program/finns-inte/")
    assert "X-Page-Cache" not in client.get("/program/finns-inte/")


def test_the_page_cache_can_be_turned_off(client, loaded, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(WHOLE)
    assert "X-Page-Cache" not in client.get(WHOLE)


def test_a_hit_carries_the_headers_of_the_page_it_replays(client, loaded, page_cache_on):
    first, second = client.get(WHOLE), client.get(WHOLE)
    assert second["X-Page-Cache"] == "hit"
    for header in (
        "Content-Type",
        "Content-Language",
        "Vary",
        "X-Frame-Options",
        "Referrer-Policy",
        "X-Content-Type-Options",
    ):
        assert second[header] == first[header], header
    policy = [r["Content-Security-Policy"].replace(nonce_of(r), "N") for r in (first, second)]
    assert policy[0] == policy[1]
    assert not second.cookies


class UnreachableCache:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

        return fail


def test_pages_are_served_uncached_while_the_shared_cache_is_down(
    client, loaded, page_cache_on, monkeypatch
):
    client.get(WHOLE)
    monkeypatch.setattr(page_cache, "cache", UnreachableCache())
    for _ in range(2):
        response = client.get(WHOLE)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert "Vi skapar trygghet och säkra miljöer" in response.content.decode()


def test_an_edit_fails_while_the_shared_cache_is_down(loaded, page_cache_on, monkeypatch):
    monkeypatch.setattr(page_cache, "cache", UnreachableCache())
    node = ProgrammeNode.objects.get(code="trygghet")
    node.title = "Får inte sparas"
    with pytest.raises(ConnectionError), transaction.atomic():
        services.node_update(node=node)
    assert ProgrammeNode.objects.get(code="trygghet").title != "Får inte sparas"


# Stale pages within the bound ------------------------------------------------------------


def edit_title(page_cache_on, code, title):
    node = ProgrammeNode.objects.get(code=code)
    node.title = title
    with page_cache_on.edit():
        services.node_update(node=node)


def test_after_an_edit_visitors_get_the_stored_page_while_the_worker_renders_it(
    client, loaded, page_cache_on, settings
):
    settings.PAGE_CACHE_STALE_SECONDS = 60
    client.get(WHOLE)
    edit_title(page_cache_on, "trygghet", "Vi skapar trygghet – ny lydelse")
    # The tests' task backend runs the refresh at once, inside the stale request.
    stale = client.get(WHOLE)
    assert stale["X-Page-Cache"] == "stale"
    assert "Vi skapar trygghet – ny lydelse" not in stale.content.decode()
    fresh = client.get(WHOLE)
    assert fresh["X-Page-Cache"] == "hit"  # stored by the refresh, not rendered here
    assert "Vi skapar trygghet – ny lydelse" in fresh.content.decode()
    editor = Client()
    editor.force_login(UserFactory(is_staff=True))
    assert "Vi skapar trygghet – ny lydelse" in editor.get(WHOLE).content.decode()


def test_the_refresh_is_asked_for_once_per_page_and_bound(
    client, loaded, page_cache_on, settings, monkeypatch
):
    settings.PAGE_CACHE_STALE_SECONDS = 60
    from core import tasks

    asked = []

    class Recorder:
        enqueue = asked.append

    monkeypatch.setattr(tasks, "refresh_page", Recorder)
    client.get(WHOLE)
    edit_title(page_cache_on, "trygghet", "Ny lydelse")
    for _ in range(3):
        assert client.get(WHOLE)["X-Page-Cache"] == "stale"
    assert asked == [f"http://testserver{WHOLE}"]


def test_a_page_older_than_the_bound_is_rendered_in_the_request(
    client, loaded, page_cache_on, settings, monkeypatch
):
    settings.PAGE_CACHE_STALE_SECONDS = 60
    client.get(WHOLE)
    edit_title(page_cache_on, "trygghet", "Vi skapar trygghet – ny lydelse")
    later = time.time() + 61
    monkeypatch.setattr(page_cache.time, "time", lambda: later)
    response = client.get(WHOLE)
    assert response["X-Page-Cache"] == "miss"
    assert "Vi skapar trygghet – ny lydelse" in response.content.decode()


def test_a_process_asks_whether_anything_changed_once_per_interval(
    client, loaded, page_cache_on, settings, monkeypatch
):
    settings.PAGE_CACHE_CHECK_SECONDS = 60
    client.get(WHOLE)
    assert client.get(WHOLE)["X-Page-Cache"] == "hit"
    # Another process's edit: written to the shared cache, not through this process.
    node = ProgrammeNode.objects.get(code="trygghet")
    ProgrammeNode.objects.filter(pk=node.pk).update(title="Ändrad i en annan process")
    later = time.time_ns()
    page_cache.cache.set_many(
        {
            f"lkp:page-cache:tag:programme.programme:{node.programme_id}": later,
            page_cache.CHANGED_KEY: later,
        },
        None,
    )
    assert client.get(WHOLE)["X-Page-Cache"] == "hit"  # not asked again yet
    monotonic = time.monotonic() + 61
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: monotonic)
    response = client.get(WHOLE)
    assert response["X-Page-Cache"] == "miss"
    assert "Ändrad i en annan process" in response.content.decode()
    # This process's own edit is seen at once.
    edit_title(page_cache_on, "trygghet", "Ändrad här")
    response = client.get(WHOLE)
    assert response["X-Page-Cache"] == "miss"
    assert "Ändrad här" in response.content.decode()


def test_the_bound_counts_from_the_edit_not_from_when_the_page_was_rendered(
    client, loaded, page_cache_on, settings, monkeypatch
):
    settings.PAGE_CACHE_STALE_SECONDS = 60
    from core import tasks

    class NoWorker:  # nothing renders the page again in the meantime
        enqueue = staticmethod(lambda url: None)

    monkeypatch.setattr(tasks, "refresh_page", NoWorker)
    client.get(WHOLE)
    an_hour_later = time.time() + 3600
    monkeypatch.setattr(page_cache.time, "time", lambda: an_hour_later)
    monkeypatch.setattr(page_cache.time, "time_ns", lambda: int(an_hour_later * 1e9))
    edit_title(page_cache_on, "trygghet", "Vi skapar trygghet – ny lydelse")
    assert client.get(WHOLE)["X-Page-Cache"] == "stale"
    monkeypatch.setattr(page_cache.time, "time", lambda: an_hour_later + 61)
    assert client.get(WHOLE)["X-Page-Cache"] == "miss"


def test_a_page_rendered_while_its_content_changed_is_stored_as_stale(
    client, loaded, page_cache_on, settings, monkeypatch
):
    from programme import views

    render_tree = views.selectors.programme_tree

    def edited_meanwhile(**kwargs):
        tree = render_tree(**kwargs)
        with page_cache_on.edit():  # committed while the page is being rendered
            page_cache.content_changed(Framework)
        return tree

    monkeypatch.setattr(views.selectors, "programme_tree", edited_meanwhile)
    client.get(WHOLE)
    versions = stored(WHOLE)["versions"]
    assert versions[page_cache.tag(Framework)] is None
    assert versions[page_cache.tag(Programme, Programme.objects.get(slug=LKP).pk)] is not None
    monkeypatch.setattr(views.selectors, "programme_tree", render_tree)
    assert client.get(WHOLE)["X-Page-Cache"] == "miss"


def test_clear_page_cache_replaces_every_page(client, loaded, page_cache_on):
    client.get(WHOLE)
    with page_cache_on.edit():
        call_command("clear_page_cache", verbosity=0)
    assert client.get(WHOLE)["X-Page-Cache"] == "miss"


# What each page depends on ---------------------------------------------------------------

STORED = [page for page in PAGE_TYPES if page.depends is not None]


@pytest.fixture
def every_page(loaded_examples, page_cache_on):
    with page_cache_on.edit():
        load_example_pages()


def test_each_page_depends_on_what_the_registry_of_pages_says(client, every_page):
    for page in STORED:
        response = client.get(page.url())
        assert response["X-Page-Cache"] == "miss", page.label
        assert set(stored(page.url())["versions"]) == page.tags(), page.label
    for page in PAGE_TYPES:
        if page.depends is None:
            assert "X-Page-Cache" not in client.get(page.url()), page.label


NODE_PAGES = {"direction", "focus-area", "priority", "second-programme-area"}
FOLLOWUP_YEAR = {"followup-overview", "followup-department", "annual-report"}
EVERY_PAGE = {page.label for page in STORED}


def save(model, **lookup):
    def edit():
        model.objects.filter(**lookup).first().save()

    return edit


def save_indicator_value():
    IndicatorValue.objects.filter(indicator_id=key_figure_ids()[1]).first().save()


EDITS = {
    "a node": (
        save(ProgrammeNode, code="trygghet"),
        EVERY_PAGE
        - {
            "programme-list",
            "framework-list",
            "page",
            "accessibility",
            "open-data",
            "network",
            "followup-years",
            "followup-method",
            "key-figures-compared",
            # Motala's pages show none of the Helsingborg programme's nodes.
            "second-programme",
            "second-programme-area",
        },
    ),
    "an initiative": (
        save(Initiative, title="Exempelinsats 1"),
        NODE_PAGES
        | FOLLOWUP_YEAR
        | {"initiative-list", "initiative", "white-fields", "department", "framework-tag"},
    ),
    "another initiative": (
        save(Initiative, title="Exempelinsats 3"),
        NODE_PAGES
        | FOLLOWUP_YEAR
        | {"initiative-list", "white-fields", "department", "framework-tag"},
    ),
    "a knowledge entry": (
        save(Entry, title="Exempelartikel 1"),
        NODE_PAGES | {"encyclopedia", "entry", "department", "framework-tag"},
    ),
    "a department": (
        save(Department, short_name="MF"),
        NODE_PAGES
        | FOLLOWUP_YEAR
        | {"initiative-list", "initiative", "encyclopedia", "entry", "network", "department"}
        | {"framework-tag", "prioritisation"},
    ),
    "an intervention": (save(Intervention), {"prioritisation"}),
    "a decision": (save(Decision), {"prioritisation"}),
    "a new ambassador": (
        lambda: AmbassadorFactory(departments=[Department.objects.get(short_name="MF")]),
        {"network", "department"},
    ),
    "a framework tag": (
        save(FrameworkTag, code="folkhalsa-6"),
        NODE_PAGES
        | {
            "whole-programme",
            "second-programme",
            "framework-list",
            "framework-tag",
            "initiative-list",
            "initiative",
            "encyclopedia",
            "entry",
            "key-figure",
        },
    ),
    "a key figure's value": (
        save_indicator_value,
        NODE_PAGES
        | {"followup-overview", "annual-report", "key-figures", "key-figure"}
        | {"key-figures-compared", "framework-tag"},
    ),
    "a report": (
        save(DepartmentReport),
        NODE_PAGES | FOLLOWUP_YEAR | {"department", "followup-years"},
    ),
    "a goal": (
        save(GoalFormulation),
        NODE_PAGES | {"goals-register", "goals-document", "white-fields"},
    ),
    "a staff page": (save(Page), EVERY_PAGE),
    "a programme": (save(Programme, slug=LKP), EVERY_PAGE),
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_an_edit_replaces_exactly_the_pages_that_show_it(client, every_page, page_cache_on, edit):
    change, expected = EDITS[edit]
    for page in STORED:
        client.get(page.url())
    with page_cache_on.edit():
        change()
    changed = set()
    for page in STORED:
        entry = stored(page.url())
        if not page_cache.is_fresh(entry, page_cache.versions_of(entry["versions"])):
            changed.add(page.label)
    assert changed == expected


# Fragments: parts of pages kept in the process, for logged-in people too ---------------


@pytest.fixture
def fragments_only(settings, page_cache_on):
    """Pages rendered every time (as for a logged-in person), their fragments kept."""
    settings.PAGE_CACHE_WHOLE_PAGES = False
    return page_cache_on


def counted(render):
    calls = []

    def wrapped():
        calls.append(True)
        return render()

    return wrapped, calls


def test_a_fragment_is_made_again_only_when_what_it_shows_changes(loaded, page_cache_on):
    render, calls = counted(lambda: f"<p>{len(calls)}</p>")
    make = lambda: page_cache.fragment("test", [ProgrammeNode], render)  # noqa: E731
    assert make() == "<p>1</p>"
    assert make() == "<p>1</p>"
    with page_cache_on.edit():
        page_cache.content_changed(Entry)  # something it does not show
    assert make() == "<p>1</p>"
    with page_cache_on.edit():
        page_cache.content_changed(ProgrammeNode)
    assert make() == "<p>2</p>"
    assert make() == "<p>2</p>"
    assert len(calls) == 2


def test_fragments_are_kept_apart_by_language_and_what_they_vary_on(loaded, page_cache_on):
    render, calls = counted(lambda: translation.get_language())
    for language in ("sv", "en", "sv"):
        with translation.override(language):
            assert page_cache.fragment("test", [ProgrammeNode], render, 1) == language
    page_cache.fragment("test", [ProgrammeNode], render, 2)
    assert len(calls) == 3


def test_fragments_are_made_every_time_while_the_cache_is_off_or_down(
    loaded, settings, page_cache_on, monkeypatch
):
    render, calls = counted(lambda: "x")
    settings.PAGE_CACHE_SECONDS = 0
    page_cache.fragment("test", [ProgrammeNode], render)
    page_cache.fragment("test", [ProgrammeNode], render)
    settings.PAGE_CACHE_SECONDS = 3600
    monkeypatch.setattr(page_cache, "cache", UnreachableCache())
    page_cache.forget_latest_change()
    assert page_cache.fragment("test", [ProgrammeNode], render) == "x"
    assert page_cache.fragment("test", [ProgrammeNode], render) == "x"
    assert len(calls) == 4


def test_a_rendered_page_reuses_its_tree_and_shows_an_edit_at_once(client, loaded, fragments_only):
    with CaptureQueriesContext(connection) as made:
        first = client.get(WHOLE)
    assert "X-Page-Cache" not in first
    with CaptureQueriesContext(connection) as reused:
        again = client.get(WHOLE)
    assert len(reused) < len(made)
    assert normalised(again) == normalised(first)
    edit_title(fragments_only, "trygghet", "Vi skapar trygghet <&> ny lydelse")
    edited = client.get(WHOLE).content.decode()
    assert "Vi skapar trygghet &lt;&amp;&gt; ny lydelse" in edited
    assert "<&>" not in edited


def test_a_filter_form_is_kept_per_choice_and_escapes_what_was_submitted(
    client, loaded_examples, fragments_only
):
    department = DepartmentFactory()
    chosen = client.get("/insatser/?status=ongoing").content.decode()
    assert re.search(r'<option value="ongoing" selected>', chosen)
    plain = client.get("/insatser/").content.decode()
    assert not re.search(r'<option value="ongoing" selected>', plain)
    attack = client.get("/insatser/", {"ar": '"><script>alert(1)</script>'})
    assert attack.status_code == 400
    assert "<script>alert(1)" not in attack.content.decode()
    assert department.name in plain
    department.name = "Förvaltningen <för> prov"
    with fragments_only.edit():
        department.save()
    offered = client.get("/insatser/").content.decode()
    assert "Förvaltningen &lt;för&gt; prov" in offered


FRAGMENTED = ["home", "whole-programme", "direction", "focus-area", "priority"]
FRAGMENTED += ["initiative-list", "encyclopedia"]


@pytest.mark.parametrize("label", FRAGMENTED)
def test_a_rendered_page_made_of_fragments_costs_one_query(
    client, every_page, fragments_only, label, django_assert_max_num_queries
):
    page = next(page for page in PAGE_TYPES if page.label == label)
    first = client.get(page.url())
    assert first.status_code == 200
    with django_assert_max_num_queries(1):  # its programme, read for whoever asks
        again = client.get(page.url())
    assert normalised(again) == normalised(first)


def test_an_edited_initiative_shows_at_once_on_the_rendered_pages_that_list_it(
    client, every_page, fragments_only
):
    initiative = Initiative.objects.published().first()
    pages = ["/insatser/", f"/program/{LKP}/{initiative.priorities.first().code}/"]
    for path in pages:
        assert initiative.title in client.get(path).content.decode()
    initiative.title = "Ett nytt namn <på> insatsen"
    with fragments_only.edit():
        initiative.save()
    for path in pages:
        content = client.get(path).content.decode()
        assert "Ett nytt namn &lt;på&gt; insatsen" in content, path
        assert "<på>" not in content


def test_a_list_keeps_one_fragment_per_page_of_results(
    client, every_page, fragments_only, monkeypatch
):
    from initiatives import selectors

    monkeypatch.setattr(selectors, "PER_PAGE", 1)
    first = client.get("/insatser/").content.decode()
    second = client.get("/insatser/?sida=2")
    assert second.status_code == 200
    assert 'aria-current="page">Sida 2 av' in second.content.decode()
    assert 'aria-current="page">Sida 1 av' in first
    assert client.get("/insatser/?sida=99").status_code == 404
