"""Goals-register benchmark: the team's mapping page and its suggestions at the register's
real size (seed 003: 723 goal formulations from about 60 steering documents).

    .venv/bin/python bench/goals.py               # SQLite, a temporary file
    .venv/bin/python bench/goals.py --postgres    # PostgreSQL on 127.0.0.1:5432

It makes a fresh database, loads the real programme with the example priorities, then 60
steering documents with 723 generated formulations whose words come from the programme's
own texts and the staff pages, a third of them mapped. It then times, in-process (median of
5 after a warm-up): the mapping page (10 formulations with their suggestions), the same page
searched by a word and showing only unmapped ones, the suggestions for all 723 at once, and
the public register and a document's page; with the number of queries of each. No goal is
set; the figures go in docs/benchmarks.md. Prints a table; writes nothing but its database.
"""

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench import harness  # noqa: E402 - after the path that finds it

DOCUMENTS, FORMULATIONS = 60, 723


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", nargs="?", const="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="lkp_bench_goals")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def generate():
    import yaml
    from django.core.management import call_command
    from django.utils.html import strip_tags

    from goals.models import GoalFormulation, SteeringDocument
    from programme.models import ProgrammeNode

    rng = random.Random(2026)  # noqa: S311 - benchmark data
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_programme", "--with-examples", verbosity=0)
    priorities = list(ProgrammeNode.objects.priorities())
    pages = yaml.safe_load((BASE_DIR / "data/pages.yaml").read_text())["pages"]
    vocabulary = sorted(
        {
            word
            for text in [*(p.title for p in priorities), *(strip_tags(p["body"]) for p in pages)]
            for word in re.findall(r"[a-zåäö]{4,}", text.lower())
        }
    )
    documents = SteeringDocument.objects.bulk_create(
        SteeringDocument(title=f"Styrdokument {n:02d}", adopted_by="Kommunfullmäktige", year=2020)
        for n in range(DOCUMENTS)
    )
    formulations = GoalFormulation.objects.bulk_create(
        GoalFormulation(
            document=documents[n % DOCUMENTS],
            text=" ".join(rng.choice(vocabulary) for _ in range(rng.randint(6, 16))).capitalize()
            + f" ({n}).",
        )
        for n in range(FORMULATIONS)
    )
    through = GoalFormulation.priorities.through
    through.objects.bulk_create(
        through(goalformulation_id=f.pk, programmenode_id=rng.choice(priorities).pk)
        for f in formulations[: FORMULATIONS // 3]
    )


def measure():
    from django.db import connection
    from django.test import Client

    from goals import selectors
    from goals.models import GoalFormulation, SteeringDocument
    from programme.models import Programme
    from tests.factories import UserFactory

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    client = Client(HTTP_HOST="localhost")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    programme = Programme.objects.current()
    everything = list(GoalFormulation.objects.all())
    document = SteeringDocument.objects.order_by("pk").first()
    cases = [
        (
            "mapping page, 10 with suggestions",
            lambda: client.get("/admin/goals/goalformulation/mapping/"),
        ),
        (
            "mapping page, unmapped, by a word",
            lambda: client.get(
                "/admin/goals/goalformulation/mapping/", {"omappade": "on", "sok": "trygg"}
            ),
        ),
        ("suggestions for all 723", lambda: selectors.suggestions(everything, programme)),
        ("public register", lambda: client.get("/styrdokument/")),
        ("a document's page", lambda: client.get(f"/styrdokument/{document.pk}/")),
    ]
    rows = []
    for label, run in cases:
        run()
        times = []
        for _ in range(5):
            queries: list[str] = []

            def count(execute, sql, *args, queries=queries):
                queries.append(sql)
                return execute(sql, *args)

            with connection.execute_wrapper(count):
                started = time.perf_counter()
                result = run()
                times.append((time.perf_counter() - started) * 1000)
            status = getattr(result, "status_code", 200)
            if status != 200:
                raise SystemExit(f"{label}: answered {status}")
        rows.append(
            {"case": label, "ms": round(statistics.median(times), 1), "queries": len(queries)}
        )
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
    # The team logs in with a second factor; the benchmark measures the pages behind it.
    with tempfile.TemporaryDirectory() as folder:
        if args.postgres:
            url, database = harness.fresh_postgres(args.postgres, args.database), "PostgreSQL"
        else:
            url, database = harness.fresh_sqlite(folder, "goals"), "SQLite"
        rows = harness.run_inner(__file__, url, MFA_REQUIRED="false")
    print(f"Goals register: {DOCUMENTS} documents, {FORMULATIONS} formulations, on {database}")
    print(f"{'case':<40} {'ms':>8} {'queries':>8}")
    for row in rows:
        print(f"{row['case']:<40} {row['ms']:>8} {row['queries']:>8}")


if __name__ == "__main__":
    main()
