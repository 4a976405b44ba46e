from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.urls import include, path
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from accounts import views as accounts_views
from ambassadors.sitemaps import DepartmentSitemap
from annualreport.sitemaps import AnnualReportSitemap
from core import views as core_views
from encyclopedia.sitemaps import EntrySitemap
from followup.sitemaps import FollowupSitemap
from goals.sitemaps import SteeringDocumentSitemap
from initiatives.sitemaps import InitiativeSitemap
from keyfigures.sitemaps import KeyFigureSitemap
from pages import identity
from pages.sitemaps import PageSitemap
from portal.sitemaps import FixedPagesSitemap
from programme.sitemaps import FrameworkTagSitemap, ProgrammeSitemap

# The site's name is the team's to set (pages.SiteIdentity): read on every admin page.
admin.site.site_header = lazy(
    lambda: _("%(site)s – administration") % {"site": identity.current().site_name_i18n}, str
)()
admin.site.site_title = lazy(lambda: str(identity.current().site_name_i18n), str)()
admin.site.index_title = _("Content and follow-up")
# The start page begins with the team's dashboard (portal.dashboard).
admin.site.index_template = "admin/dashboard.html"

# One login door for everyone (accounts/): the admin's login page sends people there.
admin.site.login = accounts_views.admin_login  # type: ignore[method-assign]

# A database outage anywhere in a request answers 503 instead of 500.
handler400 = "core.views.bad_request"
handler500 = "core.views.server_error"

SITEMAPS = {
    "pages": FixedPagesSitemap,
    "programme": ProgrammeSitemap,
    "frameworks": FrameworkTagSitemap,
    "about": PageSitemap,
    "initiatives": InitiativeSitemap,
    "departments": DepartmentSitemap,
    "followup": FollowupSitemap,
    "annualreport": AnnualReportSitemap,
    "keyfigures": KeyFigureSitemap,
    "encyclopedia": EntrySitemap,
    "goals": SteeringDocumentSitemap,
}

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("csp-report", core_views.csp_report, name="csp-report"),
    path("robots.txt", core_views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap_view, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("api/v1/", include("api.urls")),
]

# Swedish at /, English at /en/.
urlpatterns += i18n_patterns(
    path("", include("portal.urls")),
    path("", include("programme.urls")),
    path("", include("pages.urls")),
    path("", include("initiatives.urls")),
    # Before the follow-up's: "rapport" is not a department's short name.
    path("", include("annualreport.urls")),
    path("", include("followup.urls")),
    path("", include("keyfigures.urls")),
    path("", include("prioritisation.urls")),
    path("", include("encyclopedia.urls")),
    path("", include("goals.urls")),
    path("", include("api.public_urls")),
    path("", include("search.urls")),
    path("ambassador/uppfoljning/", include("followup.ambassador_urls")),
    path("ambassador/uppslagsverk/", include("encyclopedia.ambassador_urls")),
    path("ambassador/e-post/", include("notifications.urls")),
    path("ambassador/", include("initiatives.ambassador_urls")),
    path("accounts/", include("accounts.urls")),
    prefix_default_language=False,
)

# Uploaded images. In production the proxy serves MEDIA_ROOT at /media/ (docs/operations.md).
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
