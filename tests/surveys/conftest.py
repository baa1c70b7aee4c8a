import re

import pytest

from surveys.models import SurveyPage


@pytest.fixture
def bradford(db):
    return SurveyPage.objects.get(slug="pupil-voice-annual-review")


@pytest.fixture
def rochdale_young_people(db):
    return SurveyPage.objects.get(slug="rochdale-young-people")


class Respondent:
    """A person answering a survey through the real pages, with the Django test client."""

    def __init__(self, client, survey: SurveyPage):
        self.client = client
        self.survey = survey

    def url(self, step: str = "", *args) -> str:
        if not step:
            return self.survey.url
        return self.survey.url + self.survey.reverse_subpage(step, args=list(args))

    def start(self, answered_by: str = "me"):
        self.client.post(self.url())
        return self.client.post(self.url("who"), {"answered_by": answered_by})

    def option_value(self, number: int, label: str) -> str:
        question = self.survey.active_questions()[number - 1]
        return str(question.scale.options.get(label=label).pk)

    def answer(self, number: int, label: str | None = None, **data):
        if label is not None:
            data["answer"] = self.option_value(number, label)
        return self.client.post(self.url("question", number), data)

    def answer_all(self, label: str = "Yes", comment: str = ""):
        """Answer every question on the way with the same label; return the last response."""
        number = 1
        while True:
            response = self.answer(number, label, comment=comment)
            match = re.search(r"/question/(\d+)/", response.get("Location", ""))
            if not match:
                return response
            number = int(match.group(1))

    def send(self, **data):
        """'Prefer not to say' to whatever is still unanswered, then 'Send my answers'."""
        while True:
            response = self.client.post(self.url("check"), {"email": "", **data})
            match = re.search(r"/question/(\d+)/", response.get("Location", ""))
            if not match:
                return response
            self.answer(int(match.group(1)), answer="prefer_not_to_say")


@pytest.fixture
def respondent(client, bradford):
    return Respondent(client, bradford)
