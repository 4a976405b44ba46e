"""Bad input is a 4xx everywhere and every output escapes for its format (issue: nothing
half-written, nothing that takes a page down)."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from core import review
from initiatives import services
from initiatives.models import Initiative
from programme.models import ProgrammeNode
from tests.factories import AmbassadorFactory, DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db
PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def published(loaded_examples):
    department = DepartmentFactory(short_name="SOF")
    writer = AmbassadorFactory(departments=[department]).user
    team = UserFactory(is_superuser=True, is_staff=True)
    initiative = services.initiative_create(
        initiative=Initiative(
            title="Simskola",
            summary=PAYLOAD,
            lead_department=department,
            results='=HYPERLINK("http://evil")',
        ),
        relations={"priorities": [ProgrammeNode.objects.priorities().first()]},
        by=writer,
    )
    return review.publish(review.submit(initiative, by=writer), by=team)


@pytest.mark.parametrize(
    ("address", "tag"),
    [
        ("/insatser/flode/rss/", "channel/item/description"),
        (
            "/insatser/flode/atom/",
            "{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary",
        ),
    ],
)
def test_feeds_show_typed_markup_as_text(published, address, tag):
    root = ET.fromstring(Client().get(address).content)
    text = root.find(tag).text
    # The reader treats the field as HTML: the escaped text shows the characters, runs nothing.
    assert "<script" not in text and "<img" not in text
    assert "&lt;script&gt;" in text


def test_an_items_csv_is_the_item_even_with_a_results_text(published):
    response = Client().get(f"/api/v1/initiatives/{published.pk}/?format=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 1 and rows[0]["title"] == "Simskola"
    assert rows[0]["results"].startswith("'=HYPERLINK")  # a formula, escaped


def test_a_formula_in_an_error_header_is_escaped(published):
    response = Client().get("/api/v1/initiatives/", {"format": "csv", "status": "=cmd"})
    assert response.status_code == 400
    header = response.content.decode().splitlines()[0]
    assert not header.startswith(("=", "+", "-", "@"))


@pytest.mark.parametrize(
    "address",
    [
        "/forvaltningar/%00/",
        "/uppfoljning/%00/",
        "/insatser/?forvaltning=%00",
        "/api/v1/initiatives/?forvaltning=SOF%00",
        "/api/v1/programmes/%00/",
        "/sok/?q=a%00b",
        "/admin/initiatives/initiative/?q=%00",
    ],
)
def test_a_nul_byte_anywhere_is_a_400(published, address):
    assert Client().get(address).status_code == 400


def test_a_nul_byte_in_a_form_field_is_a_400_and_writes_nothing(published):
    ambassador = AmbassadorFactory(departments=[published.lead_department]).user
    client = Client()
    client.force_login(ambassador)
    response = client.post("/ambassador/insatser/ny/", {"title": "Nul\x00titel", "summary": "S"})
    assert response.status_code == 400
    assert not Initiative.objects.filter(title__startswith="Nul").exists()


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/initiatives/99999999999999999999999/",
        "/insatser/99999999999999999999999/",
        "/uppslagsverk/99999999999999999999999/",
        "/api/v1/initiatives/?ar=99999999999999999999",
    ],
)
def test_numbers_beyond_the_database_are_a_4xx(published, address):
    assert 400 <= Client().get(address).status_code < 500


def test_a_stored_page_names_no_host_but_the_sites_own(published, settings):
    """The page cache keys on the host, and a page's own addresses (canonical, og:url)
    come from SITE_URL: a request with another Host cannot put its name in a stored page."""
    settings.PAGE_CACHE_SECONDS = 60
    settings.ALLOWED_HOSTS = ["a.example.se", "b.example.se"]
    settings.SITE_URL = "https://livskvalitet.example.se"
    for host in ("a.example.se", "b.example.se"):
        page = Client().get("/insatser/", HTTP_HOST=host).content.decode()
        assert 'content="https://livskvalitet.example.se/insatser/"' in page
        assert host not in page


def test_an_image_with_a_long_file_name_is_accepted(published, settings, tmp_path):
    from tests.initiatives.test_images_and_links import image_file

    settings.MEDIA_ROOT = tmp_path
    ambassador = AmbassadorFactory(departments=[published.lead_department]).user
    client = Client()
    client.force_login(ambassador)
    upload: SimpleUploadedFile = image_file(name="bild-" + "x" * 150 + ".png")
    response = client.post(
        "/ambassador/insatser/ny/",
        {
            "title": "Lång bild",
            "summary": "S",
            "lead_department": published.lead_department.pk,
            "priorities": [ProgrammeNode.objects.priorities().first().pk],
            "status": "ongoing",
            "image": upload,
            "image_alt": "En bild",
            "links-TOTAL_FORMS": "0",
            "links-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Initiative.objects.get(title="Lång bild").image
