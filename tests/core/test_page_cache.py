"""The public page cache: hits for visitors without a session, a fresh nonce on every hit,
and every kind of edit visible on the next request."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from core import page_cache
from programme import services
from programme.models import FrameworkTag, ProgrammeNode
from tests.factories import ProgrammeFactory, UserFactory
from tests.public_pages import LKP

pytestmark = pytest.mark.django_db

WHOLE = f"/program/{LKP}/"
NONCE = re.compile(r"'nonce-([^']+)'")


def nonce_of(response):
    return NONCE.search(response["Content-Security-Policy"]).group(1)


def test_a_second_visit_is_served_from_the_cache_with_its_own_nonce(
    client, loaded, django_assert_num_queries
):
    first = client.get(WHOLE)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(WHOLE)
    assert second["X-Page-Cache"] == "hit"
    assert nonce_of(first) != nonce_of(second)
    assert f'nonce="{nonce_of(second)}"' in second.content.decode()
    assert page_cache.NONCE_PLACEHOLDER not in second.content.decode()
    normalise = lambda response: response.content.decode().replace(nonce_of(response), "N")  # noqa: E731
    assert normalise(first) == normalise(second)


def test_swedish_and_english_are_cached_apart(client, loaded):
    client.get(WHOLE)
    english = client.get("/en" + WHOLE)
    assert english["X-Page-Cache"] == "miss"
    assert '<html lang="en">' in english.content.decode()


def test_an_edited_title_shows_at_once(client, loaded):
    client.get(WHOLE)
    node = ProgrammeNode.objects.get(code="trygghet")
    node.title = "Vi skapar trygghet – ny lydelse"
    services.node_update(node=node)
    response = client.get(WHOLE)
    assert response["X-Page-Cache"] == "miss"
    assert "Vi skapar trygghet – ny lydelse" in response.content.decode()


def test_a_move_in_the_admin_shows_at_once(client, loaded, superuser):
    visitor = Client()
    before = visitor.get(WHOLE).content.decode()
    assert before.index('id="valkomnande"') < before.index('id="ansvar"')
    client.force_login(superuser)
    first, last = (ProgrammeNode.objects.get(code=c) for c in ("valkomnande", "ansvar"))
    response = client.post(
        reverse("admin:programme_programmenode_changelist") + "move/",
        {"node": last.pk, "target": first.pk, "relation": "sibling"},  # last goes first
    )
    assert response.status_code == 200
    after = visitor.get(WHOLE).content.decode()
    assert after.index('id="valkomnande"') > after.index('id="ansvar"')


def test_a_changed_tag_shows_at_once(client, loaded):
    tag = FrameworkTag.objects.get(code="folkhalsa-6")
    client.get(tag.get_absolute_url())
    tag.name = "Ett nytt namn på målområdet"
    tag.save()
    assert "Ett nytt namn på målområdet" in client.get(tag.get_absolute_url()).content.decode()


def test_the_version_changes_again_when_the_edit_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page_cache.content_changed()
        during = page_cache.cache.get(page_cache.VERSION_KEY)
    assert len(callbacks) == 1
    assert page_cache.cache.get(page_cache.VERSION_KEY) != during


def test_a_visitor_with_a_session_never_gets_a_cached_page(client, loaded):
    draft = ProgrammeFactory(slug="utkast", status="draft")
    anonymous = Client()
    assert anonymous.get(draft.get_absolute_url()).status_code == 404
    client.force_login(UserFactory(is_staff=True))
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    client.get(WHOLE)
    assert "X-Page-Cache" not in client.get(WHOLE)
    assert anonymous.get(draft.get_absolute_url()).status_code == 404


def test_not_found_pages_are_not_cached(client, loaded):
    client.get("/program/finns-inte/")
    assert "X-Page-Cache" not in client.get("/program/finns-inte/")


def test_the_page_cache_can_be_turned_off(client, loaded, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(WHOLE)
    assert "X-Page-Cache" not in client.get(WHOLE)


def test_a_hit_carries_the_headers_of_the_page_it_replays(client, loaded):
    first, second = client.get(WHOLE), client.get(WHOLE)
    assert second["X-Page-Cache"] == "hit"
    for header in (
        "Content-Type",
        "Content-Language",
        "Vary",
        "X-Frame-Options",
        "Referrer-Policy",
        "X-Content-Type-Options",
    ):
        assert second[header] == first[header], header
    policy = [r["Content-Security-Policy"].replace(nonce_of(r), "N") for r in (first, second)]
    assert policy[0] == policy[1]
    assert not second.cookies


class UnreachableCache:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

        return fail


def test_pages_are_served_uncached_while_the_shared_cache_is_down(client, loaded, monkeypatch):
    client.get(WHOLE)
    monkeypatch.setattr(page_cache, "cache", UnreachableCache())
    for _ in range(2):
        response = client.get(WHOLE)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert "Vi skapar trygghet och säkra miljöer" in response.content.decode()
