"""WCAG 2.1 A and AA in Chromium with axe-core: every public page type, in Swedish and
English, at 1280 and 320 px; the keyboard path through the header; the team's admin pages
and forms with their errors showing."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from ambassadors.models import Department
from followup.models import DepartmentReport, FollowupRound
from pages.models import AccessibilityStatement
from prioritisation.models import Budget
from programme import versions
from programme.models import Programme, ProgrammeNode
from tests.browser.conftest import WIDTHS, overflow, visit, wcag_violations
from tests.factories import UserFactory
from tests.public_pages import (
    LKP,
    MOTALA,
    PAGE_TYPES,
    first_published_entry,
    first_published_initiative,
)

PASSWORD = "correct horse battery staple"


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda page_type: page_type.label)
def test_public_page_has_no_wcag_violations_in_either_language_at_either_width(
    page, axe, site, page_type
):
    found = {}
    for language in ("sv", "en"):
        for width in WIDTHS:
            assert visit(page, site, page_type.url(language), width) == 200
            assert page.evaluate("document.documentElement.lang") == language
            found[(language, width)] = wcag_violations(axe, page)
            assert overflow(page) <= 0, (language, width)
    assert found == {key: [] for key in found}
    assert page.csp.messages == []


@pytest.mark.parametrize("address", ["/finns-inte/", "/en/does-not-exist/"])
def test_not_found_page_has_no_wcag_violations(page, axe, site, address):
    for width in WIDTHS:
        assert visit(page, site, address, width) == 404
        assert wcag_violations(axe, page) == []
        assert overflow(page) <= 0


FOCUS_INFO = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
        text: el.textContent.trim(),
        id: el.id,
        region: el.closest('.main-nav') ? 'nav'
            : el.tagName === 'SUMMARY' && el.closest('.menu') ? 'menu-button'
            : el.closest('.language-switch') ? 'language'
            : el.closest('main') ? 'main'
            : el.classList.contains('skip-link') ? 'skip' : 'other',
        visibleFocus: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        onScreen: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0
            && box.right <= window.innerWidth + 1,
    };
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_skip_link_navigation_and_language_switch_work_by_keyboard(page, site, width):
    visit(page, site, "/", width)
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS_INFO)
    assert first["text"] == "Hoppa till huvudinnehållet"
    assert first["visibleFocus"] and first["onScreen"]

    page.keyboard.press("Enter")
    page.wait_for_url("**/#main")  # the URL's fragment is reported after the key press
    assert page.evaluate(FOCUS_INFO)["id"] == "main"
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS_INFO)["region"] == "main"

    visit(page, site, "/", width)
    reached = []
    for _ in range(40):  # through the header, until focus reaches the page's own content
        page.keyboard.press("Tab")
        reached.append(page.evaluate(FOCUS_INFO))
        if reached[-1]["region"] == "menu-button":  # a phone's closed menu: open it
            page.keyboard.press("Enter")
        if reached[-1]["region"] == "main":
            break
    by_region = {}
    for info in reached:
        by_region.setdefault(info["region"], []).append(info)
    assert [info["text"] for info in by_region["language"]] == ["In English"]
    # The menu's button is there on a phone only; wide screens show the menu itself.
    assert [info["text"] for info in by_region.get("menu-button", [])] == (
        ["Meny"] if width < 960 else []
    )
    menu = [info["text"] for info in by_region["nav"]]
    assert menu[:2] == ["Start", "Programmet"] and "Ramverk" in menu
    for info in by_region["language"] + by_region["nav"]:
        assert info["visibleFocus"], info
        assert info["onScreen"], info

    page.keyboard.press("Shift+Tab")  # back up to the language switch and follow it
    while page.evaluate(FOCUS_INFO)["region"] != "language":
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/")
    assert page.evaluate("document.documentElement.lang") == "en"


# --- The team's admin ------------------------------------------------------------------------

# Violations that come from the libraries' own templates, each named in the accessibility
# statement (data/accessibility.yaml) by the phrase given here. The test fails both when a new
# violation appears and when a listed one is gone, so the statement stays true.
KNOWN_ADMIN_VIOLATIONS = {
    # treebeard's changelist: the expand/collapse buttons are empty links.
    ("admin:programme_programmenode_changelist", "link-name"): "saknar tillgängliga namn",
}


def log_in(page, site, password=PASSWORD):
    visit(page, site, reverse("login"))
    page.fill("#id_username", "redaktor")
    page.fill("#id_password", password)
    submit(page, "main button[type=submit]")


def submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


def check_admin(page, axe, name, problems):
    for violation in wcag_violations(axe, page):
        if (name, violation["rule"]) in KNOWN_ADMIN_VIOLATIONS:
            problems.setdefault("known", set()).add((name, violation["rule"]))
        else:
            problems.setdefault("unexpected", []).append((name, violation))


def test_admin_pages_and_forms_with_errors_have_only_the_listed_violations(page, axe, site):
    UserFactory(username="redaktor", is_staff=True, is_superuser=True)
    problems = {}
    log_in(page, site, password="wrong")
    assert page.locator("#form-errors").count() == 1
    check_admin(page, axe, "login (error)", problems)
    log_in(page, site)

    node = ProgrammeNode.objects.get(code="trygghet")
    lkp = Programme.objects.get(slug=LKP)
    draft = versions.programme_version_start(
        programme=lkp, slug="lkp-ny-version", name="Ny version", valid_from=2025
    )
    pages = [
        ("admin:programme_programme_change", [lkp.pk]),
        ("admin:programme_programme_version_start", [lkp.pk]),
        ("admin:programme_programme_mapping", [draft.pk]),
        ("admin:index", []),
        ("admin:programme_programmenode_changelist", []),
        ("admin:programme_programmenode_add", []),
        ("admin:programme_programmenode_change", [node.pk]),
        ("admin:programme_programmenode_history", [node.pk]),
        ("admin:programme_programmenode_import", []),
        ("admin:programme_programmenode_export", []),
        ("admin:programme_programme_changelist", []),
        ("admin:programme_frameworktag_changelist", []),
        ("admin:pages_page_changelist", []),
        ("admin:ambassadors_department_changelist", []),
        ("admin:ambassadors_department_history", [Department.objects.get(short_name="MF").pk]),
        ("admin:ambassadors_teammember_add", []),
        ("admin:ambassadors_ambassador_add", []),
        ("admin:initiatives_initiative_changelist", []),
        ("admin:initiatives_initiative_add", []),
        ("admin:initiatives_initiative_change", [first_published_initiative()]),
        ("admin:initiatives_initiative_import", []),
        ("admin:followup_followupround_changelist", []),
        ("admin:followup_followupround_change", [FollowupRound.objects.get().pk]),
        ("admin:followup_departmentreport_changelist", []),
        ("admin:followup_departmentreport_change", [DepartmentReport.objects.get().pk]),
        ("admin:followup_departmentreport_return", [DepartmentReport.objects.get().pk]),
        ("admin:keyfigures_indicator_add", []),
        ("admin:prioritisation_budget_add", []),
        ("admin:prioritisation_budget_change", [Budget.objects.get().pk]),
        ("admin:prioritisation_budget_prioritisation", [Budget.objects.get().pk]),
        ("admin:initiatives_initiative_export", []),
        ("admin:initiatives_initiative_return", [first_published_initiative()]),
        ("admin:pages_accessibilitystatement_change", [AccessibilityStatement.objects.get().pk]),
        ("admin:encyclopedia_entry_changelist", []),
        ("admin:encyclopedia_entry_add", []),
        ("admin:encyclopedia_entry_change", [first_published_entry()]),
        ("admin:encyclopedia_entry_return", [first_published_entry()]),
        ("admin:goals_goalformulation_changelist", []),
        ("admin:goals_goalformulation_mapping", []),
        ("admin:goals_goalformulation_import", []),
        ("admin:goals_steeringdocument_changelist", []),
        ("admin:notifications_notification_changelist", []),
        ("admin:jobs_job_changelist", []),
        ("admin:keyfigures_indicatorvalue_fetch", []),
    ]
    for name, args in pages:
        assert visit(page, site, reverse(name, args=args)) == 200, name
        check_admin(page, axe, name, problems)

    visit(page, site, reverse("admin:programme_programmenode_add"))
    # Skip the browser's own check of required fields, to see the server's error messages.
    page.evaluate("document.querySelector('#programmenode_form').noValidate = true")
    page.select_option("#id_programme", "")  # the form offers the current one: take it away
    submit(page, "input[name=_save]")
    assert page.locator(".errorlist").count() >= 3
    check_admin(page, axe, "add form (errors)", problems)

    for label, rows in [
        ("import (errors)", b"LKP,x,nope,X\n"),
        # Into Motala's programme: Helsingborg's has an approved year, so its structure is
        # fixed and a new direction there is refused (programme.services).
        ("import (preview)", b"MOTALA,x,,X\n"),
    ]:
        visit(page, site, reverse("admin:programme_programmenode_import"))
        page.select_option("#id_format", label="csv")
        csv = b"programme,code,parent,title\n" + rows.replace(b"LKP", LKP.encode()).replace(
            b"MOTALA", MOTALA.encode()
        )
        page.set_input_files(
            "#id_import_file", files=[{"name": "f.csv", "mimeType": "text/csv", "buffer": csv}]
        )
        submit(page, "input[type=submit]")
        check_admin(page, axe, label, problems)
    assert page.locator("input[type=submit][name=confirm], form[action$='process_import/']").count()

    assert problems.get("unexpected", []) == []
    assert problems.get("known", set()) == set(KNOWN_ADMIN_VIOLATIONS)
    assert page.csp.messages == []


def test_ambassador_pages_and_forms_with_errors_have_no_violations(page, axe, site):
    from tests.factories import AmbassadorFactory, UserFactory

    department = Department.objects.get(short_name="MF")
    AmbassadorFactory(user=UserFactory(username="anna"), departments=[department])
    found = {}
    for width in WIDTHS:
        visit(page, site, reverse("login"), width)
        page.fill("#id_username", "anna")
        page.fill("#id_password", "wrong")
        submit(page, "main button[type=submit]")
        assert page.locator(".notice-error").count() == 1
        found[("login (error)", width)] = wcag_violations(axe, page)
    page.fill("#id_username", "anna")
    page.fill("#id_password", PASSWORD)
    submit(page, "main button[type=submit]")
    for width in WIDTHS:
        report = DepartmentReport.objects.get()
        for name, args in (
            ("ambassador:overview", []),
            ("ambassador:initiative-create", []),
            ("reports:overview", []),
            ("reports:detail", [report.pk]),
            ("reports:edit", [report.pk]),
            ("encyclopedia-ambassador:overview", []),
            ("encyclopedia-ambassador:entry-create", []),
            ("encyclopedia-ambassador:entry", [first_published_entry()]),
            ("notifications:preferences", []),
        ):
            assert visit(page, site, reverse(name, args=args), width) == 200, name
            found[(name, width)] = wcag_violations(axe, page)
            assert overflow(page) <= 0, (name, width)
        visit(page, site, reverse("ambassador:initiative-create"), width)
        page.evaluate("document.querySelector('.initiative-form').noValidate = true")
        submit(page, ".initiative-form button[type=submit]")
        assert page.locator(".notice-error").count() == 1
        found[("initiative form (errors)", width)] = wcag_violations(axe, page)
    assert found == {key: [] for key in found}
    assert page.csp.messages == []


def test_the_statement_lists_every_known_admin_violation(db):
    call_command("load_programme", verbosity=0)
    statement = AccessibilityStatement.objects.get()
    for phrase in KNOWN_ADMIN_VIOLATIONS.values():
        assert phrase in statement.non_accessible_content
