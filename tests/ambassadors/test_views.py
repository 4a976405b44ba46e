"""The public network pages: the team's roles, every department's ambassador coverage and
initiatives, personal data only with consent, and fixed query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ambassadors.models import TeamMember
from initiatives.models import Initiative
from programme.models import ProgrammeNode
from tests.factories import AmbassadorFactory, DepartmentFactory, UserFactory
from tests.initiatives.test_views import bulk_initiatives

pytestmark = pytest.mark.django_db
NETWORK = "/natverket/"


@pytest.fixture
def network(loaded_examples):

    sof = DepartmentFactory(name="Socialförvaltningen", short_name="SOF")
    mf = DepartmentFactory(name="Miljöförvaltningen", short_name="MF")
    DepartmentFactory(name="Helsingborgshem AB", short_name="HBGHEM", kind="company")
    DepartmentFactory(name="Nedlagda förvaltningen", short_name="NF", is_active=False)
    AmbassadorFactory(
        name="Synliga Sara",
        title="Utvecklare",
        email="sara@example.se",
        phone="042-10 00 01",
        is_public=True,
        departments=[sof],
    )
    AmbassadorFactory(
        name="Hemliga Hugo",
        email="hugo.hemlig@example.se",
        phone="042-99 99 99",
        departments=[sof, mf],
    )
    TeamMember.objects.create(
        role="team_leader", name="Tina Teamledare", email="tina@example.se", is_public=True
    )
    TeamMember.objects.create(
        role="environment_inspirer", name="Dolda Doris", email="doris.hemlig@example.se"
    )
    priority = ProgrammeNode.objects.priorities().first()
    return {"sof": sof, "mf": mf, "priority": priority}


def test_the_network_page_shows_the_five_roles_and_each_departments_coverage(client, network):
    html = client.get(NETWORK).content.decode()
    for role in (
        "Teamledare",
        "Hållbarhetsstrateg",
        "Miljöinspiratör",
        "Folkhälsoinspiratör",
        "Processledare",
    ):
        assert f"<h3>{role}</h3>" in html
    assert "Tina Teamledare" in html and "tina@example.se" in html
    assert "Dolda Doris" not in html and "1 person i denna roll" in html
    assert "Socialförvaltningen" in html and "Helsingborgshem AB" in html
    assert "Nedlagda förvaltningen" not in html
    row = html[html.index("Miljöförvaltningen") :].split("</tr>")[0]
    assert "<td>1</td>" in row  # Hugo represents MF too
    company_row = html[html.index("Helsingborgshem AB") :].split("</tr>")[0]
    assert "Ingen ännu" in company_row


def test_a_department_page_names_only_ambassadors_who_agreed(client, network):
    html = client.get("/natverket/SOF/").content.decode()
    assert "Förvaltningen har 2 ambassadörer." in html
    assert "Synliga Sara" in html and "sara@example.se" in html and "042-10 00 01" in html
    assert "Hugo" not in html and "hugo.hemlig" not in html and "042-99 99 99" not in html


def test_a_department_page_lists_published_initiatives_it_leads_or_joins(client, network):
    led = bulk_initiatives(2, network["sof"], network["priority"])
    joined = bulk_initiatives(1, network["mf"], network["priority"])
    joined[0].partner_departments.add(network["sof"])
    Initiative.objects.filter(pk=led[1].pk).update(state=Initiative.State.DRAFT)
    Initiative.objects.filter(pk=led[1].pk).update(title="Utkastet")
    html = client.get("/natverket/SOF/").content.decode()
    assert ">Insats 0<" in html and "Utkastet" not in html
    assert "Tillsammans med Miljöförvaltningen" in html
    assert "Alla 2 av förvaltningens publicerade insatser" in html
    assert "?forvaltning=SOF" in html


def test_unknown_and_closed_departments_are_404(client, network):
    assert client.get("/natverket/NOPE/").status_code == 404
    assert client.get("/natverket/NF/").status_code == 404


def test_initiative_pages_link_to_their_departments(client, network):
    initiative = bulk_initiatives(1, network["sof"], network["priority"])[0]
    html = client.get(initiative.get_absolute_url()).content.decode()
    assert 'href="/natverket/SOF/"' in html


def count_queries(client, address):
    with CaptureQueriesContext(connection) as context:
        assert client.get(address).status_code == 200
    return len(context.captured_queries)


def test_network_pages_use_the_same_number_of_queries_however_large(client, network, settings):
    settings.PAGE_CACHE_SECONDS = 0
    counts = []
    for extra in (0, 40):
        for number in range(extra):
            department = DepartmentFactory()
            AmbassadorFactory(departments=[department], is_public=number % 2 == 0)
            TeamMember.objects.create(role="process_leader", name=f"P {number}")
        bulk_initiatives(extra * 3, network["sof"], network["priority"])
        counts.append((count_queries(client, NETWORK), count_queries(client, "/natverket/SOF/")))
    assert counts[0] == counts[1]
    assert counts[0][0] <= 6 and counts[0][1] <= 8


def test_no_email_or_phone_of_a_person_who_did_not_agree_is_on_any_public_page(client, network):
    from tests.public_pages import PAGE_TYPES, load_example_pages

    load_example_pages()
    UserFactory(username="team-user", email="team.hemlig@example.se")
    addresses = [page.url(language) for page in PAGE_TYPES for language in ("sv", "en")]
    addresses += ["/natverket/SOF/", "/natverket/MF/", "/en/natverket/SOF/"]
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        html = response.content.decode()
        for secret in ("hugo.hemlig", "doris.hemlig", "team.hemlig", "042-99 99 99", "Dolda Doris"):
            assert secret not in html, (address, secret)
