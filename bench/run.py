"""Throughput benchmark: the portal under gunicorn (2 sync workers, production settings,
PostgreSQL) against the static-file limit, driven by wrk. Prints a table and writes JSON.

    .venv/bin/python bench/run.py            # about 8 minutes
    .venv/bin/python bench/run.py --quick    # one repeat of 3 s, to try it out

It creates (and recreates) its own database `lkp_bench` on the local PostgreSQL, loads the
real programme with its example priorities and example network (200 initiatives) plus a
generated programme of 2,010 nodes, checks that every address answers 200 with the expected
text, then runs wrk against each target in interleaved repeats. "warm" targets go to a
server with the page cache on; "cold" ones to a second server with it off, so every request
renders the page as the first one after an edit does. Pages are listed in
tests/public_pages.py (bench=True); see README.
"""

import argparse
import json
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

GOALS = {"warm": 0.8, "cold": 0.35, "p99_ms": 100.0}
HEADERS = {"X-Forwarded-Proto": "https"}  # as the TLS-terminating proxy sends it


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="lkp_bench")
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/3")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--output", type=Path, default=BASE_DIR / "bench" / "results.json")
    parser.add_argument("--quick", action="store_true", help="one repeat of 3 s")
    args = parser.parse_args()
    if args.quick:
        args.duration, args.repeats = 3, 1
    return args


def production_env(args, static_root: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lkp.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_URL": "smtp://127.0.0.1:25",
        "DATABASE_URL": f"{args.postgres}/{args.database}",
        "CACHE_URL": args.cache_url,
        "STATIC_ROOT": str(static_root),
        "LOG_LEVEL": "WARNING",
        # The load comes from one address: the per-client throttles would measure themselves.
        "API_THROTTLE_RATE": "100000000/minute",
        "SEARCH_THROTTLE_PER_MINUTE": "100000000",
    }


def manage(env, *command):
    subprocess.run([sys.executable, "manage.py", *command], cwd=BASE_DIR, env=env, check=True)  # noqa: S603


def recreate_database(args):
    import psycopg

    with psycopg.connect(f"{args.postgres}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{args.database}"')


def prepare(args, env):
    recreate_database(args)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "createcachetable")
    manage(env, "collectstatic", "--no-input", "-v0")
    manage(env, "load_programme", "--with-examples", "-v0")
    manage(env, "load_example_network", "--force")
    manage(env, "generate_programme", "--slug", "stort-exempel", "--publish")
    manage(env, "clear_page_cache")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    def __init__(self, env, workers=2):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "lkp.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--worker-class",
                "sync",
                "--log-level",
                "warning",
            ],
            cwd=BASE_DIR,
            env=env,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("gunicorn did not start")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=20)


def fetch(url):
    request = urllib.request.Request(url, headers=HEADERS)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def run_wrk(args, url) -> dict:
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--latency",
        "--timeout",
        "5s",
        "-H",
        "X-Forwarded-Proto: https",
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    latency = {
        percent: float(value) * UNITS[unit]
        for percent, value, unit in re.findall(
            r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M
        )
    }
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p50_ms": latency["50"],
        "p99_ms": latency["99"],
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(map(int, errors.groups())) if errors else 0,
    }


def targets(warm_url, cold_url, static_path):
    """(label, mode, url, expected text, goal) for every run; the pages come from
    tests/public_pages.py. The generated 2,010-node programme is measured for information:
    its page is 1.4 MB, so its rate says more about transfer than about the portal."""
    import django

    django.setup()
    from tests.public_pages import PAGE_TYPES

    pages = [(page.label, page.url("sv"), page.expect) for page in PAGE_TYPES if page.bench]
    large = ("large programme (2,010 nodes)", "/program/stort-exempel/", "Prioritering 10.10.19")
    return [
        ("static file (limit)", "static", warm_url + static_path, "--ink", None),
        ("healthz (floor)", "floor", warm_url + "/healthz", "ok", None),
        *[(label, "warm", warm_url + path, expect, GOALS["warm"]) for label, path, expect in pages],
        (large[0], "warm", warm_url + large[1], large[2], None),
        *[(label, "cold", cold_url + path, expect, None) for label, path, expect in pages],
        (large[0], "cold", cold_url + large[1], large[2], None),
    ]


def main():
    args = parse_args()
    static_root = Path(tempfile.mkdtemp(prefix="lkp-bench-static-"))
    env = production_env(args, static_root)
    os.environ.update(env)
    print(f"Preparing database {args.database} and static files …", flush=True)
    prepare(args, env)
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    static_path = "/static/" + manifest["paths"]["css/site.css"]

    warm = Gunicorn(env)
    cold = Gunicorn({**env, "PAGE_CACHE_SECONDS": "0"})
    try:
        plan = targets(warm.url, cold.url, static_path)
        for label, mode, url, expect, _goal in plan:
            status, body = fetch(url)
            if status != 200 or expect not in body:
                raise SystemExit(
                    f"{label} ({mode}) {url}: status {status}, expected text {expect!r}"
                )
        print(f"All {len(plan)} addresses answer 200 with their expected text.", flush=True)

        runs = {(label, mode): [] for label, mode, *_rest in plan}
        for repeat in range(1, args.repeats + 1):
            for label, mode, url, *_rest in plan:
                result = run_wrk(args, url)
                runs[(label, mode)].append(result)
                print(f"  run {repeat}: {mode:6} {label:32} {result['rps']:8.0f} req/s", flush=True)
    finally:
        warm.stop()
        cold.stop()

    report(args, plan, runs)


def report(args, plan, runs):
    static_runs = runs[("static file (limit)", "static")]
    rows = []
    for label, mode, url, _expect, goal in plan:
        results = runs[(label, mode)]
        ratio = statistics.median(
            r["rps"] / s["rps"] for r, s in zip(results, static_runs, strict=True)
        )
        if label == "whole-programme" and mode == "cold":
            goal = GOALS["cold"]
        rows.append(
            {
                "page": label,
                "mode": mode,
                "path": "/" + url.split("/", 3)[3],
                "rps": round(statistics.median(r["rps"] for r in results), 1),
                "p50_ms": round(statistics.median(r["p50_ms"] for r in results), 2),
                "p99_ms": round(max(r["p99_ms"] for r in results), 2),
                "ratio": round(ratio, 3),
                "goal": goal,
                "meets_goal": None if goal is None else ratio >= goal,
                "requests": sum(r["requests"] for r in results),
                "non_2xx": sum(r["non_2xx"] for r in results),
                "socket_errors": sum(r["socket_errors"] for r in results),
            }
        )
    columns = ("page", "mode", "req/s", "p50 ms", "p99 ms", "ratio", "goal", "non-2xx")
    line = "{:32} {:6} {:>8} {:>7} {:>7} {:>6} {:>5} {:>7}"
    print()
    print(
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s, {args.repeats} "
        "interleaved repeats; req/s and p50: medians; p99: the worst run; ratio: the median "
        "of the per-repeat ratios to the static file"
    )
    print(line.format(*columns))
    print("-" * len(line.format(*columns)))
    for row in rows:
        print(
            line.format(
                row["page"],
                row["mode"],
                f"{row['rps']:.0f}",
                f"{row['p50_ms']:.2f}",
                f"{row['p99_ms']:.2f}",
                f"{row['ratio']:.2f}",
                f"{row['goal']:.2f}" if row["goal"] else "-",
                row["non_2xx"] + row["socket_errors"],
            )
        )
    missed = [
        f"{row['page']} ({row['mode']})"
        for row in rows
        if row["meets_goal"] is False
        or (row["mode"] == "warm" and row["goal"] and row["p99_ms"] >= GOALS["p99_ms"])
        or row["non_2xx"]
        or row["socket_errors"]
    ]
    print()
    print("All goals met." if not missed else "Goals missed: " + ", ".join(missed))
    result = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"cores": os.cpu_count()},
        "wrk": {
            "threads": args.threads,
            "connections": args.connections,
            "duration_s": args.duration,
            "repeats": args.repeats,
        },
        "server": "gunicorn, 2 sync workers, production settings, PostgreSQL, "
        f"cache {args.cache_url.split(':')[0]}",
        "goals": GOALS,
        "rows": rows,
    }
    args.output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"Written to {args.output}")


if __name__ == "__main__":
    main()
