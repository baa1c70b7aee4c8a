"""The admin's menus in an officer's words: Wagtail's own labels renamed where they speak
Wagtail ("Aging pages", "Workflow tasks"), and the "Snippets" item left out of the menu,
since each of its lists (comments, themes, answer scales, indicator values) has its own."""

from wagtail import hooks
from wagtail.admin.ui.tables import Column

# Wagtail's menu item name -> the label officers read. Reports and Settings both list
# "Workflows" and "Workflow tasks"; here each menu says what it shows.
REPORTS = {
    "locked-pages": "Pages locked for editing",
    "workflows": "Pages in co-production review",
    "workflow-tasks": "Review steps waiting",
    "site-history": "Site history",
    "aging-pages": "Pages not updated for a while",
    "page-types-usage": "Kinds of page in use",
}
SETTINGS = {
    "workflows": "Review workflows",
    "workflow-tasks": "Review workflow steps",
}
HIDDEN_FROM_MAIN_MENU = {"snippets"}


def _relabel(menu_items, labels):
    for item in menu_items:
        item.label = labels.get(item.name, item.label)


@hooks.register("construct_reports_menu")
def reports_in_plain_words(request, menu_items):
    _relabel(menu_items, REPORTS)


@hooks.register("construct_settings_menu")
def settings_in_plain_words(request, menu_items):
    _relabel(menu_items, SETTINGS)


@hooks.register("construct_main_menu")
def no_second_way_to_the_same_lists(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name not in HIDDEN_FROM_MAIN_MENU]


class YesNoColumn(Column):
    """A listing column for a yes/no field that reads "Yes" or "No", not True or False."""

    def get_value(self, instance):
        return "Yes" if super().get_value(instance) else "No"
