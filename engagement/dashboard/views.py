"""The dashboard's pages: outcomes, themes (with a drill-down), reach and the loop.

For commissioners and officers (the view_dashboard permission). Every page reads the same
filters from the address, so the PDF and CSV links carry them too.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from engagement.models import Theme
from engagement.suppression import THRESHOLD, shown_count
from engagement.themes import carrying

from . import themes
from .figures import outcomes_by_framework, reach_tables, theme_tables
from .filters import DashboardFilterForm, Filters
from .loop import loop_figures
from .outcomes import outcome_figures

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


@dashboard_view
def reach_view(request, filters: Filters):
    return {"template": "engagement/dashboard/reach.html", **reach_tables(filters)}


@dashboard_view
def loop_view(request, filters: Filters):
    return {"template": "engagement/dashboard/loop.html", "loop": loop_figures(filters)}
