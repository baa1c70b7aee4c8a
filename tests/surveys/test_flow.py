"""The respondent's way through a survey, through the real pages."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from engagement.models import Voice
from engagement.respondent_sessions import RESPONDENT_SEEN_EVERY_SECONDS, RESPONDENT_SEEN_KEY
from surveys.models import Answer, HearBackRequest, Response, SurveyLink
from tests.surveys.conftest import Respondent

pytestmark = pytest.mark.django_db


def the_response(survey) -> Response:
    return Response.objects.filter(survey=survey).latest("pk")


def test_bradford_survey_start_to_finish(client, respondent, bradford):
    start_page = client.get(bradford.url).content.decode()
    assert "anonymous" in start_page.lower() or "Nobody will know it was you" in start_page
    respondent.start(answered_by="me_with_help")
    last = respondent.answer_all("Yes", comment="My TA helps me a lot")
    assert last["Location"] == respondent.url("check")

    check = client.get(respondent.url("check")).content.decode()
    assert "Check your answers" in check
    assert check.count("Change<span") == 11  # who is answering + 10 questions
    done = client.post(respondent.url("check"), {"email": ""})
    assert done["Location"] == respondent.url("done")
    assert "Your answers have been sent" in client.get(respondent.url("done")).content.decode()

    response = the_response(bradford)
    assert response.completed_at is not None
    assert response.answered_by == Response.AnsweredBy.ME_WITH_HELP
    assert response.answers.count() == 10
    assert Voice.including_withheld.filter(survey_answer__response=response).count() == 10


def test_reposting_a_step_keeps_one_answer_the_latest(respondent, bradford):
    respondent.start()
    respondent.answer(1, "Yes")
    respondent.answer(1, "Yes")  # double click
    respondent.answer(1, "No")  # back button, changed mind
    answers = Answer.objects.filter(response=the_response(bradford))
    assert answers.count() == 1
    assert answers.get().labels == ["No"]
    assert answers.get().counts_as == "negative"


def test_final_submit_completes_once_and_stores_the_email_once(client, respondent, bradford):
    respondent.start()
    respondent.answer_all("Yes")
    client.post(respondent.url("check"), {"email": "parent@example.org"})
    response = the_response(bradford)
    first_completed = response.completed_at
    again = client.post(respondent.url("check"), {"email": "other@example.org"})
    assert again["Location"] == respondent.url("done")
    response.refresh_from_db()
    assert response.completed_at == first_completed
    assert list(HearBackRequest.objects.filter(response=response).values_list("email")) == [
        ("parent@example.org",)
    ]


def test_skip_rule_follows_the_answer(client, rochdale_young_people):
    respondent = Respondent(client, rochdale_young_people)
    respondent.start()
    # Question 6 asks about clubs; "Yes" skips question 7 ("What stops you...?").
    assert respondent.answer(6, "Yes")["Location"] == respondent.url("question", 8)
    assert respondent.answer(6, "No")["Location"] == respondent.url("question", 7)


def save_for_later(client, respondent, bradford) -> str:
    """Answer one question, press "Save and come back later": the link's token."""
    respondent.start()
    respondent.answer(1, "Yes")
    saved = client.post(
        respondent.url("question", 2),
        {"answer": respondent.option_value(2, "No"), "save_for_later": "1"},
    )
    assert saved["Location"] == respondent.url("save")
    token = the_response(bradford).token
    assert token in client.get(respondent.url("save")).content.decode()
    return token


def test_resume_link_swaps_the_token_for_a_session(client, respondent, bradford):
    token = save_for_later(client, respondent, bradford)
    later = Client()  # another day, another browser

    # Opening the link changes nothing: a chat app's preview or a mail scanner opens it too.
    opened = later.get(respondent.url("resume", token))
    assert opened.status_code == 200 and "This link works once" in opened.content.decode()
    assert the_response(bradford).token == token

    resumed = later.post(respondent.url("resume", token))
    assert resumed["Location"] == respondent.url("question", 3)
    assert token not in resumed["Location"]
    page = later.get(resumed["Location"]).content.decode()
    assert "The link you used does not work any more" in page
    assert the_response(bradford).token != token  # a new token, held by `later` alone

    # The old link is dead for anyone else, and the first browser no longer holds the answers.
    used = Client().get(respondent.url("resume", token))
    assert used.status_code == 404 and "This link does not work" in used.content.decode()
    assert client.get(respondent.url("question", 2))["Location"] == respondent.url()
    assert "no answers to delete" in client.get(respondent.url("delete")).content.decode()

    # Saving again gives a new link that works the same way, once.
    assert the_response(bradford).token in later.get(respondent.url("save")).content.decode()


def test_two_browsers_with_one_link_cannot_both_hold_the_answers(client, respondent, bradford):
    token = save_for_later(client, respondent, bradford)
    response = the_response(bradford)
    first, second = Client(), Client()
    assert first.post(respondent.url("resume", token)).status_code == 302
    assert second.post(respondent.url("resume", token)).status_code == 404
    # Only the browser holding the answers can delete them.
    assert "no answers to delete" in second.get(respondent.url("delete")).content.decode()
    second.post(respondent.url("delete"))
    assert Response.objects.filter(pk=response.pk).exists()
    first.post(respondent.url("delete"))
    assert not Response.objects.filter(pk=response.pk).exists()


def test_a_link_used_after_sending_leads_to_the_sent_answers_once(client, respondent, bradford):
    token = save_for_later(client, respondent, bradford)
    respondent.answer_all("Yes")
    client.post(respondent.url("check"), {"email": ""})
    elsewhere = Client()
    opened = elsewhere.get(respondent.url("resume", token)).content.decode()
    assert "Your answers have been sent" in opened
    assert elsewhere.post(respondent.url("resume", token))["Location"] == respondent.url("done")
    assert Client().post(respondent.url("resume", token)).status_code == 404
    # The browser that sent them holds them no more: the link was swapped for the other one.
    assert "no answers to delete" in client.get(respondent.url("delete")).content.decode()


def test_a_respondents_session_ends_after_an_hour_idle_or_with_the_browser(client, respondent):
    respondent.start()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["max-age"] and not cookie["expires"]  # gone when the browser closes
    stored = Session.objects.get(session_key=cookie.value)
    assert abs((stored.expire_date - timezone.now()).total_seconds() - 3600) < 60

    # Any request starts the hour again (noted at most every few minutes: no write per step).
    session = client.session
    session[RESPONDENT_SEEN_KEY] -= RESPONDENT_SEEN_EVERY_SECONDS
    session.save()
    nearly_over = timezone.now() + datetime.timedelta(minutes=2)
    Session.objects.filter(pk=stored.pk).update(expire_date=nearly_over)
    client.get(respondent.url("question", 1))
    stored.refresh_from_db()
    assert abs((stored.expire_date - timezone.now()).total_seconds() - 3600) < 60

    Session.objects.filter(pk=stored.pk).update(expire_date=timezone.now())  # an hour idle
    assert client.get(respondent.url("question", 1))["Location"] == respondent.url()


def test_a_session_from_before_tokens_keeps_its_answers(client, respondent, bradford):
    """Sessions made before sessions held the token held the response's number."""
    save_for_later(client, respondent, bradford)
    response = the_response(bradford)
    session = client.session
    session[f"survey-{bradford.pk}-response"] = response.pk
    session.save()
    assert client.get(respondent.url("question", 2)).status_code == 200
    assert client.session[f"survey-{bradford.pk}-response"] == response.token


def test_a_forged_resume_token_is_refused(client, bradford):
    respondent = Respondent(client, bradford)
    assert client.get(respondent.url("resume", "not-a-real-token")).status_code == 404


def test_closed_survey_refuses_politely(client, respondent, bradford):
    respondent.start()
    from django.utils import timezone

    bradford.closes_at = timezone.now()
    bradford.save_revision().publish()
    start_page = client.get(bradford.url)
    assert "This survey is closed" in start_page.content.decode()
    step = client.post(respondent.url("question", 1), {"answer": "x"})
    assert step.status_code == 410
    assert "This survey is closed" in step.content.decode()
    assert not client.post(bradford.url).has_header("Location")


def test_dont_understand_is_stored_as_an_answer(respondent, bradford):
    respondent.start()
    respondent.answer(1, answer="dont_understand")
    answer = Answer.objects.get(response=the_response(bradford))
    assert answer.special == Answer.Special.DONT_UNDERSTAND
    assert answer.labels == [] and answer.counts_as == "not_counted"


def test_a_missing_answer_explains_what_to_do_and_keeps_the_comment(client, respondent):
    respondent.start()
    response = client.post(respondent.url("question", 1), {"comment": "I typed this"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: " in html
    assert 'class="error-summary"' in html
    assert "Choose an answer, or choose &#x27;I don&#x27;t understand&#x27;" in html
    assert "I typed this</textarea>" in html


def test_a_too_long_comment_is_refused_and_kept(client, respondent):
    respondent.start()
    long_comment = "word " * 250
    response = client.post(
        respondent.url("question", 1),
        {"answer": respondent.option_value(1, "Yes"), "comment": long_comment},
    )
    assert response.status_code == 400
    assert "Your comment must be 1000 characters or fewer" in response.content.decode()
    assert long_comment.strip() in response.content.decode()


SAVE = {"save_for_later": "1"}


def test_saving_for_later_with_a_too_long_comment_says_what_to_change_and_saves_nothing(
    client, respondent, bradford
):
    """ "Save and come back later" with more words than allowed: the same screen again, with
    the limit and how long theirs is, the words still in the box, and nothing stored. No
    "saved" page, no link: nothing claims the answers were saved."""
    respondent.start()
    long_comment = "a" * 2000
    yes = respondent.option_value(1, "Yes")
    shown = client.post(
        respondent.url("question", 1), {"answer": yes, "comment": long_comment, **SAVE}
    )
    html = shown.content.decode()
    assert shown.status_code == 400 and not shown.has_header("Location")
    assert 'class="error-summary"' in html
    assert "Your comment must be 1000 characters or fewer. Yours has 2000." in html
    assert f">{long_comment}</textarea>" in html
    assert f'value="{yes}" id="id_answer_0" checked>' in html  # the answer chosen, kept too
    held = the_response(bradford)
    assert not Answer.objects.filter(response=held).exists()
    assert not Voice.including_withheld.filter(survey_answer__response=held).exists()
    assert held.token not in html and "/resume/" not in html
    assert "Your answers are saved" not in html


def test_saving_for_later_with_a_too_long_free_text_answer_saves_nothing(
    client, rochdale_young_people
):
    respondent = Respondent(client, rochdale_young_people)
    respondent.start()
    questions = rochdale_young_people.active_questions()
    free = next(n for n, q in enumerate(questions, 1) if q.scale.is_free_text)
    long_text = "b" * 2000
    for chat in ({}, {"HTTP_X_SURVEY_CHAT": "1"}):  # the plain page, and the chat's post
        shown = client.post(respondent.url("question", free), {"text": long_text, **SAVE}, **chat)
        html = shown.content.decode()
        assert shown.status_code == 400 and not shown.has_header("X-Survey-Location")
        assert "Your answer must be 1000 characters or fewer. Yours has 2000." in html
        assert f">{long_text}</textarea>" in html
        assert ("<html" in html) is not bool(chat)  # the chat gets the form alone, to replace
        assert not Answer.objects.filter(response=the_response(rochdale_young_people)).exists()


def test_the_chat_saving_a_too_long_comment_gets_the_form_back_with_the_error(
    client, respondent, bradford
):
    respondent.start()
    long_comment = "c" * 2000
    shown = client.post(
        respondent.url("question", 1),
        {"answer": respondent.option_value(1, "Yes"), "comment": long_comment, **SAVE},
        HTTP_X_SURVEY_CHAT="1",
    )
    html = shown.content.decode()
    assert shown.status_code == 400 and not shown.has_header("X-Survey-Location")
    assert "<html" not in html
    assert "Your comment must be 1000 characters or fewer. Yours has 2000." in html
    assert f">{long_comment}</textarea>" in html
    assert not Answer.objects.filter(response=the_response(bradford)).exists()


def test_saving_for_later_with_only_a_comment_asks_for_an_answer_to_keep_it(
    client, respondent, bradford
):
    """A comment typed on a question that needs an answer cannot be stored alone: rather than
    drop it, the screen says what to choose, and the words stay in the box."""
    respondent.start()
    shown = client.post(respondent.url("question", 1), {"comment": "I typed this", **SAVE})
    html = shown.content.decode()
    assert shown.status_code == 400
    assert "To save your comment, choose an answer or &#x27;Prefer not to say&#x27;" in html
    assert "I typed this</textarea>" in html
    assert not Answer.objects.filter(response=the_response(bradford)).exists()
    # With nothing chosen or typed, it stops at once, as before.
    assert client.post(respondent.url("question", 1), SAVE)["Location"] == respondent.url("save")


def test_saving_for_later_twice_stores_once_and_shows_the_same_link(client, respondent, bradford):
    """A retry stores the answer once. Saving again before the link is used shows the same
    link: one link works at a time, and one already copied or scanned is not lost."""
    respondent.start()
    data = {"answer": respondent.option_value(1, "No"), "comment": "Kept words", **SAVE}
    for _ in range(2):
        assert client.post(respondent.url("question", 1), data)["Location"] == respondent.url(
            "save"
        )
    held = the_response(bradford)
    answer = Answer.objects.get(response=held)
    assert (answer.labels, answer.comment) == (["No"], "Kept words")
    assert Voice.including_withheld.filter(survey_answer__response=held).count() == 1
    first = client.get(respondent.url("save")).content.decode()
    second = client.get(respondent.url("save")).content.decode()
    assert held.token in first and held.token in second
    assert the_response(bradford).token == held.token


def test_the_save_pages_name_the_button_as_the_screen_shows_it(bradford):
    """Easy read calls it "Stop and come back later": the pages it leads to say the same."""
    for easy_read, label, other in (
        ("", "Save and come back later", "Stop and come back later"),
        ("on", "Stop and come back later", "Save and come back later"),
    ):
        browser, later = Client(), Client()
        respondent = Respondent(browser, bradford)
        for client in (browser, later):
            client.post(respondent.url("options"), {"easy_read": easy_read, "next": "/"})
        respondent.start()
        question = browser.get(respondent.url("question", 1)).content.decode()
        saved = browser.get(respondent.url("save")).content.decode()
        token = the_response(bradford).token
        opened = later.get(respondent.url("resume", token)).content.decode()
        carried_on = later.get(later.post(respondent.url("resume", token))["Location"])
        for page in (question, saved, opened, carried_on.content.decode()):
            assert label in page and other not in page


def test_change_from_check_answers_returns_to_check_answers(client, respondent, bradford):
    respondent.start()
    respondent.answer_all("Yes")
    change = client.get(respondent.url("question", 3) + "?return=check").content.decode()
    assert 'name="return" value="check"' in change
    back = client.post(
        respondent.url("question", 3),
        {"answer": respondent.option_value(3, "No"), "return": "check"},
    )
    assert back["Location"] == respondent.url("check")
    assert "No" in client.get(respondent.url("check")).content.decode()


def test_editing_or_clearing_a_comment_keeps_the_pool_in_step(respondent, bradford):
    respondent.start()
    respondent.answer(1, "Yes", comment="First words")
    respondent.answer(1, "Yes", comment="Better words")
    response = the_response(bradford)
    assert list(
        Voice.including_withheld.filter(survey_answer__response=response).values_list("text")
    ) == [("Better words",)]
    respondent.answer(1, "Yes", comment="")
    assert not Voice.including_withheld.filter(survey_answer__response=response).exists()


def test_tagged_link_records_the_channel(client, bradford):
    link = SurveyLink.objects.create(
        page=bradford, label="Ambassadors meeting, 12 Nov", channel="event"
    )
    assert client.get(f"/s/{link.code}/")["Location"] == bradford.url
    Respondent(client, bradford).start()
    response = the_response(bradford)
    assert (response.link, response.channel) == (link, "event")


def test_survey_qr_code_is_an_svg(client, bradford):
    response = client.get(bradford.url + "qr/")
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content


def test_easy_read_wording_is_kept_for_the_whole_survey(client, respondent):
    client.post(respondent.url("options"), {"easy_read": "on", "next": respondent.url()})
    respondent.start()
    html = client.get(respondent.url("question", 3)).content.decode()
    assert "My EHC plan helps me do what I want to do." in html
    assert "Something else" in html  # the easy-read label of "Other"


def test_answers_are_native_radios_with_their_own_labels(client, respondent):
    client.post(respondent.url())
    who = client.get(respondent.url("who")).content.decode()
    assert who.count('type="radio" name="answered_by"') == 3
    assert who.count('<label class="choice__label" for="id_answered_by_') == 3
    question = client.get(respondent.url("question", 1)).content.decode()
    assert question.count('type="radio" name="answer"') == 6  # 4 answers + 2 special


def test_carry_on_from_the_start_page_returns_to_the_next_question(client, respondent):
    respondent.start()
    respondent.answer(1, "Yes")
    start_page = client.get(respondent.url()).content.decode()
    assert "Carry on" in start_page
    assert client.post(respondent.url())["Location"] == respondent.url("question", 2)


def test_coming_back_to_a_question_shows_the_answer_given(client, respondent):
    respondent.start()
    respondent.answer(1, "No", comment="Kept words")
    page = client.get(respondent.url("question", 1)).content.decode()
    no = respondent.option_value(1, "No")
    assert f'value="{no}" id="id_answer_1" checked>' in page
    assert "Kept words</textarea>" in page


def test_changing_an_answer_keeps_only_the_new_option(respondent, bradford):
    respondent.start()
    respondent.answer(1, "Yes")
    respondent.answer(1, "No")
    answer = Answer.objects.get(response=the_response(bradford))
    assert [option.label for option in answer.options.all()] == ["No"]


TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT", "BEGIN", "COMMIT", "ROLLBACK")


def statements(captured) -> list[str]:
    """The statements that read or write tables (savepoints depend on the test's transaction)."""
    return [q["sql"] for q in captured if not q["sql"].startswith(TRANSACTION_CONTROL)]


def step_costs(client, respondent, step) -> list[int]:
    """The queries of each answer step, "Yes" to questions 1 to 9; step(number, data) answers
    one and returns the HTML that shows the next question."""
    respondent.start()
    client.get(respondent.url("question", 1))  # this process learns the survey's route
    costs = []
    for number in range(1, 10):
        data = {"answer": respondent.option_value(number, "Yes")}
        with CaptureQueriesContext(connection) as captured:
            html = step(number, data)
        assert f"Question {number + 1} of 10" in html
        costs.append(len(statements(captured.captured_queries)))
    return costs


def test_a_chat_answer_step_is_one_request_of_at_most_eight_queries(client, respondent):
    """A chat tap posts the answer and gets back only the next message, at the same small
    cost at every question: the survey's definition and its route are not read again."""

    def chat_step(number: int, data: dict) -> str:
        step = client.post(respondent.url("question", number), data, HTTP_X_SURVEY_CHAT="1")
        assert step.status_code == 200 and step["X-Survey-Fragment"] == "1"
        html = step.content.decode()
        assert "<html" not in html
        assert 'class="bubble bubble--answer"' in html  # the answer just given, as a bubble
        return html

    costs = step_costs(client, respondent, chat_step)
    # The first answer has no earlier ones to read the response with: one query more.
    assert costs[0] <= 9 and max(costs[1:]) <= 8, costs
    assert len(set(costs[1:])) == 1, costs
    last = client.post(
        respondent.url("question", 10),
        {"answer": respondent.option_value(10, "Yes")},
        HTTP_X_SURVEY_CHAT="1",
    )
    assert last.status_code == 204 and last["X-Survey-Location"] == respondent.url("check")


def test_publishing_a_survey_is_seen_at_the_next_step(client, respondent, bradford):
    respondent.start()
    client.get(respondent.url("question", 2))  # the definition is now kept in this process
    question = bradford.active_questions()[1]
    type(question).objects.filter(pk=question.pk).update(statement="Do you feel safe today?")
    bradford.refresh_from_db()
    bradford.save_revision().publish()
    assert "Do you feel safe today?" in client.get(respondent.url("question", 2)).content.decode()


def test_changing_who_is_answering_moves_the_answers_so_far_to_that_audience(
    client, respondent, bradford
):
    """A survey for both audiences: a parent who first said "young person" and went back to
    change it has every answer and comment so far counted as a parent carer's."""
    type(bradford).objects.filter(pk=bradford.pk).update(audience="both")
    client.post(respondent.url())
    client.post(respondent.url("who"), {"answered_by": "me", "audience": "young_people"})
    respondent.answer(1, "Yes", comment="The bus is always late")
    response = the_response(bradford)
    answer = response.answers.get()
    voice = Voice.including_withheld.get(survey_answer=answer)
    assert (answer.audience, voice.audience) == ("young_people", "young_person")

    client.post(respondent.url("who"), {"answered_by": "me", "audience": "parent_carers"})
    answer.refresh_from_db()
    assert answer.audience == "parent_carers" == Response.objects.get(pk=response.pk).audience
    assert Voice.including_withheld.get(survey_answer=answer).audience == "parent_carer"
    respondent.answer(2, "Yes")
    assert set(response.answers.values_list("audience", flat=True)) == {"parent_carers"}


def test_a_missing_answer_offers_only_what_the_question_offers(client, respondent, bradford):
    scale = bradford.active_questions()[0].scale
    scale.offers_dont_understand = False
    scale.save()
    respondent.start()
    html = client.post(respondent.url("question", 1), {}).content.decode()
    assert "Choose an answer, or choose &#x27;Prefer not to say&#x27;" in html
    assert "I don&#x27;t understand" not in html


def test_a_plain_answer_step_costs_the_same_at_every_question(client, respondent):
    """Without JavaScript, an answer is a post and the next question's page: the same small
    cost at every question, whatever was answered before."""

    def plain_step(number: int, data: dict) -> str:
        posted = client.post(respondent.url("question", number), data)
        return client.get(posted["Location"]).content.decode()

    costs = step_costs(client, respondent, plain_step)
    # Measured: 15 for the post and the page together; the first answer one more.
    assert costs[0] <= 16 and max(costs[1:]) <= 15, costs
    assert len(set(costs[1:])) == 1, costs
