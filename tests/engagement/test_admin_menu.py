"""The admin menu as officers meet it: every item once, in their words."""

import pytest
from django.test import RequestFactory
from wagtail.admin.menu import SubmenuMenuItem, admin_menu

from engagement.roles import OFFICER
from tests.factories import UserFactory


def menu_labels(menu, request, path=()):
    """Every menu's labels, as (menu path, label), walking into submenus."""
    for item in menu.menu_items_for_request(request):
        yield path, item.label
        if isinstance(item, SubmenuMenuItem):
            yield from menu_labels(item.menu, request, (*path, item.label))


@pytest.fixture(params=["officer", "superuser"])
def request_as(request, db):
    if request.param == "officer":
        user = UserFactory(roles=[OFFICER])
    else:
        user = UserFactory(is_superuser=True, is_staff=True)
    admin_request = RequestFactory().get("/admin/")
    admin_request.user = user
    return admin_request


def test_no_menu_lists_an_item_twice(request_as):
    seen = list(menu_labels(admin_menu, request_as))
    labels = [label for _, label in seen]
    assert "Review comments" in labels and "Themes (codebook)" in labels
    duplicates = {label for label in labels if labels.count(label) > 1}
    assert duplicates == set()


WAGTAIL_WORDS = ("snippet", "aging", "moderation", "workflow task")


def test_menus_speak_an_officers_words(request_as):
    labels = [label.lower() for _, label in menu_labels(admin_menu, request_as)]
    assert [label for label in labels if any(word in label for word in WAGTAIL_WORDS)] == []


def test_yes_no_fields_read_yes_or_no(client, db):
    officer = UserFactory(roles=[OFFICER])
    client.force_login(officer)
    for url in ["/admin/themes/", "/admin/snippets/surveys/answerscale/"]:
        cells = client.get(url).content.decode()
        assert "<td" in cells and ">True<" not in cells.replace(" ", "").replace("\n", "")


def test_every_review_action_is_in_view_and_none_deletes(client, db):
    client.force_login(UserFactory(roles=[OFFICER]))
    html = client.get("/admin/comments/").content.decode()
    footer = html[html.index("data-bulk-action-footer") :]
    for action in ["accept_themes", "add_theme", "remove_theme", "move_theme", "no_theme"]:
        assert f"/admin/bulk/engagement/voice/{action}/" in footer
    assert "/delete/" not in footer and "More bulk actions" not in footer


def test_the_review_screens_count_and_choose_in_an_officers_words(client, db):
    from engagement.models import Voice
    from engagement.quote_chooser import QuotableChooserViewSet

    """Wagtail would say "3 snippets selected", "Choose comment" and "Active"."""
    client.force_login(UserFactory(roles=[OFFICER]))
    for url in ["/admin/comments/", "/admin/themes/"]:
        html = client.get(url).content.decode()
        assert 'data-bulk-action-footer="ITEM"' in html  # "3 items selected"
        assert "Select all snippets" not in html
    themes = " ".join(client.get("/admin/themes/").content.decode().split())
    assert 'class="w-field__label"> In use </label>' in themes  # the filter
    assert "> Active <" not in themes

    button = QuotableChooserViewSet("quotes", model=Voice).widget_class()
    assert (button.choose_one_text, button.link_to_chosen_text) == (
        "Choose a quote",
        "Open the comment",
    )
