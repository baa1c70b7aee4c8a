import datetime

import pytest

from engagement.dashboard.reach import PARENT_CARERS, YOUNG_PEOPLE, people_heard, reach_rows
from surveys.models import FocusGroupSession, Response
from tests.factories import FocusGroupSessionFactory

pytestmark = pytest.mark.django_db


def test_reach_adds_completed_survey_respondents_and_session_attendees(demo_site):
    before = people_heard()
    completed_young = Response.objects.filter(
        completed_at__isnull=False, audience="young_people"
    ).count()
    attendees_young = sum(s.young_people_count for s in FocusGroupSession.objects.all())
    assert before[YOUNG_PEOPLE].count == completed_young + attendees_young

    FocusGroupSession.objects.create(
        title="New group",
        held_on=datetime.date(2026, 11, 1),
        setting_type="youth_group",
        young_people_count=6,
        parent_carer_count=2,
        consent="verbal",
    )
    after = people_heard()
    assert after[YOUNG_PEOPLE].count == before[YOUNG_PEOPLE].count + 6
    assert after[PARENT_CARERS].count == before[PARENT_CARERS].count + 2
    youth_group = [row for row in reach_rows() if row["setting"] == "Youth group"]
    assert {(row["audience"], row["people"]) for row in youth_group} == {
        (YOUNG_PEOPLE, 6),
        (PARENT_CARERS, 2),
    }


def test_demo_focus_groups_are_like_rochdales(demo_site):
    sessions = FocusGroupSession.objects.all()
    assert sessions.count() == 6
    assert sessions.filter(parent_carer_count__gt=0).count() == 1
    contributions = sum(s.contributions.count() for s in sessions)
    assert 70 <= contributions <= 90


def test_each_council_hears_only_the_people_who_spoke_about_its_outcomes(demo_site):
    """A response counts for the council whose outcomes its survey asks about; a focus group
    for the council whose outcomes it talked about; one about no outcome counts for each."""
    from engagement.dashboard.filters import Filters
    from outcomes_cms.models import OutcomePage, OutcomesFrameworkPage
    from surveys.models import SessionPrompt, SurveyQuestion

    def heard(council, setting="") -> int:
        rows = reach_rows(Filters(framework=council))
        return sum(row["people"] for row in rows if (row["setting"] == "") == (setting == ""))

    completed = Response.objects.filter(completed_at__isnull=False)
    councils = list(OutcomesFrameworkPage.objects.all())
    counts = []
    for council in councils:
        its_surveys = SurveyQuestion.objects.filter(outcome__path__startswith=council.path)
        counts.append(completed.filter(survey_id__in=its_surveys.values("page_id")).count())
        assert heard(council) == counts[-1]
    assert sum(counts) == completed.count() and max(counts) < completed.count()

    first, second = councils[:2]
    group = FocusGroupSessionFactory(setting_type="youth_group", young_people_count=7)
    before = heard(first, "sessions"), heard(second, "sessions")
    assert before[0] >= 7 and before[1] >= 7  # about no outcome yet: each council's
    SessionPrompt.objects.create(
        session=group, text="What helps?", outcome=OutcomePage.objects.child_of(second).first()
    )
    assert (heard(first, "sessions"), heard(second, "sessions")) == (before[0] - 7, before[1])
