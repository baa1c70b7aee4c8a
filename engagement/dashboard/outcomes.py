"""How the area is doing against each outcome, in young people's and parent carers' words.

Qualitative indicators come live from the survey questions linked to each outcome: the share of
counted answers that are positive, worked out from the published (rounded) counts.
Quantitative ones come from the values officers enter.
"""

import collections
from dataclasses import dataclass, field

import pandas as pd
from django.db.models import Count, Sum

from engagement.disclosure import (
    ANSWERS,
    Published,
    Records,
    publish,
    share,
    share_value,
    share_withheld,
)
from outcomes_cms.models import IndicatorValue, OutcomeIndicator, OutcomePage
from surveys.models import Answer, CountsAs, SurveyQuestion

from .filters import AUDIENCES, Filters
from .periods import Quarter, quarters_from_starts, recent_quarters

COUNTED = [CountsAs.POSITIVE, CountsAs.NEUTRAL, CountsAs.NEGATIVE]
TALLIES = ["answered", "counted", "positive", "dont"]  # each with the sum of its answers' ids
TREND_QUARTERS = 4


@dataclass
class Share:
    """Positive answers out of counted ones (the records of each), as it may be shown."""

    positive: Records
    counted: Records

    @property
    def published(self) -> tuple[Published, Published]:
        return publish(ANSWERS, self.positive), publish(ANSWERS, self.counted)

    @property
    def percentage(self) -> str | None:
        return share(*self.published)

    @property
    def value(self) -> float | None:
        """The share as a number 0-100, only when it may be shown (for bars and changes)."""
        return share_value(*self.published)

    @property
    def answered(self) -> str:
        return str(publish(ANSWERS, self.counted))

    @property
    def shown(self) -> str:
        """The share, or why it is not shown (engagement.disclosure's one rule)."""
        return self.percentage or share_withheld(*self.published, of="counted answers")

    @property
    def brief(self) -> str:
        """For a summary table's cell: "58% of 410", or why the share is not shown."""
        if self.percentage:
            return f"{self.percentage} of {self.answered}"
        return f"{self.answered} answers; {self.shown}"

    def sentence(self, period: str) -> str:
        """The share with its base and its period: "58% of 410 counted answers were positive,
        Jul to Sep 2026"."""
        if self.percentage:
            return f"{self.percentage} of {self.answered} counted answers were positive, {period}"
        return f"{period}: {self.answered} counted answers; the share is {self.shown}"


@dataclass
class QuestionFigures:
    statement: str
    answered: str
    dont_understand: str
    dont_understand_rate: str  # a percentage, or why it is not shown


@dataclass
class OutcomeFigures:
    outcome: OutcomePage
    overall: Share
    by_audience: list[tuple[str, Share]]
    trend: list[tuple[Quarter, Share]]  # oldest first
    change: str | None  # e.g. "up 6 points on Jan to Mar 2026", when both may be shown
    period: str = "all time"  # what `overall` covers: the chosen quarter, or all time
    latest: Quarter | None = None  # the quarter the change is worked out for
    questions: list[QuestionFigures] = field(default_factory=list)
    measures: list[IndicatorValue] = field(default_factory=list)

    @property
    def labelled_trend(self) -> list[tuple[str, Share]]:
        return [(quarter.label, share) for quarter, share in self.trend]

    @property
    def headline(self) -> str:
        """Each figure with its period and base, and the change beside the quarter it is for:
        an all-time share is never set beside a last-quarter change."""
        if self.period != "all time":
            return self.overall.sentence(self.period) + (f"; {self.change}" if self.change else "")
        text = self.overall.sentence("all time")
        if self.latest:
            text += ". Latest quarter: " + self.latest_share.sentence(self.latest.label)
            text += f"; {self.change}" if self.change else ""
        return text

    @property
    def latest_share(self) -> "Share":
        return dict(self.trend).get(self.latest, NO_ANSWERS) if self.latest else NO_ANSWERS

    @property
    def measured(self) -> bool:
        """Whether any survey question measures this outcome (not whether anyone answered:
        that would tell none from a few)."""
        return bool(self.questions)


def answer_counts(filters: Filters) -> pd.DataFrame:
    """Answers by outcome, question, audience and quarter: one grouped query over the plain
    columns of one index (surveys.Answer's "answer_tally"), then sums in pandas."""
    asked = SurveyQuestion.objects.filter(outcome__isnull=False, archived=False)
    outcome_of = dict(asked.values_list("pk", "outcome_id"))
    answers = filters.answers(Answer.objects.filter(question_id__in=list(outcome_of)))
    rows = (
        answers.values("question_id", "audience", "quarter", "counts_as", "special")
        .annotate(answers=Count("pk"), ids=Sum("pk"))
        .values_list("question_id", "audience", "quarter", "counts_as", "special", "answers", "ids")
        .order_by()
    )
    grouped = pd.DataFrame.from_records(
        list(rows),
        columns=["question", "audience", "quarter", "counts_as", "special", "answers", "ids"],
    )
    is_counted = grouped["counts_as"].isin(COUNTED)
    is_positive = grouped["counts_as"] == CountsAs.POSITIVE
    is_dont = grouped["special"] == Answer.Special.DONT_UNDERSTAND
    columns = {}
    for name, kept in (("counted", is_counted), ("positive", is_positive), ("dont", is_dont)):
        columns[name] = grouped["answers"].where(kept, 0)
        columns[f"{name}_ids"] = grouped["ids"].where(kept, 0)
    grouped = grouped.assign(
        outcome=grouped["question"].map(outcome_of),
        # Recent quarters only, as on every dashboard page; older answers count in "all time".
        quarter=quarters_from_starts(grouped["quarter"], recent_quarters()),
        answered=grouped["answers"],
        answered_ids=grouped["ids"],
        **columns,
    )
    keys = ["outcome", "question", "audience", "quarter"]
    return grouped.groupby(keys, as_index=False, dropna=False, sort=False)[SUMMED].sum()


SUMMED = [*TALLIES, *(f"{tally}_ids" for tally in TALLIES)]
NO_ANSWERS = Share(Records(), Records())


def _shares_by(frame: pd.DataFrame, keys: list[str]) -> dict[tuple, Share]:
    """The share for each combination of `keys`, summed in one pass over the grouped rows
    (a few thousand): far quicker than a pandas filter or groupby per outcome."""
    sums: dict[tuple, list[int]] = collections.defaultdict(lambda: [0, 0, 0, 0])
    wanted = [*keys, "positive", "positive_ids", "counted", "counted_ids"]
    for *key, positive, positive_ids, counted, counted_ids in frame[wanted].itertuples(index=False):
        total = sums[tuple(key)]
        total[0] += positive
        total[1] += positive_ids
        total[2] += counted
        total[3] += counted_ids
    return {
        key: Share(Records(int(p), int(p_ids)), Records(int(c), int(c_ids)))
        for key, (p, p_ids, c, c_ids) in sums.items()
    }


def outcome_figures(filters: Filters, outcomes: list[OutcomePage]) -> list[OutcomeFigures]:
    counts = answer_counts(filters)
    # The trend ends this quarter, not at the latest quarter with answers: where the answers
    # stop would tell none from a few.
    latest = filters.quarter or recent_quarters(1)[0]
    questions = _questions_by_outcome(outcomes)
    measures = _latest_measures(filters, outcomes)
    chosen = counts[counts["quarter"] == filters.quarter] if filters.quarter else counts
    overall = _shares_by(chosen, ["outcome"])
    by_audience = _shares_by(chosen, ["outcome", "audience"])
    by_quarter = _shares_by(counts, ["outcome", "quarter"])
    # Split once by outcome: each outcome's questions then come from its own few grouped rows.
    chosen_by_outcome = dict(tuple(chosen.groupby("outcome")))
    figures = []
    for outcome in outcomes:
        figures.append(
            OutcomeFigures(
                outcome=outcome,
                overall=overall.get((outcome.pk,), NO_ANSWERS),
                by_audience=[
                    (label, by_audience.get((outcome.pk, response_audience), NO_ANSWERS))
                    for key, (label, response_audience, _) in AUDIENCES.items()
                    if not filters.audience or filters.audience == key
                ],
                trend=_trend(by_quarter, outcome.pk, latest),
                change=_change(by_quarter, outcome.pk, latest),
                period=filters.quarter.label if filters.quarter else "all time",
                latest=latest,
                questions=_question_figures(
                    chosen_by_outcome.get(outcome.pk, counts.iloc[0:0]),
                    questions.get(outcome.pk, []),
                ),
                measures=measures.get(outcome.pk, []),
            )
        )
    return figures


def _trend(by_quarter: dict, outcome: int, latest: Quarter) -> list[tuple[Quarter, Share]]:
    quarters = latest.and_before(TREND_QUARTERS - 1)
    return [(quarter, by_quarter.get((outcome, quarter), NO_ANSWERS)) for quarter in quarters]


def _change(by_quarter: dict, outcome: int, latest: Quarter) -> str | None:
    """The change in the positive share since the quarter before, in percentage points."""
    now = by_quarter.get((outcome, latest), NO_ANSWERS).value
    before = by_quarter.get((outcome, latest.previous), NO_ANSWERS).value
    if now is None or before is None:
        return None
    points = round(now - before)
    if points == 0:
        return f"no change on {latest.previous.label}"
    direction = "up" if points > 0 else "down"
    unit = "point" if abs(points) == 1 else "points"
    return f"{direction} {abs(points)} {unit} on {latest.previous.label}"


def _questions_by_outcome(outcomes: list[OutcomePage]) -> dict[int, list[tuple[int, str]]]:
    """Every question that measures each outcome, answered or not: a row only for questions
    with answers would tell none from a few."""
    asked = SurveyQuestion.objects.filter(outcome__in=outcomes, archived=False).order_by("pk")
    questions: dict[int, list[tuple[int, str]]] = collections.defaultdict(list)
    for question, outcome, statement in asked.values_list("pk", "outcome_id", "statement"):
        questions[outcome].append((question, statement))
    return questions


def _question_figures(frame: pd.DataFrame, questions: list[tuple[int, str]]) -> list:
    """Each question's "I don't understand" rate: it tells officers a question needs rewording."""
    rows = []
    by_question = dict(tuple(frame.groupby("question")))
    for question, statement in questions:
        answers = by_question.get(question, frame.iloc[0:0])
        answered = publish(ANSWERS, Records(*_summed(answers, "answered")))
        dont = publish(ANSWERS, Records(*_summed(answers, "dont")))
        rows.append(
            QuestionFigures(
                statement=statement,
                answered=str(answered),
                dont_understand=str(dont),
                dont_understand_rate=share(dont, answered)
                or share_withheld(dont, answered, part_is='"I don\'t understand"'),
            )
        )
    return rows


def _summed(frame: pd.DataFrame, tally: str) -> tuple[int, int]:
    return int(frame[tally].sum()), int(frame[f"{tally}_ids"].sum())


def _latest_measures(filters: Filters, outcomes: list[OutcomePage]) -> dict[int, list]:
    """Each quantitative indicator's value for the chosen quarter, or its latest value."""
    values = IndicatorValue.objects.filter(
        indicator__page__in=outcomes, indicator__kind=OutcomeIndicator.Kind.QUANTITATIVE
    ).select_related("indicator")
    if filters.quarter:
        values = values.filter(period_start=filters.quarter.start)
    latest: dict[int, IndicatorValue] = {}
    for value in values.order_by("indicator_id", "-period_start"):
        latest.setdefault(value.indicator_id, value)
    by_outcome: dict[int, list] = {}
    for value in latest.values():
        by_outcome.setdefault(value.indicator.page_id, []).append(value)
    return by_outcome
