"""What a "You said, we did" page shows of the comments behind it, counted live.

Only comments anyone may see (none with the safeguarding lead), counts under 5 suppressed,
and quotes only from comments that may be quoted, shown redacted.
"""

from django.db.models import Count

from engagement.models import Voice
from engagement.suppression import shown_count, shown_counts
from engagement.themes import carrying


def evidence_for(page) -> dict:
    """How many comments there are in the page's themes, in all and by audience."""
    themes = list(page.themes.all())
    if not themes:
        return {"total": "0", "by_audience": [], "themes": []}
    voices = carrying(themes, Voice.objects.all())
    counts = dict(voices.order_by().values_list("audience").annotate(n=Count("pk", distinct=True)))
    total = voices.order_by().values("pk").distinct().count()
    labels = dict(Voice.Audience.choices)
    by_audience = {labels[audience]: counts.get(audience, 0) for audience in labels}
    return {
        "total": shown_count(total),
        "by_audience": list(shown_counts(by_audience).items()),
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
