"""Officers cannot build a nonsense page tree: each page type lives only where it belongs."""

import pytest
from wagtail.models import Page

from outcomes_cms.models import (
    HomePage,
    OutcomePage,
    OutcomesFrameworkPage,
    PlanOnAPage,
    StandardPage,
)
from surveys.models import SurveyPage
from you_said_we_did.models import YouSaidWeDidIndexPage, YouSaidWeDidPage


def subpage_types(page_class) -> set:
    return set(page_class.allowed_subpage_models())


def test_home_holds_frameworks_surveys_standard_pages_and_the_changes_index_only():
    assert subpage_types(HomePage) == {
        OutcomesFrameworkPage,
        StandardPage,
        SurveyPage,
        YouSaidWeDidIndexPage,
    }


def test_changes_live_under_their_index_and_have_no_children():
    assert subpage_types(YouSaidWeDidIndexPage) == {YouSaidWeDidPage}
    assert subpage_types(YouSaidWeDidPage) == set()
    assert set(YouSaidWeDidPage.allowed_parent_page_models()) == {YouSaidWeDidIndexPage}


def test_framework_holds_outcomes_and_a_plan_only():
    assert subpage_types(OutcomesFrameworkPage) == {OutcomePage, PlanOnAPage}


def test_outcomes_and_plans_have_no_children():
    assert subpage_types(OutcomePage) == set()
    assert subpage_types(PlanOnAPage) == set()


def test_each_page_type_has_only_its_parent():
    assert set(OutcomePage.allowed_parent_page_models()) == {OutcomesFrameworkPage}
    assert set(PlanOnAPage.allowed_parent_page_models()) == {OutcomesFrameworkPage}
    assert set(OutcomesFrameworkPage.allowed_parent_page_models()) == {HomePage}
    assert set(StandardPage.allowed_parent_page_models()) == {HomePage, StandardPage}


@pytest.mark.django_db
def test_rules_hold_in_the_real_tree(rochdale):
    home = rochdale.get_parent().specific
    plan = rochdale.get_children().type(PlanOnAPage).first()
    outcome = rochdale.get_children().type(OutcomePage).first()

    assert OutcomePage.can_create_at(rochdale)
    assert not OutcomePage.can_create_at(home)
    assert not OutcomesFrameworkPage.can_create_at(rochdale)
    # A second home page or a second plan under one framework is refused.
    assert not HomePage.can_create_at(Page.get_first_root_node())
    assert not PlanOnAPage.can_create_at(rochdale)
    assert not StandardPage.can_create_at(outcome)
    assert not OutcomePage.can_create_at(plan)
