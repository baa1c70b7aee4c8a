"""The dashboard's pages: outcomes, themes (with a drill-down), reach and the loop.

For commissioners and officers (the view_dashboard permission). Every page reads the same
filters from the address, so the PDF and CSV links carry them too.
"""

from dataclasses import replace
from functools import wraps

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from engagement.disclosure import AT_LEAST, BASE, COMMENTS, METHOD_NOTE, SHARE_BASE, publish
from engagement.models import Theme, Voice
from engagement.themes import carrying, themes_of
from outcomes_cms.models import OutcomePage

from . import themes
from .figures import outcomes_by_framework, reach_tables, theme_tables
from .filters import Filters, filters_for
from .loop import loop_figures
from .outcomes import outcome_figures
from .periods import quarters_from_keys
from .thread import (
    changes_for_outcome,
    changes_for_theme,
    comment_thread,
    outcome_themes,
    question_breakdowns,
)

TOP_THEMES_WITH_EXAMPLES = 5
COMMENTS_LISTED = 20


def dashboard_view(view):
    """Signed in, allowed to read the dashboard, and given the filters from the address."""

    @login_required
    @permission_required("engagement.view_dashboard", raise_exception=True)
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        form, filters = filters_for(request)
        context = view(request, filters, *args, **kwargs)
        context.update(
            {
                "filter_form": form,
                "filters": filters,
                "query": request.GET.urlencode(),
                "filters_open": any(key != "framework" for key in request.GET),
                "disclosure_note": METHOD_NOTE,
                "at_least": AT_LEAST,
                "share_base": SHARE_BASE,
            }
        )
        return TemplateResponse(request, context.pop("template"), context)

    return wrapped


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
    """Some of the comments in one theme, redacted, without pointing at anyone:

    - only comments from groups of 5 or more (who said them, how, which quarter) in the theme,
      so words are never pinned on a smaller group, and no outcome (it would split them finer;
      the outcome filter does not apply here);
    - the newest COMMENTS_LISTED of them, and only when there are surely more: a list shorter
      than that would be an exact count, and lists under two filters would give away the
      difference.
    """
    theme = get_object_or_404(Theme, key=key)
    filters = replace(filters, outcome=None)
    voices = themes.visible_voices(filters)
    total = publish(COMMENTS, themes.comment_records(carrying(theme, voices)))
    listed = listed_in_theme(theme, filters)
    for voice, quarter in zip(
        listed, quarters_from_keys(v.quarter or "" for v in listed), strict=True
    ):
        voice.quarter_label = quarter.financial_label if quarter else "earlier"
    return {
        "template": "engagement/dashboard/theme_comments.html",
        "theme": theme,
        "total": total,
        "listed": listed,
        "comments_listed": COMMENTS_LISTED,
        "can_export": request.user.has_perm("engagement.view_voice"),
        "changes": changes_for_theme(filters, theme),
    }


@dashboard_view
def outcome_detail(request, filters: Filters, pk: int):
    """One outcome's thread: its questions' answers by option, audience and quarter, the
    themes of comments about it, and the "You said, we did" pages and actions for it."""
    outcome = get_object_or_404(OutcomePage.objects.live(), pk=pk)
    if filters.framework and not outcome.path.startswith(filters.framework.path):
        raise Http404("This outcome belongs to another council's framework.")
    filters = replace(filters, outcome=outcome)
    (figure,) = outcome_figures(filters, [outcome])
    return {
        "template": "engagement/dashboard/outcome_detail.html",
        "outcome": outcome,
        "figure": figure,
        "breakdowns": question_breakdowns(filters, outcome),
        "themes_table": _linked_to_themes(outcome_themes(filters, outcome), request),
        "changes": changes_for_outcome(filters, outcome),
    }


def _linked_to_themes(table, request):
    """Each theme's row leads to its comments and its "You said, we did" pages."""
    query = request.GET.urlencode()
    table.links = {
        theme.name: reverse("dashboard:theme", args=[theme.key]) + (f"?{query}" if query else "")
        for theme in Theme.objects.all()
    }
    return table


def listed_in_theme(theme: Theme, filters: Filters) -> list[Voice]:
    """The comments a theme's page lists under these filters (see theme_comments): the one
    rule for which comments may be read one by one, so no other page lists more."""
    filters = replace(filters, outcome=None)
    voices = themes.visible_voices(filters)
    listable = themes.in_groups_of_five(theme, voices, filters.in_framework())
    # Published 30 or more means truly 21 or more: the list is always full.
    enough = publish(COMMENTS, themes.comment_records(listable)).value >= COMMENTS_LISTED + 2 * BASE
    return list(listable.order_by("-said_at", "-pk")[:COMMENTS_LISTED]) if enough else []


@dashboard_view
def comment_detail(request, filters: Filters, pk: int):
    """One comment, redacted, with its themes, outcome, the action taken and whether its
    author was told. Only a comment one of its themes' pages lists under these filters: any
    other would pin words on a smaller group, and opening comments by number would count
    them exactly (which comments open would be a count the rounding never published)."""
    voice = get_object_or_404(Voice.objects.select_related("outcome"), pk=pk)
    if not any(voice in listed_in_theme(theme, filters) for theme in themes_of(voice)):
        raise Http404("This comment cannot be shown on its own.")
    return {
        "template": "engagement/dashboard/comment.html",
        "thread": comment_thread(filters, voice),
    }


@dashboard_view
def reach_view(request, filters: Filters):
    return {"template": "engagement/dashboard/reach.html", **reach_tables(filters)}


@dashboard_view
def loop_view(request, filters: Filters):
    return {"template": "engagement/dashboard/loop.html", "loop": loop_figures(filters)}
