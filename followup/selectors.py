"""Reads for the follow-up pages; each a fixed number of queries."""

from django.db.models import Count, QuerySet
from django.http import Http404

from core import page_cache, review
from initiatives.models import Initiative
from programme.models import ProgrammeNode

from .analysis import NodeFigures, rollup
from .models import Assessment, DepartmentReport, FollowupRound


def year_tag(year: int) -> page_cache.Tag:
    """What the public pages of one year of the follow-up depend on."""
    return page_cache.tag(FollowupRound, year, field="year")


def public_years() -> list[int]:
    """Years with at least one approved report, newest first."""
    return list(
        FollowupRound.objects.filter(review.published_filter(DepartmentReport, "reports__"))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def open_rounds() -> list[FollowupRound]:
    """The rounds the departments are reporting in now, by deadline."""
    return list(FollowupRound.objects.filter(is_open=True).order_by("deadline", "year"))


def approved_report(*, year: int, short_name: str) -> DepartmentReport:
    report = (
        DepartmentReport.objects.published()
        .select_related("round", "department")
        .filter(round__year=year, department__short_name=short_name)
        .first()
    )
    if report is None:
        raise Http404
    return report


def node_figures(node: ProgrammeNode) -> NodeFigures | None:
    """A focus area's or direction's figures in the latest published follow-up (of its
    programme when that is the current one); None for a priority or without one."""
    if node.is_priority:
        return None
    years = public_years()
    if not years or not node.programme.is_current:
        return None
    return rollup(year=years[0], programme=node.programme).get(node.path)


def approved_reports(year: int) -> QuerySet[DepartmentReport]:
    """The year's approved reports, by department name."""
    return (
        DepartmentReport.objects.published()
        .filter(round__year=year)
        .select_related("round", "department")
        .order_by("department__name", "department_id")
    )


def assessments_by_report(year: int) -> dict[int, list[Assessment]]:
    grouped: dict[int, list[Assessment]] = {}
    for assessment in (
        Assessment.objects.filter(
            review.published_filter(DepartmentReport, "report__"), report__round__year=year
        )
        .annotate(
            linked=Count("initiatives", filter=review.published_filter(Initiative, "initiatives__"))
        )
        .select_related("focus_area")
        .order_by("report_id", "focus_area__path")
    ):
        grouped.setdefault(assessment.report_id, []).append(assessment)
    return grouped
