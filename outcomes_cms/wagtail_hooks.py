from django.contrib.auth.decorators import permission_required
from django.urls import path, reverse
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from . import views
from .models import IndicatorValue

may_import_values = permission_required(
    ["outcomes_cms.add_indicatorvalue", "outcomes_cms.change_indicatorvalue"],
    raise_exception=True,
)


class IndicatorValueIndexView(IndexView):
    @property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perms(
            ["outcomes_cms.add_indicatorvalue", "outcomes_cms.change_indicatorvalue"]
        ):
            namespace = self.index_url_name.rpartition(":")[0]
            url = reverse(f"{namespace}:import")
            buttons.append(HeaderButton("Import from CSV", url=url, icon_name="upload"))
        return buttons


class IndicatorValueViewSet(SnippetViewSet):
    """Officers enter each quantitative indicator's value per quarter, one by one or from a
    CSV; the dashboard rates it against its target."""

    model = IndicatorValue
    icon = "table"
    menu_label = "Indicator values"
    add_to_admin_menu = True
    menu_order = 220
    list_display = ["indicator", "period_start", "value", "unit", "target", "source"]
    list_filter = ["period_start"]
    ordering = ["indicator", "-period_start"]
    index_view_class = IndicatorValueIndexView

    def get_urlpatterns(self):
        names = {
            "index_url_name": self.get_url_name("list"),
            "template_url_name": self.get_url_name("import_template"),
        }
        return [
            *super().get_urlpatterns(),
            path(
                "import/",
                may_import_values(views.import_values),
                names,
                name="import",
            ),
            path(
                "import/template.csv",
                may_import_values(views.values_template),
                name="import_template",
            ),
        ]


register_snippet(IndicatorValueViewSet)
