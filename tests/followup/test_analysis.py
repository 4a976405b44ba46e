"""The alignment analysis on a small case computed by hand."""

import datetime

import pytest

from followup import analysis, services
from followup.models import FollowupRound
from keyfigures.models import Indicator, IndicatorValue, Municipality
from programme.models import ProgrammeNode
from tests.followup.conftest import YEAR, approve, priorities_under, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(fw):
    """SOF rates (all other focus areas 0, not relevant):
        mangfald 1 (has an initiative), trygghet 1 (none), hallbara-resor 3 (none),
        aktivt-liv 4 (has one), upplevelser 2 (has one), jamstalldhet 0 (none).
    Last year (approved) SOF rated trygghet 2. MF rates trygghet 4 and has an initiative
    there; VOF, which does not report, has one too."""
    team = fw["team"]
    sof, mf, vof = fw["sof"], fw["mf"], fw["vof"]
    for code in ("mangfald", "aktivt-liv", "upplevelser"):
        publish(f"SOF {code}", sof, priorities_under(fw, code)[:1], team)
    mf_trygg = publish("MF trygghet", mf, priorities_under(fw, "trygghet")[:1], team)
    vof_trygg = publish("VOF trygghet", vof, priorities_under(fw, "trygghet")[1:], team)
    last = services.round_open(
        year=YEAR - 1,
        deadline=datetime.date(YEAR, 2, 1),
        phase="annual_report",
        departments=[sof],
        by=team,
    )
    approve(services.report_start(round_=last, department=sof, by=team), {"trygghet": 2}, team)
    sof_report = approve(
        services.report_start(round_=fw["round"], department=sof, by=team),
        {"mangfald": 1, "trygghet": 1, "hallbara-resor": 3, "aktivt-liv": 4, "upplevelser": 2},
        team,
    )
    approve(
        services.report_start(round_=fw["round"], department=mf, by=team), {"trygghet": 4}, team
    )
    return {"report": sof_report, "mf_trygg": mf_trygg, "vof_trygg": vof_trygg}


def test_the_areas_to_work_more_on_follow_the_rule(case):
    alignment = analysis.department_alignment(report=case["report"])
    named = [(item.focus_area.code, item.reasons) for item in alignment.work_more]
    # Lowest relevant score is 1 (< 3): mangfald and trygghet. trygghet and hallbara-resor
    # are relevant with no initiative. jamstalldhet (0) is not relevant; upplevelser (2) is
    # neither lowest nor without initiatives; aktivt-liv (4) has one. Lowest score first,
    # then the programme's order (mangfald's direction comes before trygghet's).
    assert named == [
        ("mangfald", ["lowest"]),
        ("trygghet", ["lowest", "no_initiatives"]),
        ("hallbara-resor", ["no_initiatives"]),
    ]
    trygghet = alignment.work_more[1]
    assert [p.code for p in trygghet.priorities] == ["trygga-strak", "skolvagar"]
    # MF rated trygghet 4, VOF did not report: MF's initiative first; SOF's own never.
    assert [e.title for e in trygghet.examples] == ["MF trygghet", "VOF trygghet"]


def test_the_table_shows_each_focus_area_with_its_change_since_last_year(case):
    rows = {
        row.focus_area.code: row
        for row in analysis.department_alignment(report=case["report"]).rows
    }
    assert len(rows) == 15
    assert (rows["trygghet"].score, rows["trygghet"].previous, rows["trygghet"].change) == (
        1,
        2,
        -1,
    )
    # Last year's report rated every other area 0, so mangfald went from 0 to 1.
    assert (rows["mangfald"].initiative_count, rows["mangfald"].change) == (1, 1)
    assert rows["jamstalldhet"].change == 0
    assert rows["trygghet"].initiative_count == 0


def test_a_department_that_rates_everything_established_and_active_has_nothing_named():
    rows = [
        analysis.AreaRow(
            focus_area=ProgrammeNode(path=f"0001000{n}", code=f"f{n}"),
            score=3,
            previous=None,
            initiative_count=1,
        )
        for n in range(3)
    ]
    assert analysis.work_more_on(rows) == []
    rows[0].score = 0
    rows[0].initiative_count = 0
    assert analysis.work_more_on(rows) == []  # not relevant: never named


def test_the_city_overview_has_the_heat_map_and_priorities_without_initiatives(case):
    city = analysis.city_overview(year=YEAR)
    assert [row.department.short_name for row in city.heat] == ["MF", "SOF"]
    codes = [area.code for area in city.focus_areas]
    sof = dict(zip(codes, city.heat[1].scores, strict=True))
    assert (sof["trygghet"], sof["jamstalldhet"], sof["aktivt-liv"]) == (1, 0, 4)
    worked = {"motesplatser", "aktivdag", "fritid", "trygga-strak", "skolvagar"}
    expected = [
        p.code
        for p in ProgrammeNode.objects.filter(depth=3).order_by("path")
        if p.code not in worked
    ]
    assert [p.code for p in city.without_initiatives] == expected
    assert len(city.without_initiatives) == 25


def test_key_figures_show_their_trend_in_the_direction_that_is_better(fw):
    helsingborg = Municipality.objects.create(code="1283", name="Helsingborg")
    area = fw["areas"]["trygghet"]
    unsafe = Indicator.objects.create(name="Otrygga", kolada_id="U00001", better="lower")
    employed = Indicator.objects.create(name="I arbete", kolada_id="N00002", better="higher")
    for indicator in (unsafe, employed):
        indicator.focus_areas.add(area)
    for year, value in ((2023, 20), (2024, 18), (2026, 5)):
        IndicatorValue.objects.create(
            indicator=unsafe, municipality=helsingborg, year=year, gender="T", value=value
        )
        IndicatorValue.objects.create(
            indicator=employed, municipality=helsingborg, year=year, gender="T", value=value
        )
    trends = {t.indicator.name: t for t in analysis.city_overview(year=YEAR).indicators[area.pk]}
    assert trends["Otrygga"].trend == "better" and trends["I arbete"].trend == "worse"
    assert [year for year, _ in trends["Otrygga"].points] == [2023, 2024]  # not after the year
    assert FollowupRound.objects.get(year=YEAR)


def test_the_page_and_the_export_choose_the_same_pointers(case):
    from django.db.models import Count, Q

    from followup.models import Assessment

    report = case["report"]
    page = analysis.department_alignment(report=report)
    assessments = Assessment.objects.filter(report=report).annotate(
        linked=Count("initiatives", filter=Q(initiatives__state="published"))
    )
    export = analysis.department_alignment(
        report=report, data=analysis.year_data(year=YEAR), assessments=assessments
    )

    def pointers(alignment):
        return [(i.focus_area.code, [e.pk for e in i.examples]) for i in alignment.work_more]

    assert pointers(page) == pointers(export)
    assert [row.change for row in page.rows] == [row.change for row in export.rows]
