"""Base for every import-export resource: all-or-nothing imports and escaped formulas."""

import re
from textwrap import shorten

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

# A spreadsheet treats a cell starting with any of these as a formula (OWASP CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# ...and the apostrophe that escapes them: a text that starts with one is escaped as well,
# so that unescaping never takes away an apostrophe the writer typed.
ESCAPED_PREFIXES = (*FORMULA_PREFIXES, "'")
#: The largest id a row may give (a signed 64-bit integer, as every database holds).
LARGEST_ID = 2**63 - 1


def escape_formula(value):
    """Prefix a formula-looking string (or one that starts with an apostrophe) with an
    apostrophe, so spreadsheets show it as text."""
    if isinstance(value, str) and value.startswith(ESCAPED_PREFIXES):
        return "'" + value
    return value


def unescape_formula(value):
    """Undo :func:`escape_formula`: ``unescape_formula(escape_formula(text)) == text`` for
    every text. An apostrophe before anything else (typed in a spreadsheet) stays."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(ESCAPED_PREFIXES):
        return value[1:]
    return value


class StyleFreeDiff(resources.Diff):
    """The import preview's diff without the inline style attributes that diff-match-patch
    writes (the Content-Security-Policy blocks them); static/css/admin.css colours them.
    Only tags match: diff-match-patch has already escaped the "<" of the data itself."""

    INLINE_STYLE = re.compile(r'<(ins|del|span) style="[^"]*">')

    def as_html(self):
        return [mark_safe(self.INLINE_STYLE.sub(r"<\1>", html)) for html in super().as_html()]  # noqa: S308


class SafeModelResource(resources.ModelResource):
    """ModelResource whose import applies whole or not at all and whose export is escaped.

    The library rolls back on row *errors* but keeps going past *validation* errors
    unless told otherwise; an import here never writes part of a file.
    """

    def get_diff_class(self):
        return StyleFreeDiff

    def import_data(self, dataset, **kwargs):
        kwargs["rollback_on_validation_errors"] = True
        self._rows_by_key: dict[tuple[str, ...], int] = {}
        return super().import_data(dataset, **kwargs)

    def before_import_row(self, row, **kwargs):
        self._refuse_repeated_key(row, kwargs.get("row_number"))
        text_columns = self._text_columns()
        for key, value in row.items():
            # An empty spreadsheet cell arrives as None; Django stores empty text as "".
            row[key] = "" if value is None and key in text_columns else unescape_formula(value)
        super().before_import_row(row, **kwargs)

    def _refuse_repeated_key(self, row, number: int | None) -> None:
        """A row whose key (``import_id_fields``) an earlier row of the file has is refused,
        naming both rows: it would otherwise overwrite the earlier one silently."""
        fields = [self.fields[name] for name in self.get_import_id_fields()]
        key = tuple(str(row.get(field.column_name) or "").strip() for field in fields)
        for field, value in zip(fields, key, strict=True):
            self._check_integer_key(field, value)
        if not any(key) or number is None:
            return  # new rows without an id
        earlier = self._rows_by_key.setdefault(key, number)
        if earlier != number:
            columns = ", ".join(
                f"{field.column_name} “{shorten(value, 60)}”"
                for field, value in zip(fields, key, strict=True)
            )
            raise ValidationError(
                {
                    fields[-1].column_name: _(
                        "The same key (%(columns)s) is also in row %(row)d; give each row once."
                    )
                    % {"columns": columns, "row": earlier}
                }
            )

    def _check_integer_key(self, field, value: str) -> None:
        """An integer key (an id) outside what the database holds would fail the lookup
        with a database error; it is the row's error instead."""
        try:
            model_field = self._meta.model._meta.get_field(field.attribute or field.column_name)
        except FieldDoesNotExist:
            return
        if not value or not isinstance(model_field, models.IntegerField | models.AutoField):
            return
        number = value.removesuffix(".0")
        if not (number.isascii() and number.isdigit() and int(number) <= LARGEST_ID):
            raise ValidationError(
                {
                    field.column_name: _(
                        "“%(value)s” is not an id: give a whole number, or leave it empty "
                        "for a new row."
                    )
                    % {"value": value[:40]}
                }
            )

    def _text_columns(self) -> set[str]:
        return {
            field.name
            for field in self._meta.model._meta.get_fields()
            if isinstance(field, models.CharField | models.TextField) and not field.null
        }

    def export_field(self, field, instance, **kwargs):
        return escape_formula(super().export_field(field, instance, **kwargs))


class CodeWidget(widgets.ForeignKeyWidget):
    """A foreign key given by its code; an unknown code is a clear row error."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(
                _("No %(model)s with code “%(code)s”.")
                % {"model": self.model._meta.verbose_name, "code": value}
            ) from None


class ScopedCodesField(fields.Field):
    """A many-to-many column whose codes name the objects of its widget's ``queryset`` (the
    priorities of the programme in force): an import sets the links within it and keeps
    the others (an archived version's, kept for the years followed up against it). The
    resource's export reads the same scope (a Prefetch of it)."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        if not is_m2m or self.readonly:
            return super().save(instance, row, is_m2m=is_m2m, **kwargs)
        cleaned = self.clean(row, **kwargs)
        relation = getattr(instance, self.attribute)
        kept = relation.exclude(pk__in=self.widget.queryset().values("pk"))
        relation.set([*cleaned, *kept])


class CodesWidget(widgets.ManyToManyWidget):
    """Many related objects given by their codes, comma-separated; an unknown code is a
    clear row error (the library's widget silently drops it). ``queryset`` limits which
    objects a code may name."""

    def __init__(self, model, field, queryset=None, **kwargs):
        super().__init__(model, field=field, **kwargs)
        self.queryset = queryset

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return self.model.objects.none()
        codes = [code.strip() for code in str(value).split(self.separator) if code.strip()]
        queryset = self.queryset() if self.queryset else self.model.objects.all()
        found = queryset.filter(**{f"{self.field}__in": codes})
        missing = sorted(set(codes) - {str(getattr(obj, self.field)) for obj in found})
        if missing:
            raise ValueError(
                _("No %(model)s with code “%(codes)s”.")
                % {"model": self.model._meta.verbose_name, "codes": "”, “".join(missing)}
            )
        return found
