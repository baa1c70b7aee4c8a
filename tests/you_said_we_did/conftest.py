import pytest
from django.utils import timezone

from engagement.models import Voice


@pytest.fixture
def themed_comment(django_capture_on_commit_callbacks):
    """themed_comment(text, audience=..., **fields): an analysed comment in the pool."""

    def make(text: str, audience: str = "young_person", **fields) -> Voice:
        fields = {"channel": "survey", "said_at": timezone.now(), **fields}
        with django_capture_on_commit_callbacks(execute=True):
            voice = Voice.objects.create(text=text, audience=audience, **fields)
        voice.refresh_from_db()
        return voice

    return make
