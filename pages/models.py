from django.conf import settings
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import kits
from core.fields import SanitizedHTMLField
from core.i18n import Translated


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def in_navigation(self):
        return self.published().filter(in_navigation=True).order_by("position", "title")

    def outside_navigation(self):
        """Published pages not in the menu: the team-and-network page links to them."""
        return self.published().filter(in_navigation=False).order_by("position", "title")


class Page(models.Model):
    """A page the team edits: how the programme works, the team, the ambassador network."""

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    lead = models.TextField(_("lead text"), blank=True)
    lead_en = models.TextField(_("lead text (English)"), blank=True)
    body = SanitizedHTMLField(_("text"), blank=True)
    body_en = SanitizedHTMLField(_("text (English)"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    in_navigation = models.BooleanField(_("show in the main menu"), default=True)
    is_published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PageQuerySet.as_manager()
    history = HistoricalRecords()

    title_i18n = Translated("title")
    lead_i18n = Translated("lead")
    body_i18n = Translated("body", html=True)

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pages:page", kwargs={"slug": self.slug})


class AccessibilityStatement(models.Model):
    """The accessibility statement (tillgänglighetsredogörelse) that DOS-lagen requires,
    with one field for each item of DIGG's regulation MDFFS 2019:2. There is one."""

    class Compliance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    organisation = models.CharField(_("public body"), max_length=200)
    site = models.CharField(
        _("website covered"), max_length=200, help_text=_("The site's address or name.")
    )
    compliance = models.CharField(
        _("compliance status"),
        max_length=10,
        choices=Compliance.choices,
        help_text=_("Against WCAG 2.1 level AA (EN 301 549)."),
    )
    non_accessible_content = SanitizedHTMLField(
        _("content that is not accessible, and why"), blank=True
    )
    non_accessible_content_en = SanitizedHTMLField(
        _("content that is not accessible, and why (English)"), blank=True
    )
    exempted_content = SanitizedHTMLField(
        _("content exempted (disproportionate burden or outside the law's scope)"), blank=True
    )
    exempted_content_en = SanitizedHTMLField(_("content exempted (English)"), blank=True)
    assessment_method = models.TextField(_("how the site was assessed"))
    assessment_method_en = models.TextField(_("how the site was assessed (English)"), blank=True)
    assessed_on = models.DateField(_("date of the latest assessment"))
    prepared_on = models.DateField(_("date the statement was first prepared"))
    feedback_email = models.EmailField(_("e-mail for feedback"))
    feedback_phone = models.CharField(_("phone for feedback"), max_length=40, blank=True)
    feedback_response_time = models.CharField(
        _("when feedback is answered"), max_length=200, blank=True
    )
    feedback_response_time_en = models.CharField(
        _("when feedback is answered (English)"), max_length=200, blank=True
    )
    updated_at = models.DateTimeField(_("statement last updated"), auto_now=True)

    history = HistoricalRecords()

    non_accessible_content_i18n = Translated("non_accessible_content", html=True)
    exempted_content_i18n = Translated("exempted_content", html=True)
    assessment_method_i18n = Translated("assessment_method")
    feedback_response_time_i18n = Translated("feedback_response_time")

    DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statement")
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="accessibility_statement_is_single"),
        ]

    def __str__(self):
        return str(_("Accessibility statement for %(site)s") % {"site": self.site})

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("pages:accessibility")


class SiteIdentity(models.Model):
    """Who runs the site and what it is called: the municipality's name and code, the
    site's name and logo. Set by the team, so that another municipality can run the portal
    unchanged. There is one; until it is saved, the site uses SITE_NAME and
    ORGANISATION_NAME from the environment."""

    site_name = models.CharField(_("site name"), max_length=100)
    site_name_en = models.CharField(_("site name (English)"), max_length=100, blank=True)
    organisation = models.CharField(
        _("municipality"),
        max_length=100,
        help_text=_("As the site names it: “Helsingborgs stad”, “Motala kommun”."),
    )
    organisation_en = models.CharField(_("municipality (English)"), max_length=100, blank=True)
    municipality_code = models.CharField(
        _("municipality code"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^\d{4}$", _("Four digits, as in SCB's and Kolada's codes."))],
        help_text=_(
            "The four-digit code (SCB, Kolada), e.g. 1283 for Helsingborg: the key figures' "
            "own municipality when a programme names none."
        ),
    )
    logo = models.FileField(
        _("logo"),
        upload_to="identity/",
        blank=True,
        validators=[FileExtensionValidator(["svg", "png", "jpg", "jpeg", "webp"])],
        help_text=_("Shown beside the site's name in the header; its text is the municipality."),
    )

    # The organisation's own words, as pages and e-mails speak of it (pages.identity.words).
    organisation_word = models.CharField(
        _("the organisation, in a sentence"),
        max_length=60,
        default="kommunen",
        help_text=_("How a sentence names it, in Swedish: “staden”, “kommunen”."),
    )
    organisation_word_en = models.CharField(
        _("the organisation, in a sentence (English)"),
        max_length=60,
        default="the municipality",
        help_text=_("“the city”, “the municipality”."),
    )
    organisation_word_genitive = models.CharField(
        _("the organisation's"),
        max_length=60,
        default="kommunens",
        help_text=_("As in “stadens förvaltningar”: “stadens”, “kommunens”."),
    )
    organisation_word_genitive_en = models.CharField(
        _("the organisation's (English)"),
        max_length=60,
        default="the municipality's",
        help_text=_("“the city's”, “the municipality's”."),
    )
    team_name = models.CharField(
        _("the team, in a sentence"),
        max_length=100,
        default="teamet",
        help_text=_("Who reviews, publishes and approves, in a sentence: “livskvalitetsteamet”."),
    )
    team_name_en = models.CharField(
        _("the team, in a sentence (English)"),
        max_length=100,
        default="the team",
        help_text=_("“the quality-of-life team”."),
    )

    history = HistoricalRecords()

    site_name_i18n = Translated("site_name")
    organisation_i18n = Translated("organisation")
    organisation_word_i18n = Translated("organisation_word")
    organisation_word_genitive_i18n = Translated("organisation_word_genitive")
    team_name_i18n = Translated("team_name")

    class Meta:
        verbose_name = _("site identity")
        verbose_name_plural = _("site identity")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="site_identity_is_single")]

    def __str__(self):
        return f"{self.site_name}, {self.organisation}"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def from_settings(cls) -> "SiteIdentity":
        """The identity before the team has saved one: the environment's names, the words
        of the municipality kit (core.kits)."""
        kit = kits.site_defaults(settings.MUNICIPALITY)
        return cls(
            site_name=settings.SITE_NAME,
            organisation=settings.ORGANISATION_NAME,
            **{name: kit[name] for name in cls.WORD_FIELDS if name in kit},
        )

    WORD_FIELDS = (
        "organisation_word",
        "organisation_word_en",
        "organisation_word_genitive",
        "organisation_word_genitive_en",
        "team_name",
        "team_name_en",
    )
