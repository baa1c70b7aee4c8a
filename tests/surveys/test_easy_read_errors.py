"""Easy read is the child's choice for every screen, error messages included (issue 17).

Every message a respondent form can show has an easy-read version: checked over every field of
every form in surveys.forms, so a new field or form cannot forget it, and on the real pages.
"""

import inspect

import pytest
from django import forms

from surveys import forms as respondent_forms
from surveys.forms import EasyReadErrors, QuestionForm

EASY = {"easy_read": "on"}


def messages_it_can_show(field: forms.Field) -> set[str]:
    """The error codes a respondent can meet on this field."""
    codes = {"required"} if field.required else set()
    if getattr(field, "max_length", None):
        codes.add("max_length")
    if isinstance(field, forms.RegexField | forms.EmailField):
        codes.add("invalid")
    if isinstance(field, forms.ChoiceField):
        codes.add("invalid_choice")
    return codes


def every_form(bradford):
    """Each form class in surveys.forms, made as the flow makes it (every kind of question)."""
    for _, form_class in inspect.getmembers(respondent_forms, inspect.isclass):
        if not issubclass(form_class, forms.Form) or form_class.__module__ != "surveys.forms":
            continue
        if form_class is QuestionForm:
            for question in bradford.active_questions():
                yield form_class, {"question": question}
        elif "ask_audience" in inspect.signature(form_class.__init__).parameters:
            yield form_class, {"ask_audience": True}
        else:
            yield form_class, {}


def test_every_message_a_respondent_form_can_show_has_an_easy_read_version(bradford):
    checked = 0
    for form_class, kwargs in every_form(bradford):
        plain = form_class(**kwargs)
        raisable = {name: messages_it_can_show(field) for name, field in plain.fields.items()}
        if not any(raisable.values()):
            continue  # a form that cannot show an error (the start button, display options)
        assert issubclass(form_class, EasyReadErrors), f"{form_class.__name__}: no easy read"
        easy = form_class(easy_read=True, **kwargs)
        for name, codes in raisable.items():
            for code in codes:
                said = plain.fields[name].error_messages.get(code, f"Django's own {code}")
                easier = easy.fields[name].error_messages.get(code, f"Django's own {code}")
                assert easier != said, f"{form_class.__name__}.{name} '{code}': {said}"
                checked += 1
    assert checked >= 8


@pytest.fixture
def easy_reader(client, respondent):
    client.post(respondent.url("options"), {**EASY, "next": respondent.url()})
    return respondent


def test_a_missing_answer_is_explained_in_easy_read(client, easy_reader):
    client.post(easy_reader.url())
    who = client.post(easy_reader.url("who"), {"their_name": ""}).content.decode()
    assert "Please choose who is answering." in who
    assert "Please check this" in who and "There is a problem" not in who
    easy_reader.start()
    page = client.post(easy_reader.url("question", 1), {"comment": "I typed this"})
    html = page.content.decode()
    assert page.status_code == 400
    assert "Please choose an answer. Or choose &#x27;I don&#x27;t understand&#x27;." in html
    assert "I typed this</textarea>" in html


def test_too_many_words_are_explained_in_easy_read_and_kept(client, easy_reader):
    easy_reader.start()
    long_comment = "word " * 250
    page = client.post(
        easy_reader.url("question", 1),
        {"answer": easy_reader.option_value(1, "Yes"), "comment": long_comment},
    )
    html = page.content.decode()
    assert "This is too long. You can write up to 1000 letters. You wrote 1249." in html
    assert long_comment.strip() in html


def test_the_plain_wording_stays_for_everyone_else(client, respondent):
    client.post(respondent.url())
    who = client.post(respondent.url("who"), {"their_name": ""}).content.decode()
    assert "Choose who is answering" in who and "There is a problem" in who


def test_an_answer_from_a_page_left_open_too_long_asks_again(client, respondent, easy_reader):
    easy_reader.start()
    page = client.post(easy_reader.url("question", 1), {"answer": "999999"})
    assert page.status_code == 400
    assert "This answer has changed. Please choose again." in page.content.decode()


def test_welcome_back_and_a_used_link_speak_easy_read(client, easy_reader, bradford):
    from surveys.models import Response

    easy_reader.start()
    easy_reader.answer(1, "Yes")
    token = Response.objects.filter(survey=bradford).latest("pk").token
    welcome = client.get(easy_reader.url("resume", token)).content.decode()
    assert "We kept your answers. You can carry on from where you stopped." in welcome
    assert "Your answers are saved" not in welcome
    used = client.get(easy_reader.url("resume", "not-a-real-token")).content.decode()
    assert "A link to carry on works one time only." in used
