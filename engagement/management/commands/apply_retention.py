"""Delete what is kept no longer than the retention settings say. Run it daily (cron or a
scheduler); it is safe to run at any time and as often as you like.

- Email addresses left to hear back: deleted after HEAR_BACK_RETENTION_DAYS. The count of people
  told survives: it is kept as keyed hashes, not addresses.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from surveys.models import HearBackRequest


class Command(BaseCommand):
    help = __doc__.split("\n")[0]

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=settings.HEAR_BACK_RETENTION_DAYS)
        emails, _ = HearBackRequest.objects.filter(created_at__lt=cutoff).delete()
        self.stdout.write(f"Deleted {emails} email addresses older than the retention period.")
