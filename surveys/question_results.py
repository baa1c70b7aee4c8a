"""Each question's answers at a glance: by option and audience, as a table with a bar per row
(templates/components/figures_table.html: the table is the chart, no script), and the share
of "I don't understand" answers.

Only answers sent count (Answer.objects.sent(), as on the dashboard). Every figure is published by
engagement.disclosure exactly as the dashboard publishes answers (ANSWERS, cell keys from the
answers' ids): the same answers give the same figure on both, so comparing the pages gains
nothing; the table comes from the dashboard's own
answers_by_option (by option, not by the label stored on each answer, so renaming an option
changes no figure). Every option is a row, whatever was said, so a row's presence never tells
none from a few.
"""

from dataclasses import dataclass

from django.db.models import Count, Sum

from engagement.dashboard.tables import ShownTable, counts_table
from engagement.dashboard.thread import answers_by_option
from engagement.disclosure import ANSWERS, Published, Records, publish, share

from .models import Answer, Audience, SurveyPage, SurveyQuestion

AUDIENCES = {Audience.YOUNG_PEOPLE: "Young people", Audience.PARENT_CARERS: "Parent carers"}


@dataclass
class QuestionResults:
    number: int
    question: SurveyQuestion
    table: ShownTable | None  # None for a free-text question: its words are comments
    answered: Published
    dont_understand: Published
    dont_understand_share: str | None


def _records(answers) -> Records:
    found = answers.order_by().aggregate(count=Count("pk"), ids=Sum("pk"))
    return Records(found["count"], found["ids"] or 0)


def question_results(survey: SurveyPage) -> list[QuestionResults]:
    questions = survey.questions.filter(archived=False).select_related("scale")
    results = []
    for number, question in enumerate(questions.prefetch_related("scale__options"), start=1):
        answers = Answer.objects.sent().filter(question=question)
        answered = publish(ANSWERS, _records(answers))
        dont = publish(ANSWERS, _records(answers.filter(special=Answer.Special.DONT_UNDERSTAND)))
        table = None
        if not question.scale.is_free_text:
            by_option = answers_by_option(answers, question, list(AUDIENCES))
            table = counts_table(
                by_option.labelled(str, list(AUDIENCES.values())),
                ANSWERS,
                caption=f"Answers to question {number}, by who answered",
                row_header="Answer",
                largest_first=False,
            )
        dont_share = share(dont, answered)
        results.append(QuestionResults(number, question, table, answered, dont, dont_share))
    return results
