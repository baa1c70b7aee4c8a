"""Rewording an outcome keeps the old wording and its date, with no extra step."""

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.actions.publish_page_revision import PublishPageRevisionAction

from engagement.roles import OFFICER
from outcomes_cms.models import OutcomePage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def reword(outcome: OutcomePage, statement: str, publish=True):
    draft = outcome.get_latest_revision_as_object()
    draft.title = statement
    revision = draft.save_revision(user=UserFactory(roles=[OFFICER]))
    if publish:
        revision.publish()
    return OutcomePage.objects.get(pk=outcome.pk)


def test_publishing_a_new_statement_keeps_the_old_one_with_its_date(client, rochdale):
    outcome = OutcomePage.objects.get(title="I am emotionally well")
    before = [w.wording for w in outcome.earlier_wordings.all()]
    assert "I am emotionally well" not in before

    reword(outcome, "I feel OK in my head", publish=False)
    draft_only = OutcomePage.objects.get(pk=outcome.pk).earlier_wordings.all()
    assert [w.wording for w in draft_only] == before

    outcome = reword(outcome, "I feel happy and calm")
    *kept, earlier = outcome.earlier_wordings.all()
    assert [w.wording for w in kept] == before
    assert earlier.wording == "I am emotionally well"
    assert earlier.changed_on == timezone.localdate()
    html = client.get(outcome.url).content.decode()
    assert "<q>I am emotionally well</q>" in html
    assert f"Changed on {date_format(timezone.localdate(), 'j F Y')}" in html

    # The next draft starts from the latest revision, which holds it: nothing is lost, and the
    # officer can add who took part.
    draft = outcome.get_latest_revision_as_object()
    assert [w.wording for w in draft.earlier_wordings.all()] == [*before, "I am emotionally well"]
    outcome = reword(outcome, "I feel happy and calm most days")
    assert [w.wording for w in outcome.earlier_wordings.all()] == [
        *before,
        "I am emotionally well",
        "I feel happy and calm",
    ]


def test_other_edits_and_typed_in_wordings_add_nothing(rochdale):
    outcome = OutcomePage.objects.get(title="My opinions are valued")
    before = list(outcome.earlier_wordings.values_list("wording", flat=True))
    draft = outcome.get_latest_revision_as_object()
    draft.description = "A new description"
    draft.save_revision().publish()
    assert list(outcome.earlier_wordings.values_list("wording", flat=True)) == before

    draft = outcome.get_latest_revision_as_object()
    draft.title = "People listen to me"
    draft.earlier_wordings.add(draft.earlier_wordings.model(wording="My opinions are valued"))
    draft.save_revision().publish()
    wordings = list(outcome.earlier_wordings.values_list("wording", flat=True))
    assert wordings.count("My opinions are valued") == 1


def test_the_editors_publish_button_keeps_the_old_wording_too(rochdale):
    """The editor's Publish and the admin API call Wagtail's publish action directly, not
    Page.publish: the wording is still kept."""
    outcome = OutcomePage.objects.get(title="I am emotionally well")
    draft = outcome.get_latest_revision_as_object()
    draft.title = "I feel calm"
    revision = draft.save_revision(user=UserFactory(roles=[OFFICER]))
    PublishPageRevisionAction(revision).execute(skip_permission_checks=True)
    outcome = OutcomePage.objects.get(pk=outcome.pk)
    assert "I am emotionally well" in [w.wording for w in outcome.earlier_wordings.all()]
    draft = outcome.get_latest_revision_as_object()
    assert "I am emotionally well" in [w.wording for w in draft.earlier_wordings.all()]
