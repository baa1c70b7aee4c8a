"""Safeguarding cases: opened by the analysis, kept in step with their comment, and kept when the
comment goes (erasure, "Delete my answers", a deleted contribution, retention).

A case is the safeguarding lead's record, not the respondent's data to erase: the law asks
councils to keep safeguarding records, and the privacy notice and the erasure pages say so.
"""

from collections.abc import Iterable

from django.utils import timezone

from .models import CaseEvent, SafeguardingCase, SafeguardingTier, Voice


def open_cases(voices: list[Voice]) -> list[SafeguardingCase]:
    """A case for each of these newly flagged comments, with the lead's copy of them and the
    first line of its history: its tier and why it was flagged."""
    cases = [SafeguardingCase.objects.create(voice=voice) for voice in voices]
    for case in cases:
        CaseEvent.objects.create(
            case=case,
            at=case.created_at,
            kind=CaseEvent.Kind.OPENED,
            by_name="The safeguarding check",
            detail=f"{case.get_tier_display()}: {'; '.join(case.reasons)}",
        )
    return cases


def keep_in_step(voices: Iterable[Voice]) -> list[SafeguardingCase]:
    """A case adds its comment's latest words and reasons; the words flagged stay. A "please
    check" case whose comment now reads as urgent is raised to urgent, due from now: the
    cases returned, whose leads must be emailed at once."""
    raised = []
    for case in SafeguardingCase.objects.filter(voice__in=voices).select_related("voice"):
        if case.add_later_words(case.voice.text, list(case.voice.safeguarding_reasons)):
            case.save(update_fields=["later_words", "reasons", "updated_at"])
            CaseEvent.objects.create(
                case=case, kind=CaseEvent.Kind.WORDS_CHANGED, by_name="Whoever held the answers"
            )
        if case.tier == SafeguardingTier.CHECK and (
            case.voice.safeguarding_tier == SafeguardingTier.URGENT
        ):
            case.tier, case.notified_at = SafeguardingTier.URGENT, None
            case.due_at = case.due_for(case.tier, timezone.now())
            case.save(update_fields=["tier", "notified_at", "due_at", "updated_at"])
            CaseEvent.objects.create(
                case=case, kind=CaseEvent.Kind.TIER_RAISED, by_name="The safeguarding check"
            )
            raised.append(case)
    return raised


def keep_when_erased(voice: Voice) -> None:
    """The comment is going: the case keeps its last words and, if they left one, the address
    they gave to hear back (the one way left to reach them)."""
    case = SafeguardingCase.objects.filter(voice=voice).first()
    if case is None:
        return
    case.add_later_words(voice.text, [])
    hear_back = None
    answer = voice.survey_answer
    if answer and case.status != SafeguardingCase.Status.NO_CONCERN:
        hear_back = getattr(answer.response, "hear_back", None)
    case.contact_email = hear_back.email if hear_back else case.contact_email
    case.source_erased_at = timezone.now()
    case.save(update_fields=["later_words", "contact_email", "source_erased_at", "updated_at"])


def take(case: SafeguardingCase, lead) -> None:
    """The lead makes the case theirs."""
    _set_owner(case, lead, lead, CaseEvent.Kind.TAKEN)


def reassign(case: SafeguardingCase, lead, to) -> None:
    _set_owner(case, lead, to, CaseEvent.Kind.REASSIGNED)


def _set_owner(case: SafeguardingCase, lead, to, kind: str) -> None:
    case.owner, case.updated_by = to, lead
    case.save(update_fields=["owner", "updated_by", "updated_at"])
    CaseEvent.objects.create(case=case, by=lead, kind=kind, detail=f"Owner: {to}")


def decide(case: SafeguardingCase, lead, status: str, note: str) -> None:
    """A decision with its note (a status kept as it is, with a note, is one too)."""
    case.status, case.notes, case.updated_by = status, note, lead
    case.save(update_fields=["status", "notes", "updated_by", "updated_at"])
    detail = f"{case.get_status_display()}: {note}"
    CaseEvent.objects.create(case=case, by=lead, kind=CaseEvent.Kind.DECIDED, detail=detail)


def as_record(case: SafeguardingCase) -> dict:
    """The whole case, for the council's case system: what was flagged, where it came from,
    what was done and by whom. It carries the words: only a lead may export it."""
    return {
        "case": case.pk,
        "tier": case.get_tier_display(),
        "status": case.get_status_display(),
        "flagged_at": case.created_at.isoformat(),
        "due_at": case.due_at.isoformat() if case.due_at else None,
        "owner": str(case.owner) if case.owner else None,
        "words_as_flagged": case.text,
        "words_changed_later": case.later_words,
        "why_flagged": case.reasons,
        "question_or_prompt": case.prompt,
        "where": case.source,
        "channel": case.get_channel_display(),
        "audience": case.get_audience_display(),
        "said_at": case.said_at.isoformat() if case.said_at else None,
        "source_erased_at": case.source_erased_at.isoformat() if case.source_erased_at else None,
        "contact_email": case.contact_email or _hear_back_email(case),
        "latest_note": case.notes,
        "history": [
            {"at": event.at.isoformat(), "by": event.by_name, "what": event.get_kind_display(),
             "detail": event.detail}
            for event in case.events.all()
        ],
    }  # fmt: skip


def _hear_back_email(case: SafeguardingCase) -> str:
    voice = case.voice
    answer = voice.survey_answer if voice else None
    if answer is None:
        return ""
    hear_back = getattr(answer.response, "hear_back", None)
    return hear_back.email if hear_back else ""


def note_copy_made(case: SafeguardingCase, lead, kind: str) -> None:
    """An export or a printable copy leaves the site: the case's history says who made it."""
    CaseEvent.objects.create(case=case, by=lead, kind=kind)
