"""PostgreSQL only: the ``lkp_swedish`` text search configuration, which splits Swedish
compounds with Debian's hunspell-sv dictionary before the swedish stemmer ("cykelstråk" →
cykelstråk, cykel, stråk); triggers that keep each large source's weighted document in its
stored table (search.models) whenever a row is written; GIN indexes on those documents; the
documents of what exists already. The expression indexes of 0001 and 0002 go: the stored
documents replace them, and the small sources (departments, pages, frameworks, documents)
are read whole.

hunspell-sv puts sv_se.dict and sv_se.affix in PostgreSQL's tsearch_data
(scripts/ensure-search-dictionary installs it). A server without them (a managed database,
say) gets ``lkp_swedish`` as a plain copy of ``swedish``: search works, without compound
splitting, and the migration says so. On SQLite nothing happens: search runs in Python there.
"""

from importlib import import_module

from django.db import DatabaseError, migrations, transaction

CONFIG = "lkp_swedish"
DICTIONARY = "lkp_sv_hunspell"
TOKENS = "asciiword, word, hword, hword_part, asciihword, hword_asciipart"

# (source table, document table, fields with weights); keep in step with
# search.selectors.SOURCES (their Swedish documents).
STORED = [
    ("programme_programmenode", "search_nodedocument", (("title", "A"), ("lead", "B"), ("body", "C"))),
    (
        "initiatives_initiative",
        "search_initiativedocument",
        (("title", "A"), ("summary", "B"), ("body", "C"), ("target_group", "C"),
         ("results", "C"), ("lessons", "C")),
    ),
    ("encyclopedia_entry", "search_entrydocument", (("title", "A"), ("summary", "B"), ("body", "C"))),
    ("followup_indicator", "search_indicatordocument", (("name", "A"), ("description", "B"), ("source", "C"))),
    ("goals_goalformulation", "search_formulationdocument", (("text", "A"), ("reference", "C"))),
    (
        "followup_assessment",
        "search_assessmentdocument",
        (("what_we_did", "B"), ("what_it_changed", "B"), ("what_we_learned", "B")),
    ),
]
OLD_INDEXES = [
    ("programme_programmenode", "search_programmenode_gin"),
    ("initiatives_initiative", "search_initiative_gin"),
    ("ambassadors_department", "search_department_gin"),
    ("encyclopedia_entry", "search_entry_gin"),
]


def _document(fields, row):
    return " || ".join(
        f"setweight(to_tsvector('{CONFIG}', coalesce({row}\"{name}\", '')), '{weight}')"
        for name, weight in fields
    )


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        try:
            with transaction.atomic(using=schema_editor.connection.alias):
                cursor.execute(
                    f"CREATE TEXT SEARCH DICTIONARY {DICTIONARY} (TEMPLATE = ispell, "
                    "DictFile = sv_se, AffFile = sv_se, StopWords = swedish)"
                )
            compounds = True
        except DatabaseError:
            compounds = False
            print(  # noqa: T201 - a migration's only way to say it
                "\n  PostgreSQL has no Swedish hunspell dictionary (sv_se in tsearch_data): "
                "search works without splitting compounds. Install Debian's hunspell-sv "
                "(scripts/ensure-search-dictionary), then `manage.py migrate search 0003` "
                "and `manage.py migrate` to use it."
            )
        cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = swedish)")
        if compounds:
            cursor.execute(
                f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR {TOKENS} "
                f"WITH {DICTIONARY}, swedish_stem"
            )
        for table, index in OLD_INDEXES:
            cursor.execute(f'DROP INDEX IF EXISTS "{index}"')
        for table, documents, fields in STORED:
            cursor.execute(
                f"CREATE FUNCTION {documents}_write() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                f"BEGIN\n"
                f"  INSERT INTO {documents} (source_id, vector) VALUES (NEW.id, {_document(fields, 'NEW.')})\n"
                f"  ON CONFLICT (source_id) DO UPDATE SET vector = EXCLUDED.vector;\n"
                f"  RETURN NULL;\n"
                f"END $$"
            )
            cursor.execute(
                f"CREATE TRIGGER {documents}_write AFTER INSERT OR UPDATE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {documents}_write()"
            )
            cursor.execute(
                f"INSERT INTO {documents} (source_id, vector) "
                f"SELECT id, {_document(fields, '')} FROM {table}"
            )
            cursor.execute(f"CREATE INDEX {documents}_gin ON {documents} USING gin (vector)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for table, documents, _fields in STORED:
            cursor.execute(f"DROP TRIGGER IF EXISTS {documents}_write ON {table}")
            cursor.execute(f"DROP FUNCTION IF EXISTS {documents}_write()")
            cursor.execute(f"DROP INDEX IF EXISTS {documents}_gin")
            cursor.execute(f"DELETE FROM {documents}")
        cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")
        cursor.execute(f"DROP TEXT SEARCH DICTIONARY IF EXISTS {DICTIONARY}")
    # The expression indexes of 0001 and 0002, as they were.
    initial = import_module("search.migrations.0001_postgresql_search")
    entry = import_module("search.migrations.0002_entry_search_index")
    for app_label, model_name, fields in initial.DOCUMENTS + entry.DOCUMENTS:
        model = apps.get_model(app_label, model_name)
        schema_editor.add_index(model, initial._index(model_name, fields))


class Migration(migrations.Migration):
    dependencies = [("search", "0003_stored_documents")]

    operations = [migrations.RunPython(forwards, backwards)]
