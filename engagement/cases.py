"""Safeguarding cases: opened by the analysis, kept in step with their comment, and kept when the
comment goes (erasure, "Delete my answers", a deleted contribution, retention).

A case is the safeguarding lead's record, not the respondent's data to erase: the law asks
councils to keep safeguarding records, and the privacy notice and the erasure pages say so.
"""

from django.utils import timezone

from .models import SafeguardingCase, Voice


def open_cases(voices: list[Voice]) -> list[SafeguardingCase]:
    """A case for each of these newly flagged comments, with the lead's copy of them."""
    return [SafeguardingCase.objects.create(voice=voice) for voice in voices]


def keep_in_step(voices: list[Voice]) -> None:
    """A case adds its comment's latest words and reasons; the words flagged stay."""
    for case in SafeguardingCase.objects.filter(voice__in=voices).select_related("voice"):
        if case.add_later_words(case.voice.text, list(case.voice.safeguarding_reasons)):
            case.save(update_fields=["later_words", "reasons", "updated_at"])


def keep_when_erased(voice: Voice) -> None:
    """The comment is going: the case keeps its last words and, if they left one, the address
    they gave to hear back (the one way left to reach them)."""
    case = SafeguardingCase.objects.filter(voice=voice).first()
    if case is None:
        return
    case.add_later_words(voice.text, [])
    hear_back = None
    if voice.survey_answer_id and case.status != SafeguardingCase.Status.NO_CONCERN:
        hear_back = getattr(voice.survey_answer.response, "hear_back", None)
    case.contact_email = hear_back.email if hear_back else case.contact_email
    case.source_erased_at = timezone.now()
    case.save(update_fields=["later_words", "contact_email", "source_erased_at", "updated_at"])
