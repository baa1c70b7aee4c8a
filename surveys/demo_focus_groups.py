"""Demo focus groups like Rochdale's: five young people's groups and one parent carer group.

Invented for the demo (counts and words): no real person took part. Created only when missing.
"""

import datetime
import random

from engagement.models import Voice
from outcomes_cms.models import OutcomePage, OutcomesFrameworkPage

from .demo_comments import COMMENTS
from .models import Contribution, FocusGroupSession, SpeakerType

# (title, setting type, young people, parent carers, adjustments, date)
SESSIONS = [
    ("Year 9 SEND group", "mainstream_school", 8, 0, ["symbols"], datetime.date(2026, 3, 4)),
    (
        "Sixth form voice group",
        "special_school",
        6,
        0,
        ["makaton", "symbols"],
        datetime.date(2026, 3, 11),
    ),
    ("Foundation learning students", "college", 12, 0, ["easy_read"], datetime.date(2026, 3, 18)),
    (
        "Girls' wellbeing group",
        "mainstream_school",
        9,
        0,
        ["quiet_space"],
        datetime.date(2026, 3, 25),
    ),
    ("Saturday club", "short_break", 10, 0, ["symbols", "breaks"], datetime.date(2026, 4, 1)),
    ("Parent carer coffee morning", "parent_forum", 0, 14, [], datetime.date(2026, 4, 15)),
]
PROMPTS = [
    ("Who listens to you, and how do you know?", "My opinions are valued"),
    ("What helps you feel happy and calm?", "I am emotionally well"),
    ("What do you like doing outside school?", "I am active and involved"),
    ("What do you want to do when you are older?", "I am hopeful and prepared for the future"),
]
PARENT_PROMPTS = [
    ("What support do you get as a family?", "Those that care for me are supported"),
    ("How long did you wait for help?", "I am as healthy as possible"),
    ("Do professionals listen to you?", "My opinions are valued"),
]


def seed_focus_groups(rng_seed: int = 2021) -> None:
    if FocusGroupSession.objects.exists():
        return
    rng = random.Random(rng_seed)
    framework = OutcomesFrameworkPage.objects.filter(area_name="Rochdale").first()
    outcomes = (
        {page.title: page for page in framework.get_children().type(OutcomePage).specific()}
        if framework
        else {}
    )
    for title, setting, young, parents, adjustments, held_on in SESSIONS:
        session = FocusGroupSession.objects.create(
            title=title,
            held_on=held_on,
            setting_type=setting,
            young_people_count=young,
            parent_carer_count=parents,
            professional_count=1,
            consent="parent" if young else "verbal",
            adjustments=adjustments,
            finished_at=datetime.datetime.combine(held_on, datetime.time(16), datetime.UTC),
        )
        speaker = SpeakerType.PARENT_CARER if parents else SpeakerType.YOUNG_PERSON
        for text, outcome_title in PARENT_PROMPTS if parents else PROMPTS:
            prompt = session.prompts.create(text=text, outcome=outcomes.get(outcome_title))
            for said in rng.sample(COMMENTS[outcome_title], k=4 if parents else 3):
                contribution = session.contributions.create(
                    kind=Contribution.Kind.QUOTE,
                    text=said,
                    speaker_type=speaker,
                    prompt=prompt,
                    may_publish=rng.random() < 0.7,
                )
                Voice.objects.create(
                    text=said,
                    channel=Voice.Channel.FOCUS_GROUP,
                    audience=Voice.Audience.PARENT_CARER
                    if parents
                    else Voice.Audience.YOUNG_PERSON,
                    outcome=prompt.outcome,
                    prompt=prompt.text,
                    contribution=contribution,
                    consent_to_quote=contribution.may_publish,
                    said_at=session.finished_at,
                )
        if young:
            session.contributions.create(
                kind=Contribution.Kind.TALLY,
                text="said they have a trusted adult at school",
                speaker_type=speaker,
                tally_count=max(young - 2, 1),
                tally_of=young,
            )


def assign_facilitator(user) -> None:
    """Give sessions that nobody runs to this facilitator (the demo login, in dev)."""
    for session in FocusGroupSession.objects.filter(facilitators=None):
        session.facilitators.add(user)
