"""Security baseline: CSP with per-request nonces, headers and cookies, CSRF, login throttling."""

import re
import runpy
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from axes.models import AccessAttempt
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.public_pages import PAGE_TYPES, load_example_pages

pytestmark = pytest.mark.django_db

NONCE = re.compile(r"'nonce-([^']+)'")
PASSWORD = "correct horse battery staple"


class InlineCodeFinder(HTMLParser):
    """Collects inline code that a nonce-based CSP would block: what must not be on a page."""

    def __init__(self, nonce):
        super().__init__()
        self.nonce = nonce
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in attrs:
            if name == "style" or name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> (inline attribute)")
        executable = attrs.get("type") in (None, "", "text/javascript", "module")
        inline_script = tag == "script" and "src" not in attrs and executable
        if (inline_script or tag == "style") and attrs.get("nonce") != self.nonce:
            self.problems.append(f"<{tag}> without the request's nonce")
        if (
            tag == "link"
            and attrs.get("rel") == "stylesheet"
            and attrs.get("nonce")
            not in (
                None,
                self.nonce,
            )
        ):
            self.problems.append("<link rel=stylesheet> with a stale nonce")


def csp_nonce(response) -> str:
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    match = NONCE.search(policy)
    assert match, policy
    return match.group(1)


def assert_no_inline_code_without_nonce(response):
    nonce = csp_nonce(response)
    finder = InlineCodeFinder(nonce)
    finder.feed(response.content.decode())
    assert finder.problems == [], finder.problems
    return nonce


@pytest.fixture
def public_site(loaded_examples):

    load_example_pages()


@pytest.mark.parametrize("page", PAGE_TYPES, ids=lambda page: page.label)
def test_every_public_page_has_a_csp_with_a_fresh_nonce_and_no_unnonced_inline_code(
    client, public_site, page
):
    first = client.get(page.url())
    second = client.get(page.url())
    assert first.status_code == second.status_code == 200
    assert assert_no_inline_code_without_nonce(first) != assert_no_inline_code_without_nonce(second)


ADMIN_PAGES = [
    "admin:index",
    "admin:programme_programmenode_changelist",
    "admin:programme_programmenode_add",
    "admin:programme_programmenode_import",
    "admin:programme_programmenode_export",
    "admin:programme_programme_changelist",
    "admin:pages_page_changelist",
    "admin:pages_accessibilitystatement_changelist",
    "admin:auth_user_changelist",
    "admin:password_change",
    "admin:ambassadors_department_changelist",
    "admin:ambassadors_department_add",
    "admin:ambassadors_ambassador_changelist",
    "admin:ambassadors_ambassador_add",
    "admin:initiatives_initiative_changelist",
    "admin:initiatives_initiative_add",
]


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_admin_pages_carry_the_csp_and_nonce_their_inline_code(client, superuser, loaded, name):
    client.force_login(superuser)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_no_inline_code_without_nonce(response)


def test_admin_change_form_and_history_carry_the_csp(client, superuser, loaded):
    from programme.models import ProgrammeNode

    node = ProgrammeNode.objects.get(code="trygghet")
    client.force_login(superuser)
    for name in ("change", "history"):
        response = client.get(reverse(f"admin:programme_programmenode_{name}", args=[node.pk]))
        assert response.status_code == 200
        assert_no_inline_code_without_nonce(response)


def test_the_login_page_carries_the_csp(client):
    assert_no_inline_code_without_nonce(client.get(reverse("login")))


# --- Production headers and cookies -------------------------------------------------------

PRODUCTION_KEYS = [
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
]


@pytest.fixture
def production_security(monkeypatch):
    """The security settings of lkp/settings/production.py, applied to the test site."""
    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("EMAIL_URL", "smtp://smtp.example.se:587")
    production = runpy.run_module("lkp.settings.production")
    with override_settings(**{key: production[key] for key in PRODUCTION_KEYS}):
        yield


def test_production_sends_the_security_headers(client, loaded, production_security):
    response = client.get("/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_production_redirects_plain_http_to_https(client, production_security):
    response = client.get("/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_production_cookies_are_secure_and_http_only(production_security):
    UserFactory(username="ann", is_staff=True)
    client = Client()
    client.get(reverse("login"), secure=True)
    response = client.post(
        reverse("login"),
        {"username": "ann", "password": PASSWORD, "next": "/admin/"},
        secure=True,
    )
    assert response.status_code == 302
    for name in ("sessionid", "csrftoken"):
        cookie = client.cookies[name]
        assert cookie["secure"] is True, name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name


# --- CSRF -----------------------------------------------------------------------------------


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_no_view_is_exempt_from_csrf_but_the_read_only_api(client):
    """Django REST framework marks its views exempt (it checks CSRF itself for session
    logins); the open-data API has no logins and answers only GET, HEAD and OPTIONS. The
    browsers' CSP reports carry no cookie-bound action: they are only logged."""
    exempt = [
        route
        for route, view in walk(get_resolver().url_patterns)
        if getattr(view, "csrf_exempt", False) and route != "csp-report"
    ]
    assert exempt and all(route.startswith("api/v1/") for route in exempt), exempt
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)("/api/v1/initiatives/").status_code == 405
        assert getattr(client, method)("/api/v1/nowhere/").status_code == 405


def test_a_form_post_without_the_csrf_token_is_refused_with_a_plain_page():
    UserFactory(username="ann", is_staff=True)
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "ann", "password": PASSWORD})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formuläret har gått ut" in html
    assert "Traceback" not in html and "CSRF_FAILURE_VIEW" not in html


def test_the_csrf_token_is_in_every_post_form_of_the_admin(client, superuser, loaded):
    client.force_login(superuser)
    for name in ADMIN_PAGES:
        html = client.get(reverse(name)).content.decode()
        for form in re.findall(r"<form[^>]*method=\"post\"[^>]*>.*?</form>", html, re.S | re.I):
            assert "csrfmiddlewaretoken" in form, name


# --- Login throttling (django-axes) ---------------------------------------------------------


def admin_login(client, username, password):
    return client.post(
        reverse("login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR="203.0.113.7",
    )


@pytest.fixture
def ann(db):
    return UserFactory(username="ann", is_staff=True)


def test_five_failures_lock_the_username_from_that_address_even_with_the_right_password(
    client, ann, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert admin_login(client, "ann", "wrong").status_code == 200
    locked = admin_login(client, "ann", "wrong")
    assert locked.status_code == 429
    assert "För många misslyckade inloggningar" in locked.content.decode()
    assert admin_login(client, "ann", PASSWORD).status_code == 429


def test_a_lockout_is_per_username_and_address(client, ann, settings):
    UserFactory(username="bo", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        admin_login(client, "ann", "wrong")
    assert admin_login(client, "bo", PASSWORD).status_code == 302
    elsewhere = Client()
    response = elsewhere.post(
        reverse("login"),
        {"username": "ann", "password": PASSWORD, "next": "/admin/"},
        REMOTE_ADDR="198.51.100.4",
    )
    assert response.status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, ann, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        admin_login(client, "ann", "wrong")
    assert admin_login(client, "ann", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(hours=1, minutes=1))
    assert admin_login(client, "ann", PASSWORD).status_code == 302


def test_a_successful_login_resets_the_failure_count(client, ann, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        admin_login(client, "ann", "wrong")
    assert admin_login(client, "ann", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert admin_login(client, "ann", "wrong").status_code == 200
    assert admin_login(client, "ann", PASSWORD).status_code == 302


def test_the_import_preview_diff_has_no_inline_styles(client, superuser, loaded):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(superuser)
    csv = b"programme,code,parent,title\nlivskvalitetsprogrammet-2016-2024,ny,,<b>Ny</b>\n"
    response = client.post(
        reverse("admin:programme_programmenode_import"),
        {
            "import_file": SimpleUploadedFile("f.csv", csv, "text/csv"),
            "format": "1",
            "resource": "0",
        },
    )
    assert response.context["confirm_form"] is not None
    html = response.content.decode()
    assert "<ins>" in html
    assert "&lt;b&gt;Ny&lt;/b&gt;" in html  # the data stays escaped
    assert_no_inline_code_without_nonce(response)


def test_a_forged_forwarded_for_header_does_not_escape_the_lockout(client, ann, settings):
    """Without a trusted proxy (AXES_IPWARE_PROXY_COUNT=0) X-Forwarded-For is ignored."""
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": "ann", "password": "wrong", "next": "/admin/"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}",
        )
    response = client.post(
        reverse("login"),
        {"username": "ann", "password": PASSWORD, "next": "/admin/"},
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )
    assert response.status_code == 429
