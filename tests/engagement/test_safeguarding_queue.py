"""Only safeguarding leads reach the queue, and they record what was done."""

import pytest
from django.utils import timezone

from engagement.models import SafeguardingCase, Voice
from engagement.roles import COMMISSIONER, FACILITATOR, OFFICER, SAFEGUARDING_LEAD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    voice = Voice.objects.create(
        text="I am scared to go home",
        channel=Voice.Channel.SURVEY,
        audience=Voice.Audience.YOUNG_PERSON,
        said_at=timezone.now(),
        safeguarding_flag=True,
        safeguarding_reasons=["fear of going home: scared to go home"],
        analysed_text="I am scared to go home",
        analysed_at=timezone.now(),
    )
    return SafeguardingCase.objects.create(voice=voice)


def test_a_lead_sees_the_case_and_records_what_was_done(client, case):
    lead = UserFactory(roles=[SAFEGUARDING_LEAD])
    client.force_login(lead)
    assert "Case " in client.get("/safeguarding/").content.decode()
    page = client.get(f"/safeguarding/{case.pk}/").content.decode()
    assert "I am scared to go home" in page
    client.post(f"/safeguarding/{case.pk}/", {"status": "referred", "notes": "Told the DSL"})
    case.refresh_from_db()
    assert (case.status, case.notes, case.updated_by) == ("referred", "Told the DSL", lead)


@pytest.mark.parametrize("role", [OFFICER, COMMISSIONER, FACILITATOR])
def test_nobody_else_reaches_the_queue(client, case, role):
    client.force_login(UserFactory(roles=[role]))
    assert client.get("/safeguarding/").status_code == 403
    assert client.get(f"/safeguarding/{case.pk}/").status_code == 403


def test_a_flagged_comment_is_hidden_until_a_lead_clears_it(case):
    visible = Voice.objects.all()
    assert case.voice not in visible
    case.status = SafeguardingCase.Status.REFERRED
    case.save()
    assert case.voice not in Voice.objects.all()
    case.status = SafeguardingCase.Status.NO_CONCERN
    case.save()
    assert case.voice in Voice.objects.all()
