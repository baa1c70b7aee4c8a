"""Officers enter quantitative indicators' values."""

from django.db import migrations

from engagement.roles import sync_roles


def grant(apps, schema_editor):
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("outcomes_cms", "0002_indicator_values"),
        ("engagement", "0002_staff_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
