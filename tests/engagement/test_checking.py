"""Checking comments never silently stops: a failed analysis is retried on its own, the sweep
queues what was left unchecked, and the leads are told when checking falls behind.

These tests use the database queue production uses, playing the worker by hand.
"""

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from engagement import tasks
from engagement.checking import RETRY_DELAYS, sweep, sweep_unchecked_comments
from engagement.models import SafeguardingCase, Voice
from engagement.roles import SAFEGUARDING_LEAD
from tests.engagement.conftest import worker
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_task_queue")]
DISCLOSURE = "he hits me when mum is at work and i am scared to go home"


@pytest.fixture(autouse=True)
def daily_email_already_sent():
    """The sweep also sends the daily "please check" email (from 08:00 on working days): the
    demo's cases are marked as emailed, so what these tests count never depends on the clock."""
    SafeguardingCase.objects.filter(tier=SafeguardingCase.Tier.CHECK).update(
        notified_at=timezone.now()
    )


def run(result: DBTaskResult) -> DBTaskResult:
    """The worker takes this task now, whatever its run_after says."""
    result.claim("test-worker")
    worker().run_task(result)
    result.refresh_from_db()
    return result


def waiting(task):
    """The task's results waiting in the queue, whether due now or booked for later."""
    return DBTaskResult.objects.filter(task_path=task.module_path, status=TaskResultStatus.READY)


def ready(task) -> DBTaskResult:
    return waiting(task).get()


def test_a_failed_analysis_is_retried_on_its_own_and_the_disclosure_reaches_the_lead(
    make_voice, django_capture_on_commit_callbacks, monkeypatch, mailoutbox
):
    UserFactory(roles=[SAFEGUARDING_LEAD], email="lead@council.example")
    voice = make_voice(DISCLOSURE, analysed=False)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.queue_analysis([voice.pk])
    first = ready(tasks.analyse_voices)

    store = tasks._store
    calls = []

    def locked_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return store(*args, **kwargs)

    monkeypatch.setattr(tasks, "_store", locked_once)
    with django_capture_on_commit_callbacks(execute=True):
        assert run(first).status == TaskResultStatus.FAILED  # the failure still shows
    retry = ready(tasks.analyse_voices)
    assert retry.args_kwargs["args"] == [[voice.pk], 2]
    waited = retry.run_after - timezone.now()
    assert timedelta(0) < waited <= RETRY_DELAYS[0]
    assert not Voice.objects.filter(pk=voice.pk).exists()  # unchecked: shown to nobody

    with django_capture_on_commit_callbacks(execute=True):
        assert run(retry).status == TaskResultStatus.SUCCESSFUL
    case = SafeguardingCase.objects.get(voice=voice)
    assert case.text == DISCLOSURE
    run(ready(tasks.notify_safeguarding_leads))
    assert mailoutbox[-1].to == ["lead@council.example"]
    assert DISCLOSURE not in mailoutbox[-1].body


def test_a_chunk_that_keeps_failing_stops_after_the_back_offs(
    make_voice, monkeypatch, django_capture_on_commit_callbacks
):
    voice = make_voice("The bus is late", analysed=False)

    def always_locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(tasks, "_store", always_locked)
    tasks.analyse_voices.enqueue([voice.pk])
    for attempt in range(1, len(RETRY_DELAYS) + 2):
        result = ready(tasks.analyse_voices)
        assert result.args_kwargs["args"][1:] in ([], [attempt])
        assert run(result).status == TaskResultStatus.FAILED
    assert not waiting(tasks.analyse_voices).exists()
    # ...and the sweep picks it up again.
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep() == (1, False)
    assert ready(tasks.analyse_voices).args_kwargs["args"] == [[voice.pk]]


def test_one_comment_the_analysis_cannot_read_does_not_hold_back_its_chunk(
    make_voice, monkeypatch, django_capture_on_commit_callbacks
):
    voices = [make_voice(f"Comment {n} about the bus", analysed=False) for n in range(4)]
    bad = voices[2]
    store = tasks._store

    def fails_on_the_bad_one(rows, themes):
        if any(row.id == bad.pk for row in rows):
            raise ValueError("cannot read this one")
        return store(rows, themes)

    monkeypatch.setattr(tasks, "_store", fails_on_the_bad_one)
    tasks.analyse_voices.enqueue([voice.pk for voice in voices])
    while waiting(tasks.analyse_voices).exists():
        with django_capture_on_commit_callbacks(execute=True):
            for result in waiting(tasks.analyse_voices):
                run(result)
    checked = set(Voice.objects.values_list("pk", flat=True))
    assert {voice.pk for voice in voices} - checked == {bad.pk}  # the other three got through


def test_a_case_email_that_failed_is_sent_again_by_the_sweep(
    make_voice, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(roles=[SAFEGUARDING_LEAD], email="lead@council.example")
    voice = make_voice(DISCLOSURE, analysed=False)
    tasks.analyse_voices.enqueue([voice.pk])
    run(ready(tasks.analyse_voices))
    case = SafeguardingCase.objects.get(voice=voice)
    email = ready(tasks.notify_safeguarding_leads)  # written with the case, in its transaction
    with monkeypatch.context() as patch:
        patch.setattr(tasks, "send_mail", lambda **kwargs: (_ for _ in ()).throw(OSError("down")))
        assert run(email).status == TaskResultStatus.FAILED
    case.refresh_from_db()
    assert case.notified_at is None and not mailoutbox

    SafeguardingCase.objects.filter(pk=case.pk).update(
        created_at=timezone.now() - timedelta(minutes=6)
    )
    sweep()
    run(ready(tasks.notify_safeguarding_leads))
    assert mailoutbox[-1].to == ["lead@council.example"]
    case.refresh_from_db()
    assert case.notified_at is not None
    sweep()  # sent: not again
    assert not waiting(tasks.notify_safeguarding_leads).exists()


def test_the_sweep_books_itself_once(make_voice, django_capture_on_commit_callbacks):
    make_voice("Nothing to do in the holidays", analysed=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_unchecked_comments.call() == "Queued 1 unchecked comments; leads told: False."
    booked = ready(sweep_unchecked_comments)
    assert booked.run_after > timezone.now() + timedelta(minutes=4)
    sweep_unchecked_comments.call()
    assert waiting(sweep_unchecked_comments).count() == 1  # one booking, however often it runs


def test_the_leads_are_told_once_an_hour_when_checking_is_late(
    client, make_voice, settings, mailoutbox, django_capture_on_commit_callbacks
):
    lead = UserFactory(roles=[SAFEGUARDING_LEAD], email="lead@council.example")
    voice = make_voice(DISCLOSURE, analysed=False)
    client.force_login(lead)
    assert "waiting to be checked" not in client.get("/safeguarding/").content.decode()

    late = timezone.now() - timedelta(minutes=settings.SAFEGUARDING_CHECK_LATE_MINUTES + 1)
    Voice.including_withheld.filter(pk=voice.pk).update(updated_at=late)
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep() == (1, True)
    assert mailoutbox[-1].to == ["lead@council.example"]
    assert "1 comments left on SEND voices have not been checked" in mailoutbox[-1].body
    assert DISCLOSURE not in mailoutbox[-1].body
    assert sweep() == (0, False)  # queued already, and told already this hour
    assert len(mailoutbox) == 1
    assert "waiting to be checked" in client.get("/safeguarding/").content.decode()
