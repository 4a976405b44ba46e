from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import page_cache


class FollowupConfig(AppConfig):
    """The annual follow-up: rounds, reports and the alignment analysis (the export and the
    annual report are annualreport's)."""

    name = "followup"
    verbose_name = _("Follow-up")

    def ready(self):
        from core import review
        from programme import services as programme_services

        from . import models, services
        from .selectors import year_tag

        review.register(services.moderated)

        # A programme that a year has been approved against keeps its structure.
        programme_services.register_structure_guard(services.programme_followed_up)

        # FollowupRound is for pages that show which years are published or the latest one;
        # year_tag(year) for the pages of one year. Reports and their assessments are part
        # of their year.
        page_cache.register(models.FollowupRound, lambda round_: [year_tag(round_.year)])
        page_cache.register(models.DepartmentReport, lambda report: _year_of_part(report))
        page_cache.register(models.Assessment, lambda assessment: _year_of_part(assessment))


def _year_of_part(obj) -> list[page_cache.Dependency]:
    from .selectors import year_tags

    return year_tags(_year_of(obj))


def _year_of(obj) -> int | None:
    """The year of the round of a report or an assessment; from the objects already
    loaded when they are, else in one query."""
    from .models import DepartmentReport, FollowupRound

    cached = obj._state.fields_cache
    if "report" in cached:
        obj, cached = obj.report, obj.report._state.fields_cache
    if "round" in cached:
        return obj.round.year
    if hasattr(obj, "round_id"):
        return FollowupRound.objects.filter(pk=obj.round_id).values_list("year", flat=True).first()
    reports = DepartmentReport.objects.filter(pk=obj.report_id)
    return reports.values_list("round__year", flat=True).first()
