"""Every public page type, in one list: the browser (axe) tests and bench/ read it.

A later issue that adds a public page adds a PageType here, and to load_example_pages()
whatever data it needs; the accessibility, CSP, outage and personal-data tests then check it
(in Swedish and English at 1280 and 320 px in the browser), and the benchmark drives it when
``bench`` is true. Addresses point into the real programme as `make run EXAMPLES=1` loads it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import translation

from ambassadors.models import Ambassador, Department, TeamMember
from core import page_cache, review
from encyclopedia.models import Entry
from followup.models import FollowupRound
from followup.selectors import year_tag
from goals.models import SteeringDocument
from initiatives.models import Initiative
from keyfigures.models import Indicator, Municipality
from pages.models import AccessibilityStatement, Page
from prioritisation.models import Budget
from programme.models import Framework, Programme, ProgrammeNode

LKP = "livskvalitetsprogrammet-2016-2024"
MOTALA = "social-hallbarhet-motala"
# What every stored page depends on: the menu shows the staff pages and the current programme.
CHROME = frozenset(page_cache.as_tags([page_cache.ALL, Page, Programme]))
NODE_PAGE = (Framework, Initiative, Entry, SteeringDocument, Indicator, FollowupRound)
YEAR = 2025


def tags(*shown, lkp=False, programme="") -> Callable[[], frozenset]:
    """Tags to be read once the data exists: of models, of tags, of what functions in
    ``shown`` return, and (``lkp``) the real programme's own or those of the ``programme``
    with that slug."""

    def read() -> frozenset:
        found = page_cache.as_tags(
            what if isinstance(what, type | str) else what() for what in shown
        )
        for slug in [LKP] * lkp + [programme] * bool(programme):
            found.add(page_cache.tag(Programme, Programme.objects.get(slug=slug).pk))
        return frozenset(found)

    return read


@dataclass(frozen=True)
class PageType:
    label: str
    view: str
    kwargs: dict = field(default_factory=dict)
    # A text the Swedish page must contain (the benchmark checks it before measuring).
    expect: str = ""
    bench: bool = False
    query: str | Callable[[], str] = ""  # a query string, for pages such as search results
    # What a stored copy of the page depends on (core.page_cache), besides CHROME; None for
    # a page that is never stored. A function for tags that name an object.
    depends: tuple | Callable[[], frozenset] | None = ()

    def tags(self) -> frozenset | None:
        if self.depends is None:
            return None
        depends = self.depends() if callable(self.depends) else self.depends
        return CHROME | page_cache.as_tags(depends)

    def url(self, language: str = "sv") -> str:
        # kwargs and query may be functions, for pages whose address is known only once
        # data exists.
        kwargs = self.kwargs() if callable(self.kwargs) else self.kwargs
        query = self.query() if callable(self.query) else self.query
        with translation.override(language):
            address = reverse(self.view, kwargs=kwargs)
        return f"{address}?{query}" if query else address


PAGE_TYPES = [
    PageType(
        "home", "portal:home", expect="Vad är livskvalitet?", bench=True, depends=tags(lkp=True)
    ),
    PageType("programme-list", "programme:programme-list", expect="Livskvalitetsprogrammet"),
    PageType(
        "whole-programme",
        "programme:programme",
        {"slug": LKP},
        expect="Vi vill ha ett varmt välkomnande",
        bench=True,
        depends=tags(Framework, lkp=True),
    ),
    # Motala's programme (seed 004), with its own level names.
    PageType(
        "second-programme",
        "programme:programme",
        {"slug": MOTALA},
        expect="Huvudområden",
        depends=tags(Framework, programme=MOTALA),
    ),
    PageType(
        "second-programme-area",
        "portal:node",
        {"slug": MOTALA, "code": "folkhalsa"},
        expect="Huvudområde",
        depends=tags(*NODE_PAGE, Department, programme=MOTALA),
    ),
    PageType(
        "direction",
        "portal:node",
        {"slug": LKP, "code": "valkomnande"},
        expect="Fokusområden",
        depends=tags(*NODE_PAGE, Department, lkp=True),
    ),
    PageType(
        "focus-area",
        "portal:node",
        {"slug": LKP, "code": "trygghet"},
        expect="Vi skapar trygghet och säkra miljöer",
        bench=True,
        depends=tags(*NODE_PAGE, Department, lkp=True),
    ),
    PageType(
        "priority",
        "portal:node",
        {"slug": LKP, "code": "aktivdag"},
        depends=tags(*NODE_PAGE, Department, lkp=True),
    ),
    PageType(
        "framework-list",
        "programme:framework-list",
        expect="Agenda 2030",
        depends=(Framework,),
    ),
    PageType(
        "framework-tag",
        "portal:tag",
        {"code": "folkhalsa-6"},
        # portal.views.TAG_SHOWS: the nodes, and the initiatives, entries and key figures
        # under the tag.
        depends=(
            Framework,
            ProgrammeNode,
            Initiative,
            Entry,
            Indicator,
            Department,
        ),
    ),
    PageType("page", "pages:page", {"slug": "livskvalitetsteamet"}),
    PageType(
        "accessibility",
        "pages:accessibility",
        expect="Tillgänglighetsredogörelse",
        depends=(AccessibilityStatement,),
    ),
    PageType(
        "initiative-list",
        "initiatives:list",
        expect="Filtrera insatserna",
        bench=True,
        depends=(
            Initiative,
            Department,
            Framework,
            ProgrammeNode,
        ),
    ),
    PageType(
        "initiative",
        "initiatives:detail",
        lambda: {"pk": first_published_initiative()},
        depends=tags(
            Department,
            Framework,
            ProgrammeNode,
            lambda: page_cache.tag(Initiative, first_published_initiative()),
        ),
    ),
    PageType(
        "encyclopedia",
        "encyclopedia:list",
        expect="Filtrera artiklarna",
        depends=(
            Entry,
            Department,
            Framework,
            ProgrammeNode,
        ),
    ),
    PageType(
        "entry",
        "encyclopedia:detail",
        lambda: {"pk": first_published_entry()},
        depends=tags(
            Department,
            Framework,
            ProgrammeNode,
            lambda: page_cache.tag(Entry, first_published_entry()),
        ),
    ),
    PageType(
        "goals-register",
        "goals:register",
        expect="Befintliga mål",
        depends=(
            SteeringDocument,
            ProgrammeNode,
        ),
    ),
    PageType(
        "goals-document",
        "goals:document",
        lambda: {"pk": first_document()},
        expect="målformulering",
        depends=(
            SteeringDocument,
            ProgrammeNode,
        ),
    ),
    PageType(
        "white-fields",
        "portal:white-fields",
        expect="vita fält",
        depends=(
            SteeringDocument,
            Initiative,
            ProgrammeNode,
        ),
    ),
    PageType("open-data", "opendata:datasets", expect="CC0"),
    PageType(
        "network",
        "portal:network",
        expect="Livskvalitetsteamet",
        depends=(
            Department,
            Ambassador,
            TeamMember,
        ),
    ),
    PageType(
        "department",
        "portal:department",
        {"short_name": "MF"},
        depends=(
            Department,
            Ambassador,
            TeamMember,
            Initiative,
            Entry,
            FollowupRound,
            ProgrammeNode,
        ),
    ),
    PageType(
        "followup-years",
        "followup:years",
        expect="Uppföljning",
        depends=(FollowupRound,),
    ),
    PageType(
        "followup-overview",
        "followup:overview",
        {"year": YEAR},
        expect="Vita fält",
        depends=tags(Indicator, Department, Initiative, ProgrammeNode, lambda: year_tag(YEAR)),
    ),
    PageType(
        "followup-department",
        "followup:department",
        {"year": YEAR, "short_name": "MF"},
        expect="Områden att arbeta mer med",
        depends=tags(Department, Initiative, ProgrammeNode, lambda: year_tag(YEAR)),
    ),
    PageType(
        "annual-report",
        "annualreport:report",
        {"year": YEAR},
        expect="Förvaltningarna",
        depends=tags(Indicator, Department, Initiative, ProgrammeNode, lambda: year_tag(YEAR)),
    ),
    PageType("followup-method", "followup:method", expect="Framsteg mot ett mål"),
    PageType(
        "prioritisation",
        "prioritisation:list",
        expect="Styrgruppens möte",
        depends=(
            Budget,
            Department,
            ProgrammeNode,
        ),
    ),
    PageType(
        "key-figures",
        "keyfigures:list",
        expect="Exempelnyckeltal",
        depends=(
            Indicator,
            ProgrammeNode,
        ),
    ),
    PageType(
        "key-figure",
        "keyfigures:indicator",
        lambda: {"pk": key_figure_ids()[1]},
        expect="Framsteg mot målet",
        depends=tags(
            Municipality,
            Framework,
            ProgrammeNode,
            lambda: page_cache.tag(Indicator, key_figure_ids()[1]),
        ),
    ),
    PageType(
        "key-figures-compared",
        "keyfigures:compare",
        query=lambda: "a={}&b={}".format(*key_figure_ids()),
        expect="Exempelnyckeltal",
        depends=(Indicator,),
    ),
    PageType("search", "search:search", query="q=trygghet", expect="trygghet", depends=None),
    PageType("search-empty", "search:search", query="q=", expect="Skriv", depends=None),
    # One kind, narrowed to a focus area: the facets open, paged results.
    PageType(
        "search-narrowed",
        "search:search",
        query="q=trygg&typ=programme&fokusomrade=trygghet",
        expect="trygg",
        depends=None,
    ),
    PageType("login", "login", expect="Logga in", depends=None),
    PageType("password-reset", "password_reset", expect="Återställ", depends=None),
]


def first_published_initiative() -> int:
    from initiatives.models import Initiative

    return Initiative.objects.published().order_by("pk").values_list("pk", flat=True).first()


def key_figure_ids() -> list[int]:
    from keyfigures.models import Indicator

    return list(Indicator.objects.order_by("pk").values_list("pk", flat=True)[:2])


def first_document() -> int:
    from goals.models import SteeringDocument

    return SteeringDocument.objects.order_by("title").values_list("pk", flat=True).first()


def first_published_entry() -> int:
    from encyclopedia.models import Entry

    return Entry.objects.published().order_by("pk").values_list("pk", flat=True).first()


def publish_example_entries(count=2):
    """Published example knowledge entries through the services, the first by MF (after
    publish_example_initiatives) under the priority aktivdag and the focus area trygghet."""
    from django.contrib.auth.models import Permission

    from ambassadors.models import Department
    from encyclopedia import services
    from encyclopedia.models import Entry
    from programme.models import ProgrammeNode
    from tests.factories import UserFactory

    team = UserFactory(is_staff=True)
    team.user_permissions.set(Permission.objects.filter(codename="review_entry"))
    nodes = list(ProgrammeNode.objects.filter(code__in=["aktivdag", "trygghet"]))
    department = Department.objects.filter(short_name="MF").first()
    for number in range(count):
        entry = services.entry_create(
            entry=Entry(
                kind=Entry.Kind.GOOD_EXAMPLE if number % 2 == 0 else Entry.Kind.RESEARCH,
                title=f"Exempelartikel {number + 1}",
                summary="En artikel skriven för att visa uppslagsverket.",
                body="<p>Så här gjorde vi, och det här lärde vi oss.</p>",
                department=department if number == 0 else None,
                is_example=True,
            ),
            relations={"nodes": nodes},
            sources=[
                {"title": "Folkhälsomyndigheten", "url": "https://www.folkhalsomyndigheten.se/"}
            ],
            by=team,
        )
        review.publish(review.submit(entry, by=team), by=team)


def publish_example_initiatives(count=3):
    """Published example initiatives through the services (for pages that show them)."""
    from django.contrib.auth.models import Permission

    from ambassadors.models import Department
    from initiatives import services
    from initiatives.models import Initiative
    from programme.models import ProgrammeNode
    from tests.factories import UserFactory

    department, _ = Department.objects.get_or_create(
        short_name="MF", defaults={"name": "Miljöförvaltningen", "kind": "administration"}
    )
    team = UserFactory(is_staff=True)
    team.user_permissions.set(Permission.objects.filter(codename="review_initiative"))
    priorities = list(ProgrammeNode.objects.priorities().order_by("path")[:4])
    for number in range(count):
        initiative = services.initiative_create(
            initiative=Initiative(
                title=f"Exempelinsats {number + 1}",
                summary="En insats skriven för att visa portalen.",
                lead_department=department,
                status=Initiative.Status.ONGOING,
                is_example=True,
            ),
            relations={"priorities": priorities[number % 2 : number % 2 + 2]},
            by=team,
        )
        initiative = review.submit(initiative, by=team)
        review.publish(initiative, by=team)


def approve_example_followup(year=2025, with_indicator=True):
    """A follow-up round for ``year`` with MF's report approved (after
    publish_example_initiatives), and a key figure with values, for the follow-up pages."""
    import datetime

    from django.contrib.auth.models import Permission

    from ambassadors.models import Department
    from followup import services
    from keyfigures.models import Indicator, IndicatorValue, Municipality
    from programme.models import ProgrammeNode
    from tests.factories import UserFactory

    team = UserFactory(is_staff=True)
    team.user_permissions.set(Permission.objects.filter(content_type__app_label="followup"))
    department = Department.objects.get(short_name="MF")
    round_ = services.round_open(
        year=year,
        deadline=datetime.date(year + 1, 2, 15),
        phase="annual_report",
        departments=[department],
        by=team,
    )
    report = services.report_start(round_=round_, department=department, by=team)
    scores = {
        a.pk: {"score": n % 5, "what_we_did": "Exempeltext."}
        for n, a in enumerate(report.assessments.all())
    }
    report = services.report_update(
        report_id=report.pk,
        expected_version=report.version,
        next_year_plans="Fler insatser.",
        assessments=scores,
        by=team,
    )
    review.publish(review.submit(report, by=team), by=team)
    if not with_indicator:
        return
    municipality, _ = Municipality.objects.get_or_create(code="1283", name="Helsingborg")
    indicator = Indicator.objects.create(name="Exempelnyckeltal", unit="%", kolada_id="U99999")
    indicator.focus_areas.add(ProgrammeNode.objects.get(code="trygghet"))
    for offset, value in enumerate((61, 64, 66)):
        IndicatorValue.objects.create(
            indicator=indicator,
            municipality=municipality,
            year=year - 2 + offset,
            gender="T",
            value=value,
        )
    # A second, with a target, a comparison municipality, the country and genders.
    cycling = Indicator.objects.create(
        name="Exempelnyckeltal med mål",
        unit="antal",
        kolada_id="N99998",
        target_value=150,
        target_year=2030,
    )
    cycling.focus_areas.add(ProgrammeNode.objects.get(code="hallbara-resor"))
    motala, _ = Municipality.objects.get_or_create(code="0583", name="Motala")
    country, _ = Municipality.objects.get_or_create(code="0000", name="Riket")
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            indicator=cycling,
            municipality=place,
            year=value_year,
            gender=gender,
            value=100 + 4 * (value_year - year) * factor + {"T": 0, "K": 3, "M": -3}[gender],
        )
        for place, factor in ((municipality, 1), (motala, 0.8), (country, 0.9))
        for value_year in range(year - 5, year + 1)
        for gender in "TKM"
    )


def publish_example_prioritisation(year=2026):
    """A budget with one decided and ordered intervention of MF's, one proposal, published."""
    import datetime

    from django.contrib.auth.models import Group

    from ambassadors.models import Department
    from prioritisation import services as prioritisation_services
    from prioritisation.models import Budget, Intervention
    from programme.models import ProgrammeNode
    from tests.factories import UserFactory

    group = UserFactory()
    group.groups.add(Group.objects.get(name="Styrgrupp"))
    group = type(group).objects.get(pk=group.pk)
    budget = Budget.objects.create(year=year, name="Sociala investeringsmedel", amount=1_500_000)
    decided = Intervention.objects.create(
        budget=budget,
        rank=1,
        title="Trygghetsvandringar",
        department=Department.objects.get(short_name="MF"),
        allotted_cost=350_000,
        department_cost=120_000,
    )
    decided.focus_areas.add(ProgrammeNode.objects.get(code="trygghet"))
    Intervention.objects.create(budget=budget, rank=2, title="Förslag", allotted_cost=10)
    for status, day in (("decided", 3), ("ordered", 20)):
        prioritisation_services.intervention_decide(
            intervention=decided,
            status=status,
            on=datetime.date(year - 1, 11, day),
            meeting=f"Styrgruppens möte {day} november, § 4",
            by=group,
        )
    prioritisation_services.budget_publish(budget=budget, publish=True, by=group)


def load_example_pages():
    """Everything the page types above need to answer 200: published example
    initiatives and knowledge entries, an approved follow-up, the example register and a
    published prioritisation. For tests that walk every page type."""
    import io

    from django.core.management import call_command

    publish_example_initiatives()
    publish_example_entries()
    approve_example_followup()
    publish_example_prioritisation()
    call_command("load_example_goals", stdout=io.StringIO())
