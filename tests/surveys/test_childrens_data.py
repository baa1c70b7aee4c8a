"""Children's data: answer pages are never cached, every respondent page has a way out, and a
respondent (or an officer, on request) can delete everything one response holds."""

import pytest
from django.core import signing

from engagement.models import AuditEvent, Voice
from engagement.roles import FACILITATOR, OFFICER
from surveys.models import Answer, HearBackRequest, Response
from tests.factories import UserFactory
from tests.url_walk import page_routes
from you_said_we_did.notifications import UNSUBSCRIBE_SALT

pytestmark = pytest.mark.django_db
EXIT = "Emergency</span> Exit this page"


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_every_respondent_step_is_never_stored_and_has_a_way_out(client, respondent, bradford):
    pages = [client.get(respondent.url()), client.get(respondent.url("options"))]
    pages.append(client.post(respondent.url()))  # the redirect to "who is answering"
    pages.append(client.get(respondent.url("who")))
    respondent.start()
    pages += [client.get(respondent.url("question", 1)), respondent.answer(1, "Yes")]
    respondent.answer_all("Yes", comment="I like my TA")
    pages += [client.get(respondent.url(step)) for step in ("check", "save", "delete")]
    client.post(respondent.url("check"), {"email": ""})
    pages.append(client.get(respondent.url("done")))
    for page in pages:
        assert no_store(page), page.request["PATH_INFO"]
        if page.status_code == 200:
            assert EXIT in page.content.decode(), page.request["PATH_INFO"]
            assert 'href="/exit/"' in page.content.decode()


def test_no_survey_page_is_ever_stored_whatever_its_address(client, respondent, bradford):
    """Every route of a survey, as a respondent part way through: never kept by the browser
    or a proxy, whether it shows a page, a redirect or a refusal."""
    respondent.start()
    respondent.answer(1, "Yes", comment="My first answer")
    token = Response.objects.filter(survey=bradford).latest("pk").token
    values = {"number": "1", "token": token}
    routes = page_routes(bradford)
    assert {"resume", "delete", "save", "check", "done"} <= {route.name for route in routes}
    for route in routes:
        path = route.path([values[name] for name, _ in route.arguments])
        for page in (client.get(path), client.head(path)):
            assert no_store(page), (path, page.status_code)
    assert no_store(client.get(bradford.url))


def test_exit_this_page_lets_go_of_the_answers_and_back_finds_nothing(client, respondent, bradford):
    respondent.start()
    respondent.answer(1, "Yes", comment="Something I do not want seen")
    response = Response.objects.filter(survey=bradford).latest("pk")
    saved_link = respondent.url("resume", response.token)

    left = client.get("/exit/")
    assert left.status_code == 302 and left["Location"] == "https://www.bbc.co.uk/weather"
    assert left["Referrer-Policy"] == "no-referrer" and no_store(left)

    # Back, or typing the address again: the start page, with nothing carried on.
    assert client.get(respondent.url("question", 1))["Location"] == respondent.url()
    start = client.get(respondent.url()).content.decode()
    assert "Start now" in start and "Carry on" not in start
    assert "no answers to delete" in client.get(respondent.url("delete")).content.decode()
    assert Response.objects.filter(pk=response.pk).exists()  # kept: the saved link works
    client.post(saved_link)
    assert (
        "Something I do not want seen" in client.get(respondent.url("question", 1)).content.decode()
    )


def test_staff_trying_a_survey_stay_signed_in_when_they_exit(client, respondent, bradford):
    officer = UserFactory(roles=[OFFICER])
    client.force_login(officer)
    respondent.start()
    client.get("/exit/")
    assert client.get(respondent.url("question", 1))["Location"] == respondent.url()
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_unsubscribe_and_focus_group_hear_back_are_never_stored(client, bradford):
    response = Response.objects.create(survey=bradford, audience="young_people")
    contact = HearBackRequest.objects.create(response=response, email="carer@example.org")
    page = client.get(f"/hear-back/stop/{signing.dumps(contact.pk, salt=UNSUBSCRIBE_SALT)}/")
    assert page.status_code == 200 and no_store(page) and EXIT in page.content.decode()

    from surveys.models import FocusGroupSession

    client.force_login(UserFactory(roles=[OFFICER]))
    session = FocusGroupSession.objects.first()
    added = client.post(f"/focus-groups/{session.pk}/hear-back/", {"email": "x@example.org"})
    assert no_store(added)


def answered_with_comment_and_email(client, respondent, bradford) -> Response:
    respondent.start()
    respondent.answer_all("Yes", comment="My TA helps me")
    client.post(respondent.url("check"), {"email": "me@example.org"})
    return Response.objects.filter(survey=bradford).latest("pk")


def test_a_respondent_deletes_their_answers_comments_and_email(client, respondent, bradford):
    response = answered_with_comment_and_email(client, respondent, bradford)
    assert Voice.including_withheld.filter(survey_answer__response=response).exists()
    assert "delete your answers" in client.get(respondent.url("done")).content.decode()

    confirm = client.get(respondent.url("delete"))
    assert "Delete your answers?" in confirm.content.decode()
    assert "your email address" in confirm.content.decode()
    done = client.post(respondent.url("delete"))
    assert "Your answers are deleted" in done.content.decode()

    assert not Response.objects.filter(pk=response.pk).exists()
    assert not Answer.objects.filter(response_id=response.pk).exists()
    assert not Voice.including_withheld.filter(survey_answer__response_id=response.pk).exists()
    assert not HearBackRequest.objects.filter(email="me@example.org").exists()
    # Nothing is left to delete, and the flow starts afresh.
    assert "no answers to delete" in client.get(respondent.url("delete")).content.decode()


def test_whoever_holds_the_resume_link_can_delete(client, respondent, bradford):
    respondent.start()
    respondent.answer(1, "Yes", comment="secret words")
    response = Response.objects.filter(survey=bradford).latest("pk")
    client.cookies.clear()  # another device, with only the link
    client.post(respondent.url("resume", response.token))
    client.post(respondent.url("delete"))
    assert not Response.objects.filter(pk=response.pk).exists()
    # Logged by number only, so a restore from backup can be followed by erasing it again.
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.ERASURE)
    assert (event.user, event.object_id) == (None, str(response.pk))
    assert event.action == f"Erased response {response.pk} (the respondent)"
    assert "secret words" not in str(AuditEvent.objects.values_list())


def test_an_officer_erases_a_respondents_data_from_their_resume_link(client, respondent, bradford):
    response = answered_with_comment_and_email(client, respondent, bradford)
    officer = UserFactory(roles=[OFFICER])
    client.force_login(officer)
    url = "/admin/survey-results/erase/"
    assert client.get(url).status_code == 200

    link = f"https://send.example.gov.uk{respondent.url('resume', response.token)}"
    found = client.post(url, {"reference": link})
    assert f"Response {response.pk} to {bradford.title}" in found.content.decode()
    assert Response.objects.filter(pk=response.pk).exists()  # nothing goes before confirming

    erased = client.post(url, {"reference": str(response.pk), "confirm": "yes"}, follow=True)
    assert "everything from it are deleted" in erased.content.decode()
    assert not Response.objects.filter(pk=response.pk).exists()
    assert not HearBackRequest.objects.filter(email="me@example.org").exists()
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.ERASURE)
    assert (event.user, event.object_id) == (officer, str(response.pk))


def test_an_unknown_reference_says_what_to_check(client, demo_site):
    client.force_login(UserFactory(roles=[OFFICER]))
    for reference in ["", "nonsense-token", "99999999", "9" * 40]:
        page = client.post("/admin/survey-results/erase/", {"reference": reference})
        assert page.status_code == 400
        assert "No answers match that" in page.content.decode() or "Enter the resume" in (
            page.content.decode()
        )


def test_only_officers_erase(client, demo_site):
    client.force_login(UserFactory(roles=[FACILITATOR]))
    assert client.get("/admin/survey-results/erase/").status_code in (302, 403)
