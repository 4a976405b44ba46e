"""Public programme pages in Swedish and English, permissions on drafts, and query counts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from programme.models import Programme, ProgrammeNode
from tests.factories import (
    FrameworkTagFactory,
    ProgrammeFactory,
    make_node,
    make_tree_in_bulk,
)

pytestmark = pytest.mark.django_db

LKP = "livskvalitetsprogrammet-2016-2024"


def url(name, language="sv", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def public_urls(language):
    return [
        url("portal:home", language),
        url("programme:programme-list", language),
        url("programme:programme", language, slug=LKP),
        url("portal:node", language, slug=LKP, code="valkomnande"),
        url("portal:node", language, slug=LKP, code="trygghet"),
        url("portal:node", language, slug=LKP, code="aktivdag"),
        url("programme:framework-list", language),
        url("portal:tag", language, code="folkhalsa-6"),
        url("pages:page", language, slug="livskvalitetsteamet"),
        url("pages:accessibility", language),
    ]


@pytest.fixture
def with_examples(loaded_examples):
    """The real programme with its example priorities."""


@pytest.mark.parametrize(
    ("language", "skip_text", "footer"),
    [
        ("sv", "Hoppa till huvudinnehållet", "Tillgänglighetsredogörelse"),
        ("en", "Skip to main content", "Accessibility statement"),
    ],
)
def test_every_public_page_answers_in_its_language(
    client, with_examples, language, skip_text, footer
):
    for address in public_urls(language):
        response = client.get(address)
        assert response.status_code == 200, address
        html = response.content.decode()
        assert f'<html lang="{language}">' in html, address
        assert skip_text in html, address
        assert footer in html, address
        assert 'href="/tillganglighet/"' in html or 'href="/en/tillganglighet/"' in html
        assert html.count("<h1") == 1, address
        assert "<main" in html and "<nav" in html and "<footer" in html


def test_english_is_one_link_away_and_shows_english_content(client, loaded):
    html = client.get("/").content.decode()
    assert '<a href="/en/" hreflang="en" lang="en">In English</a>' in html
    english = client.get("/en/").content.decode()
    assert "We want a warm welcome" in english
    assert '<a href="/" hreflang="sv" lang="sv">På svenska</a>' in english


def test_home_page_explains_the_programme_and_lists_five_directions_and_fifteen_focus_areas(
    client, loaded
):
    html = client.get("/").content.decode()
    assert "Tre nivåer" in html
    # A sentence never starts with the level's name in lower case.
    assert "nivåer. Dess <strong>viljeinriktningar</strong>" in html
    assert "Livskvalitet omfattar individens uppfattning" in html
    nodes = ProgrammeNode.objects.filter(programme__slug=LKP)
    for node in nodes.filter(depth__lte=2):
        assert node.title in html
    assert nodes.filter(depth=1).count() == 5
    assert nodes.filter(depth=2).count() == 15


def test_swedish_fallback_on_an_english_page_is_marked_swedish(client, loaded):
    ProgrammeNode.objects.filter(code="trygghet").update(title_en="")
    html = client.get(url("portal:node", "en", slug=LKP, code="trygghet")).content.decode()
    assert '<h1 lang="sv">Vi skapar trygghet och säkra miljöer' in html


def test_node_page_has_breadcrumbs_children_and_neighbours(client, with_examples):
    html = client.get(url("portal:node", slug=LKP, code="aktivt-liv")).content.decode()
    assert 'aria-label="Brödsmulor"' in html
    assert "Vi vill ha livslång aktivitet" in html  # its direction, in the breadcrumbs
    assert "Prioriteringar (2)" in html
    assert "Daglig fysisk aktivitet för barn och äldre" in html
    assert 'rel="prev"' in html and "Vi har upplevelser för alla sinnen" in html
    assert 'rel="next"' in html and "Vi skapar trygghet och säkra miljöer" in html


def test_example_content_is_marked_on_every_page_that_shows_it(client, with_examples):
    for address in [
        url("programme:programme", slug=LKP),
        url("portal:node", slug=LKP, code="aktivt-liv"),
        url("portal:node", slug=LKP, code="aktivdag"),
        url("portal:tag", code="folkhalsa-6"),
    ]:
        html = client.get(address).content.decode()
        if (
            "aktivdag" in address
            or "aktivt-liv" in address
            or "ramverk" in address
            or "program/" in address
        ):
            assert "Exempelinnehåll." in html, address
            assert 'class="badge badge-example"' in html, address


def test_real_content_alone_shows_no_example_notice(client, loaded):
    for address in public_urls("sv")[:5]:
        if "aktivdag" in address:
            continue
        assert "Exempelinnehåll" not in client.get(address).content.decode(), address


def test_draft_programmes_are_hidden_from_the_public_but_not_from_staff(client, staff_user):
    draft = ProgrammeFactory(status=Programme.Status.DRAFT, slug="utkast")
    make_node(draft, code="a")
    for address in [
        url("programme:programme", slug="utkast"),
        url("portal:node", slug="utkast", code="a"),
    ]:
        assert client.get(address).status_code == 404
    client.force_login(staff_user)
    for address in [
        url("programme:programme", slug="utkast"),
        url("portal:node", slug="utkast", code="a"),
    ]:
        assert client.get(address).status_code == 200


def test_archived_programmes_stay_browsable_beside_the_current_one(client, loaded):
    old = ProgrammeFactory(
        status=Programme.Status.ARCHIVED, slug="lkp-2008", valid_from=2008, valid_to=2015
    )
    html = client.get(url("programme:programme-list")).content.decode()
    assert old.get_absolute_url() in html and LKP in html
    page = client.get(old.get_absolute_url()).content.decode()
    assert "Gå till det aktuella programmet" in page


def test_unknown_addresses_are_404(client, loaded):
    for address in [
        "/program/finns-inte/",
        f"/program/{LKP}/finns-inte/",
        "/ramverk/finns-inte/",
        "/om/finns-inte/",
    ]:
        assert client.get(address).status_code == 404, address


def _count_queries(client, address) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(address).status_code == 200
    return len(context.captured_queries)


def test_pages_use_the_same_number_of_queries_for_20_and_2000_nodes(client):
    programme = ProgrammeFactory(slug="stort", is_current=True)
    tag = FrameworkTagFactory()
    counts = []
    for directions, focus_areas, priorities in [(2, 3, 2), (10, 10, 19)]:
        ProgrammeNode.objects.all().delete()
        make_tree_in_bulk(programme, directions, focus_areas, priorities)
        tag.nodes.set(ProgrammeNode.objects.priorities())
        focus = ProgrammeNode.objects.focus_areas().first()
        addresses = {
            "programme": programme.get_absolute_url(),
            "home": "/",
            "node": url("portal:node", slug="stort", code=focus.code),
            "tag": tag.get_absolute_url(),
        }
        counts.append({page: _count_queries(client, a) for page, a in addresses.items()})
    assert ProgrammeNode.objects.count() == 10 + 100 + 1900
    assert ProgrammeNode.objects.find_problems() == ([], [], [], [], [])
    assert counts[0] == counts[1]


def test_whole_programme_page_query_count_is_fixed(client, loaded, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):  # 7 with the programme's frameworks
        client.get(url("programme:programme", slug=LKP))


def test_page_titles_name_the_page(client, loaded):
    html = client.get(url("portal:node", slug=LKP, code="trygghet")).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.startswith("Vi skapar trygghet och säkra miljöer – Livskvalitetsprogrammet")
