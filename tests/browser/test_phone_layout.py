"""The phone layout, measured in Chromium at 320 × 640 px with JavaScript off: the header
with its menu closed takes at most a third of the screen and the page's heading is above the
fold; the menu opens by keyboard; tables scroll inside a labelled region instead of
breaking words; chart text is at least the body text's smallest size; the heat map's
department column stays in view and takes at most 40 % of the width."""

import pytest

from tests.public_pages import PAGE_TYPES

PHONE = {"width": 320, "height": 640}
BY_LABEL = {page_type.label: page_type for page_type in PAGE_TYPES}
# Pages with tables or charts, and the pages every visitor starts from.
PAGES = [
    "home",
    "whole-programme",
    "focus-area",
    "initiative-list",
    "network",
    "goals-register",
    "followup-overview",
    "followup-department",
    "key-figure",
    "key-figures-compared",
]

MEASURE = """() => {
    const header = document.querySelector('.site-header').getBoundingClientRect();
    const heading = document.querySelector('main h1').getBoundingClientRect();
    // A word broken inside a table cell: one word's text laid out on more than one line.
    const broken = [];
    for (const cell of document.querySelectorAll('main td, main th')) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const match of node.data.matchAll(/\\S+/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
                if (tops.size > 1) broken.push(match[0]);
            }
        }
    }
    const tables = [...document.querySelectorAll('main table')].map((table) => {
        const region = table.closest('[role=region]');
        const label = region && document.getElementById(region.getAttribute('aria-labelledby'));
        return Boolean(region && region.tabIndex === 0 && label && label.textContent.trim());
    });
    // Text drawn in SVG: its computed size times the drawing's scale on the screen.
    const chartText = [...document.querySelectorAll('main svg text')].map((text) =>
        parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a);
    const bodyText = [...document.querySelectorAll('main *')]
        .filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim()))
        .filter((el) => !el.closest('svg, .visually-hidden'))
        .map((el) => parseFloat(getComputedStyle(el).fontSize));
    // The heat map's department column (sticky): narrow enough to leave room for scores.
    const heatColumn = document.querySelector('.heat-map tbody th');
    return {
        heatColumn: heatColumn && heatColumn.getBoundingClientRect().width,
        heatSticky: heatColumn && getComputedStyle(heatColumn).position,
        header: header.height,
        headingTop: heading.top,
        broken,
        tables,
        chartText,
        smallestBody: Math.min(...bodyText),
        overflow: document.documentElement.scrollWidth - window.innerWidth,
    };
}"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="sv-SE", java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_every_page_reads_on_a_phone_without_javascript(phone, site):
    measured = {}
    for label in PAGES:
        assert phone.goto(site.url + BY_LABEL[label].url()).status == 200, label
        measured[label] = phone.evaluate(MEASURE)
    for label, found in measured.items():
        assert found["header"] <= PHONE["height"] / 3, (label, found["header"])
        assert found["headingTop"] < PHONE["height"], label
        assert found["broken"] == [], label
        assert all(found["tables"]), label
        assert found["overflow"] <= 0, label
        too_small = [size for size in found["chartText"] if size < found["smallestBody"] - 0.1]
        assert too_small == [], (label, found["smallestBody"])
    # The pages measured do have what is measured.
    assert measured["followup-overview"]["tables"] and measured["key-figure"]["chartText"]
    heat = measured["followup-overview"]
    assert heat["heatSticky"] == "sticky" and heat["heatColumn"] <= PHONE["width"] * 0.4


def test_the_phone_menu_opens_by_keyboard_and_keeps_the_search_reachable(phone, site):
    phone.goto(site.url + "/")
    menu = phone.locator("details.menu")
    assert not menu.evaluate("menu => menu.open")
    assert phone.locator(".main-nav a").first.is_hidden()
    assert phone.locator("#site-search-q").is_visible()
    for _ in range(10):
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    assert phone.evaluate("document.activeElement.textContent.trim()") == "Meny"
    phone.keyboard.press("Enter")
    assert menu.evaluate("menu => menu.open")
    links = phone.locator(".main-nav a")
    assert links.first.is_visible()
    names = links.all_inner_texts()
    for name in ("Befintliga mål", "Vita fält", "Öppna data", "Teamet och nätverket"):
        assert name in names
    # One entry for the team and the network: their staff pages are linked from that page.
    assert "Livskvalitetsteamet" not in names and "Ambassadörsnätverket" not in names
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.textContent.trim()") == "Start"
