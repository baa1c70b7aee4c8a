"""Give a new, empty site its home page, accessibility statement and privacy notice, and no demo
content. Run once after the first migrate in production; safe to run again (existing pages,
and any edits officers made to them, are kept)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from outcomes_cms.demo import home_page, seed_standard_pages


class Command(BaseCommand):
    help = __doc__.split("\n")[0]

    def handle(self, *args, **options):
        with transaction.atomic():
            home = home_page()
            seed_standard_pages(home)
        self.stdout.write(
            f"Home page '{home.title}' with the accessibility statement and the privacy notice. "
            "Check the notice's words with your data protection officer, then publish your "
            "outcomes framework under the home page."
        )
