"""The pool of comments' own writes and the few questions only it may answer about withheld
comments (not yet checked, or with the safeguarding lead): nothing here returns their words."""

from django.db.models import Count, QuerySet

from .models import Voice
from .models.voices import CHECKED
from .tasks import queue_analysis


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


def add_voices(voices: list[Voice], batch_size: int = 2000) -> list[Voice]:
    """Add many comments at once (an import): hidden until checked, as every comment is, and
    queued for checking when the transaction commits. bulk_create sends no post_save, so this
    queues them itself; a chunk that fails is retried and the sweep takes up any left unchecked
    (checking.py), so none is left invisible for good."""
    created = Voice.including_withheld.bulk_create(voices, batch_size=batch_size)
    queue_analysis([voice.pk for voice in created])
    return created


def checking_progress(field: str, ids: list[int]) -> dict[int, tuple[int, int]]:
    """(checked, total) of each source's comments, e.g. ("comment_import", [its ids]), in one
    query: how far checking has gone, without saying which comments, or how many, are with
    the lead."""
    counts = (
        Voice.including_withheld.filter(**{f"{field}__in": ids})
        .values(field)
        .annotate(total=Count("pk"), checked=Count("pk", filter=CHECKED))
        .order_by()
    )
    found = {row[field]: (row["checked"], row["total"]) for row in counts}
    return {pk: found.get(pk, (0, 0)) for pk in ids}


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
