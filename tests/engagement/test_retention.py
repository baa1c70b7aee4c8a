"""Email addresses left to hear back are deleted after the retention period; counts stay."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from surveys.models import HearBackRequest, Response, SurveyPage

pytestmark = pytest.mark.django_db


def test_old_addresses_go_and_recent_ones_stay(settings):
    settings.HEAR_BACK_RETENTION_DAYS = 30
    survey = SurveyPage.objects.get(slug="rochdale-young-people")
    old, recent = (
        HearBackRequest.objects.create(
            response=Response.objects.create(survey=survey, audience="young_people"),
            email=email,
        )
        for email in ("old@example.com", "recent@example.com")
    )
    HearBackRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    call_command("apply_retention")
    assert list(HearBackRequest.objects.filter(pk__in=[old.pk, recent.pk])) == [recent]
