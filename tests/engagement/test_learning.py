"""Learning from officers: a model trained on their decisions themes new comments beside the
codebook, says it did, and never overrides a person."""

import itertools

import pytest

from engagement.models import LearnedThemeModel, Theme, ThemeAssignment
from engagement.tasks import MIN_REVIEWED_TO_LEARN, retrain_is_due, retrain_theme_model
from engagement.themes import ACCEPTED, REJECTED, accept_machine_themes, carrying, decide
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FOOD = ["dinner", "lunch", "food", "meals", "canteen"]
FEELING = ["is cold", "runs out", "is horrible", "is too small", "takes ages"]
OTHER = [
    "The taxi to school is late",
    "My TA helps me with reading",
    "We waited a year for speech therapy",
    "The EHCP meeting went well",
    "Nobody listened to my mum",
]


@pytest.fixture
def lunches():
    """A theme of the officers' own that no codebook word finds: only learning can."""
    return Theme.objects.create(key="lunches", name="School lunches", keywords="zzzz")


@pytest.fixture
def reviewed(make_voice, lunches):
    """Officers have themed 25 comments about food by hand and agreed with the machine on 20."""
    officer = UserFactory(roles=["Officer"])
    food = [
        make_voice(f"The {what} at school {feeling}")
        for what, feeling in itertools.product(FOOD, FEELING)
    ]
    decide(food, lunches, ACCEPTED, officer)
    others = [make_voice(f"{text} {n}") for text in OTHER for n in range(4)]
    accept_machine_themes(others, officer)
    return officer


def test_no_model_is_learned_from_too_few_decisions(make_voice):
    make_voice("The dinner at school is cold")
    assert not retrain_is_due()
    assert "Not enough reviewed comments" in retrain_theme_model.call()
    assert not LearnedThemeModel.objects.exists()


def test_a_model_learned_from_officers_themes_new_comments(
    reviewed, make_voice, django_capture_on_commit_callbacks
):
    assert retrain_is_due()
    with django_capture_on_commit_callbacks(execute=True):
        message = retrain_theme_model.call()
    assert message.startswith(f"Trained on {MIN_REVIEWED_TO_LEARN + 5} comments")
    assert "lunches" in LearnedThemeModel.objects.get().theme_keys

    new = make_voice("The lunch at school is cold again")
    learned = new.assignments.get(theme__key="lunches")
    assert learned.source == ThemeAssignment.Source.MODEL
    assert any("lunch" in reason for reason in learned.reasons)


def test_comments_waiting_for_review_are_themed_again_but_people_still_win(
    reviewed, make_voice, lunches, django_capture_on_commit_callbacks
):
    waiting = make_voice("The dinner at school is cold")
    turned_down = make_voice("The meals at school are cold")
    decide([turned_down], lunches, REJECTED, reviewed)
    assert not waiting.assignments.filter(theme__key="lunches").exists()

    with django_capture_on_commit_callbacks(execute=True):
        retrain_theme_model.call()

    assert waiting.assignments.filter(theme__key="lunches", source="model").exists()
    assert waiting in carrying(lunches)
    assert turned_down.decisions.get(theme=lunches).decision == REJECTED
    assert turned_down not in carrying(lunches)


def test_learn_now_says_plainly_when_there_are_too_few_decisions(client, officer):
    from engagement.models import Voice

    Voice.including_withheld.update(reviewed_at=None)
    page = client.post("/admin/theme-learning/", follow=True).content.decode()
    assert f"Not enough reviewed comments yet: 0 of {MIN_REVIEWED_TO_LEARN}" in page
    assert "will be themed again" not in page
    assert not LearnedThemeModel.objects.exists()


def test_learn_now_learns_once_enough_comments_are_reviewed(
    client, officer, reviewed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post("/admin/theme-learning/", follow=True).content.decode()
    assert "Learning from your decisions" in page
    assert "lunches" in LearnedThemeModel.objects.get().theme_keys
