"""The prioritisation app's models, moved out of followup with their rows."""
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from core.moves import move_models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('followup', '0010_job_subject'),
        ('ambassadors', '0003_kind_labels'),
        ('programme', '0004_versions'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The models were the follow-up's (followup/migrations/0001–0010): their tables
        # and rows move here, renamed; only the state is created.
        migrations.SeparateDatabaseAndState(
            database_operations=[
                move_models(
                    "followup",
                    "prioritisation",
                    models=['budget', 'historicalbudget', 'intervention', 'historicalintervention', 'historicalintervention_focus_areas', 'decision'],
                    tables=['budget', 'historicalbudget', 'intervention', 'intervention_focus_areas', 'historicalintervention', 'historicalintervention_focus_areas', 'decision'],
                ),
            ],
            state_operations=[
                migrations.CreateModel(
                    name='Budget',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                        ('name', models.CharField(max_length=150, verbose_name='name')),
                        ('amount', models.DecimalField(decimal_places=0, help_text='The budget the steering group distributes; the budget line is drawn here.', max_digits=14, verbose_name='allotted budget (kr)')),
                        ('published_on', models.DateField(blank=True, help_text='The decided interventions are public from this date; empty: not public.', null=True, verbose_name='decisions published on')),
                    ],
                    options={
                        'verbose_name': 'budget',
                        'verbose_name_plural': 'budgets',
                        'ordering': ['-year', 'name'],
                        'constraints': [models.UniqueConstraint(fields=('year', 'name'), name='one_budget_name_per_year'), models.CheckConstraint(condition=models.Q(('amount__gte', 0)), name='budget_not_negative')],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalBudget',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                        ('name', models.CharField(max_length=150, verbose_name='name')),
                        ('amount', models.DecimalField(decimal_places=0, help_text='The budget the steering group distributes; the budget line is drawn here.', max_digits=14, verbose_name='allotted budget (kr)')),
                        ('published_on', models.DateField(blank=True, help_text='The decided interventions are public from this date; empty: not public.', null=True, verbose_name='decisions published on')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical budget',
                        'verbose_name_plural': 'historical budgets',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalIntervention',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('rank', models.PositiveSmallIntegerField(verbose_name='rank')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('allotted_cost', models.DecimalField(decimal_places=0, max_digits=14, verbose_name='cost from the allotted budget (kr)')),
                        ('department_cost', models.DecimalField(decimal_places=0, default=0, help_text='The part the responsible department pays from its own budget.', max_digits=14, verbose_name="cost from the department's own budget (kr)")),
                        ('status', models.CharField(choices=[('proposed', 'Proposed'), ('decided', 'Decided'), ('ordered', 'Ordered'), ('done', 'Done')], default='proposed', max_length=10, verbose_name='decision')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('budget', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='prioritisation.budget', verbose_name='budget')),
                        ('department', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='ambassadors.department', verbose_name='responsible department')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical intervention',
                        'verbose_name_plural': 'historical interventions',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Intervention',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('rank', models.PositiveSmallIntegerField(verbose_name='rank')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('allotted_cost', models.DecimalField(decimal_places=0, max_digits=14, verbose_name='cost from the allotted budget (kr)')),
                        ('department_cost', models.DecimalField(decimal_places=0, default=0, help_text='The part the responsible department pays from its own budget.', max_digits=14, verbose_name="cost from the department's own budget (kr)")),
                        ('status', models.CharField(choices=[('proposed', 'Proposed'), ('decided', 'Decided'), ('ordered', 'Ordered'), ('done', 'Done')], default='proposed', max_length=10, verbose_name='decision')),
                        ('budget', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='interventions', to='prioritisation.budget', verbose_name='budget')),
                        ('department', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='interventions', to='ambassadors.department', verbose_name='responsible department')),
                        ('focus_areas', models.ManyToManyField(blank=True, limit_choices_to={'kind': 'focus_area'}, related_name='interventions', to='programme.programmenode', verbose_name='focus areas')),
                    ],
                    options={
                        'verbose_name': 'intervention',
                        'verbose_name_plural': 'interventions',
                        'ordering': ['budget', 'rank', 'allotted_cost', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalIntervention_focus_areas',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='prioritisation.historicalintervention')),
                        ('programmenode', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='programme.programmenode')),
                        ('intervention', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='prioritisation.intervention')),
                    ],
                    options={
                        'verbose_name': 'HistoricalIntervention_focus_areas',
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Decision',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('proposed', 'Proposed'), ('decided', 'Decided'), ('ordered', 'Ordered'), ('done', 'Done')], max_length=10, verbose_name='decision')),
                        ('date', models.DateField(verbose_name='date')),
                        ('meeting', models.CharField(help_text="The steering group's meeting, e.g. “Styrgruppens möte 12 mars 2025, § 4”.", max_length=200, verbose_name='meeting')),
                        ('recorded_at', models.DateTimeField(auto_now_add=True, verbose_name='recorded at')),
                        ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                        ('intervention', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='decisions', to='prioritisation.intervention', verbose_name='intervention')),
                    ],
                    options={
                        'verbose_name': 'decision',
                        'verbose_name_plural': 'decisions',
                        'ordering': ['intervention', 'date', 'pk'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='intervention',
                    constraint=models.CheckConstraint(condition=models.Q(('allotted_cost__gte', 0), ('department_cost__gte', 0)), name='intervention_cost_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='intervention',
                    constraint=models.CheckConstraint(condition=models.Q(('rank__gte', 1)), name='intervention_rank_1_up'),
                ),
                migrations.AddConstraint(
                    model_name='intervention',
                    constraint=models.CheckConstraint(condition=models.Q(('department_cost', 0), ('department__isnull', False), _connector='OR'), name='intervention_department_cost_has_department', violation_error_message="A cost from a department's own budget needs the responsible department."),
                ),
                migrations.AddConstraint(
                    model_name='decision',
                    constraint=models.UniqueConstraint(fields=('intervention', 'status'), name='one_decision_step_per_intervention'),
                ),
            ],
        ),
    ]
