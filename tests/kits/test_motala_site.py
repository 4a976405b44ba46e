"""Issue 33's done-when: a site set up from Motala's kit (MUNICIPALITY=motala) reads as
Motala's. An ambassador logs an initiative against a main area, the team publishes it, a
follow-up round runs on the four main areas; then every public page reachable from the
home pages and the sitemap, in Swedish and English, and every e-mail sent on the way, is
searched for Helsingborg's words."""

import io
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from lxml import html as lxml_html

from ambassadors.models import Department
from core import kits
from followup.models import DepartmentReport, FollowupRound
from initiatives.models import Initiative
from programme.models import Programme
from tests.factories import AmbassadorFactory, UserFactory

pytestmark = pytest.mark.django_db

# Helsingborg's words, which no page or e-mail of Motala's site may say (case-insensitive).
FORBIDDEN = {
    "sv": [
        "helsingborg",
        "staden",
        "stadens",
        "livskvalitetsteamet",
        "viljeinriktning",
        "fokusområde",
        "tre nivåer",
    ],
    "en": [
        "helsingborg",
        "the city",
        "quality-of-life team",
        "direction",
        "focus area",
        "three levels",
    ],
}
# Not pages (files, feeds of data, the staff side) or pages whose own text the test does
# not write: the crawl follows only links to HTML pages outside these.
SKIPPED = re.compile(r"^/(en/)?(admin|static|media|api|accounts/sso)/|\.(pdf|xlsx|csv|json|ics)$")
PASSWORD = "Motala-2026-lösenord"


@pytest.fixture
def motala(settings):
    settings.MUNICIPALITY = "motala"
    settings.DEFAULT_FROM_EMAIL = kits.site_defaults("motala")["from_email"]
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    call_command("load_programme", **quiet)
    call_command("load_municipalities", **quiet)
    return Programme.objects.get(slug="social-hallbarhet-motala")


def log_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def run_the_year(programme):
    """The done-when's path, through the pages as their users take it."""
    social = Department.objects.get(short_name="SOC")
    ambassador = AmbassadorFactory(
        user=UserFactory(username="amir", email="amir@example.se"),
        email="amir@example.se",
        departments=[social],
    ).user
    team = log_in(UserFactory(username="team", is_staff=True, is_superuser=True))
    area = programme.nodes.get(code="folkhalsa")
    client = log_in(ambassador)
    form = client.get("/ambassador/insatser/ny/").content.decode()
    assert f'value="{area.pk}"' in form and "Folkhälsa" in form
    response = client.post(
        "/ambassador/insatser/ny/",
        {
            "title": "Hälsoträffar för nyanlända",
            "summary": "Träffar om hälsa och levnadsvanor.",
            "body": "<p>Varannan vecka.</p>",
            "lead_department": social.pk,
            "priorities": [area.pk],
            "status": "ongoing",
            "starts_on": "2025-01-15",
            "ends_on": "",
            "target_group": "Nyanlända",
            "links-TOTAL_FORMS": "0",
            "links-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    initiative = Initiative.objects.get(title="Hälsoträffar för nyanlända")
    client.post(f"/ambassador/insatser/{initiative.pk}/skicka-in/")
    team.post(
        "/admin/initiatives/initiative/",
        {"action": "publish", "_selected_action": [initiative.pk]},
    )
    assert Initiative.objects.get(pk=initiative.pk).state == "published"

    response = team.post(
        "/admin/followup/followupround/add/",
        {
            "year": "2025",
            "deadline": "2026-02-15",
            "phase": "annual_report",
            "departments": [social.pk],
            "is_open": "on",
            "remind_days_before": "14",
            "remind_days_after": "3",
            "reminders-TOTAL_FORMS": "0",
            "reminders-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    round_ = FollowupRound.objects.get(year=2025)
    client.post(f"/ambassador/uppfoljning/{round_.pk}/SOC/borja/")
    report = DepartmentReport.objects.get(round=round_)
    assert sorted(a.focus_area.code for a in report.assessments.all()) == sorted(
        programme.nodes.values_list("code", flat=True)
    )
    data = {"next_year_plans": "Mer samverkan.", "version": report.version}
    for assessment in report.assessments.all():
        data[f"a{assessment.pk}-score"] = "2"
    assert (
        client.post(f"/ambassador/uppfoljning/rapporter/{report.pk}/andra/", data).status_code
        == 302
    )
    client.post(f"/ambassador/uppfoljning/rapporter/{report.pk}/skicka-in/")
    team.post(
        "/admin/followup/departmentreport/", {"action": "approve", "_selected_action": [report.pk]}
    )
    assert DepartmentReport.objects.get(pk=report.pk).state == "approved"
    return initiative


def crawl(client: Client, starts: list[str]) -> dict[str, str]:
    """Every HTML page reachable from ``starts``: address → its visible text and title."""
    seen, pages, queue = set(starts), {}, deque(starts)
    while queue:
        address = queue.popleft()
        response = client.get(address)
        assert response.status_code in (200, 301, 302), (address, response.status_code)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        document = lxml_html.fromstring(response.content)
        for script in document.xpath("//script|//style"):
            script.drop_tree()
        words = [document.text_content()]
        words += document.xpath(
            "//@title|//@alt|//@aria-label|//meta[@name='description']/@content"
        )
        pages[address] = " ".join(" ".join(words).split())
        for link in document.xpath("//a/@href"):
            target = urlsplit(urljoin(address, link))
            if target.scheme not in ("", "http", "https") or target.netloc not in (
                "",
                "testserver",
            ):
                continue
            if SKIPPED.search(target.path):
                continue
            found = target.path + (f"?{target.query}" if target.query else "")
            if found not in seen and len(seen) < 600:
                seen.add(found)
                queue.append(found)
    return pages


def said(text: str, language: str) -> list[str]:
    lowered = text.lower()
    return [word for word in FORBIDDEN[language] if word in lowered]


def test_motalas_site_says_none_of_helsingborgs_words(motala, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        initiative = run_the_year(motala)
    visitor = Client()
    assert (
        "Hälsoträffar för nyanlända" in visitor.get(initiative.get_absolute_url()).content.decode()
    )
    assert "Socialförvaltningen" in visitor.get("/natverket/").content.decode()
    overview = visitor.get("/uppfoljning/2025/").content.decode()
    assert "Huvudområde" in overview and "Folkhälsa" in overview

    sitemap = visitor.get("/sitemap.xml").content.decode()
    from_sitemap = [urlsplit(url).path for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    pages = crawl(visitor, ["/", "/en/", *from_sitemap])
    assert len(pages) > 60, len(pages)
    problems = {
        address: found
        for address, text in pages.items()
        if (found := said(text, "en" if address.startswith("/en/") else "sv"))
    }
    assert problems == {}

    # The team is told of the submissions, the ambassador of the publication and approval.
    assert {message.to[0] for message in mail.outbox} >= {"amir@example.se"}
    for message in mail.outbox:
        text = f"{message.subject}\n{message.body}\n{message.from_email}"
        assert said(text, "sv") == [], text
