"""Documents as tagged PDF (PDF/UA-1: title, language, structure, and an outline from the
headings): an HTML document and its print stylesheet, turned into PDF by WeasyPrint. Only
the worker writes them, never a request (see each document's job kind)."""

from typing import Any, BinaryIO, cast

from django.contrib.staticfiles import finders

#: The PDF structure's table sections and the scope their header cells have.
_SCOPES = {"/THead": "/Column", "/TBody": "/Row", "/TFoot": "/Column"}


def write_pdf(html: str, handle: BinaryIO, *, stylesheet: str) -> None:
    """Write ``html`` (a whole document) as a tagged PDF to ``handle``, with the static
    ``stylesheet`` (a path such as "css/report.css")."""
    from weasyprint import CSS, HTML  # imported here: it loads Pango, which only this needs

    HTML(string=html).write_pdf(
        handle,
        stylesheets=[CSS(filename=finders.find(stylesheet))],
        pdf_variant="pdf/ua-1",
        finisher=header_scopes,
    )


def header_scopes(document: Any, pdf: Any) -> None:
    """WeasyPrint's finisher: give every table header cell (TH) its Scope, which WeasyPrint
    leaves out (it links cells to headers by ID only): a header in the table's head heads
    its column, one in a body row heads its row, as the documents' HTML says with
    scope="col" and scope="row"."""
    elements = {
        cast(Any, obj).reference: obj
        for obj in pdf.objects
        if isinstance(obj, dict) and obj.get("S")
    }
    for element in elements.values():
        if element["S"] != "/TH":
            continue
        row = elements.get(element.get("P"))
        section = elements.get(row.get("P")) if row is not None else None
        scope = _SCOPES.get(section["S"] if section is not None else "", "/Column")
        attributes = element.get("A")
        if attributes is None:
            attributes = element["A"] = type(element)()  # a pydyf.Dictionary
        attributes["O"], attributes["Scope"] = "/Table", scope
