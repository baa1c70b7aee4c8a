import pytest
from django.utils import timezone

from engagement.models import Voice


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
