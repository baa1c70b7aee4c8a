"""Focus groups: sessions, live capture, permissions and the pool of comments."""

import datetime
import uuid

import pytest

from engagement.models import Voice
from engagement.roles import COMMISSIONER, FACILITATOR, OFFICER, YOUNG_AMBASSADOR
from outcomes_cms.models import OutcomePage
from surveys.models import Contribution, FocusGroupSession
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator():
    return UserFactory(roles=[FACILITATOR])


@pytest.fixture
def session(facilitator):
    session = FocusGroupSession.objects.create(
        title="Year 9 SEND group",
        held_on=datetime.date(2026, 11, 12),
        setting_type="mainstream_school",
        young_people_count=9,
        consent="verbal",
    )
    session.facilitators.add(facilitator)
    return session


def add(client, session, **data):
    fields = {"kind": "quote", "speaker_type": "young_person", "client_key": str(uuid.uuid4())}
    return client.post(f"/focus-groups/{session.pk}/contributions/", {**fields, **data})


def test_facilitator_starts_a_session_and_is_its_facilitator(client, facilitator):
    client.force_login(facilitator)
    response = client.post(
        "/focus-groups/new/",
        {
            "title": "College group",
            "held_on": "2026-11-20",
            "setting_type": "college",
            "young_people_count": "7",
            "parent_carer_count": "0",
            "professional_count": "1",
            "consent": "written",
            "adjustments": ["symbols", "makaton"],
        },
    )
    session = FocusGroupSession.objects.get(title="College group")
    assert response["Location"] == f"/focus-groups/{session.pk}/"
    assert list(session.facilitators.all()) == [facilitator]
    assert session.adjustment_labels() == ["Symbols", "Makaton"]


def test_a_bad_session_form_says_what_to_change_and_keeps_what_was_typed(client, facilitator):
    client.force_login(facilitator)
    response = client.post("/focus-groups/new/", {"title": "Kept title", "held_on": "31/02/2026"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter a real date" in html and "Choose the kind of setting" in html
    assert 'value="Kept title"' in html


def test_contributions_join_the_pool_with_audience_and_outcome(client, facilitator, session):
    outcome = OutcomePage.objects.get(title="I am active and involved")
    prompt = session.prompts.create(text="What do you do after school?", outcome=outcome)
    client.force_login(facilitator)
    add(client, session, text="I go to swimming club", prompt=prompt.pk, may_publish="on")
    add(client, session, text="Mum says there is nothing near us", speaker_type="parent_carer")
    add(client, session, kind="tally", text="go to a club", tally_count="7", tally_of="9")

    voices = Voice.including_withheld.filter(contribution__session=session).order_by("pk")
    assert [(v.text, v.audience, v.outcome_id, v.consent_to_quote) for v in voices] == [
        ("I go to swimming club", "young_person", outcome.pk, True),
        ("Mum says there is nothing near us", "parent_carer", None, False),
        ("go to a club", "young_person", None, False),  # a tally's words are checked too
    ]


def test_a_retried_save_stores_once(client, facilitator, session):
    client.force_login(facilitator)
    key = str(uuid.uuid4())
    for _ in range(3):  # the connection dropped after the server saved: the screen retries
        add(client, session, text="Same words", client_key=key)
    assert session.contributions.count() == 1
    assert Voice.including_withheld.filter(contribution__session=session).count() == 1
    json_response = client.post(
        f"/focus-groups/{session.pk}/contributions/",
        {"kind": "quote", "speaker_type": "young_person", "text": "Same words", "client_key": key},
        HTTP_ACCEPT="application/json",
    )
    assert json_response.json()["ok"] and session.contributions.count() == 1


def test_an_empty_contribution_is_refused_with_a_message(client, facilitator, session):
    client.force_login(facilitator)
    response = add(client, session, text="   ")
    assert response.status_code == 400
    assert "Write what was said" in response.content.decode()
    assert not session.contributions.exists()


def test_editing_and_deleting_keep_the_pool_in_step(
    client, facilitator, session, django_capture_on_commit_callbacks
):
    client.force_login(facilitator)
    with django_capture_on_commit_callbacks(execute=True):  # checked, so it may be edited
        add(client, session, text="First version")
    contribution = session.contributions.get()
    url = f"/focus-groups/{session.pk}/contributions/{contribution.pk}/"
    assert "First version" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        edit = {"kind": "quote", "speaker_type": "young_person", "text": "Second version"}
        client.post(url, edit)
    assert Voice.including_withheld.get(contribution=contribution).text == "Second version"
    client.post(url, {"delete": "1"})
    assert not Contribution.objects.filter(pk=contribution.pk).exists()
    assert not Voice.including_withheld.filter(contribution_id=contribution.pk).exists()


def test_facilitators_reach_only_their_own_sessions(client, session):
    other = UserFactory(roles=[FACILITATOR])
    client.force_login(other)
    assert session.title not in client.get("/focus-groups/").content.decode()
    assert client.get(f"/focus-groups/{session.pk}/").status_code == 404
    assert add(client, session, text="Not mine").status_code == 404


def test_officers_see_every_session(client, session):
    client.force_login(UserFactory(roles=[OFFICER]))
    assert session.title in client.get("/focus-groups/").content.decode()
    assert client.get(f"/focus-groups/{session.pk}/").status_code == 200


@pytest.mark.parametrize("role", [COMMISSIONER, YOUNG_AMBASSADOR])
def test_commissioners_and_ambassadors_cannot_edit(client, session, role):
    client.force_login(UserFactory(roles=[role]))
    assert client.get("/focus-groups/").status_code == 403
    assert add(client, session, text="Not allowed").status_code == 403
    assert not session.contributions.exists()
