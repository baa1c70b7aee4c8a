"""Factories shared by every test module."""

import time

import factory
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "a-long-test-password"  # noqa: S105
# Every factory-made user whose role must use an authenticator app gets one with this secret,
# so tests can sign in through allauth's two-step page with totp_code().
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105


def totp_code(secret: str = TOTP_SECRET) -> str:
    """The code an authenticator app shows now for the secret. allauth accepts only the current
    30-second period's code, so near a period's end wait for the next: a code read at :29 and
    typed at :31 (a slow browser test) would be refused, as it would be for a person."""
    left = 30 - time.time() % 30
    if left < 5:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """UserFactory(roles=["Officer"]) puts the user in the role groups the migration made."""
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))
        if create:
            self.save()

    @factory.post_generation
    def authenticator(self, create, extracted, **kwargs):
        """Officers, safeguarding leads and superusers must use an authenticator app (the site
        sends them to set one up otherwise), so they get one; UserFactory(authenticator=False)
        makes one who has not set it up yet, and authenticator=True gives anyone one."""
        must = self.is_superuser or bool(
            set(settings.MFA_REQUIRED_FOR_ROLES) & set(self.role_names)
        )
        wanted = extracted if extracted is not None else must
        if create and wanted and not self.authenticator_set.filter(type="totp").exists():
            TOTP.activate(self, TOTP_SECRET)


class FocusGroupSessionFactory(factory.django.DjangoModelFactory):
    """A focus group held at a school, with counts only (never names)."""

    class Meta:
        model = "surveys.FocusGroupSession"

    title = "Year 9 SEND group"
    held_on = factory.Faker("date_between", start_date="-1y", end_date="today")
    setting_type = "mainstream_school"
    young_people_count = 6
    consent = "verbal"
