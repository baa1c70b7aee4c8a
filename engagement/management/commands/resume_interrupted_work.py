"""Put back in the queue what a task worker that died (killed, out of memory, server restart)
left unfinished, and queue any comment that no queued task will analyse.

Run it just before starting `manage.py db_worker` (e.g. systemd's ExecStartPre), when no worker is
running: every task then marked "running" belongs to a dead worker. With workers running, pass
--stale-minutes N: only analysis tasks running for longer than N minutes are taken back (a chunk
of comments takes seconds; other tasks, such as retraining, may rightly take longer), and the
comments in analysis tasks still running are not queued again.

A task taken back runs again from the start. Analysing a comment twice stores the same result
(each chunk is one transaction, so a dead worker leaves no comment half-analysed); a safeguarding
email may then be sent twice, which is better than never.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from engagement.models import Voice
from engagement.tasks import analyse_voices, queue_analysis


def voice_ids_queued() -> set[int]:
    """Comments that an analysis task waiting in the queue, or running, will reach."""
    queued = set()
    waiting = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
        task_path=analyse_voices.module_path,
    )
    for args_kwargs in waiting.values_list("args_kwargs", flat=True):
        ids = args_kwargs["args"][0] if args_kwargs["args"] else args_kwargs["kwargs"]["voice_ids"]
        queued.update(ids)
    return queued


class Command(BaseCommand):
    help = __doc__.split("\n")[0]

    def add_arguments(self, parser):
        parser.add_argument(
            "--stale-minutes",
            type=int,
            default=0,
            help="only take back tasks running for longer than this (default 0: all of them, "
            "for use when no worker is running)",
        )

    def handle(self, *args, stale_minutes: int, **options):
        cutoff = timezone.now() - timedelta(minutes=stale_minutes)
        with transaction.atomic():
            interrupted = DBTaskResult.objects.select_for_update().filter(
                status=TaskResultStatus.RUNNING, started_at__lte=cutoff
            )
            if stale_minutes:  # workers may be running: only the short, repeatable analysis
                interrupted = interrupted.filter(task_path=analyse_voices.module_path)
            taken_back = interrupted.update(status=TaskResultStatus.READY, started_at=None)
            unanalysed = Voice.including_withheld.needing_analysis().values_list("pk", flat=True)
            missing = sorted(set(unanalysed) - voice_ids_queued())
            queue_analysis(missing)  # enqueued when this transaction commits
        self.stdout.write(
            f"Put back in the queue {taken_back} interrupted tasks; queued {len(missing)} "
            "comments no task was going to analyse."
        )
