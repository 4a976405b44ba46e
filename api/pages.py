from dataclasses import dataclass

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.page_cache import cache_public_page
from pages import identity
from programme import selectors as programme_selectors
from programme.levels import LevelWords


@dataclass(frozen=True)
class Dataset:
    name: str
    route: str
    description: object
    filters: str = ""


DATASETS = [
    Dataset(
        "programmes",
        "api:programme-list",
        _(
            "The programmes, and for each (at /api/v1/programmes/<slug>/) its whole tree: "
            "every level, with its texts in Swedish and English."
        ),
    ),
    Dataset(
        "initiatives",
        "api:initiative-list",
        _(
            "Published initiatives: what the departments and companies do, with their "
            "%(leaves)s, departments, framework tags, period, results and links."
        ),
        "riktning, fokusomrade, prioritering, forvaltning, status, ar, ramverk",
    ),
    Dataset(
        "entries",
        "api:entry-list",
        _(
            "The living encyclopedia's published entries: good examples, research, methods, "
            "experience and resources, with their sources."
        ),
        "typ, prioritering, ramverk",
    ),
    Dataset(
        "followup-scores",
        "api:followup-score-list",
        _("The annual follow-up: each department's approved score (0–4) for each %(area)s."),
        "year, forvaltning",
    ),
    Dataset(
        "departments",
        "api:department-list",
        _("%(Orgs)s active departments and wholly owned companies, with their pages."),
    ),
    Dataset(
        "goal-documents",
        "api:goal-document-list",
        _("The goals register's steering documents, with their number of goal formulations."),
    ),
    Dataset(
        "goal-formulations",
        "api:goal-formulation-list",
        _(
            "The goals register's goal formulations, each with its document and the "
            "programme's %(leaves)s it supports."
        ),
        "document, prioritering",
    ),
    Dataset(
        "interventions",
        "api:intervention-list",
        _(
            "The steering group's decided interventions, once it has published them: rank, "
            "cost from the allotted budget and from the department's own, and the date and "
            "meeting of each decision step."
        ),
        "year",
    ),
    Dataset(
        "indicators",
        "api:indicator-list",
        _("The key figures the programme follows, with their %(areas)s and Kolada ids."),
    ),
    Dataset(
        "indicator-values",
        "api:indicator-value-list",
        _("The key figures' values per municipality, year and gender (T total, K women, M men)."),
        "indicator, kolada_id, municipality, year",
    ),
]


@cache_public_page()
def datasets(request):
    """The open-data page: each dataset, its formats and filters, and the licence."""
    # The descriptions name the organisation and the programme's levels in their own words.
    levels = LevelWords(programme_selectors.cached_current())
    words = identity.words() | {name: getattr(levels, name) for name in ("area", "areas", "leaves")}
    rows = [
        (dataset, reverse(dataset.route), str(dataset.description) % words) for dataset in DATASETS
    ]
    return render(
        request,
        "api/datasets.html",
        {
            "datasets": rows,
            "schema_url": reverse("api:schema"),
            "root_url": reverse("api:api-root"),
        },
    )
