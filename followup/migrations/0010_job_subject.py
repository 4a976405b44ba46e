"""Before the job moves to the jobs app (its 0001): a job names what it is about through a
generic subject instead of a round, and its kind is any registered kind's name."""

import django.db.models.deletion
from django.db import migrations, models


def round_to_subject(apps, schema_editor):
    Job = apps.get_model("followup", "Job")
    ContentType = apps.get_model("contenttypes", "ContentType")
    jobs = Job.objects.filter(round__isnull=False)
    if jobs.exists():
        round_type, _ = ContentType.objects.get_or_create(
            app_label="followup", model="followupround"
        )
        for job in jobs:
            job.subject_type_id, job.subject_id = round_type.pk, job.round_id
            job.save(update_fields=["subject_type", "subject_id"])


def subject_to_round(apps, schema_editor):
    Job = apps.get_model("followup", "Job")
    for job in Job.objects.filter(subject_type__app_label="followup", subject_type__model="followupround"):
        job.round_id = job.subject_id
        job.save(update_fields=["round"])


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("followup", "0009_round_programme"),
    ]

    operations = [
        migrations.AlterField(
            model_name="job",
            name="kind",
            field=models.CharField(max_length=16, verbose_name="kind"),
        ),
        migrations.AddField(
            model_name="job",
            name="subject_type",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
                verbose_name="subject type",
            ),
        ),
        migrations.AddField(
            model_name="job",
            name="subject_id",
            field=models.PositiveBigIntegerField(blank=True, null=True, verbose_name="subject id"),
        ),
        migrations.RunPython(round_to_subject, subject_to_round),
        migrations.RemoveField(model_name="job", name="round"),
        migrations.AddIndex(
            model_name="job",
            index=models.Index(fields=["subject_type", "subject_id"], name="job_subject"),
        ),
    ]
