"""The dashboard's figures against figures worked out by hand (see conftest.py), rounded by
engagement.disclosure: each published count is the rounding of exactly its own records."""

import pytest

from engagement.dashboard import themes
from engagement.dashboard.filters import Filters
from engagement.dashboard.outcomes import outcome_figures
from engagement.dashboard.tables import counts_table
from engagement.disclosure import ANSWERS, COMMENTS, FEWER_THAN, Records, publish
from engagement.models import SafeguardingCase, Voice
from surveys.models import Answer, CountsAs

pytestmark = pytest.mark.django_db


def figures_for(outcome, **filters):
    (figure,) = outcome_figures(Filters(outcome=outcome, **filters), [outcome])
    return figure


def published(queryset, what: str) -> str:
    """The published figure for exactly these records, worked out here from their ids."""
    return str(publish(what, Records.of(queryset.values_list("pk", flat=True))))


def assert_share_from_published(share, positive, counted):
    """The share's counts are the published roundings of these answers, and its percentage
    is worked out from them."""
    assert share.answered == published(counted, ANSWERS)
    shown_positive, shown_counted = share.published
    assert str(shown_positive) == published(positive, ANSWERS)
    assert share.percentage == f"{round(100 * shown_positive.value / shown_counted.value)}%"


def test_the_share_of_positive_answers_this_quarter(
    hand_counted_answers, lunch_outcome, this_quarter
):
    figure = figures_for(lunch_outcome, quarter=this_quarter)
    answers = Answer.objects.filter(question__outcome=lunch_outcome, quarter=this_quarter.start)
    counted = answers.exclude(counts_as=CountsAs.NOT_COUNTED)  # not "I don't understand"
    positive = answers.filter(counts_as=CountsAs.POSITIVE)
    assert counted.count() == 63 and positive.count() == 50
    assert_share_from_published(figure.overall, positive, counted)
    young, parents = figure.by_audience
    young_answers = answers.filter(audience="young_people")
    assert young[0] == "Young people"
    assert_share_from_published(
        young[1], positive.filter(audience="young_people"),
        young_answers.exclude(counts_as=CountsAs.NOT_COUNTED),
    )  # fmt: skip
    # 3 answers: "fewer than 5" or 5, and no share on so few
    assert parents[1].answered == published(counted.filter(audience="parent_carers"), ANSWERS)
    assert parents[1].percentage is None
    last = figure.labelled_trend[-2][1]
    before = Answer.objects.filter(
        question__outcome=lunch_outcome, quarter=this_quarter.previous.start
    )
    assert_share_from_published(last, before.filter(counts_as=CountsAs.POSITIVE), before)
    points = round(figure.overall.value - last.value)
    direction = "up" if points > 0 else "down"
    assert figure.change == (
        f"no change on {this_quarter.previous.label}"
        if points == 0
        else f"{direction} {abs(points)} point{'s' * (abs(points) != 1)} on "
        f"{this_quarter.previous.label}"
    )
    # The headline says the share's period and base, and the change beside the same quarter.
    assert figure.headline == (
        f"{figure.overall.percentage} of {figure.overall.answered} counted answers were "
        f"positive, {this_quarter.label}; {figure.change}"
    )


def test_an_all_time_headline_puts_the_change_beside_the_latest_quarter(
    hand_counted_answers, lunch_outcome, this_quarter
):
    figure = figures_for(lunch_outcome)
    latest = dict(figure.trend)[this_quarter]
    assert figure.headline.startswith(
        f"{figure.overall.percentage} of {figure.overall.answered} counted answers were "
        "positive, all time. Latest quarter: "
        f"{latest.percentage} of {latest.answered} counted answers were positive, "
        f"{this_quarter.label}; "
    )
    assert figure.headline.endswith(figure.change)


def test_all_time_and_each_quarter(hand_counted_answers, lunch_outcome, this_quarter):
    figure = figures_for(lunch_outcome)
    answers = Answer.objects.filter(question__outcome=lunch_outcome)
    assert_share_from_published(
        figure.overall,
        answers.filter(counts_as=CountsAs.POSITIVE),
        answers.exclude(counts_as=CountsAs.NOT_COUNTED),
    )
    trend = dict(figure.trend)
    before = answers.filter(quarter=this_quarter.previous.start)
    assert_share_from_published(
        trend[this_quarter.previous], before.filter(counts_as=CountsAs.POSITIVE), before
    )
    assert trend[this_quarter.previous.previous].answered == FEWER_THAN  # none at all


def test_a_share_on_fewer_than_50_is_not_shown(answer, lunch_outcome, this_quarter):
    for _ in range(40):
        answer("young_people", CountsAs.POSITIVE, this_quarter)
    figure = figures_for(lunch_outcome)
    assert figure.overall.answered in ("35", "40", "45") and figure.overall.percentage is None
    # One rule, in the same words everywhere, never a count that seems to contradict it.
    assert figure.overall.shown == "not shown: fewer than 50 counted answers"
    assert "not shown: fewer than 50 counted answers" in figure.headline


def test_an_audience_filter_narrows_every_figure(hand_counted_answers, lunch_outcome):
    figure = figures_for(lunch_outcome, audience="parent_carers")
    answers = Answer.objects.filter(question__outcome=lunch_outcome, audience="parent_carers")
    counted = answers.exclude(counts_as=CountsAs.NOT_COUNTED)
    assert figure.overall.answered == published(counted, ANSWERS)  # 3
    assert figure.overall.percentage is None
    assert [label for label, _ in figure.by_audience] == ["Parent carers"]


def test_i_dont_understand_is_counted_per_question(
    hand_counted_answers, lunch_outcome, this_quarter
):
    (question,) = figures_for(lunch_outcome, quarter=this_quarter).questions
    answers = Answer.objects.filter(question__outcome=lunch_outcome, quarter=this_quarter.start)
    assert question.answered == published(answers, ANSWERS)  # 64
    dont = answers.filter(special="dont_understand")
    assert question.dont_understand == published(dont, ANSWERS)  # 1: "fewer than 5" or 5
    assert question.dont_understand_rate == 'not shown: fewer than 5 "I don\'t understand"'


def audience_table(filters: Filters):
    counts = themes.theme_counts(filters)
    table = themes.themes_by(themes.in_period(counts, filters), "audience", Voice.Audience.choices)
    return counts_table(table, COMMENTS, "By audience", "Theme")


def row(table, label: str) -> list[str]:
    return next(cells for name, cells, _ in table.rows if name == label)


def test_theme_counts_are_rounded_and_small_ones_never_told_from_none(
    hand_counted_comments, lunch_outcome, this_quarter
):
    table = audience_table(Filters(outcome=lunch_outcome, quarter=this_quarter))
    assert table.columns == ["Young person", "Parent carer", "Professional", "Total"]
    lunch = Voice.objects.filter(outcome=lunch_outcome, said_at__gte=this_quarter.bounds()[0])
    young = lunch.filter(audience="young_person")
    # 7, 2 and none: the 7 is 5, 10 or 15, the 2 "fewer than 5" or 5 like any count, none is
    # "fewer than 5"; the total is rounded from its own 9 comments, not added up.
    parents = lunch.filter(audience="parent_carer")
    assert row(table, "School lunches") == [
        published(young, COMMENTS), published(parents, COMMENTS), FEWER_THAN,
        published(lunch, COMMENTS),
    ]  # fmt: skip
    assert row(table, "School lunches")[0] in ("5", "10", "15")


def test_the_same_comments_publish_the_same_figure_whatever_filter_reached_them(
    hand_counted_comments, lunch_outcome, this_quarter
):
    """All the lunch comments are about the lunch outcome and came through surveys: filtering
    by either, or by the young people themselves, reaches the same 7 young people's comments,
    and every way shows the same figure, so comparing filters gains nothing."""
    base = {"outcome": lunch_outcome, "quarter": this_quarter}
    ways = [
        Filters(**base),
        Filters(**base, audience="young_people"),
        Filters(**base, channel="survey"),
        Filters(quarter=this_quarter, channel="survey"),
    ]
    young = {row(audience_table(filters), "School lunches")[0] for filters in ways}
    assert len(young) == 1
    by_young = audience_table(Filters(**base, audience="young_people"))
    assert row(by_young, "School lunches")[-1] == young.pop()  # the total of the same records


def test_all_time_counts_and_quarter_by_quarter(hand_counted_comments, lunch_outcome, this_quarter):
    counts = themes.theme_counts(Filters(outcome=lunch_outcome))
    over_time = themes.themes_over_time(counts, [this_quarter.previous, this_quarter])
    assert over_time.counts.loc["School lunches"].tolist() == [2, 9]
    table = audience_table(Filters(outcome=lunch_outcome))
    lunch = Voice.objects.filter(outcome=lunch_outcome)
    assert row(table, "School lunches")[-1] == published(lunch, COMMENTS)  # 11


def test_a_comment_older_than_the_recent_quarters_counts_in_all_time_only(
    hand_counted_comments, lunch_comment, lunch_outcome, this_quarter
):
    lunch_comment("parent_carer", quarter=this_quarter.and_before(12)[0])  # three years ago
    counts = themes.theme_counts(Filters(outcome=lunch_outcome))
    assert counts["comments"].sum() == 12
    assert counts[counts["quarter"].isna()]["comments"].sum() == 1
    lunch = Voice.objects.filter(outcome=lunch_outcome)
    assert row(audience_table(Filters(outcome=lunch_outcome)), "School lunches")[-1] == published(
        lunch, COMMENTS
    )


def test_a_rising_theme_is_read_from_published_counts(
    hand_counted_comments, lunch_outcome, this_quarter
):
    counts = themes.theme_counts(Filters(outcome=lunch_outcome))
    (rising,) = themes.rising(counts, this_quarter)
    now = Voice.objects.filter(outcome=lunch_outcome, said_at__gte=this_quarter.bounds()[0])
    assert rising["name"] == "School lunches"
    assert str(rising["now"]) == published(now, COMMENTS)  # 9: 5 or 10
    before = Voice.objects.filter(outcome=lunch_outcome, said_at__lt=this_quarter.bounds()[0])
    assert str(rising["before"]) == published(before, COMMENTS)  # 2


def test_a_comment_with_the_safeguarding_lead_is_never_counted(
    hand_counted_comments, lunch_comment, lunch_outcome, this_quarter
):
    lunch = Voice.objects.filter(outcome=lunch_outcome, said_at__gte=this_quarter.bounds()[0])
    nine = list(lunch.values_list("pk", flat=True))
    flagged = lunch_comment("young_person", safeguarding_flag=True)
    SafeguardingCase.objects.create(voice=flagged)
    table = audience_table(Filters(outcome=lunch_outcome, quarter=this_quarter))
    assert row(table, "School lunches")[-1] == str(publish(COMMENTS, Records.of(nine)))
    flagged.safeguarding_case.status = SafeguardingCase.Status.NO_CONCERN
    flagged.safeguarding_case.save()
    table = audience_table(Filters(outcome=lunch_outcome, quarter=this_quarter))
    assert row(table, "School lunches")[-1] == published(lunch, COMMENTS)  # all 10


def test_a_machine_theme_rejected_by_a_person_is_not_counted(lunch_comment, lunches, lunch_outcome):
    from engagement.models import ThemeAssignment
    from engagement.themes import REJECTED, decide, record_machine_themes

    for _ in range(6):
        voice = lunch_comment("young_person")
        assigned = ThemeAssignment(voice=voice, theme=lunches, confidence=0.9, source="codebook")
        record_machine_themes([voice.pk], [assigned])
    decide([voice], lunches, REJECTED, None)
    table = audience_table(Filters(outcome=lunch_outcome))
    carried = Voice.objects.filter(outcome=lunch_outcome).exclude(pk=voice.pk)  # counted once
    assert carried.count() == 5
    shown = published(carried, COMMENTS)
    assert row(table, "School lunches") == [shown, FEWER_THAN, FEWER_THAN, shown]


def test_an_answer_counts_in_the_quarter_of_its_local_date(answer, lunch_outcome):
    """At 23:30 UTC on 30 June it is already 1 July in England (summer time): the database
    puts the answer in the July quarter, as someone reading the dashboard would."""
    from datetime import UTC, date, datetime

    from engagement.dashboard.periods import Quarter

    july = Quarter.containing(date(2026, 7, 1))
    given = answer("young_people", "positive", july)
    Answer.objects.filter(pk=given.pk).update(answered_at=datetime(2026, 6, 30, 23, 30, tzinfo=UTC))
    assert Answer.objects.get(pk=given.pk).quarter == date(2026, 7, 1)
