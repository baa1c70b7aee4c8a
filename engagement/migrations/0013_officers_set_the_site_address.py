"""Officers may edit the Site (Settings > Sites): its address is the one in every share link,
QR code and poster, and an officer must be able to set it without an administrator."""

from django.db import migrations

from engagement.roles import sync_roles


def give_permission(apps, schema_editor):
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("engagement", "0012_staff_email_addresses")]

    operations = [migrations.RunPython(give_permission, migrations.RunPython.noop)]
