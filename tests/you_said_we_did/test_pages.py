"""The pages: evidence counted live and rounded, quotes only from quotable comments, the
golden thread from outcomes and the home page, filters and the feed."""

import pytest
from django.core.exceptions import ValidationError

from engagement.disclosure import COMMENTS, FEWER_THAN, Records, publish
from engagement.models import SafeguardingCase, Theme, Voice
from engagement.themes import carrying
from surveys.models import SurveyPage
from tests.surveys.conftest import Respondent
from you_said_we_did.evidence import evidence_for, quotes_for
from you_said_we_did.models import ChosenQuote

pytestmark = pytest.mark.django_db

TRANSPORT = "The taxi to school is late every single day"


@pytest.fixture
def lunches():
    """A theme no demo comment carries, so the counts below are exactly the test's own."""
    return Theme.objects.create(key="lunches", name="School lunches", keywords="lunch")


def published(voices) -> str:
    return str(publish(COMMENTS, Records.of(voices.values_list("pk", flat=True))))


def comments_about_lunch(themed_comment, young: int, parents: int) -> None:
    for _ in range(young):
        themed_comment("The school lunch is cold")
    for _ in range(parents):
        themed_comment("The school lunch is too small", audience="parent_carer")


def test_evidence_counts_comments_in_the_themes_by_audience(make_change, themed_comment, lunches):
    comments_about_lunch(themed_comment, young=7, parents=5)
    themed_comment("The school lunch is cold, ring me")
    themed_comment("lunch is ok", channel="focus_group", audience="professional")
    evidence = evidence_for(make_change(themes=["lunches"]))
    about_lunch = carrying(lunches, Voice.objects.all())
    assert about_lunch.count() == 14
    assert evidence["total"] == published(about_lunch)  # rounded from its own 14 comments
    assert evidence["by_audience"] == [
        ("Young person", published(about_lunch.filter(audience="young_person"))),  # 8
        ("Parent carer", published(about_lunch.filter(audience="parent_carer"))),  # 5
        ("Professional", published(about_lunch.filter(audience="professional"))),  # 1
    ]


def test_small_counts_are_suppressed_and_protected_on_the_page(
    client, make_change, themed_comment, lunches
):
    comments_about_lunch(themed_comment, young=6, parents=2)
    page = make_change(themes=["lunches"], slug="lunches")
    young = published(carrying(lunches, Voice.objects.filter(audience="young_person")))
    parents = published(carrying(lunches, Voice.objects.filter(audience="parent_carer")))
    assert young in ("5", "10", "15") and parents in (FEWER_THAN, "5")  # 6 and 2
    assert evidence_for(page)["by_audience"] == [
        ("Young person", young),
        ("Parent carer", parents),  # 2: "fewer than 5" or 5, like none or 7
        ("Professional", FEWER_THAN),  # none
    ]
    html = client.get(page.url).content.decode()
    assert f"<td>{young}</td>" in html and f"<td>{parents}</td>" in html
    assert "<td>6</td>" not in html and "<td>2</td>" not in html and "<td>0</td>" not in html
    assert "We told fewer than 5 people" in html
    assert "rounded to a multiple of 5" in html


def test_a_comment_with_the_safeguarding_lead_is_not_counted(make_change, themed_comment, lunches):
    comments_about_lunch(themed_comment, young=5, parents=0)
    themed_comment("I'm scared to go home after lunch")
    shown = evidence_for(make_change(themes=["lunches"]))["total"]
    assert carrying(lunches, Voice.objects.all()).count() == 5  # the disclosure is left out
    assert shown == published(carrying(lunches, Voice.objects.all()))


def test_only_quotable_comments_can_be_chosen(make_change, themed_comment):
    page = make_change()
    no_consent = themed_comment(TRANSPORT, consent_to_quote=False)
    with pytest.raises(ValidationError, match="cannot be quoted"):
        ChosenQuote(page=page, voice=no_consent).full_clean()
    disclosure = themed_comment("I'm scared to go home on the bus", consent_to_quote=True)
    assert disclosure.safeguarding_flag
    with pytest.raises(ValidationError, match="cannot be quoted"):
        ChosenQuote(page=page, voice=disclosure).full_clean()
    quotable = themed_comment("The bus is late, ring Mrs Khan", consent_to_quote=True)
    ChosenQuote(page=page, voice=quotable).full_clean()


def test_a_quote_disappears_when_it_stops_being_quotable(client, make_change, themed_comment):
    voice = themed_comment("The bus is late, ring Mrs Khan on 07700 900123", consent_to_quote=True)
    page = make_change(slug="quoted")
    page.quotes = [ChosenQuote(voice=voice)]
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "The bus is late, ring [name] on [phone]" in html
    assert "07700" not in html and "Khan" not in html

    Voice.objects.filter(pk=voice.pk).update(safeguarding_flag=True)
    SafeguardingCase.objects.create(voice=voice)
    assert quotes_for(page) == []
    assert "The bus is late" not in client.get(page.url).content.decode()


def test_the_golden_thread_links_outcomes_and_changes(client, make_change):
    outcome = "I am active and involved"
    page = make_change(outcomes=[outcome], slug="threaded")
    outcome_page = page.outcomes.get()
    assert page.url in client.get(outcome_page.url).content.decode()
    assert outcome_page.url in client.get(page.url).content.decode()
    assert page.url in client.get("/").content.decode()  # the home page shows the latest


def test_the_index_filters_by_status_and_has_a_feed(client, make_change, index):
    make_change(slug="done-one", title="Done one", status="done")
    make_change(slug="heard-one", title="Heard one", status="heard")
    html = client.get(index.url + "?status=done").content.decode()
    assert "Done one" in html and "Heard one" not in html
    feed = client.get(index.url + "feed/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert b"Done one" in feed.content and b"Heard one" in feed.content


def test_the_survey_confirmation_links_to_you_said_we_did(client, index):
    respondent = Respondent(client, SurveyPage.objects.get(slug="pupil-voice-annual-review"))
    respondent.start()
    respondent.answer_all("Yes")
    client.post(respondent.url("check"), {"email": ""})
    done = client.get(respondent.url("done")).content.decode()
    assert f'href="{index.url}"' in done
