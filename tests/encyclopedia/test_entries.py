"""The living encyclopedia: moderation, rights, revision history, the public pages, the
priority's wiki page, feeds and the sitemap."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import review
from encyclopedia import services
from encyclopedia.models import Entry, Source
from initiatives import services as initiative_services
from initiatives.models import Initiative
from keyfigures.models import Indicator, IndicatorValue, Municipality
from programme.models import ProgrammeNode
from tests.factories import AmbassadorFactory, DepartmentFactory, UserFactory
from tests.public_pages import LKP, approve_example_followup

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(loaded_examples):
    department_a = DepartmentFactory(name="Socialförvaltningen", short_name="SOF")
    department_b = DepartmentFactory(name="Miljöförvaltningen", short_name="MF")
    team = UserFactory(username="team", is_staff=True, first_name="Tina", last_name="Teamsson")
    team.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["encyclopedia", "initiatives"])
    )
    users = {
        "anonymous": None,
        "ambassador A": AmbassadorFactory(
            user=UserFactory(username="anna", first_name="Anna", last_name="Andersson"),
            email="anna@example.se",
            phone="042-10 00 00",
            departments=[department_a],
        ).user,
        "ambassador B": AmbassadorFactory(departments=[department_b]).user,
        "team editor": team,
        "view-only staff": UserFactory(is_staff=True),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }
    priority = ProgrammeNode.objects.get(code="trygga-strak")  # under trygghet
    focus_area = ProgrammeNode.objects.get(code="trygghet")
    entry = services.entry_create(
        entry=Entry(
            kind=Entry.Kind.GOOD_EXAMPLE,
            title="Läxhjälp på biblioteket",
            summary="Så fick fler unga stöd med skolarbetet.",
            body="<p>Vi började <script>alert(1)</script>i liten skala.</p>",
            department=department_a,
        ),
        relations={"nodes": [priority]},
        sources=[{"title": "Skolverket 2024", "url": "https://www.skolverket.se/"}],
        by=users["ambassador A"],
    )
    return {
        "users": users,
        "a": department_a,
        "b": department_b,
        "entry": entry,
        "priority": priority,
        "focus_area": focus_area,
        "team": team,
    }


def publish(entry, world):
    entry = review.submit(entry, by=world["users"]["ambassador A"])
    return review.publish(entry, by=world["team"])


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# --- moderation and rights -------------------------------------------------------------


def test_an_entry_goes_from_draft_to_published_only_through_the_team(client, world):
    entry = world["entry"]
    assert entry.state == Entry.State.DRAFT
    assert "<script>" not in entry.body and "i liten skala" in entry.body
    assert client.get(entry.get_absolute_url()).status_code == 404
    with pytest.raises(PermissionDenied):
        review.publish(entry, by=world["users"]["ambassador A"])
    with pytest.raises(ValidationError):  # only what was submitted is published
        review.publish(entry, by=world["team"])
    entry = review.submit(entry, by=world["users"]["ambassador A"])
    with pytest.raises(ValidationError):
        review.return_with_comment(entry, by=world["team"], comment="  ")
    entry = review.return_with_comment(entry, by=world["team"], comment="Lägg till en källa.")
    assert entry.state == Entry.State.RETURNED and entry.review_comment == "Lägg till en källa."
    entry = publish(entry, world)
    assert entry.state == Entry.State.PUBLISHED and entry.published_at is not None
    page = client.get(entry.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Läxhjälp på biblioteket" in html and "Skolverket 2024" in html
    assert "Socialförvaltningen" in html and "Gott exempel" in html


def test_only_the_writing_department_and_the_team_change_an_entry(world):
    entry = world["entry"]
    with pytest.raises(PermissionDenied):
        services.entry_update(
            entry_id=entry.pk,
            expected_version=entry.version,
            changes={"title": "Kapad"},
            relations={},
            by=world["users"]["ambassador B"],
        )
    with pytest.raises(PermissionDenied):  # nor move it to a department one does not belong to
        services.entry_update(
            entry_id=entry.pk,
            expected_version=entry.version,
            changes={"department": world["b"]},
            relations={},
            by=world["users"]["ambassador A"],
        )
    with pytest.raises(PermissionDenied):  # an ambassador cannot write in the team's name
        services.entry_create(
            entry=Entry(kind="method", title="T", summary="S"),
            relations={"nodes": [world["priority"]]},
            by=world["users"]["ambassador A"],
        )
    entry.refresh_from_db()
    assert entry.title == "Läxhjälp på biblioteket" and entry.version == 1


@pytest.mark.parametrize(
    ("nodes", "sources", "message"),
    [
        ([], [], "Välj minst en prioritering eller ett fokusområde."),
        (["valkomnande"], [], "Bara prioriteringar och fokusområden kan väljas."),
        (["aktivdag"], [{"title": "", "url": ""}], "Detta fält får inte vara tomt."),
        (
            ["aktivdag"],
            [{"title": "K", "url": "javascript:alert(1)"}],
            "giltig URL.",
        ),  # Django says "Fyll i", DRF "Ange"
    ],
)
def test_bad_input_is_refused_and_writes_nothing(world, nodes, sources, message):
    before = (Entry.objects.count(), Source.objects.count())
    with pytest.raises(ValidationError) as error:
        services.entry_create(
            entry=Entry(kind="method", title="Ny", summary="S", department=world["a"]),
            relations={"nodes": list(ProgrammeNode.objects.filter(code__in=nodes))},
            sources=sources,
            by=world["users"]["ambassador A"],
        )
    assert message in str(error.value)
    assert (Entry.objects.count(), Source.objects.count()) == before


def test_a_stale_save_is_refused_and_writes_nothing(world):
    entry = world["entry"]
    services.entry_update(
        entry_id=entry.pk,
        expected_version=1,
        changes={"title": "Först"},
        relations={},
        by=world["users"]["ambassador A"],
    )
    with pytest.raises(review.EditConflictError):
        services.entry_update(
            entry_id=entry.pk,
            expected_version=1,
            changes={"title": "Sen"},
            relations={},
            by=world["team"],
        )
    entry.refresh_from_db()
    assert (entry.title, entry.version) == ("Först", 2)


# --- revision history ------------------------------------------------------------------


def test_the_public_page_says_when_and_what_changed_without_names(client, world):
    entry = publish(world["entry"], world)
    html = client.get(entry.get_absolute_url()).content.decode()
    assert "Oförändrad sedan publiceringen." in html
    services.entry_update(
        entry_id=entry.pk,
        expected_version=entry.version,
        changes={"title": "Läxhjälp på biblioteken", "change_note": "Nu på två bibliotek."},
        relations={"nodes": [world["priority"], world["focus_area"]]},
        sources=[
            {"title": "Skolverket 2024", "url": "https://www.skolverket.se/"},
            {"title": "Egen utvärdering 2025", "url": ""},
        ],
        by=world["users"]["ambassador A"],
    )
    entry.refresh_from_db()
    services.entry_update(  # a save that changes nothing shows no line
        entry_id=entry.pk,
        expected_version=entry.version,
        changes={"title": entry.title},
        relations={},
        by=world["team"],
    )
    response = client.get(entry.get_absolute_url())
    html = " ".join(response.content.decode().split())  # the text, as a reader sees it
    assert html.count("<li><time") == 1
    assert "ändrade rubrik, prioriteringar och fokusområden, källor – Nu på två bibliotek." in html
    assert "Senast uppdaterad" in html and "Egen utvärdering 2025" in html
    for private in ("anna", "Anna", "Andersson", "Tina", "Teamsson", "anna@example.se"):
        assert private not in html
    # The admin keeps every revision, with who made it, for the team.
    assert entry.history.count() == 5  # created, submitted, published, changed, saved again
    assert set(entry.history.values_list("history_user__username", flat=True)) == {"anna", "team"}


def test_the_admin_edit_records_one_revision_with_the_inline_sources(world):
    entry = publish(world["entry"], world)
    client = client_for(world["team"])
    url = f"/admin/encyclopedia/entry/{entry.pk}/change/"
    form = {
        "kind": "research",
        "title": entry.title,
        "summary": entry.summary,
        "body": entry.body,
        "department": world["a"].pk,
        "nodes": [world["priority"].pk],
        "change_note": "Ny källa.",
        "expected_version": entry.version,
        "sources-TOTAL_FORMS": "2",
        "sources-INITIAL_FORMS": "1",
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
        "sources-0-id": entry.sources.get().pk,
        "sources-0-entry": entry.pk,
        "sources-0-title": "Skolverket 2024",
        "sources-0-url": "https://www.skolverket.se/",
        "sources-0-language": "sv",
        "sources-0-position": "0",
        "sources-1-entry": entry.pk,
        "sources-1-title": "Statistics Sweden 2025",
        "sources-1-url": "",
        "sources-1-language": "en",
        "sources-1-position": "1",
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    entry.refresh_from_db()
    assert entry.kind == "research" and entry.version == 4
    assert list(entry.sources.values_list("title", "language")) == [
        ("Skolverket 2024", "sv"),
        ("Statistics Sweden 2025", "en"),
    ]
    page = Client().get(entry.get_absolute_url()).content.decode()
    assert '<li lang="en">Statistics Sweden 2025</li>' in page and "<li>" in page
    latest = entry.history.first()
    assert latest.history_change_reason == "kind,sources" and latest.change_note == "Ny källa."
    # The same form again, from the old version: refused, nothing written.
    response = client.post(url, {**form, "title": "Stale"})
    assert response.status_code == 200 and "Någon annan sparade" in response.content.decode()
    entry.refresh_from_db()
    assert entry.title == "Läxhjälp på biblioteket" and entry.version == 4


# --- the permission matrix -------------------------------------------------------------

ROLES = ["anonymous", "ambassador A", "ambassador B", "team editor", "view-only staff", "superuser"]
MATRIX = [
    ("get", "/uppslagsverk/", dict.fromkeys(ROLES, 200)),
    # A draft is not public: a preview for its department and the team only.
    ("get", "/uppslagsverk/{pk}/", [404, 200, 404, 200, 404, 200]),
    ("get", "/uppslagsverk/flode/rss/", dict.fromkeys(ROLES, 200)),
    ("get", "/ambassador/uppslagsverk/", [302, 200, 200, 200, 403, 200]),
    ("get", "/ambassador/uppslagsverk/ny/", [302, 200, 200, 200, 403, 200]),
    ("get", "/ambassador/uppslagsverk/{pk}/", [302, 200, 200, 200, 403, 200]),
    ("get", "/ambassador/uppslagsverk/{pk}/andra/", [302, 200, 403, 200, 403, 200]),
    ("post", "/ambassador/uppslagsverk/{pk}/skicka-in/", [302, 302, 403, 302, 403, 302]),
    ("get", "/admin/encyclopedia/entry/", [302, 302, 302, 200, 403, 200]),
    ("get", "/admin/encyclopedia/entry/{pk}/change/", [302, 302, 302, 200, 403, 200]),
    ("get", "/admin/encyclopedia/entry/{pk}/history/", [302, 302, 302, 200, 403, 200]),
    ("get", "/admin/encyclopedia/entry/{pk}/return/", [302, 302, 302, 200, 403, 200]),
    ("get", "/admin/encyclopedia/entry/{pk}/delete/", [302, 302, 302, 200, 403, 200]),
]


@pytest.mark.parametrize(("method", "address", "expected"), MATRIX)
def test_permission_matrix(world, method, address, expected):
    expected = expected if isinstance(expected, dict) else dict(zip(ROLES, expected, strict=True))
    url = address.format(pk=world["entry"].pk)
    got = {
        role: getattr(client_for(user), method)(url).status_code
        for role, user in world["users"].items()
    }
    assert got == expected


def test_ambassador_forms_write_through_the_services(world):
    client = client_for(world["users"]["ambassador A"])
    response = client.post(
        "/ambassador/uppslagsverk/ny/",
        {
            "kind": "experience",
            "title": "Lärdom om samverkan",
            "summary": "Kort.",
            "body": "<p>Text</p>",
            "department": world["a"].pk,
            "nodes": [world["priority"].pk],
            "sources-TOTAL_FORMS": "2",
            "sources-INITIAL_FORMS": "0",
            "sources-0-title": "Rapport",
            "sources-0-url": "https://example.se/r",
            "sources-1-title": "",
            "sources-1-url": "",
        },
    )
    assert response.status_code == 302
    entry = Entry.objects.get(title="Lärdom om samverkan")
    assert entry.state == "draft" and entry.department == world["a"]
    assert entry.created_by == world["users"]["ambassador A"]
    # Forged: another department, and an address without a source name.
    response = client.post(
        "/ambassador/uppslagsverk/ny/",
        {
            "kind": "experience",
            "title": "Forged",
            "summary": "x",
            "department": world["b"].pk,
            "nodes": [world["priority"].pk],
            "sources-TOTAL_FORMS": "1",
            "sources-INITIAL_FORMS": "0",
            "sources-0-title": "",
            "sources-0-url": "https://e.se",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Välj ett giltigt alternativ" in html
    assert "Ange källan också, inte bara adressen." in html
    assert not Entry.objects.filter(title="Forged").exists()
    response = client.post(f"/ambassador/uppslagsverk/{entry.pk}/skicka-in/")
    entry.refresh_from_db()
    assert entry.state == "submitted"


# --- public pages ----------------------------------------------------------------------


@pytest.fixture
def many(world):
    """Three published entries: under a priority, under a focus area, and research."""
    publish(world["entry"], world)
    for title, node, kind in (
        ("Trygghetsvandringar", world["focus_area"], Entry.Kind.METHOD),
        ("Studie om rörelse", world["priority"], Entry.Kind.RESEARCH),
    ):
        entry = services.entry_create(
            entry=Entry(kind=kind, title=title, summary="S", department=world["a"]),
            relations={"nodes": [node]},
            by=world["users"]["ambassador A"],
        )
        publish(entry, world)
    return world


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("", {"Läxhjälp på biblioteket", "Trygghetsvandringar", "Studie om rörelse"}),
        ("typ=research", {"Studie om rörelse"}),
        ("prioritering=trygga-strak", {"Läxhjälp på biblioteket", "Studie om rörelse"}),
        (
            "prioritering=trygghet",
            {"Läxhjälp på biblioteket", "Trygghetsvandringar", "Studie om rörelse"},
        ),
        ("prioritering=aktivt-liv", set()),
        ("typ=research&prioritering=trygga-strak", {"Studie om rörelse"}),
        ("typ=method&prioritering=trygga-strak", set()),
    ],
)
def test_the_list_filters_combine(client, many, query, titles):
    html = client.get(f"/uppslagsverk/?{query}").content.decode()
    for title in {"Läxhjälp på biblioteket", "Trygghetsvandringar", "Studie om rörelse"}:
        assert (title in html) == (title in titles), title


@pytest.mark.parametrize("query", ["typ=novel", "prioritering=finns-inte", "ramverk=x", "sida=9"])
def test_a_bad_filter_or_page_is_a_clear_error(client, many, query):
    response = client.get(f"/uppslagsverk/?{query}")
    assert response.status_code == (404 if query.startswith("sida") else 400)


def wiki_url(code):
    return f"/program/{LKP}/{code}/"


def publish_initiative(world, priority, title="Trygga stråk i Drottninghög"):
    team = world["team"]
    initiative = initiative_services.initiative_create(
        initiative=Initiative(title=title, summary="S", lead_department=world["b"]),
        relations={"priorities": [priority]},
        by=team,
    )
    initiative = review.submit(initiative, by=team)
    return review.publish(initiative, by=team)


def test_a_priority_page_reads_as_its_wiki(client, many):
    publish_initiative(many, many["priority"])
    approve_example_followup()  # a key figure on trygghet, the focus area of trygga-strak
    html = " ".join(client.get(wiki_url("trygga-strak")).content.decode().split())
    heading = html.index("Från det levande uppslagsverket")
    assert html.index("<h1") < heading < html.index("Insatser som arbetar med detta")
    assert "Läxhjälp på biblioteket" in html and "Studie om rörelse" in html
    assert "Trygghetsvandringar" not in html  # placed on the focus area, not this priority
    assert "Trygga stråk i Drottninghög" in html
    assert "Nyckeltal för dess fokusområde" in html and "Exempelnyckeltal" in html
    assert "66 % (2025)" in html and "Bättre" in html
    focus = client.get(wiki_url("trygghet")).content.decode()
    assert "Trygghetsvandringar" in focus and "Läxhjälp på biblioteket" in focus


def test_the_wiki_page_uses_the_same_number_of_queries_however_much_it_shows(
    client, world, settings
):
    settings.PAGE_CACHE_SECONDS = 0

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(wiki_url("trygga-strak")).status_code == 200
        return len(context)

    publish(world["entry"], world)
    publish_initiative(world, world["priority"])
    approve_example_followup()  # one key figure with three values
    few = count()
    now = timezone.now()
    entries = Entry.objects.bulk_create(
        Entry(
            kind="method",
            title=f"Artikel {n}",
            summary="S",
            state="published",
            published_at=now,
            department=world["b"] if n % 2 else None,
        )
        for n in range(40)
    )
    Entry.nodes.through.objects.bulk_create(
        Entry.nodes.through(entry_id=entry.pk, programmenode_id=world["priority"].pk)
        for entry in entries
    )
    for number in range(3):
        publish_initiative(world, world["priority"], title=f"Insats {number}")
    municipality = Municipality.objects.get(code="1283")
    for number in range(5):
        indicator = Indicator.objects.create(name=f"Nyckeltal {number}")
        indicator.focus_areas.add(world["focus_area"])
        IndicatorValue.objects.bulk_create(
            IndicatorValue(
                indicator=indicator,
                municipality=municipality,
                year=year,
                gender="T",
                value=year - 2000,
            )
            for year in range(2015, 2026)
        )
    assert count() == few


def test_the_list_uses_the_same_number_of_queries_for_3_and_43_entries(client, many, settings):
    settings.PAGE_CACHE_SECONDS = 0

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get("/uppslagsverk/").status_code == 200
        return len(context)

    few = count()
    entries = Entry.objects.bulk_create(
        Entry(
            kind="method",
            title=f"Artikel {n}",
            summary="S",
            state="published",
            published_at=timezone.now(),
            department=many["a"],
        )
        for n in range(40)
    )
    Entry.nodes.through.objects.bulk_create(
        Entry.nodes.through(entry_id=entry.pk, programmenode_id=many["priority"].pk)
        for entry in entries
    )
    assert count() == few


def test_feeds_sitemap_and_search_carry_published_entries_only(client, many):
    draft = services.entry_create(
        entry=Entry(kind="method", title="Hemligt utkast", summary="S", department=many["a"]),
        relations={"nodes": [many["priority"]]},
        by=many["users"]["ambassador A"],
    )
    for address in ("/uppslagsverk/flode/rss/", "/uppslagsverk/flode/atom/"):
        body = client.get(address).content.decode()
        assert "Läxhjälp på biblioteket" in body and "Socialförvaltningen" in body
        assert draft.title not in body and "anna@example.se" not in body and "Anna" not in body
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/uppslagsverk/{many['entry'].pk}/" in sitemap
    assert f"/uppslagsverk/{draft.pk}/" not in sitemap
    html = client.get("/sok/?q=läxhjälpen").content.decode()
    assert "Uppslagsverket" in html and "biblioteket" in html
    assert "Hemligt" not in client.get("/sok/?q=hemligt").content.decode()


def test_the_example_encyclopedia_loads_published_marked_entries_once(loaded_examples, client):
    call_command("load_example_network", "--force", "--initiatives", "0", stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_example_encyclopedia", stdout=out)
    # One entry on each of the 15 focus areas and one on its first example priority.
    focus_areas = ProgrammeNode.objects.filter(depth=2).count()
    paths = ProgrammeNode.objects.filter(depth=3).values_list("path", flat=True)
    with_priorities = len({path[:8] for path in paths})
    total = focus_areas + with_priorities
    assert f"Knowledge entries: {total} created" in out.getvalue()
    assert Entry.objects.published().filter(is_example=True).count() == total
    assert set(Entry.objects.values_list("kind", flat=True)) == set(Entry.Kind.values)
    call_command("load_example_encyclopedia", stdout=io.StringIO())
    assert Entry.objects.count() == total
    html = client.get("/uppslagsverk/").content.decode()
    assert f"{total} artiklar" in html and "Exempel" in html


def test_an_ambassadors_article_says_on_the_page_that_its_department_is_needed(world):
    """The ambassador's form does not offer "empty: the team" (the model's help) and says
    what is missing on the page, not only in the browser's bubble."""
    client = client_for(world["users"]["ambassador A"])
    form = client.get("/ambassador/uppslagsverk/ny/").content.decode()
    assert "Tomt: skriven av livskvalitetsteamet" not in form
    assert "Din förvaltning eller ditt bolag, som artikeln kommer från." in form
    assert " required" not in form.split('name="department"')[1].split(">")[0]
    data = {"kind": "experience", "title": "Utan avsändare", "summary": "Kort.", "body": ""}
    data |= {"nodes": [world["priority"].pk], "sources-TOTAL_FORMS": "0"}
    response = client.post("/ambassador/uppslagsverk/ny/", data | {"sources-INITIAL_FORMS": "0"})
    assert response.status_code == 200
    assert (
        "Välj den förvaltning eller det bolag som artikeln kommer från."
        in response.content.decode()
    )
    assert not Entry.objects.filter(title="Utan avsändare").exists()
