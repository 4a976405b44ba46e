"""The key figures' writes: importing values, whole or not at all."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import page_cache
from core.importing import ImportRejectedError
from core.locks import transaction_lock

from .kolada import ValueRow
from .models import Indicator, IndicatorValue, Municipality

VALUE_FIELDS = ["value", "count", "status"]
VALUE_IMPORT_LOCK = "followup-indicator-values"


@dataclass
class ValueImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    # Values of municipalities the portal does not follow (Kolada files often hold all 290).
    passed_over: int = 0

    def __str__(self) -> str:
        return (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.deleted} deleted, {self.passed_over} passed over (municipality not followed)"
        )


@transaction.atomic
def indicator_values_import(*, rows: list[ValueRow]) -> ValueImportReport:
    """Apply ``rows`` whole, or raise ImportRejectedError naming every bad row and write
    nothing. A KPI id must belong to a key figure; a key given twice is an error; a row
    marked deleted removes its value. The same file twice changes nothing. Two imports at
    once run one after the other (a lock), so the second never meets the first's rows
    half-written."""
    transaction_lock(VALUE_IMPORT_LOCK)
    indicators = dict(
        Indicator.objects.filter(kolada_id__in={row.kpi for row in rows}).values_list(
            "kolada_id", "pk"
        )
    )
    municipalities = dict(
        Municipality.objects.filter(code__in={row.municipality for row in rows}).values_list(
            "code", "pk"
        )
    )
    errors: list[str] = []
    seen: dict[tuple, str] = {}
    report, wanted = ValueImportReport(), []
    for row in rows:
        if row.kpi not in indicators:
            errors.append(
                _("%(where)s: no key figure has the Kolada id “%(kpi)s”")
                % {"where": row.where, "kpi": row.kpi}
            )
            continue
        if row.key in seen:
            errors.append(
                _("%(where)s: the same value is also given at %(other)s")
                % {"where": row.where, "other": seen[row.key]}
            )
            continue
        seen[row.key] = row.where
        if row.municipality not in municipalities:
            report.passed_over += 1
            continue
        wanted.append(row)
    if errors:
        raise ImportRejectedError(errors)

    existing = {
        (value.indicator_id, value.municipality_id, value.year, value.gender): value
        for value in IndicatorValue.objects.filter(
            indicator_id__in={indicators[row.kpi] for row in wanted},
            municipality_id__in={municipalities[row.municipality] for row in wanted},
            year__in={row.year for row in wanted},
        )
    }
    creates, updates, deletes = [], [], []
    for row in wanted:
        key = (indicators[row.kpi], municipalities[row.municipality], row.year, row.gender)
        current = existing.get(key)
        if row.deleted:
            if current is not None:
                deletes.append(current.pk)
            continue
        fields = {"value": row.value, "count": row.count, "status": row.status}
        if current is None:
            creates.append(
                IndicatorValue(
                    indicator_id=key[0],
                    municipality_id=key[1],
                    year=row.year,
                    gender=row.gender,
                    **fields,
                )
            )
        elif any(getattr(current, name) != fields[name] for name in VALUE_FIELDS):
            for name in VALUE_FIELDS:
                setattr(current, name, fields[name])
            updates.append(current)
        else:
            report.unchanged += 1
    IndicatorValue.objects.bulk_create(creates, batch_size=1000)
    IndicatorValue.objects.bulk_update(updates, VALUE_FIELDS, batch_size=1000)
    IndicatorValue.objects.filter(pk__in=deletes).delete()
    # The key figures' pages say when their values were last imported, changed or not.
    Indicator.objects.filter(pk__in=set(indicators.values())).update(
        values_imported_at=timezone.now()
    )
    # Bulk writes and update() send no signals to the page cache.
    page_cache.objects_changed(Indicator.objects.filter(pk__in=set(indicators.values())))
    report.created, report.updated, report.deleted = len(creates), len(updates), len(deletes)
    return report
