"""Reading key-figure values from Kolada's JSON shape, from csv/xlsx, and from Kolada's API.

Kolada answers ``{"values": [{"kpi": "N00945", "municipality": "1283", "period": 2023,
"values": [{"gender": "T", "value": 984748, "count": 1, "status": ""}, …]}, …], …}``.
``period`` may be a string or a number, ``value`` may be null, and a row may carry
``is_deleted`` or ``isdeleted`` (a value Kolada withdrew). Every reader returns the same
ValueRow list, or raises ImportRejectedError naming every bad row; nothing is written here.
"""

import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from urllib.parse import quote
from urllib.request import urlopen

import tablib

from core.importing import ImportRejectedError

GENDERS = {"T", "K", "M"}
API = "https://api.kolada.se/v2/data/kpi/{kpis}/municipality/{municipalities}/year/{years}"


@dataclass(frozen=True)
class ValueRow:
    where: str  # the row's place in the file, for error messages
    kpi: str
    municipality: str
    year: int
    gender: str
    value: Decimal | None
    count: int | None = None
    status: str = ""
    deleted: bool = False

    @property
    def key(self) -> tuple[str, str, int, str]:
        return (self.kpi, self.municipality, self.year, self.gender)


class _Errors(list):
    def check(self, where: str, condition: bool, message: str) -> bool:
        if not condition:
            self.append(f"{where}: {message}")
        return condition


def _year(value) -> int | None:
    if isinstance(value, bool):
        return None
    text = str(value).strip()
    return int(text) if re.fullmatch(r"\d{4}", text) else None


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InvalidOperation
    number = Decimal(str(value).strip().replace(",", ".").replace("\u2212", "-"))
    if not number.is_finite():
        raise InvalidOperation
    return number


def _flag(value) -> bool:
    return str(value).strip().lower() in {"1", "true", "yes", "ja"} if value is not None else False


def _row(errors: _Errors, where: str, fields: dict) -> ValueRow | None:
    """One value from a flat mapping; checks every field, records what is wrong."""
    kpi = str(fields.get("kpi") or "").strip()
    municipality = str(fields.get("municipality") or "").strip()
    year = _year(fields.get("period"))
    gender = str(fields.get("gender") or "").strip().upper()
    ok = errors.check(
        where, bool(re.fullmatch(r"[NU]\d{5}", kpi)), f"kpi “{kpi}” is not a Kolada KPI id"
    )
    ok &= errors.check(
        where,
        bool(re.fullmatch(r"\d{4}", municipality)),
        f"municipality “{municipality}” is not a four-digit code",
    )
    ok &= errors.check(where, year is not None, f"period “{fields.get('period')}” is not a year")
    ok &= errors.check(where, gender in GENDERS, f"gender “{gender}” is not T, K or M")
    try:
        value = _decimal(fields.get("value"))
    except (InvalidOperation, ValueError):
        ok = errors.check(where, False, f"value “{fields.get('value')}” is not a number")
        value = None
    count = fields.get("count")
    if count in (None, ""):
        count = None
    else:
        try:
            count = int(count)
        except (TypeError, ValueError):
            ok = errors.check(where, False, f"count “{count}” is not a whole number")
    if not ok:
        return None
    return ValueRow(
        where=where, kpi=kpi, municipality=municipality, year=year, gender=gender, value=value,
        count=count, status=str(fields.get("status") or "")[:20],
        deleted=_flag(fields.get("is_deleted")) or _flag(fields.get("isdeleted")),
    )  # fmt: skip


def parse_kolada_json(text: str | bytes) -> list[ValueRow]:
    """The values of a file or API answer in Kolada's JSON shape."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ImportRejectedError([f"file: not complete JSON ({error})"]) from None
    if not isinstance(data, dict) or not isinstance(data.get("values"), list):
        raise ImportRejectedError(['file: expected an object with a list "values" (Kolada)'])
    errors, rows = _Errors(), []
    for number, entry in enumerate(data["values"], start=1):
        where = f"values[{number}]"
        if not errors.check(where, isinstance(entry, dict), "not an object"):
            continue
        inner = entry.get("values")
        if not errors.check(where, isinstance(inner, list), 'no list "values"'):
            continue
        for sub, value in enumerate(inner, start=1):
            place = f"{where}.values[{sub}]"
            if errors.check(place, isinstance(value, dict), "not an object"):
                # A deletion flag may stand on the outer row or on the value.
                row = _row(errors, place, {**entry, **value, "values": None})
                if row is not None:
                    rows.append(row)
    if errors:
        raise ImportRejectedError(errors)
    return rows


TABLE_COLUMNS = ["kpi", "municipality", "period", "gender", "value"]


def parse_table(dataset: tablib.Dataset) -> list[ValueRow]:
    """The values of a csv/xlsx sheet with the columns kpi, municipality, period, gender and
    value (count, status and is_deleted optional); row 1 is the header."""
    headers = [str(header or "").strip().lower() for header in dataset.headers or []]
    missing = [column for column in TABLE_COLUMNS if column not in headers]
    if missing:
        raise ImportRejectedError([f"file: missing columns {', '.join(missing)}"])
    errors, rows = _Errors(), []
    for number, values in enumerate(dataset, start=2):
        fields = dict(zip(headers, values, strict=False))
        if all(value in (None, "") for value in values):
            continue
        row = _row(errors, f"row {number}", fields)
        if row is not None:
            rows.append(row)
    if errors:
        raise ImportRejectedError(errors)
    return rows


def fetch(kpis: list[str], municipalities: list[str], years: list[int], *, timeout=30) -> str:
    """Kolada's answer for these KPIs, municipalities and years, every page of it, as one
    document in Kolada's shape. Needs the network; the tests give ``urlopen`` a stand-in."""
    url = API.format(
        kpis=quote(",".join(kpis), safe=","),
        municipalities=quote(",".join(municipalities), safe=","),
        years=quote(",".join(str(year) for year in years), safe=","),
    )
    values = []
    while url:
        with urlopen(url, timeout=timeout) as response:  # noqa: S310 - a fixed https address
            page = json.loads(response.read())
        values.extend(page.get("values", []))
        url = page.get("next_page") or page.get("next_url")
    return json.dumps({"values": values})
