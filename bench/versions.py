"""Programme-version benchmark: what a new version of the 2,010-node generated programme
costs (its copy, with every node mapped as kept), and what adopting it costs (the links
carried over to the new nodes).

    .venv/bin/python bench/versions.py               # SQLite, a temporary file
    .venv/bin/python bench/versions.py --postgres    # PostgreSQL on 127.0.0.1:5432

It makes a fresh database, loads the real programme, generates the 2,010-node programme
(`manage.py generate_programme`, 10 × 10 × 19 with three framework tags on each priority)
and links 2,000 example initiatives to its priorities; then times, once each, the copy
(programme.versions.programme_version_start) and the adoption, with their queries. No goal
is set; the figures go in docs/benchmarks.md. Prints a table; writes nothing but its database.
"""

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench import harness  # noqa: E402 - after the path that finds it

INITIATIVES = 2000


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", nargs="?", const="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="lkp_bench_versions")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def generate():
    import io

    from django.core.management import call_command

    from ambassadors.models import Department
    from initiatives.models import Initiative
    from programme.models import ProgrammeNode

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_programme", verbosity=0, stdout=io.StringIO())
    call_command("generate_programme", "--slug", "stort-exempel", stdout=io.StringIO())
    department = Department.objects.create(short_name="BX", name="Benchförvaltningen")
    priorities = list(ProgrammeNode.objects.filter(programme__slug="stort-exempel", depth=3))
    initiatives = Initiative.objects.bulk_create(
        Initiative(title=f"Insats {n}", summary="S", lead_department=department, is_example=True)
        for n in range(INITIATIVES)
    )
    through = Initiative.priorities.through
    through.objects.bulk_create(
        through(initiative_id=initiative.pk, programmenode_id=priorities[n % len(priorities)].pk)
        for n, initiative in enumerate(initiatives)
    )


def measure():
    from django.db import connection

    from programme import versions
    from programme.models import NodeMapping, Programme, ProgrammeNode

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    programme = Programme.objects.get(slug="stort-exempel")
    rows = []

    def timed(label, run):
        queries: list[str] = []

        def count(execute, sql, *args):
            queries.append(sql)
            return execute(sql, *args)

        with connection.execute_wrapper(count):
            started = time.perf_counter()
            result = run()
            seconds = time.perf_counter() - started
        rows.append({"case": label, "s": round(seconds, 2), "queries": len(queries)})
        return result

    version = timed(
        "copy: a new draft version",
        lambda: versions.programme_version_start(
            programme=programme, slug="stort-exempel-2", name="Version 2", valid_from=2031
        ),
    )
    nodes = ProgrammeNode.objects.filter(programme=version).count()
    mapped = NodeMapping.objects.filter(old__programme=programme).count()
    timed("adopt: links carried over", lambda: versions.programme_adopt(version=version))
    rows.append({"case": f"nodes copied {nodes}, mapped {mapped}", "s": "", "queries": ""})
    return rows


def inner():
    import django

    django.setup()
    generate()
    print(json.dumps(measure()))


def main():
    args = parse_args()
    if args.inner:
        return inner()
    with tempfile.TemporaryDirectory() as folder:
        if args.postgres:
            url, database = harness.fresh_postgres(args.postgres, args.database), "PostgreSQL"
        else:
            url, database = harness.fresh_sqlite(folder, "versions"), "SQLite"
        rows = harness.run_inner(__file__, url)
    print(f"Programme versions: 2,010 nodes, {INITIATIVES} linked initiatives, on {database}")
    print(f"{'case':<40} {'s':>8} {'queries':>8}")
    for row in rows:
        print(f"{row['case']:<40} {row['s']:>8} {row['queries']:>8}")


if __name__ == "__main__":
    main()
