"""Documents as tagged PDF (PDF/UA-1: title, language, structure, and an outline from the
headings): an HTML document and its print stylesheet, turned into PDF by WeasyPrint. Only
the worker writes them, never a request (see each document's job kind)."""

from typing import BinaryIO

from django.contrib.staticfiles import finders


def write_pdf(html: str, handle: BinaryIO, *, stylesheet: str) -> None:
    """Write ``html`` (a whole document) as a tagged PDF to ``handle``, with the static
    ``stylesheet`` (a path such as "css/report.css")."""
    from weasyprint import CSS, HTML  # imported here: it loads Pango, which only this needs

    HTML(string=html).write_pdf(
        handle, stylesheets=[CSS(filename=finders.find(stylesheet))], pdf_variant="pdf/ua-1"
    )
