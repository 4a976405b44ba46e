from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import DepartmentReport


class FollowupSitemap(Sitemap):
    """Each published year's overview and its approved department reports."""

    i18n = True
    alternates = True

    def items(self):
        reports = list(
            DepartmentReport.objects.published()
            .select_related("round", "department")
            .order_by("-round__year", "department__name")
        )
        years = sorted({report.round.year for report in reports}, reverse=True)
        return [("overview", year, None) for year in years] + [
            ("department", report.round.year, report.department.short_name) for report in reports
        ]

    def location(self, item):
        kind, year, short_name = item
        if kind == "overview":
            return reverse("followup:overview", args=[year])
        return reverse("followup:department", args=[year, short_name])
