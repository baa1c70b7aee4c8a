"""A task worker that dies mid-analysis leaves no comment half-analysed; the work is redone.

Production queues tasks in the database (django-tasks-db); these tests use that backend and play
the worker's part by hand: claim a task, die inside it, run resume_interrupted_work, run again.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from engagement.models import ThemeAssignment, Voice
from engagement.tasks import analyse_voices, queue_analysis
from tests.engagement.conftest import worker

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("database_task_queue"),
]
TEXTS = [
    "The taxi to school is always late and nobody rings us",
    "My SENCo listens to me and my EHCP is finally right",
    "There is nothing to do in the holidays for my son",
]


def analysis_tasks():
    """The analysis's tasks (saving pages and other objects queues Wagtail's own tasks too)."""
    return DBTaskResult.objects.filter(task_path=analyse_voices.module_path)


def resume(**options) -> str:
    out = StringIO()
    call_command("resume_interrupted_work", stdout=out, **options)
    return out.getvalue()


def unanalysed(make_voice) -> list[Voice]:
    return [make_voice(text, analysed=False) for text in TEXTS]


class WorkerKilled(BaseException):
    """Stands for SIGKILL: nothing after it in the task runs, not even its error handling."""


def test_a_worker_killed_while_storing_leaves_nothing_half_done_and_the_work_is_redone(
    make_voice, django_capture_on_commit_callbacks, monkeypatch
):
    voices = unanalysed(make_voice)
    with django_capture_on_commit_callbacks(execute=True):
        queue_analysis([voice.pk for voice in voices])
    task = analysis_tasks().get()
    task.claim("dead-worker")

    # The worker dies after the comments' analysis fields were written, before their themes.
    def killed(*args, **kwargs):
        raise WorkerKilled

    with monkeypatch.context() as patch:
        patch.setattr(ThemeAssignment.objects, "bulk_create", killed)
        with pytest.raises(WorkerKilled):
            analyse_voices.call([voice.pk for voice in voices])
    for voice in Voice.including_withheld.filter(pk__in=[v.pk for v in voices]):
        assert (voice.analysed_at, voice.redacted_text, voice.sentiment) == (None, "", "")
    assert not ThemeAssignment.objects.filter(voice__in=voices).exists()
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING  # as a killed worker leaves it

    assert "Put back in the queue 1 interrupted tasks; queued 0 comments" in resume()
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY

    again = analysis_tasks().ready().get()
    again.claim("new-worker")
    worker().run_task(again)
    again.refresh_from_db()
    assert again.status == TaskResultStatus.SUCCESSFUL
    for voice in Voice.including_withheld.filter(pk__in=[v.pk for v in voices]):
        assert voice.analysed_at is not None and voice.analysed_text == voice.text
    assert ThemeAssignment.objects.filter(voice=voices[0], theme__key="transport").exists()


def test_a_comment_no_task_will_reach_is_queued(make_voice, django_capture_on_commit_callbacks):
    voice = make_voice("Waiting lists for speech and language therapy are too long", analysed=False)
    assert not analysis_tasks().exists()  # its task was lost (say, the enqueue failed)

    with django_capture_on_commit_callbacks(execute=True):
        assert "queued 1 comments no task was going to analyse" in resume()
    task = analysis_tasks().get(status=TaskResultStatus.READY)
    assert task.args_kwargs["args"] == [[voice.pk]]
    assert "queued 0 comments" in resume()  # already in the queue: not queued twice


def test_with_stale_minutes_a_task_still_running_is_left_alone_and_not_doubled(
    make_voice, django_capture_on_commit_callbacks
):
    voice = make_voice("Too loud in the dinner hall", analysed=False)
    analyse_voices.enqueue([voice.pk])
    analysis_tasks().get().claim("live-worker")

    with django_capture_on_commit_callbacks(execute=True):
        output = resume(stale_minutes=30)
    assert "Put back in the queue 0 interrupted tasks; queued 0 comments" in output
    assert analysis_tasks().get().status == TaskResultStatus.RUNNING  # one task, still running
