"""The backup and restore drill at the benchmark's scale.

    .venv/bin/python bench/followup.py        # builds lkp_bench_followup (once)
    .venv/bin/python bench/backup.py [--database lkp_bench_followup]

Runs `manage.py backup` on the database, then `manage.py restore` of the archive into a new
empty database (dropped afterwards), each in its own process as an operator would, and
prints the seconds of each, the archive's size and the rows restored.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="lkp_bench_followup")
    return parser.parse_args()


def manage(env, *command):
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603 - the project's own manage.py
        [sys.executable, "manage.py", *command],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(command)} failed:\n{result.stderr}")
    return time.perf_counter() - started, result.stdout.strip().splitlines()[-1]


def psql(args, sql):
    subprocess.run(  # noqa: S603
        ["psql", f"{args.postgres}/postgres", "-q", "-c", sql],  # noqa: S607
        check=True,
        capture_output=True,
    )


def main():
    args = parse_args()
    target = f"{args.database}_restore"
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        base = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "lkp.settings.test",
            "AXES_VERBOSE": "false",
        }
        source = base | {
            "DATABASE_URL": f"{args.postgres}/{args.database}",
            "MEDIA_ROOT": str(work / "media"),
            "PRIVATE_FILES_ROOT": str(work / "private"),
        }
        backup_seconds, said = manage(source, "backup", "--output", str(work / "backups"))
        archive = next((work / "backups").glob("*.tar"))
        size = archive.stat().st_size
        psql(args, f'DROP DATABASE IF EXISTS "{target}"')
        psql(args, f'CREATE DATABASE "{target}"')
        try:
            restored = base | {
                "DATABASE_URL": f"{args.postgres}/{target}",
                "MEDIA_ROOT": str(work / "restored-media"),
                "PRIVATE_FILES_ROOT": str(work / "restored-private"),
            }
            restore_seconds, restored_said = manage(restored, "restore", str(archive))
        finally:
            psql(args, f'DROP DATABASE IF EXISTS "{target}"')
    print(f"backup:  {backup_seconds:6.1f} s  {said}")
    print(f"restore: {restore_seconds:6.1f} s  {restored_said}")
    print(f"archive: {size / 1e6:6.1f} MB")


if __name__ == "__main__":
    main()
