"""Survey results per question: answers by option and audience, published like the dashboard
(never a true small count), and the "I don't understand" share."""

import pytest

from engagement.disclosure import ANSWERS, FEWER_THAN, Records, publish, share
from surveys.models import Answer, SurveyPage
from surveys.question_results import question_results

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    return SurveyPage.objects.get(slug="pupil-voice-annual-review")


def test_each_cell_is_the_published_count_of_its_answers(survey):
    result = question_results(survey)[0]
    answers = Answer.objects.filter(question=result.question, sent=True)
    # The demo's unsent answers count nowhere until their respondents send them.
    assert Answer.objects.filter(question=result.question, sent=False).exists()
    rows = {label: cells for label, cells, _ in result.table.rows}
    for option in result.question.scale.options.all():
        for column, audience in enumerate(["young_people", "parent_carers"]):
            ids = [
                a.pk
                for a in answers.filter(audience=audience, special="")
                if option.label in a.labels
            ]
            assert rows[option.label][column] == str(publish(ANSWERS, Records.of(ids)))
    for cells in rows.values():
        assert all(cell == FEWER_THAN or int(cell) % 5 == 0 for cell in cells)
    dont = answers.filter(special=Answer.Special.DONT_UNDERSTAND).values_list("pk", flat=True)
    assert result.dont_understand == publish(ANSWERS, Records.of(dont))
    assert result.answered == publish(ANSWERS, Records.of(answers.values_list("pk", flat=True)))
    assert result.dont_understand_share == share(result.dont_understand, result.answered)


def test_every_option_is_a_row_whatever_was_said(survey):
    result = question_results(survey)[0]
    question = result.question
    labels = [label for label, _, _ in result.table.rows]
    assert labels[: question.scale.options.count()] == [
        option.label for option in question.scale.options.all()
    ]
    specials = [label for value, label in Answer.Special.choices if value]
    assert labels[question.scale.options.count() :] == specials


def test_officers_read_the_page_with_its_chart(client, officer, survey):
    html = client.get(f"/admin/survey-results/{survey.pk}/answers/").content.decode()
    assert "<table" in html and '<svg class="bar"' in html and "I don&#x27;t understand" in html
    assert (
        f"/admin/survey-results/{survey.pk}/answers/"
        in client.get("/admin/survey-results/").content.decode()
    )


def test_renaming_an_option_changes_no_figure(survey):
    """Answers are counted by the option chosen, as on the dashboard, not by the label stored
    on each answer: the same answers always give the same published figure on both pages."""
    before = question_results(survey)[0]
    option = before.question.scale.options.first()
    cells = {label: cells for label, cells, _ in before.table.rows}[option.label]
    assert any(cell != "0" for cell in cells)
    option.label = "Renamed option"
    option.save()
    after = question_results(survey)[0]
    assert {label: cells for label, cells, _ in after.table.rows}["Renamed option"] == cells
