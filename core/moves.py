"""Moving models from one app to another in a migration, keeping their rows: the tables are
renamed (foreign keys and the many-to-many tables follow) and the content types take the
new app's label, so that permissions and generic relations stay attached. The migration
pairs this operation, as the database side of a SeparateDatabaseAndState, with the new
app's CreateModel state; the old app then deletes its state only."""

from django.db import migrations


def move_models(old_app: str, new_app: str, models: list[str], tables: list[str]):
    """``tables`` are the old app's table names without its prefix ("indicator",
    "historicalindicator_tags"); ``models`` the model names whose content types move."""

    def rename(old: str, new: str):
        def run(apps, schema_editor):
            for table in tables:
                schema_editor.alter_db_table(None, f"{old}_{table}", f"{new}_{table}")
            ContentType = apps.get_model("contenttypes", "ContentType")
            ContentType.objects.filter(app_label=old, model__in=models).update(app_label=new)

        return run

    return migrations.RunPython(rename(old_app, new_app), rename(new_app, old_app))
