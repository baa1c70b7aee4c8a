"""The quote chooser: only comments whose authors agreed, checked and not with the lead,
redacted; searchable and filtered by council, theme, audience, outcome and date."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.models import SafeguardingCase, Theme, Voice
from engagement.outcome_choices import site_framework
from outcomes_cms.models import OutcomePage, OutcomesFrameworkPage

pytestmark = pytest.mark.django_db
RESULTS = "/admin/snippets/choose/engagement/voice/results/"


def listed(client, query: str = "") -> str:
    return client.get(RESULTS + "?council=all&" + query).content.decode()


def test_only_quotable_checked_comments_not_with_the_lead(client, officer, make_voice):
    make_voice("The taxi is late kiwiquote, ring Mrs Khan on 07700 900123", consent_to_quote=True)
    make_voice("The taxi is late kiwinoconsent", consent_to_quote=False)
    make_voice("The taxi is late kiwiunchecked", analysed=False, consent_to_quote=True)
    held = make_voice("i want to kill myself kiwiheld", consent_to_quote=True)
    assert held.safeguarding_flag
    for query in ["", "q=kiwi", f"theme={Theme.objects.get(key='transport').pk}"]:
        html = listed(client, query)
        assert "kiwiquote" in html and "07700" not in html and "Khan" not in html
        assert "kiwiheld" not in html and "kiwiunchecked" not in html
        assert "kiwinoconsent" not in html
    SafeguardingCase.objects.filter(voice=held).update(status="no_concern")
    assert "kiwiheld" in listed(client, "q=kiwi")  # cleared by the lead: it may be quoted


def test_each_row_shows_its_themes_and_date(client, officer, make_voice):
    make_voice("The taxi never turns up kiwirow", consent_to_quote=True)
    html = listed(client, "q=kiwirow")
    assert "Transport and getting around" in html
    assert f"{timezone.now():%-d %b %Y}" in html


def test_filters_by_theme_audience_outcome_and_date(client, officer, make_voice):
    outcome = OutcomePage.objects.first()
    old = timezone.now() - timedelta(days=400)
    make_voice("The taxi never turns up kiwitaxi", consent_to_quote=True, outcome=outcome)
    make_voice("My tablet helps me talk kiwiparent", consent_to_quote=True,
               audience=Voice.Audience.PARENT_CARER, said_at=old)  # fmt: skip
    transport = Theme.objects.get(key="transport")
    assert "kiwitaxi" in listed(client, f"q=kiwi&theme={transport.pk}")
    assert "kiwiparent" not in listed(client, f"q=kiwi&theme={transport.pk}")
    assert "kiwitaxi" not in listed(client, "q=kiwi&audience=parent_carer")
    assert "kiwiparent" in listed(client, "q=kiwi&audience=parent_carer")
    assert "kiwiparent" not in listed(client, f"q=kiwi&outcome={outcome.pk}")
    assert "kiwitaxi" in listed(client, f"q=kiwi&outcome={outcome.pk}")
    since = (timezone.now() - timedelta(days=30)).date().isoformat()
    assert "kiwiparent" not in listed(client, f"q=kiwi&said_from={since}")
    assert "kiwiparent" in listed(client, f"q=kiwi&said_to={since}")
    assert "kiwitaxi" not in listed(client, f"q=kiwi&said_to={since}")


def test_one_council_at_a_time_the_sites_own_by_default(client, officer, make_voice):
    own = site_framework()
    other = OutcomesFrameworkPage.objects.exclude(pk=own.pk).first()
    mine, theirs = (OutcomePage.objects.child_of(f).first() for f in (own, other))
    make_voice("The taxi never turns up kiwiown", consent_to_quote=True, outcome=mine)
    make_voice("The taxi never turns up kiwiother", consent_to_quote=True, outcome=theirs)
    html = client.get(RESULTS + "?q=kiwi").content.decode()
    assert "kiwiown" in html and "kiwiother" not in html
    assert "kiwiother" in listed(client, "q=kiwi")
    assert "kiwiother" in client.get(f"{RESULTS}?q=kiwi&council={other.pk}").content.decode()
