from django.urls import path
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from .models import IndicatorValue
from .views import ImportButtonMixin, ImportValuesView, ValuesTemplateView


class IndicatorValueIndexView(ImportButtonMixin, IndexView):
    pass


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

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(import_url_name=self.get_url_name("import"), **kwargs)

    def get_urlpatterns(self):
        import_view = self.construct_view(
            ImportValuesView, template_url_name=self.get_url_name("import_template")
        )
        return [
            *super().get_urlpatterns(),
            path("import/", import_view, name="import"),
            path(
                "import/template.csv",
                self.construct_view(ValuesTemplateView),
                name="import_template",
            ),
        ]


register_snippet(IndicatorValueViewSet)
