"""Two tiers: urgent cases are emailed at once and due the same working day; "please check"
cases wait for one daily email and are due in three working days. Emails never carry the words."""

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest
from django.utils import timezone

import engagement.analysis
from engagement.cases import keep_in_step
from engagement.checking import send_daily_digest
from engagement.models import CaseEvent, SafeguardingCase, SafeguardingTier, Voice
from engagement.roles import SAFEGUARDING_LEAD
from engagement.working_days import LONDON, check_due, urgent_due
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
DISCLOSURE = "he hits me when mum is at work and i am scared to go home"
WORRY = "i dont like going home much"


def london(*parts) -> datetime:
    return datetime(*parts, tzinfo=LONDON)


# 2026-12-07 is a Monday.
@pytest.mark.parametrize(
    ("flagged", "due"),
    [
        (london(2026, 12, 7, 10, 0), london(2026, 12, 7, 17, 0)),  # same working day
        (london(2026, 12, 7, 7, 30), london(2026, 12, 7, 17, 0)),  # before the day starts
        (london(2026, 12, 7, 16, 30), london(2026, 12, 8, 12, 0)),  # late: next day, noon
        (london(2026, 12, 7, 22, 0), london(2026, 12, 8, 12, 0)),  # evening
        (london(2026, 12, 11, 16, 5), london(2026, 12, 14, 12, 0)),  # Friday late: Monday
        (london(2026, 12, 12, 11, 0), london(2026, 12, 14, 12, 0)),  # Saturday: Monday
        # British Summer Time: 15:30 UTC is 16:30 in London, late in the day.
        (datetime(2026, 6, 1, 15, 30, tzinfo=UTC), london(2026, 6, 2, 12, 0)),
        # Bank holidays: Christmas Eve afternoon, Thursday, is due after Christmas Day and
        # Boxing Day (observed on Monday 28th); Easter Monday 2027 waits for Tuesday.
        (london(2026, 12, 24, 16, 30), london(2026, 12, 29, 12, 0)),
        (london(2027, 3, 29, 10, 0), london(2027, 3, 30, 12, 0)),
    ],
)
def test_urgent_is_due_the_same_working_day(flagged, due):
    assert urgent_due(flagged) == due


@pytest.mark.parametrize(
    ("flagged", "due"),
    [
        (london(2026, 12, 7, 10, 0), london(2026, 12, 10, 17, 0)),  # Monday: Thursday
        (london(2026, 12, 10, 9, 0), london(2026, 12, 15, 17, 0)),  # Thursday: Tuesday
        (london(2026, 12, 12, 9, 0), london(2026, 12, 16, 17, 0)),  # Saturday: Wednesday
        # Over Christmas: the 25th and the 28th (Boxing Day observed) are not working days.
        (london(2026, 12, 23, 9, 0), london(2026, 12, 30, 17, 0)),
        (london(2026, 4, 2, 9, 0), london(2026, 4, 9, 17, 0)),  # over Easter 2026
    ],
)
def test_please_check_is_due_in_three_working_days(flagged, due):
    assert check_due(flagged) == due


@pytest.fixture
def tiered_analysis(monkeypatch):
    """The analysis, with the tier the detector gives: "check" for WORRY, else "urgent"."""
    analyse = engagement.analysis.analyse

    def with_tiers(frame, **kwargs) -> pd.DataFrame:
        results = analyse(frame, **kwargs)
        worry = results["text"] == WORRY
        results.loc[worry, "safeguarding"] = True
        results.loc[worry, "safeguarding_reasons"] = pd.Series(
            [["fear of going home (close to examples)"]] * int(worry.sum()),
            index=results.index[worry],
            dtype=object,
        )
        results["safeguarding_tier"] = [
            ("check" if text == WORRY else "urgent") if flagged else ""
            for text, flagged in zip(results["text"], results["safeguarding"], strict=True)
        ]
        return results

    monkeypatch.setattr(engagement.analysis, "analyse", with_tiers)


@pytest.fixture
def lead(no_open_demo_cases):
    return UserFactory(roles=[SAFEGUARDING_LEAD], email="lead@council.example")


def test_urgent_is_emailed_at_once_and_please_check_is_not(
    make_voice, tiered_analysis, lead, mailoutbox
):
    urgent = make_voice(DISCLOSURE)
    assert SafeguardingCase.objects.get(voice=urgent).tier == SafeguardingTier.URGENT
    assert len(mailoutbox) == 1 and mailoutbox[0].subject.startswith("Urgent")
    assert DISCLOSURE not in mailoutbox[0].body and "due by" in mailoutbox[0].body

    check = make_voice(WORRY)
    case = SafeguardingCase.objects.get(voice=check)
    assert (case.tier, case.notified_at) == (SafeguardingTier.CHECK, None)
    assert case.due_at == check_due(case.created_at)
    assert len(mailoutbox) == 1  # it waits for the daily email
    assert check not in Voice.objects.all()  # held from everyone else all the same
    first = case.events.get()
    assert first.kind == CaseEvent.Kind.OPENED and first.detail.startswith("Please check: ")


def test_a_flag_without_a_tier_from_the_analysis_is_urgent(make_voice, lead, mailoutbox):
    voice = make_voice(DISCLOSURE)
    assert voice.safeguarding_tier == SafeguardingTier.URGENT
    assert SafeguardingCase.objects.get(voice=voice).tier == SafeguardingTier.URGENT
    assert make_voice("The bus is late").safeguarding_tier == ""


def test_a_please_check_case_whose_words_turn_urgent_is_raised_and_emailed(
    make_voice, tiered_analysis, lead, mailoutbox, django_capture_on_commit_callbacks
):
    voice = make_voice(WORRY)
    case = SafeguardingCase.objects.get(voice=voice)
    with django_capture_on_commit_callbacks(execute=True):
        voice.text = DISCLOSURE
        voice.save()
    case.refresh_from_db()
    assert case.tier == SafeguardingTier.URGENT
    assert case.due_at <= urgent_due(timezone.now())
    assert [e.kind for e in case.events.all()] == ["opened", "words_changed", "tier_raised"]
    assert len(mailoutbox) == 1 and DISCLOSURE not in mailoutbox[0].body
    assert keep_in_step([voice]) == []  # raised once


def open_case(text: str, tier: str, at: datetime) -> SafeguardingCase:
    voice = Voice.objects.create(
        text=text, channel="survey", audience="young_person", said_at=at,
        safeguarding_flag=True, safeguarding_tier=tier, safeguarding_reasons=[f"why: {text}"],
        analysed_text=text, analysed_at=at,
    )  # fmt: skip
    case = SafeguardingCase.objects.create(voice=voice)
    SafeguardingCase.objects.filter(pk=case.pk).update(created_at=at)
    return case


MONDAY_8_30 = london(2026, 12, 7, 8, 30)


def test_one_daily_email_lists_each_please_check_case_once(lead, mailoutbox):
    sunday = london(2026, 12, 6, 20, 0)
    first, second = (open_case(f"worry {n}", "check", sunday) for n in (1, 2))
    urgent = open_case("urgent words", "urgent", sunday)
    assert send_daily_digest(london(2026, 12, 7, 7, 59)) == 0  # before 08:00
    assert send_daily_digest(MONDAY_8_30) == 2
    [email] = mailoutbox
    assert email.to == ["lead@council.example"]
    assert all(f"/safeguarding/{case.pk}/" in email.body for case in (first, second))
    assert f"/safeguarding/{urgent.pk}/" not in email.body
    assert "worry" not in email.body and "why:" not in email.body  # no words, no reasons

    later = open_case("worry 3", "check", london(2026, 12, 7, 10, 0))
    assert send_daily_digest(london(2026, 12, 7, 11, 0)) == 0  # one email a day
    assert send_daily_digest(london(2026, 12, 8, 8, 5)) == 1  # next day: the new one alone
    assert f"/safeguarding/{later.pk}/" in mailoutbox[-1].body
    assert f"/safeguarding/{first.pk}/" not in mailoutbox[-1].body
    assert send_daily_digest(london(2026, 12, 9, 8, 5)) == 0  # nothing new: no email
    assert len(mailoutbox) == 2


def test_no_daily_email_at_the_weekend_or_for_decided_cases(lead, mailoutbox):
    case = open_case("worry", "check", london(2026, 12, 11, 18, 0))
    assert send_daily_digest(london(2026, 12, 12, 9, 0)) == 0  # Saturday
    SafeguardingCase.objects.filter(pk=case.pk).update(status="referred")
    assert send_daily_digest(london(2026, 12, 14, 9, 0)) == 0  # decided before Monday's
    assert not mailoutbox


def test_a_daily_email_that_fails_is_sent_by_the_next_sweep(lead, mailoutbox, monkeypatch):
    case = open_case("worry", "check", london(2026, 12, 6, 20, 0))
    with monkeypatch.context() as patch:
        patch.setattr(
            "engagement.checking.send_mail",
            lambda **kwargs: (_ for _ in ()).throw(OSError("mail server down")),
        )
        with pytest.raises(OSError):
            send_daily_digest(MONDAY_8_30)
    case.refresh_from_db()
    assert case.notified_at is None  # not marked: it was not sent
    assert send_daily_digest(MONDAY_8_30 + timedelta(minutes=5)) == 1
