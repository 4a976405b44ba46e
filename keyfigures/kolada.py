"""Reading key-figure values from Kolada's JSON shape, from csv/xlsx, and from Kolada's API.

Kolada answers ``{"values": [{"kpi": "N00945", "municipality": "1283", "period": 2023,
"values": [{"gender": "T", "value": 984748, "count": 1, "status": ""}, …]}, …], …}``.
``period`` may be a string or a number, ``value`` may be null, and a row may carry
``is_deleted`` or ``isdeleted`` (a value Kolada withdrew). Every reader returns the same
ValueRow list, or raises ImportRejectedError naming every bad row; nothing is written here.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from urllib.parse import quote

import tablib
import urllib3
from django.conf import settings
from django.utils.translation import gettext as _

from core.importing import ImportRejectedError
from core.tables import UnreadableFileError, read_table

GENDERS = {"T", "K", "M"}
#: What IndicatorValue's columns hold: years, value (20 digits, 6 of them decimals), count.
FIRST_YEAR, LAST_YEAR = 1900, 2200
DECIMALS = Decimal("0.000001")
LARGEST_VALUE = Decimal(10) ** 14
LARGEST_COUNT = 2**31 - 1
PATH = "/data/kpi/{kpis}/municipality/{municipalities}/year/{years}"
#: Kolada's largest page.
PAGE_SIZE = 5000


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
        where,
        bool(re.fullmatch(r"[NU]\d{5}", kpi)),
        _("kpi “%(value)s” is not a Kolada KPI id") % {"value": kpi},
    )
    ok &= errors.check(
        where,
        bool(re.fullmatch(r"\d{4}", municipality)),
        _("municipality “%(value)s” is not a four-digit code") % {"value": municipality},
    )
    ok &= errors.check(
        where,
        year is not None,
        _("period “%(value)s” is not a year") % {"value": fields.get("period")},
    )
    if year is not None:
        ok &= errors.check(
            where,
            FIRST_YEAR <= year <= LAST_YEAR,
            _("period %(value)s is outside %(first)s–%(last)s")
            % {"value": year, "first": FIRST_YEAR, "last": LAST_YEAR},
        )
    ok &= errors.check(
        where, gender in GENDERS, _("gender “%(value)s” is not T, K or M") % {"value": gender}
    )
    try:
        value = _decimal(fields.get("value"))
    except (InvalidOperation, ValueError):
        ok = errors.check(
            where, False, _("value “%(value)s” is not a number") % {"value": fields.get("value")}
        )
        value = None
    if value is not None:
        within = abs(value) < LARGEST_VALUE
        ok &= errors.check(
            where,
            within,
            _("value %(value)s is too large (at most 14 digits before the decimal point)")
            % {"value": fields.get("value")},
        )
        # The column keeps six decimals: a seventh is rounded here, once, not by the
        # database on every import of the same file.
        value = value.quantize(DECIMALS, rounding=ROUND_HALF_EVEN) if within else None
    count = fields.get("count")
    if count in (None, ""):
        count = None
    else:
        try:
            count = int(count)
        except (TypeError, ValueError):
            ok = errors.check(
                where, False, _("count “%(value)s” is not a whole number") % {"value": count}
            )
        else:
            ok &= errors.check(
                where,
                0 <= count <= LARGEST_COUNT,
                _("count %(value)s is outside 0–%(largest)s")
                % {"value": count, "largest": LARGEST_COUNT},
            )
    if not ok or year is None:
        return None
    return ValueRow(
        where=where,
        kpi=kpi,
        municipality=municipality,
        year=year,
        gender=gender,
        value=value,
        count=count,
        status=str(fields.get("status") or "")[:20],
        deleted=_flag(fields.get("is_deleted")) or _flag(fields.get("isdeleted")),
    )


def parse_kolada_json(text: str | bytes) -> list[ValueRow]:
    """The values of a file or API answer in Kolada's JSON shape."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ImportRejectedError(
            [_("file: not complete JSON (%(error)s)") % {"error": error}]
        ) from None
    except RecursionError:
        raise ImportRejectedError([_("file: nested too deeply to be Kolada's JSON")]) from None
    if not isinstance(data, dict) or not isinstance(data.get("values"), list):
        raise ImportRejectedError([_('file: expected an object with a list "values" (Kolada)')])
    errors, rows = _Errors(), []
    for number, entry in enumerate(data["values"], start=1):
        where = f"values[{number}]"
        if not errors.check(where, isinstance(entry, dict), _("not an object")):
            continue
        inner = entry.get("values")
        if not errors.check(where, isinstance(inner, list), _('no list "values"')):
            continue
        for sub, value in enumerate(inner, start=1):
            place = f"{where}.values[{sub}]"
            if errors.check(place, isinstance(value, dict), _("not an object")):
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
        raise ImportRejectedError(
            [_("file: missing columns %(columns)s") % {"columns": ", ".join(missing)}]
        )
    errors, rows = _Errors(), []
    for number, values in enumerate(dataset, start=2):
        fields = dict(zip(headers, values, strict=False))
        if all(value in (None, "") for value in values):
            continue
        row = _row(errors, _("row %(number)d") % {"number": number}, fields)
        if row is not None:
            rows.append(row)
    if errors:
        raise ImportRejectedError(errors)
    return rows


class KoladaError(Exception):
    """Kolada could not be reached, or answered something that is not its API."""


def client() -> urllib3.PoolManager:
    """An HTTP client that tries again, with backoff, when Kolada is busy (429) or
    failing (5xx), honouring its Retry-After."""
    retries = urllib3.Retry(
        total=settings.KOLADA_RETRIES,
        backoff_factor=settings.KOLADA_BACKOFF_SECONDS,
        status_forcelist=[429, 500, 502, 503, 504],
        allowed_methods=["GET"],
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    return urllib3.PoolManager(
        retries=retries,
        timeout=urllib3.Timeout(connect=10, read=settings.KOLADA_TIMEOUT_SECONDS),
        headers={
            "User-Agent": f"lkp-portal/1 (+{settings.SITE_URL})",
            "Accept": "application/json",
        },
    )


def fetch(
    kpis: list[str],
    municipalities: list[str],
    years: list[int],
    *,
    progress: Callable[[int, int | None], None] | None = None,
) -> str:
    """Kolada's answer for these KPIs, municipalities and years, every page of it (the
    largest page Kolada serves), as one document in Kolada's shape. ``progress`` is told
    the pages read and, when Kolada says it, the number of values. Raises KoladaError."""
    url = settings.KOLADA_API + PATH.format(
        kpis=quote(",".join(kpis), safe=","),
        municipalities=quote(",".join(municipalities), safe=","),
        years=quote(",".join(str(year) for year in years), safe=","),
    )
    url += f"?per_page={PAGE_SIZE}"
    http, values, seen = client(), [], set()
    while url:
        if url in seen:
            raise KoladaError(_("Kolada sent the same page twice: %(url)s") % {"url": url})
        seen.add(url)
        try:
            response = http.request("GET", url)
        except urllib3.exceptions.HTTPError as error:
            message = _("Kolada could not be reached: %(error)s") % {"error": error}
            raise KoladaError(message) from error
        if response.status != 200:
            raise KoladaError(
                _("Kolada answered %(status)s for %(url)s")
                % {"status": response.status, "url": url}
            )
        try:
            page = json.loads(response.data)
            values.extend(page.get("values", []))
        except (ValueError, AttributeError, TypeError):
            message = _("Kolada's answer is not its JSON: %(url)s") % {"url": url}
            raise KoladaError(message) from None
        if progress:
            progress(len(seen), page.get("count"))
        url = page.get("next_page") or page.get("next_url")
    return json.dumps({"values": values})


def read_upload(name: str, content: bytes) -> list[ValueRow]:
    """The values of an uploaded or given file, by its suffix: .json in Kolada's shape,
    .csv or .xlsx as a table."""
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix == "json":
        return parse_kolada_json(content)
    if suffix in ("csv", "xlsx"):
        try:
            dataset = read_table(content, suffix, first_row=2)
        except UnreadableFileError as error:
            raise ImportRejectedError(error.messages) from None
        return parse_table(dataset)
    raise ImportRejectedError([_("file: use a .json, .csv or .xlsx file")])
