"""Each question's answers at a glance: by option and audience, as a table with a bar per row
(templates/components/figures_table.html: the table is the chart, no script), and the share
of "I don't understand" answers.

Every figure is published by engagement.disclosure exactly as the dashboard publishes answers
(ANSWERS, cell keys from the answers' ids): the same answers give the same figure on both, so
comparing the pages gains nothing. Every option is a row, whatever was said, so a row's
presence never tells none from a few.
"""

from dataclasses import dataclass

import pandas as pd

from engagement.dashboard.tables import RecordTable, ShownTable, counts_table
from engagement.disclosure import ANSWERS, Published, Records, publish, share

from .models import Answer, Audience, SurveyPage, SurveyQuestion

AUDIENCES = {Audience.YOUNG_PEOPLE: "Young people", Audience.PARENT_CARERS: "Parent carers"}
SPECIALS = {
    Answer.Special.DONT_UNDERSTAND: "I don't understand",
    Answer.Special.PREFER_NOT_TO_SAY: "Prefer not to say",
    Answer.Special.SKIPPED: "Skipped",
}


@dataclass
class QuestionResults:
    number: int
    question: SurveyQuestion
    table: ShownTable | None  # None for a free-text question: its words are comments
    answered: Published
    dont_understand: Published
    dont_understand_share: str | None


def _rows(question: SurveyQuestion) -> list[str]:
    """Every row the question's table lists, whatever was said."""
    scale = question.scale
    rows = [option.label for option in scale.options.all()]
    if scale.offers_dont_understand:
        rows.append(SPECIALS[Answer.Special.DONT_UNDERSTAND])
    if scale.offers_prefer_not_to_say:
        rows.append(SPECIALS[Answer.Special.PREFER_NOT_TO_SAY])
    if not question.required:
        rows.append(SPECIALS[Answer.Special.SKIPPED])
    return rows


def answers_frame(survey: SurveyPage) -> pd.DataFrame:
    """One row per answer and option chosen (a "choose any" answer is in each of its rows)."""
    answers = Answer.objects.filter(question__page=survey).values_list(
        "pk", "question_id", "audience", "labels", "special"
    )
    frame = pd.DataFrame.from_records(
        list(answers), columns=["id", "question", "audience", "labels", "special"]
    )
    if frame.empty:
        return frame.assign(row=[])
    frame["row"] = [
        [SPECIALS[special]] if special else list(labels or [])
        for labels, special in zip(frame["labels"], frame["special"], strict=True)
    ]
    return frame.explode("row")


def _records(frame: pd.DataFrame) -> Records:
    ids = frame["id"].drop_duplicates()
    return Records(len(ids), int(ids.sum()) if len(ids) else 0)


def question_results(survey: SurveyPage) -> list[QuestionResults]:
    frame = answers_frame(survey)
    questions = survey.questions.filter(archived=False).select_related("scale")
    results = []
    for number, question in enumerate(questions.prefetch_related("scale__options"), start=1):
        own = frame[frame["question"] == question.pk] if not frame.empty else frame
        answered = publish(ANSWERS, _records(own)) if not own.empty else publish(ANSWERS, Records())
        dont = own[own["special"] == Answer.Special.DONT_UNDERSTAND] if not own.empty else own
        dont_published = publish(ANSWERS, _records(dont) if not dont.empty else Records())
        table = None
        if not question.scale.is_free_text:
            table = counts_table(
                _by_row_and_audience(own, _rows(question)),
                ANSWERS,
                caption=f"Answers to question {number}, by who answered",
                row_header="Answer",
                largest_first=False,
            )
        results.append(
            QuestionResults(
                number, question, table, answered, dont_published, share(dont_published, answered)
            )
        )
    return results


def _by_row_and_audience(own: pd.DataFrame, rows: list[str]) -> RecordTable:
    columns = list(AUDIENCES)
    if own.empty:
        zeros = pd.DataFrame(0, index=rows, columns=columns)
        return RecordTable(zeros, zeros.copy()).labelled(str, list(AUDIENCES.values()))
    grouped = own.groupby(["row", "audience"])["id"]
    counts = grouped.count().unstack(fill_value=0).reindex(index=rows, columns=columns)
    id_sums = grouped.sum().unstack(fill_value=0).reindex(index=rows, columns=columns)
    return RecordTable(counts.fillna(0), id_sums.fillna(0)).labelled(str, list(AUDIENCES.values()))
