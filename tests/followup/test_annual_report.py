"""The annual report as a document: a tagged PDF with its outline, text, title and
language in Swedish and English, built by the worker; the web page printed with the same
stylesheet; public once every report of the year is approved."""

import io
import re

import pytest
from django.test import Client
from pypdf import PdfReader

from annualreport import document
from followup import selectors, services
from jobs.models import Job
from tests.followup.conftest import YEAR, approve

pytestmark = pytest.mark.django_db


def outline(reader):
    """The outline as (level, title), two levels deep."""
    found = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            elif level < 2:
                found.append((level, item.title))

    walk(reader.outline, 0)
    return found


@pytest.fixture
def complete(fw):
    team = fw["team"]
    for department, scores in ((fw["sof"], {"trygghet": 1}), (fw["mf"], {"mangfald": 3})):
        approve(
            services.report_start(round_=fw["round"], department=department, by=team), scores, team
        )
    return fw


def pdf(year, language):
    from django.utils import translation

    handle = io.BytesIO()
    with translation.override(language):
        document.write_pdf(year, handle)
    handle.seek(0)
    return PdfReader(handle)


def test_the_pdf_is_tagged_with_title_language_and_outline(complete):
    reader = pdf(YEAR, "sv")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sv" and bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert reader.metadata.title.startswith(f"Uppföljningen {YEAR}")
    assert outline(reader) == [
        (0, f"Uppföljningen {YEAR}"),
        (1, "Innehåll"),
        (1, "Självskattning per förvaltning och fokusområde"),
        (1, "Fokusområden och viljeinriktningar i siffror"),
        (1, "Förvaltningarna"),
        (1, "Nyckeltal"),
        (1, "Prioriteringar utan insatser"),
        (1, "Så beräknas uppföljningen"),
    ]
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Socialförvaltningen" in text and "Områden att arbeta mer med" in text
    assert "Kvoten är 95 % eller mer." in text  # the method, from the code's constants
    assert len(reader.pages) >= 6  # cover, contents and a page per chapter


def structure(reader):
    """Every element of the PDF's structure tree, depth first."""
    found = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, list):
            for kid in node:
                walk(kid)
        elif hasattr(node, "get") and node.get("/S"):
            found.append(node)
            if node.get("/K") is not None:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"]["/K"])
    return found


def test_the_pdfs_tables_and_figures_are_tagged_for_a_screen_reader(complete, fw):
    """Every table header cell has its scope (a column's in the head, a row's in the
    body), every figure (a chart, a legend's sample) its alternative text, and every text
    of a chart its size on the element (WeasyPrint's SVG reads no CSS)."""
    from keyfigures.models import Indicator, IndicatorValue, Municipality

    municipality = Municipality.objects.get_or_create(code="1283", defaults={"name": "Hbg"})[0]
    indicator = Indicator.objects.create(
        name="Andel trygga", unit="%", target_value=75, target_year=2030
    )
    indicator.focus_areas.add(fw["areas"]["trygghet"])
    for year in range(YEAR - 5, YEAR + 1):
        IndicatorValue.objects.create(
            indicator=indicator,
            municipality=municipality,
            year=year,
            gender="T",
            value=60 + year % 7,
        )
    elements = structure(pdf(YEAR, "sv"))
    headers = [element for element in elements if element["/S"] == "/TH"]
    scopes = {str(element["/A"].get_object().get("/Scope")) for element in headers}
    assert headers and scopes == {"/Column", "/Row"}
    figures = [element for element in elements if element["/S"] == "/Figure"]
    assert len(figures) >= 2 and all(element.get("/Alt") for element in figures)
    html = document.render_html(document.annual_report(YEAR))
    texts = re.findall(r"<text\b[^>]*>", html)
    assert texts and all('font-size="11"' in text for text in texts)


def test_the_pdf_in_english(complete):
    reader = pdf(YEAR, "en")
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert (1, "The departments") in outline(reader)


def test_the_report_is_public_once_every_report_is_approved(fw, client):
    team = fw["team"]
    approve(services.report_start(round_=fw["round"], department=fw["sof"], by=team), {}, team)
    address = f"/uppfoljning/{YEAR}/rapport/"
    assert not selectors.is_complete(YEAR)
    assert client.get(address).status_code == 404  # MF has not reported
    staff = Client()
    staff.force_login(team)
    assert staff.get(address).status_code == 200
    approve(services.report_start(round_=fw["round"], department=fw["mf"], by=team), {}, team)
    html = client.get(address).content.decode()
    assert 'href="/static/css/report.css"' in html and 'media="print"' in html
    assert "Rapportens pdf byggs automatiskt" in html
    assert (
        f'href="/uppfoljning/{YEAR}/rapport/"'
        in client.get(f"/uppfoljning/{YEAR}/").content.decode()
    )


def test_the_worker_builds_the_pdf_which_the_public_then_downloads(
    complete, client, django_capture_on_commit_callbacks
):
    team = Client()
    team.force_login(complete["team"])
    url = f"/admin/followup/followupround/{complete['round'].pk}/export/"
    with django_capture_on_commit_callbacks(execute=True):
        assert team.post(url, {"format": "pdf:en"}).status_code == 302
    job = Job.objects.get()
    assert (job.state, job.format, job.parameters) == (Job.State.DONE, "pdf", {"language": "en"})
    assert job.result["bytes"] > 10_000
    assert client.get(f"/uppfoljning/{YEAR}/rapport.pdf").status_code == 404  # no Swedish one
    response = client.get(f"/en/uppfoljning/{YEAR}/rapport.pdf")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="uppfoljning-{YEAR}-en.pdf"'
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert reader.trailer["/Root"]["/Lang"] == "en"
    with django_capture_on_commit_callbacks(execute=True):
        team.post(url, {"format": "pdf:fi"})
    assert Job.objects.count() == 1  # an unknown language is refused
