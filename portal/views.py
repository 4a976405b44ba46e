"""The pages that combine several apps. Each app below provides its part (a selector);
these views put the parts together."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ambassadors.models import Ambassador, Department, TeamMember
from ambassadors.selectors import team_roles
from core.page_cache import cache_public_page, depends_on, fragment, tag
from encyclopedia.models import Entry
from encyclopedia.selectors import published_for_node as entries_for_node
from followup.models import FollowupRound
from followup.selectors import node_figures
from goals.models import SteeringDocument
from goals.selectors import supporting_goals
from initiatives.models import Initiative
from initiatives.selectors import published_for_node as initiatives_for_node
from keyfigures.models import Indicator
from keyfigures.selectors import indicators_for_node
from pages.context_processors import navigation_pages
from pages.models import Page
from programme import selectors as programme_selectors
from programme.models import Framework, NodeKind, Programme, ProgrammeNode

from . import selectors

# The public initiative list's filter for each level of node (its Swedish URL parameter).
NODE_FILTERS = {"direction": "riktning", "focus_area": "fokusomrade", "priority": "prioritering"}


@cache_public_page()
def home(request: HttpRequest) -> HttpResponse:
    """What the programme is, its three levels and its directions with their focus areas."""
    programme = programme_selectors.visible_programmes(request.user).filter(is_current=True).first()
    if programme:
        depends_on(request, tag(Programme, programme.pk))
    tree = (
        fragment(
            "home-tree",
            [tag(Programme, programme.pk)],
            lambda: programme_selectors.programme_tree(
                programme=programme, down_to=NodeKind.FOCUS_AREA
            ),
            programme.pk,
        )
        if programme
        else None
    )
    context = {
        "programme": programme,
        "tree": tree,
        "pages": navigation_pages(),
        "has_examples": bool(tree and tree.has_examples),
    }
    return render(request, "portal/home.html", context)


# What a node's page shows besides its programme's tree.
NODE_PAGE_SHOWS = (
    Framework,
    Initiative,
    Entry,
    SteeringDocument,
    Indicator,
    FollowupRound,
    Department,
)


@cache_public_page(*NODE_PAGE_SHOWS)
def node_detail(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """A direction, focus area or priority; a focus area's and a priority's page is its wiki:
    the text, the encyclopedia's entries, the initiatives, the key figures and (for a
    priority) the existing goals that support it. Its sections are one fragment: their
    queries are made again only after an edit of what they show."""
    programme = programme_selectors.programme_for_slug(slug=slug, user=request.user)
    shows = (tag(Programme, programme.pk), *NODE_PAGE_SHOWS)
    depends_on(request, *shows)

    def sections() -> dict:
        page = programme_selectors.node_page(programme=programme, code=code)
        initiatives = initiatives_for_node(page.node)
        entries = entries_for_node(page.node)
        goals = supporting_goals(page.node)
        return {
            "page": page,
            "initiatives": initiatives,
            "entries": entries,
            "indicators": indicators_for_node(page.node),
            "figures": node_figures(page.node),
            "goals": goals,
            "has_examples": page.has_examples
            or any(initiative.is_example for initiative in initiatives)
            or any(entry.is_example for entry in entries)
            or any(goal.document.is_example for goal in goals),
        }

    context = fragment("node-page", shows, sections, programme.pk, code)
    return render(
        request,
        "portal/node_detail.html",
        {"programme": programme, "filter_name": NODE_FILTERS[context["page"].node.kind], **context},
    )


# A tag's page: the nodes that carry it and what works on them.
TAG_SHOWS = (Framework, ProgrammeNode, Initiative, Entry, Indicator, Department)


@cache_public_page(*TAG_SHOWS)
def tag_detail(request: HttpRequest, code: str) -> HttpResponse:
    """A framework tag: the programme's nodes that carry it, and the initiatives, knowledge
    entries and key figures tagged with it or working under a node that carries it."""
    page = selectors.tag_page(code=code, user=request.user)
    return render(
        request, "portal/tag_detail.html", {"page": page, "has_examples": page.has_examples}
    )


@cache_public_page(Department, Ambassador, TeamMember)
def network(request: HttpRequest) -> HttpResponse:
    """The quality-of-life team with its roles, and every department and company with
    whether it has an ambassador."""
    return render(
        request,
        "portal/network.html",
        {
            "roles": team_roles(),
            "kinds": selectors.departments_by_kind(),
            "pages": Page.objects.outside_navigation(),
        },
    )


@cache_public_page(
    Department, Ambassador, TeamMember, Initiative, Entry, FollowupRound, ProgrammeNode
)
def department_detail(request: HttpRequest, short_name: str) -> HttpResponse:
    page = selectors.department_page(short_name=short_name)
    return render(
        request,
        "portal/department_detail.html",
        {"page": page, "has_examples": page.has_examples},
    )


@cache_public_page(SteeringDocument, Initiative, ProgrammeNode)
def white_fields(request: HttpRequest) -> HttpResponse:
    """Priorities that no steering document supports and no initiative works on."""
    return render(request, "portal/white_fields.html", {"report": selectors.white_fields()})
