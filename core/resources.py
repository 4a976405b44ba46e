"""Base for every import-export resource: all-or-nothing imports and escaped formulas."""

from import_export import resources

# A spreadsheet treats a cell starting with any of these as a formula (OWASP CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """Prefix a formula-looking string with an apostrophe so spreadsheets show it as text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def unescape_formula(value):
    """Undo :func:`escape_formula`, so an exported file imports back unchanged."""
    if isinstance(value, str) and value[:1] == "'" and value[1:2] and value[1] in "=+-@\t\r":
        return value[1:]
    return value


class SafeModelResource(resources.ModelResource):
    """ModelResource whose import applies whole or not at all and whose export is escaped.

    The library rolls back on row *errors* but keeps going past *validation* errors
    unless told otherwise; an import here never writes part of a file.
    """

    def import_data(self, dataset, **kwargs):
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, **kwargs)

    def before_import_row(self, row, **kwargs):
        for key, value in row.items():
            row[key] = unescape_formula(value)
        super().before_import_row(row, **kwargs)

    def export_field(self, field, instance, **kwargs):
        return escape_formula(super().export_field(field, instance, **kwargs))
