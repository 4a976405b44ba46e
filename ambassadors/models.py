"""Departments and companies of the city, and the quality-of-life ambassadors in them."""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import kits
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


@dataclass(frozen=True)
class TeamRole:
    """A role in the team, as the municipality's kit names and describes it (team.yaml)."""

    code: str
    name: str
    description: str
    name_en: str = ""
    description_en: str = ""

    label = Translated("name")
    description_i18n = Translated("description")


def team_roles() -> list[TeamRole]:
    """The active kit's team roles, in its order (core.kits)."""
    return [TeamRole(**role) for role in kits.team_roles(settings.MUNICIPALITY)]


def role_choices() -> list[tuple[str, str]]:
    return [(role.code, role.label) for role in team_roles()]


class TeamMember(models.Model):
    """A member of the quality-of-life team, in one of its roles.

    Like an ambassador's, the name and contact details are personal data, shown on the
    public site only when ``is_public`` records the person's consent.
    """

    role = models.CharField(_("role"), max_length=40, choices=role_choices)
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
