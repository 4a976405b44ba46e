"""Key-figure values from Kolada's JSON shape and from csv/xlsx: whole files or nothing,
idempotent, null values, withdrawn rows, unknown KPIs, truncated files; the API fetch with
a stand-in for the network."""

import io
import json
from decimal import Decimal

import pytest
import tablib
from django.core.management import CommandError, call_command

from core.importing import ImportRejectedError
from followup import kolada
from followup.models import Indicator, IndicatorValue, Municipality
from followup.services import indicator_values_import

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


def test_fetch_reads_every_page_of_the_api_and_imports_them_whole(setup, monkeypatch):
    second = entry(kpi="N00914", values=[{"gender": "T", "value": 70}])
    pages = {
        "https://api.kolada.se/v2/data/kpi/N00914,N00945/municipality/": document(
            entry(), next_page="https://api.kolada.se/page2"
        ),
        "https://api.kolada.se/page2": document(second),
    }
    asked = []

    def fake_urlopen(url, timeout):
        asked.append(url)
        text = next(body for prefix, body in pages.items() if url.startswith(prefix))
        return io.BytesIO(text.encode())

    monkeypatch.setattr(kolada, "urlopen", fake_urlopen)
    out = io.StringIO()
    call_command("fetch_kolada", "--years", "2022-2023", stdout=out)
    assert asked[0].endswith("/year/2022,2023") and "1283" in asked[0] and "0583" in asked[0]
    assert len(asked) == 2
    assert "2 created" in out.getvalue()
    assert Municipality.objects.count() == 8


def test_the_team_imports_a_file_in_the_admin_whole_or_not_at_all(setup, client):
    from django.contrib.auth.models import Permission
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import UserFactory

    url = "/admin/followup/indicatorvalue/import/"
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_indicatorvalue"))
    client.force_login(viewer)
    assert client.get(url).status_code == 403
    team = UserFactory(is_staff=True)
    team.user_permissions.set(Permission.objects.filter(content_type__app_label="followup"))
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
