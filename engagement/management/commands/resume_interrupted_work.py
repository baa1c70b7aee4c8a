"""Put back in the queue what a task worker that died (killed, out of memory, server restart)
left unfinished, and queue any comment that no queued task will analyse.

Run it just before starting `manage.py db_worker` (e.g. systemd's ExecStartPre), when no worker is
running: every task then marked "running" belongs to a dead worker. With workers running, pass
--stale-minutes N: only analysis tasks running for longer than N minutes are taken back (a chunk
of comments takes seconds; other tasks, such as retraining, may rightly take longer), and the
comments in analysis tasks still running are not queued again.

It is also the sweep (engagement/checking.py): it books the task worker's own sweep every five
minutes, and run from cron every ten minutes (with --stale-minutes 30) it emails the leads if
comments wait unchecked for too long even when no worker runs at all.

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

from engagement.checking import schedule_sweep, sweep
from engagement.tasks import analyse_voices


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
            missing, told = sweep()  # enqueued when this transaction commits
            schedule_sweep()
        self.stdout.write(
            f"Put back in the queue {taken_back} interrupted tasks; queued {missing} "
            "comments no task was going to analyse."
            + (" Checking is late: the safeguarding leads were emailed." if told else "")
        )
