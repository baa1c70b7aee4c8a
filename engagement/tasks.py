"""Background work on the pool of comments, through Django's tasks framework.

analyse_voices runs the analysis package on comments and stores what it found; each comment is
written in one transaction, so a worker that dies part-way leaves none half-analysed and a rerun
picks up the rest (anything whose analysed_text differs from its text). retrain_theme_model
learns from officers' decisions. Neither ever touches a person's decision.
"""

import json
from functools import partial

import pandas as pd
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from django_tasks_db.backend import DatabaseBackend

from . import audit
from .branding import council_name
from .cases import keep_in_step, open_cases
from .checking import retry_later
from .models import (
    AuditEvent,
    CommentTheme,
    LearnedThemeModel,
    SafeguardingCase,
    SafeguardingTier,
    Theme,
    ThemeAssignment,
    Voice,
)
from .roles import SAFEGUARDING_LEAD
from .themes import current_codebook, record_machine_themes
from .working_days import when

CHUNK = 500  # comments per analysis task: big imports become many small tasks
MIN_REVIEWED_TO_LEARN = 40  # reviewed comments before a model is trained on them
RETRAIN_AFTER = 20  # newly reviewed comments that make a new model worth training

_models: dict[int, object] = {}


def current_theme_model():
    """The newest model learned from officers' decisions, or None. Parsed once per process."""
    latest = LearnedThemeModel.objects.only("pk").first()
    if latest is None:
        return None
    if latest.pk not in _models:
        from engagement.analysis.learned import ThemeModel

        _models.clear()
        _models[latest.pk] = ThemeModel.from_dict(
            LearnedThemeModel.objects.values_list("model", flat=True).get(pk=latest.pk)
        )
    return _models[latest.pk]


@task()
def analyse_voices(voice_ids: list[int], attempt: int = 1) -> int:
    """Analyse these comments; return how many were stored. A failure (say, "database is
    locked") is tried again after a back-off, then left to the sweep (engagement/checking.py),
    and still marks this task failed so that it shows."""
    try:
        return _analyse(voice_ids)
    except Exception:
        retry_later(voice_ids, attempt)
        raise


def _analyse(voice_ids: list[int]) -> int:
    from engagement.analysis import analyse

    voices = list(Voice.including_withheld.filter(pk__in=voice_ids).only("pk", "text", "prompt"))
    if not voices:
        return 0
    frame = pd.DataFrame(
        {
            "id": [voice.pk for voice in voices],
            "text": [voice.text for voice in voices],
            "prompt": [voice.prompt for voice in voices],
        }
    )
    results = analyse(
        frame,
        codebook=current_codebook(),
        theme_model=current_theme_model(),
        prompt_column="prompt",
    )
    themes = {theme.key: theme for theme in Theme.objects.filter(active=True)}
    with transaction.atomic():  # all of a chunk or none of it: nothing half-analysed
        return _store(list(results.itertuples(index=False)), themes)


ANALYSIS_FIELDS = [
    "sentiment", "polarity", "safeguarding_flag", "safeguarding_reasons", "safeguarding_tier",
    "personal_data", "personal_data_kinds", "redacted_text", "analysed_text", "analysed_at",
]  # fmt: skip


def _store(rows: list, themes: dict[str, Theme]) -> int:
    ids = [row.id for row in rows]
    current = dict(
        Voice.including_withheld.select_for_update()
        .filter(pk__in=ids)
        .order_by("pk")
        .values_list("pk", "text")
    )
    # A text edited since the task was queued is left for the task its edit queued.
    rows = [row for row in rows if current.get(row.id) == row.text]
    ids = [row.id for row in rows]
    cases = dict(
        SafeguardingCase.objects.filter(voice_id__in=ids).values_list("voice_id", "status")
    )
    now = timezone.now()
    Voice.including_withheld.bulk_update(
        [
            Voice(
                pk=row.id,
                sentiment=row.sentiment,
                polarity=row.polarity,
                # Once flagged, a comment stays with the lead until they clear it, edited or not.
                safeguarding_flag=bool(row.safeguarding)
                or cases.get(row.id, SafeguardingCase.Status.NO_CONCERN)
                != SafeguardingCase.Status.NO_CONCERN,
                safeguarding_reasons=list(row.safeguarding_reasons),
                safeguarding_tier=_tier(row),
                personal_data=bool(row.personal_data),
                personal_data_kinds=list(row.personal_data_kinds),
                redacted_text=row.redacted_text,
                analysed_text=row.text,
                analysed_at=now,
            )
            for row in rows
        ],
        ANALYSIS_FIELDS,
    )
    record_machine_themes(
        ids,
        [
            ThemeAssignment(
                voice_id=row.id,
                theme=themes[detail["key"]],
                confidence=detail["confidence"],
                source=detail["source"],
                reasons=list(detail["reasons"]),
            )
            for row in rows
            for detail in row.theme_details
            if detail["key"] in themes
        ],
    )
    flagged = Voice.including_withheld.filter(
        pk__in=[row.id for row in rows if row.safeguarding and row.id not in cases]
    ).select_related("survey_answer__response__survey", "contribution__session", "comment_import")
    raised = keep_in_step(Voice.including_withheld.filter(pk__in=list(cases)))
    for case in [*raised, *open_cases(list(flagged))]:
        if case.tier == SafeguardingTier.URGENT:  # "please check" goes in the daily email
            queue_notification(case.pk)
    return len(rows)


def _tier(row) -> str:
    if not row.safeguarding:
        return ""
    # Until the analysis gives a tier, a flag is urgent, as every flag was before tiers.
    return getattr(row, "safeguarding_tier", "") or SafeguardingTier.URGENT


def queue_notification(case_id: int) -> None:
    """Email the leads about a new case. Where the queue is the database, the task is written
    in the case's own transaction: both are stored, or neither (an enqueue that failed after
    the commit would lose the email). Where tasks run at once (dev, tests), after the commit.
    A case whose email never went is sent again by the sweep (engagement/checking.py)."""
    if isinstance(notify_safeguarding_leads.get_backend(), DatabaseBackend):
        notify_safeguarding_leads.enqueue(case_id)
    else:
        transaction.on_commit(lambda: notify_safeguarding_leads.enqueue(case_id))


@task()
def notify_safeguarding_leads(case_id: int) -> int:
    """Email every safeguarding lead at once. The email never carries the comment itself."""
    from django.contrib.auth import get_user_model

    leads = get_user_model().objects.filter(groups__name=SAFEGUARDING_LEAD, is_active=True)
    emails = sorted({lead.email for lead in leads})
    if not emails:
        return 0
    link = settings.WAGTAILADMIN_BASE_URL + reverse("safeguarding_case", args=[case_id])
    due_at = SafeguardingCase.objects.filter(pk=case_id).values_list("due_at", flat=True).first()
    due = f"It is due by {when(due_at)}.\n\n" if due_at else ""
    try:
        send_mail(
            subject="Urgent: a comment needs a safeguarding review",
            message=(
                f"A comment left on SEND voices ({council_name()}) may be a disclosure of "
                "harm or risk.\n\n"
                f"{due}Review it here (you will be asked to sign in): {link}\n\n"
                "It is kept out of every report, dashboard and public page until you mark it "
                '"no concern".'
            ),
            from_email=None,
            recipient_list=emails,
        )
    except Exception as error:
        # Sent again by the sweep (engagement/checking.py); officers see it waiting
        # (engagement/wagtail_hooks.py) and the audit log says what failed, never the words.
        audit.record(
            AuditEvent.Kind.SAFEGUARDING,
            None,
            f"Email to the safeguarding leads failed ({type(error).__name__}); "
            "it is tried again every few minutes",
            SafeguardingCase.objects.get(pk=case_id),
        )
        raise
    SafeguardingCase.objects.filter(pk=case_id).update(notified_at=timezone.now())
    return len(emails)


def queue_analysis(voice_ids: list[int]) -> None:
    """Analyse these comments after the current transaction commits, in chunks."""
    ids = list(voice_ids)
    for start in range(0, len(ids), CHUNK):
        transaction.on_commit(partial(analyse_voices.enqueue, ids[start : start + CHUNK]))


def queue_pending_analysis() -> int:
    """Queue every comment never analysed, or changed since: after an import or a crash."""
    pending = list(
        Voice.including_withheld.needing_analysis().order_by("pk").values_list("pk", flat=True)
    )
    queue_analysis(pending)
    return len(pending)


def queue_reanalysis() -> int:
    """Theme every comment again (after the codebook or the model changed)."""
    # analysed_at stays: comments stay in view with their old themes until the new ones land.
    ids = list(Voice.including_withheld.order_by("pk").values_list("pk", flat=True))
    queue_analysis(ids)
    return len(ids)


def training_data() -> tuple[list[str], list[set[str]], list[str]]:
    """Texts, theme keys and prompts of the comments officers have reviewed: the themes each
    carries now, among those the machine may still give (active ones)."""
    reviewed = Voice.objects.filter(reviewed_at__isnull=False).prefetch_related(
        Prefetch("current_themes", CommentTheme.objects.carried().select_related("theme"))
    )
    texts, labels, prompts = [], [], []
    for voice in reviewed:
        texts.append(voice.text)
        labels.append({row.theme.key for row in voice.current_themes.all() if row.theme.active})
        prompts.append(voice.prompt)
    return texts, labels, prompts


def retrain_is_due() -> bool:
    reviewed = Voice.objects.filter(reviewed_at__isnull=False).count()
    latest = LearnedThemeModel.objects.first()
    if reviewed < MIN_REVIEWED_TO_LEARN:
        return False
    return latest is None or reviewed - latest.comments >= RETRAIN_AFTER


@task()
def retrain_theme_model() -> str:
    """Learn a theme model from officers' decisions, then theme the unreviewed comments again."""
    from engagement.analysis.learned import train_theme_model

    texts, labels, prompts = training_data()
    if len(texts) < MIN_REVIEWED_TO_LEARN:
        return f"Not enough reviewed comments yet ({len(texts)} of {MIN_REVIEWED_TO_LEARN})."
    try:
        model = train_theme_model(texts, labels, prompts)
    except ValueError as problem:  # e.g. too few examples of any theme
        return str(problem)
    stored = LearnedThemeModel.objects.create(
        comments=len(texts),
        theme_keys=sorted(model.keys),
        model=json.loads(json.dumps(model.to_dict())),
    )
    ids = list(
        Voice.including_withheld.filter(reviewed_at__isnull=True).values_list("pk", flat=True)
    )
    queue_analysis(ids)
    return f"Trained on {stored.comments} comments; theming {len(ids)} comments again."
