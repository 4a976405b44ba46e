from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import page_cache


class FollowupConfig(AppConfig):
    """The annual follow-up: reports, key figures and the alignment analysis."""

    name = "followup"
    verbose_name = _("Follow-up")

    def ready(self):
        from programme import services as programme_services

        from . import models, services

        # A programme that a year has been approved against keeps its structure.
        programme_services.register_structure_guard(services.programme_followed_up)

        # "followup" is for pages that show which years are published or the latest one;
        # "followup:<year>" for the pages of one year.
        page_cache.register(models.Municipality, lambda place: ("keyfigures", "municipalities"))
        page_cache.register(
            models.Indicator, lambda indicator: ("keyfigures", f"keyfigure:{indicator.pk}")
        )
        page_cache.register(
            models.IndicatorValue,
            lambda value: ("keyfigures", f"keyfigure:{value.indicator_id}"),
        )
        page_cache.register(models.FollowupRound, lambda round_: _year_tags(round_.year))
        page_cache.register(models.DepartmentReport, lambda report: _year_tags(_year_of(report)))
        page_cache.register(models.Assessment, lambda assessment: _year_tags(_year_of(assessment)))
        # The steering group's published decisions (followup.views.prioritisation_list).
        page_cache.register(models.Budget, lambda budget: ("prioritisation",))
        page_cache.register(models.Intervention, lambda intervention: ("prioritisation",))
        page_cache.register(models.Decision, lambda decision: ("prioritisation",))
        # A finished annual report PDF is linked from its year's report page.
        page_cache.register(
            models.Job, lambda job: _year_tags(_year_of(job)) if job.round_id else ()
        )


def _year_tags(year: int | None) -> tuple[str, ...]:
    # A year that cannot be read any more (its round deleted with it): every year's pages.
    return ("followup", f"followup:{year}" if year is not None else page_cache.ALL)


def _year_of(obj) -> int | None:
    """The year of the round of a report, an assessment or a job; from the objects already
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
