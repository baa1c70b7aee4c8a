from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import IndicatorValue


class IndicatorValueViewSet(SnippetViewSet):
    """Officers enter each quantitative indicator's value per quarter; the dashboard rates it."""

    model = IndicatorValue
    icon = "table"
    menu_label = "Indicator values"
    add_to_admin_menu = True
    menu_order = 220
    list_display = ["indicator", "period_start", "value", "unit", "target", "source"]
    list_filter = ["period_start"]
    ordering = ["indicator", "-period_start"]


register_snippet(IndicatorValueViewSet)
