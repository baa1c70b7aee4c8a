"""Create the staff roles as groups with their permissions (see engagement/roles.py).

Officers also get Wagtail page permissions on the whole page tree and image and document
permissions on the root collection, so they can publish everything in the admin.
"""

from django.db import migrations

from engagement.roles import ROLES, sync_roles


def create_roles(apps, schema_editor):
    sync_roles(apps)


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[role.name for role in ROLES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
