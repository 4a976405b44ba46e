"""Search benchmark: every source at 20,000 published initiatives, on PostgreSQL and SQLite.

    .venv/bin/python bench/search.py              # needs PostgreSQL on 127.0.0.1:5432
    .venv/bin/python bench/search.py --only sqlite

For each database it makes a fresh one (PostgreSQL `lkp_bench_search`, or a temporary SQLite
file), loads the real programme with the example priorities, the example follow-up and goals,
then 20,000 published initiatives of 84 words each, drawn from the words of the real staff
pages with 3 % topic words and compounds among them ("trygghet", "cykelstråk",
"trygghetsvandringar", "folkhälsoarbete"), each on one or two priorities. It then times
`search.selectors.search` in-process (median of 5 after one warm-up, so the dictionary is
loaded) for a word, a compound's last part, a compound, two words, and one kind's third
page, with the number of queries and hits. No goal is set; the figures go in docs/benchmarks.md.
Prints a table; writes nothing but its databases.
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

# What the texts say about: each initiative has a few of these among ordinary words.
TOPICS = (
    "trygghet cykel stråk skola förening barn unga äldre park grönska kultur idrott möte "
    "dialog boende hälsa miljö energi mat lärande språk cykelstråk trygghetsvandringar "
    "folkhälsoarbete ungdomsgård parkmiljö kulturskola idrottsförening "
    "energieffektivisering matsvinn språkcafé"
).split()
TOPIC_SHARE = 0.03
QUERIES = [
    ("a word", "trygghet", {}),
    ("a compound's last part", "stråk", {}),
    ("a compound", "cykelstråk", {}),
    ("two words", "cykel trygghet", {}),
    ("initiatives, page 3", "trygghet", {"kind": "initiative", "page": 3}),
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="lkp_bench_search")
    parser.add_argument("--initiatives", type=int, default=20_000)
    parser.add_argument("--only", choices=["postgresql", "sqlite"])
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def generate(count):
    import yaml
    from django.core.management import call_command
    from django.utils import timezone
    from django.utils.html import strip_tags

    from ambassadors.models import Department
    from initiatives.models import Initiative
    from programme.models import ProgrammeNode

    rng = random.Random(2026)  # noqa: S311 - benchmark data
    call_command("migrate", verbosity=0)
    call_command("load_programme", "--with-examples", verbosity=0)
    call_command("load_example_network", verbosity=0)
    call_command("load_example_followup", verbosity=0)
    call_command("load_example_keyfigures", verbosity=0)
    call_command("load_example_goals", verbosity=0)
    departments = list(Department.objects.all())
    priorities = list(ProgrammeNode.objects.filter(depth=3))

    # Ordinary words: those of the real staff pages.
    ordinary = sorted(
        {
            word
            for page in yaml.safe_load((BASE_DIR / "data/pages.yaml").read_text())["pages"]
            for word in re.findall(r"[a-zåäö]{3,}", strip_tags(page["body"]).lower())
        }
        - set(TOPICS)
    )

    def sentence(words):
        return (
            " ".join(
                rng.choice(TOPICS) if rng.random() < TOPIC_SHARE else rng.choice(ordinary)
                for _ in range(words)
            ).capitalize()
            + "."
        )

    now = timezone.now()
    created = Initiative.objects.bulk_create(
        (
            Initiative(
                title=sentence(4),
                summary=sentence(20),
                body=f"<p>{sentence(60)}</p>",
                lead_department=departments[n % len(departments)],
                state="published",
                published_at=now,
            )
            for n in range(count)
        ),
        batch_size=2000,
    )
    through = Initiative.priorities.through
    through.objects.bulk_create(
        (
            through(initiative_id=initiative.pk, programmenode_id=priority.pk)
            for initiative in created
            for priority in rng.sample(priorities, k=rng.choice([1, 2]))
        ),
        batch_size=5000,
    )


def measure():
    from django.db import connection

    from search import selectors

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    rows = []
    for label, query, filters in QUERIES:
        options = {"filters": selectors.Filters(**filters)}
        selectors.search(query, **options)  # warm-up
        times = []
        for _ in range(5):
            queries: list[str] = []

            def count(run, sql, *args, queries=queries):
                queries.append(sql)
                return run(sql, *args)

            with connection.execute_wrapper(count):
                started = time.perf_counter()
                results = selectors.search(query, **options)
                times.append((time.perf_counter() - started) * 1000)
        rows.append(
            {
                "search": f"{label}: {query}",
                "ms": round(statistics.median(times), 1),
                "queries": len(queries),
                "hits": results.total,
            }
        )
    return rows


def inner(args):
    import django

    django.setup()
    generate(args.initiatives)
    print(json.dumps(measure()))


def run(database_url, args):
    return harness.run_inner(__file__, database_url, "--initiatives", str(args.initiatives))


def main():
    args = parse_args()
    if args.inner:
        return inner(args)
    results = {}
    if args.only != "sqlite":
        results["PostgreSQL"] = run(harness.fresh_postgres(args.postgres, args.database), args)
    if args.only != "postgresql":
        with tempfile.TemporaryDirectory() as folder:
            results["SQLite"] = run(harness.fresh_sqlite(folder, "search"), args)
    print(f"Search over {args.initiatives:,} published initiatives and every other source")
    print(f"{'database':<11} {'search':<40} {'ms':>8} {'queries':>8} {'hits':>7}")
    for database, rows in results.items():
        for row in rows:
            print(
                f"{database:<11} {row['search']:<40} {row['ms']:>8} "
                f"{row['queries']:>8} {row['hits']:>7}"
            )


if __name__ == "__main__":
    main()
