"""A withheld comment (with the safeguarding lead, not yet checked, or in a survey its
respondent has not sent) is absent from every
page, export, feed, chooser, search and command output: found by walking the whole URL conf,
every page of the site and every command, not by listing the views we thought of.

Each withheld comment carries a marker word; a comment cleared by a lead carries another, which
the walk must find (so the walk is shown to reach the places comments appear).
"""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command, get_commands
from django.test import Client, override_settings

from engagement.models import SafeguardingCase, Theme, Voice
from engagement.outcome_choices import site_framework
from engagement.roles import COMMISSIONER, FACILITATOR, SAFEGUARDING_LEAD, YOUNG_AMBASSADOR
from engagement.themes import ACCEPTED, decide
from outcomes_cms.models import OutcomePage
from surveys.answers import complete, save_answer
from surveys.focus_groups.views import sync_contribution_voice
from surveys.models import Contribution, FocusGroupSession, Response, SurveyPage
from tests.factories import UserFactory
from tests.url_walk import every_address, every_page_address
from you_said_we_did.models import ChosenQuote

pytestmark = pytest.mark.django_db

HELD, EDITED, UNCHECKED, CLEARED = "zebrafinch", "quokkapaw", "narwhalhorn", "pangolinscale"
UNSENT = "axolotlgill"  # checked and safe, but its respondent has not pressed "Send" yet
PHONE = "07700 900999"  # in the cleared comment: redacted wherever anyone but the lead reads it
# The number however it is spaced or prefixed (07700900999, +44 7700-900999); a timestamp's
# microseconds (02:55:03.900999) are not it.
PHONE_DIGITS = re.compile(r"7700\D{0,3}900999")
WITHHELD = (HELD, EDITED, UNCHECKED, UNSENT)
APPS = {"engagement", "surveys", "outcomes_cms", "you_said_we_did"}


@pytest.fixture
def comments(django_capture_on_commit_callbacks, make_change):
    """Four comments where comments show: on a survey answer, in a focus group, in the transport
    theme (a person's decision), about an outcome, quotable, one quoted on a published page."""
    survey = SurveyPage.objects.get(slug="pupil-voice-annual-review")
    question = survey.active_questions()[0]
    outcome = OutcomePage.objects.live().descendant_of(site_framework()).first()  # this council
    theme = Theme.objects.get(key="transport")
    session = FocusGroupSession.objects.first()

    def answered(words: str, send: bool = True) -> Voice:
        response = Response.objects.create(survey=survey, audience="young_people")
        answer = save_answer(response, question, {"comment": words, "may_quote": True})
        if send:
            complete(response)
        return Voice.including_withheld.get(survey_answer=answer)

    with django_capture_on_commit_callbacks(execute=True):  # checked: flagged, or not
        # The cleared comment's group (young people, this survey, this quarter) made large
        # enough to be listed whatever the rounding: the rounding is keyed on the group's ids,
        # and those depend on what earlier tests created (PostgreSQL's sequences never go back).
        group = [answered(f"The bus to school is late again, day {day}") for day in range(20)]
        held = answered(f"sometimes i want to kill myself {HELD}")
        cleared = answered(f"i want to kill myself {CLEARED}, text {PHONE}")
        edited = answered("The bus is late")
        unsent = answered(f"The bus is late {UNSENT}", send=False)
    for voice in (held, cleared, edited, unsent):
        voice.refresh_from_db()
    SafeguardingCase.objects.filter(voice=cleared).update(status="no_concern")
    contribution = session.contributions.create(
        kind=Contribution.Kind.QUOTE, text=f"The taxi is late {UNCHECKED}",
        speaker_type="young_person",
    )  # fmt: skip
    sync_contribution_voice(contribution)  # its check never ran (say, the worker is down)
    page = make_change(themes=["transport"])
    # Both chosen while they could be quoted; then one is edited, so its new words are unchecked.
    ChosenQuote.objects.create(page=page, voice=edited, sort_order=0)
    ChosenQuote.objects.create(page=page, voice=cleared, sort_order=1)
    page.save_revision().publish()
    Voice.including_withheld.filter(pk=edited.pk).update(text=f"The bus is late {EDITED}")
    voices = Voice.including_withheld.filter(
        pk__in=[held.pk, cleared.pk, edited.pk, unsent.pk, *(voice.pk for voice in group)]
    ) | Voice.including_withheld.filter(contribution=contribution)
    voices.update(outcome=outcome, consent_to_quote=True)
    decide(voices, theme, ACCEPTED, None)
    assert held.safeguarding_flag and not Voice.objects.filter(pk=held.pk).exists()
    cleared.refresh_from_db()  # its outcome, as updated above
    crowd_the_theme(theme, cleared)
    return {
        "voices": list(voices),
        "session": session,
        "contribution": contribution,
        "survey": survey,
        "page": page,
        "outcome": outcome,
        "theme": theme,
    }


def crowd_the_theme(theme: Theme, newest: Voice) -> None:
    """Thirty checked comments from the cleared one's group, a little older, in the theme: so
    the dashboard lists its newest 20 (the cleared comment among them) and opens each alone,
    and the walk proves those pages show the cleared comment and none withheld."""
    crowd = Voice.including_withheld.bulk_create(
        Voice(
            text=f"The bus was late again {n}", redacted_text=f"The bus was late again {n}",
            analysed_text=f"The bus was late again {n}", analysed_at=newest.said_at,
            channel=newest.channel, audience=newest.audience, outcome=newest.outcome,
            said_at=newest.said_at - timedelta(seconds=n + 1), consent_to_quote=True,
        )
        for n in range(30)
    )  # fmt: skip
    decide(Voice.including_withheld.filter(pk__in=[voice.pk for voice in crowd]), theme,
           ACCEPTED, None)  # fmt: skip


# ---- the walk -------------------------------------------------------------------------------

# Routes about these read the pool, pages or their history: each is tried with every id. Every
# other route (images, documents, users, sites...) is tried with one.
ABOUT_COMMENTS = re.compile(
    r"comment|snippets|pages|focus-groups|survey|safeguarding|review|dashboard|bulk|choose"
    r"|workflow|you-said|history|usage|revisions|reports|themes|import"
)


def addresses(numbers: list[int]) -> set[str]:
    """Every route, with ids in its parameters; every page of the site; searches."""
    found = every_address(lambda route: numbers if ABOUT_COMMENTS.search(route) else numbers[:1])
    found |= every_page_address()
    # Searched for by the start of each marker: a page that repeats the search words back
    # must not count as showing the comment.
    for marker in (*WITHHELD, CLEARED, "kill"):
        start = marker[:5]
        found |= {f"/admin/comments/?q={start}", f"/admin/pages/search/?q={start}"}
        found.add(f"/admin/snippets/choose/engagement/voice/?q={start}")
        # The quote chooser's filters: every council, and the theme the comments carry.
        chooser = "/admin/snippets/choose/engagement/voice/results/?council=all"
        transport = Theme.objects.get(key="transport").pk
        found |= {f"{chooser}&q={start}", f"{chooser}&theme={transport}&q={start}"}
    # A route keyed by a word (a theme's key) is tried with the comments' theme too.
    found |= {address.replace("/x/", "/transport/") for address in found if "/x/" in address}
    return {address for address in found if address and "<" not in address}


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", "replace")


def visit(client: Client, address: str) -> str:
    try:
        return body(client.get(address))
    except Exception as error:  # noqa: BLE001 - a server error is another test's finding
        return f"(error {type(error).__name__})"


def signed_in(**user) -> Client:
    client = Client(raise_request_exception=True)
    client.force_login(UserFactory(**user))
    return client


def test_no_page_export_feed_chooser_or_search_shows_a_withheld_comment(comments):
    ids = sorted(
        {voice.pk for voice in comments["voices"]}
        | {comments["session"].pk, comments["survey"].pk, comments["page"].pk}
        | set(SafeguardingCase.objects.values_list("pk", flat=True))
        | {comments["contribution"].pk, comments["outcome"].pk, comments["theme"].pk}
    )
    every_address = sorted(addresses(ids))
    visitors = {
        "superuser": signed_in(is_superuser=True, is_staff=True),
        "commissioner": signed_in(roles=[COMMISSIONER]),
        "facilitator": signed_in(roles=[FACILITATOR]),
        "ambassador": signed_in(roles=[YOUNG_AMBASSADOR]),
        "anonymous": Client(),
    }
    leaks, seen_cleared = [], set()
    for who, client in visitors.items():
        admin_only = who == "superuser"
        for address in every_address:
            if address.startswith("/admin/") and not admin_only:
                continue  # the admin refuses everyone else (the permission matrix tests it)
            text = visit(client, address)
            leaks += [f"{who} {address}: {m}" for m in WITHHELD if m in text]
            leaks += [f"{who} {address}: {PHONE}" for _ in PHONE_DIGITS.findall(text)]
            if CLEARED in text:
                seen_cleared.add(address.split("?")[0])
    assert not leaks
    [cleared] = [voice for voice in comments["voices"] if CLEARED in voice.text]
    # The walk reached where comments show: the cleared one is in each of these. (Not the
    # 'You said, we did' shortlist: it never puts forward words with contact details.)
    assert {
        "/admin/comments/",
        f"/admin/survey-results/{comments['survey'].pk}/answers.csv",
        comments["page"].url,
        "/dashboard/themes/transport/",
        f"/dashboard/comments/{cleared.pk}/",
    } <= seen_cleared


def test_the_lead_reads_them_in_the_queue(client, comments):
    client.force_login(UserFactory(roles=[SAFEGUARDING_LEAD]))
    case = SafeguardingCase.objects.get(text__contains=HELD)
    assert HELD in client.get(f"/safeguarding/{case.pk}/").content.decode()


# ---- the commands ---------------------------------------------------------------------------

COMMAND_ARGUMENTS = {
    "apply_retention": [],
    "resume_interrupted_work": [],
    "seed_demo": [],
    "settle_themes": [],
    "start_site": [],
    "theme_csv": None,  # reads a CSV it is given, never the pool (tested in test_theme_csv)
}


def test_every_command_of_ours_is_walked():
    ours = {name for name, app in get_commands().items() if app in APPS}
    assert ours == set(COMMAND_ARGUMENTS), "add the new command to COMMAND_ARGUMENTS"


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_no_command_prints_a_withheld_comment(comments):
    outputs = []
    for name, arguments in COMMAND_ARGUMENTS.items():
        if arguments is None:
            continue
        out, err = StringIO(), StringIO()
        call_command(name, *arguments, stdout=out, stderr=err)
        outputs.append(out.getvalue() + err.getvalue())
    dumped = StringIO()
    call_command("dumpdata", "engagement.voice", "you_said_we_did", stdout=dumped)
    outputs.append(dumped.getvalue())
    assert not [marker for marker in WITHHELD for output in outputs if marker in output]
    assert CLEARED in dumped.getvalue()  # dumpdata reads the default manager: the walk can fail
