"""History that stays true across programme versions: a year's follow-up keeps the
structure its reports were approved against, whatever happens to the programme later, and
a year-over-year comparison across versions goes through the versions' mapping."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from lxml import html as lxml_html

from annualreport import export
from followup import analysis, services
from followup.models import DepartmentReport
from initiatives.models import Initiative
from programme import services as programme_services
from programme import versions
from programme.models import Programme, ProgrammeNode
from tests.followup.conftest import YEAR, approve, priorities_under, publish

pytestmark = pytest.mark.django_db
LKP = "livskvalitetsprogrammet-2016-2024"


def main_of(client, url) -> str:
    """The page's own content (the menu links to whichever programme is current)."""
    response = client.get(url)
    assert response.status_code == 200, url
    main = lxml_html.fromstring(response.content).get_element_by_id("main")
    return lxml_html.tostring(main, encoding="unicode")


def snapshot(client):
    """What the year's follow-up shows: its pages, its export and its analysis."""
    handle = io.BytesIO()
    export.write("json", YEAR, handle)
    city = analysis.city_overview(year=YEAR)
    report = DepartmentReport.objects.get(department__short_name="SOF", round__year=YEAR)
    alignment = analysis.department_alignment(report=report)
    return {
        "overview": main_of(client, f"/uppfoljning/{YEAR}/"),
        "department": main_of(client, f"/uppfoljning/{YEAR}/SOF/"),
        "report": main_of(client, f"/uppfoljning/{YEAR}/rapport/"),
        "export": handle.getvalue().decode(),
        "heat": [(row.department.pk, row.scores) for row in city.heat],
        "areas": [area.title for area in city.focus_areas],
        "alignment": [
            (row.focus_area.title, row.score, row.initiative_count) for row in alignment.rows
        ],
        "work_more": [item.focus_area.title for item in alignment.work_more],
    }


@pytest.fixture
def approved_year(fw):
    """2025 followed up against the 2016–2024 programme: both reports approved."""
    team = fw["team"]
    publish("Trygga stråk", fw["sof"], priorities_under(fw, "trygghet")[:1], team)
    publish("Gröna gårdar", fw["mf"], priorities_under(fw, "fotavtryck")[:1], team)
    for department, scores in ((fw["sof"], {"trygghet": 3}), (fw["mf"], {"fotavtryck": 1})):
        report = services.report_start(round_=fw["round"], department=department, by=team)
        approve(report, scores, team)
    return fw


def new_version(slug="livskvalitetsprogrammet-2025-2032"):
    return versions.programme_version_start(
        programme=Programme.objects.get(slug=LKP),
        slug=slug,
        name="Livskvalitetsprogrammet",
        valid_from=2025,
        valid_to=2032,
    )


def copy_of(version, code):
    return ProgrammeNode.objects.get(programme=version, code=code)


def test_a_followed_up_programme_refuses_a_move_and_its_year_stays_as_approved(
    client, approved_year
):
    before = snapshot(client)
    priority = priorities_under(approved_year, "trygghet")[0]
    elsewhere = approved_year["areas"]["fotavtryck"]
    with pytest.raises(ValidationError, match="ny version"):
        programme_services.node_move(node=priority, target=elsewhere, position="last-child")
    with pytest.raises(ValidationError, match="ny version"):
        programme_services.node_delete(node=priority)
    assert snapshot(client) == before


def test_a_new_version_moved_renamed_and_adopted_leaves_the_year_exactly_as_approved(
    client, approved_year
):
    before = snapshot(client)
    version = new_version()
    # In the new version: a priority moves to another focus area, a focus area is renamed
    # and another dropped.
    moved = copy_of(version, priorities_under(approved_year, "trygghet")[0].code)
    programme_services.node_move(
        node=moved, target=copy_of(version, "fotavtryck"), position="last-child"
    )
    renamed = copy_of(version, "trygghet")
    renamed.title = "Vi skapar trygga miljöer för alla"
    programme_services.node_update(node=renamed)
    old = {n.code: n for n in ProgrammeNode.objects.filter(programme__slug=LKP)}
    versions.node_map(old=old["trygghet"], kind="renamed", new=[renamed])
    versions.programme_adopt(version=version)
    assert Programme.objects.current() == version
    assert Programme.objects.get(slug=LKP).status == "archived"
    assert snapshot(client) == before
    assert "Vi skapar trygghet och säkra miljöer" in before["overview"]
    # The work goes on under the new version: the initiative works on the moved priority's
    # copy as well, and keeps its old link for the year approved against the old version.
    initiative = Initiative.objects.get(title="Trygga stråk")
    assert set(initiative.priorities.values_list("programme__slug", "code")) == {
        (LKP, moved.code),
        (version.slug, moved.code),
    }
    # Its page lists the priority once: the version in force, not the archived one.
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert page.count(f'href="/program/{version.slug}/{moved.code}/"') == 1
    assert f'href="/program/{LKP}/{moved.code}/"' not in page


def test_the_next_year_compares_with_the_last_through_the_mapping(client, approved_year):
    team = approved_year["team"]
    version = new_version()
    old = {n.code: n for n in ProgrammeNode.objects.filter(programme__slug=LKP)}
    # trygghet renamed; fotavtryck and hallbara-resor merged into fotavtryck;
    # kontakt split into kontakt and mangfald.
    versions.node_map(old=old["trygghet"], kind="renamed", new=[copy_of(version, "trygghet")])
    for code in ("fotavtryck", "hallbara-resor"):
        versions.node_map(old=old[code], kind="merged", new=[copy_of(version, "fotavtryck")])
    versions.node_map(
        old=old["kontakt"],
        kind="split",
        new=[copy_of(version, "kontakt"), copy_of(version, "mangfald")],
    )
    versions.node_map(old=old["mangfald"], kind="dropped", new=[])
    versions.programme_adopt(version=version)
    round_next = services.round_open(
        year=YEAR + 1,
        deadline=datetime.date(YEAR + 2, 2, 15),
        phase="annual_report",
        departments=[approved_year["sof"], approved_year["mf"]],
        by=team,
    )
    assert round_next.programme == version
    # Last year MF scored fotavtryck 1 and everything else 0; SOF trygghet 3.
    for department, scores in (
        (approved_year["mf"], {"fotavtryck": 2, "hallbara-resor": 4}),
        (approved_year["sof"], {"trygghet": 4, "kontakt": 2}),
    ):
        report = services.report_start(round_=round_next, department=department, by=team)
        assert {a.focus_area.programme_id for a in report.assessments.all()} == {version.pk}
        approve(report, scores, team)

    def previous(short_name):
        report = DepartmentReport.objects.get(
            department__short_name=short_name, round__year=YEAR + 1
        )
        rows = analysis.department_alignment(report=report).rows
        return {row.focus_area.code: (row.previous, row.score, row.change) for row in rows}

    sof, mf = previous("SOF"), previous("MF")
    assert sof["trygghet"] == (3, 4, 1)  # renamed: its own score
    assert mf["fotavtryck"] == (1, 2, 1)  # merged: the mean of 1 and 0, half up
    assert sof["kontakt"] == (0, 2, 2) and sof["mangfald"][0] == 0  # split: both parts
    # The analysis of the year shares the same previous figures.
    data = analysis.year_data(year=YEAR + 1)
    assert data.previous[(approved_year["sof"].pk, copy_of(version, "trygghet").pk)] == 3
    # And last year still reads the version it was approved against.
    assert analysis.programme_of_year(YEAR).slug == LKP


def test_after_a_version_each_focus_area_and_priority_is_listed_once(client, approved_year):
    """Adopting a version links everything to the new nodes as well (the old links stay
    for the approved year): the lists, the open data and the CSV show each place once, in
    the version in force, and a CSV round trip keeps the archived links."""
    from import_export.formats.base_formats import CSV

    from initiatives.resources import InitiativeResource
    from keyfigures.models import Indicator
    from prioritisation.models import Budget, Intervention

    old_area = approved_year["areas"]["trygghet"]
    indicator = Indicator.objects.create(name="Andel trygga", unit="%")
    indicator.focus_areas.add(old_area)
    budget = Budget.objects.create(
        year=YEAR, name="Investeringar", amount=1_000, published_on=datetime.date(YEAR, 12, 1)
    )
    intervention = Intervention.objects.create(
        budget=budget, rank=1, title="Trygga stråk", allotted_cost=100, status="decided"
    )
    intervention.focus_areas.add(old_area)
    versions.programme_adopt(version=new_version())

    decided = client.get("/api/v1/interventions/").json()["results"]
    assert [row["focus_areas"] for row in decided] == [["trygghet"]]
    figures = client.get("/api/v1/indicators/").json()["results"]
    assert [row["focus_areas"] for row in figures] == [["trygghet"]]
    for url in ("/nyckeltal/", "/prioritering/"):
        assert main_of(client, url).count(old_area.title) == 1, url
    dataset = InitiativeResource().export()
    rows = {row["title"]: row["priorities"] for row in dataset.dict}
    moved = priorities_under(approved_year, "trygghet")[0]
    assert rows["Trygga stråk"] == moved.code  # once, not "code,code"

    # Re-importing the export changes nothing: the archived version's link stays.
    initiative = Initiative.objects.get(title="Trygga stråk")
    links = set(initiative.priorities.values_list("pk", flat=True))
    result = InitiativeResource().import_data(CSV().create_dataset(dataset.csv), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert set(initiative.priorities.values_list("pk", flat=True)) == links


def test_renaming_after_the_year_is_approved_leaves_its_words(client, approved_year):
    """Priorities renamed in the followed-up programme itself (no new version; its
    directions and focus areas cannot be): the year's pages, export and analysis keep the
    names it was approved with; the priority's own page shows the new one."""
    before = snapshot(client)
    priorities = ProgrammeNode.objects.filter(programme__slug=LKP, depth=3)
    idle = priorities.filter(initiatives__isnull=True).order_by("path")[0]
    # MF works more on fotavtryck: the annual report lists its priorities.
    listed = priorities_under(approved_year, "fotavtryck")[-1]
    for node, title in ((idle, "Ett nytt namn"), (listed, "Ännu ett nytt namn")):
        assert node.title in before["overview"] + before["report"]
        node.title = title
        programme_services.node_update(node=node)
    assert snapshot(client) == before
    assert "Ett nytt namn" in main_of(client, idle.get_absolute_url())
