import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from engagement.demo import DEMO_FACILITATOR, DEMO_PASSWORD, seed_demo_users
from engagement.demo_themes import link_themes_to_outcomes
from engagement.tasks import queue_pending_analysis
from outcomes_cms.demo import seed_indicator_values, seed_outcomes_cms
from surveys.demo import seed_surveys
from surveys.demo_focus_groups import assign_facilitator, seed_focus_groups
from surveys.demo_middlesbrough import seed_middlesbrough_review
from you_said_we_did.demo import seed_you_said_we_did

FRAMEWORKS_JSON = Path(__file__).resolve().parents[2] / "demo_data" / "frameworks.json"


class Command(BaseCommand):
    help = (
        "Load the demo content (Rochdale, Bradford and Middlesbrough frameworks, standard pages, "
        "three surveys with invented responses, Middlesbrough's with pictures and a video, six "
        "focus groups, four 'You said, we did' pages) "
        "and, with the dev settings, one login per role. Safe to run again: nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument("--frameworks", type=Path, default=FRAMEWORKS_JSON)

    def handle(self, *args, frameworks: Path, **options):
        data = json.loads(frameworks.read_text(encoding="utf-8"))
        with transaction.atomic():
            home = seed_outcomes_cms(data["frameworks"])
            seed_surveys(home, data["frameworks"])
            seed_middlesbrough_review(home)
            seed_focus_groups()
            link_themes_to_outcomes()
            seed_indicator_values()
        self.stdout.write(self.style.SUCCESS(f"Demo content ready under '{home.title}'."))
        analysed = queue_pending_analysis()
        if analysed:
            self.stdout.write(f"Theming {analysed} comments that were not analysed yet.")
        with transaction.atomic():
            seed_you_said_we_did(home)  # after theming: its quotes are chosen by theme

        if not settings.DEMO_USERS_ALLOWED:
            self.stdout.write("Demo logins are not created with these settings.")
            return
        logins = seed_demo_users()
        facilitator = get_user_model().objects.get(email=DEMO_FACILITATOR)
        assign_facilitator(facilitator)
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
        for email, role in logins:
            self.stdout.write(f"  {role:<28} {email}")
        self.stdout.write("Sign in at /accounts/login/; officers edit pages at /admin/.")
        self.stdout.write(
            "Officers, the safeguarding lead and the administrator must use two-step sign in: "
            "at the first sign-in, scan the code shown with an authenticator app.\n"
        )
