"""The dashboard's figures against figures worked out by hand (see conftest.py), with small
numbers suppressed."""

import pytest

from engagement.dashboard import themes
from engagement.dashboard.filters import Filters
from engagement.dashboard.outcomes import outcome_figures
from engagement.dashboard.tables import counts_table
from engagement.models import SafeguardingCase, Voice
from engagement.disclosure import FEWER_THAN, NOT_SHOWN

pytestmark = pytest.mark.django_db


def figures_for(outcome, **filters):
    (figure,) = outcome_figures(Filters(outcome=outcome, **filters), [outcome])
    return figure


def test_the_share_of_positive_answers_this_quarter(
    hand_counted_answers, lunch_outcome, this_quarter
):
    figure = figures_for(lunch_outcome, quarter=this_quarter)
    # 6 + 2 positive of 7 + 3 counted; "I don't understand" is not counted.
    assert figure.overall.percentage == "80%"
    assert figure.overall.answered == "10"
    young, parents = figure.by_audience
    assert young == ("Young people", young[1]) and young[1].percentage == "86%"  # 6 of 7
    assert parents[1].answered == FEWER_THAN and parents[1].percentage is None  # 3 answers
    assert figure.change == f"+30 points since {this_quarter.previous.label}"  # 80% then 50%


def test_all_time_and_each_quarter(hand_counted_answers, lunch_outcome, this_quarter):
    figure = figures_for(lunch_outcome)
    assert figure.overall.percentage == "65%"  # 13 of 20
    trend = dict(figure.trend)
    assert trend[this_quarter].percentage == "80%"
    assert trend[this_quarter.previous].percentage == "50%"
    assert trend[this_quarter.previous.previous].answered == "0"


def test_an_audience_filter_narrows_every_figure(hand_counted_answers, lunch_outcome):
    figure = figures_for(lunch_outcome, audience="parent_carers")
    assert figure.overall.answered == FEWER_THAN and figure.overall.percentage is None
    assert [label for label, _ in figure.by_audience] == ["Parent carers"]


def test_i_dont_understand_is_counted_per_question(
    hand_counted_answers, lunch_outcome, this_quarter
):
    (question,) = figures_for(lunch_outcome, quarter=this_quarter).questions
    assert question.answered == "11"
    assert question.dont_understand == FEWER_THAN  # 1 person: not shown as a number
    assert question.dont_understand_rate is None


def audience_table(filters: Filters):
    counts = themes.theme_counts(filters)
    table = themes.themes_by(themes.in_period(counts, filters), "audience", Voice.Audience.choices)
    return counts_table(table, "By audience", "Theme")


def row(table, label: str) -> list[str]:
    return next(cells for name, cells, _ in table.rows if name == label)


def test_theme_counts_with_primary_and_secondary_suppression(
    hand_counted_comments, lunch_outcome, this_quarter
):
    table = audience_table(Filters(outcome=lunch_outcome, quarter=this_quarter))
    assert table.columns == ["Young person", "Parent carer", "Professional", "Total"]
    # 7 and 2: the 2 is "fewer than 5", and with the row's total of 9 beside it, the 7 would
    # give it away, so the 7 is hidden too.
    assert row(table, "School lunches") == [NOT_SHOWN, FEWER_THAN, "0", "9"]


def test_all_time_counts_and_quarter_by_quarter(hand_counted_comments, lunch_outcome, this_quarter):
    counts = themes.theme_counts(Filters(outcome=lunch_outcome))
    over_time = themes.themes_over_time(counts, [this_quarter.previous, this_quarter])
    assert over_time.loc["School lunches"].tolist() == [2, 9]
    table = audience_table(Filters(outcome=lunch_outcome))
    assert row(table, "School lunches") == [NOT_SHOWN, FEWER_THAN, "0", "11"]


def test_a_comment_older_than_the_recent_quarters_counts_in_all_time_only(
    hand_counted_comments, lunch_comment, lunch_outcome, this_quarter
):
    lunch_comment("parent_carer", quarter=this_quarter.and_before(12)[0])  # three years ago
    counts = themes.theme_counts(Filters(outcome=lunch_outcome))
    assert counts["comments"].sum() == 12
    assert counts[counts["quarter"].isna()]["comments"].sum() == 1
    assert row(audience_table(Filters(outcome=lunch_outcome)), "School lunches")[-1] == "12"


def test_a_rising_theme(hand_counted_comments, lunch_outcome, this_quarter):
    counts = themes.theme_counts(Filters(outcome=lunch_outcome))
    (rising,) = themes.rising(counts, this_quarter)
    assert (rising["name"], rising["now"], rising["before"]) == ("School lunches", 9, 2)


def test_a_comment_with_the_safeguarding_lead_is_never_counted(
    hand_counted_comments, lunch_comment, lunch_outcome, this_quarter
):
    flagged = lunch_comment("young_person", safeguarding_flag=True)
    SafeguardingCase.objects.create(voice=flagged)
    table = audience_table(Filters(outcome=lunch_outcome, quarter=this_quarter))
    assert row(table, "School lunches")[-1] == "9"
    flagged.safeguarding_case.status = SafeguardingCase.Status.NO_CONCERN
    flagged.safeguarding_case.save()
    table = audience_table(Filters(outcome=lunch_outcome, quarter=this_quarter))
    assert row(table, "School lunches")[-1] == "10"


def test_a_machine_theme_rejected_by_a_person_is_not_counted(lunch_comment, lunches, lunch_outcome):
    from engagement.models import ThemeAssignment, ThemeDecision

    for _ in range(6):
        voice = lunch_comment("young_person")
        ThemeAssignment.objects.create(
            voice=voice, theme=lunches, confidence=0.9, source="codebook"
        )
    ThemeDecision.objects.filter(voice=voice, theme=lunches).update(decision="rejected")
    table = audience_table(Filters(outcome=lunch_outcome))
    assert row(table, "School lunches") == ["5", "0", "0", "5"]  # counted once each, one rejected


def test_an_answer_counts_in_the_quarter_of_its_local_date(answer, lunch_outcome):
    """At 23:30 UTC on 30 June it is already 1 July in England (summer time): the database
    puts the answer in the July quarter, as someone reading the dashboard would."""
    from datetime import UTC, date, datetime

    from engagement.dashboard.periods import Quarter
    from surveys.models import Answer

    july = Quarter.containing(date(2026, 7, 1))
    given = answer("young_people", "positive", july)
    Answer.objects.filter(pk=given.pk).update(answered_at=datetime(2026, 6, 30, 23, 30, tzinfo=UTC))
    assert Answer.objects.get(pk=given.pk).quarter == date(2026, 7, 1)
