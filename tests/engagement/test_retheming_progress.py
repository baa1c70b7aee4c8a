"""A codebook change themes every comment again in the background: the officer is told so,
and the themes list counts what is still to do (issue 18: progress on anything slow)."""

import pytest
from django.urls import reverse

from engagement.checking import voice_ids_queued
from engagement.models import Theme, Voice

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_task_queue")]


def test_saving_a_theme_says_comments_are_themed_again_and_the_list_counts_them(
    client, officer, django_capture_on_commit_callbacks
):
    theme = Theme.objects.get(key="transport")
    form = {
        "key": theme.key, "name": theme.name, "description": theme.description,
        "keywords": theme.keywords + "\nminibus", "supporting": theme.supporting,
        "phrases": theme.phrases, "examples": theme.examples, "active": "on",
    }  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(
            reverse("wagtailsnippets_engagement_theme:edit", args=[theme.pk]), form, follow=True
        )
    assert "Every comment is being themed again with this change" in saved.content.decode()
    readable = set(Voice.objects.values_list("pk", flat=True))
    waiting = len(voice_ids_queued() & readable)
    assert 0 < waiting < len(voice_ids_queued())  # withheld comments are queued, not counted
    themes = " ".join(
        client.get(reverse("wagtailsnippets_engagement_theme:list")).content.decode().split()
    )
    assert (
        f"Theming comments again after a change: <strong>{waiting} still to do</strong>" in themes
    )


def test_where_tasks_run_at_once_the_officer_is_told_it_is_done(client, officer, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    theme = Theme.objects.get(key="transport")
    form = {"key": theme.key, "name": theme.name, "keywords": theme.keywords, "active": "on"}
    saved = client.post(
        reverse("wagtailsnippets_engagement_theme:edit", args=[theme.pk]), form, follow=True
    )
    assert "Every comment has been themed again with this change." in saved.content.decode()


def test_nothing_is_said_when_nothing_is_waiting(client, officer):
    themes = client.get(reverse("wagtailsnippets_engagement_theme:list")).content.decode()
    assert "still to do" not in themes
