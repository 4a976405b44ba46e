"""A key figure's own page (series, table, CSV, target, progress), two key figures side by
side, the published method, and each focus area and direction in figures (pages, API)."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from followup import services
from followup.analysis import alignment, rollup
from keyfigures import progress
from keyfigures import services as keyfigure_services
from keyfigures.kolada import ValueRow
from keyfigures.models import Indicator, IndicatorValue, Municipality
from programme.models import ProgrammeNode
from tests.followup.conftest import YEAR, approve, priorities_under, publish

pytestmark = pytest.mark.django_db

HOME, MOTALA, MALMO, COUNTRY = "1283", "0583", "1280", "0000"


@pytest.fixture
def places(loaded):
    return {
        code: Municipality.objects.create(code=code, name=name)
        for code, name in (
            (HOME, "Helsingborg"),
            (MOTALA, "Motala"),
            (MALMO, "Malmö"),
            (COUNTRY, "Riket"),
        )
    }


def values(indicator, place, points, gender="T"):
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            indicator=indicator, municipality=place, year=year, gender=gender, value=Decimal(v)
        )
        for year, v in points
    )


@pytest.fixture
def safety(places):
    """Feel safe (%), higher is better, target 75 in 2030: Helsingborg by gender, two
    comparison municipalities and the country; Malmö has no 2021 value."""
    indicator = Indicator.objects.create(
        name="Känner sig trygga",
        name_en="Feel safe",
        unit="%",
        kolada_id="U00001",
        target_value=75,
        target_year=2030,
    )
    indicator.focus_areas.add(ProgrammeNode.objects.get(code="trygghet"))
    values(indicator, places[HOME], [(2020, "60"), (2021, "62"), (2022, "64.5")])
    values(indicator, places[HOME], [(2020, "62"), (2021, "63"), (2022, "66")], "K")
    values(indicator, places[HOME], [(2020, "58"), (2021, "61"), (2022, "63")], "M")
    values(indicator, places[MOTALA], [(2020, "55"), (2021, "56"), (2022, "58")])
    values(indicator, places[MALMO], [(2020, "50"), (2022, "49")])
    values(indicator, places[COUNTRY], [(2020, "57"), (2021, "58"), (2022, "59")])
    return indicator


def table(html):
    """The page's value table as rows of cell texts."""
    body = html.split('id="values-table-caption"')[1].split("</table>")[0]
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_the_page_shows_the_city_beside_comparisons_and_the_country(client, safety):
    html = client.get(f"/nyckeltal/{safety.pk}/").content.decode()
    assert table(html) == [
        ["År", "Helsingborg", "Malmö", "Motala", "Riket"],
        # A column's values alike: 60,0 beside 64,5; the whole numbers of the others stay.
        ["2020", "60,0", "50", "55", "57"],
        ["2021", "62,0", "–", "56", "58"],
        ["2022", "64,5", "49", "58", "59"],
    ]
    assert '<button type="submit" class="button">Visa</button>' in html
    assert html.count('<g class="series"') == 4
    assert 'class="target"' in html and "Mål 2030: 75" in html
    # 60 → 64.5 in two years is 3.68 % a year; 75 by 2030 needs 2.83 %: on track.
    assert "Betydande framsteg" in html
    assert "https://www.kolada.se/verktyg/fri-sokning/?kpis=U00001" in html
    assert 'href="/program/livskvalitetsprogrammet-2016-2024/trygghet/"' in html
    assert 'href="/uppfoljning/metod/' in html


def test_series_are_chosen_in_the_address_and_the_csv_is_that_table(client, safety):
    address = f"/nyckeltal/{safety.pk}/?kommun={HOME}&kommun={COUNTRY}&kon=K&kon=M"
    html = client.get(address).content.decode()
    rows = table(html)
    assert rows[0] == ["År", "Helsingborg, kvinnor", "Helsingborg, män"]  # Riket has no K/M
    assert rows[3] == ["2022", "66", "63"]
    assert f'href="/nyckeltal/{safety.pk}/tabell.csv?kommun={HOME}&amp;kommun={COUNTRY}' in html
    response = client.get(address.replace("/?", "/tabell.csv?"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="u00001.csv"' in response["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines == [
        ["År", "Helsingborg, kvinnor", "Helsingborg, män"],
        ["2020", "62", "58"],
        ["2021", "63", "61"],
        ["2022", "66", "63"],
    ]


def test_an_unknown_series_is_a_clear_error(client, safety):
    response = client.get(f"/nyckeltal/{safety.pk}/?kommun=9999&kon=T")
    assert response.status_code == 400
    assert "Några val finns inte för det här nyckeltalet" in response.content.decode()
    assert client.get(f"/nyckeltal/{safety.pk}/tabell.csv?kon=X").status_code == 400
    assert client.get("/nyckeltal/999999/").status_code == 404


def test_a_key_figure_without_a_target_shows_its_trend(client, places):
    indicator = Indicator.objects.create(name="Cykelresor", better="higher")
    values(indicator, places[HOME], [(2021, "67"), (2022, "66.9")])
    html = client.get(f"/nyckeltal/{indicator.pk}/").content.decode()
    assert "Trend: oförändrad" in html and 'class="target"' not in html


def test_two_key_figures_side_by_side_on_one_year_axis(client, safety, places):
    cycling = Indicator.objects.create(name="Cykelresor", unit="antal")
    values(cycling, places[HOME], [(2021, "96"), (2022, "99.5"), (2023, "103")])
    values(cycling, places[MOTALA], [(2021, "80")])  # not the programme's municipality
    response = client.get(f"/nyckeltal/jamfor/?a={safety.pk}&b={cycling.pk}")
    assert response.status_code == 200
    html = response.content.decode()
    body = html.split('id="compare-table-caption"')[1].split("</table>")[0]
    cells = [
        re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", body)
    ]
    assert cells == [
        "År", "Känner sig trygga (%)", "Cykelresor (antal)",
        "2020", "60,0", "–",
        "2021", "62,0", "96,0",
        "2022", "64,5", "99,5",
        "2023", "–", "103,0",
    ]  # fmt: skip
    svg = html.split('<svg class="series-chart"')[1].split("</svg>")[0]
    assert svg.count('<g class="series"') == 2
    assert 'class="axis-unit" x="4"' in svg and 'text-anchor="end">antal</text>' in svg


def test_the_comparison_refuses_the_same_figure_twice_or_an_unknown_one(client, safety):
    assert client.get("/nyckeltal/jamfor/").status_code == 200  # the form only
    same = client.get(f"/nyckeltal/jamfor/?a={safety.pk}&b={safety.pk}")
    assert same.status_code == 400 and "Välj två olika nyckeltal" in same.content.decode()
    assert client.get(f"/nyckeltal/jamfor/?a={safety.pk}&b=999999").status_code == 400


def count(client, address):
    with CaptureQueriesContext(connection) as context:
        assert client.get(address).status_code == 200
    return len(context.captured_queries)


def test_key_figure_pages_use_a_fixed_number_of_queries(client, safety, places, settings):
    settings.PAGE_CACHE_SECONDS = 0
    other = Indicator.objects.create(name="Annat")
    addresses = [
        "/nyckeltal/",
        f"/nyckeltal/{safety.pk}/",
        f"/nyckeltal/{safety.pk}/tabell.csv",
        f"/nyckeltal/jamfor/?a={safety.pk}&b={other.pk}",
        "/uppfoljning/metod/",
    ]
    before = [count(client, address) for address in addresses]
    for number in range(5):
        extra = Municipality.objects.create(code=f"{2000 + number}", name=f"Kommun {number}")
        values(safety, extra, [(year, "50") for year in range(2010, 2023)])
        Indicator.objects.create(name=f"Fler {number}").focus_areas.add(
            ProgrammeNode.objects.get(code="trygghet")
        )
    assert [count(client, address) for address in addresses] == before
    assert before[1] <= 8


@pytest.mark.usefixtures("english_messages")
def test_the_method_page_follows_the_constants_of_the_code(client, monkeypatch, settings):
    settings.PAGE_CACHE_SECONDS = 0  # a stored page would not follow (a release replaces it)
    html = client.get("/en/uppfoljning/metod/").content.decode()
    assert "The ratio is 95 % or more." in html and "less than 0.5 % a year" in html
    assert "below 3 (established)" in html and "up to 5 published initiatives" in html
    monkeypatch.setattr(progress, "SUBSTANTIAL", Decimal("0.9"))
    monkeypatch.setattr(progress, "TREND_TOLERANCE", Decimal("0.01"))
    monkeypatch.setattr(alignment, "ESTABLISHED", 4)
    monkeypatch.setattr(alignment, "POINTERS", 3)
    html = client.get("/en/uppfoljning/metod/").content.decode()
    assert "The ratio is 90 % or more." in html and "below 90 %." in html
    assert "less than 1 % a year" in html
    assert "below 4 (established)" in html and "up to 3 published initiatives" in html


@pytest.mark.usefixtures("english_messages")
def test_a_target_needs_a_value_and_a_year_and_a_better_direction(loaded):
    with pytest.raises(ValidationError, match="both a value and a year"):
        Indicator(name="X", target_value=10).full_clean()
    with pytest.raises(ValidationError, match="direction that is better"):
        Indicator(name="X", target_value=10, target_year=2030, better="neither").full_clean()
    with pytest.raises(ValidationError, match="after the baseline year"):
        Indicator(name="X", target_value=10, target_year=2020, baseline_year=2020).full_clean()


def test_an_import_records_when_the_values_came(safety):
    assert safety.values_imported_at is None
    keyfigure_services.indicator_values_import(
        rows=[ValueRow("row 2", "U00001", HOME, 2023, "T", Decimal(65), None, "", False)]
    )
    safety.refresh_from_db()
    assert safety.values_imported_at is not None


def test_focus_areas_and_directions_in_figures_by_hand(fw, client):
    """Two departments rate trygghet 3 and 1, aktivt-liv 4 and – (0), upplevelser 0 and 2;
    the direction aktivitet takes SOF's mean (3 + 4) / 2 = 3.5 and MF's (1 + 2) / 2 = 1.5."""
    team = fw["team"]
    approve(
        services.report_start(round_=fw["round"], department=fw["sof"], by=team),
        {"trygghet": 3, "aktivt-liv": 4},
        team,
    )
    approve(
        services.report_start(round_=fw["round"], department=fw["mf"], by=team),
        {"trygghet": 1, "upplevelser": 2},
        team,
    )
    under = priorities_under(fw, "trygghet")
    publish("Trygga stråk", fw["sof"], under[:2], team)  # counted once, under two priorities
    publish("Trygga parker", fw["mf"], under[:1], team)
    publish("Aktiva", fw["mf"], priorities_under(fw, "aktivt-liv")[:1], team)
    indicator = Indicator.objects.create(name="Trygga", target_value=75, target_year=2030)
    indicator.focus_areas.add(fw["areas"]["trygghet"])
    helsingborg = Municipality.objects.create(code="1283", name="Helsingborg")
    values(indicator, helsingborg, [(2023, "60"), (2025, "50")])
    figures = rollup(year=YEAR)
    area = figures[fw["areas"]["trygghet"].path]
    assert (area.rated, area.lowest, area.median, area.highest) == (2, 1, 2, 3)
    assert area.initiatives == 2
    assert area.statuses == [("deterioration", "Försämring", 1)]
    direction = figures[ProgrammeNode.objects.get(code="aktivitet").path]
    assert direction.scores == [Decimal("1.5"), Decimal("3.5")]
    assert (direction.median, direction.initiatives) == (Decimal("2.5"), 3)
    assert [item.indicator.pk for item in direction.key_figures] == [indicator.pk]

    page = client.get("/program/livskvalitetsprogrammet-2016-2024/trygghet/").content.decode()
    assert "I uppföljningen 2025" in page and "lägst 1, median 2, högst 3" in page
    overview = client.get(f"/uppfoljning/{YEAR}/").content.decode()
    assert "Fokusområden och viljeinriktningar i siffror" in overview
    api = client.get(f"/api/v1/followup-figures/?year={YEAR}").json()
    row = next(item for item in api if item["code"] == "trygghet")
    assert row == {
        "code": "trygghet",
        "kind": "focus_area",
        "title": "Vi skapar trygghet och säkra miljöer",
        "rated": 2,
        "lowest": 1.0,
        "median": 2.0,
        "highest": 3.0,
        "initiatives": 2,
        "key_figures": [{"id": indicator.pk, "status": "deterioration"}],
    }
    aktivitet = next(item for item in api if item["code"] == "aktivitet")
    assert (aktivitet["median"], aktivitet["initiatives"]) == (2.5, 3)
    assert client.get("/api/v1/followup-figures/?year=1999").status_code == 404
    assert client.get("/api/v1/followup-figures/").status_code == 400
