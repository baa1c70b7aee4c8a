import pytest
from django.utils import timezone

from engagement.models import Theme, Voice
from outcomes_cms.models import HomePage, OutcomePage
from you_said_we_did.models import YouSaidWeDidIndexPage, YouSaidWeDidPage


@pytest.fixture
def index(db):
    home = HomePage.objects.get()
    page = YouSaidWeDidIndexPage(title="You said, we did", slug="you-said-we-did")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def make_change(index):
    """make_change(themes=[...], outcomes=[...], publish=True, **fields): a change page."""

    def make(themes=("transport",), outcomes=(), publish=True, **fields) -> YouSaidWeDidPage:
        fields = {
            "title": "The school bus comes too early",
            "you_said": "The bus comes too early",
            "we_did": "We changed the routes",
            **fields,
        }
        page = YouSaidWeDidPage(**fields)
        page.themes = list(Theme.objects.filter(key__in=themes))
        page.outcomes = list(OutcomePage.objects.filter(title__in=outcomes))
        index.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        return page

    return make


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
