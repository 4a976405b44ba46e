from django.shortcuts import render
from django.template.loader import render_to_string

from core.page_cache import cache_public_page, depends_on, fragment, tag

from . import selectors
from .models import Framework, Programme


@cache_public_page(Programme)
def programme_list(request):
    programmes = list(selectors.visible_programmes(request.user))
    return render(request, "programme/programme_list.html", {"programmes": programmes})


@cache_public_page(Framework)
def programme_detail(request, slug):
    """The whole programme on one page."""
    programme = selectors.programme_for_slug(slug=slug, user=request.user)
    shows = (tag(Programme, programme.pk), Framework)
    depends_on(request, *shows)

    def contents():
        tree = selectors.programme_tree(programme=programme)
        context = {"programme": programme, "tree": tree}
        return render_to_string("programme/_contents.html", context), tree.has_examples

    # The tree's queries and its HTML, made once per change of the programme.
    contents_html, has_examples = fragment("programme-contents", shows, contents, programme.pk)
    return render(
        request,
        "programme/programme_detail.html",
        {"programme": programme, "contents": contents_html, "has_examples": has_examples},
    )


@cache_public_page(Framework, Programme)
def framework_list(request):
    """The frameworks the published programmes work towards, with their targets."""
    frameworks = list(
        Framework.objects.filter(programmes__in=Programme.objects.public())
        .distinct()
        .prefetch_related("tags")
    )
    return render(request, "programme/framework_list.html", {"frameworks": frameworks})
