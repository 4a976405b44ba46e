"""CSV for every collection: one row per item, nested objects flattened to their readable
codes, spreadsheet formulas escaped (core.resources.escape_formula)."""

import csv
import io

from rest_framework.renderers import BaseRenderer

from core.resources import escape_formula


def _cell(value):
    if isinstance(value, dict):  # a department, a node, a tag: its code
        for key in ("short_name", "code", "slug", "title"):
            if key in value:
                return value[key]
        return ""
    if isinstance(value, list):
        return ",".join(str(_cell(item)) for item in value)
    return "" if value is None else value


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # A page of a list has count and results; an item may have a field named results.
        if isinstance(data, dict) and {"count", "results"} <= data.keys():
            rows = data["results"]
        elif isinstance(data, list):
            rows = data
        else:
            rows = [data]
        out = io.StringIO()
        view = (renderer_context or {}).get("view")
        if rows:
            columns = list(rows[0])
        elif view is not None and hasattr(view, "get_serializer"):
            columns = list(view.get_serializer().fields)  # an empty list still has its header
        else:
            columns = []
        if columns:
            writer = csv.writer(out, lineterminator="\r\n")
            writer.writerow([escape_formula(str(column)) for column in columns])
            for row in rows:
                writer.writerow([escape_formula(_cell(row.get(column))) for column in columns])
        return out.getvalue().encode(self.charset)
