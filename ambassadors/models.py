"""Departments and companies of the city, and the quality-of-life ambassadors in them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.i18n import LocalizedText, Translated

from .querysets import AmbassadorQuerySet, DepartmentQuerySet, TeamMemberQuerySet


class Department(models.Model):
    """A department (förvaltning), a wholly owned company (helägt bolag) or another body
    of the city whose work the programme steers. Every one should have an ambassador."""

    class Kind(models.TextChoices):
        ADMINISTRATION = "administration", _("Department")
        COMPANY = "company", _("Wholly owned company")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=150, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    short_name = models.CharField(
        _("short name"),
        max_length=12,
        unique=True,
        help_text=_("The city's abbreviation, e.g. SLF, SOF, VOF, SBF."),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Merged or closed bodies are kept, inactive.")
    )

    objects = DepartmentQuerySet.as_manager()
    history = HistoricalRecords()

    name_i18n = Translated("name")

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("department or company")
        verbose_name_plural = _("departments and companies")

    def __str__(self):
        return f"{self.name} ({self.short_name})"

    def get_absolute_url(self):
        return reverse("portal:department", kwargs={"short_name": self.short_name})

    @property
    def choice_label(self) -> LocalizedText:
        name = self.name_i18n
        return LocalizedText(f"{name} ({self.short_name})", name.lang)


class Ambassador(models.Model):
    """A member of staff who represents one or more departments in the ambassador network.

    Name, title, e-mail and phone are personal data: they are shown to logged-in staff and
    ambassadors, and on the public site only when ``is_public`` is set by the person.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="ambassador",
        verbose_name=_("user account"),
    )
    departments = models.ManyToManyField(
        Department, related_name="ambassadors", verbose_name=_("departments and companies")
    )
    name = models.CharField(_("name"), max_length=150)
    title = models.CharField(_("job title"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_public = models.BooleanField(
        _("shown on the public site"),
        default=False,
        help_text=_(
            "Only with the person's consent: name, title, e-mail and phone then appear on the "
            "public site. Without it, the public site shows only that the department has an "
            "ambassador."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = AmbassadorQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[departments])

    class Meta:
        ordering = ["name"]
        verbose_name = _("ambassador")
        verbose_name_plural = _("ambassadors")

    def __str__(self):
        return self.name


class TeamRole(models.TextChoices):
    """The roles of the quality-of-life team (livskvalitetsteamet), as the city describes it."""

    TEAM_LEADER = "team_leader", _("Team leader")
    SUSTAINABILITY_STRATEGIST = "sustainability_strategist", _("Sustainability strategist")
    ENVIRONMENT_INSPIRER = "environment_inspirer", _("Environment inspirer")
    PUBLIC_HEALTH_INSPIRER = "public_health_inspirer", _("Public-health inspirer")
    PROCESS_LEADER = "process_leader", _("Process leader")


ROLE_DESCRIPTIONS = {
    TeamRole.TEAM_LEADER: _("Leads the team and the process of the programme."),
    TeamRole.SUSTAINABILITY_STRATEGIST: _(
        "Supports departments and companies in business planning and analyses, and follows "
        "up and reports the results of the city's quality-of-life work."
    ),
    TeamRole.ENVIRONMENT_INSPIRER: _(
        "Inspires and builds competence in the environmental field, and keeps watch on it."
    ),
    TeamRole.PUBLIC_HEALTH_INSPIRER: _(
        "Inspires and builds competence in public health, and keeps watch on it."
    ),
    TeamRole.PROCESS_LEADER: _("For a period, leads shorter projects linked to the team's remit."),
}


class TeamMember(models.Model):
    """A member of the quality-of-life team, in one of its roles.

    Like an ambassador's, the name and contact details are personal data, shown on the
    public site only when ``is_public`` records the person's consent.
    """

    role = models.CharField(_("role"), max_length=40, choices=TeamRole.choices)
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_public = models.BooleanField(
        _("shown on the public site"),
        default=False,
        help_text=_("Only with the person's consent: name, e-mail and phone then appear."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = TeamMemberQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "name"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"
