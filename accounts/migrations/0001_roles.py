"""The roles (accounts.roles) as groups with their permissions. The permissions of the
other apps are created first: on a new database Django creates them only after every
migration has run."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_roles(apps, schema_editor):
    from accounts import roles

    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, apps=apps, verbosity=0)
    roles.sync(apps)


def remove_roles(apps, schema_editor):
    from accounts import roles

    apps.get_model("auth", "Group").objects.filter(name__in=roles.ROLE_NAMES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("programme", "0001_initial"),
        ("pages", "0001_initial"),
        ("ambassadors", "0002_team_members"),
        ("initiatives", "0005_pending_changes"),
        ("encyclopedia", "0002_shared_review_workflow"),
        ("followup", "0006_key_figure_import_permission"),
        ("goals", "0002_priorities_by_kind"),
        ("notifications", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
