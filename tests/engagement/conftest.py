import pytest
from django.db.models import F
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from engagement.models import SafeguardingCase, Voice


@pytest.fixture
def make_voice(django_capture_on_commit_callbacks):
    """make_voice("text", **fields): a comment in the pool, analysed as the platform does."""

    def make(text: str, analysed: bool = True, **fields) -> Voice:
        fields = {
            "channel": Voice.Channel.SURVEY,
            "audience": Voice.Audience.YOUNG_PERSON,
            "said_at": timezone.now(),
            **fields,
        }
        with django_capture_on_commit_callbacks(execute=analysed):
            voice = Voice.objects.create(text=text, **fields)
        voice.refresh_from_db()
        return voice

    return make


@pytest.fixture
def database_task_queue(demo_site):
    """The database queue, empty, and the demo comments already analysed: only each test's own
    comments are waiting."""
    Voice.including_withheld.update(analysed_at=timezone.now(), analysed_text=F("text"))
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    ):
        yield


def worker() -> Worker:
    """A database-queue worker run by hand in the test: claim, run, no waiting."""
    return Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="test-worker",
    )  # fmt: skip


@pytest.fixture
def no_open_demo_cases():
    """The demo seed's comments the detector sends to 'please check' are decided first, so a
    test counts only the cases it opens itself."""
    SafeguardingCase.objects.update(status=SafeguardingCase.Status.NO_CONCERN)
