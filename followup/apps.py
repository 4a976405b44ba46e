from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import page_cache


class FollowupConfig(AppConfig):
    """The annual follow-up: rounds, reports, the alignment analysis, the export and the
    annual report."""

    name = "followup"
    verbose_name = _("Follow-up")

    def ready(self):
        from core import review
        from jobs.models import Job
        from programme import services as programme_services

        from . import export_job, models, services
        from .selectors import year_tag

        export_job.register()
        review.register(services.moderated)

        # A programme that a year has been approved against keeps its structure.
        programme_services.register_structure_guard(services.programme_followed_up)

        # FollowupRound is for pages that show which years are published or the latest one;
        # year_tag(year) for the pages of one year. Reports and their assessments are part
        # of their year.
        page_cache.register(models.FollowupRound, lambda round_: [year_tag(round_.year)])
        page_cache.register(models.DepartmentReport, lambda report: _year_of_part(report))
        page_cache.register(models.Assessment, lambda assessment: _year_of_part(assessment))
        # A finished annual report PDF is linked from its year's report page.
        page_cache.register(Job, _job_tags)


def _year_tags(year: int | None) -> list[page_cache.Dependency]:
    from .models import FollowupRound
    from .selectors import year_tag

    # A year that cannot be read any more (its round deleted with it): every year's pages.
    return [FollowupRound, year_tag(year) if year is not None else page_cache.ALL]


def _year_of_part(obj) -> list[page_cache.Dependency]:
    return _year_tags(_year_of(obj))


def _job_tags(job) -> list[page_cache.Dependency]:
    """A finished annual report PDF is linked from its year's report page."""
    from django.contrib.contenttypes.models import ContentType

    from .models import FollowupRound

    # get_for_model is cached per process: no query.
    if job.subject_type_id != ContentType.objects.get_for_model(FollowupRound).pk:
        return []
    year = FollowupRound.objects.filter(pk=job.subject_id).values_list("year", flat=True).first()
    return _year_tags(year)


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
