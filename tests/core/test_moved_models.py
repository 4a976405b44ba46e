"""The key figures, the prioritisation and the jobs moved out of the follow-up app
(followup/migrations/0010–0011, keyfigures|prioritisation|jobs/migrations/0001): a database
of the earlier layout keeps every row, its history, its permissions and its job's round."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("followup", "0009_round_programme"),
    ("contenttypes", "0002_remove_content_type_name"),
    ("auth", "0012_alter_user_first_name_max_length"),
]


def _leaves(executor):
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_an_earlier_database_keeps_its_rows_through_the_move():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps

    programme = old.get_model("programme.Programme").objects.create(
        name="P", slug="p", municipality="M", municipality_code="1283", valid_from=2020
    )
    area = old.get_model("programme.ProgrammeNode").objects.create(
        programme=programme,
        path="00010001",
        depth=2,
        numchild=0,
        kind="focus_area",
        code="a",
        title="A",
    )
    round_ = old.get_model("followup.FollowupRound").objects.create(
        year=2025, deadline=datetime.date(2026, 2, 1)
    )
    indicator = old.get_model("followup.Indicator").objects.create(
        name="Trygghet", kolada_id="N00001"
    )
    indicator.focus_areas.add(area)
    budget = old.get_model("followup.Budget").objects.create(year=2026, name="B", amount=100)
    old.get_model("followup.Intervention").objects.create(
        budget=budget, rank=1, title="I", allotted_cost=10
    )
    old.get_model("followup.Job").objects.create(kind="export", round=round_, format="xlsx")
    value_type = old.get_model("contenttypes.ContentType").objects.get_or_create(
        app_label="followup", model="indicatorvalue"
    )[0]
    permission = old.get_model("auth.Permission").objects.get_or_create(
        content_type=value_type, codename="import_indicatorvalue", defaults={"name": "Import"}
    )[0]
    user = old.get_model("auth.User").objects.create(username="importer")
    user.user_permissions.add(permission)

    executor = MigrationExecutor(connection)
    executor.migrate(_leaves(executor))
    new = executor.loader.project_state(_leaves(executor)).apps
    moved = new.get_model("keyfigures", "Indicator").objects.get()
    assert (moved.name, [node.code for node in moved.focus_areas.all()]) == ("Trygghet", ["a"])
    assert new.get_model("prioritisation", "Intervention").objects.get().budget.name == "B"
    job = new.get_model("jobs", "Job").objects.get()
    round_type = new.get_model("contenttypes", "ContentType").objects.get(
        app_label="followup", model="followupround"
    )
    assert (job.subject_type_id, job.subject_id) == (round_type.pk, round_.pk)
    granted = new.get_model("auth", "User").objects.get(username="importer").user_permissions
    assert list(granted.values_list("content_type__app_label", "codename")) == [
        ("keyfigures", "import_indicatorvalue")
    ]
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
    assert {"keyfigures_indicator_focus_areas", "prioritisation_intervention", "jobs_job"} <= tables
    assert not {name for name in tables if name.startswith(("followup_indicator", "followup_job"))}
