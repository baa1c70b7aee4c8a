"""Storing answers: once per question however often a step is posted, and the pool kept in step."""

from django.db import transaction
from django.utils import timezone

from engagement.models import Voice
from engagement.voices import sync_voice, update_voices

from .models import Answer, CountsAs, HearBackRequest, Response, SurveyQuestion

UNKNOWN = object()  # save_answer was not told what the response held before

# What a later post of the same step replaces (everything but the keys).
ANSWER_FIELDS = [
    "special", "labels", "counts_as", "text", "comment", "may_quote", "answered_at", "audience",
]  # fmt: skip


def save_answer(
    response: Response, question: SurveyQuestion, given: dict, earlier=UNKNOWN
) -> Answer:
    """Save the answer to one question, replacing any earlier one (double clicks, retries, Back).

    given: special, options (ScaleOption list), text, comment, may_quote. A comment of None
    (the chat's one-tap answer, which has no comment box) keeps the comment already given.
    earlier: the answer this response already held (None: none), if the caller knows: a
    comment or a choice question's text that was never there needs no query to remove it
    from the pool. A free-text answer's comment in the pool is always kept in step.
    One transaction. The answer is an upsert (INSERT ... ON CONFLICT DO UPDATE), which holds
    its row until the commit: two posts of the same step run one after the other, each
    storing options and comment with its own answer, and the later one wins.
    """
    options = given.get("options", [])
    known = earlier is not UNKNOWN
    earlier = earlier if known else None
    keep_comment = given.get("comment") is None
    answer = Answer(
        response=response,
        question=question,
        audience=response.audience,
        special=given.get("special", ""),
        labels=[option.label for option in options],
        counts_as=options[0].counts_as if len(options) == 1 else CountsAs.NOT_COUNTED,
        text=given.get("text", ""),
        comment=(earlier.comment if earlier else "") if keep_comment else given["comment"],
        may_quote=(earlier.may_quote if earlier else False)
        if keep_comment
        else given.get("may_quote", False),
    )
    fields = [f for f in ANSWER_FIELDS if not (keep_comment and f in ("comment", "may_quote"))]
    with transaction.atomic():
        Answer.objects.bulk_create(
            [answer], update_conflicts=True, unique_fields=["response", "question"],
            update_fields=fields,
        )  # fmt: skip
        _set_options(answer, options)
        parts = set()
        if question.scale.is_free_text or not known or (earlier and earlier.text):
            parts.add(Voice.AnswerPart.ANSWER)
        if not keep_comment and (answer.comment or not known or (earlier and earlier.comment)):
            parts.add(Voice.AnswerPart.COMMENT)
        sync_answer_voices(answer, parts)
    return answer


def save_comment(answer: Answer, comment: str, may_quote: bool) -> Answer:
    """The chat's follow-up ("Do you want to tell us more?"): the comment alone changes."""
    with transaction.atomic():
        Answer.objects.filter(pk=answer.pk).update(comment=comment, may_quote=may_quote)
        answer.comment, answer.may_quote = comment, may_quote
        sync_answer_voices(answer, {Voice.AnswerPart.COMMENT})
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


def sync_answer_voices(answer: Answer, parts=None) -> None:
    """An answer's free text and its "Your voice" comment are each one comment in the pool,
    kept in step with the answer: checked for safeguarding and redacted like any other.
    parts: which of the two changed (both when not said)."""
    for source, text, fields in answer_voice_parts(answer, answer.answered_at):
        if parts is None or source["answer_part"] in parts:
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
        if done_now:
            response.answers.update(sent=True)
        if done_now and hear_back_email:
            HearBackRequest.objects.update_or_create(
                response=response, defaults={"email": hear_back_email}
            )
    response.refresh_from_db(fields=["completed_at"])
    return done_now
