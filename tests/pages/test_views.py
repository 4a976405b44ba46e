"""Staff-edited pages and the accessibility statement."""

import pytest

from pages.models import AccessibilityStatement, Page

pytestmark = pytest.mark.django_db


def test_statement_carries_the_seven_items_of_mdffs_2019_2(client, loaded):
    html = client.get("/tillganglighet/").content.decode()
    statement = AccessibilityStatement.objects.get()
    assert "Helsingborgs stad" in html and statement.site in html  # 1. body and site
    assert "delvis förenlig" in html  # 2. compliance status
    assert "Innehåll som inte är tillgängligt" in html and "dra och släpp" in html  # 3.
    assert "Innehåll som är undantaget från kraven" in html  # 4. exempted content
    assert "Senaste granskning" in html and "Redogörelsen senast uppdaterad" in html  # 5.
    assert f"mailto:{statement.feedback_email}" in html  # 6. feedback function
    assert 'href="https://www.digg.se/tdosanmalan"' in html  # 7. report to DIGG


def test_pages_are_edited_content_and_unpublished_ones_are_hidden(client, loaded):
    page = Page.objects.get(slug="livskvalitetsteamet")
    html = client.get(page.get_absolute_url()).content.decode()
    assert "Hållbarhetsstrateg" in html and "Folkhälsoinspiratör" in html
    page.is_published = False
    page.save()
    assert client.get(page.get_absolute_url()).status_code == 404


def test_page_bodies_are_sanitised(client, loaded):
    page = Page.objects.get(slug="livskvalitetsteamet")
    page.body = '<p>ok</p><script>alert("x")</script><img src=x onerror=alert(1)>'
    page.save()
    html = client.get(page.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "onerror" not in html
