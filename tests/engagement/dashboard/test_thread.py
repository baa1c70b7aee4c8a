"""The golden thread on the dashboard: outcome -> its questions' answers, themes and actions;
theme -> its comments and pages; comment -> its theme, outcome, action and whether its author
was told. Each within two clicks, every count published."""

import re

import pytest
from django.urls import reverse

from engagement.disclosure import ANSWERS, PEOPLE_TOLD, Records, publish
from surveys.models import Answer, CountsAs, HearBackRequest, Response
from tests.factories import UserFactory
from you_said_we_did.models import Action, Notification
from you_said_we_did.notifications import recipient_key

from .conftest import LUNCH, moment_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def commissioner(client):
    client.force_login(UserFactory(roles=["Commissioner"]))
    return client


@pytest.fixture
def lunch_change(make_change, lunches, lunch_outcome):
    page = make_change(themes=["lunches"], outcomes=[LUNCH], title="Hot dinners every day",
                       status="in_progress")  # fmt: skip
    Action.objects.create(page=page, what="Cook on site", owner="School meals", status="done")
    return page


def links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_from_an_outcome_one_click_to_answers_by_option_themes_and_actions(
    commissioner, lunch_survey, lunch_outcome, lunch_change, hand_counted_comments, this_quarter
):
    question = lunch_survey.questions.get()
    positive = question.scale.options.filter(counts_as=CountsAs.POSITIVE).first()
    ids = []
    for _ in range(7):
        response = Response.objects.create(survey=lunch_survey, audience="young_people",
                                           completed_at=moment_in(this_quarter))  # fmt: skip
        answer = Answer.objects.create(response=response, question=question,
                                       counts_as=CountsAs.POSITIVE)  # fmt: skip
        answer.options.add(positive)
        ids.append(answer.pk)
    overview = commissioner.get(reverse("dashboard:outcomes")).content.decode()
    detail_url = next(url for url in links(overview) if f"/outcomes/{lunch_outcome.pk}/" in url)
    html = commissioner.get(detail_url).content.decode()
    # The question's answers by option and audience: every option a row, counts published.
    assert question.statement in html
    for option in question.scale.options.all():
        assert f'<th scope="row">{option.label}</th>' in html
    shown = str(publish(ANSWERS, Records.of(ids)))
    row = html.split(f'<th scope="row">{positive.label}</th>')[1].split("</tr>")[0]
    assert f'<td class="figures__number">{shown}</td>' in row
    assert "Answers by option, in the four quarters to" in html
    # The themes of comments about it, each leading to its comments.
    assert 'href="/dashboard/themes/lunches/' in html
    # The "You said, we did" page, its status, its action and the people told.
    assert "Hot dinners every day" in html and "Cook on site" in html and "In progress" in html
    assert f"People told what changed: {publish(PEOPLE_TOLD, Records())}" in html


def test_from_a_comment_to_its_action_and_whether_its_author_was_told(
    commissioner, lunch_comment, lunch_survey, lunch_change, this_quarter
):
    for number in range(40):
        lunch_comment("young_person", text=f"Lunch is good {number}")
    told = lunch_comment("young_person", text="Lunch is cold")
    response = Response.objects.create(survey=lunch_survey, audience="young_people",
                                       completed_at=moment_in(this_quarter))  # fmt: skip
    answer = Answer.objects.create(response=response, question=lunch_survey.questions.get(),
                                   counts_as=CountsAs.NEGATIVE)  # fmt: skip
    told.survey_answer = answer
    told.save(update_fields=["survey_answer"])
    HearBackRequest.objects.create(response=response, email="pupil@example.com")
    Notification.objects.create(page=lunch_change, recipient=recipient_key("pupil@example.com"),
                                update="status:in_progress")  # fmt: skip

    theme_page = commissioner.get(reverse("dashboard:theme", args=["lunches"])).content.decode()
    assert "Hot dinners every day" in theme_page  # a theme leads to its pages
    comment_url = reverse("dashboard:comment", args=[told.pk])
    assert comment_url in theme_page  # one click from the theme to the comment
    html = commissioner.get(comment_url).content.decode()
    assert "Lunch is cold" in html and "School lunches" in html and LUNCH in html
    assert "Cook on site" in html and "Hot dinners every day" in html
    assert "Yes: told about “Hot dinners every day”" in html
    other = lunch_comment("young_person", text="Lunch is late")
    assert (
        "did not ask to hear back"
        in commissioner.get(reverse("dashboard:comment", args=[other.pk])).content.decode()
    )


def test_a_comments_outcome_is_named_only_among_five_or_more(
    commissioner, lunch_comment, lunch_outcome
):
    for number in range(40):
        lunch_comment("young_person", text=f"Lunch is good {number}")
    other = lunch_outcome.get_parent().specific.outcomes().exclude(pk=lunch_outcome.pk).first()
    alone = lunch_comment("young_person", text="Lunch and my opinions", outcome=other)
    html = commissioner.get(reverse("dashboard:comment", args=[alone.pk])).content.decode()
    told = html.split('<dl class="summary-list">')[1].split("</dl>")[0]  # not the filters
    assert "Lunch and my opinions" in html and other.title not in told
    assert "not shown: beside these words, it could point at who said them" in html
    named = commissioner.get(reverse("dashboard:comment", args=[alone.pk - 1])).content.decode()
    assert LUNCH in named


def test_a_comment_from_a_small_group_has_no_page_of_its_own(commissioner, lunch_comment):
    lonely = lunch_comment("professional", text="As the SENCO I think")
    response = commissioner.get(reverse("dashboard:comment", args=[lonely.pk]))
    assert response.status_code == 404


def test_only_comments_a_theme_page_lists_open_on_their_own(commissioner, lunch_comment):
    """Opening comments by number must not count them: a comment in a large group that the
    theme page does not list (past the newest 20) has no page either."""
    comments = [lunch_comment("young_person", text=f"Lunch is good {n}") for n in range(40)]
    theme_page = commissioner.get(reverse("dashboard:theme", args=["lunches"])).content.decode()
    opened = [
        voice
        for voice in comments
        if commissioner.get(reverse("dashboard:comment", args=[voice.pk])).status_code == 200
    ]
    assert opened and len(opened) <= 20
    assert all(reverse("dashboard:comment", args=[voice.pk]) in theme_page for voice in opened)
