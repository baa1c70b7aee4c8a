"""A small world whose figures are worked out by hand: an outcome of its own, a survey about
it, and comments in a theme no demo comment carries, so the demo content never adds to them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.dashboard.periods import Quarter
from engagement.models import Theme, Voice
from engagement.themes import ACCEPTED, decide
from outcomes_cms.models import OutcomePage, OutcomesFrameworkPage
from surveys.models import Answer, AnswerScale, CountsAs, Response, SurveyPage, SurveyQuestion
from tests.factories import UserFactory

LUNCH = "I enjoy lunch at school"


@pytest.fixture
def this_quarter() -> Quarter:
    return Quarter.containing(timezone.localdate())


def moment_in(quarter: Quarter):
    return quarter.bounds()[0] + timedelta(days=10, hours=12)


@pytest.fixture
def lunch_outcome(db) -> OutcomePage:
    framework = OutcomesFrameworkPage.objects.get(area_name="Rochdale")
    outcome = OutcomePage(title=LUNCH, slug="lunch", description="Lunch matters")
    framework.add_child(instance=outcome)
    outcome.save_revision().publish()
    return outcome


@pytest.fixture
def lunch_survey(lunch_outcome) -> SurveyPage:
    home = lunch_outcome.get_parent().get_parent()
    survey = SurveyPage(title="Lunch", slug="lunch-survey", intro="About lunch", audience="both")
    scale = AnswerScale.objects.filter(options__counts_as=CountsAs.POSITIVE).first()
    survey.questions.add(
        SurveyQuestion(sort_order=0, statement="Do you like lunch?", scale=scale,
                       outcome=lunch_outcome)
    )  # fmt: skip
    home.add_child(instance=survey)
    survey.save_revision().publish()
    return survey


@pytest.fixture
def answer(lunch_survey):
    """answer(audience, counts_as, quarter, special=""): one person's answer."""
    question = lunch_survey.questions.get()

    def give(audience: str, counts_as: str, quarter: Quarter, special: str = "") -> Answer:
        response = Response.objects.create(
            survey=lunch_survey, audience=audience, answered_by="me",
            completed_at=moment_in(quarter),
        )  # fmt: skip
        given = Answer.objects.create(
            response=response, question=question, counts_as=counts_as, special=special
        )
        Answer.objects.filter(pk=given.pk).update(answered_at=moment_in(quarter))
        return given

    return give


@pytest.fixture
def hand_counted_answers(answer, this_quarter):
    """This quarter: young people 48 positive, 12 negative, 1 "I don't understand" (not
    counted); parent carers 2 positive, 1 neutral. Last quarter: young people 30 positive,
    30 negative. Shares need a published base of 50 or more."""
    last = this_quarter.previous
    for counts_as, times in ((CountsAs.POSITIVE, 48), (CountsAs.NEGATIVE, 12)):
        for _ in range(times):
            answer("young_people", counts_as, this_quarter)
    answer("young_people", CountsAs.NOT_COUNTED, this_quarter, special="dont_understand")
    for counts_as in (CountsAs.POSITIVE, CountsAs.POSITIVE, CountsAs.NEUTRAL):
        answer("parent_carers", counts_as, this_quarter)
    for counts_as in [CountsAs.POSITIVE] * 30 + [CountsAs.NEGATIVE] * 30:
        answer("young_people", counts_as, last)


@pytest.fixture
def lunches(db) -> Theme:
    return Theme.objects.create(key="lunches", name="School lunches", keywords="zzzz")


@pytest.fixture
def lunch_comment(lunches, lunch_outcome, this_quarter):
    """lunch_comment(audience, quarter=this one, text=..., **fields): a comment an officer put
    in lunches."""
    officer = UserFactory(roles=["Officer"])

    def make(
        audience: str, quarter: Quarter | None = None, text: str = "Lunch is good", **fields
    ) -> Voice:
        fields = {"channel": "survey", "outcome": lunch_outcome, **fields}
        voice = Voice.objects.create(
            text=text, audience=audience, said_at=moment_in(quarter or this_quarter),
            analysed_at=timezone.now(), redacted_text=text, analysed_text=text,
            **fields,
        )  # fmt: skip
        decide([voice], lunches, ACCEPTED, officer)
        return voice

    return make


@pytest.fixture
def hand_counted_comments(lunch_comment, this_quarter):
    """This quarter: 7 from young people, 2 from parent carers. Last quarter: 2 young people."""
    for _ in range(7):
        lunch_comment("young_person")
    for _ in range(2):
        lunch_comment("parent_carer")
    for _ in range(2):
        lunch_comment("young_person", quarter=this_quarter.previous)
