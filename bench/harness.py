"""What the in-process benchmarks share: a fresh database to measure in, and the run of
the benchmark's own script in a child process against it (so that each starts Django with
that database). The child prints its rows as JSON on its last line."""

import json
import os
import subprocess
import sys
from pathlib import Path


def fresh_postgres(server: str, name: str) -> str:
    """``name`` dropped and created again on ``server``; its URL."""
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def fresh_sqlite(folder: str, name: str) -> str:
    return f"sqlite:///{Path(folder) / name}.sqlite3"


def run_inner(script: str, database_url: str, *arguments: str, **environment: str) -> list:
    """``script --inner`` against ``database_url`` with the development settings (and
    ``environment``); the rows it printed. Its error output on failure."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lkp.settings.dev",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": database_url,
        **environment,
    }
    output = subprocess.run(
        [sys.executable, script, "--inner", *arguments], env=env, capture_output=True, text=True
    )
    if output.returncode:
        raise SystemExit(output.stderr[-2000:])
    return json.loads(output.stdout.strip().splitlines()[-1])
