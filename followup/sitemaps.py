from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import DepartmentReport


class FollowupSitemap(Sitemap):
    """The follow-up's method page, each published year's overview and its approved
    department reports (the annual reports are annualreport.sitemaps')."""

    i18n = True
    alternates = True

    def items(self):
        reports = list(
            DepartmentReport.objects.published()
            .select_related("round", "department")
            .order_by("-round__year", "department__name")
        )
        years = sorted({report.round.year for report in reports}, reverse=True)
        return [
            ("fixed", "followup:method", None),
            *(("overview", year, None) for year in years),
            *(
                ("department", report.round.year, report.department.short_name)
                for report in reports
            ),
        ]

    def location(self, item):
        kind, key, short_name = item
        if kind == "fixed":
            return reverse(key)
        if kind == "overview":
            return reverse("followup:overview", args=[key])
        return reverse("followup:department", args=[key, short_name])
