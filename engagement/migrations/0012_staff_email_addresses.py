"""Each account's own address in allauth's EmailAddress table, verified (an administrator typed
it): allauth sends its codes, and clears lockouts on a reset, only for addresses listed there.
New accounts get theirs from engagement.accounts.the_account_email_is_known_to_allauth."""

from django.db import migrations


def list_every_account_email(apps, schema_editor):
    User = apps.get_model("engagement", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    for user in User.objects.all():
        EmailAddress.objects.filter(user=user).exclude(email=user.email).delete()
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0011_every_free_text_into_the_pool"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(list_every_account_email, migrations.RunPython.noop)]
