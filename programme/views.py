from django.shortcuts import render

from core.page_cache import cache_public_page
from encyclopedia.selectors import published_for_node as entries_for_node
from followup.selectors import indicators_for_node
from goals.selectors import supporting_goals
from initiatives.selectors import published_for_node
from pages.models import Page

from . import selectors
from .models import Framework


@cache_public_page
def home(request):
    """What the programme is, its three levels and its directions with their focus areas."""
    programme = selectors.visible_programmes(request.user).filter(is_current=True).first()
    context = {
        "programme": programme,
        "tree": selectors.programme_tree(programme=programme, max_depth=2) if programme else None,
        "pages": list(Page.objects.in_navigation()),
    }
    context["has_examples"] = bool(context["tree"] and context["tree"].has_examples)
    return render(request, "programme/home.html", context)


@cache_public_page
def programme_list(request):
    programmes = list(selectors.visible_programmes(request.user))
    return render(request, "programme/programme_list.html", {"programmes": programmes})


@cache_public_page
def programme_detail(request, slug):
    """The whole programme on one page."""
    programme = selectors.programme_for_slug(slug=slug, user=request.user)
    tree = selectors.programme_tree(programme=programme)
    return render(
        request,
        "programme/programme_detail.html",
        {"programme": programme, "tree": tree, "has_examples": tree.has_examples},
    )


@cache_public_page
def node_detail(request, slug, code):
    """A direction, focus area or priority; a focus area's and a priority's page is its wiki:
    the text, the encyclopedia's entries, the initiatives, the key figures and (for a
    priority) the existing goals that support it."""
    programme = selectors.programme_for_slug(slug=slug, user=request.user)
    page = selectors.node_page(programme=programme, code=code)
    initiatives = published_for_node(page.node)
    entries = entries_for_node(page.node)
    goals = supporting_goals(page.node)
    return render(
        request,
        "programme/node_detail.html",
        {
            "programme": programme,
            "page": page,
            "initiatives": initiatives,
            "entries": entries,
            "indicators": indicators_for_node(page.node),
            "goals": goals,
            "filter_name": ("riktning", "fokusomrade", "prioritering")[page.node.depth - 1],
            "has_examples": page.has_examples
            or any(item.is_example for item in [*initiatives, *entries])
            or any(goal.document.is_example for goal in goals),
        },
    )


@cache_public_page
def framework_list(request):
    frameworks = list(Framework.objects.prefetch_related("tags"))
    return render(request, "programme/framework_list.html", {"frameworks": frameworks})


@cache_public_page
def tag_detail(request, code):
    page = selectors.tag_page(code=code, user=request.user)
    return render(
        request, "programme/tag_detail.html", {"page": page, "has_examples": page.has_examples}
    )
