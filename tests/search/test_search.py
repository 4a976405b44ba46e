"""Site search on PostgreSQL (swedish full text, prefixes, trigrams, a GIN index) and on
SQLite (the snowball stemmer in Python): inflected, compound, misspelt, empty and absurd
queries, å/ä/ö in any case, highlighting that escapes, and a fixed query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.models import Initiative
from search import selectors
from tests.factories import DepartmentFactory
from tests.public_pages import publish_example_initiatives

pytestmark = pytest.mark.django_db
TRYGGHET = "Vi skapar trygghet och säkra miljöer"


@pytest.fixture
def site(loaded_examples):
    publish_example_initiatives(count=3)
    DepartmentFactory(name="Socialförvaltningen", short_name="SOF")


def titles(query):
    return [str(hit.title) for hit in selectors.search(query).hits]


def plain(query):
    return [t.replace("<mark>", "").replace("</mark>", "") for t in titles(query)]


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


def test_the_results_page_and_the_form_on_every_page(client, site):
    html = client.get("/sok/", {"q": "cykel"}).content.decode()
    assert "träffar för ”cykel”" in html and "<mark>Cykelvägar</mark>" in html
    home = client.get("/").content.decode()
    assert 'role="search"' in home and 'action="/sok/"' in home


def test_search_uses_the_same_number_of_queries_however_many_initiatives(client, site):
    def count():
        with CaptureQueriesContext(connection) as context:
            selectors.search("cykel trygghet")
        return len(context.captured_queries)

    before = count()
    department = Initiative.objects.first().lead_department
    Initiative.objects.bulk_create(
        Initiative(
            title=f"Cykel och trygghet {n}",
            summary="S",
            lead_department=department,
            state="published",
        )
        for n in range(60)
    )
    assert count() == before <= len(selectors.SOURCES) + 1  # and the current programme
    assert len(selectors.search("cykel trygghet").hits) == selectors.LIMIT


@pytest.mark.postgresql
def test_postgresql_has_gin_indexes_and_the_query_can_use_them(site):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'search_%%_gin'")
        names = {row[0] for row in cursor.fetchall()}
        assert names == {
            "search_programmenode_gin",
            "search_initiative_gin",
            "search_department_gin",
            "search_entry_gin",
        }
        source = selectors.SOURCES[1]
        queryset = Initiative.objects.annotate(document=selectors.vector(source)).filter(
            document=selectors.SearchQuery("cykel:*", search_type="raw", config="swedish")
        )
        sql, params = queryset.query.sql_with_params()
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_initiative_gin" in plan, plan
