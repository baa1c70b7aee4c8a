"""'Write a You said, we did' from a theme: a draft with the theme, its outcomes, counts as
published (never a true small number) and quotes only from comments that may be quoted."""

import pytest

from engagement.disclosure import COMMENTS, Records, publish
from engagement.models import Theme, Voice
from engagement.themes import carrying
from outcomes_cms.models import OutcomePage
from you_said_we_did.models import YouSaidWeDidPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_theme(themed_comment):
    """A theme of three comments: two quotable, one whose author did not agree; one held."""
    theme = Theme.objects.create(name="Swimming pools", key="swimming", keywords="swimming")
    theme.outcomes.set(OutcomePage.objects.all()[:1])
    themed_comment("I love swimming kiwiyes", consent_to_quote=True)
    themed_comment("Swimming lessons are too loud kiwiloud", consent_to_quote=True)
    themed_comment("No swimming for me kiwino", consent_to_quote=False)
    themed_comment("i want to kill myself at swimming kiwiheld", consent_to_quote=True)
    themed_comment("Swimming? Ring me on 07700 900777 kiwiphone", consent_to_quote=True)
    return theme


def test_the_draft_has_published_counts_and_only_quotable_quotes(
    client, officer, index, small_theme
):
    voices = carrying(small_theme, Voice.objects.all())
    assert voices.count() == 4  # the held one is not counted by anyone
    expected = str(publish(COMMENTS, Records.of(voices.values_list("pk", flat=True))))
    url = f"/admin/themes/{small_theme.pk}/you-said-we-did/"
    preview = client.get(url).content.decode()
    assert f"{expected} in all" in preview and "4 in all" not in preview
    assert "kiwiyes" in preview and "kiwino" not in preview and "kiwiheld" not in preview
    assert "kiwiphone" not in preview  # a plea with contact details is never put forward

    response = client.post(url)
    page = YouSaidWeDidPage.objects.get(title="You said: Swimming pools")
    assert response.status_code == 302 and f"/admin/pages/{page.pk}/edit/" in response["Location"]
    assert not page.live and page.get_parent().pk == index.pk
    assert f"We heard {expected} comments" in page.you_said and " 4 comments" not in page.you_said
    assert list(page.themes.all()) == [small_theme]
    assert list(page.outcomes.all()) == list(small_theme.outcomes.all())
    quoted = {quote.voice_id for quote in page.quotes.all()}
    assert quoted == set(
        Voice.objects.fit_to_publish().filter(pk__in=voices).values_list("pk", flat=True)
    )
    assert len(quoted) == 2 and Voice.objects.quotable().filter(pk__in=voices).count() == 3


def test_the_button_is_on_each_theme(client, officer):
    theme = Theme.objects.get(key="transport")
    html = client.get("/admin/themes/").content.decode()
    assert f"/admin/themes/{theme.pk}/you-said-we-did/" in html
