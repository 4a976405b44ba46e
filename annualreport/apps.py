from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import page_cache


class AnnualReportConfig(AppConfig):
    """The city-wide annual follow-up as a document and as data: the annual report (web page
    and PDF) and the export (xlsx, CSV, JSON), built by the worker from the follow-up, the
    key figures and the prioritisation."""

    name = "annualreport"
    verbose_name = _("Annual report")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from core import schedule
        from jobs.models import Job

        from . import export_job, publishing

        export_job.register()
        # A complete year's report PDF is built again when what it shows changes.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(publishing.content_saved, dispatch_uid="annualreport.content_saved")
        schedule.register(publishing.daily_check)
        # A finished annual report PDF is linked from its year's report page.
        page_cache.register(Job, _job_tags)


def _job_tags(job) -> list[page_cache.Dependency]:
    """A finished annual report PDF is linked from its year's report page."""
    from django.contrib.contenttypes.models import ContentType

    from followup.models import FollowupRound
    from followup.selectors import year_tags

    # get_for_model is cached per process: no query.
    if job.subject_type_id != ContentType.objects.get_for_model(FollowupRound).pk:
        return []
    year = FollowupRound.objects.filter(pk=job.subject_id).values_list("year", flat=True).first()
    return year_tags(year)
