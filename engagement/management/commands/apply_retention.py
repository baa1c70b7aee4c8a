"""Delete what is kept no longer than the retention settings say. Run it daily (cron or a
scheduler); it is safe to run at any time and as often as you like.

- Email addresses left to hear back: deleted after HEAR_BACK_RETENTION_DAYS. The count of people
  told survives: it is kept as keyed hashes, not addresses.
- Survey responses never sent and untouched (no answer given, nothing changed) for
  INCOMPLETE_RESPONSE_RETENTION_DAYS: deleted with their answers and comments, as if the person
  had asked. Their resume links stop working. A safeguarding case stays with the lead (its own
  copy of the words: engagement/cases.py).
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Max, Q
from django.utils import timezone

from surveys.models import HearBackRequest, Response


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)


class Command(BaseCommand):
    help = __doc__.split("\n")[0]

    def handle(self, *args, **options):
        cutoff = days_ago(settings.HEAR_BACK_RETENTION_DAYS)
        emails, _ = HearBackRequest.objects.filter(created_at__lt=cutoff).delete()
        self.stdout.write(f"Deleted {emails} email addresses older than the retention period.")

        cutoff = days_ago(settings.INCOMPLETE_RESPONSE_RETENTION_DAYS)
        abandoned = (
            Response.objects.filter(completed_at__isnull=True, updated_at__lt=cutoff)
            .annotate(last_answer=Max("answers__answered_at"))
            .filter(Q(last_answer__isnull=True) | Q(last_answer__lt=cutoff))
        )
        # Deleting a response takes its answers, their comments and any email with it.
        stale = Response.objects.filter(pk__in=list(abandoned.values_list("pk", flat=True)))
        count = stale.delete()[1].get(Response._meta.label, 0)
        self.stdout.write(
            f"Deleted {count} unfinished survey responses untouched for "
            f"{settings.INCOMPLETE_RESPONSE_RETENTION_DAYS} days."
        )
