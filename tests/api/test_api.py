"""The open-data API: shapes, filters, pagination, CSV, ETags, no personal data, and a
fixed number of queries per page."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from initiatives.models import Initiative
from programme.models import ProgrammeNode
from tests.factories import AmbassadorFactory, UserFactory
from tests.public_pages import LKP, load_example_pages

pytestmark = pytest.mark.django_db
COLLECTIONS = [
    "programmes",
    "initiatives",
    "entries",
    "followup-scores",
    "indicators",
    "indicator-values",
    "departments",
    "goal-documents",
    "goal-formulations",
]


@pytest.fixture
def data(loaded_examples):
    load_example_pages()
    from ambassadors.models import Department

    AmbassadorFactory(
        user=UserFactory(username="hemlig.anvandare", email="login@example.se"),
        name="Hemlig Ambassadör",
        email="hemlig@example.se",
        phone="070-123 45 67",
        departments=[Department.objects.get(short_name="MF")],
    )


def test_the_root_and_the_schema_answer(client, data):
    root = client.get("/api/v1/").json()
    assert {f"http://testserver/api/v1/{name}/" for name in COLLECTIONS} <= set(root.values())
    schema = client.get("/api/v1/schema/?format=json").json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["license"]["name"] == "CC0 1.0"
    assert {f"/api/v1/{name}/" for name in COLLECTIONS} <= set(schema["paths"])


def test_a_programme_carries_its_whole_tree(client, data):
    programme = client.get(f"/api/v1/programmes/{LKP}/").json()
    tree = programme["tree"]
    assert len(tree) == 5
    assert sum(len(d["children"]) for d in tree) == 15
    assert sum(len(f["children"]) for d in tree for f in d["children"]) == 30
    assert client.get("/api/v1/programmes/finns-inte/").status_code == 404


def test_only_published_initiatives_and_the_public_filters(client, data):
    draft = Initiative.objects.create(
        title="Hemligt utkast",
        summary="x",
        lead_department=Initiative.objects.first().lead_department,
    )
    listed = client.get("/api/v1/initiatives/").json()
    assert listed["count"] == 3 and draft.title not in str(listed)
    assert client.get(f"/api/v1/initiatives/{draft.pk}/").status_code == 404
    first = Initiative.objects.published().order_by("pk").first()
    code = first.priorities.order_by("path").first().code
    filtered = client.get(f"/api/v1/initiatives/?prioritering={code}").json()
    assert first.title in {row["title"] for row in filtered["results"]}
    assert all(code in {p["code"] for p in row["priorities"]} for row in filtered["results"])
    for query in (
        "prioritering=finns-inte",
        "status=maybe",
        "ar=1800",
        "forvaltning=XYZ",
        "status=",
        "page_size=0",
        "page_size=501",
        "page_size=x",
    ):
        response = client.get(f"/api/v1/initiatives/?{query}")
        assert response.status_code == 400, query
        assert query.split("=")[0] in response.json(), query
    assert client.get("/api/v1/entries/?typ=research").json()["count"] == 1
    assert client.get("/api/v1/followup-scores/?year=2025&forvaltning=MF").json()["count"] == 15
    assert client.get("/api/v1/indicator-values/?kolada_id=U99999").json()["count"] == 3


def test_pagination_and_csv(client, data):
    page = client.get("/api/v1/followup-scores/?page_size=4").json()
    assert page["count"] == 15 and len(page["results"]) == 4 and "page=2" in page["next"]
    assert client.get("/api/v1/followup-scores/?page=99").status_code == 404
    response = client.get("/api/v1/initiatives/?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 3 and rows[0]["lead_department"] == "MF"
    assert "," in rows[0]["priorities"] or rows[0]["priorities"]
    empty = client.get("/api/v1/entries/?typ=resource&format=csv").content.decode()
    assert empty.startswith("id,kind,title")  # the header, even with no rows


def test_responses_carry_an_etag_and_answer_304(client, data):
    response = client.get("/api/v1/initiatives/")
    etag = response["ETag"]
    assert etag and "public" in response["Cache-Control"]
    again = client.get("/api/v1/initiatives/", headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""
    Initiative.objects.published().update(title="Ändrad", updated_at=timezone.now())
    assert client.get("/api/v1/initiatives/", headers={"if-none-match": etag}).status_code == 200


def test_no_personal_data_in_any_response(client, data):
    private = [
        "hemlig@example.se",
        "070-123 45 67",
        "Hemlig Ambassadör",
        "hemlig.anvandare",
        "login@example.se",
        "@example.se",
        "created_by",
    ]
    addresses = [f"/api/v1/{name}/?page_size=500" for name in COLLECTIONS]
    addresses += [f"/api/v1/{name}/?page_size=500&format=csv" for name in COLLECTIONS]
    addresses += [f"/api/v1/programmes/{LKP}/", "/api/v1/schema/?format=json"]
    for name in ("initiatives", "entries", "indicators"):
        for row in client.get(f"/api/v1/{name}/?page_size=500").json()["results"]:
            addresses.append(f"/api/v1/{name}/{row['id']}/")
    assert len(addresses) >= 20
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        body = response.content.decode()
        assert not [text for text in private if text in body], address


@pytest.mark.parametrize("name", COLLECTIONS)
def test_lists_use_the_same_number_of_queries_as_data_grows(client, data, settings, name):
    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(f"/api/v1/{name}/?page_size=500").status_code == 200
        return len(context)

    before = count()
    load_more()
    assert count() == before


def load_more():
    """Twenty more published initiatives and entries on several priorities and tags, and a
    second year of follow-up."""
    from encyclopedia.models import Entry
    from programme.models import FrameworkTag
    from tests.public_pages import approve_example_followup

    lead = Initiative.objects.first().lead_department
    priorities = list(ProgrammeNode.objects.filter(depth=3)[:3])
    tags = list(FrameworkTag.objects.all()[:2])
    now = timezone.now()
    for number in range(20):
        initiative = Initiative.objects.create(
            title=f"Fler {number}",
            summary="S",
            lead_department=lead,
            state="published",
            published_at=now,
        )
        initiative.priorities.set(priorities)
        initiative.tags.set(tags)
        initiative.partner_departments.set([lead])
        initiative.links.create(title="Läs", url="https://example.se/")
        entry = Entry.objects.create(
            kind="method",
            title=f"Artikel {number}",
            summary="S",
            state="published",
            published_at=now,
            department=lead if number % 2 else None,
        )
        entry.nodes.set(priorities)
        entry.tags.set(tags)
        entry.sources.create(title="Källa")
    approve_example_followup(year=2024, with_indicator=False)
    from keyfigures.models import Indicator, IndicatorValue, Municipality

    municipality = Municipality.objects.get(code="1283")
    for number in range(3):
        indicator = Indicator.objects.create(name=f"Nyckeltal {number}")
        indicator.focus_areas.set(ProgrammeNode.objects.filter(depth=2)[:2])
        IndicatorValue.objects.bulk_create(
            IndicatorValue(
                indicator=indicator, municipality=municipality, year=year, gender="T", value=year
            )
            for year in range(2015, 2026)
        )


@pytest.mark.parametrize("name", ["programmes", "initiatives", "entries"])
def test_a_list_page_is_kept_until_what_it_shows_changes(
    client, data, page_cache_on, name, settings
):
    settings.ALLOWED_HOSTS = ["testserver", "portal.example.se"]
    address = f"/api/v1/{name}/?page_size=2"
    first = client.get(address)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(address)
    assert again.json() == first.json()
    assert len(queries) == 0
    # Another host, page or format is another fragment (its links and rows differ).
    other_host = client.get(address, headers={"host": "portal.example.se"}).json()
    assert all("portal.example.se" in row["url"] for row in other_host["results"])
    assert client.get(address + "&format=csv").content.decode().count("\r\n") >= 2


def test_an_edited_initiative_shows_in_the_api_list_at_once(client, data, page_cache_on):
    before = client.get("/api/v1/initiatives/").json()["results"]
    initiative = Initiative.objects.get(pk=before[0]["id"])
    initiative.title = "Ett nytt namn i öppna data"
    with page_cache_on.edit():
        initiative.save()
    after = client.get("/api/v1/initiatives/").json()["results"]
    assert after[0]["title"] == "Ett nytt namn i öppna data"
    invalid = client.get("/api/v1/initiatives/?status=okand")
    assert invalid.status_code == 400
    assert client.get("/api/v1/initiatives/?status=okand").status_code == 400


def test_errors_follow_the_language_the_request_asks_for(client, db):
    swedish = client.get("/api/v1/initiatives/", {"status": "nope"})
    assert swedish.status_code == 400 and swedish["Content-Language"] == "sv"
    assert "Välj ett giltigt alternativ" in swedish.content.decode()
    english = client.get(
        "/api/v1/initiatives/", {"status": "nope"}, headers={"accept-language": "en-GB,en;q=0.8"}
    )
    assert english["Content-Language"] == "en" and "Accept-Language" in english["Vary"]
    assert "Select a valid choice" in english.content.decode()
    empty = client.get("/api/v1/initiatives/", {"ar": ""}, headers={"accept-language": "fi"})
    assert empty.json() == {"ar": ["Ange ett värde, eller utelämna parametern."]}


def test_the_register_and_the_departments_are_open_data(client, data):
    from goals.models import GoalFormulation

    departments = client.get("/api/v1/departments/").json()["results"]
    assert {"short_name", "name", "name_en", "kind", "page"} <= set(departments[0])
    assert client.get("/api/v1/departments/MF/").json()["page"].endswith("/natverket/MF/")
    assert client.get("/api/v1/departments/NOPE/").status_code == 404
    documents = client.get("/api/v1/goal-documents/").json()["results"]
    assert documents and documents[0]["page"].endswith(f"/styrdokument/{documents[0]['id']}/")
    mapped = GoalFormulation.objects.filter(priorities__code="boendemiljo")
    found = client.get("/api/v1/goal-formulations/", {"prioritering": "BOENDEMILJO"}).json()
    assert {row["id"] for row in found["results"]} == set(mapped.values_list("pk", flat=True))
    assert client.get("/api/v1/goal-formulations/", {"document": "x"}).status_code == 400
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/api/v1/goal-formulations/?format=csv").content.decode())
        )
    )
    assert len(rows) == GoalFormulation.objects.count() and "priorities" in rows[0]
