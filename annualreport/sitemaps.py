from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from followup.selectors import complete_rounds


class AnnualReportSitemap(Sitemap):
    """Each year's annual report, once every report of the year is approved."""

    i18n = True
    alternates = True

    def items(self):
        return list(complete_rounds().order_by("-year").values_list("year", flat=True))

    def location(self, year):
        return reverse("annualreport:report", args=[year])
