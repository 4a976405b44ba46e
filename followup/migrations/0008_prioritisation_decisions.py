"""The steering group's page: each intervention's cost split between the allotted budget
and the department's own, its decision steps, and a budget's publication date. The old
estimated cost was all drawn on the allotted budget, so it becomes the allotted part."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ambassadors", "0003_kind_labels"),
        ("followup", "0007_key_figure_targets"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="intervention", name="intervention_cost_not_negative"
        ),
        migrations.RenameField("intervention", "estimated_cost", "allotted_cost"),
        migrations.RenameField("historicalintervention", "estimated_cost", "allotted_cost"),
        migrations.AlterModelOptions(
            name="intervention",
            options={
                "ordering": ["budget", "rank", "allotted_cost", "pk"],
                "verbose_name": "intervention",
                "verbose_name_plural": "interventions",
            },
        ),
        migrations.CreateModel(
            name="Decision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("proposed", "Proposed"),
                            ("decided", "Decided"),
                            ("ordered", "Ordered"),
                            ("done", "Done"),
                        ],
                        max_length=10,
                        verbose_name="decision",
                    ),
                ),
                ("date", models.DateField(verbose_name="date")),
                (
                    "meeting",
                    models.CharField(
                        help_text="The steering group's meeting, e.g. “Styrgruppens möte 12 mars 2025, § 4”.",
                        max_length=200,
                        verbose_name="meeting",
                    ),
                ),
                (
                    "recorded_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="recorded at"),
                ),
            ],
            options={
                "verbose_name": "decision",
                "verbose_name_plural": "decisions",
                "ordering": ["intervention", "date", "pk"],
            },
        ),
        migrations.AddField(
            model_name="budget",
            name="published_on",
            field=models.DateField(
                blank=True,
                help_text="The decided interventions are public from this date; empty: not public.",
                null=True,
                verbose_name="decisions published on",
            ),
        ),
        migrations.AddField(
            model_name="historicalbudget",
            name="published_on",
            field=models.DateField(
                blank=True,
                help_text="The decided interventions are public from this date; empty: not public.",
                null=True,
                verbose_name="decisions published on",
            ),
        ),
        migrations.AddField(
            model_name="historicalintervention",
            name="department_cost",
            field=models.DecimalField(
                decimal_places=0,
                default=0,
                help_text="The part the responsible department pays from its own budget.",
                max_digits=14,
                verbose_name="cost from the department's own budget (kr)",
            ),
        ),
        migrations.AddField(
            model_name="historicalintervention",
            name="status",
            field=models.CharField(
                choices=[
                    ("proposed", "Proposed"),
                    ("decided", "Decided"),
                    ("ordered", "Ordered"),
                    ("done", "Done"),
                ],
                default="proposed",
                max_length=10,
                verbose_name="decision",
            ),
        ),
        migrations.AddField(
            model_name="intervention",
            name="department_cost",
            field=models.DecimalField(
                decimal_places=0,
                default=0,
                help_text="The part the responsible department pays from its own budget.",
                max_digits=14,
                verbose_name="cost from the department's own budget (kr)",
            ),
        ),
        migrations.AddField(
            model_name="intervention",
            name="status",
            field=models.CharField(
                choices=[
                    ("proposed", "Proposed"),
                    ("decided", "Decided"),
                    ("ordered", "Ordered"),
                    ("done", "Done"),
                ],
                default="proposed",
                max_length=10,
                verbose_name="decision",
            ),
        ),
        migrations.AlterField(
            model_name="budget",
            name="amount",
            field=models.DecimalField(
                decimal_places=0,
                help_text="The budget the steering group distributes; the budget line is drawn here.",
                max_digits=14,
                verbose_name="allotted budget (kr)",
            ),
        ),
        migrations.AlterField(
            model_name="historicalbudget",
            name="amount",
            field=models.DecimalField(
                decimal_places=0,
                help_text="The budget the steering group distributes; the budget line is drawn here.",
                max_digits=14,
                verbose_name="allotted budget (kr)",
            ),
        ),
        migrations.AlterField(
            model_name="historicalintervention",
            name="allotted_cost",
            field=models.DecimalField(
                decimal_places=0, max_digits=14, verbose_name="cost from the allotted budget (kr)"
            ),
        ),
        migrations.AlterField(
            model_name="intervention",
            name="allotted_cost",
            field=models.DecimalField(
                decimal_places=0, max_digits=14, verbose_name="cost from the allotted budget (kr)"
            ),
        ),
        migrations.AddConstraint(
            model_name="intervention",
            constraint=models.CheckConstraint(
                condition=models.Q(("allotted_cost__gte", 0), ("department_cost__gte", 0)),
                name="intervention_cost_not_negative",
            ),
        ),
        migrations.AddConstraint(
            model_name="intervention",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("department_cost", 0), ("department__isnull", False), _connector="OR"
                ),
                name="intervention_department_cost_has_department",
                violation_error_message="A cost from a department's own budget needs the responsible department.",
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="intervention",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="decisions",
                to="followup.intervention",
                verbose_name="intervention",
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="recorded_by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="recorded by",
            ),
        ),
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.UniqueConstraint(
                fields=("intervention", "status"), name="one_decision_step_per_intervention"
            ),
        ),
    ]
