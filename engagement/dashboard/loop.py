"""Whether the council closed the loop: themes people raised that have a "You said, we did"
page, how long that took, and how many people were told."""

import statistics

from django.db.models import Min

from engagement.disclosure import AT_LEAST, PEOPLE_TOLD, publish
from engagement.models import Theme
from engagement.themes import carrying
from you_said_we_did.models import YouSaidWeDidPage
from you_said_we_did.notifications import people_told_in_total

from .filters import Filters
from .themes import in_period, published_per_theme, theme_counts, visible_voices


def loop_figures(filters: Filters, counts=None) -> dict:
    counts = theme_counts(filters) if counts is None else counts
    # Raised: 5 or more comments as published (never below 5 unless truly fewer).
    per_theme = published_per_theme(in_period(counts, filters))
    raised = {theme for theme, count in per_theme.items() if not count.small}
    pages = pages_for(filters).prefetch_related("themes")
    answered = {theme.pk for page in pages for theme in page.themes.all()}
    with_page = raised & answered
    names = dict(Theme.objects.filter(pk__in=raised).values_list("pk", "name"))
    return {
        "at_least": AT_LEAST,
        "themes_raised": len(raised),
        "themes_with_page": len(with_page),
        "share_with_page": round(100 * len(with_page) / len(raised)) if raised else None,
        "without_page": sorted(names[theme] for theme in raised - answered),
        "median_days": _median_days_to_page(filters, pages),
        "people_told": str(publish(PEOPLE_TOLD, people_told_in_total())),
    }


def pages_for(filters: Filters):
    """Live "You said, we did" pages of this council: about its outcomes, or about none (a
    page answering themes only belongs to the site it is published on)."""
    pages = YouSaidWeDidPage.objects.live()
    if filters.framework:
        theirs = YouSaidWeDidPage.objects.filter(outcomes__isnull=False).exclude(
            outcomes__path__startswith=filters.framework.path
        )
        pages = pages.exclude(pk__in=theirs.values("pk"))
    return pages


def _median_days_to_page(filters: Filters, pages) -> float | None:
    """Median days from the first comment in a page's themes to the page's first publishing."""
    voices = visible_voices(filters, periods=True)
    days = []
    for page in pages:  # pages are few (tens): one aggregate query each
        themes = list(page.themes.all())
        if not themes or page.first_published_at is None:
            continue
        first = carrying(themes, voices).aggregate(first=Min("said_at"))["first"]
        if first is not None and first <= page.first_published_at:
            days.append((page.first_published_at - first).days)
    return statistics.median(days) if days else None
