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
        if isinstance(data, dict) and "results" in data:
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
            writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
            writer.writeheader()
            for row in rows:
                writer.writerow({key: escape_formula(_cell(value)) for key, value in row.items()})
        return out.getvalue().encode(self.charset)
