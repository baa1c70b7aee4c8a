"""New comments are analysed in the background; people's decisions outlive every rerun."""

import pytest
from django.core import mail

from engagement.models import SafeguardingCase, Theme, ThemeAssignment, ThemeDecision, Voice
from engagement.roles import SAFEGUARDING_LEAD
from engagement.tasks import analyse_voices
from engagement.themes import ACCEPTED, REJECTED, carrying, decide
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def theme(key: str) -> Theme:
    return Theme.objects.get(key=key)


def test_a_new_comment_is_analysed_and_stored(make_voice):
    voice = make_voice("The taxi to school is always late, ring Mrs Khan on 07700 900123")
    assert voice.analysed_at is not None and voice.analysed_text == voice.text
    assert voice.sentiment == "negative"
    assert voice.redacted_text == "The taxi to school is always late, ring [name] on [phone]"
    assert voice.personal_data_kinds == ["name", "phone"]
    assignment = voice.assignments.get(theme__key="transport")
    assert assignment.source == ThemeAssignment.Source.CODEBOOK
    assert "taxi" in assignment.reasons


def test_a_comment_not_yet_analysed_is_shown_to_nobody(make_voice):
    voice = make_voice("We waited two years", analysed=False)
    assert voice.analysed_at is None
    assert voice not in Voice.objects.all()


def test_an_officers_decision_survives_a_rerun(make_voice):
    officer = UserFactory(roles=["Officer"])
    voice = make_voice("We waited two years for the taxi to be sorted")
    assert set(voice.assignments.values_list("theme__key", flat=True)) >= {"waiting", "transport"}
    decide([voice], theme("transport"), REJECTED, officer)
    decide([voice], theme("carers"), ACCEPTED, officer)

    analyse_voices.call([voice.pk])
    analyse_voices.call([voice.pk])

    assert voice.assignments.filter(theme__key="transport").exists()  # the machine still says so
    assert voice.decisions.get(theme__key="transport").decision == REJECTED  # but a person won
    assert voice.decisions.get(theme__key="carers").decided_by == officer
    assert voice not in carrying(theme("transport"))
    assert voice in carrying(theme("carers")) and voice in carrying(theme("waiting"))
    assert ThemeDecision.objects.filter(voice=voice).count() == 2


def test_an_edited_comment_is_analysed_again(make_voice, django_capture_on_commit_callbacks):
    voice = make_voice("The bus is fine")
    voice.text = "The bus is always late and the driver shouts"
    with django_capture_on_commit_callbacks(execute=True):
        voice.save()
    voice.refresh_from_db()
    assert voice.analysed_text == voice.text
    assert set(voice.assignments.values_list("theme__key", flat=True)) >= {"transport", "staff"}


def test_a_stale_task_does_not_overwrite_a_newer_text(make_voice):
    voice = make_voice("The bus is fine")
    Voice.objects.filter(pk=voice.pk).update(text="Changed after the task was queued")
    analysed_at = voice.analysed_at
    assert analyse_voices.call([voice.pk]) == 1  # analyses what the text is now
    voice.refresh_from_db()
    assert voice.analysed_text == "Changed after the task was queued"
    assert voice.analysed_at > analysed_at


def test_a_possible_disclosure_goes_to_the_leads_at_once(make_voice):
    UserFactory(email="lead@example.org", roles=[SAFEGUARDING_LEAD])
    voice = make_voice("I'm scared to go home because of my stepdad")
    case = SafeguardingCase.objects.get(voice=voice)
    assert voice.safeguarding_flag and case.status == SafeguardingCase.Status.NEW
    assert [message.to for message in mail.outbox] == [["lead@example.org"]]
    assert "scared" not in mail.outbox[0].body  # the email never carries the comment
    assert f"/safeguarding/{case.pk}/" in mail.outbox[0].body


def test_a_flag_stays_until_a_lead_clears_it(make_voice, django_capture_on_commit_callbacks):
    voice = make_voice("I want to kill myself")
    voice.text = "I am fine now"
    with django_capture_on_commit_callbacks(execute=True):
        voice.save()
    voice.refresh_from_db()
    assert voice.safeguarding_flag  # edited, but the lead has not seen it yet
    case = voice.safeguarding_case
    case.status = SafeguardingCase.Status.NO_CONCERN
    case.save()
    analyse_voices.call([voice.pk])
    voice.refresh_from_db()
    assert not voice.safeguarding_flag
    assert voice in Voice.objects.all()
    assert SafeguardingCase.objects.filter(voice=voice).count() == 1  # one case, however edited
