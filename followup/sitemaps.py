from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .annual_report import complete_rounds
from .models import DepartmentReport


class FollowupSitemap(Sitemap):
    """The follow-up's method page, each published year's overview, its annual report once
    every report of the year is approved, and its approved department reports."""

    i18n = True
    alternates = True

    def items(self):
        reports = list(
            DepartmentReport.objects.published()
            .select_related("round", "department")
            .order_by("-round__year", "department__name")
        )
        years = sorted({report.round.year for report in reports}, reverse=True)
        complete = complete_rounds().order_by("-year").values_list("year", flat=True)
        return [
            ("fixed", "followup:method", None),
            *(("overview", year, None) for year in years),
            *(("report", year, None) for year in complete),
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
        if kind == "report":
            return reverse("followup:report", args=[key])
        return reverse("followup:department", args=[key, short_name])
