"""Follow-up benchmark: the annual export and the public follow-up pages at city scale.

    .venv/bin/python bench/followup.py            # needs PostgreSQL on 127.0.0.1:5432

It recreates its own database `lkp_bench_followup`, loads the real programme (with the
example priorities), then generates 60 departments × 10 years × 15 focus areas of approved
reports, 20,000 published initiatives linked to them, and 300 key figures × 10 years × 3
genders of values. It then runs `manage.py export_followup YEAR --format xlsx` in its own
process (seconds and peak resident memory), and renders the city overview and every
department page in-process (seconds and query counts). Goals on the 2-core machine: the
export under 3 s and 300 MB; page query counts that do not grow with the data (the tests
assert the same counts on small data). Prints a table; writes nothing but the database.
"""

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
GOALS = {"export_seconds": 3.0, "export_mb": 300.0}
YEAR = 2025


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="lkp_bench_followup")
    parser.add_argument("--departments", type=int, default=60)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--initiatives", type=int, default=20_000)
    parser.add_argument("--indicators", type=int, default=300)
    return parser.parse_args()


def recreate_database(args):
    import psycopg

    with psycopg.connect(f"{args.postgres}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{args.database}"')


def generate(args):
    """Bulk-written data of the benchmark's size (the services are tested elsewhere)."""
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from ambassadors.models import Department
    from followup.models import Assessment, DepartmentReport, FollowupRound
    from initiatives.models import Initiative
    from keyfigures.models import Indicator, IndicatorValue, Municipality
    from programme.models import ProgrammeNode

    rng = random.Random(2026)  # noqa: S311 - benchmark data
    call_command("migrate", verbosity=0)
    call_command("load_programme", "--with-examples", verbosity=0)
    call_command("load_municipalities", verbosity=0)
    areas = list(ProgrammeNode.objects.filter(depth=2).order_by("path"))
    priorities = list(ProgrammeNode.objects.filter(depth=3).order_by("path"))
    area_of = {p.pk: next(a for a in areas if p.path.startswith(a.path)) for p in priorities}
    departments = Department.objects.bulk_create(
        Department(kind="administration", name=f"Förvaltning {n:02d}", short_name=f"F{n:02d}")
        for n in range(args.departments)
    )
    now = timezone.now()
    initiatives = Initiative.objects.bulk_create(
        (
            Initiative(
                title=f"Insats {n}",
                summary="Sammanfattning av insatsen.",
                lead_department=departments[n % len(departments)],
                state="published",
                published_at=now,
                status="ongoing",
                starts_on=datetime.date(YEAR - rng.randrange(args.years), 1 + n % 12, 1),
            )
            for n in range(args.initiatives)
        ),
        batch_size=2000,
    )
    through = Initiative.priorities.through
    chosen = {i.pk: rng.sample(priorities, k=rng.choice([1, 1, 2])) for i in initiatives}
    through.objects.bulk_create(
        (through(initiative_id=pk, programmenode_id=p.pk) for pk, ps in chosen.items() for p in ps),
        batch_size=5000,
    )
    first = YEAR - args.years + 1
    rounds = FollowupRound.objects.bulk_create(
        FollowupRound(year=year, deadline=datetime.date(year + 1, 2, 15))
        for year in range(first, YEAR + 1)
    )
    for round_ in rounds:
        round_.departments.set(departments)
    reports = DepartmentReport.objects.bulk_create(
        (
            DepartmentReport(
                round=r,
                department=d,
                state="approved",
                published_at=now,
                next_year_plans="Planer för nästa år.",
            )
            for r in rounds
            for d in departments
        ),
        batch_size=2000,
    )
    assessments = Assessment.objects.bulk_create(
        (
            Assessment(
                report=report,
                focus_area=area,
                score=rng.randint(0, 4),
                what_we_did="Vad vi gjorde.",
                what_it_changed="Vad det förändrade.",
                what_we_learned="Vad vi lärde oss.",
            )
            for report in reports
            for area in areas
        ),
        batch_size=5000,
    )
    index = {
        (a.report.round.year, a.report.department_id, a.focus_area_id): a.pk for a in assessments
    }
    links = {
        (index[(i.starts_on.year, i.lead_department_id, area_of[p.pk].pk)], i.pk)
        for i in initiatives
        for p in chosen[i.pk]
    }
    linked = Assessment.initiatives.through
    linked.objects.bulk_create(
        (linked(assessment_id=a, initiative_id=i) for a, i in links), batch_size=5000
    )
    municipality = Municipality.objects.get(code="1283")
    indicators = Indicator.objects.bulk_create(
        Indicator(name=f"Nyckeltal {n:03d}", unit="%", kolada_id=f"N{n:05d}")
        for n in range(args.indicators)
    )
    Indicator.focus_areas.through.objects.bulk_create(
        Indicator.focus_areas.through(indicator_id=ind.pk, programmenode_id=areas[n % 15].pk)
        for n, ind in enumerate(indicators)
    )
    IndicatorValue.objects.bulk_create(
        (
            IndicatorValue(
                indicator=ind,
                municipality=municipality,
                year=year,
                gender=gender,
                value=rng.uniform(10, 90),
            )
            for ind in indicators
            for year in range(first, YEAR + 1)
            for gender in "TKM"
        ),
        batch_size=5000,
    )
    return {
        "departments": len(departments),
        "reports": len(reports),
        "assessments": len(assessments),
        "initiatives": len(initiatives),
        "assessment links": len(links),
        "indicator values": IndicatorValue.objects.count(),
    }


def time_export(env, fmt="xlsx") -> tuple[float, float, int]:
    """Seconds, peak resident MB of the export process (the largest child so far: run the
    smaller export first), and the file's size."""
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / f"export.{fmt}"
        started = time.perf_counter()
        subprocess.run(  # noqa: S603
            [
                sys.executable,
                "manage.py",
                "export_followup",
                str(YEAR),
                "--format",
                fmt,
                "--output",
                str(output),
            ],
            cwd=BASE_DIR,
            env=env,
            check=True,
            capture_output=True,
        )
        seconds = time.perf_counter() - started
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        return seconds, peak_kb / 1024, output.stat().st_size


def time_pages(departments: list[str]) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()

    def measure(address, repeats):
        seconds = []
        for _ in range(repeats):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(address)
                seconds.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise SystemExit(f"{address} answered {response.status_code}")
        return statistics.median(seconds), len(queries.captured_queries)

    overview = measure(f"/uppfoljning/{YEAR}/", 5)
    pages = [measure(f"/uppfoljning/{YEAR}/{short}/", 1) for short in departments]
    return {
        "overview": overview,
        "department_seconds": (min(p[0] for p in pages), max(p[0] for p in pages)),
        "department_queries": sorted({p[1] for p in pages}),
    }


def main():
    args = parse_args()
    recreate_database(args)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lkp.settings.test",
        "DATABASE_URL": f"{args.postgres}/{args.database}",
        "PAGE_CACHE_SECONDS": "0",
        "ALLOWED_HOSTS": "testserver,127.0.0.1",
    }
    os.environ.update(env)
    import django

    django.setup()
    started = time.perf_counter()
    sizes = generate(args)
    from django.db import connection

    with connection.cursor() as cursor:
        # As autovacuum does after a bulk load: without statistics the planner takes the
        # 20,000 fresh initiatives for one row and loops over them (0.4 s a query).
        cursor.execute("ANALYZE")
    print(
        f"Generated in {time.perf_counter() - started:.1f} s: "
        + ", ".join(f"{value:,} {name}" for name, value in sizes.items())
    )
    seconds, megabytes, size = time_export(env)
    pdf_seconds, pdf_megabytes, pdf_size = time_export(env, "pdf")
    from ambassadors.models import Department

    pages = time_pages(list(Department.objects.values_list("short_name", flat=True)))
    overview_seconds, overview_queries = pages["overview"]
    fastest, slowest = (seconds * 1000 for seconds in pages["department_seconds"])
    export_met = seconds < GOALS["export_seconds"] and megabytes < GOALS["export_mb"]
    rows = [
        (
            "export_followup xlsx",
            f"{seconds:.2f} s",
            f"{megabytes:.0f} MB peak, {size:,} bytes",
            "met" if export_met else "missed",
        ),
        (
            "annual report pdf",
            f"{pdf_seconds:.2f} s",
            f"{pdf_megabytes:.0f} MB peak, {pdf_size:,} bytes",
            "",
        ),
        ("city overview", f"{overview_seconds * 1000:.0f} ms", f"{overview_queries} queries", ""),
        (
            "department pages",
            f"{fastest:.0f}–{slowest:.0f} ms",
            f"{', '.join(map(str, pages['department_queries']))} queries",
            "",
        ),
    ]
    print(f"\n{'target':<22} {'time':>12}  {'measure':<34} goal")
    for name, time_text, measure, goal in rows:
        print(f"{name:<22} {time_text:>12}  {measure:<34} {goal}")
    print(
        f"\nGoals: export under {GOALS['export_seconds']} s and {GOALS['export_mb']} MB; "
        "query counts as in tests/followup/test_views.py, the same for every department."
    )


if __name__ == "__main__":
    main()
