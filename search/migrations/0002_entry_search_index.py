"""PostgreSQL only: the GIN index on the knowledge entries' weighted swedish document (see
0001 and search.selectors.SOURCES)."""

from importlib import import_module

from django.db import migrations

initial = import_module("search.migrations.0001_postgresql_search")
DOCUMENTS = [("encyclopedia", "Entry", (("title", "A"), ("summary", "B"), ("body", "C")))]


class Migration(migrations.Migration):
    dependencies = [("search", "0001_postgresql_search"), ("encyclopedia", "0001_encyclopedia")]

    operations = [initial.index_operation(DOCUMENTS)]
