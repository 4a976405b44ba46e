import datetime

import pytest
from django.contrib.auth.models import Permission

from core import review
from followup import services
from followup.models import DepartmentReport
from initiatives import services as initiative_services
from initiatives.models import Initiative
from programme.models import ProgrammeNode
from tests.factories import AmbassadorFactory, DepartmentFactory, UserFactory

YEAR = 2025


def team_user(**fields):
    user = UserFactory(is_staff=True, **fields)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=[
                "followup",
                "keyfigures",
                "prioritisation",
                "jobs",
                "initiatives",
            ]
        )
    )
    return user


def publish(title, department, priorities, team, *, starts=datetime.date(YEAR, 2, 1), **fields):
    initiative = initiative_services.initiative_create(
        initiative=Initiative(
            title=title, summary="S", lead_department=department, starts_on=starts, **fields
        ),
        relations={"priorities": priorities},
        by=team,
    )
    review.submit(initiative, by=team)
    return review.publish(initiative, by=team)


def fill(report, scores: dict, by):
    """Write ``scores`` (focus area code → score; the rest 0) through the service."""
    report = DepartmentReport.objects.get(pk=report.pk)
    assessments = {
        a.pk: {
            "score": scores.get(a.focus_area.code, 0),
            "what_we_did": f"Gjort i {a.focus_area.code}",
        }
        for a in report.assessments.select_related("focus_area")
    }
    return services.report_update(
        report_id=report.pk,
        expected_version=report.version,
        next_year_plans="Mer av allt.",
        assessments=assessments,
        by=by,
    )


def approve(report, scores, team):
    report = fill(report, scores, team)
    report = review.submit(report, by=team)
    return review.publish(report, by=team)


@pytest.fixture
def fw(loaded_examples):
    """A programme with priorities, three departments, their ambassadors, the team, and
    a round for 2025 in which SOF and MF report."""
    sof = DepartmentFactory(name="Socialförvaltningen", short_name="SOF")
    mf = DepartmentFactory(name="Miljöförvaltningen", short_name="MF")
    vof = DepartmentFactory(name="Vård- och omsorgsförvaltningen", short_name="VOF")
    team = team_user(username="team")
    users = {
        "anonymous": None,
        "ambassador A": AmbassadorFactory(
            user=UserFactory(username="anna"), email="anna@example.se", departments=[sof]
        ).user,
        "ambassador B": AmbassadorFactory(
            user=UserFactory(username="bo"), email="bo@example.se", departments=[mf]
        ).user,
        "team editor": team,
        "view-only staff": UserFactory(is_staff=True),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }
    round_ = services.round_open(
        year=YEAR,
        deadline=datetime.date(YEAR + 1, 2, 15),
        phase="annual_report",
        departments=[sof, mf],
        by=team,
    )
    areas = {node.code: node for node in ProgrammeNode.objects.filter(depth=2)}
    priorities = {
        node.code: node for node in ProgrammeNode.objects.filter(depth=3).order_by("path")
    }
    return {
        "sof": sof,
        "mf": mf,
        "vof": vof,
        "team": team,
        "users": users,
        "round": round_,
        "areas": areas,
        "priorities": priorities,
    }


def priorities_under(fw, area_code):
    area = fw["areas"][area_code]
    return [p for p in fw["priorities"].values() if p.path.startswith(area.path)]
