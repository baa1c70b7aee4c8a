"""Give the roles their permissions on the survey models (officers build scales, read results)."""

from django.db import migrations

from engagement.roles import sync_roles


def grant(apps, schema_editor):
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_initial"),
        ("engagement", "0002_staff_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
