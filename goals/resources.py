"""Import and export of the register: one row per goal formulation.

Columns: document (the steering document's title), adopted_by, year, url, text, reference,
priorities (codes in the current programme, comma-separated; may be empty) and is_example.
A row's document is found by its title, or created from adopted_by, year and url; a
formulation is known by its document and text, so importing the same file twice changes
nothing. The whole file is applied, or nothing (core.resources.SafeModelResource).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, widgets

from core.resources import CodesWidget, SafeModelResource
from programme.selectors import current_priorities

from .models import GoalFormulation, SteeringDocument


class DocumentWidget(widgets.ForeignKeyWidget):
    """The steering document named in the row: found by title, or created from the row's
    adopted_by, year and url (checked like any other write). A document found whose other
    columns differ is updated from the row."""

    def __init__(self):
        super().__init__(SteeringDocument, field="title")

    def clean(self, value, row=None, **kwargs):
        title = str(value or "").strip()
        if not title:
            raise ValueError(_("Give the steering document's title."))
        document = SteeringDocument.objects.filter(title=title).first() or SteeringDocument(
            title=title
        )
        year = str(row.get("year") or "").strip()
        if not year.removesuffix(".0").isdigit():
            raise ValueError(_("The year must be a number, such as 2019 (not “%s”).") % year)
        wanted = {
            "adopted_by": str(row.get("adopted_by") or "").strip(),
            "year": int(year.removesuffix(".0")),
            "url": str(row.get("url") or "").strip(),
            "is_example": str(row.get("is_example") or "").strip().lower() in ("1", "true", "ja"),
        }
        if document.pk is None or any(getattr(document, k) != v for k, v in wanted.items()):
            for name, value_ in wanted.items():
                setattr(document, name, value_)
            try:
                document.full_clean()
            except ValidationError as error:
                raise ValueError(
                    "; ".join(f"{name}: {' '.join(m)}" for name, m in error.message_dict.items())
                ) from None
            document.save()
        return document


class GoalFormulationResource(SafeModelResource):
    document = fields.Field(attribute="document", column_name="document", widget=DocumentWidget())
    adopted_by = fields.Field(
        attribute="document__adopted_by", column_name="adopted_by", readonly=True
    )
    year = fields.Field(attribute="document__year", column_name="year", readonly=True)
    url = fields.Field(attribute="document__url", column_name="url", readonly=True)
    is_example = fields.Field(
        attribute="document__is_example", column_name="is_example", readonly=True
    )
    priorities = fields.Field(
        attribute="priorities",
        column_name="priorities",
        widget=CodesWidget(
            GoalFormulation.priorities.field.related_model,
            field="code",
            queryset=current_priorities,
        ),
    )

    class Meta:
        model = GoalFormulation
        fields = (
            "document",
            "adopted_by",
            "year",
            "url",
            "text",
            "reference",
            "priorities",
            "is_example",
        )
        export_order = fields
        import_id_fields = ("document", "text")
        skip_unchanged = True
        report_skipped = True
        use_bulk = False
        clean_model_instances = True

    def get_queryset(self):
        return (
            GoalFormulation.objects.select_related("document")
            .prefetch_related("priorities")
            .order_by("document__title", "pk")
        )

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        row["text"] = str(row.get("text") or "").strip()
        if not row["text"]:
            raise ValueError(_("Give the goal formulation's text."))
