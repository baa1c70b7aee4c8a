"""Storing answers: once per question however often a step is posted, and the pool kept in step."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from engagement.models import Voice
from engagement.voices import sync_voice

from .models import Answer, CountsAs, HearBackRequest, Response, SurveyQuestion


def save_answer(response: Response, question: SurveyQuestion, given: dict) -> Answer:
    """Save the answer to one question, replacing any earlier one (double clicks, retries, Back).

    given: special, options (ScaleOption list), text, comment, may_quote.
    """
    options = given.get("options", [])
    values = {
        "special": given.get("special", ""),
        "labels": [option.label for option in options],
        "counts_as": options[0].counts_as if len(options) == 1 else CountsAs.NOT_COUNTED,
        "text": given.get("text", ""),
        "comment": given.get("comment", ""),
        "may_quote": given.get("may_quote", False),
    }
    try:
        with transaction.atomic():
            answer, _ = Answer.objects.update_or_create(
                response=response, question=question, defaults=values
            )
    except IntegrityError:
        # Two posts of the same step raced to create it: the other one won, so update that.
        answer = Answer.objects.get(response=response, question=question)
        for field, value in values.items():
            setattr(answer, field, value)
        answer.save()
    answer.options.set(options)
    sync_answer_voice(answer)
    Response.objects.filter(pk=response.pk).update(updated_at=timezone.now())
    return answer


def sync_answer_voice(answer: Answer) -> None:
    """A 'Your voice' comment is one entry in the pool of comments, kept in step with the answer."""
    sync_voice(
        {"survey_answer": answer},
        answer.comment,
        channel=Voice.Channel.SURVEY,
        audience=(
            Voice.Audience.PARENT_CARER
            if answer.response.is_parent_carer
            else Voice.Audience.YOUNG_PERSON
        ),
        outcome_id=answer.question.outcome_id,
        consent_to_quote=answer.may_quote,
        said_at=answer.answered_at,
    )


def complete(response: Response, hear_back_email: str = "") -> bool:
    """Mark the response complete once; a second submit changes nothing. True if this one did."""
    with transaction.atomic():
        done_now = bool(
            Response.objects.filter(pk=response.pk, completed_at__isnull=True).update(
                completed_at=timezone.now()
            )
        )
        if done_now and hear_back_email:
            HearBackRequest.objects.update_or_create(
                response=response, defaults={"email": hear_back_email}
            )
    response.refresh_from_db(fields=["completed_at"])
    return done_now
