"""Storing answers: once per question however often a step is posted, and the pool kept in step."""

from django.db import transaction
from django.utils import timezone

from engagement.models import Voice
from engagement.voices import sync_voice, update_voices

from .models import Answer, CountsAs, HearBackRequest, Response, SurveyQuestion

# What a later post of the same step replaces (everything but the keys).
ANSWER_FIELDS = [
    "special", "labels", "counts_as", "text", "comment", "may_quote", "answered_at", "audience",
]  # fmt: skip


def save_answer(response: Response, question: SurveyQuestion, given: dict) -> Answer:
    """Save the answer to one question, replacing any earlier one (double clicks, retries, Back).

    given: special, options (ScaleOption list), text, comment, may_quote.
    One transaction. The answer is an upsert (INSERT ... ON CONFLICT DO UPDATE), which holds
    its row until the commit: two posts of the same step run one after the other, each
    storing options and comment with its own answer, and the later one wins.
    """
    options = given.get("options", [])
    answer = Answer(
        response=response,
        question=question,
        audience=response.audience,
        special=given.get("special", ""),
        labels=[option.label for option in options],
        counts_as=options[0].counts_as if len(options) == 1 else CountsAs.NOT_COUNTED,
        text=given.get("text", ""),
        comment=given.get("comment", ""),
        may_quote=given.get("may_quote", False),
    )
    with transaction.atomic():
        Answer.objects.bulk_create(
            [answer],
            update_conflicts=True,
            unique_fields=["response", "question"],
            update_fields=ANSWER_FIELDS,
        )
        _set_options(answer, options)
        sync_answer_voices(answer)
    return answer


def _set_options(answer: Answer, options: list) -> None:
    """The answer's options become exactly these: two statements, whatever was there."""
    Link = Answer.options.through
    Link.objects.filter(answer_id=answer.pk).exclude(scaleoption__in=options).delete()
    if options:
        Link.objects.bulk_create(
            [Link(answer_id=answer.pk, scaleoption_id=option.pk) for option in options],
            ignore_conflicts=True,
        )


def sync_answer_voices(answer: Answer) -> None:
    """An answer's free text and its "Your voice" comment are each one comment in the pool,
    kept in step with the answer: checked for safeguarding and redacted like any other."""
    for source, text, fields in answer_voice_parts(answer, answer.answered_at):
        sync_voice(source, text, **fields)


def answer_voice_parts(answer: Answer, said_at) -> list[tuple[dict, str, dict]]:
    """(the pool's link to the part, its words, the comment's other fields) for the answer's
    "Your voice" comment and its free text (the demo seed stores them the same way)."""
    question = answer.question
    about = {
        "channel": Voice.Channel.SURVEY,
        "audience": voice_audience(answer.response),
        "outcome_id": question.outcome_id,
        "said_at": said_at,
    }
    comment = {
        "prompt": question.comment_prompt or question.statement,
        "consent_to_quote": answer.may_quote,  # the consent box belongs to the comment
    }
    free_text = {"prompt": question.statement, "consent_to_quote": False}
    return [
        ({"survey_answer": answer, "answer_part": Voice.AnswerPart.COMMENT}, answer.comment,
         {**about, **comment}),
        ({"survey_answer": answer, "answer_part": Voice.AnswerPart.ANSWER}, answer.text,
         {**about, **free_text}),
    ]  # fmt: skip


def change_audience(response: Response, audience: str) -> None:
    """Who is answering changed (a young person, or a parent carer): the answers and comments
    given so far are counted for the new audience too."""
    with transaction.atomic():
        response.audience = audience
        response.save(update_fields=["audience", "updated_at"])
        response.answers.update(audience=audience)
        update_voices({"survey_answer__response": response}, audience=voice_audience(response))


def voice_audience(response: Response) -> str:
    """A response's audience as the pool of comments names it."""
    return Voice.Audience.PARENT_CARER if response.is_parent_carer else Voice.Audience.YOUNG_PERSON


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
