"""The key figures' job (jobs.kinds): fetching values from Kolada's open API for the
municipalities the portal follows, imported whole or not at all."""

from collections.abc import Callable
from dataclasses import asdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.review import User
from jobs import kinds
from jobs.models import Job
from jobs.services import job_request

from . import kolada, services
from .models import Indicator, Municipality

KOLADA = "kolada"
IMPORT_PERMISSION = "keyfigures.import_indicatorvalue"
KOLADA_PERMISSIONS = (IMPORT_PERMISSION,)
FIRST_YEAR, LAST_YEAR = 1990, 2100


def can_fetch(user: User) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perms(KOLADA_PERMISSIONS))


@transaction.atomic
def request_kolada(*, first: int, last: int, kpis: list[str], by: User) -> Job:
    if not can_fetch(by):
        raise PermissionDenied(_("Only the team fetches key figures."))
    if not FIRST_YEAR <= first <= last <= LAST_YEAR:
        raise ValidationError(
            _("Give the years as a range from %(first)s to %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    # Refused here rather than failing in the worker: what would be fetched for nothing.
    known = set(
        Indicator.objects.exclude(kolada_id__isnull=True)
        .exclude(kolada_id="")
        .values_list("kolada_id", flat=True)
    )
    if not known:
        raise ValidationError(
            _("No key figure has a Kolada id yet: add the ids on the key figures' pages first.")
        )
    unknown = sorted(set(kpis) - known)
    if unknown:
        raise ValidationError(
            _("No key figure has the Kolada id %(ids)s: add it on the key figure's page first.")
            % {"ids": ", ".join(unknown)}
        )
    if not Municipality.objects.exists():
        raise ValidationError(_("Add the municipalities first (manage.py load_municipalities)."))
    return job_request(kind=KOLADA, by=by, parameters={"years": [first, last], "kpis": kpis})


def run_fetch(
    job: Job,
    *,
    progress: kinds.Progress,
    on_page: Callable[[int, int | None], None] | None = None,
) -> None:
    first, last = job.parameters["years"]
    kpis = job.parameters.get("kpis") or [
        kolada_id
        for kolada_id in Indicator.objects.values_list("kolada_id", flat=True)
        if kolada_id
    ]
    municipalities = list(Municipality.objects.values_list("code", flat=True))
    if not kpis or not municipalities:
        raise ValidationError(_("Add key figures with a Kolada id and municipalities first."))
    progress(0, 2, _("Fetching from Kolada"))

    def pages(read: int, values: int | None) -> None:
        progress(0, 2, _("Fetching from Kolada: page %(page)s") % {"page": read})
        if on_page:
            on_page(read, values)

    document = kolada.fetch(kpis, municipalities, list(range(first, last + 1)), progress=pages)
    progress(1, 2, _("Importing the values"))
    with transaction.atomic():
        report = services.indicator_values_import(rows=kolada.parse_kolada_json(document))
        transaction.set_rollback(bool(job.parameters.get("dry_run")))
    job.result = asdict(report)


def _summarise(job: Job) -> str:
    if not job.result:
        return ""
    return _(
        "%(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
        "%(passed_over)s passed over"
    ) % {key: job.result.get(key, 0) for key in ("created", "updated", "unchanged", "passed_over")}


def register() -> None:
    kinds.register(
        kinds.JobKind(
            name=KOLADA,
            label=gettext_lazy("Fetch from Kolada"),
            run=run_fetch,
            summarise=_summarise,
            plain_errors=(kolada.KoladaError,),
        )
    )
