"""The key-figure files: any json document and any table, given as Kolada's shape or as a
csv/xlsx sheet, is read into values the database can hold or refused with messages that
name their place; and whatever is read imports whole or is refused, writing nothing."""

import io
import json
import re

import pytest
import tablib
from django.core.management import call_command
from django.db import transaction
from hypothesis import event, given
from hypothesis import strategies as st

from core.importing import ImportRejectedError
from core.tables import xlsx_text
from keyfigures import kolada
from keyfigures.models import Indicator, IndicatorValue
from keyfigures.services import indicator_values_import

from .strategies import awkward_text, csv_text, number_text, numbers, tables

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]

#: Where a message may point: a value of the json, a row of the table, or the file.
PLACE = re.compile(r"^(values\[\d+\]|row \d+|file|line \d+|the (file|header|first row))")
KPIS = ["N00945", "N00914", "U00001", "X1"]

leaves = st.one_of(
    st.none(),
    st.booleans(),
    numbers,
    st.floats(allow_nan=True, allow_infinity=True),
    awkward_text,
    number_text,
    st.sampled_from(KPIS + ["1283", "0583", "T", "K", "M", "2023", "true"]),
)
any_json = st.recursive(
    leaves,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(awkward_text, inner)),
    max_leaves=20,
)


def kolada_values():
    """Documents in Kolada's shape with anything in its fields."""
    value = st.fixed_dictionaries(
        {"gender": leaves, "value": leaves},
        optional={"count": leaves, "status": leaves, "isdeleted": leaves},
    )
    item = st.fixed_dictionaries(
        {
            "kpi": st.one_of(st.sampled_from(KPIS), leaves),
            "municipality": st.one_of(st.sampled_from(["1283", "0583"]), leaves),
            "period": st.one_of(st.integers(1850, 2300), leaves),
            "values": st.one_of(st.lists(value, max_size=3), leaves),
        }
    )
    return st.fixed_dictionaries({"values": st.lists(item, max_size=4)})


@pytest.fixture
def indicators(db):
    call_command("load_municipalities", stdout=io.StringIO())
    Indicator.objects.create(name="Invånare", unit="antal", kolada_id="N00945")
    Indicator.objects.create(name="Förvärvsarbetande", unit="%", kolada_id="N00914")


def check_rows(rows: list[kolada.ValueRow]) -> None:
    for row in rows:
        assert kolada.FIRST_YEAR <= row.year <= kolada.LAST_YEAR
        assert row.value is None or abs(row.value) < kolada.LARGEST_VALUE
        assert row.value is None or row.value == row.value.quantize(kolada.DECIMALS)
        assert row.count is None or 0 <= row.count <= kolada.LARGEST_COUNT


def check_import(rows: list[kolada.ValueRow]) -> None:
    with transaction.atomic():
        before = list(IndicatorValue.objects.order_by("pk").values_list())
        try:
            indicator_values_import(rows=rows)
        except ImportRejectedError as refused:
            assert refused.errors
            assert list(IndicatorValue.objects.order_by("pk").values_list()) == before
            event("refused at import")
        else:
            # The same rows again change nothing.
            report = indicator_values_import(rows=rows)
            assert (report.created, report.updated) == (0, 0)
            event("imported")
        transaction.set_rollback(True)


def read(name: str, content: bytes) -> list[kolada.ValueRow] | None:
    try:
        rows = kolada.read_upload(name, content)
    except ImportRejectedError as refused:
        assert refused.errors and all(PLACE.match(error) for error in refused.errors), (
            refused.errors
        )
        event("refused when read")
        return None
    check_rows(rows)
    return rows


@given(document=st.one_of(any_json, kolada_values()))
def test_any_json_is_read_into_storable_values_or_refused(indicators, document):
    try:
        content = json.dumps(document).encode()
    except ValueError:
        return  # not json at all (json.dumps refuses nothing here, but be plain about it)
    rows = read("values.json", content)
    if rows is not None:
        check_import(rows)


@given(data=st.data())
def test_any_table_is_read_into_storable_values_or_refused(indicators, data):
    cells = st.one_of(leaves.map(lambda value: "" if value is None else str(value)), number_text)
    likely = st.lists(
        st.tuples(
            st.sampled_from(KPIS),
            st.sampled_from(["1283", "0583", "9999"]),
            st.one_of(st.integers(1990, 2030).map(str), number_text),
            st.sampled_from(["T", "K", "M", "k", "X"]),
            number_text,
            st.one_of(st.just(""), number_text),
        ).map(list),
        min_size=1,
        max_size=5,
    ).map(lambda rows: ([*kolada.TABLE_COLUMNS, "count"], rows))
    header, rows = data.draw(
        st.one_of(tables([*kolada.TABLE_COLUMNS, "count", "status"], cells), likely)
    )
    as_xlsx = data.draw(st.booleans())
    if as_xlsx:
        dataset = tablib.Dataset(headers=header)
        for cells_ in rows:
            padded = [*cells_, *[""] * (len(header) - len(cells_))][: len(header)]
            dataset.append([xlsx_text(cell) for cell in padded])
        content, name = dataset.export("xlsx"), "values.xlsx"
    else:
        content, name = csv_text(header, rows).encode(), "values.csv"
    values = read(name, content)
    if values is not None:
        check_import(values)


@given(content=st.binary(max_size=200), suffix=st.sampled_from(["json", "csv", "xlsx", "txt"]))
def test_any_bytes_are_refused_with_a_message(indicators, content, suffix):
    read(f"values.{suffix}", content)
