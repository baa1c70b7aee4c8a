"""Dashboard benchmark: each dashboard view's server time over 100,000 answers and 20,000
comments.

    .venv/bin/python benchmarks/dashboard.py [--answers 100000] [--comments 20000] [--runs 5]

A scratch SQLite file (BENCH_DIR, default /tmp/send-bench-dashboard) is migrated and given the
demo frameworks and surveys; then 10,000 responses of 10 answers each (spread over the past
year, both audiences) and 20,000 analysed comments carrying one or two themes (a tenth decided
by an officer, one in fifty with the safeguarding lead) are bulk-inserted. Each dashboard view
is then requested in this process through Django's test client as a commissioner: the time
from request to full response is the server's time (no network). The first request of each
view warms the caches and is not counted; the median and the slowest of --runs are printed.
Target: under 300 ms for each dashboard page. The figures CSV and the report PDF are timed too
and printed apart: each builds every page's figures at once, so no page target applies to them.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ["DJANGO_SETTINGS_MODULE"] = "engagement.settings.test"

import django  # noqa: E402
from django.conf import settings  # noqa: E402

SCRATCH = Path(os.environ.get("BENCH_DIR", "/tmp/send-bench-dashboard"))
TARGET_MS = 300
DOWNLOADS = ("figures CSV", "report PDF")  # section 3 of the issue: reports, not pages


def configure(reuse: bool, database_url: str = "") -> None:
    """The scratch SQLite file, or (with --postgres) an empty database in a throwaway cluster."""
    if database_url:
        import dj_database_url

        settings.DATABASES["default"] = dj_database_url.parse(database_url)
    else:
        SCRATCH.mkdir(parents=True, exist_ok=True)
        database = SCRATCH / "db.sqlite3"
        if not reuse:
            database.unlink(missing_ok=True)
        settings.DATABASES["default"]["NAME"] = str(database)  # before any connection is made
    settings.DEBUG = False
    django.setup()


def seed(answers: int, comments: int, rng: random.Random) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from engagement.models import SafeguardingCase, Theme, ThemeAssignment, Voice
    from engagement.themes import ACCEPTED, decide, record_machine_themes
    from outcomes_cms.demo import seed_outcomes_cms
    from surveys.demo import seed_surveys
    from surveys.models import Answer, Response, SurveyPage

    call_command("migrate", verbosity=0)
    frameworks = json.loads((REPO / "engagement/demo_data/frameworks.json").read_text())
    seed_surveys(seed_outcomes_cms(frameworks["frameworks"]), frameworks["frameworks"])
    now = timezone.now()
    questions = {survey.pk: survey.active_questions() for survey in SurveyPage.objects.all()}
    surveys = [survey for survey in SurveyPage.objects.all() if questions[survey.pk]]

    # answered_at is auto_now (the moment a person answers); seeded answers are older.
    Answer._meta.get_field("answered_at").auto_now = False
    started = time.perf_counter()
    made = 0
    while made < answers:
        responses = []
        for _ in range(1000):
            survey = rng.choice(surveys)
            when = now - timedelta(days=rng.randint(0, 364), minutes=rng.randint(0, 600))
            responses.append(
                Response(
                    survey=survey, audience=rng.choice(["young_people", "parent_carers"]),
                    answered_by=rng.choice(["me", "me", "me_with_help", "someone_for_me"]),
                    completed_at=when,
                )
            )  # fmt: skip
        Response.objects.bulk_create(responses)
        batch = [
            Answer(
                response=response, question=question, audience=response.audience,
                counts_as=rng.choice(["positive", "positive", "neutral", "negative"]),
                special=rng.choice([""] * 30 + ["dont_understand"]),
                answered_at=response.completed_at, sent=True,
            )
            for response in responses
            for question in questions[response.survey_id][:10]
        ][: answers - made]  # fmt: skip
        Answer.objects.bulk_create(batch)
        made += len(batch)
    print(f"seeded {Answer.objects.count():,} answers in {time.perf_counter() - started:.0f} s")

    themes = list(Theme.objects.filter(active=True))
    outcomes = list({q.outcome_id for qs in questions.values() for q in qs if q.outcome_id})
    started = time.perf_counter()
    for first in range(0, comments, 5000):
        voices = [
            Voice(
                text=f"Comment {n}", redacted_text=f"Comment {n}", analysed_text=f"Comment {n}",
                channel=rng.choice(["survey", "survey", "focus_group", "import"]),
                audience=rng.choice(["young_person", "parent_carer", "professional"]),
                outcome_id=rng.choice(outcomes), consent_to_quote=rng.random() < 0.5,
                sentiment=rng.choice(["positive", "negative", "mixed", "neutral"]),
                said_at=now - timedelta(days=rng.randint(0, 364)), analysed_at=now,
                safeguarding_flag=rng.random() < 0.02,
            )
            for n in range(first, min(first + 5000, comments))
        ]  # fmt: skip
        Voice.objects.bulk_create(voices)
        record_machine_themes(
            [voice.pk for voice in voices],
            [
                ThemeAssignment(voice=voice, theme=theme, confidence=0.8, source="codebook")
                for voice in voices
                for theme in rng.sample(themes, rng.choice([1, 1, 2]))
            ],
        )
        accepted: dict[Theme, list] = {}
        for voice in voices:
            if rng.random() < 0.1:
                accepted.setdefault(rng.choice(themes), []).append(voice)
        for theme, chosen in accepted.items():
            decide(chosen, theme, ACCEPTED, None)
        SafeguardingCase.objects.bulk_create(
            SafeguardingCase(voice=voice) for voice in voices if voice.safeguarding_flag
        )
    seeded = Voice.including_withheld.count()
    print(f"seeded {seeded:,} comments in {time.perf_counter() - started:.0f} s")


def measure(runs: int) -> list[tuple[str, float, float]]:
    from django.test import Client
    from django.urls import reverse

    from engagement.roles import COMMISSIONER
    from outcomes_cms.models import OutcomePage
    from tests.factories import UserFactory

    client = Client()
    client.force_login(UserFactory(email="bench@example.org", roles=[COMMISSIONER]))
    outcome = OutcomePage.objects.filter(survey_questions__isnull=False).first()
    views = [
        ("outcomes", reverse("dashboard:outcomes")),
        ("outcomes, one outcome",
         f"{reverse('dashboard:outcomes')}?framework={outcome.get_parent().pk}&outcome={outcome.pk}"),
        ("an outcome's thread",
         f"{reverse('dashboard:outcome', args=[outcome.pk])}?framework={outcome.get_parent().pk}"),
        ("themes", reverse("dashboard:themes")),
        ("themes, one quarter", f"{reverse('dashboard:themes')}?period={_latest_quarter()}"),
        ("theme drill-down", reverse("dashboard:theme", args=["waiting"])),
        ("reach", reverse("dashboard:reach")),
        ("the loop", reverse("dashboard:loop")),
        ("figures CSV", reverse("dashboard:figures_csv")),
        ("report PDF", reverse("dashboard:report_pdf")),
        ("report HTML", reverse("dashboard:report_html")),
    ]  # fmt: skip
    results = []
    for name, url in views:
        timings = []
        for run in range(runs + 1):
            started = time.perf_counter()
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, (name, response.status_code)
            if run:  # the first warms the caches
                timings.append(elapsed)
        results.append((name, statistics.median(timings), max(timings)))
    return results


def _latest_quarter() -> str:
    from engagement.dashboard.periods import recent_quarters

    return recent_quarters(1)[0].key


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--comments", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--reuse", action="store_true", help="time the views on the last run's data, unseeded"
    )
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="on a throwaway PostgreSQL cluster (as production runs) instead of SQLite",
    )
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        url = ""
        if args.postgres:
            from scripts.throwaway_postgres import running_postgres

            _cluster, url = stack.enter_context(running_postgres("send_dashboard"))
        configure(args.reuse and not args.postgres, url)
        if args.postgres or not args.reuse:
            seed(args.answers, args.comments, random.Random(2026))
        results = measure(args.runs)
        if args.postgres:
            from django.db import connections

            connections.close_all()  # before the cluster stops
    database = "PostgreSQL" if args.postgres else "SQLite"
    print(f"\n{'page (' + database + ')':<24} {'median ms':>10} {'slowest ms':>11}")
    missed = 0
    for name, median, slowest in results:
        if name == DOWNLOADS[0]:
            print("downloads: every page's figures at once, for the board (no target)")
        flag = "" if median < TARGET_MS or name in DOWNLOADS else f"  (over {TARGET_MS} ms)"
        missed += median >= TARGET_MS and name not in DOWNLOADS
        print(f"{name:<24} {median:>10.0f} {slowest:>11.0f}{flag}")
    print(f"\ntarget: median under {TARGET_MS} ms for every dashboard page; {missed} over")
    return 0


if __name__ == "__main__":
    sys.exit(main())
