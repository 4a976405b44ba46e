"""Reads for the follow-up pages; each a fixed number of queries."""

from django.http import Http404

from .models import DepartmentReport, FollowupRound


def public_years() -> list[int]:
    """Years with at least one approved report, newest first."""
    return list(
        FollowupRound.objects.filter(reports__state=DepartmentReport.State.APPROVED)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def approved_report(*, year: int, short_name: str) -> DepartmentReport:
    report = (
        DepartmentReport.objects.approved()
        .select_related("round", "department")
        .filter(round__year=year, department__short_name=short_name)
        .first()
    )
    if report is None:
        raise Http404
    return report
