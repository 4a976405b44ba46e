"""The pages of the one way in, logged in as the people who use them, pass axe-core (WCAG
2.1 A and AA) in Swedish and English at 1280 and 320 px without sideways scrolling: the
login page, the account page, the welcome page, an invitation link that no longer works,
the page for an account without a role, and the second factor's enrolment page."""

from urllib.parse import urlsplit

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from tests.browser.conftest import WIDTHS, overflow, visit, wcag_violations
from tests.factories import AmbassadorFactory, DepartmentFactory, UserFactory

PASSWORD = "correct horse battery staple"


def log_in(page, site, username):
    visit(page, site, reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def person(username, **fields):
    user = UserFactory(username=username, **fields)
    user.set_password(PASSWORD)
    user.save()
    return user


def check(page, axe, site, names):
    found = {}
    for name in names:
        for language in ("sv", "en"):
            with translation.override(language):
                address = reverse(name)
            for width in WIDTHS:
                assert visit(page, site, address, width) == 200, (name, language)
                assert urlsplit(page.url).path == address  # not sent to the login instead
                assert page.evaluate("document.documentElement.lang") == language
                found[(name, language, width)] = wcag_violations(axe, page)
                assert overflow(page) <= 0, (name, language, width)
    assert found == {key: [] for key in found}
    assert page.csp.messages == []


def test_the_login_page(page, axe, site):
    check(page, axe, site, ["login"])


def test_an_ambassadors_account_and_welcome_pages(page, axe, site):
    AmbassadorFactory(user=person("anna"), name="Anna Andersson", departments=[DepartmentFactory()])
    log_in(page, site, "anna")
    check(page, axe, site, ["account", "account-welcome"])


def test_the_page_for_an_account_without_a_role(page, axe, site):
    person("nobody")
    log_in(page, site, "nobody")
    check(page, axe, site, ["account-landing"])


def test_an_invitation_link_that_no_longer_works(page, axe, site):
    for language in ("sv", "en"):
        with translation.override(language):
            address = reverse("invitation", args=["MQ", "set-password"])
        for width in WIDTHS:
            visit(page, site, address, width)
            assert wcag_violations(axe, page) == []
            assert overflow(page) <= 0


def test_the_second_factor_pages(page, axe, site, settings):
    settings.MFA_REQUIRED = True
    staff = person("staff", is_staff=True)
    staff.groups.add(Group.objects.get(name="Livskvalitetsteamet"))
    log_in(page, site, "staff")
    check(page, axe, site, ["second-factor-setup"])
