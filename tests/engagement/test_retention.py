"""What is past its retention period goes: hear-back emails, and unfinished responses left
untouched (with their answers and comments)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from engagement.models import Voice
from surveys.models import Answer, HearBackRequest, Response, SurveyPage

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


def test_unfinished_responses_untouched_past_retention_are_deleted(settings):
    settings.INCOMPLETE_RESPONSE_RETENTION_DAYS = 90
    survey = SurveyPage.objects.get(slug="pupil-voice-annual-review")
    question = survey.active_questions()[0]
    long_ago = timezone.now() - timedelta(days=91)

    def response(completed=False, answered_at=None):
        made = Response.objects.create(
            survey=survey, audience="young_people", completed_at=long_ago if completed else None
        )
        if answered_at:
            answer = Answer.objects.create(response=made, question=question, comment="words")
            Answer.objects.filter(pk=answer.pk).update(answered_at=answered_at)
        Response.objects.filter(pk=made.pk).update(updated_at=long_ago)
        return made.pk

    abandoned = response(answered_at=long_ago)
    never_answered = response()
    answered_lately = response(answered_at=timezone.now() - timedelta(days=3))
    finished = response(completed=True, answered_at=long_ago)
    started_today = Response.objects.create(survey=survey, audience="young_people").pk

    call_command("apply_retention")
    kept = set(Response.objects.values_list("pk", flat=True))
    assert abandoned not in kept and never_answered not in kept
    assert {answered_lately, finished, started_today} <= kept
    assert not Answer.objects.filter(response_id=abandoned).exists()
    assert not Voice.objects.filter(survey_answer__response_id=abandoned).exists()
