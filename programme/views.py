from django.shortcuts import render

from core.page_cache import cache_public_page, depends_on

from . import selectors
from .models import Framework


@cache_public_page("programmes")
def programme_list(request):
    programmes = list(selectors.visible_programmes(request.user))
    return render(request, "programme/programme_list.html", {"programmes": programmes})


@cache_public_page("frameworks")
def programme_detail(request, slug):
    """The whole programme on one page."""
    programme = selectors.programme_for_slug(slug=slug, user=request.user)
    depends_on(request, f"programme:{programme.pk}")
    tree = selectors.programme_tree(programme=programme)
    return render(
        request,
        "programme/programme_detail.html",
        {"programme": programme, "tree": tree, "has_examples": tree.has_examples},
    )


@cache_public_page("frameworks")
def framework_list(request):
    frameworks = list(Framework.objects.prefetch_related("tags"))
    return render(request, "programme/framework_list.html", {"frameworks": frameworks})


@cache_public_page("frameworks", "nodes")
def tag_detail(request, code):
    page = selectors.tag_page(code=code, user=request.user)
    return render(
        request, "programme/tag_detail.html", {"page": page, "has_examples": page.has_examples}
    )
