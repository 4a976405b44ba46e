"""What a notification costs the request that causes it.

    .venv/bin/python bench/notifications.py [--database sqlite:////tmp/b.sqlite3]

Builds its own database (SQLite in a temporary file unless --database names one, which
must exist and be empty; it is migrated and the real programme loaded), a department with
10 ambassadors and a team of 3, and then, 200 times each, submits an initiative and returns
it with a comment, alternately with notifications silenced and on (rendered in each
recipient's language, written to the outbox, handed to the task backend after the commit).
The mail itself is sent by the worker, not in the request, so this is the whole of what the
action pays. Prints the median and 95th percentile in milliseconds of both and their
difference.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="DATABASE_URL (default: a temporary SQLite file)")
    parser.add_argument("--rounds", type=int, default=200)
    return parser.parse_args()


def main():
    args = parse_args()
    path = None
    if not args.database:
        path = tempfile.mkdtemp(prefix="lkp-bench-")
        args.database = f"sqlite:///{path}/bench.sqlite3"
    os.environ["DATABASE_URL"] = args.database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkp.settings.dev")
    # The worker's backend stays as configured; nothing here runs a worker.
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.core.management import call_command
    from django.db import transaction

    from ambassadors.models import Ambassador, Department
    from core import review
    from initiatives import services
    from initiatives.models import Initiative
    from notifications import services as notifications
    from programme.models import ProgrammeNode

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_programme", "--with-examples", verbosity=0)
    users = get_user_model()
    department = Department.objects.create(
        kind="administration", name="Bänkförvaltningen", short_name="BF"
    )
    ambassadors = []
    for number in range(10):
        user = users.objects.create(username=f"bench-amb-{number}", email=f"a{number}@example.se")
        ambassador = Ambassador.objects.create(user=user, name=f"A {number}", email=user.email)
        ambassador.departments.add(department)
        ambassadors.append(user)
    team = [
        users.objects.create(username=f"bench-team-{n}", email=f"t{n}@example.se", is_staff=True)
        for n in range(3)
    ]
    for member in team:
        member.user_permissions.add(
            *Permission.objects.filter(content_type__app_label="initiatives")
        )
    priority = ProgrammeNode.objects.priorities().first()
    writer, reviewer = ambassadors[0], users.objects.get(pk=team[0].pk)

    def once():
        initiative = services.initiative_create(
            initiative=Initiative(title="Bänk", summary="S", lead_department=department),
            relations={"priorities": [priority]},
            by=writer,
        )
        started = time.perf_counter()
        with transaction.atomic():
            initiative = review.submit(initiative, by=writer)
        with transaction.atomic():
            review.return_with_comment(initiative, by=reviewer, comment="Mer.")
        return (time.perf_counter() - started) * 1000 / 2  # per move

    def summary(times):
        times.sort()
        return statistics.median(times), times[int(len(times) * 0.95)]

    for _ in range(10):  # warm the caches (content types, permissions, templates)
        once()
    silent, loud = [], []
    for _ in range(args.rounds):  # interleaved, so that drift hits both alike
        with notifications.silenced():
            silent.append(once())
        loud.append(once())
    off, on = summary(silent), summary(loud)
    vendor = "PostgreSQL" if args.database.startswith("postgres") else "SQLite"
    print(f"{vendor}, {args.rounds} moves each, team of 3 / 10 ambassadors notified per move")
    print(f"{'':24}{'median ms':>12}{'p95 ms':>10}")
    print(f"{'notifications silenced':24}{off[0]:12.2f}{off[1]:10.2f}")
    print(f"{'notifications on':24}{on[0]:12.2f}{on[1]:10.2f}")
    print(f"{'a notification costs':24}{on[0] - off[0]:12.2f}{on[1] - off[1]:10.2f}")


if __name__ == "__main__":
    main()
