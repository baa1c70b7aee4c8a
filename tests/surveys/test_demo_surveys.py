import pytest

from outcomes_cms.models import OutcomesFrameworkPage
from surveys.demo import seed_surveys
from surveys.models import Response, SurveyPage

pytestmark = pytest.mark.django_db


def test_bradford_questionnaire_is_seeded_with_its_answer_sets_and_outcomes(bradford):
    questions = bradford.active_questions()
    assert len(questions) == 10
    assert questions[0].statement == "I feel supported by those around me."
    assert [o.label for o in questions[0].scale.options.all()] == [
        "Yes",
        "No",
        "Most of the time",
        "Now and then",
    ]
    assert [o.label for o in questions[2].scale.options.all()] == ["Yes", "No", "Other"]
    bradford_framework = OutcomesFrameworkPage.objects.get(area_name="Bradford")
    assert all(q.outcome.get_parent().pk == bradford_framework.pk for q in questions)
    assert all(q.comment_prompt == "Your voice" for q in questions)


def test_demo_responses_exist_and_seeding_again_adds_none(demo_site, frameworks_data):
    before = Response.objects.count()
    assert before >= 300
    seed_surveys(demo_site, frameworks_data)
    assert Response.objects.count() == before
    assert SurveyPage.objects.count() == 3


def test_home_page_lists_open_surveys_only(client, bradford):
    assert bradford.title in client.get("/").content.decode()
    bradford.unpublish()
    assert bradford.title not in client.get("/").content.decode()
