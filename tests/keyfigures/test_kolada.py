"""Key-figure values from Kolada's JSON shape and from csv/xlsx: whole files or nothing,
idempotent, null values, withdrawn rows, unknown KPIs, truncated files; the API fetch with
a stand-in for the network."""

import io
import json
import threading
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import tablib
from django.core.management import CommandError, call_command

from core.importing import ImportRejectedError
from jobs.models import Job
from keyfigures import kolada
from keyfigures.models import Indicator, IndicatorValue, Municipality
from keyfigures.services import indicator_values_import

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


@pytest.fixture
def setup(db):
    call_command("load_municipalities", stdout=io.StringIO())
    create = Indicator.objects.create
    return {
        "population": create(name="Invånare", unit="antal", kolada_id="N00945"),
        "employment": create(name="Förvärvsarbetande", unit="%", kolada_id="N00914"),
    }


def document(*entries, **extra) -> str:
    return json.dumps({"values": list(entries), "count": len(entries), **extra})


def entry(kpi="N00945", municipality="1283", period=2023, values=None, **flags):
    values = (
        values
        if values is not None
        else [
            {"gender": "T", "value": 149280, "count": 1, "status": ""},
        ]
    )
    return {"kpi": kpi, "municipality": municipality, "period": period, "values": values, **flags}


def load(text):
    return indicator_values_import(rows=kolada.parse_kolada_json(text))


def stored():
    return sorted(
        IndicatorValue.objects.values_list(
            "indicator__kolada_id", "municipality__code", "year", "gender", "value"
        )
    )


def test_a_kolada_file_is_imported_and_the_same_file_twice_changes_nothing(setup):
    text = document(
        entry(
            values=[
                {"gender": "T", "value": 149280, "count": 1, "status": ""},
                {"gender": "K", "value": 75500.5, "count": 1, "status": ""},
                {"gender": "M", "value": None, "count": 0, "status": "Missing"},
            ]
        ),
        entry(municipality="0583", period="2023"),
        entry(kpi="N00914", period="2022", values=[{"gender": "T", "value": 78.4}]),
    )
    report = load(text)
    assert (report.created, report.updated, report.unchanged) == (5, 0, 0)
    assert stored() == [
        ("N00914", "1283", 2022, "T", Decimal("78.4")),
        ("N00945", "0583", 2023, "T", Decimal("149280")),
        ("N00945", "1283", 2023, "K", Decimal("75500.5")),
        ("N00945", "1283", 2023, "M", None),
        ("N00945", "1283", 2023, "T", Decimal("149280")),
    ]
    again = load(text)
    assert (again.created, again.updated, again.unchanged, again.deleted) == (0, 0, 5, 0)


def test_a_changed_value_is_updated_and_a_deleted_row_removes_its_value(setup):
    load(document(entry(), entry(period=2022)))
    report = load(
        document(
            entry(values=[{"gender": "T", "value": 150000}]),
            entry(period=2022, is_deleted=True),
        )
    )
    assert (report.updated, report.deleted) == (1, 1)
    assert stored() == [("N00945", "1283", 2023, "T", Decimal("150000"))]
    report = load(document(entry(period=2021, isdeleted=True)))  # nothing there to delete
    assert (report.deleted, report.created) == (0, 0)


def test_municipalities_not_followed_are_passed_over_and_counted(setup):
    report = load(document(entry(), entry(municipality="2480")))
    assert (report.created, report.passed_over) == (1, 1)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (entry(kpi="N99999"), "no key figure has the Kolada id “N99999”"),
        (entry(kpi="945"), "is not a Kolada KPI id"),
        (entry(period="tjugo"), "period “tjugo” is not a year"),
        (entry(municipality="12"), "is not a four-digit code"),
        (entry(values=[{"gender": "X", "value": 1}]), "gender “X” is not T, K or M"),
        (entry(values=[{"gender": "T", "value": "många"}]), "value “många” is not a number"),
        (entry(values=[{"gender": "T", "value": True}]), "is not a number"),
        (entry(values="inga"), 'no list "values"'),
        (entry(period=2024), "the same value is also given at values[1].values[1]"),
    ],
)
def test_a_bad_row_rejects_the_whole_file_and_is_named(setup, bad, message):
    first = entry(period=2024)
    load(document(entry(period=2020)))
    before = stored()
    with pytest.raises(ImportRejectedError) as rejected:
        load(document(first, bad))
    assert any(
        error.startswith("values[2]") and message in error for error in rejected.value.errors
    ), rejected.value.errors
    assert stored() == before


def test_a_truncated_or_foreign_file_is_a_clear_error(setup):
    text = document(entry(), entry(period=2022))
    for broken, message in [
        (text[: len(text) // 2], "not complete JSON"),
        ("[1, 2, 3]", 'expected an object with a list "values"'),
        (b"\xff\xfe", "not complete JSON"),
    ]:
        with pytest.raises(ImportRejectedError, match=message):
            load(broken)
    assert stored() == []


def test_csv_and_xlsx_files_import_the_same_values(setup, tmp_path):
    dataset = tablib.Dataset(headers=["kpi", "municipality", "period", "gender", "value"])
    dataset.append(["N00945", "1283", "2023", "T", "149280"])
    dataset.append(["N00945", "1283", 2023, "K", "75500,5"])  # a decimal comma
    dataset.append(["N00914", "0583", 2022, "T", ""])
    for suffix in ("csv", "xlsx"):
        IndicatorValue.objects.all().delete()
        path = tmp_path / f"values.{suffix}"
        path.write_bytes(
            dataset.export(suffix).encode() if suffix == "csv" else dataset.export(suffix)
        )
        out = io.StringIO()
        call_command("import_kolada", str(path), stdout=out)
        assert "3 created" in out.getvalue()
        assert stored() == [
            ("N00914", "0583", 2022, "T", None),
            ("N00945", "1283", 2023, "K", Decimal("75500.5")),
            ("N00945", "1283", 2023, "T", Decimal("149280")),
        ], suffix


def test_the_command_names_bad_rows_writes_nothing_and_has_a_dry_run(setup, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "kpi,municipality,period,gender,value\nN00945,1283,2023,T,1\nN00945,1283,20x3,T,1\n"
    )
    with pytest.raises(CommandError, match="row 3: period “20x3” is not a year"):
        call_command("import_kolada", str(bad))
    good = tmp_path / "good.json"
    good.write_text(document(entry()))
    out = io.StringIO()
    call_command("import_kolada", str(good), "--dry-run", stdout=out)
    assert "Dry run, nothing written: 1 created" in out.getvalue()
    assert stored() == []


class FakeKolada:
    """Kolada's API on 127.0.0.1: each address answers its list of (status, body) in turn
    (the last one again once the list is used up)."""

    def __init__(self, answers):
        self.answers, self.asked = answers, []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the standard library's name
                fake.asked.append((self.path, self.headers.get("User-Agent", "")))
                queue = next(
                    q for prefix, q in fake.answers.items() if self.path.startswith(prefix)
                )
                status, body = queue.pop(0) if len(queue) > 1 else queue[0]
                body = body.replace("{base}", fake.base)
                self.send_response(status)
                if status == 429:
                    self.send_header("Retry-After", "0")
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body.encode())

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}/v2"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def kolada_server(settings):
    servers = []

    def start(answers):
        server = FakeKolada(answers)
        servers.append(server)
        settings.KOLADA_API = server.base
        settings.KOLADA_BACKOFF_SECONDS = 0
        return server

    yield start
    for server in servers:
        server.close()


def test_fetch_reads_every_page_and_waits_when_kolada_is_busy(setup, kolada_server):
    second = entry(kpi="N00914", values=[{"gender": "T", "value": 70}])
    server = kolada_server(
        {
            "/v2/data/kpi/": [
                (429, "{}"),
                (503, "{}"),
                (200, document(entry(), next_page="{base}/page2")),
            ],
            "/v2/page2": [(200, document(second))],
        }
    )
    out = io.StringIO()
    call_command("fetch_kolada", "--years", "2022-2023", stdout=out)
    paths = [path for path, _agent in server.asked]
    assert paths[0].startswith("/v2/data/kpi/N00914,N00945/municipality/")
    assert "/year/2022,2023?per_page=5000" in paths[0] and "1283" in paths[0]
    assert len(paths) == 4 and paths[3] == "/v2/page2"  # busy, failing, page 1, page 2
    assert all(agent.startswith("lkp-portal/1") for _path, agent in server.asked)
    assert "Kolada, pages read: 2" in out.getvalue() and "2 created" in out.getvalue()
    job = Job.objects.get()
    assert job.state == Job.State.DONE and job.result["created"] == 2
    assert Municipality.objects.count() == 8


def test_a_repeated_page_or_an_outage_is_a_clear_error_and_writes_nothing(
    setup, kolada_server, settings
):
    kolada_server({"/v2/": [(200, document(entry(), next_page="{base}/data/kpi/x"))]})
    with pytest.raises(CommandError, match="Kolada skickade samma sida två gånger"):
        call_command("fetch_kolada", "--years", "2023", stdout=io.StringIO())
    settings.KOLADA_RETRIES = 1
    kolada_server({"/v2/": [(503, "{}")]})
    with pytest.raises(CommandError, match="Kolada svarade 503"):
        call_command("fetch_kolada", "--recent", "2", stdout=io.StringIO())
    assert stored() == []
    assert list(Job.objects.values_list("state", flat=True)) == ["failed", "failed"]


def test_a_dry_run_fetches_and_writes_nothing(setup, kolada_server):
    kolada_server({"/v2/": [(200, document(entry()))]})
    out = io.StringIO()
    call_command("fetch_kolada", "--years", "2023", "--dry-run", stdout=out)
    assert "Checked, nothing written: 1 created" in out.getvalue()
    assert stored() == []


def test_the_team_imports_a_file_in_the_admin_whole_or_not_at_all(setup, client):
    from django.contrib.auth.models import Permission
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import UserFactory

    url = "/admin/keyfigures/indicatorvalue/import/"
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.set(
        Permission.objects.filter(
            codename__in=["view_indicatorvalue", "add_indicatorvalue", "change_indicatorvalue"]
        )
    )
    client.force_login(viewer)
    assert client.get(url).status_code == 403  # editing values is not importing them
    assert client.get("/admin/keyfigures/indicatorvalue/fetch/").status_code == 403
    team = UserFactory(is_staff=True)
    team.user_permissions.set(Permission.objects.filter(content_type__app_label="keyfigures"))
    client.force_login(team)
    assert client.get(url).status_code == 200

    bad = document(entry(), entry(kpi="N99999"))
    response = client.post(url, {"file": SimpleUploadedFile("v.json", bad.encode())})
    assert response.status_code == 200 and "N99999" in response.content.decode()
    assert stored() == []
    good = SimpleUploadedFile("v.json", document(entry()).encode())
    response = client.post(url, {"file": good, "dry_run": "on"})
    assert response.status_code == 302 and stored() == []
    good = SimpleUploadedFile("v.json", document(entry()).encode())
    assert client.post(url, {"file": good}).status_code == 302
    assert len(stored()) == 1
    other = SimpleUploadedFile("v.txt", b"x")
    assert ".json, .csv eller .xlsx" in client.post(url, {"file": other}).content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"value": 1e20}, "is too large"),
        ({"value": "1e300"}, "is too large"),
        ({"period": 1850}, "outside 1900–2200"),
        ({"period": 2301}, "outside 1900–2200"),
    ],
)
def test_a_value_the_column_cannot_hold_is_a_named_row_error(setup, fields, message):
    values = [{"gender": "T", "value": fields.get("value", 1), "count": 1, "status": ""}]
    text = document(entry(period=fields.get("period", 2023), values=values))
    with pytest.raises(ImportRejectedError) as rejected:
        load(text)
    assert rejected.value.errors[0].startswith("values[1].values[1]:")
    assert message in rejected.value.errors[0]
    assert stored() == []


@pytest.mark.parametrize("count", [-1, 2**31])
def test_a_count_outside_the_column_is_a_named_row_error(setup, count):
    text = document(entry(values=[{"gender": "T", "value": 1, "count": count, "status": ""}]))
    with pytest.raises(ImportRejectedError, match="count .* is outside 0–2147483647"):
        load(text)


def test_a_value_with_more_than_six_decimals_is_rounded_once(setup):
    text = document(entry(values=[{"gender": "T", "value": "1.23456789", "status": ""}]))
    assert load(text).created == 1
    assert str(IndicatorValue.objects.get().value) == "1.234568"
    assert load(text).unchanged == 1  # the same file again changes nothing


def test_a_deeply_nested_file_is_a_clear_error(setup):
    with pytest.raises(ImportRejectedError, match="nested too deeply"):
        load('{"values": ' + "[" * 100_000 + "]" * 100_000 + "}")


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_two_imports_at_once_both_finish_one_after_the_other():
    from django.db import connection

    call_command("load_municipalities", stdout=io.StringIO())
    Indicator.objects.create(name="Invånare", unit="antal", kolada_id="N00945")
    values = [
        entry(period=year, values=[{"gender": gender, "value": year, "status": ""}])
        for year in range(2000, 2020)
        for gender in ("T", "K", "M")
    ]
    text = document(*values)
    barrier, outcomes = threading.Barrier(2), []

    def run():
        try:
            barrier.wait()
            outcomes.append(load(text))
        except Exception as error:  # a 500 in the admin would be this
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted((o.created, o.unchanged) for o in outcomes) == [(0, 60), (60, 0)], outcomes
    assert IndicatorValue.objects.count() == 60


def test_a_fetch_of_nothing_is_refused_on_the_form_and_queues_no_job(setup, client):
    """No key figure with a Kolada id, or ids no key figure has: the form says so at once
    rather than the worker failing later."""
    from django.contrib.auth.models import Permission

    from jobs.models import Job
    from tests.factories import UserFactory

    team = UserFactory(is_staff=True)
    team.user_permissions.set(Permission.objects.filter(content_type__app_label="keyfigures"))
    client.force_login(team)
    url = "/admin/keyfigures/indicatorvalue/fetch/"
    unknown = client.post(url, {"first": 2020, "last": 2023, "kpis": "N00945 U99999"})
    assert "Inget nyckeltal har Kolada-id U99999" in unknown.content.decode()
    Indicator.objects.update(kolada_id=None)
    nothing = client.post(url, {"first": 2020, "last": 2023, "kpis": ""})
    assert "Inget nyckeltal har något Kolada-id än" in nothing.content.decode()
    assert not Job.objects.exists()
