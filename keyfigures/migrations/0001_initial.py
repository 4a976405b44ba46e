"""The keyfigures app's models, moved out of followup with their rows."""
import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from core.moves import move_models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('followup', '0010_job_subject'),
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
                    "keyfigures",
                    models=['municipality', 'indicator', 'historicalindicator', 'historicalindicator_tags', 'historicalindicator_focus_areas', 'indicatorvalue'],
                    tables=['municipality', 'indicator', 'indicator_focus_areas', 'indicator_tags', 'historicalindicator', 'historicalindicator_tags', 'historicalindicator_focus_areas', 'indicatorvalue'],
                ),
            ],
            state_operations=[
                migrations.CreateModel(
                    name='Municipality',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=4, unique=True, validators=[django.core.validators.RegexValidator('^\\d{4}$', 'A municipality code is four digits.')], verbose_name='municipality code')),
                        ('name', models.CharField(max_length=100, verbose_name='name')),
                    ],
                    options={
                        'verbose_name': 'municipality',
                        'verbose_name_plural': 'municipalities',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalIndicator',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('name', models.CharField(max_length=250, verbose_name='name')),
                        ('name_en', models.CharField(blank=True, max_length=250, verbose_name='name (English)')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('description_en', models.TextField(blank=True, verbose_name='description (English)')),
                        ('unit', models.CharField(blank=True, help_text='e.g. %, kr, antal', max_length=50, verbose_name='unit')),
                        ('source', models.CharField(blank=True, max_length=200, verbose_name='source')),
                        ('kolada_id', models.CharField(blank=True, db_index=True, help_text='e.g. N00945, when the key figure is in Kolada.', max_length=6, null=True, validators=[django.core.validators.RegexValidator('^[NU]\\d{5}$', 'A Kolada KPI id is N or U and five digits.')], verbose_name='Kolada KPI id')),
                        ('better', models.CharField(choices=[('higher', 'Higher is better'), ('lower', 'Lower is better'), ('neither', 'Neither (context)')], default='higher', max_length=8, verbose_name='which direction is better')),
                        ('target_value', models.DecimalField(blank=True, decimal_places=6, help_text="The value the city aims for, in the key figure's unit; optional.", max_digits=20, null=True, verbose_name='target value')),
                        ('target_year', models.PositiveSmallIntegerField(blank=True, help_text='When the target is to be met.', null=True, verbose_name='target year')),
                        ('baseline_year', models.PositiveSmallIntegerField(blank=True, help_text='The year progress towards the target is measured from; empty: the first year with a value.', null=True, verbose_name='baseline year')),
                        ('is_example', models.BooleanField(default=False, help_text='Invented for demonstration, with invented values; shown as such.', verbose_name='example content')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical key figure',
                        'verbose_name_plural': 'historical key figures',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Indicator',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=250, verbose_name='name')),
                        ('name_en', models.CharField(blank=True, max_length=250, verbose_name='name (English)')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('description_en', models.TextField(blank=True, verbose_name='description (English)')),
                        ('unit', models.CharField(blank=True, help_text='e.g. %, kr, antal', max_length=50, verbose_name='unit')),
                        ('source', models.CharField(blank=True, max_length=200, verbose_name='source')),
                        ('kolada_id', models.CharField(blank=True, help_text='e.g. N00945, when the key figure is in Kolada.', max_length=6, null=True, unique=True, validators=[django.core.validators.RegexValidator('^[NU]\\d{5}$', 'A Kolada KPI id is N or U and five digits.')], verbose_name='Kolada KPI id')),
                        ('better', models.CharField(choices=[('higher', 'Higher is better'), ('lower', 'Lower is better'), ('neither', 'Neither (context)')], default='higher', max_length=8, verbose_name='which direction is better')),
                        ('target_value', models.DecimalField(blank=True, decimal_places=6, help_text="The value the city aims for, in the key figure's unit; optional.", max_digits=20, null=True, verbose_name='target value')),
                        ('target_year', models.PositiveSmallIntegerField(blank=True, help_text='When the target is to be met.', null=True, verbose_name='target year')),
                        ('baseline_year', models.PositiveSmallIntegerField(blank=True, help_text='The year progress towards the target is measured from; empty: the first year with a value.', null=True, verbose_name='baseline year')),
                        ('values_imported_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='values last imported')),
                        ('is_example', models.BooleanField(default=False, help_text='Invented for demonstration, with invented values; shown as such.', verbose_name='example content')),
                        ('focus_areas', models.ManyToManyField(blank=True, limit_choices_to={'kind': 'focus_area'}, related_name='indicators', to='programme.programmenode', verbose_name='focus areas')),
                        ('tags', models.ManyToManyField(blank=True, related_name='indicators', to='programme.frameworktag', verbose_name='framework tags')),
                    ],
                    options={
                        'verbose_name': 'key figure',
                        'verbose_name_plural': 'key figures',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalIndicator_tags',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('frameworktag', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='programme.frameworktag')),
                        ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='keyfigures.historicalindicator')),
                        ('indicator', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='keyfigures.indicator')),
                    ],
                    options={
                        'verbose_name': 'HistoricalIndicator_tags',
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalIndicator_focus_areas',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='keyfigures.historicalindicator')),
                        ('programmenode', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='programme.programmenode')),
                        ('indicator', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='keyfigures.indicator')),
                    ],
                    options={
                        'verbose_name': 'HistoricalIndicator_focus_areas',
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='IndicatorValue',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                        ('gender', models.CharField(choices=[('T', 'Total'), ('K', 'Women'), ('M', 'Men')], max_length=1, verbose_name='gender')),
                        ('value', models.DecimalField(blank=True, decimal_places=6, max_digits=20, null=True, verbose_name='value')),
                        ('count', models.PositiveIntegerField(blank=True, null=True, verbose_name='count')),
                        ('status', models.CharField(blank=True, max_length=20, verbose_name='status')),
                        ('indicator', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='values', to='keyfigures.indicator', verbose_name='key figure')),
                        ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='keyfigures.municipality', verbose_name='municipality')),
                    ],
                    options={
                        'verbose_name': 'key figure value',
                        'verbose_name_plural': 'key figure values',
                        'ordering': ['indicator', 'municipality', 'year', 'gender'],
                        'permissions': [('import_indicatorvalue', 'Can import key figure values')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='indicator',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('target_value__isnull', True), ('target_year__isnull', True)), models.Q(('target_value__isnull', False), ('target_year__isnull', False)), _connector='OR'), name='indicator_target_value_and_year_together'),
                ),
                migrations.AddConstraint(
                    model_name='indicator',
                    constraint=models.CheckConstraint(condition=models.Q(('target_year__isnull', True), models.Q(('target_year__gte', 1900), ('target_year__lte', 2200)), _connector='OR'), name='indicator_target_year_in_range'),
                ),
                migrations.AddConstraint(
                    model_name='indicator',
                    constraint=models.CheckConstraint(condition=models.Q(('baseline_year__isnull', True), models.Q(('baseline_year__gte', 1900), ('baseline_year__lte', 2200)), _connector='OR'), name='indicator_baseline_year_in_range'),
                ),
                migrations.AddConstraint(
                    model_name='indicatorvalue',
                    constraint=models.UniqueConstraint(fields=('indicator', 'municipality', 'year', 'gender'), name='one_value_per_indicator_municipality_year_gender'),
                ),
                migrations.AddConstraint(
                    model_name='indicatorvalue',
                    constraint=models.CheckConstraint(condition=models.Q(('year__gte', 1900), ('year__lte', 2200)), name='value_year_in_range'),
                ),
                migrations.AddConstraint(
                    model_name='indicatorvalue',
                    constraint=models.CheckConstraint(condition=models.Q(('gender__in', ['T', 'K', 'M'])), name='value_gender_is_t_k_or_m'),
                ),
            ],
        ),
    ]
