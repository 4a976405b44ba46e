"""Import and export of initiatives for the team: one row per initiative.

Columns: id, title, summary, body, lead_department, partner_departments, priorities, tags,
status, starts_on, ends_on, target_group, results, lessons, contact, is_example, and, for
reading only, state and published_at. Departments are given by short name, priorities by
their code in the current programme (an import keeps the links to an archived version's
priorities), framework tags by code; several are comma-separated.
A row with an id updates that initiative (its version goes up, so an editor who had it open
is told); a row without one creates a draft. State is never imported: publishing goes
through the review workflow. Personal data (who created an initiative) is never exported.
"""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from import_export import fields, widgets

from ambassadors.models import Department
from core.resources import CodesWidget, CodeWidget, SafeModelResource, ScopedCodesField
from programme.models import FrameworkTag, ProgrammeNode
from programme.selectors import current_priorities

from .models import RELATED_FIELDS, TEXT_FIELDS, WORK_FIELDS, Initiative


class InitiativeResource(SafeModelResource):
    lead_department = fields.Field(
        attribute="lead_department",
        column_name="lead_department",
        widget=CodeWidget(Department, field="short_name"),
    )
    partner_departments = fields.Field(
        attribute="partner_departments",
        column_name="partner_departments",
        widget=CodesWidget(Department, field="short_name"),
    )
    priorities = ScopedCodesField(
        attribute="priorities",
        column_name="priorities",
        widget=CodesWidget(ProgrammeNode, field="code", queryset=current_priorities),
    )
    tags = fields.Field(
        attribute="tags", column_name="tags", widget=CodesWidget(FrameworkTag, field="code")
    )
    starts_on = fields.Field(
        attribute="starts_on", column_name="starts_on", widget=widgets.DateWidget("%Y-%m-%d")
    )
    ends_on = fields.Field(
        attribute="ends_on", column_name="ends_on", widget=widgets.DateWidget("%Y-%m-%d")
    )
    state = fields.Field(attribute="state", column_name="state", readonly=True)
    published_at = fields.Field(
        attribute="published_at",
        column_name="published_at",
        readonly=True,
        widget=widgets.DateTimeWidget("%Y-%m-%d %H:%M"),
    )

    class Meta:
        model = Initiative
        fields = (
            "id",
            *TEXT_FIELDS,
            "lead_department",
            *RELATED_FIELDS,
            *WORK_FIELDS,
            "contact",
            "is_example",
            "state",
            "published_at",
        )
        export_order = fields
        import_id_fields = ("id",)
        skip_unchanged = True
        report_skipped = True
        use_bulk = False
        clean_model_instances = True

    def get_queryset(self):
        return (
            Initiative.objects.originals()
            .select_related("lead_department")
            .prefetch_related(
                "partner_departments", Prefetch("priorities", queryset=current_priorities()), "tags"
            )
            .order_by("pk")
        )

    def get_or_init_instance(self, instance_loader, row):
        instance, new = super().get_or_init_instance(instance_loader, row)
        if new and row.get("id") not in (None, ""):
            # An id names an existing initiative; a new one gets its id from the database.
            raise ValidationError(
                _("No initiative with id %(id)s; leave id empty to add a new one.")
                % {"id": row["id"]}
            )
        return instance, new

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if not str(row.get("priorities") or "").strip():
            raise ValidationError({"priorities": _("Choose at least one priority.")})

    def before_save_instance(self, instance, row, **kwargs):
        if instance.pk is None:
            instance.state = Initiative.State.DRAFT
            instance.created_by = kwargs.get("user")
        else:
            instance.version += 1
