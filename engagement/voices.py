"""The pool of comments' own writes and the few questions only it may answer about withheld
comments (not yet checked, or with the safeguarding lead): nothing here returns their words."""

from django.db.models import QuerySet

from .models import Voice


def sync_voice(source: dict, text: str, **fields) -> None:
    """Create, update or remove the one Voice of a source record.

    source names the record, e.g. {"survey_answer": answer} or {"contribution": contribution};
    an empty text removes the Voice, because the pool never holds a comment its source lost.
    Withheld comments are the source's too: an edit reaches them (and is checked again).
    """
    text = text.strip()
    if not text:
        Voice.including_withheld.filter(**source).delete()
        return
    Voice.including_withheld.update_or_create(**source, defaults={"text": text, **fields})


def update_voices(source: dict, **fields) -> int:
    """Change a field (e.g. the audience) on every comment of these source records, withheld
    ones too: they are still the source's comments."""
    return Voice.including_withheld.filter(**source).update(**fields)


def withheld_ids(field: str) -> QuerySet:
    """The values of one of the pool's links (e.g. "survey_answer__response") for comments that
    are withheld: to leave their people out of something (an email), never to show them."""
    visible = Voice.objects.values("pk")
    return (
        Voice.including_withheld.exclude(pk__in=visible)
        .exclude(**{f"{field}__isnull": True})
        .values(field)
    )
