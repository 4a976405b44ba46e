"""Playwright on Debian's chromium against pytest-django's live server.

The browser is the system package (scripts/ensure-chromium installs it), never one that
Playwright downloads. Playwright's sync API runs an event loop in the test thread, so
Django's guard against database calls from async code is lifted for these tests only.
"""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import sync_playwright

from tests.public_pages import load_example_pages

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Set for the rest of the session (teardowns flush the database under Playwright's loop too);
# tests that start subprocesses leave it out of their environment (tests/support/servers.py).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = [1280, 320]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.fail("Debian's chromium is missing: run scripts/ensure-chromium (apt-get).")
    return path


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class CSPWatch:
    """Collects the page's Content-Security-Policy violations as the browser reports them."""

    def __init__(self, page):
        self.page = page
        self.messages = []
        page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text:
            location = message.location.get("url") or self.page.url
            self.messages.append(f"{location}: {message.text[:160]}")


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    page.csp = CSPWatch(page)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe():
    return Axe()


def wcag_violations(axe, page) -> list[dict]:
    """axe-core's WCAG 2.1 A and AA violations on the page, as (rule, targets, summary)."""
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        {
            "rule": violation["id"],
            "help": violation["help"],
            "targets": [", ".join(map(str, node["target"])) for node in violation["nodes"]],
        }
        for violation in results.response["violations"]
    ]


@pytest.fixture
def site(live_server, programme_dumps):
    """The real programme with the example priorities and some published example
    initiatives, committed for the live server."""
    call_command("loaddata", str(programme_dumps["examples"]), verbosity=0)
    load_example_pages()
    return live_server


def visit(page, site, address, width=1280):
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(site.url + address)
    return response.status


def overflow(page) -> int:
    """How many pixels the page is wider than the window (WCAG 1.4.10 reflow: none)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
