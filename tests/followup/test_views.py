"""Public follow-up pages: only approved reports, the heat map and white fields, charts
with tables, and query counts that do not grow with the data."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format

from followup import services
from keyfigures.models import Indicator, IndicatorValue, Municipality
from tests.factories import DepartmentFactory
from tests.followup.conftest import YEAR, approve, priorities_under, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(fw):
    team = fw["team"]
    publish("Trygga stråk", fw["mf"], priorities_under(fw, "trygghet")[:1], team)
    approve(
        services.report_start(round_=fw["round"], department=fw["sof"], by=team),
        {"trygghet": 1, "mangfald": 3},
        team,
    )
    services.report_start(round_=fw["round"], department=fw["mf"], by=team)  # a draft
    helsingborg = Municipality.objects.create(code="1283", name="Helsingborg")
    indicator = Indicator.objects.create(
        name="Andel som känner sig trygga", unit="%", kolada_id="U00001"
    )
    indicator.focus_areas.add(fw["areas"]["trygghet"])
    for year, value in ((2023, 61), (2024, 64), (2025, 66)):
        IndicatorValue.objects.create(
            indicator=indicator, municipality=helsingborg, year=year, gender="T", value=value
        )
    fw["indicator"] = indicator
    return fw


def test_the_overview_shows_approved_reports_idle_priorities_and_key_figures(client, published):
    assert f'href="/uppfoljning/{YEAR}/"' in client.get("/uppfoljning/").content.decode()
    html = " ".join(client.get(f"/uppfoljning/{YEAR}/").content.decode().split())
    heat_map = html.split("without-initiatives-heading")[0]
    assert "Socialförvaltningen" in html and "Miljöförvaltningen" not in heat_map
    assert 'class="score score-1">1</td>' in html
    assert "Prioriteringar utan publicerad insats någonstans i staden 2025: 29." in html
    assert ">Andel som känner sig trygga</a> (%)" in html and "Trend: bättre" in html
    assert "<td>66 (2025)</td>" in html  # the chart and every value are on its own page
    assert f'href="/nyckeltal/{published["indicator"].pk}/"' in html


def test_a_department_page_needs_an_approved_report(client, published):
    assert client.get(f"/uppfoljning/{YEAR}/MF/").status_code == 404
    html = client.get(f"/uppfoljning/{YEAR}/SOF/").content.decode()
    assert "Områden att arbeta mer med" in html
    assert '<div class="bar-chart" role="img" aria-labelledby="bar-title">' in html
    work_more = html.split('id="work-more-heading"')[1]
    assert "Vi skapar trygghet och säkra miljöer" in work_more and "Trygga stråk" in work_more
    assert "Gjort i trygghet" in html  # the department's own words


def test_chart_coordinates_are_not_localised_with_decimal_commas(client, published):
    key_figure = f"/nyckeltal/{published['indicator'].pk}/"
    for address in (key_figure, f"/uppfoljning/{YEAR}/SOF/"):
        svg = "".join(re.findall(r"<svg.*?</svg>", client.get(address).content.decode(), re.S))
        numbers = re.findall(r'\b(?:x|y|x1|x2|y1|y2|cx|cy|dx|width|height)="([^"]*)"', svg)
        assert numbers and all(re.fullmatch(r"-?\d+(\.\d+)?", n) for n in numbers), address


def count(client, address):
    with CaptureQueriesContext(connection) as context:
        assert client.get(address).status_code == 200
    return len(context.captured_queries)


def test_follow_up_pages_use_the_same_number_of_queries_however_much_data(
    client, published, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    team = published["team"]
    addresses = ["/uppfoljning/", f"/uppfoljning/{YEAR}/", f"/uppfoljning/{YEAR}/SOF/"]
    before = [count(client, address) for address in addresses]
    for number in range(6):
        department = DepartmentFactory()
        published["round"].departments.add(department)
        publish(f"Insats {number}", department, priorities_under(published, "trygghet"), team)
        approve(
            services.report_start(round_=published["round"], department=department, by=team),
            {"trygghet": number % 5},
            team,
        )
    indicator = Indicator.objects.create(name="Till", kolada_id="N00002")
    indicator.focus_areas.add(published["areas"]["mangfald"])
    after = [count(client, address) for address in addresses]
    assert before == after
    # The site identity (pages.identity) is one of them, the words of the year (the
    # programme's history as of its approval: programme.history.words_as_of) two.
    assert max(after) <= 19


def test_no_email_of_anyone_appears_on_the_follow_up_pages(client, published):
    for address in ("/uppfoljning/", f"/uppfoljning/{YEAR}/", f"/uppfoljning/{YEAR}/SOF/"):
        assert "@example.se" not in client.get(address).content.decode()


def test_a_department_page_links_to_its_approved_reports_only(client, published):
    sof = client.get("/natverket/SOF/").content.decode()
    section = sof.split('id="reports-heading"')[1].split("</section>")[0]
    assert f'href="/uppfoljning/{YEAR}/SOF/"' in section
    mf = client.get("/natverket/MF/").content.decode()  # a draft only
    assert "/uppfoljning/" not in mf.split('id="reports-heading"')[1].split("</section>")[0]
    assert "Ingen rapport från förvaltningen har godkänts ännu." in mf


def test_the_years_page_says_which_round_is_open_and_until_when(client, published):
    round_ = published["round"]
    round_.is_open = True
    round_.deadline = timezone.localdate() + datetime.timedelta(days=30)
    round_.save()
    html = client.get("/uppfoljning/").content.decode()
    deadline = date_format(round_.deadline, "j F Y")
    assert f"Uppföljningen av {YEAR} pågår" in html and f"senast {deadline}" in html
    round_.is_open = False
    round_.save()
    assert "Ingen uppföljning pågår just nu." in client.get("/uppfoljning/").content.decode()
