"""Every staff address, as anonymous and as each role: who gets in, who is sent to sign in, and
who is refused. One table, so a new view or role that opens too much shows up here."""

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.models import SafeguardingCase, Voice
from engagement.roles import (
    COMMISSIONER,
    FACILITATOR,
    OFFICER,
    PARENT_CARER_AMBASSADOR,
    SAFEGUARDING_LEAD,
    YOUNG_AMBASSADOR,
)
from surveys.models import FocusGroupSession, SurveyPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ANONYMOUS, ADMIN = "anonymous", "superuser"
PEOPLE = [
    ANONYMOUS,
    OFFICER,
    FACILITATOR,
    COMMISSIONER,
    SAFEGUARDING_LEAD,
    YOUNG_AMBASSADOR,
    PARENT_CARER_AMBASSADOR,
    ADMIN,
]
OK, SIGN_IN, NO = 200, "sign in", 403
# Wagtail sends a signed-in person without admin access back to sign in, with a message; one
# with admin access but not this permission goes to the admin's home page (a 302 elsewhere).
ADMIN_NO, ELSEWHERE = "sign in", 302


def everyone_but(allowed: set, refused=NO) -> dict:
    return {
        person: SIGN_IN if person == ANONYMOUS else OK if person in allowed else refused
        for person in PEOPLE
    }


ALL_STAFF = set(PEOPLE) - {ANONYMOUS}
OFFICERS = {OFFICER, ADMIN}
AMBASSADORS = {YOUNG_AMBASSADOR, PARENT_CARER_AMBASSADOR, ADMIN}

# (name, args from the fixtures, expected status for each person)
MATRIX = [
    ("staff_home", [], everyone_but(ALL_STAFF)),
    # The leads alone: a superuser who must read one joins the role first.
    ("safeguarding_queue", [], everyone_but({SAFEGUARDING_LEAD})),
    ("safeguarding_case", ["case"], everyone_but({SAFEGUARDING_LEAD})),
    ("safeguarding_print", ["case"], everyone_but({SAFEGUARDING_LEAD})),
    ("safeguarding_export", ["case"], everyone_but({SAFEGUARDING_LEAD})),
    # Taking or reassigning is a POST: a GET is refused to everyone (405), before any check.
    ("safeguarding_owner", ["case"], {**dict.fromkeys(PEOPLE, 405)}),
    ("focus_group_sessions", [], everyone_but({OFFICER, FACILITATOR, ADMIN})),
    ("focus_group_new", [], everyone_but({OFFICER, FACILITATOR, ADMIN})),
    # Another facilitator's session: it is not there for them; other roles are refused.
    ("focus_group_session", ["session"], {**everyone_but({OFFICER, ADMIN}), FACILITATOR: 404}),
    ("ambassador_checks", [], everyone_but(AMBASSADORS)),
    ("wagtailadmin_home", [], everyone_but(OFFICERS, refused=ADMIN_NO)),
    ("wagtailadmin_explore_root", [], everyone_but(OFFICERS, refused=ADMIN_NO)),
    ("wagtailsnippets_engagement_voice:list", [], everyone_but(OFFICERS, refused=ADMIN_NO)),
    ("wagtailsnippets_engagement_theme:list", [], everyone_but(OFFICERS, refused=ADMIN_NO)),
    ("comment_imports", [], everyone_but(OFFICERS, refused=ADMIN_NO)),
    (
        "wagtailsnippets_outcomes_cms_indicatorvalue:import",
        [],
        everyone_but(OFFICERS, refused=ADMIN_NO),
    ),
    (
        "wagtailsnippets_outcomes_cms_indicatorvalue:import_template",
        [],
        everyone_but(OFFICERS, refused=ADMIN_NO),
    ),
    ("theme_suggestions", [], everyone_but(OFFICERS, refused=ADMIN_NO)),
    ("survey_results", [], everyone_but(OFFICERS, refused=ADMIN_NO)),
    ("survey_answers_csv", ["survey"], everyone_but(OFFICERS, refused=ADMIN_NO)),
    ("survey_erase_response", [], everyone_but(OFFICERS, refused=ADMIN_NO)),
    ("audit_log:index", [], everyone_but(OFFICERS, refused=ADMIN_NO)),
    ("wagtailusers_users:index", [], {**everyone_but({ADMIN}, ADMIN_NO), OFFICER: ELSEWHERE}),
    ("dashboard:outcomes", [], everyone_but({OFFICER, COMMISSIONER, ADMIN})),
    ("dashboard:themes", [], everyone_but({OFFICER, COMMISSIONER, ADMIN})),
    ("dashboard:reach", [], everyone_but({OFFICER, COMMISSIONER, ADMIN})),
    ("dashboard:loop", [], everyone_but({OFFICER, COMMISSIONER, ADMIN})),
    ("dashboard:figures_csv", [], everyone_but({OFFICER, COMMISSIONER, ADMIN})),
    ("dashboard:figures_xlsx", [], everyone_but({OFFICER, COMMISSIONER, ADMIN})),
    ("dashboard:report_pdf", [], everyone_but({OFFICER, COMMISSIONER, ADMIN})),
    # A theme's comments, redacted: only those who review comments may export them.
    ("dashboard:theme_csv", ["theme"], everyone_but(OFFICERS)),
]


@pytest.fixture
def objects(demo_site):
    now = timezone.now()
    voice = Voice.objects.create(
        text="words", channel="survey", audience="young_person", said_at=now,
        safeguarding_flag=True, analysed_at=now, analysed_text="words",
    )  # fmt: skip
    return {
        "case": SafeguardingCase.objects.create(voice=voice).pk,
        "session": FocusGroupSession.objects.first().pk,
        "survey": SurveyPage.objects.get(slug="pupil-voice-annual-review").pk,
        "theme": "waiting",
    }


def signed_in_as(client, person):
    if person == ADMIN:
        client.force_login(UserFactory(is_superuser=True, is_staff=True))
    elif person != ANONYMOUS:
        client.force_login(UserFactory(roles=[person]))


def outcome(response):
    if response.status_code == 302 and "/login/" in response["Location"]:
        return SIGN_IN
    return response.status_code


@pytest.mark.parametrize("person", PEOPLE)
def test_who_reaches_each_staff_address(client, objects, person):
    signed_in_as(client, person)
    seen, expected = {}, {}
    for name, args, statuses in MATRIX:
        url = reverse(name, args=[objects[a] for a in args])
        seen[name], expected[name] = outcome(client.get(url)), statuses[person]
    assert seen == expected
