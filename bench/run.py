"""Throughput benchmark: the portal under gunicorn (2 sync workers, production settings,
PostgreSQL, Redis) against the static-file limit, driven by wrk. Prints a table and JSON.

    .venv/bin/python bench/run.py              # about 20 minutes
    .venv/bin/python bench/run.py --quick      # one repeat of 3 s, to try it out
    .venv/bin/python bench/run.py --scale 10   # 10× the example data, and how renders grow

It creates (and recreates) its own database `lkp_bench` on the local PostgreSQL, loads the
real programme with its example priorities and example network (200 initiatives) plus a
generated programme of 2,010 nodes, checks that every address answers 200 with the expected
text, then runs wrk against each target in interleaved repeats, in these modes:

- warm: a server with the page cache on, nothing edited;
- edited: the same server while this process edits what the page shows (a node or an
  initiative) every second; a task worker renders stale pages again, and each edit's time
  until a visitor sees it is measured;
- cold: a second server that stores no whole page (PAGE_CACHE_WHOLE_PAGES=0), so every
  request renders the page, reusing its fragments as a logged-in person's request does;
- logged-in: the ambassador's and the team's pages with a session made by logging in
  through the login form (and the second factor) as the example accounts.

Pages are listed in tests/public_pages.py (bench=True); see docs/benchmarks.md.
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
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

# Ratios to the static file's rate, p99 latencies, and the bound within which an edit shows.
GOALS = {
    "warm": 0.9,
    "edited": 0.35,
    "cold": 0.08,
    "cold_whole_programme": 0.12,
    "cold_large_programme": 0.02,
    "p99_stored_ms": 100.0,
    "p99_rendered_ms": 250.0,
    "visible_s": 5.0,
}
LARGE = ("large programme (2,010 nodes)", "/program/stort-exempel/", "Prioritering 10.10.19")
PASSWORD = "lkp-exempel-2026"  # noqa: S105 - the example accounts' documented password
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
    parser.add_argument(
        "--scale",
        type=int,
        default=1,
        help="times the example data (10: 2,000 initiatives, 300 entries, 60 departments "
        "with ten years of reports); above 1, prints how render times grow",
    )
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
        "PAGE_CACHE_STALE_SECONDS": str(GOALS["visible_s"]),
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


class Worker:
    """The task worker, as production runs it (deploy/systemd/lkp-worker.service)."""

    def __init__(self, env):
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "worker", "--no-reload", "--interval", "2"],
            cwd=BASE_DIR,
            env=env,
        )

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


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


def fetch(url, cookie=None):
    headers = {**HEADERS, "Cookie": cookie} if cookie else HEADERS
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def run_wrk(args, url, extra=()) -> dict:
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
        *extra,
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


def run_wrk_with(args, url, cookie=None) -> dict:
    return run_wrk(args, url, extra=["-H", f"Cookie: {cookie}"] if cookie else [])


def public_targets(warm_url, cold_url):
    """(label, mode, url, expected text, goal) for the public pages of
    tests/public_pages.py, the large programme, search and the API's lists."""
    from tests.public_pages import PAGE_TYPES

    pages = [(page.label, page.url("sv"), page.expect) for page in PAGE_TYPES if page.bench]
    stored = [*pages, LARGE]
    rendered = [
        ("search", "/sok/?q=trygghet", "trygghet"),
        ("api: initiatives", "/api/v1/initiatives/", '"results"'),
        ("api: programmes", "/api/v1/programmes/", '"results"'),
    ]
    targets = []
    for mode, base in (("warm", warm_url), ("edited", warm_url), ("cold", cold_url)):
        for label, path, expect in stored:
            targets.append((label, mode, base + path, expect, ratio_goal(label, mode)))
    for label, path, expect in rendered:
        targets.append((label, "cold", cold_url + path, expect, GOALS["cold"]))
    return targets


def ratio_goal(label, mode):
    if mode == "cold":
        return {
            "whole-programme": GOALS["cold_whole_programme"],
            LARGE[0]: GOALS["cold_large_programme"],
        }.get(label, GOALS["cold"])
    return GOALS[mode] if label != LARGE[0] else None


# Logged-in pages ------------------------------------------------------------------------


class Browser:
    """A cookie-keeping client that logs in through the login form."""

    def __init__(self, base):
        from http.cookiejar import CookieJar, DefaultCookiePolicy

        class BehindTheProxy(DefaultCookiePolicy):
            # The portal sets Secure cookies (it is told the request came over HTTPS).
            def return_ok_secure(self, cookie, request):
                return True

        self.base = base
        self.jar = CookieJar(BehindTheProxy())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path):
        request = urllib.request.Request(self.base + path, headers=HEADERS)  # noqa: S310
        with self.opener.open(request, timeout=30) as response:
            return response.geturl(), response.read().decode()

    def post(self, path, fields):
        from urllib.parse import urlencode

        _url, page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urlencode({**fields, "csrfmiddlewaretoken": token}).encode()
        # CSRF checks the Referer against the host over HTTPS, as the proxy presents it.
        headers = {**HEADERS, "Referer": self.base.replace("http:", "https:", 1) + path}
        request = urllib.request.Request(self.base + path, data=data, headers=headers)  # noqa: S310
        with self.opener.open(request, timeout=30) as response:
            return response.geturl(), response.read().decode()

    def cookie(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def second_factor_token(username) -> str:
    """A code of the account's authenticator app: the benchmark enrols one for the team
    (as the team member does on first login) and reads its code as the app would."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
    if device is None:
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.get(username=username)
        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


def log_in(base, username, start) -> str:
    """The session cookie of ``username`` logged in through the login form (and on to the
    page ``start``)."""
    browser = Browser(base)
    url, _page = browser.post(
        "/accounts/login/", {"username": username, "password": PASSWORD, "next": start}
    )
    if "/tva-steg/" in url:
        path = url.split("://", 1)[1].split("/", 1)[1]
        url, _page = browser.post("/" + path, {"code": second_factor_token(username)})
    if "/accounts/login/" in url or "/tva-steg/" in url:
        raise SystemExit(f"could not log in as {username}: ended at {url}")
    return browser.cookie()


def open_report_for(short_name) -> int:
    """The draft report of an open round for ``short_name`` (opened now if none is)."""
    import datetime

    from django.contrib.auth import get_user_model

    from ambassadors.models import Department
    from followup import services
    from followup.models import DepartmentReport, FollowupRound

    report = DepartmentReport.objects.filter(
        department__short_name=short_name, state="draft"
    ).first()
    if report:
        return report.pk
    team = get_user_model().objects.get(username="team")
    department = Department.objects.get(short_name=short_name)
    year = (
        FollowupRound.objects.order_by("-year").values_list("year", flat=True).first() or 2025
    ) + 1
    round_ = services.round_open(
        year=year,
        deadline=datetime.date(year + 1, 2, 15),
        phase="annual_report",
        departments=[department],
        by=team,
    )
    return services.report_start(round_=round_, department=department, by=team).pk


def logged_in_targets(base):
    second_factor_token("team")  # enrolled before the first login, as the team member is
    ambassador = log_in(base, "ambassador-sof", "/ambassador/")
    team = log_in(base, "team", "/admin/")
    report = open_report_for("SOF")
    pages = [
        ("ambassador: overview", "/ambassador/", "Ambassadörssidor", ambassador),
        ("ambassador: initiative form", "/ambassador/insatser/ny/", "Rubrik", ambassador),
        (
            "ambassador: report form",
            f"/ambassador/uppfoljning/rapporter/{report}/andra/",
            "Skriv rapporten",
            ambassador,
        ),
        ("team: admin start", "/admin/", 'id="content-main"', team),
        ("team: initiatives (admin)", "/admin/initiatives/initiative/", 'id="changelist"', team),
    ]
    return [
        (label, "logged-in", base + path, expect, None, cookie)
        for label, path, expect, cookie in pages
    ]


# Edits while the load runs ---------------------------------------------------------------


class Editor(threading.Thread):
    """Edits what a page shows once a second and measures how long until a visitor (a
    request without cookies) sees the edit."""

    def __init__(self, label, url):
        super().__init__(daemon=True)
        self.url = url
        self.edit = self._title_edit(
            self._initiative() if label == "initiative-list" else self._node(label)
        )
        self.visible_after = []
        self.stopping = threading.Event()

    @staticmethod
    def _node(label):
        from programme.models import ProgrammeNode

        slug, code = {LARGE[0]: ("stort-exempel", None)}.get(
            label, ("livskvalitetsprogrammet-2016-2024", "trygghet")
        )
        nodes = ProgrammeNode.objects.filter(programme__slug=slug, depth=2)
        return nodes.get(code=code) if code else nodes.order_by("path").first()

    @staticmethod
    def _initiative():
        from initiatives.models import Initiative

        return Initiative.objects.published().order_by("-published_at", "-pk").first()

    @staticmethod
    def _title_edit(obj):
        """An edit of ``obj``'s title, numbered, saved as the admin saves it."""
        original = obj.title

        def edit(number):
            obj.title = f"{original} ({number})"
            obj.save(update_fields=["title", "updated_at"])
            return obj.title

        return edit

    def run(self):
        import html

        number = 0
        while not self.stopping.is_set():
            number += 1
            started = time.monotonic()
            text = html.escape(self.edit(number), quote=False)
            while not self.stopping.is_set():
                _status, body = fetch(self.url)
                if text in body:
                    self.visible_after.append(time.monotonic() - started)
                    break
                time.sleep(0.05)
            self.stopping.wait(max(0.0, 1.0 - (time.monotonic() - started)))

    def stop(self):
        self.stopping.set()
        self.join(timeout=30)


# Growth from 1× to 10× -------------------------------------------------------------------


def render_times(pages, repeats=15) -> dict:
    """The median time to render each page in this process, in ms: the page cache off,
    fragments too, so that what the data costs shows."""
    from django.test import Client, override_settings

    client = Client(headers=HEADERS)
    times = {}
    with override_settings(PAGE_CACHE_SECONDS=0, ALLOWED_HOSTS=["testserver"]):
        for label, path, _expect in pages:
            client.get(path, secure=True)
            samples = []
            for _ in range(repeats):
                started = time.perf_counter()
                client.get(path, secure=True)
                samples.append((time.perf_counter() - started) * 1000)
            times[label] = statistics.median(samples)
    return times


def grow(scale):
    """Bulk-written data to ``scale`` × the example network: initiatives, knowledge
    entries, departments and ten years of approved reports."""
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from ambassadors.models import Department
    from encyclopedia.models import Entry
    from followup.models import Assessment, DepartmentReport, FollowupRound
    from initiatives.models import Initiative
    from programme.models import Programme, ProgrammeNode

    programme = Programme.objects.get(slug="livskvalitetsprogrammet-2016-2024")
    priorities = list(ProgrammeNode.objects.filter(programme=programme, depth=3))
    areas = list(ProgrammeNode.objects.filter(programme=programme, depth=2).order_by("path"))
    departments = list(Department.objects.all())
    Department.objects.bulk_create(
        Department(kind="administration", name=f"Förvaltning {n:02d}", short_name=f"G{n:02d}")
        for n in range(len(departments), 6 * scale)
    )
    departments = list(Department.objects.all())
    now = timezone.now()
    have = Initiative.objects.count()
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            title=f"Genererad insats {n}",
            summary="Sammanfattning av insatsen.",
            lead_department=departments[n % len(departments)],
            state="published",
            published_at=now - datetime.timedelta(days=1 + n),
            status="ongoing",
        )
        for n in range(have, 200 * scale)
    )
    through = Initiative.priorities.through
    through.objects.bulk_create(
        through(initiative_id=i.pk, programmenode_id=priorities[n % len(priorities)].pk)
        for n, i in enumerate(initiatives)
    )
    have = Entry.objects.count()
    entries = Entry.objects.bulk_create(
        Entry(
            kind="good_example",
            title=f"Genererad artikel {n}",
            summary="En artikel.",
            body="<p>Text.</p>",
            state="published",
            published_at=now - datetime.timedelta(days=1 + n),
        )
        for n in range(have, 30 * scale)
    )
    Entry.nodes.through.objects.bulk_create(
        Entry.nodes.through(entry_id=e.pk, programmenode_id=priorities[n % len(priorities)].pk)
        for n, e in enumerate(entries)
    )
    for year in range(2016, 2026):
        round_, _ = FollowupRound.objects.get_or_create(
            year=year, defaults={"deadline": datetime.date(year + 1, 2, 15)}
        )
        round_.departments.add(*departments)
        reported = set(round_.reports.values_list("department_id", flat=True))
        reports = DepartmentReport.objects.bulk_create(
            DepartmentReport(round=round_, department=d, state="approved", published_at=now)
            for d in departments
            if d.pk not in reported
        )
        Assessment.objects.bulk_create(
            Assessment(report=r, focus_area=a, score=(r.department_id + a.pk + year) % 5)
            for r in reports
            for a in areas
        )
    call_command("clear_page_cache")
    return {
        "initiatives": Initiative.objects.count(),
        "entries": Entry.objects.count(),
        "departments": len(departments),
        "reports": DepartmentReport.objects.count(),
    }


def analyze(args):
    import psycopg

    with psycopg.connect(f"{args.postgres}/{args.database}", autocommit=True) as connection:
        connection.execute("ANALYZE")


def main():
    args = parse_args()
    static_root = Path(tempfile.mkdtemp(prefix="lkp-bench-static-"))
    env = production_env(args, static_root)
    os.environ.update(env)
    print(f"Preparing database {args.database} and static files …", flush=True)
    prepare(args, env)
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    static_path = "/static/" + manifest["paths"]["css/site.css"]

    import django

    django.setup()
    from tests.public_pages import PAGE_TYPES

    growth = None
    if args.scale > 1:
        pages = [(p.label, p.url("sv"), p.expect) for p in PAGE_TYPES if p.bench] + [LARGE]
        analyze(args)
        before = render_times(pages)
        print(f"Growing the data to {args.scale}× …", flush=True)
        print("  " + ", ".join(f"{k}: {v:,}" for k, v in grow(args.scale).items()), flush=True)
        analyze(args)
        after = render_times(pages)
        growth = {label: (before[label], after[label]) for label in before}

    warm = Gunicorn(env)
    # Cold: every page rendered (no stored page), its fragments kept, as for a logged-in person.
    cold = Gunicorn({**env, "PAGE_CACHE_WHOLE_PAGES": "0"})
    worker = Worker(env)
    try:
        plan = [
            ("static file (limit)", "static", warm.url + static_path, "--ink", None, None),
            ("healthz (floor)", "floor", warm.url + "/healthz", "ok", None, None),
            *[(*target, None) for target in public_targets(warm.url, cold.url)],
            *logged_in_targets(warm.url),
        ]
        wrong = []
        for label, mode, url, expect, _goal, cookie in plan:
            status, body = fetch(url, cookie)
            if status != 200 or expect not in body:
                wrong.append(f"{label} ({mode}) {url}: status {status}, expected {expect!r}")
        if wrong:
            raise SystemExit("\n".join(wrong))
        print(f"All {len(plan)} addresses answer 200 with their expected text.", flush=True)

        runs = {(label, mode): [] for label, mode, *_rest in plan}
        visible = {}
        for repeat in range(1, args.repeats + 1):
            for label, mode, url, _expect, _goal, cookie in plan:
                editor = Editor(label, url) if mode == "edited" else None
                if editor:
                    editor.start()
                result = run_wrk_with(args, url, cookie)
                if editor:
                    editor.stop()
                    visible.setdefault(label, []).extend(editor.visible_after)
                runs[(label, mode)].append(result)
                print(f"  run {repeat}: {mode:9} {label:32} {result['rps']:8.0f} req/s", flush=True)
    finally:
        worker.stop()
        warm.stop()
        cold.stop()

    report(args, plan, runs, visible, growth)


def report(args, plan, runs, visible, growth):
    static_runs = runs[("static file (limit)", "static")]
    rows = []
    for label, mode, url, _expect, goal, _cookie in plan:
        results = runs[(label, mode)]
        ratio = statistics.median(
            r["rps"] / s["rps"] for r, s in zip(results, static_runs, strict=True)
        )
        p99 = max(r["p99_ms"] for r in results)
        p99_goal = (
            GOALS["p99_stored_ms"]
            if mode in ("warm", "edited") and label != LARGE[0]
            else GOALS["p99_rendered_ms"]
            if mode in ("cold", "logged-in") and label != LARGE[0]
            else None
        )
        seen = visible.get(label) if mode == "edited" else None
        row = {
            "page": label,
            "mode": mode,
            "path": "/" + url.split("/", 3)[3],
            "rps": round(statistics.median(r["rps"] for r in results), 1),
            "p50_ms": round(statistics.median(r["p50_ms"] for r in results), 2),
            "p99_ms": round(p99, 2),
            "ratio": round(ratio, 3),
            "goal": goal,
            "p99_goal_ms": p99_goal,
            "edits": len(seen) if seen is not None else None,
            "visible_max_s": round(max(seen), 2) if seen else None,
            "visible_median_s": round(statistics.median(seen), 2) if seen else None,
            "requests": sum(r["requests"] for r in results),
            "non_2xx": sum(r["non_2xx"] for r in results),
            "socket_errors": sum(r["socket_errors"] for r in results),
        }
        row["meets_goal"] = (
            (goal is None or ratio >= goal)
            and (p99_goal is None or p99 < p99_goal)
            and (seen is None or (bool(seen) and max(seen) <= GOALS["visible_s"]))
            and not row["non_2xx"]
            and not row["socket_errors"]
        )
        rows.append(row)
    columns = (
        "page",
        "mode",
        "req/s",
        "p50 ms",
        "p99 ms",
        "ratio",
        "goal",
        "visible s",
        "non-2xx",
        "",
    )
    line = "{:32} {:9} {:>8} {:>7} {:>8} {:>6} {:>5} {:>10} {:>7} {:>4}"
    print()
    print(
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s, {args.repeats} "
        "interleaved repeats; req/s and p50: medians; p99: the worst run; ratio: the median "
        "of the per-repeat ratios to the static file; visible: the median and the longest "
        "time from an edit to a visitor seeing it"
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
                f"{row['ratio']:.3f}",
                f"{row['goal']:.2f}" if row["goal"] else "-",
                f"{row['visible_median_s']}/{row['visible_max_s']}" if row["edits"] else "-",
                row["non_2xx"] + row["socket_errors"],
                "ok" if row["meets_goal"] else "MISS",
            )
        )
    if growth:
        print()
        print(f"Rendered in-process (median of 15, ms), 1× → {args.scale}× the example data:")
        for label, (before, after) in growth.items():
            print(f"  {label:32} {before:8.1f} → {after:8.1f}  ×{after / before:.2f}")
    missed = [f"{row['page']} ({row['mode']})" for row in rows if not row["meets_goal"]]
    print()
    print("All goals met." if not missed else "Goals missed: " + ", ".join(missed))
    result = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"cores": os.cpu_count()},
        "scale": args.scale,
        "wrk": {
            "threads": args.threads,
            "connections": args.connections,
            "duration_s": args.duration,
            "repeats": args.repeats,
        },
        "server": "gunicorn, 2 sync workers, production settings, PostgreSQL, "
        f"cache {args.cache_url.split(':')[0]}, one task worker",
        "goals": GOALS,
        "rows": rows,
        "growth_ms": {k: [round(a, 2), round(b, 2)] for k, (a, b) in (growth or {}).items()},
    }
    args.output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"Written to {args.output}")


if __name__ == "__main__":
    main()
