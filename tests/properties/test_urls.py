"""Every public address and the ambassadors' pages, with generated path segments and query
strings (any characters, NUL included; numbers beyond every database's range; codes that
exist and codes that do not): the answer is never a 5xx, anonymous or logged in, on
PostgreSQL and SQLite alike."""

import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, SlugConverter, StringConverter
from hypothesis import given, settings
from hypothesis import strategies as st

from encyclopedia.forms import EntryFilterForm
from initiatives.forms import InitiativeFilterForm
from initiatives.models import Initiative
from programme.models import FrameworkTag, ProgrammeNode
from tests.factories import AmbassadorFactory
from tests.public_pages import load_example_pages

from .strategies import awkward_text, number_text, numbers

pytestmark = pytest.mark.django_db

#: Not requested: the admin (staff only, its own tests), the catch-all of the API, and
#: addresses that only take a POST or end the session.
SKIPPED = re.compile(r"^(admin:|api:None$|logout$|csp-report$|password_reset_confirm$)")


def _patterns(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part) or None
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, prefix + str(pattern.pattern), getattr(pattern.pattern, "converters", {})


def addresses() -> list[tuple[str, str, dict]]:
    found, seen = [], set()
    for name, route, converters in _patterns(get_resolver().url_patterns):
        if SKIPPED.match(name) or route in seen:
            continue
        seen.add(route)
        found.append((name, route, converters))
    return found


ADDRESSES = addresses()
QUERY_NAMES = sorted(
    {
        *InitiativeFilterForm.base_fields,
        *EntryFilterForm.base_fields,
        "q",
        "page",
        "sida",
        "format",
        "page_size",
        "indicator",
        "kolada_id",
        "municipality",
        "year",
        "typ",
        "program",
        "next",
    }
)


def segment(converter, known: list[str]) -> st.SearchStrategy[str]:
    """A path segment the converter accepts (else the resolver answers 404 before any
    view runs): existing values and generated ones."""
    anything = awkward_text.filter(bool).map(lambda text: quote(text, safe=""))
    if isinstance(converter, IntConverter):
        return st.one_of(st.sampled_from(known or ["1"]), numbers.map(abs).map(str))
    if isinstance(converter, SlugConverter):
        return st.one_of(st.sampled_from(known or ["x"]), st.from_regex(r"\A[-a-zA-Z0-9_]+\Z"))
    if isinstance(converter, StringConverter):
        return st.one_of(st.sampled_from(known or ["x"]), anything)
    return anything


def regex_path(route: str, known: list[str]) -> st.SearchStrategy[str]:
    """The DRF router's regular expressions: ``(?P<pk>[^/.]+)`` and a format suffix."""
    route = route.replace("^", "").replace("$", "").replace("/?", "/").replace("\\.", ".")
    parts = re.split(r"(\(\?P<\w+>[^)]*\))", route)
    pieces = []
    for part in parts:
        if part.startswith("(?P<format>"):
            pieces.append(st.sampled_from(["json", "csv", "api", "xml", "x"]))
        elif part.startswith("(?P<"):
            pieces.append(
                st.one_of(
                    st.sampled_from(known or ["1"]),
                    numbers.map(str),
                    awkward_text.filter(lambda t: t and "/" not in t and "." not in t).map(
                        lambda t: quote(t, safe="")
                    ),
                )
            )
        else:
            pieces.append(st.just(part))
    return st.tuples(*pieces).map("".join)


def route_path(route: str, converters: dict, known: list[str]) -> st.SearchStrategy[str]:
    if "(?P<" in route or "^" in route:
        return regex_path(route, known)
    parts = re.split(r"(<(?:\w+:)?\w+>)", route)
    pieces = []
    for part in parts:
        match = re.fullmatch(r"<(?:\w+:)?(\w+)>", part)
        if match:
            pieces.append(segment(converters[match.group(1)], known))
        else:
            pieces.append(st.just(part))
    return st.tuples(*pieces).map("".join)


query = st.dictionaries(
    st.one_of(st.sampled_from(QUERY_NAMES), awkward_text.filter(bool)),
    st.one_of(awkward_text, number_text, st.sampled_from(["SOF", "MF", "trygghet", "2025"])),
    max_size=4,
)


@pytest.fixture
def world(loaded_examples):
    load_example_pages()
    ambassador = AmbassadorFactory().user
    logged_in = Client()
    logged_in.force_login(ambassador)
    known = [
        *[str(pk) for pk in Initiative.objects.values_list("pk", flat=True)[:3]],
        *ProgrammeNode.objects.values_list("code", flat=True)[:3],
        *FrameworkTag.objects.values_list("code", flat=True)[:2],
        "livskvalitetsprogrammet-2016-2024",
        "SOF",
        "2025",
    ]
    return {"anonymous": Client(), "ambassador": logged_in, "known": known}


@pytest.mark.parametrize(("name", "route", "converters"), ADDRESSES, ids=[a[0] for a in ADDRESSES])
# Seventy-odd addresses: a third of the profile's examples each keeps `make test` short.
@settings(max_examples=max(6, settings.default.max_examples // 3))
@given(data=st.data())
def test_no_address_answers_a_server_error(world, name, route, converters, data):
    path = "/" + data.draw(route_path(route, converters, world["known"]), label="path")
    if not path.startswith(("/api/", "/healthz", "/readyz", "/robots", "/sitemap")):
        path = data.draw(st.sampled_from(["", "/en"])) + path
    params = data.draw(query, label="query")
    client = world[data.draw(st.sampled_from(["anonymous", "ambassador"]), label="who")]
    response = client.get(path, params)
    assert response.status_code < 500, (path, params, response.status_code)
