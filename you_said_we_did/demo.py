"""Demo "You said, we did" pages, one in each status, built from the demo comments' themes.

Invented changes, as a council might publish them after hearing the demo comments; quotes are
chosen from demo comments that may be quoted. Running it again changes nothing.
"""

import datetime

from django.db.models import Q
from wagtail.models import Page, Workflow, WorkflowPage

from engagement.models import Theme, Voice
from engagement.themes import carrying
from outcomes_cms.models import HomePage, OutcomePage, OutcomesFrameworkPage
from surveys.models import FocusGroupSession, HearBackRequest, Response

from .models import (
    Action,
    ChosenQuote,
    Status,
    TimelineUpdate,
    YouSaidWeDidIndexPage,
    YouSaidWeDidPage,
)

WORKFLOW = "Co-production review"
TODAY = datetime.date(2026, 11, 1)


def _months_ago(months: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=30 * months)


CHANGES = [
    {
        "slug": "waiting-for-speech-and-language-therapy",
        "title": "Waiting for speech and language therapy",
        "you_said": "You told us you wait too long for speech and language therapy, and that "
        "nobody helps while you wait.",
        "easy_read": "You said: we wait too long to see a speech therapist.",
        "we_did": "We are paying for two more speech and language therapists, and we started "
        "drop-in advice sessions for families who are waiting.",
        "status": Status.IN_PROGRESS,
        "themes": ["waiting", "health"],
        "outcomes": ["I am as healthy as possible"],
        "actions": [
            (
                "Recruit two more speech and language therapists",
                "Children's therapy service",
                1,
                6,
                Status.IN_PROGRESS,
                "Average wait fell from 18 to 14 weeks so far",
            ),
            (
                "Monthly drop-in advice sessions for families on the waiting list",
                "Children's therapy service",
                4,
                0,
                Status.DONE,
                "60 families came in the first three months",
            ),
        ],  # fmt: skip
        "updates": [
            (5, "We heard this in the annual survey and at the parent carer forum."),
            (4, "The first drop-in advice session ran at the family hub."),
            (1, "One new therapist started; we are still recruiting the second."),
        ],
    },
    {
        "slug": "telling-your-story-again",
        "title": "Having to tell your story again and again",
        "you_said": "Parent carers told us they have to tell their child's story to every new "
        "worker, and it is exhausting.",
        "easy_read": "You said: you tell your story again and again. It is tiring.",
        "we_did": "We are making a 'tell it once' family profile that services share, with your "
        "permission, so you only tell it once.",
        "status": Status.PLANNED,
        "themes": ["communication", "carers"],
        "outcomes": ["Those that care for me are supported"],
        "actions": [
            (
                "Design the family profile with the parent carer forum",
                "SEND partnership",
                -1,
                3,
                Status.PLANNED,
                "",
            ),
        ],  # fmt: skip
        "updates": [(2, "The parent carer forum agreed to help design the profile.")],
    },
    {
        "slug": "school-bus-too-early",
        "title": "The school bus comes too early",
        "you_said": "You said the school bus picks you up too early and you are tired all day.",
        "easy_read": "You said: the bus comes too early. You feel tired.",
        "we_did": "We changed the routes so that the earliest pick-up is later.",
        "status": Status.DONE,
        "themes": ["transport"],
        "outcomes": ["I am active and involved"],
        "actions": [
            (
                "Re-plan 12 home to school transport routes",
                "Travel assistance team",
                9,
                6,
                Status.DONE,
                "The earliest pick-up moved from 7:05 to 7:40",
            ),
        ],  # fmt: skip
        "updates": [
            (9, "Young people told us at the SEND ambassadors meeting."),
            (6, "The new routes started after half term."),
        ],
    },
    {
        "slug": "being-asked-at-annual-reviews",
        "title": "Being asked what you think at your annual review",
        "you_said": "Young people told us that at their annual review the adults talk to each "
        "other, and nobody asks them what they think.",
        "easy_read": "You said: at your review, nobody asks you.",
        "we_did": "We heard you. We are talking with schools and the SEND ambassadors about how "
        "to change this.",
        "status": Status.HEARD,
        "themes": ["voice", "ehcp"],
        "outcomes": ["My opinions are valued"],
        "actions": [],
        "updates": [(1, "We heard this in the young people's survey.")],
    },
]


DEMO_CONTACTS = 15  # invented people who left an email to hear back


def seed_hear_back_contacts() -> int:
    """Some demo respondents and a focus group asked to hear back (example.com addresses)."""
    responses = Response.objects.filter(completed_at__isnull=False, hear_back__isnull=True)
    made = 0
    for number, response in enumerate(responses.order_by("pk")[:DEMO_CONTACTS], start=1):
        HearBackRequest.objects.create(response=response, email=f"family{number}@example.com")
        made += 1
    session = FocusGroupSession.objects.filter(setting_type="parent_forum").first()
    if session and not session.hear_back.exists():
        for number in range(1, 4):
            HearBackRequest.objects.create(session=session, email=f"forum{number}@example.com")
            made += 1
    return made


def seed_you_said_we_did(home: HomePage) -> YouSaidWeDidIndexPage:
    if not HearBackRequest.objects.exists():
        seed_hear_back_contacts()
    index = YouSaidWeDidIndexPage.objects.first()
    if index is None:
        index = YouSaidWeDidIndexPage(
            title="You said, we did",
            slug="you-said-we-did",
            intro="What children, young people and families told us, and what we did about it. "
            "Each change shows how many people raised it and how far we have got.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    assign_coproduction_workflow(index)
    for change in CHANGES:
        if not YouSaidWeDidPage.objects.filter(slug=change["slug"]).exists():
            _add_change(index, change)
    return index


def assign_coproduction_workflow(index: Page) -> None:
    """Drafts of changes and of outcome statements go to the ambassadors before publishing."""
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is None:
        return
    for page in [index, *OutcomesFrameworkPage.objects.all()]:
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})


def _add_change(index: YouSaidWeDidIndexPage, change: dict) -> None:
    themes = list(Theme.objects.filter(key__in=change["themes"]))
    page = YouSaidWeDidPage(
        title=change["title"],
        slug=change["slug"],
        you_said=change["you_said"],
        easy_read=change["easy_read"],
        we_did=change["we_did"],
        status=change["status"],
    )
    page.themes = themes
    page.outcomes = list(OutcomePage.objects.filter(title__in=change["outcomes"]))
    page.actions = [
        Action(what=what, owner=owner, starts_on=_months_ago(start), due_on=_months_ago(-due),
               status=status, change_seen=seen)
        for what, owner, start, due, status, seen in change["actions"]
    ]  # fmt: skip
    page.updates = [
        TimelineUpdate(happened_on=_months_ago(months), text=text)
        for months, text in change["updates"]
    ]
    page.quotes = [ChosenQuote(voice=voice) for voice in _quotes(themes)]
    index.add_child(instance=page)
    page.save_revision().publish()


def _quotes(themes: list[Theme], count: int = 2) -> list[Voice]:
    """Distinct quotable demo comments in these themes, the longest first."""
    quotable = carrying(themes, Voice.objects.quotable()).exclude(Q(redacted_text=""))
    chosen, seen = [], set()
    for voice in sorted(quotable, key=lambda voice: -len(voice.redacted_text)):
        if voice.redacted_text not in seen:
            seen.add(voice.redacted_text)
            chosen.append(voice)
        if len(chosen) == count:
            break
    return chosen
