"""Every public page type, in one list: the browser (axe) tests and bench/ read it.

A later issue that adds a public page adds a PageType here; the accessibility tests then
check it in Swedish and English at 1280 and 320 px, and the benchmark drives it when
``bench`` is true. Addresses point into the real programme as `make run EXAMPLES=1` loads it.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import translation

LKP = "livskvalitetsprogrammet-2016-2024"


@dataclass(frozen=True)
class PageType:
    label: str
    view: str
    kwargs: dict = field(default_factory=dict)
    # A text the Swedish page must contain (the benchmark checks it before measuring).
    expect: str = ""
    bench: bool = False

    def url(self, language: str = "sv") -> str:
        # kwargs may be a function, for pages whose address is known only once data exists.
        kwargs = self.kwargs() if callable(self.kwargs) else self.kwargs
        with translation.override(language):
            return reverse(self.view, kwargs=kwargs)


PAGE_TYPES = [
    PageType("home", "programme:home", expect="Vad är livskvalitet?", bench=True),
    PageType("programme-list", "programme:programme-list", expect="Livskvalitetsprogrammet"),
    PageType(
        "whole-programme",
        "programme:programme",
        {"slug": LKP},
        expect="Vi vill ha ett varmt välkomnande",
        bench=True,
    ),
    PageType(
        "direction",
        "programme:node",
        {"slug": LKP, "code": "valkomnande"},
        expect="Fokusområden",
    ),
    PageType(
        "focus-area",
        "programme:node",
        {"slug": LKP, "code": "trygghet"},
        expect="Vi skapar trygghet och säkra miljöer",
        bench=True,
    ),
    PageType("priority", "programme:node", {"slug": LKP, "code": "aktivdag"}),
    PageType("framework-list", "programme:framework-list", expect="Agenda 2030"),
    PageType("framework-tag", "programme:tag", {"code": "folkhalsa-6"}),
    PageType("page", "pages:page", {"slug": "livskvalitetsteamet"}),
    PageType("accessibility", "pages:accessibility", expect="Tillgänglighetsredogörelse"),
    PageType("initiative-list", "initiatives:list", expect="Filtrera insatserna", bench=True),
    PageType("initiative", "initiatives:detail", lambda: {"pk": first_published_initiative()}),
    PageType("network", "ambassadors:network", expect="Livskvalitetsteamet"),
    PageType("department", "ambassadors:department", {"short_name": "MF"}),
    PageType("login", "login", expect="Logga in"),
    PageType("password-reset", "password_reset", expect="Återställ"),
]


def first_published_initiative() -> int:
    from initiatives.models import Initiative

    return Initiative.objects.published().order_by("pk").values_list("pk", flat=True).first()


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
        initiative = services.initiative_submit(initiative=initiative, by=team)
        services.initiative_publish(initiative=initiative, by=team)
