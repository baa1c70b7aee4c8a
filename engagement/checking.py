"""Checking comments never silently stops: a failed analysis is retried with back-off, a sweep
queues any comment left unchecked, and the safeguarding leads are told when checking falls
behind (a possible disclosure waiting unchecked is in nobody's queue).

A new urgent case's email to the leads is likewise sent again if it never went, and the daily
email listing new "please check" cases goes from here too (send_daily_digest).

Until a comment is checked it is shown to nobody (Voice.objects leaves it out), so a failure
here loses no one's words and leaks none: it delays them. This module makes the delay short
and, when it is not, known.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import SafeguardingCase, SafeguardingTier, Voice
from .roles import SAFEGUARDING_LEAD
from .working_days import digest_due_since, when

# A failed chunk is tried again after each of these; after the last, the sweep takes over.
RETRY_DELAYS = [timedelta(seconds=30), timedelta(minutes=2), timedelta(minutes=10)]
SWEEP_EVERY = timedelta(minutes=5)
EMAIL_AGAIN_AFTER = timedelta(minutes=5)
ALERT_KEY = "analysis-late-alert"
ALERT_EVERY = timedelta(hours=1)  # at most one email an hour while checking is behind


def retry_later(voice_ids: list[int], attempt: int) -> bool:
    """Queue this chunk again after the back-off for this attempt; False once out of tries.

    From the second failure on, the chunk is retried in halves: a chunk is stored whole or not
    at all, so one comment the analysis cannot read would otherwise hold back the rest. It
    ends up alone, and the late-checking alert tells the leads about it."""
    from .tasks import analyse_voices

    if attempt > len(RETRY_DELAYS):
        return False
    retry = analyse_voices
    if retry.get_backend().supports_defer:
        retry = retry.using(run_after=timezone.now() + RETRY_DELAYS[attempt - 1])
    halves = [voice_ids] if attempt == 1 or len(voice_ids) == 1 else _halves(voice_ids)
    for ids in halves:
        retry.enqueue(ids, attempt + 1)
    return True


def _halves(ids: list[int]) -> list[list[int]]:
    middle = len(ids) // 2
    return [ids[:middle], ids[middle:]]


def _queued_arguments(task) -> list:
    """The first argument of each of this task's results waiting in the database queue or
    running (nothing waits where tasks run at once)."""
    waiting = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING], task_path=task.module_path
    )
    return [
        args_kwargs["args"][0]
        if args_kwargs["args"]
        else next(iter(args_kwargs["kwargs"].values()))
        for args_kwargs in waiting.values_list("args_kwargs", flat=True)
    ]


def voice_ids_queued() -> set[int]:
    """Comments that an analysis task waiting in the database queue, or running, will reach."""
    from .tasks import analyse_voices

    return {voice_id for ids in _queued_arguments(analyse_voices) for voice_id in ids}


def unchecked_since() -> datetime | None:
    """When the longest-waiting unchecked comment was written (None: none is waiting)."""
    waiting = Voice.including_withheld.needing_analysis()
    return waiting.aggregate(oldest=Min("updated_at"))["oldest"]


def checking_is_late(now: datetime | None = None) -> bool:
    oldest = unchecked_since()
    late_after = timedelta(minutes=settings.SAFEGUARDING_CHECK_LATE_MINUTES)
    return oldest is not None and oldest < (now or timezone.now()) - late_after


def sweep() -> tuple[int, bool]:
    """Queue every unchecked comment no task will reach, and every case email that never went;
    tell the leads if checking is late. Returns how many comments were queued and whether the
    leads were told."""
    from .tasks import queue_analysis

    waiting = Voice.including_withheld.needing_analysis().values_list("pk", flat=True)
    missing = sorted(set(waiting) - voice_ids_queued())
    queue_analysis(missing)
    send_missed_case_emails()
    send_daily_digest()
    told = checking_is_late() and tell_leads_checking_is_late()
    return len(missing), told


def send_missed_case_emails() -> int:
    """Queue the leads' email again for each case not emailed a few minutes after it opened
    (the email failed: the mail server was down, say), unless it is waiting in the queue."""
    from .tasks import notify_safeguarding_leads, queue_notification

    if not leads().exists():
        return 0
    missed = cases_not_emailed()
    waiting = set(_queued_arguments(notify_safeguarding_leads))
    again = [pk for pk in missed.values_list("pk", flat=True) if pk not in waiting]
    for case_id in again:
        queue_notification(case_id)
    return len(again)


def cases_not_emailed():
    """Urgent cases whose email to the leads has not gone a few minutes after they opened: the sweep
    sends them again, and officers see that one is waiting, never how many
    (engagement/email_alerts.py)."""
    opened_before = timezone.now() - EMAIL_AGAIN_AFTER
    return SafeguardingCase.objects.filter(
        tier=SafeguardingTier.URGENT, notified_at__isnull=True, created_at__lt=opened_before
    )


def send_daily_digest(now: datetime | None = None) -> int:
    """Once each working day from 08:00 London time, one email to the leads listing the open
    "please check" cases no earlier email listed; how many it listed (0: no email).

    Run by every sweep, so it goes even if the worker was down at 08:00. A case is listed in
    one email only: the cases are locked while the email goes and marked in the same
    transaction, so an email that fails marks nothing (the next sweep tries again) and a
    second sweep at the same time finds nothing left to send. Never the comment's words, nor
    why it was flagged (the reasons quote them): links to the cases and when they are due.
    """
    now = now or timezone.now()
    since = digest_due_since(now)
    checks = SafeguardingCase.objects.filter(tier=SafeguardingTier.CHECK)
    if since is None or checks.filter(notified_at__gte=since).exists():
        return 0  # not a working day yet, or today's email has gone
    emails = sorted({lead.email for lead in leads()})
    if not emails:
        return 0
    with transaction.atomic():
        pending = list(
            checks.still_open()
            .filter(notified_at__isnull=True, created_at__lte=now)
            .select_for_update()
            .in_queue_order()
        )
        if not pending:
            return 0
        base = settings.WAGTAILADMIN_BASE_URL
        lines = [
            f"- Case {case.pk}, due by {when(case.due_at)}: "
            f"{base}{reverse('safeguarding_case', args=[case.pk])}"
            for case in pending
        ]
        send_mail(
            subject=f"Please check: {len(pending)} new in the safeguarding queue",
            message=(
                f"{len(pending)} comments left on SEND voices were flagged as worth a "
                "safeguarding check (not urgent: urgent ones are emailed at once). "
                "You will be asked to sign in.\n\n"
                + "\n".join(lines)
                + f"\n\nYour queue: {base}{reverse('safeguarding_queue')}"
            ),
            from_email=None,
            recipient_list=emails,
        )
        SafeguardingCase.objects.filter(pk__in=[case.pk for case in pending]).update(
            notified_at=now
        )
    return len(pending)


def leads():
    return get_user_model().objects.filter(groups__name=SAFEGUARDING_LEAD, is_active=True)


def tell_leads_checking_is_late() -> bool:
    """Email the leads, at most once per ALERT_EVERY. Sent from here, not from a task: the
    task worker may be what is failing."""
    if not cache.add(ALERT_KEY, True, timeout=ALERT_EVERY.total_seconds()):
        return False
    emails = sorted({lead.email for lead in leads()})
    if not emails:
        return False
    waiting = Voice.including_withheld.needing_analysis().count()
    queue = settings.WAGTAILADMIN_BASE_URL + reverse("safeguarding_queue")
    send_mail(
        subject="Comments are waiting longer than usual for the safeguarding check",
        message=(
            f"{waiting} comments left on SEND voices have not been checked for "
            f"{settings.SAFEGUARDING_CHECK_LATE_MINUTES} minutes or more. A possible disclosure "
            "among them is not in your queue yet.\n\n"
            "Nothing is lost: they are kept and shown to nobody until checked. Please ask "
            "whoever runs the site to check the task worker (manage.py db_worker).\n\n"
            f"Your queue: {queue}"
        ),
        from_email=None,
        recipient_list=emails,
    )
    return True


@task()
def sweep_unchecked_comments() -> str:
    """The sweep, run by the task worker every SWEEP_EVERY; each run books the next, first, so
    that a sweep that fails (the mail server is down, say) does not end them."""
    schedule_sweep()  # this run is "running", not waiting: the booking is for the next
    queued, told = sweep()
    return f"Queued {queued} unchecked comments; leads told: {told}."


def schedule_sweep() -> bool:
    """Book the next sweep, unless one is booked already or the backend cannot wait (the
    immediate backend of dev and tests would run it at once, for ever)."""
    backend = sweep_unchecked_comments.get_backend()
    if not backend.supports_defer:
        return False
    booked = DBTaskResult.objects.filter(
        task_path=sweep_unchecked_comments.module_path, status=TaskResultStatus.READY
    )
    if booked.exists():
        return False
    sweep_unchecked_comments.using(run_after=timezone.now() + SWEEP_EVERY).enqueue()
    return True
