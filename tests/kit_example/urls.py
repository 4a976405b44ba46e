"""The project's addresses with the example type's pages (a test module's ``urls``)."""

from django.urls import include, path

from ambassadors.review_views import ContentPages
from lkp.urls import urlpatterns as project

from .forms import TipForm
from .models import Tip

pages = ContentPages(
    model=Tip,
    form_class=TipForm,
    template_dir="kit_example",
    namespace="tips",
    name="tip",
    created="The tip is saved as a draft.",
    saved="Your changes are saved.",
)
urlpatterns = [path("ambassador/tips/", include((pages.urls(), "tips"))), *project]
