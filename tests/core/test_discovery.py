"""Discovery: robots.txt, the sitemap, the feeds of new initiatives, and a title and a
description on every public page."""

import re
import xml.etree.ElementTree as ET

import pytest

from followup.models import DepartmentReport
from followup.selectors import is_complete
from goals.models import SteeringDocument
from initiatives.models import Initiative
from keyfigures.models import Indicator
from tests.factories import AmbassadorFactory
from tests.public_pages import (
    PAGE_TYPES,
    first_published_initiative,
    load_example_pages,
)

pytestmark = pytest.mark.django_db
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def site(loaded_examples):
    load_example_pages()
    department = Initiative.objects.first().lead_department
    AmbassadorFactory(email="hemlig.ambassador@example.se", departments=[department])
    return Initiative.objects.create(
        title="Opublicerat utkast", summary="S", lead_department=department
    )


def test_robots_txt_keeps_crawlers_out_of_private_pages_and_names_the_sitemap(client, site):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines and "Disallow: /en/ambassador/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_the_sitemap_lists_public_pages_in_both_languages_and_no_drafts(client, site):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locations = {node.text for node in root.findall("s:url/s:loc", SITEMAP_NS)}
    initiative = first_published_initiative()
    paths = [
        f"/insatser/{initiative}/",
        "/en/insatser/",
        "/natverket/MF/",
        "/uppfoljning/2025/",
        "/uppfoljning/2025/MF/",
        "/program/livskvalitetsprogrammet-2016-2024/trygghet/",
        "/om/livskvalitetsteamet/",
        "/uppslagsverk/",
        "/styrdokument/",
        "/styrdokument/vita-falt/",
        "/oppna-data/",
        "/en/oppna-data/",
        "/uppfoljning/",
        "/uppfoljning/metod/",
        "/nyckeltal/",
        f"/nyckeltal/{Indicator.objects.first().pk}/",
        f"/styrdokument/{SteeringDocument.objects.first().pk}/",
    ]
    for path in paths:
        assert f"http://testserver{path}" in locations, path
    assert f"http://testserver/insatser/{site.pk}/" not in locations
    # The year's annual report once every report of the year is approved, and not before.
    assert is_complete(2025) and "http://testserver/uppfoljning/2025/rapport/" in locations
    DepartmentReport.objects.filter(round__year=2025).update(state="submitted")
    again = client.get("/sitemap.xml").content.decode()
    assert "/uppfoljning/2025/rapport/" not in again
    assert b'hreflang="en"' in response.content


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("/insatser/flode/rss/", "application/rss+xml"),
        ("/insatser/flode/atom/", "application/atom+xml"),
    ],
)
def test_the_feeds_have_the_newly_published_initiatives(client, site, address, kind):
    response = client.get(address)
    assert response["Content-Type"].startswith(kind)
    text = response.content.decode()
    assert "Exempel: Exempelinsats 3" in text and "Opublicerat utkast" not in text
    assert "@example.se" not in text  # the department is the author, never a person
    ET.fromstring(response.content)  # well-formed


def test_every_public_page_has_a_title_a_description_and_the_feed_link(client, site):
    titles = set()
    for page_type in PAGE_TYPES:
        html = " ".join(client.get(page_type.url()).content.decode().split())
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
        description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
        assert title and len(description) > 20, page_type.label
        assert 'type="application/rss+xml"' in html and 'property="og:url"' in html
        titles.add(title)
    # Search pages share a title with their query left out; the rest are all different.
    assert len(titles) >= len(PAGE_TYPES) - 1


def test_every_page_names_its_canonical_address_and_translations_in_full(client, settings):
    """Lighthouse reads hreflang only as absolute addresses; they and the canonical link are
    on SITE_URL, whatever Host the request came with."""
    settings.SITE_URL = "https://livskvalitet.example.se"
    html = client.get("/sok/?q=cykel", HTTP_HOST="127.0.0.1").content.decode()
    assert '<link rel="canonical" href="https://livskvalitet.example.se/sok/">' in html
    assert 'hreflang="sv" href="https://livskvalitet.example.se/sok/?q=cykel"' in html
    assert 'hreflang="en" href="https://livskvalitet.example.se/en/sok/?q=cykel"' in html
    assert 'hreflang="x-default" href="https://livskvalitet.example.se/sok/?q=cykel"' in html
    assert 'property="og:url" content="https://livskvalitet.example.se/sok/"' in html
