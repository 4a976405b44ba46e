"""Public initiative pages: only published ones, combinable filters, fixed query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from initiatives.models import Initiative
from programme.models import FrameworkTag, ProgrammeNode
from tests.factories import DepartmentFactory, make_node
from tests.public_pages import LKP, publish_example_initiatives

pytestmark = pytest.mark.django_db
LIST = "/insatser/"


def bulk_initiatives(count, department, priority, **fields):
    """Published initiatives written directly, for size tests (the services are tested
    elsewhere; here only the reading side counts)."""
    now = timezone.now()
    created = Initiative.objects.bulk_create(
        Initiative(
            title=f"Insats {number}",
            summary="Sammanfattning",
            lead_department=department,
            state=Initiative.State.PUBLISHED,
            published_at=now,
            **fields,
        )
        for number in range(count)
    )
    through = Initiative.priorities.through
    through.objects.bulk_create(
        through(initiative_id=initiative.pk, programmenode_id=priority.pk) for initiative in created
    )
    return created


@pytest.fixture
def published(loaded_examples):

    publish_example_initiatives(count=3)
    return list(Initiative.objects.order_by("pk"))


def test_the_list_shows_published_initiatives_only(client, published):
    draft = Initiative.objects.create(
        title="Hemligt utkast", summary="x", lead_department=published[0].lead_department
    )
    html = client.get(LIST).content.decode()
    assert "3 insatser" in html
    assert all(initiative.title in html for initiative in published)
    assert draft.title not in html
    assert client.get(draft.get_absolute_url()).status_code == 404
    page = client.get(published[0].get_absolute_url()).content.decode()
    assert published[0].title in page and "Exempel" in page


def test_filters_combine_and_live_in_the_address(client, published):
    first = published[0]
    priority = first.priorities.order_by("path").first()
    focus_area = ProgrammeNode.objects.get(path=priority.path[:8])
    other = DepartmentFactory(short_name="SOF", name="Socialförvaltningen")
    bulk_initiatives(2, other, priority, status="completed", starts_on=datetime.date(2021, 3, 1))
    tag = FrameworkTag.objects.get(code="folkhalsa-6")
    Initiative.objects.get(title="Insats 0").tags.add(tag)

    candidates = ["Exempelinsats 1", "Exempelinsats 2", "Exempelinsats 3", "Insats 0", "Insats 1"]

    def titles(**params):
        html = client.get(LIST, params).content.decode()
        return [title for title in candidates if f">{title}<" in html]

    assert titles(fokusomrade=focus_area.code, forvaltning="SOF") == ["Insats 0", "Insats 1"]
    assert titles(forvaltning="SOF", status="completed", ar=2021) == ["Insats 0", "Insats 1"]
    assert titles(forvaltning="SOF", ar=2020) == []
    assert titles(prioritering=priority.code, ramverk="folkhalsa-6") == ["Insats 0"]
    assert titles(forvaltning="MF", status="completed") == []


@pytest.mark.parametrize(
    "params", [{"forvaltning": "FINNSINTE"}, {"ar": "tvåtusen"}, {"prioritering": "nej"}]
)
def test_an_unknown_filter_value_is_a_clear_400(client, published, params):
    response = client.get(LIST, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert "värden som inte finns" in html
    assert "Exempelinsats" not in html


def test_pages_beyond_the_last_are_404(client, published):
    assert client.get(LIST, {"sida": 99}).status_code == 404
    assert client.get(LIST, {"sida": "x"}).status_code == 404


def count_queries(client, address, params=None):
    with CaptureQueriesContext(connection) as context:
        assert client.get(address, params or {}).status_code == 200
    return len(context.captured_queries)


def test_lists_use_the_same_number_of_queries_for_10_and_1000_initiatives(client, loaded):
    focus = ProgrammeNode.objects.get(code="trygghet")
    priority = make_node(parent=focus, code="trygg-skolvag", title="Trygg skolväg")
    department = DepartmentFactory()
    counts = []
    for total in (10, 1000):
        Initiative.objects.all().delete()
        bulk_initiatives(total, department, priority)
        counts.append(
            {
                "list": count_queries(client, LIST),
                "filtered": count_queries(client, LIST, {"forvaltning": department.short_name}),
                "page 2": count_queries(client, LIST, {"sida": 2}) if total > 20 else None,
                "priority": count_queries(client, priority.get_absolute_url()),
                "focus area": count_queries(client, focus.get_absolute_url()),
            }
        )
    counts[0]["page 2"] = counts[1]["page 2"]
    assert counts[0] == counts[1]


def test_priority_and_focus_area_pages_show_the_initiatives_that_work_there(client, published):
    initiative = published[0]
    priority = initiative.priorities.order_by("path").first()
    focus_area = ProgrammeNode.objects.get(path=priority.path[:8])
    for node in (priority, focus_area):
        html = client.get(node.get_absolute_url()).content.decode()
        assert initiative.title in html, node.code
        assert f"?{'prioritering' if node.depth == 3 else 'fokusomrade'}={node.code}" in html


def test_a_publication_shows_on_the_cached_list_at_once(client, published, page_cache_on):
    client.get(LIST)
    assert client.get(LIST)["X-Page-Cache"] == "hit"
    with page_cache_on.edit():
        publish_example_initiatives(count=1)
    response = client.get(LIST)
    assert response["X-Page-Cache"] == "miss"
    assert "4 insatser" in response.content.decode()


def test_the_main_menu_links_to_the_initiatives(client, published):
    assert f'href="{reverse("initiatives:list")}"' in client.get("/").content.decode()
    assert LKP in client.get(LIST).content.decode()  # priorities link into the programme
