"""The dashboard's pages: outcomes, themes (with a drill-down), reach and the loop.

For commissioners and officers (the view_dashboard permission). Every page reads the same
filters from the address, so the PDF and CSV links carry them too.
"""

from functools import wraps

import pandas as pd
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from engagement.models import Sentiment, Theme, Voice
from engagement.suppression import THRESHOLD, shown_count
from engagement.themes import carrying
from outcomes_cms.models import OutcomesFrameworkPage

from . import reach, themes
from .filters import DashboardFilterForm, Filters
from .loop import loop_figures
from .outcomes import outcome_figures
from .periods import recent_quarters
from .tables import counts_table, single_counts

SENTIMENTS = Sentiment.choices
TOP_THEMES_WITH_EXAMPLES = 5


def dashboard_view(view):
    """Signed in, allowed to read the dashboard, and given the filters from the address."""

    @login_required
    @permission_required("engagement.view_dashboard", raise_exception=True)
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        form = DashboardFilterForm(request.GET or None)
        filters = form.filters()
        context = view(request, filters, *args, **kwargs)
        context.update({"filter_form": form, "filters": filters, "query": request.GET.urlencode()})
        return TemplateResponse(request, context.pop("template"), context)

    return wrapped


def outcomes_by_framework(filters: Filters) -> list[tuple[OutcomesFrameworkPage, list]]:
    if filters.outcome:
        framework = OutcomesFrameworkPage.objects.parent_of(filters.outcome).first()
        return [(framework, [filters.outcome])]
    return [
        (framework, list(framework.outcomes()))
        for framework in OutcomesFrameworkPage.objects.live().order_by("path")
    ]


@dashboard_view
def outcomes(request, filters: Filters):
    grouped = outcomes_by_framework(filters)
    every_outcome = [outcome for _, outcomes in grouped for outcome in outcomes]
    figures = {figure.outcome.pk: figure for figure in outcome_figures(filters, every_outcome)}
    return {
        "template": "engagement/dashboard/outcomes.html",
        "frameworks": [
            (framework, [figures[outcome.pk] for outcome in outcomes])
            for framework, outcomes in grouped
        ],
    }


def theme_tables(filters: Filters, counts) -> dict:
    current = themes.in_period(counts, filters)
    latest = filters.quarter or recent_quarters(1)[0]
    quarters = [latest]
    while len(quarters) < 4:
        quarters.insert(0, quarters[0].previous)
    return {
        "by_audience": counts_table(
            themes.themes_by(current, "audience", Voice.Audience.choices),
            "Comments in each theme, by who said them", "Theme",
        ),
        "by_channel": counts_table(
            themes.themes_by(current, "channel", Voice.Channel.choices),
            "Comments in each theme, by how we heard them", "Theme",
        ),
        "by_sentiment": counts_table(
            themes.themes_by(current, "sentiment", SENTIMENTS),
            "Comments in each theme, by how they felt", "Theme",
        ),
        "over_time": counts_table(
            themes.themes_over_time(counts, quarters),
            "Comments in each theme, quarter by quarter", "Theme",
        ),
        "rising": themes.rising(counts, latest),
        "latest": latest,
    }  # fmt: skip


@dashboard_view
def theme_overview(request, filters: Filters):
    counts = themes.theme_counts(filters)
    tables = theme_tables(filters, counts)
    top = themes.top_themes(counts, filters, TOP_THEMES_WITH_EXAMPLES)
    examples = themes.examples(filters, top)
    return {
        "template": "engagement/dashboard/themes.html",
        **tables,
        "examples": [(theme, examples[theme.pk]) for theme in top],
        "all_themes": Theme.objects.filter(active=True),
    }


@dashboard_view
def theme_comments(request, filters: Filters, key: str):
    """The comments in one theme, redacted. Fewer than 5 are not listed: a list that short
    could point at a child."""
    theme = get_object_or_404(Theme, key=key)
    voices = carrying(theme, themes.visible_voices(filters)).select_related("outcome")
    total = voices.count()
    page = Paginator(voices.order_by("-said_at", "pk"), 50).get_page(request.GET.get("page"))
    return {
        "template": "engagement/dashboard/theme_comments.html",
        "theme": theme,
        "total": shown_count(total),
        "listed": total >= THRESHOLD,
        "page_obj": page,
        "can_export": request.user.has_perm("engagement.view_voice"),
    }


def reach_tables(filters: Filters) -> dict:
    rows = reach.reach_rows(filters)
    frame = pd.DataFrame(rows, columns=["channel", "setting", "audience", "people"])
    frame["where"] = [
        f"{row.channel}: {row.setting}" if row.setting else row.channel
        for row in frame.itertuples()
    ]
    table = (
        frame.pivot_table(index="where", columns="audience", values="people", aggfunc="sum")
        .reindex(columns=list(reach.AUDIENCE_LABELS))
        .fillna(0)
        .astype(int)
    )
    table.columns = list(reach.AUDIENCE_LABELS.values())
    return {
        "heard": counts_table(
            table, "People heard, by how and where we heard them", "How and where"
        ),
        "completed_by": single_counts(
            reach.completed_by(filters), "Completed surveys, by who answered", "Who answered"
        ),
    }


@dashboard_view
def reach_view(request, filters: Filters):
    return {"template": "engagement/dashboard/reach.html", **reach_tables(filters)}


@dashboard_view
def loop_view(request, filters: Filters):
    return {"template": "engagement/dashboard/loop.html", "loop": loop_figures(filters)}
