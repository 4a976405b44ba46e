"""PostgreSQL only: pg_trgm for typo matching, and a GIN index on each source's weighted
swedish document (the same expression as search.selectors.vector, so that the planner can
use it). On SQLite these operations do nothing: search runs in Python there."""

from functools import reduce
from operator import add

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations

# (app, model, fields with weights); keep in step with search.selectors.SOURCES
DOCUMENTS = [
    ("programme", "ProgrammeNode", (("title", "A"), ("lead", "B"), ("body", "C"))),
    (
        "initiatives",
        "Initiative",
        (("title", "A"), ("summary", "B"), ("body", "C"), ("target_group", "C"),
         ("results", "C"), ("lessons", "C")),
    ),
    ("ambassadors", "Department", (("name", "A"), ("short_name", "A"))),
]


def _index(model_name, fields):
    expression = reduce(
        add, (SearchVector(field, weight=weight, config="swedish") for field, weight in fields)
    )
    return GinIndex(expression, name=f"search_{model_name.lower()}_gin"[:30])


def index_operation(documents):
    """A RunPython that adds (and on reverse removes) the GIN index of each of
    ``documents``, on PostgreSQL only."""

    def create_indexes(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for app_label, model_name, fields in documents:
            model = apps.get_model(app_label, model_name)
            schema_editor.add_index(model, _index(model_name, fields))

    def drop_indexes(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for app_label, model_name, fields in documents:
            model = apps.get_model(app_label, model_name)
            schema_editor.remove_index(model, _index(model_name, fields))

    return migrations.RunPython(create_indexes, drop_indexes)


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0001_initial"),
        ("initiatives", "0002_images_and_links"),
        ("ambassadors", "0002_team_members"),
    ]

    operations = [
        TrigramExtension(),
        index_operation(DOCUMENTS),
    ]
