"""The jobs app's models, moved out of followup with their rows."""
import core.files
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from core.moves import move_models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('followup', '0010_job_subject'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The models were the follow-up's (followup/migrations/0001–0010): their tables
        # and rows move here, renamed; only the state is created.
        migrations.SeparateDatabaseAndState(
            database_operations=[
                move_models(
                    "followup",
                    "jobs",
                    models=['job'],
                    tables=['job'],
                ),
            ],
            state_operations=[
                migrations.CreateModel(
                    name='Job',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=16, verbose_name='kind')),
                        ('state', models.CharField(choices=[('queued', 'Waiting for the worker'), ('running', 'Running'), ('done', 'Done'), ('failed', 'Failed')], default='queued', max_length=8, verbose_name='state')),
                        ('subject_id', models.PositiveBigIntegerField(blank=True, null=True, verbose_name='subject id')),
                        ('format', models.CharField(blank=True, max_length=8, verbose_name='format')),
                        ('parameters', models.JSONField(blank=True, default=dict, verbose_name='parameters')),
                        ('requested_at', models.DateTimeField(auto_now_add=True, verbose_name='requested')),
                        ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='started')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished')),
                        ('progress', models.PositiveSmallIntegerField(default=0, verbose_name='progress (%)')),
                        ('step', models.CharField(blank=True, max_length=200, verbose_name='step')),
                        ('result', models.JSONField(blank=True, default=dict, verbose_name='result')),
                        ('error', models.TextField(blank=True, verbose_name='error')),
                        ('file', models.FileField(blank=True, max_length=200, storage=core.files.private_storage, upload_to='', verbose_name='file')),
                        ('requested_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='requested by')),
                        ('subject_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype', verbose_name='subject type')),
                    ],
                    options={
                        'verbose_name': 'job',
                        'verbose_name_plural': 'jobs (exports and fetches)',
                        'ordering': ['-requested_at', '-pk'],
                        'indexes': [models.Index(fields=['subject_type', 'subject_id'], name='job_subject')],
                    },
                ),
            ],
        ),
    ]
