"""What a "You said, we did" page shows of the comments behind it, counted live.

Only comments anyone may see (none with the safeguarding lead), counts rounded by
engagement.disclosure (the same comments give the same figure here as on the dashboard), and
quotes only from comments that may be quoted, shown redacted.
"""

from django.db.models import Count, Sum

from engagement.disclosure import COMMENTS, Records, publish
from engagement.models import Voice
from engagement.themes import carrying


def evidence_for(page) -> dict:
    """How many comments there are in the page's themes, in all and by audience."""
    themes = list(page.themes.all())
    if not themes:
        return {"total": "0", "by_audience": [], "themes": []}
    voices = carrying(themes, Voice.objects.all()).order_by()
    records = {
        audience: Records(count, ids or 0)
        for audience, count, ids in voices.values_list("audience").annotate(
            n=Count("pk", distinct=True), ids=Sum("pk", distinct=True)
        )
    }
    labels = dict(Voice.Audience.choices)
    by_audience = {label: records.get(audience, Records()) for audience, label in labels.items()}
    return {
        "total": str(publish(COMMENTS, sum(by_audience.values(), Records()))),
        "by_audience": [
            (label, str(publish(COMMENTS, counted))) for label, counted in by_audience.items()
        ],
        "themes": themes,
    }


def quotes_for(page) -> list[str]:
    """The chosen quotes that may still be quoted, as redacted text. A comment flagged since it
    was chosen, or whose consent was withdrawn, disappears from the page at once."""
    chosen = [quote.voice_id for quote in page.quotes.all()]
    quotable = dict(
        Voice.objects.quotable().filter(pk__in=chosen).values_list("pk", "redacted_text")
    )
    return [quotable[voice_id] for voice_id in chosen if voice_id in quotable]
