"""Single sign-on in Chromium, as a person does it: the login page's button, the provider's
own login page (the test provider, tests/oidc_provider), and back on her pages, logged in.
The login page with the button passes axe in both languages at both widths."""

from urllib.parse import urlsplit

from django.urls import reverse

from tests.browser.conftest import overflow, visit
from tests.browser.test_account_pages import check
from tests.factories import AmbassadorFactory, DepartmentFactory, UserFactory
from tests.support.oidc import PROVIDER_PASSWORD


def test_an_ambassador_signs_on_from_the_login_page(page, site, sso_on):
    AmbassadorFactory(
        user=UserFactory(username="anna", email="anna@example.se"),
        name="Anna Andersson",
        departments=[DepartmentFactory()],
    )
    for width in (1280, 320):
        visit(page, site, reverse("login"), width)
        assert overflow(page) <= 0
        with page.expect_navigation():
            page.get_by_role("link", name="Logga in med Testinloggning").click()
        assert page.url.startswith(sso_on.removesuffix("/o") + "/login/")
        page.get_by_label("Username").fill("anna")
        page.get_by_label("Password").fill(PROVIDER_PASSWORD)
        with page.expect_navigation(url=f"{site.url}{reverse('ambassador:overview')}"):
            page.get_by_role("button", name="Sign in").click()
        header = page.locator("header").inner_text()
        assert "Anna Andersson" in header
        assert urlsplit(page.url).path == reverse("ambassador:overview")
        with page.expect_navigation():
            page.get_by_role("navigation", name="Ditt konto").get_by_role(
                "button", name="Logga ut"
            ).click()
        page.context.clear_cookies()  # the provider's session too: the next round logs in again


def test_the_login_page_with_single_sign_on(page, axe, site, sso_on):
    check(page, axe, site, ["login"])
