"""Issue 17 on the server: the chat's one-request steps, stopping at any time, "Prefer not to
say" everywhere, easy read on every screen, and questions asked about the young person."""

import pytest
from django.test import Client

from engagement.models import Voice
from surveys.models import Answer, Response
from tests.surveys.conftest import Respondent

pytestmark = pytest.mark.django_db
CHAT = {"HTTP_X_SURVEY_CHAT": "1"}


def the_response(survey) -> Response:
    return Response.objects.filter(survey=survey).latest("pk")


def test_save_and_come_back_later_from_an_unanswered_question(client, respondent, bradford):
    respondent.start()
    saved = client.post(respondent.url("question", 1), {"save_for_later": "1"})
    assert saved["Location"] == respondent.url("save")
    assert not Answer.objects.filter(response=the_response(bradford)).exists()
    assert the_response(bradford).token in client.get(respondent.url("save")).content.decode()
    # and from "who is answering", the start page and check your answers: a link to the same page
    for step in ("who", ""):
        assert respondent.url("save") in client.get(respondent.url(step)).content.decode()


def test_every_question_offers_prefer_not_to_say_free_text_too(client, rochdale_young_people):
    respondent = Respondent(client, rochdale_young_people)
    respondent.start()
    questions = rochdale_young_people.active_questions()
    for number, question in enumerate(questions, start=1):
        page = client.get(respondent.url("question", number)).content.decode()
        assert 'value="prefer_not_to_say"' in page, question.statement
        assert 'aria-describedby=""' not in page
    free = next(n for n, q in enumerate(questions, 1) if q.scale.is_free_text)
    # A button: it wins over words already typed, which are not kept.
    step = client.post(
        respondent.url("question", free), {"text": "half a thought", "answer": "prefer_not_to_say"}
    )
    assert step.status_code == 302
    answer = Answer.objects.get(
        response=the_response(rochdale_young_people), question__pk=questions[free - 1].pk
    )
    assert (answer.special, answer.text) == ("prefer_not_to_say", "")
    assert not Voice.including_withheld.filter(survey_answer=answer).exists()


def test_a_free_text_error_sits_at_its_field(client, rochdale_young_people):
    respondent = Respondent(client, rochdale_young_people)
    respondent.start()
    free = next(
        n for n, q in enumerate(rochdale_young_people.active_questions(), 1) if q.scale.is_free_text
    )
    page = client.post(respondent.url("question", free), {"text": ""})
    html = page.content.decode()
    assert page.status_code == 400
    assert 'id="id_text-error"' in html and 'aria-describedby="text-hint id_text-error"' in html
    assert "Write your answer, or choose &#x27;Prefer not to say&#x27;" in html


def test_a_chat_tap_keeps_the_comment_and_the_follow_up_adds_one(client, respondent, bradford):
    respondent.start()
    respondent.answer(1, "Yes", comment="The bus is late")
    # One tap on the answer's bubble, then another answer: the words told before stay.
    client.post(respondent.url("question", 1), {"answer": respondent.option_value(1, "No")}, **CHAT)
    answer = Answer.objects.get(
        response=the_response(bradford), question=bradford.active_questions()[0]
    )
    assert (answer.labels, answer.comment) == (["No"], "The bus is late")

    client.post(
        respondent.url("question", 2), {"answer": respondent.option_value(2, "Yes")}, **CHAT
    )
    told = client.post(
        respondent.url("more", 2), {"comment": "I feel safe at the club", "may_quote": "on"}, **CHAT
    )
    assert told.status_code == 200 and "I feel safe at the club" in told.content.decode()
    second = Answer.objects.get(
        response=the_response(bradford), question=bradford.active_questions()[1]
    )
    assert (second.labels, second.comment, second.may_quote) == (
        ["Yes"],
        "I feel safe at the club",
        True,
    )
    assert (
        Voice.including_withheld.filter(
            survey_answer=second, text="I feel safe at the club"
        ).count()
        == 1
    )

    empty = client.post(respondent.url("more", 2), {"comment": ""}, **CHAT)
    assert empty.status_code == 400 and "or choose &#x27;No thanks&#x27;" in empty.content.decode()


def test_someone_answering_for_sam_is_asked_about_sam_and_sam_is_not_stored(
    client, respondent, bradford
):
    client.post(respondent.url())
    client.post(respondent.url("who"), {"answered_by": "someone_for_me", "their_name": "Sam"})
    page = client.get(respondent.url("question", 2)).content.decode()
    assert "Does Sam feel safe?" in page
    respondent.answer(2, "Yes")
    response = the_response(bradford)
    stored = [
        str(value) for value in Response.objects.filter(pk=response.pk).values().get().values()
    ]
    stored += [
        str(v) for row in Answer.objects.filter(response=response).values() for v in row.values()
    ]
    assert not any("Sam" in value for value in stored)
    # No name given: "the young person".
    client.post(respondent.url("who"), {"answered_by": "someone_for_me", "their_name": ""})
    assert (
        "Does the young person feel safe?"
        in client.get(respondent.url("question", 2)).content.decode()
    )
    bad = client.post(respondent.url("who"), {"answered_by": "someone_for_me", "their_name": "<b>"})
    assert bad.status_code == 400 and "letters only" in bad.content.decode()


def test_after_resuming_in_a_new_session_the_helper_is_offered_the_name_again(
    client, respondent, bradford
):
    """The name is kept in the session only, so a "come back later" link cannot bring it
    back: the "Welcome back" page asks for it again (optional), and without it the questions
    are asked about "the young person"."""
    client.post(respondent.url())
    client.post(respondent.url("who"), {"answered_by": "someone_for_me", "their_name": "Jayden"})
    respondent.answer(1, "Yes")
    token = the_response(bradford).token
    later = Client()
    welcome = later.get(respondent.url("resume", token)).content.decode()
    assert "their first name (optional)" in welcome and "Jayden" not in welcome

    # A name that is not a name: said at the field, and the link still works.
    bad = later.post(respondent.url("resume", token), {"their_name": "J4yden"})
    assert bad.status_code == 400 and "letters only" in bad.content.decode()
    assert the_response(bradford).token == token
    later.post(respondent.url("resume", token), {"their_name": "Jay"})
    assert "Does Jay feel safe?" in later.get(respondent.url("question", 2)).content.decode()

    # Left empty: "the young person".
    again = Client()
    again.post(respondent.url("resume", the_response(bradford).token), {"their_name": ""})
    page = again.get(respondent.url("question", 2)).content.decode()
    assert "Does the young person feel safe?" in page and "Jay" not in page


def test_a_young_person_resuming_is_not_asked_for_a_name(client, respondent, bradford):
    client.post(respondent.url())
    client.post(respondent.url("who"), {"answered_by": "me"})
    respondent.answer(1, "Yes")
    welcome = Client().get(respondent.url("resume", the_response(bradford).token))
    assert "their first name" not in welcome.content.decode()


def test_easy_read_on_every_screen(client, respondent):
    client.post(respondent.url("options"), {"easy_read": "on", "next": respondent.url()})
    assert "You can stop at any time." in client.get(respondent.url()).content.decode()
    respondent.start()
    assert "Who is doing this?" in client.get(respondent.url("who")).content.decode()
    respondent.answer_all("Yes")
    check = client.get(respondent.url("check")).content.decode()
    assert "Look at your answers" in check and "People around me help me." in check
    client.post(respondent.url("check"), {"email": ""})
    assert "We got your answers" in client.get(respondent.url("done")).content.decode()


def test_a_blank_name_on_welcome_back_clears_a_name_left_in_this_browser(
    client, respondent, bradford
):
    """A shared family tablet: the name given earlier never carries into a resumed response
    whose helper left the name empty."""
    client.post(respondent.url())
    client.post(respondent.url("who"), {"answered_by": "someone_for_me", "their_name": "Jay"})
    respondent.answer(1, "Yes")
    client.post(respondent.url("resume", the_response(bradford).token), {"their_name": ""})
    page = client.get(respondent.url("question", 2)).content.decode()
    assert "Does the young person feel safe?" in page and "Jay" not in page
