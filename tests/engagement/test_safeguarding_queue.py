"""Only safeguarding leads reach the queue, and they record what was done."""

import re
from datetime import timedelta

import pytest
from django.db.models import ProtectedError
from django.urls import get_resolver, reverse
from django.utils import timezone

from engagement.models import AuditEvent, CaseEvent, SafeguardingCase, Voice
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


def flagged(text: str, tier: str = "urgent", prompt: str = "How is school?", ago=timedelta(0)):
    now = timezone.now() - ago
    voice = Voice.objects.create(
        text=text, channel=Voice.Channel.SURVEY, audience=Voice.Audience.YOUNG_PERSON,
        said_at=now, safeguarding_flag=True, safeguarding_tier=tier, prompt=prompt,
        safeguarding_reasons=[f"flagged: {text}"], analysed_text=text, analysed_at=now,
    )  # fmt: skip
    case = SafeguardingCase.objects.create(voice=voice)
    due = SafeguardingCase.due_for(tier, now)
    SafeguardingCase.objects.filter(pk=case.pk).update(created_at=now, due_at=due)
    return case


@pytest.fixture
def lead(client, no_open_demo_cases):
    lead = UserFactory(roles=[SAFEGUARDING_LEAD], first_name="Lee", last_name="Lead")
    client.force_login(lead)
    return lead


def test_the_queue_is_a_table_urgent_first_then_oldest(client, lead):
    check_old = flagged("check, oldest", tier="check", ago=timedelta(days=9))
    urgent_new = flagged("urgent, newest", ago=timedelta(minutes=5), prompt="Anything else?")
    urgent_old = flagged("urgent, older", ago=timedelta(days=2))
    page = client.get("/safeguarding/").content.decode()
    order = [page.index(f">Case {case.pk}<") for case in (urgent_old, urgent_new, check_old)]
    assert order == sorted(order)
    assert "<caption>Open cases, urgent first, then the longest waiting (3)</caption>" in page
    for header in ["Tier", "Flagged", "Due", "Owner", "Question or prompt", "Where", "Why"]:
        assert f'<th scope="col">{header}' in page
    assert "Anything else?" in page and "flagged: urgent, newest" in page
    assert "Please check" in page and "Nobody yet" in page
    assert page.count(">Overdue<") == 2  # two days and nine days old: past due
    assert "check, oldest" not in page.replace("flagged: check, oldest", "")  # never the words


def test_a_long_queue_comes_in_pages_the_most_urgent_first(client, lead, monkeypatch):
    monkeypatch.setattr("engagement.safeguarding.QUEUE_PAGE_SIZE", 2)
    waiting = flagged("check, waiting", tier="check", ago=timedelta(days=1))
    urgent = [flagged(f"urgent {n}", ago=timedelta(hours=n)) for n in (3, 2)]
    first = client.get("/safeguarding/").content.decode()
    assert all(f">Case {case.pk}<" in first for case in urgent)
    assert f">Case {waiting.pk}<" not in first
    assert "(3; page 1 of 2)</caption>" in first
    assert '<nav aria-label="Pages of cases" class="pagination">' in first
    assert 'href="?status=new&amp;page=2">Next cases</a>' in first
    second = client.get("/safeguarding/?status=new&page=2").content.decode()
    assert f">Case {waiting.pk}<" in second and "Previous cases (more urgent)" in second
    # A page number past the end (the queue emptied meanwhile) shows the last page, not a 404.
    assert f">Case {waiting.pk}<" in client.get("/safeguarding/?page=9").content.decode()


def test_a_lead_takes_a_case_and_reassigns_it_with_history(client, lead):
    case = flagged("I am scared to go home")
    other = UserFactory(roles=[SAFEGUARDING_LEAD], first_name="Ola", last_name="Other")
    client.post(f"/safeguarding/{case.pk}/owner/", {"take": "1"})
    case.refresh_from_db()
    assert case.owner == lead
    response = client.post(f"/safeguarding/{case.pk}/owner/", {"owner": other.pk})
    assert response["Location"] == f"/safeguarding/{case.pk}/"
    case.refresh_from_db()
    assert case.owner == other
    page = client.get(f"/safeguarding/{case.pk}/").content.decode()
    assert "Taken" in page and "Reassigned" in page and "Owner: Ola Other" in page
    assert [(e.kind, e.by) for e in case.events.all()] == [("taken", lead), ("reassigned", lead)]


def test_a_case_is_given_only_to_a_lead(client, lead):
    case = flagged("I am scared to go home")
    officer = UserFactory(roles=[OFFICER])
    response = client.post(f"/safeguarding/{case.pk}/owner/", {"owner": officer.pk})
    assert response.status_code == 400
    page = response.content.decode()
    assert '<a href="#id_owner">Choose a safeguarding lead from the list</a>' in page
    case.refresh_from_db()
    assert case.owner is None and not case.events.exists()


def test_every_decision_needs_a_note_and_what_was_typed_is_kept(client, lead):
    case = flagged("I am scared to go home")
    response = client.post(f"/safeguarding/{case.pk}/", {"status": "referred", "notes": " "})
    assert response.status_code == 400
    page = response.content.decode()
    assert "<title>Error: " in page
    assert '<a href="#id_notes">Write a note saying what you did or decided, and why</a>' in page
    assert re.search(r'<input[^>]*value="referred"[^>]*checked', page)  # the choice kept
    response = client.post(f"/safeguarding/{case.pk}/", {"notes": "Rang the school"})
    page = response.content.decode()
    assert '<a href="#id_status_0">Select what was done</a>' in page
    assert "Rang the school</textarea>" in page
    case.refresh_from_db()
    assert case.status == "new" and not case.events.exists()


def test_no_concern_is_confirmed_in_a_second_step(client, lead):
    case = flagged("I am scared to go home")
    note = "Spoke to the family: it was about a film"
    step = client.post(f"/safeguarding/{case.pk}/", {"status": "no_concern", "notes": note})
    page = step.content.decode()
    assert step.status_code == 200 and "Are you sure there is no concern?" in page
    assert "join reports" in page and f'name="notes" value="{note}"' in page
    case.refresh_from_db()
    assert case.status == "new" and case.voice not in Voice.objects.all()

    back = client.post(
        f"/safeguarding/{case.pk}/", {"status": "no_concern", "notes": note, "confirm": "no"}
    )
    assert f"{note}</textarea>" in back.content.decode()
    case.refresh_from_db()
    assert case.status == "new"

    client.post(
        f"/safeguarding/{case.pk}/", {"status": "no_concern", "notes": note, "confirm": "yes"}
    )
    case.refresh_from_db()
    assert case.status == "no_concern" and case.voice in Voice.objects.all()
    [decision] = case.events.all()
    assert (decision.kind, decision.detail, decision.by) == ("decided", f"No concern: {note}", lead)


def test_a_case_is_printed_and_exported_with_its_history(client, lead):
    case = flagged("I am scared to go home")
    client.post(f"/safeguarding/{case.pk}/", {"status": "referred", "notes": "Told the DSL"})
    printable = client.get(f"/safeguarding/{case.pk}/print/").content.decode()
    assert "I am scared to go home" in printable and "Told the DSL" in printable
    assert "<form" not in printable.split('id="main-content"')[1]
    export = client.get(f"/safeguarding/{case.pk}/export/")
    assert export["Content-Disposition"] == (
        f'attachment; filename="safeguarding-case-{case.pk}.json"'
    )
    record = export.json()
    assert record["words_as_flagged"] == "I am scared to go home"
    assert (record["status"], record["tier"], record["question_or_prompt"]) == (
        "Referred",
        "Urgent",
        "How is school?",
    )
    assert [line["what"] for line in record["history"]] == ["Decision", "Printed", "Exported"]
    assert [e.kind for e in case.events.all()] == ["decided", "printed", "exported"]
    assert AuditEvent.objects.filter(
        kind="export", user=lead, action__contains=f"safeguarding-case-{case.pk}.json"
    ).exists()


def test_a_case_history_is_never_changed_or_deleted(lead):
    case = flagged("I am scared to go home")
    event = CaseEvent.objects.create(case=case, by=lead, kind=CaseEvent.Kind.TAKEN)
    event.detail = "rewritten"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()
    with pytest.raises(ProtectedError):
        case.delete()
    assert event.by_name == "Lee Lead"


CASE_ROUTES = [name for name in get_resolver().reverse_dict if str(name).startswith("safeguarding")]


@pytest.mark.parametrize("person", [OFFICER, COMMISSIONER, FACILITATOR, "superuser"])
def test_no_one_but_a_lead_reaches_any_case_route(client, person):
    """Every safeguarding route, read or written, by every other role and by a superuser who
    is not in the role: refused, and nothing about the case changes."""
    case = flagged("I am scared to go home")
    if person == "superuser":
        client.force_login(UserFactory(is_superuser=True, is_staff=True))
    else:
        client.force_login(UserFactory(roles=[person]))
    assert len(CASE_ROUTES) == 5
    refused = 0
    for name in CASE_ROUTES:
        url = reverse(name, args=[case.pk] if name != "safeguarding_queue" else [])
        for response in (
            client.get(url),
            client.post(url, {"take": "1", "status": "no_concern", "notes": "x", "confirm": "yes"}),
        ):
            assert response.status_code in (403, 405), url  # 405: a method it never answers
            assert "scared" not in response.content.decode()
            refused += response.status_code == 403
    assert refused == 6  # each route refuses its own methods (GET, POST or both) to them
    case.refresh_from_db()
    assert (case.status, case.owner) == ("new", None) and not case.events.exists()
