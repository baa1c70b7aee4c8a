"""Keeping the pool of comments in step with the records the comments come from."""

from .models import Voice


def sync_voice(source: dict, text: str, **fields) -> None:
    """Create, update or remove the one Voice of a source record.

    source names the record, e.g. {"survey_answer": answer} or {"contribution": contribution};
    an empty text removes the Voice, because the pool never holds a comment its source lost.
    """
    text = text.strip()
    if not text:
        Voice.objects.filter(**source).delete()
        return
    Voice.objects.update_or_create(**source, defaults={"text": text, **fields})
