"""Rewrite which themes each comment carries (CommentTheme) from the machine's themes and
people's decisions.

Never needed in normal running: every write of either settles the comments it touches in the
same transaction (engagement/themes.py). Run it after changing theme rows by hand, or if code
older than CommentTheme ran after its migration (a rolling deploy). Safe to run at any time.
"""

from django.core.management.base import BaseCommand

from engagement.themes import settle_every_comment


class Command(BaseCommand):
    help = __doc__.split("\n")[0]

    def handle(self, *args, **options):
        settled = settle_every_comment()
        self.stdout.write(f"Settled the themes of {settled} comments.")
