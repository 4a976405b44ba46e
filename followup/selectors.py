"""Reads for the follow-up pages; each a fixed number of queries."""

from django.db.models import Count, F, QuerySet
from django.http import Http404

from core import page_cache, review
from initiatives.models import Initiative
from programme.models import ProgrammeNode

from . import analysis
from .analysis import NodeFigures, rollup
from .models import Assessment, DepartmentReport, FollowupRound


def year_tag(year: int) -> page_cache.Tag:
    """What the public pages of one year of the follow-up depend on."""
    return page_cache.tag(FollowupRound, year, field="year")


def year_tags(year: int | None) -> list[page_cache.Dependency]:
    """What an edit of a year's round, reports or assessments touches: the list of years,
    and that year's pages (every year's, when the year cannot be read any more)."""
    return [FollowupRound, year_tag(year) if year is not None else page_cache.ALL]


def public_years() -> list[int]:
    """Years with at least one approved report, newest first."""
    return list(
        FollowupRound.objects.filter(review.published_filter(DepartmentReport, "reports__"))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def open_rounds() -> list[FollowupRound]:
    """The rounds the departments are reporting in now, by deadline, each with how many
    departments report in it (``expected``) and how many reports are approved."""
    return list(_with_counts().filter(is_open=True).order_by("deadline", "year"))


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
    if not (node.at_area_level or node.at_group_level):
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


def year_alignments(year: int, data: analysis.YearData) -> list[analysis.DepartmentAlignment]:
    """Each approved report's alignment in ``year``, by department name: three queries for
    the reports and their assessments, whatever their number."""
    assessments = assessments_by_report(year)
    return [
        analysis.department_alignment(
            report=report, data=data, assessments=assessments.get(report.pk, [])
        )
        for report in approved_reports(year)
    ]


def complete_rounds() -> QuerySet[FollowupRound]:
    """The rounds whose every report is approved (a department without a report yet counts
    as not approved), and that have departments at all: their annual report is public."""
    return _with_counts().filter(expected__gt=0, approved__gte=F("expected"))  # type: ignore[misc]


def _with_counts() -> QuerySet[FollowupRound]:
    return FollowupRound.objects.annotate(
        expected=Count("departments", distinct=True),
        approved=Count(
            "reports", filter=review.published_filter(DepartmentReport, "reports__"), distinct=True
        ),
    )


def is_complete(year: int) -> bool:
    """True when the year has a round and every report in it is approved."""
    return complete_rounds().filter(year=year).exists()
