"""The annual follow-up: a round per year, each department's report in it, and the report's
self-assessment per focus area."""

from typing import ClassVar

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ambassadors.models import Department
from core import review
from initiatives.models import Initiative
from jobs.models import Job
from programme.models import Programme, ProgrammeNode
from programme.tree import area_filter

from ..permissions import ReportPolicy
from ..querysets import DepartmentReportQuerySet


class PlanningPhase(models.TextChoices):
    """Where in the city's planning year (årshjul) the round's deadline falls."""

    ANNUAL_REPORT = "annual_report", _("Annual report (January–February)")
    BUDGET = "budget", _("Budget and targets (March–June)")
    INTERIM_REPORT = "interim_report", _("Interim report (August–September)")
    BUSINESS_PLAN = "business_plan", _("Business plans (October–December)")

    @classmethod
    def of_month(cls, month: int) -> "PlanningPhase | None":
        """The step whose months hold ``month`` (July has none)."""
        return next((phase for phase, months in PHASE_MONTHS.items() if month in months), None)


#: The months of each step, as their labels say.
PHASE_MONTHS = {
    PlanningPhase.ANNUAL_REPORT: (1, 2),
    PlanningPhase.BUDGET: (3, 4, 5, 6),
    PlanningPhase.INTERIM_REPORT: (8, 9),
    PlanningPhase.BUSINESS_PLAN: (10, 11, 12),
}


class FollowupRound(models.Model):
    """The team opens one round a year and chooses which departments report in it."""

    year = models.PositiveSmallIntegerField(_("year followed up"), unique=True)
    deadline = models.DateField(_("deadline"))
    phase = models.CharField(
        _("place in the planning year"),
        max_length=20,
        choices=PlanningPhase.choices,
        default=PlanningPhase.ANNUAL_REPORT,
        help_text=_("So that the reports feed the city's own planning at the right time."),
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followup_rounds",
        verbose_name=_("programme followed up"),
        help_text=_(
            "The programme version the reports are written against; its structure stays as "
            "it was for this year's pages, exports and analysis. Empty: the current one."
        ),
    )
    departments = models.ManyToManyField(
        Department, related_name="followup_rounds", verbose_name=_("departments that report")
    )
    is_open = models.BooleanField(
        _("open"), default=True, help_text=_("Ambassadors can write their reports.")
    )
    remind_days_before = models.PositiveSmallIntegerField(
        _("reminder, days before the deadline"),
        default=14,
        help_text=_(
            "Departments that have not submitted get a reminder this many days before the deadline."
        ),
    )
    remind_days_after = models.PositiveSmallIntegerField(
        _("reminder, days after the deadline"),
        default=3,
        help_text=_("…and again this many days after it, if they still have not."),
    )
    is_example = models.BooleanField(
        _("example content"),
        default=False,
        help_text=_("A round written for demonstration; its reports are shown as examples."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    #: The exports and annual reports built of the round's year (deleted with it).
    jobs = GenericRelation(
        Job,
        content_type_field="subject_type",
        object_id_field="subject_id",
        related_query_name="round",
    )

    history = HistoricalRecords(m2m_fields=[departments])

    class Meta:
        ordering = ["-year"]
        verbose_name = _("follow-up round")
        verbose_name_plural = _("follow-up rounds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=2100), name="round_year_in_range"
            )
        ]

    def __str__(self):
        return _("Follow-up %(year)s") % {"year": self.year}

    @property
    def phase_hint(self) -> str:
        """What to check when the deadline falls outside the months of the round's step
        in the planning year; "" when they agree."""
        if not self.deadline or self.deadline.month in PHASE_MONTHS[PlanningPhase(self.phase)]:
            return ""
        fitting = PlanningPhase.of_month(self.deadline.month)
        return _(
            "The deadline, %(deadline)s, falls outside “%(phase)s”%(fits)s. Check the step or "
            "the deadline, so that the reports come in time for the city's planning."
        ) % {
            "deadline": date_format(self.deadline, "j F Y"),
            "phase": self.get_phase_display(),
            "fits": _(": it is in “%(other)s”") % {"other": fitting.label} if fitting else "",
        }


class Score(models.IntegerChoices):
    """The self-assessment scale, the same for every focus area and year."""

    NOT_RELEVANT = 0, _("0 – Not relevant for us")
    NOT_STARTED = 1, _("1 – Not started")
    STARTED = 2, _("2 – Started")
    ESTABLISHED = 3, _("3 – Established")
    LEADING = 4, _("4 – Leading")


SCORE_HELP = {
    Score.NOT_RELEVANT: _("Our remit does not touch this area."),
    Score.NOT_STARTED: _("The area is relevant for us, but we have not begun working on it."),
    Score.STARTED: _("We have begun: single initiatives or plans, not yet part of our routines."),
    Score.ESTABLISHED: _(
        "The area is part of our business plan and routines, and we follow it up."
    ),
    Score.LEADING: _(
        "We work with the area throughout, with measured results, and others learn from us."
    ),
}


class DepartmentReport(review.Reviewable):
    """A department's report for a round, moderated (core.review: draft → submitted →
    approved, or returned with a comment; approved reports are public). Written only
    through followup.services and core.review, which check the workflow, the writer's
    department and ``version`` (no lost updates)."""

    round = models.ForeignKey(
        FollowupRound, on_delete=models.PROTECT, related_name="reports", verbose_name=_("round")
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="reports", verbose_name=_("department")
    )
    state = review.state_field(review.State.APPROVED)
    next_year_plans = models.TextField(
        _("plans for next year"),
        blank=True,
        help_text=_("What the department means to do next year, and in which focus areas."),
    )
    published_at = models.DateTimeField(_("approved"), null=True, blank=True)

    objects = DepartmentReportQuerySet.as_manager()
    review_policy: ClassVar[ReportPolicy] = ReportPolicy()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-round__year", "department__name"]
        verbose_name = _("department report")
        verbose_name_plural = _("department reports")
        permissions = [("review_departmentreport", _("Can approve and return reports"))]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "department"], name="one_report_per_department_and_round"
            )
        ]

    def __str__(self):
        return f"{self.department.short_name} {self.round.year}"

    def get_absolute_url(self):
        return reverse("reports:detail", kwargs={"pk": self.pk})

    def get_work_url(self):
        return reverse("reports:detail", args=[self.pk])


class Assessment(models.Model):
    """The department's view of one focus area in one year."""

    report = models.ForeignKey(
        DepartmentReport,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("report"),
    )
    focus_area = models.ForeignKey(
        ProgrammeNode,
        on_delete=models.PROTECT,
        related_name="assessments",
        limit_choices_to=area_filter,
        verbose_name=_("focus area"),
    )
    score = models.PositiveSmallIntegerField(
        _("self-assessment"), choices=Score.choices, null=True, blank=True
    )
    what_we_did = models.TextField(_("what we did"), blank=True)
    what_it_changed = models.TextField(_("what it changed"), blank=True)
    what_we_learned = models.TextField(_("what we learned"), blank=True)
    initiatives = models.ManyToManyField(
        Initiative, blank=True, related_name="assessments", verbose_name=_("initiatives")
    )

    history = HistoricalRecords(m2m_fields=[initiatives])

    class Meta:
        ordering = ["focus_area__path"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "focus_area"], name="one_assessment_per_focus_area"
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__lte=4),
                name="assessment_score_0_to_4",
            ),
        ]

    def __str__(self):
        return f"{self.report} · {self.focus_area.code}"


class Reminder(models.Model):
    """That a department's ambassadors were reminded of a round, at one step: before the
    deadline, after it, or by hand from the admin. The scheduled steps happen once per
    department and round (the constraint holds even when two runs overlap)."""

    class Step(models.TextChoices):
        BEFORE = "before", _("Before the deadline")
        AFTER = "after", _("After the deadline")
        MANUAL = "manual", _("Sent by the team")

    round = models.ForeignKey(
        FollowupRound, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("round")
    )
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="+", verbose_name=_("department")
    )
    step = models.CharField(_("step"), max_length=8, choices=Step.choices)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(_("e-mails"), default=0)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "department", "step"],
                condition=~models.Q(step="manual"),
                name="one_scheduled_reminder_per_step",
            )
        ]

    def __str__(self):
        return f"{self.round} {self.department.short_name} {self.get_step_display()}"
