"""Filters that agree with the data: a framework tag matches what is tagged with it and what
works under a node that carries it (on the lists, in the API and on the tag's page); a focus
area or priority outside the chosen direction is a 400 that says so; codes match in any
case; a list links to the same list as CSV from the API."""

import csv
import io

import pytest

from encyclopedia.models import Entry
from initiatives.models import Initiative
from keyfigures.models import Indicator
from programme.models import FrameworkTag, ProgrammeNode
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged(loaded_examples):
    """A hand-built case: the tag on one priority and on one focus area, and initiatives,
    entries and key figures tagged, under them, or neither."""
    department = DepartmentFactory(name="Socialförvaltningen", short_name="SOF")
    tag = FrameworkTag.objects.get(code="agenda-2030-3")
    for node in ProgrammeNode.objects.filter(tags=tag):
        node.tags.remove(tag)
    areas = list(ProgrammeNode.objects.focus_areas().order_by("path"))
    tagged_area, other_area = areas[0], areas[-1]
    tagged_area.tags.add(tag)
    priority = ProgrammeNode.objects.priorities().filter(path__startswith=other_area.path)[0]
    priority.tags.add(tag)
    under_area = ProgrammeNode.objects.priorities().filter(path__startswith=tagged_area.path)[0]
    elsewhere = (
        ProgrammeNode.objects.priorities()
        .exclude(path__startswith=tagged_area.path)
        .exclude(pk=priority.pk)[0]
    )

    def initiative(title, node=None, tags=()):
        made = Initiative.objects.create(
            title=title, summary="S", lead_department=department, state="published"
        )
        if node:
            made.priorities.add(node)
        made.tags.add(*tags)
        return made

    initiative("Märkt själv", elsewhere, [tag])
    initiative("På en märkt prioritering", priority)
    initiative("Under ett märkt fokusområde", under_area)
    initiative("Ingenting märkt", elsewhere)
    for title, node in (("Uppslag under", under_area), ("Uppslag utanför", elsewhere)):
        Entry.objects.create(kind="example", title=title, summary="S", state="published").nodes.add(
            node
        )
    Indicator.objects.create(name="Nyckeltal i området").focus_areas.add(tagged_area)
    Indicator.objects.create(name="Nyckeltal märkt").tags.add(tag)
    Indicator.objects.create(name="Nyckeltal utanför").focus_areas.add(other_area)
    return tag


MATCHING = {"Märkt själv", "På en märkt prioritering", "Under ett märkt fokusområde"}


def test_the_tag_filter_matches_what_is_tagged_and_what_works_under_a_tagged_node(client, tagged):
    html = client.get("/insatser/", {"ramverk": tagged.code}).content.decode()
    found = {title for title in MATCHING | {"Ingenting märkt"} if f">{title}</a>" in html}
    assert found == MATCHING
    assert "3 insatser" in html
    entries = client.get("/uppslagsverk/", {"ramverk": tagged.code}).content.decode()
    assert "Uppslag under" in entries and "Uppslag utanför" not in entries
    api = client.get("/api/v1/initiatives/", {"ramverk": tagged.code}).json()
    assert {row["title"] for row in api["results"]} == MATCHING


def test_the_tag_page_lists_initiatives_entries_and_key_figures(client, tagged):
    html = client.get(tagged.get_absolute_url()).content.decode()
    for title in MATCHING | {"Uppslag under", "Nyckeltal i området", "Nyckeltal märkt"}:
        assert title in html, title
    for title in ("Ingenting märkt", "Uppslag utanför", "Nyckeltal utanför"):
        assert title not in html, title
    assert 'id="tag-initiatives">Insatser <span class="count">(3)</span>' in html


def test_a_focus_area_outside_the_chosen_direction_is_a_400_that_says_so(client, tagged):
    directions = list(ProgrammeNode.objects.directions().order_by("path"))
    outside = ProgrammeNode.objects.focus_areas().exclude(path__startswith=directions[0].path)[0]
    response = client.get(
        "/insatser/", {"riktning": directions[0].code, "fokusomrade": outside.code}
    )
    assert response.status_code == 400
    assert "är inte under" in response.content.decode()
    inside = ProgrammeNode.objects.focus_areas().filter(path__startswith=directions[0].path)[0]
    ok = client.get("/insatser/", {"riktning": directions[0].code, "fokusomrade": inside.code})
    assert ok.status_code == 200


def test_codes_match_in_any_case_and_the_form_shows_the_choice(client, tagged):
    response = client.get("/insatser/", {"forvaltning": "sof", "ramverk": tagged.code.upper()})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<option value="SOF" selected>' in html
    assert f'<option value="{tagged.code}" selected>' in html
    assert client.get("/api/v1/initiatives/", {"forvaltning": "sof"}).status_code == 200


def test_a_list_links_to_the_same_list_as_csv(client, tagged):
    html = client.get("/insatser/", {"ramverk": tagged.code, "status": ""}).content.decode()
    link = html.split('href="/api/v1/initiatives/?')[1].split('"')[0].replace("&amp;", "&")
    assert "status=" not in link and "format=csv" in link
    rows = list(
        csv.DictReader(io.StringIO(client.get(f"/api/v1/initiatives/?{link}").content.decode()))
    )
    assert {row["title"] for row in rows} == MATCHING
