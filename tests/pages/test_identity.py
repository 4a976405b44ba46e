"""The site's identity from the data: the site's name, the municipality, its code and logo
are the team's to set, and every page type, the admin, the feeds and the e-mails follow.
The site is rendered as Motala's to show that a second municipality runs it unchanged."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from lxml import html as lxml_html

from pages import identity
from pages.models import SiteIdentity
from tests.factories import UserFactory
from tests.public_pages import PAGE_TYPES, load_example_pages

pytestmark = pytest.mark.django_db

MOTALA = {
    "site_name": "Social hållbarhet i Motala",
    "site_name_en": "Social sustainability in Motala",
    "organisation": "Motala kommun",
    "organisation_en": "Motala Municipality",
    "municipality_code": "0583",
}


@pytest.fixture
def motala(loaded_examples):
    load_example_pages()
    SiteIdentity(**MOTALA).save()


@pytest.mark.parametrize(
    ("language", "site", "organisation"),
    [
        ("sv", "Social hållbarhet i Motala", "Motala kommun"),
        ("en", "Social sustainability in Motala", "Motala Municipality"),
    ],
)
def test_every_page_type_names_the_site_as_the_team_set_it(
    client, motala, language, site, organisation
):
    for page_type in PAGE_TYPES:
        response = client.get(page_type.url(language))
        assert response.status_code == 200, page_type.label
        document = lxml_html.fromstring(response.content)
        title = document.findtext(".//title")
        assert title.endswith(f"{site}, {organisation}"), (page_type.label, title)
        header = document.find_class("site-name")[0].text_content()
        assert header == f"{site}{organisation}", page_type.label
        footer = document.find(".//footer").text_content()
        assert organisation in footer and "Helsingborgs stad" not in footer, page_type.label
        assert "Helsingborgs stad" not in title + header, page_type.label


def test_the_admin_the_feeds_and_the_password_e_mail_follow(client, motala):
    team = UserFactory(username="team", is_staff=True, is_superuser=True, email="t@example.se")
    client.force_login(team)
    admin = client.get("/admin/").content.decode()
    assert "Social hållbarhet i Motala – administration" in admin
    assert "<title>" in admin and "| Social hållbarhet i Motala</title>" in admin
    client.logout()
    for feed in ("initiatives:feed-rss", "encyclopedia:feed-atom"):
        response = client.get(reverse(feed))
        assert "– Social hållbarhet i Motala</title>" in response.content.decode(), feed
    client.post(reverse("password_reset"), {"email": "t@example.se"})
    (message,) = mail.outbox
    assert "Social hållbarhet i Motala" in message.subject
    assert "Social hållbarhet i Motala" in message.body


def test_without_a_saved_identity_the_environments_names_are_used(client, settings, db):
    settings.SITE_NAME, settings.ORGANISATION_NAME = "Portalen", "Exempelkommun"
    assert str(identity.current()) == "Portalen, Exempelkommun"
    SiteIdentity(site_name="Nytt namn", organisation="Ny kommun").save()
    assert str(identity.current()) == "Nytt namn, Ny kommun"


def test_a_changed_identity_replaces_every_stored_page(client, loaded, page_cache_on):
    SiteIdentity(site_name="Före", organisation="Kommunen").save()
    assert "Före" in client.get("/").content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"
    with page_cache_on.edit():
        identity_row = SiteIdentity.objects.get()
        identity_row.site_name = "Efter"
        identity_row.save()
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss" and "Efter" in response.content.decode()


def test_the_logo_is_shown_beside_the_name_and_only_images_are_taken(
    client, loaded, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48"/>'
    row = SiteIdentity(site_name="Portalen", organisation="Kommunen")
    row.logo = SimpleUploadedFile("vapen.svg", svg, content_type="image/svg+xml")
    row.full_clean()
    row.save()
    page = client.get("/").content.decode()
    assert '<img class="logo" src="/media/identity/vapen' in page and 'alt=""' in page
    row.logo = SimpleUploadedFile("vapen.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(Exception, match="exe"):
        row.full_clean()


def test_the_loader_sets_the_identity_once_and_keeps_the_teams_changes(db):
    call_command("load_programme", stdout=io.StringIO(), stderr=io.StringIO(), verbosity=0)
    row = SiteIdentity.objects.get()
    assert (row.site_name, row.organisation, row.municipality_code) == (
        "Livskvalitetsprogrammet",
        "Helsingborgs stad",
        "1283",
    )
    row.organisation = "Helsingborg"
    row.save()
    call_command("load_programme", stdout=io.StringIO(), stderr=io.StringIO(), verbosity=0)
    assert SiteIdentity.objects.get().organisation == "Helsingborg"
