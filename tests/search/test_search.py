"""Site search on PostgreSQL (lkp_swedish: hunspell-sv compounds and the swedish stemmer,
prefixes, trigrams, GIN indexes) and on SQLite (the same rules in Python): every source,
compounds both ways, English, inflected, misspelt, empty and absurd queries, å/ä/ö in any
case, grouping with true counts, paging, facets, highlighting that escapes, and a fixed
query count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ambassadors.models import Department
from followup.models import Assessment, DepartmentReport, FollowupRound
from goals.models import GoalFormulation, SteeringDocument
from initiatives.models import Initiative
from keyfigures.models import Indicator
from programme.models import Framework, FrameworkTag, Programme, ProgrammeNode
from search import selectors
from search.models import InitiativeDocument
from search.selectors import Filters
from tests.factories import DepartmentFactory, ProgrammeFactory, make_node
from tests.public_pages import LKP, publish_example_initiatives

pytestmark = pytest.mark.django_db
TRYGGHET = "Vi skapar trygghet och säkra miljöer"


@pytest.fixture
def site(loaded_examples):
    publish_example_initiatives(count=3)
    DepartmentFactory(name="Socialförvaltningen", short_name="SOF")


def titles(query, **options):
    return [str(hit.title) for hit in selectors.search(query, **options).hits]


def plain(query, **options):
    return [t.replace("<mark>", "").replace("</mark>", "") for t in titles(query, **options)]


def kinds(query, **options):
    return {group.kind: group.count for group in selectors.search(query, **options).groups}


def test_an_inflected_form_finds_the_focus_area_first(site):
    assert plain("tryggheten")[0] == TRYGGHET
    assert "Vi skapar <mark>trygghet</mark> och säkra miljöer" in titles("tryggheten")


def test_the_first_part_of_a_compound_finds_it(site):
    assert "Cykelvägar som hänger ihop" in plain("cykel")
    assert "<mark>Cykelvägar</mark> som hänger ihop" in titles("cykel")


def test_a_misspelling_still_finds_it(site):
    assert TRYGGHET in plain("tryghet")[:3]


def test_a_and_o_with_rings_and_dots_match_in_any_case(site):
    for query in ("ÖPPNA DATA", "öppna data", "Öppna Data"):
        assert plain(query)[0] == "Öppna data om stadens arbete", query


def test_every_word_must_match_and_a_word_nowhere_finds_nothing(site):
    assert plain("trygghet xyzzyq") == []
    assert plain("xyzzyq") == []


def test_departments_are_found_by_name_and_short_name(site):
    assert "Socialförvaltningen" in plain("SOF")
    assert "Socialförvaltningen" in plain("socialförvaltningen")


def test_only_published_initiatives_are_found(site):
    department = Initiative.objects.first().lead_department
    Initiative.objects.create(title="Hemlig cykelverkstad", summary="S", lead_department=department)
    assert not any("Hemlig" in t for t in plain("cykelverkstad"))


def test_highlighting_escapes_what_the_text_holds(site):
    Initiative.objects.filter(pk=Initiative.objects.published().first().pk).update(
        title="<script>alert(1)</script> cykelkök"
    )
    hit = next(t for t in titles("cykelkök") if "script" in t)
    assert "<script>" not in hit and "&lt;script&gt;" in hit and "<mark>cykelkök</mark>" in hit


# --- Every source ----------------------------------------------------------------------


@pytest.fixture
def every_source(site):
    """One object of each source with a word nothing else has (zebrafink)."""
    framework = Framework.objects.create(slug="zf", name="Zebrafinkramverket", description="D")
    # Listed on /ramverk/ as a framework a published programme works towards.
    Programme.objects.get(is_current=True).frameworks.add(framework)
    FrameworkTag.objects.create(
        framework=framework, code="zf-1", number=1, name="Mål om zebrafinkar"
    )
    Indicator.objects.create(name="Andel zebrafinkar i parkerna", unit="%")
    document = SteeringDocument.objects.create(
        title="Zebrafinkplanen", adopted_by="Kommunfullmäktige", year=2022
    )
    GoalFormulation.objects.create(document=document, text="Fler zebrafinkar i staden.")
    department = Department.objects.get(short_name="SOF")
    report = DepartmentReport.objects.create(
        round=FollowupRound.objects.create(year=2025, deadline=datetime.date(2026, 3, 1)),
        department=department,
        state="approved",
    )
    Assessment.objects.create(
        report=report,
        focus_area=ProgrammeNode.objects.focus_areas().get(title=TRYGGHET),
        what_we_did="Vi räknade zebrafinkar i Slottshagen.",
    )
    draft = DepartmentReport.objects.create(
        round=FollowupRound.objects.create(year=2024, deadline=datetime.date(2025, 3, 1)),
        department=department,
    )
    Assessment.objects.create(
        report=draft,
        focus_area=ProgrammeNode.objects.focus_areas().first(),
        what_we_did="Utkast om zebrafinkar.",
    )


def test_every_public_source_is_searched(every_source):
    found = kinds("zebrafink")
    assert found["framework"] == 2  # the framework and its tag
    assert found["keyfigure"] == 1
    assert found["goal"] == 2  # the document and its formulation
    assert found["report"] == 1  # the approved report, not the draft
    hits = {hit.kind: hit for hit in selectors.search("zebrafink").hits}
    assert hits["report"].url == "/uppfoljning/2025/SOF/#narrative-heading"
    assert hits["report"].title.startswith("Socialförvaltningen 2025: ")
    assert hits["keyfigure"].url.startswith("/nyckeltal/")
    document = SteeringDocument.objects.get()
    assert f"/styrdokument/{document.pk}/" in {
        hit.url for hit in selectors.search("zebrafinkplanen").hits
    }


def test_a_hit_links_to_where_the_thing_is_shown(client, every_source):
    document = SteeringDocument.objects.get()
    register = client.get("/styrdokument/").content.decode()
    assert f'id="document-{document.pk}"' in register
    frameworks = client.get("/ramverk/").content.decode()
    assert 'id="framework-zf"' in frameworks


def test_the_staff_pages_the_statement_and_the_frameworks_are_found(site):
    # The "done when" words: the public-health framework, Agenda 2030 and the team's page.
    assert "Folkhälsopolitikens målområden" in plain("folkhälsa")
    assert "Agenda 2030" in plain("agenda 2030")
    assert "Livskvalitetsteamet" in plain("hållbarhetsstrateg")
    assert "Tillgänglighetsredogörelse" in plain("skärmläsare")


# --- Compounds, both ways, on either database --------------------------------------------


@pytest.fixture
def compounds(site):
    department = Department.objects.get(short_name="SOF")
    for title, summary in (
        ("Nya cykelstråk i Väla", "S"),
        ("Ett stråk för den som cyklar", "Här går ett stråk för cykel och gång."),
        ("Trygghetsvandringar i Drottninghög", "S"),
    ):
        Initiative.objects.create(
            title=title, summary=summary, lead_department=department, state="published"
        )


def test_a_word_finds_the_compounds_it_is_part_of(compounds):
    found = plain("stråk", filters=Filters(kind="initiative"))
    assert "Nya cykelstråk i Väla" in found and "Ett stråk för den som cyklar" in found
    assert "Trygghetsvandringar i Drottninghög" in plain("vandring")


def test_a_compound_finds_its_parts(compounds):
    found = plain("cykelstråk", filters=Filters(kind="initiative"))
    assert "Nya cykelstråk i Väla" in found
    assert "Ett stråk för den som cyklar" in found  # "stråk" and "cykel", apart


def test_compounds_with_a_linking_vowel_or_a_part_inside_another_find_their_parts(site):
    """ "folkhälsoarbete" is "folkhälsa" + "arbete"; "äldreomsorg" finds "äldre" beside
    "omsorgsförvaltningen". The excerpt is of the text the words are in, marked."""
    department = Department.objects.get(short_name="SOF")
    for title, summary, results in (
        ("Samtal i parken", "Ett arbete för bättre folkhälsa.", ""),
        ("Besök hos äldre", "Vi besöker.", "Vård- och omsorgsförvaltningen samverkar."),
    ):
        Initiative.objects.create(
            title=title,
            summary=summary,
            results=results,
            lead_department=department,
            state="published",
        )
    initiatives = Filters(kind="initiative")
    assert "Samtal i parken" in plain("folkhälsoarbete", filters=initiatives)
    hit = next(h for h in selectors.search("äldreomsorg", filters=initiatives).hits)
    assert str(hit.title) == "Besök hos <mark>äldre</mark>"
    assert "<mark>omsorgsförvaltningen</mark> samverkar" in hit.snippet  # not "Vi besöker."


def test_a_name_and_its_inflection_find_the_same_and_no_lookalike(site):
    """A typo is a letter or two, not a shared ending: "Socialförvaltningen" does not find
    "Miljöförvaltningen"."""
    if not Department.objects.filter(name="Miljöförvaltningen").exists():
        DepartmentFactory(name="Miljöförvaltningen", short_name="MILJÖ")
    both = [set(plain(query)) for query in ("socialförvaltning", "Socialförvaltningen")]
    assert both[0] == both[1] and "Socialförvaltningen" in both[0]
    assert "Miljöförvaltningen" not in both[0]
    assert "Socialförvaltningen" in plain("socialförvaltnigen")  # a letter left out


# --- English ------------------------------------------------------------------------------


def test_english_search_stems_the_english_texts(site):
    found = selectors.search("safety", language="en")
    assert found.hits[0].kind == "programme"
    assert "We create <mark>safety</mark> and secure environments" in str(found.hits[0].title)
    assert found.hits[0].lang == ""
    # An initiative has Swedish text only: found by a Swedish word, marked as Swedish.
    many(1)
    swedish = selectors.search("trygghet", language="en")
    initiative = next(hit for hit in swedish.hits if hit.kind == "initiative")
    assert initiative.lang == "sv"


def test_the_english_search_page(client, site):
    html = client.get("/en/sok/", {"q": "safety"}).content.decode()
    assert "We create <mark>safety</mark> and secure environments" in html


# --- Groups, counts, pages and facets ----------------------------------------------------


def many(count):
    department = Department.objects.get(short_name="SOF")
    Initiative.objects.bulk_create(
        Initiative(
            title=f"Cykel och trygghet {n}",
            summary="S",
            lead_department=department,
            state="published",
        )
        for n in range(count)
    )


def test_counts_are_true_counts_and_one_kind_is_paginated(site):
    many(45)
    everything = selectors.search("cykel trygghet")
    initiatives = next(g for g in everything.groups if g.kind == "initiative")
    assert initiatives.count >= 45 and len(initiatives.hits) == selectors.GROUP_SIZE
    first = selectors.search("cykel trygghet", filters=Filters(kind="initiative"))
    assert first.pages == -(-initiatives.count // selectors.PAGE_SIZE) >= 3
    assert len(first.hits) == selectors.PAGE_SIZE and first.shown[0].kind == "initiative"
    last = selectors.search("cykel trygghet", filters=Filters(kind="initiative", page=99))
    assert last.page == last.pages  # past the end: the last page
    seen = [
        hit.url
        for page in range(1, first.pages + 1)
        for hit in selectors.search(
            "cykel trygghet", filters=Filters(kind="initiative", page=page)
        ).hits
    ]
    assert len(seen) == len(set(seen)) == initiatives.count


def test_the_focus_area_facet_keeps_what_lies_under_it(site):
    focus_area = ProgrammeNode.objects.focus_areas().get(title=TRYGGHET)
    under = selectors.search("trygg", filters=Filters(focus_area=focus_area))
    counts = {group.kind: group.count for group in under.groups}
    assert under.total and counts["department"] == counts["page"] == 0
    codes = [hit.url.rstrip("/").split("/")[-1] for hit in under.hits if hit.kind == "programme"]
    assert codes
    for node in ProgrammeNode.objects.filter(code__in=codes):
        assert node.path.startswith(focus_area.path)
    assert under.total < selectors.search("trygg").total


def test_the_programme_facet_counts_each_programmes_nodes(site):
    other = ProgrammeFactory(slug="motala", name="Motalaprogrammet", status="adopted")
    make_node(programme=other, kind="direction", code="m1", title="Trygghet i Motala")
    facets = {facet.value: facet.count for facet in selectors.search("trygghet").programmes}
    assert facets["motala"] == 1 and facets[LKP] >= 1
    # Versions share a name: the label names the years too.
    labels = {facet.value: facet.label for facet in selectors.search("trygghet").programmes}
    assert labels[LKP] == "Livskvalitetsprogrammet 2016–2024"
    only = selectors.search("trygghet", filters=Filters(programme=other))
    assert [hit.title for hit in only.hits if hit.kind == "programme"] == [
        "<mark>Trygghet</mark> i Motala"
    ]


def test_the_results_page_groups_counts_and_links_every_kind(client, site):
    many(8)
    html = client.get("/sok/", {"q": "cykel"}).content.decode()
    assert "träffar för ”cykel”" in html and "<mark>Cykelvägar</mark>" in html
    assert 'id="group-initiative"' in html and "?q=cykel&amp;typ=initiative" in html
    page = client.get("/sok/", {"q": "cykel", "typ": "initiative"}).content.decode()
    assert 'aria-current="page">Insatser (' in page and 'id="group-programme"' not in page
    home = client.get("/").content.decode()
    assert 'role="search"' in home and 'action="/sok/"' in home


@pytest.mark.parametrize(
    "params",
    [{"typ": "nope"}, {"program": "finns-inte"}, {"fokusomrade": "finns-inte"}, {"sida": "0"}],
)
def test_an_unknown_facet_is_a_400_that_says_so(client, site, params):
    response = client.get("/sok/", {"q": "cykel", **params})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Sökningen gick inte att avgränsa så" in html and "<mark>" not in html


@pytest.mark.parametrize("query", ["", "   ", "!!!", "a", "-- ;", "x" * 500, "*:& | !"])
def test_an_empty_or_absurd_query_gets_a_helpful_page(client, site, query):
    response = client.get("/sok/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "Skriv ett eller flera ord" in html
        or "Sökningen är för lång" in html
        or "0 träffar" in html
    )


def test_search_uses_the_same_number_of_queries_however_much_there_is(client, site):
    def count(**options):
        with CaptureQueriesContext(connection) as context:
            selectors.search("cykel trygghet", **options)
        return len(context.captured_queries)

    before = [count(), count(filters=Filters(kind="initiative", page=2)), count(language="en")]
    many(60)
    after = [count(), count(filters=Filters(kind="initiative", page=2)), count(language="en")]
    assert after == before
    # One per source, the programme facet, and on PostgreSQL the compounds' parts.
    assert max(after) <= len(selectors.SOURCES) + (2 if connection.vendor == "postgresql" else 1)


@pytest.mark.postgresql
def test_postgresql_splits_compounds_with_hunspell(site):
    with connection.cursor() as cursor:
        cursor.execute("SELECT ts_lexize('lkp_sv_hunspell', 'cykelstråk')")
        assert cursor.fetchone()[0] == ["cykelstråk", "cykel", "stråk"]


@pytest.mark.postgresql
def test_postgresql_keeps_documents_by_trigger_and_the_query_uses_their_index(site):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'search_%%_gin'")
        names = {row[0] for row in cursor.fetchall()}
    assert names == {
        f"search_{name}document_gin"
        for name in ("node", "initiative", "entry", "indicator", "formulation", "assessment")
    }
    # Written, bulk-written and updated rows all have their document, in step with the row.
    department = Department.objects.get(short_name="SOF")
    one = Initiative.objects.create(title="Fågelholkar", summary="S", lead_department=department)
    Initiative.objects.bulk_create(
        [Initiative(title="Fladdermusholkar", summary="S", lead_department=department)]
    )
    Initiative.objects.filter(pk=one.pk).update(title="Insektshotell")
    documents = dict(
        InitiativeDocument.objects.filter(
            source__title__in=["Insektshotell", "Fladdermusholkar"]
        ).values_list("source__title", "vector")
    )
    assert "'insektshotell':1A" in documents["Insektshotell"]
    assert "'fladdermusholk':1A" in documents["Fladdermusholkar"] or "fladdermus" in str(
        documents["Fladdermusholkar"]
    )
    assert InitiativeDocument.objects.count() == Initiative.objects.count()
    # The stored documents are matched through their GIN index.
    assert selectors.vector(selectors.SOURCES[1]).name == "stored_search__vector"
    queryset = InitiativeDocument.objects.filter(
        vector=selectors.SearchQuery("cykel:*", search_type="raw", config="lkp_swedish")
    )
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_initiativedocument_gin" in plan, plan
