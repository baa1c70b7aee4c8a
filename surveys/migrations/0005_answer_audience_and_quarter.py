import zoneinfo

import django.db.models.functions.datetime
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_audience_from_responses(apps, schema_editor):
    Answer = apps.get_model("surveys", "Answer")
    Response = apps.get_model("surveys", "Response")
    Answer.objects.update(
        audience=Subquery(Response.objects.filter(pk=OuterRef("response_id")).values("audience"))
    )


class Migration(migrations.Migration):
    dependencies = [("surveys", "0004_hear_back_from_sessions")]

    operations = [
        migrations.AddField(
            model_name="answer",
            name="audience",
            field=models.CharField(
                choices=[("young_people", "Young people"), ("parent_carers", "Parent carers")],
                default="",
                editable=False,
                max_length=16,
            ),
            preserve_default=False,
        ),
        migrations.RunPython(copy_audience_from_responses, migrations.RunPython.noop),
        migrations.AddField(
            model_name="answer",
            name="quarter",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.db.models.functions.datetime.TruncQuarter(
                    "answered_at",
                    output_field=models.DateField(),
                    tzinfo=zoneinfo.ZoneInfo(key="Europe/London"),
                ),
                output_field=models.DateField(),
            ),
        ),
        migrations.AddIndex(
            model_name="answer",
            index=models.Index(
                fields=["question", "audience", "quarter", "counts_as", "special"],
                name="answer_tally",
            ),
        ),
    ]
