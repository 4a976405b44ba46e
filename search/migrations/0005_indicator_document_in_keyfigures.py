"""The key figures moved to their own app (keyfigures/migrations/0001): the stored
document points at the same table under its new name; no constraint to change."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("keyfigures", "0001_initial"),
        ("search", "0004_swedish_compounds"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="indicatordocument",
                    name="source",
                    field=models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="stored_search",
                        serialize=False,
                        to="keyfigures.indicator",
                    ),
                ),
            ],
        ),
    ]
