"""The privacy notice says, in plain words, what the platform does with children's data."""

from django.conf import settings
from django.utils.html import strip_tags

from outcomes_cms.models import StandardPage


def notice_text(demo_site) -> str:
    page = StandardPage.objects.get(slug="privacy")
    return " ".join(strip_tags(str(block.value)) for block in page.body)


def test_the_privacy_notice_covers_each_promise(demo_site):
    text = notice_text(demo_site)
    for promise in [
        "do not keep your IP address",
        "kept for 10 minutes",
        "keep it apart from your answers",
        "not to keep copies of the pages",
        '"Exit this page"',
        "only load things from this website",
        "never show a number smaller than 5",
        "Nobody else will see it",
        "a link to delete your answers",
        "ask the SEND team",
    ]:
        assert promise in text


def test_the_periods_it_states_are_the_ones_the_retention_command_uses(demo_site):
    text = notice_text(demo_site)
    assert settings.HEAR_BACK_RETENTION_DAYS == 730
    assert "Email addresses: 2 years, then we delete them." in text
    assert f"nothing changes for {settings.INCOMPLETE_RESPONSE_RETENTION_DAYS} days" in text
