"""Demo surveys (Bradford's annual review, two Rochdale surveys) and invented responses.

Created only when missing, so the seed command can run again without duplicating anything.
The responses and comments are invented for the demo: no real person said them.
"""

import random
from datetime import timedelta

from django.utils import timezone

from engagement.models import Voice
from outcomes_cms.models import HomePage, OutcomePage, OutcomesFrameworkPage

from .answers import answer_voice_parts
from .demo_comments import COMMENTS
from .demo_scales import (
    FIVE_FACES,
    FREE_TEXT,
    WHERE_SUPPORT,
    YES_NO_MOST_NOW,
    YES_NO_OTHER,
    seed_scales,
)
from .models import Answer, Audience, Channel, Response, SurveyPage, SurveyQuestion

BRADFORD_EASY_READ = {
    "I feel supported by those around me.": "People around me help me.",
    "I feel safe.": "I feel safe.",
    "I feel my EHCP supports me in achieving my aspirations and outcomes.": "My EHC plan helps "
    "me do what I want to do.",
    "The adults in my life know what I want to be when I'm older. They are providing "
    "opportunities for me to reach my aspirations.": "Adults know what I want to be when I "
    "grow up. They help me get there.",
    "I feel like I belong in the community.": "I feel I belong where I live.",
    "I can access the places I want to go and the services I want to use.": "I can get to the "
    "places I want to go.",
    "I feel my voice is heard.": "People listen to me.",
    "I feel I am able to make my own choices/decisions about my life.": "I can make my own "
    "choices.",
    "I know and understand how to keep myself healthy.": "I know how to stay healthy.",
    "I know who to turn to when I am not feeling 100% positive.": "I know who to talk to when "
    "I feel sad or worried.",
}
# Which Bradford outcome each annual-review statement measures (by the statement's order).
BRADFORD_OUTCOME_FOR = [0, 1, 2, 2, 3, 4, 4, 4, 5, 5]

# Rochdale young people's survey: (statement, easy read, scale, outcome index, comment prompt)
ROCHDALE_YOUNG_PEOPLE = [
    (
        "Do people listen to what you say?",
        "Do people listen to you?",
        YES_NO_MOST_NOW,
        0,
        "What helps people listen to you?",
    ),
    (
        "Do you get to make choices about things that matter to you?",
        "Can you choose things?",
        YES_NO_MOST_NOW,
        0,
        "",
    ),
    (
        "How do you feel most days?",
        "How do you feel?",
        FIVE_FACES,
        1,
        "What makes a good day or a bad day?",
    ),
    (
        "When you need help with your health, do you get it quickly?",
        "Do you get help with your health quickly?",
        YES_NO_MOST_NOW,
        2,
        "Tell us about waiting for help",
    ),
    (
        "Do you feel safe at school?",
        "Do you feel safe at school?",
        YES_NO_MOST_NOW,
        3,
        "What would make school feel safer?",
    ),
    (
        "Do you go to clubs or activities you enjoy?",
        "Do you go to clubs you like?",
        YES_NO_OTHER,
        4,
        "",
    ),
    (
        "What stops you going to clubs or activities?",
        "What stops you going to clubs?",
        FREE_TEXT,
        4,
        "",
    ),
    ("Where do you get support?", "Where do you get help?", WHERE_SUPPORT, 3, ""),
    (
        "Do you feel ready for what comes after school or college?",
        "Are you ready for after school?",
        YES_NO_MOST_NOW,
        5,
        "What would help you get ready?",
    ),
]
ROCHDALE_PARENT_CARERS = [
    (
        "Do you feel listened to by the professionals working with your child?",
        "",
        YES_NO_MOST_NOW,
        0,
        "Tell us about a time you were or were not listened to",
    ),
    (
        "Did you have to repeat your child's story to get support?",
        "",
        YES_NO_MOST_NOW,
        6,
        "What happened?",
    ),
    (
        "Do you get the support you need as a parent carer?",
        "",
        YES_NO_MOST_NOW,
        6,
        "What support would make the biggest difference?",
    ),
    ("How long did you wait for an assessment or therapy for your child?", "", FREE_TEXT, 2, ""),
    (
        "Is information about SEND support easy to find and understand?",
        "",
        YES_NO_OTHER,
        6,
        "What would make information easier?",
    ),
    (
        "How do you feel about your child's future?",
        "",
        FIVE_FACES,
        5,
        "What worries or excites you about the future?",
    ),
]


def seed_surveys(home: HomePage, frameworks: list[dict], rng_seed: int = 2026) -> None:
    scales = seed_scales()
    bradford = _outcomes("Bradford")
    rochdale = _outcomes("Rochdale")
    questionnaire = next(f for f in frameworks if f["area"] == "Bradford")["questionnaire"]

    pupil_voice = _survey(
        home,
        slug="pupil-voice-annual-review",
        title=questionnaire["title"],
        intro=questionnaire["intro"],
        audience=Audience.YOUNG_PEOPLE,
        minutes=5,
        questions=[
            {
                "statement": item["text"],
                "easy_read": BRADFORD_EASY_READ.get(item["text"], ""),
                "scale": scales[YES_NO_MOST_NOW if len(item["answers"]) == 4 else YES_NO_OTHER],
                "outcome": bradford[BRADFORD_OUTCOME_FOR[index]] if bradford else None,
                "comment_prompt": questionnaire["comment_label"],
            }
            for index, item in enumerate(questionnaire["statements"])
        ],
    )
    young_people = _survey(
        home,
        slug="rochdale-young-people",
        title="Tell us what matters to you",
        intro="We want to know what life is like for you, and what would make it better. "
        "Your answers help Rochdale plan support for children and young people with SEND.",
        audience=Audience.YOUNG_PEOPLE,
        minutes=5,
        questions=_rochdale_questions(ROCHDALE_YOUNG_PEOPLE, scales, rochdale),
    )
    # Only people who do not go to clubs are asked what stops them.
    clubs = young_people.questions.filter(statement__startswith="Do you go to clubs").first()
    if clubs and not clubs.skip_if_answer_is:
        clubs.skip_if_answer_is = "Yes"
        clubs.skip_to_question = 8
        clubs.save()
    parent_carers = _survey(
        home,
        slug="rochdale-parent-carers",
        title="Parent carer survey",
        intro="Tell us how well support works for your family. It helps us plan services "
        "for children and young people with SEND and the people who care for them.",
        audience=Audience.PARENT_CARERS,
        minutes=7,
        questions=_rochdale_questions(ROCHDALE_PARENT_CARERS, scales, rochdale),
    )
    rng = random.Random(rng_seed)
    for survey, count in ((pupil_voice, 180), (young_people, 140), (parent_carers, 90)):
        if not survey.responses.exists():
            invent_responses(survey, count, rng)


def _outcomes(area: str) -> list[OutcomePage]:
    framework = OutcomesFrameworkPage.objects.filter(area_name=area).first()
    if framework is None:
        return []
    return list(framework.get_children().type(OutcomePage).specific().order_by("path"))


def _rochdale_questions(rows, scales, outcomes) -> list[dict]:
    return [
        {
            "statement": statement,
            "easy_read": easy,
            "scale": scales[scale],
            "outcome": outcomes[outcome] if outcomes else None,
            "comment_prompt": prompt,
        }
        for statement, easy, scale, outcome, prompt in rows
    ]


def _survey(home, *, slug, title, intro, audience, minutes, questions) -> SurveyPage:
    existing = home.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    survey = SurveyPage(
        title=title, slug=slug, intro=intro, audience=audience, minutes_to_complete=minutes
    )
    for order, question in enumerate(questions):
        survey.questions.add(SurveyQuestion(sort_order=order, **question))
    home.add_child(instance=survey)
    survey.save_revision().publish()
    return survey


def invent_responses(survey: SurveyPage, count: int, rng: random.Random) -> None:
    """Demo responses over the past year, most complete, about half with comments."""
    from . import routing

    questions = survey.active_questions()
    now = timezone.now()
    channels = [Channel.ONLINE] * 5 + [Channel.ANNUAL_REVIEW] * 3 + [Channel.EVENT, Channel.PAPER]
    voices = []
    for _ in range(count):
        started = now - timedelta(days=rng.randint(0, 365), minutes=rng.randint(0, 600))
        response = Response.objects.create(
            survey=survey,
            audience=survey.audience,
            answered_by=rng.choices([c[0] for c in Response.AnsweredBy.choices], weights=[6, 3, 1])[
                0
            ],
            channel=rng.choice(channels),
        )
        complete = rng.random() < 0.85
        answers: dict[int, Answer] = {}
        for question in questions:
            if question not in routing.route(questions, answers):
                continue
            if not complete and rng.random() < 0.3:
                break
            answer = _invent_answer(response, question, rng)
            answers[question.pk] = answer
            voices += _answer_voices(answer, started)
        Response.objects.filter(pk=response.pk).update(
            started_at=started,
            updated_at=started + timedelta(minutes=8),
            completed_at=started + timedelta(minutes=8) if complete else None,
        )
        Answer.objects.filter(response=response).update(answered_at=started, sent=complete)
    Voice.objects.bulk_create(voices)


def _answer_voices(answer: Answer, said_at) -> list[Voice]:
    """The pool's comments for an invented answer, as surveys.answers would store them."""
    return [
        Voice(text=text.strip(), **source, **fields)
        for source, text, fields in answer_voice_parts(answer, said_at)
        if text.strip()
    ]


def comments_about(question: SurveyQuestion) -> list[str]:
    return COMMENTS.get(question.outcome.title if question.outcome else "", COMMENTS[""])


def _invent_answer(response, question, rng) -> Answer:
    options = list(question.scale.options.all())
    special, chosen, text, comment = "", [], "", ""
    roll = rng.random()
    if roll < 0.04 and question.scale.offers_dont_understand:
        special = Answer.Special.DONT_UNDERSTAND
    elif question.scale.is_free_text:
        text = rng.choice(comments_about(question))
    elif question.scale.kind == question.scale.Kind.CHOOSE_ANY:
        chosen = rng.sample(options, k=rng.randint(1, 3))
    else:
        # Lean towards the positive so the demo looks like real surveys do.
        chosen = [rng.choices(options, weights=range(len(options) + 1, 1, -1))[0]]
    if question.comment_prompt and rng.random() < 0.5:
        comment = rng.choice(comments_about(question))
    answer = Answer.objects.create(
        response=response,
        question=question,
        special=special,
        labels=[option.label for option in chosen],
        counts_as=chosen[0].counts_as if len(chosen) == 1 else "not_counted",
        text=text,
        comment=comment,
        may_quote=bool(comment) and rng.random() < 0.6,
    )
    if chosen:
        answer.options.set(chosen)
    return answer
