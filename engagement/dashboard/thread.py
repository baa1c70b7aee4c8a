"""The golden thread, both ways: an outcome to its questions' answers, the themes of comments
about it and the "You said, we did" pages and actions for it; a theme to its pages; a comment to
its themes, outcome, the action taken and whether its author was told.

Every count is published by engagement.disclosure (answers by option are rounded like any
answer count: the same answers give the same figure wherever they appear).
"""

from dataclasses import dataclass, replace

import pandas as pd
from django.db.models import Count, Q, Sum

from engagement.disclosure import ANSWERS, BASE, COMMENTS, PEOPLE_TOLD, Published, publish
from engagement.models import Theme, Voice
from engagement.themes import carrying, themes_of
from outcomes_cms.models import OutcomePage
from surveys.models import Answer, HearBackRequest, SurveyQuestion
from you_said_we_did.models import Notification, YouSaidWeDidPage

from . import themes
from .filters import AUDIENCES, Filters
from .loop import pages_for
from .periods import quarter_of, quarters_from_starts, recent_quarters
from .tables import RecordTable, ShownTable, counts_table

TREND_QUARTERS = 4


@dataclass
class QuestionBreakdown:
    question: SurveyQuestion
    by_audience: ShownTable
    by_quarter: ShownTable


@dataclass
class Change:
    """A "You said, we did" page as the thread shows it: status, actions and people told."""

    page: YouSaidWeDidPage
    actions: list
    people_told: Published


def question_breakdowns(filters: Filters, outcome: OutcomePage) -> list[QuestionBreakdown]:
    """Each question measuring the outcome: its answers by option (every option of its scale,
    and "I don't understand" and the like), by audience and by quarter."""
    questions = SurveyQuestion.objects.filter(outcome=outcome, archived=False).select_related(
        "scale"
    )
    return [_breakdown(filters, question) for question in questions.order_by("pk")]


def _breakdown(filters: Filters, question: SurveyQuestion) -> QuestionBreakdown:
    answers = filters.answers(Answer.objects.filter(question=question))
    chosen = answers.filter(quarter=filters.quarter.start) if filters.quarter else answers
    options, specials = _option_labels(question)
    rows = [*options.values(), *specials.values()]  # every row, answered or not
    audiences = {value: label for label, value, _ in AUDIENCES.values()}
    if filters.audience:
        audiences = {AUDIENCES[filters.audience][1]: AUDIENCES[filters.audience][0]}
    latest = filters.quarter or recent_quarters(1)[0]
    quarters = latest.and_before(TREND_QUARTERS - 1)

    by_audience = answers_by_option(chosen, question, list(audiences))
    by_quarter = _by_option(
        answers.filter(quarter__in=[q.start for q in quarters]), options, specials, "quarter"
    )
    by_quarter = RecordTable(
        by_quarter.counts.rename(columns=dict(zip(by_quarter.columns, quarters_from_starts(
            by_quarter.columns, quarters), strict=True))),
        by_quarter.id_sums.rename(columns=dict(zip(by_quarter.columns, quarters_from_starts(
            by_quarter.columns, quarters), strict=True))),
    ).reindex(index=rows, columns=quarters, fill_value=0)  # fmt: skip
    period = filters.quarter.label if filters.quarter else "all time"
    return QuestionBreakdown(
        question=question,
        by_audience=counts_table(
            by_audience.labelled(str, list(audiences.values())), ANSWERS,
            f"Answers by option and who answered, {period}", "Answer",
            largest_first=False, total_label="All answers to this question",
        ),
        by_quarter=counts_table(
            by_quarter.labelled(str, [q.financial_label for q in quarters]), ANSWERS,
            f"Answers by option, in the four quarters to {latest.label}", "Answer",
            largest_first=False, total_label="All answers in these quarters",
        ),
    )  # fmt: skip


def _option_labels(question: SurveyQuestion) -> tuple[dict, dict]:
    options = {option.pk: option.label for option in question.scale.options.all()}
    specials = {value: label for value, label in Answer.Special.choices if value}
    return options, specials


def answers_by_option(answers, question: SurveyQuestion, audiences: list) -> RecordTable:
    """The question's answers (and the sum of their ids) by option and audience, every option
    and special answer a row: the one way answers are counted by option, so the dashboard and
    the survey results publish the same figure for the same answers."""
    options, specials = _option_labels(question)
    rows = [*options.values(), *specials.values()]
    table = _by_option(answers, options, specials, "audience")
    return table.reindex(index=rows, columns=audiences, fill_value=0)


def _by_option(answers, options: dict, specials: dict, column: str) -> RecordTable:
    """Answers (and the sum of their ids) by option label and `column`: one grouped query for
    the options chosen and one for the special answers."""
    through = Answer.options.through
    chosen = (
        through.objects.filter(answer__in=answers.values("pk"), scaleoption_id__in=options)
        .values_list("scaleoption_id", f"answer__{column}")
        .annotate(answers=Count("answer_id"), ids=Sum("answer_id"))
        .order_by()
    )
    special = (
        answers.exclude(special="")
        .values_list("special", column)
        .annotate(answers=Count("pk"), ids=Sum("pk"))
        .order_by()
    )
    records = [(options[o], key, n, ids) for o, key, n, ids in chosen]
    records += [(specials.get(s, s), key, n, ids) for s, key, n, ids in special]
    frame = pd.DataFrame(records, columns=["row", "column", "answers", "ids"])
    if frame.empty:
        nothing = pd.DataFrame(dtype="int64")
        return RecordTable(nothing, nothing.copy())
    summed = frame.groupby(["row", "column"])[["answers", "ids"]].sum()
    return RecordTable(
        summed["answers"].unstack("column", fill_value=0).astype("int64"),
        summed["ids"].unstack("column", fill_value=0).astype("int64"),
    )


def outcome_themes(filters: Filters, outcome: OutcomePage) -> ShownTable:
    """The themes of the comments about this outcome, by who said them."""
    about = replace(filters, outcome=outcome)
    counts = themes.in_period(themes.theme_counts(about), about)
    return counts_table(
        themes.themes_by(counts, "audience", Voice.Audience.choices), COMMENTS,
        "Comments about this outcome, in each theme, by who said them", "Theme",
        total_label="All themes (a comment in two themes counts in both)",
    )  # fmt: skip


def changes(pages) -> list[Change]:
    """Each page with its actions and the people told about it (published)."""
    from you_said_we_did.notifications import told

    pages = pages.order_by("-first_published_at").prefetch_related("actions")
    return [
        Change(page, list(page.actions.all()), publish(PEOPLE_TOLD, told(page.notifications)))
        for page in pages
    ]


def changes_for_outcome(filters: Filters, outcome: OutcomePage) -> list[Change]:
    return changes(pages_for(filters).filter(outcomes=outcome))


def changes_for_theme(filters: Filters, theme: Theme) -> list[Change]:
    return changes(pages_for(filters).filter(themes=theme))


@dataclass
class CommentThread:
    voice: Voice
    themes: list[Theme]
    changes: list[Change]
    told: str  # whether its author was told, in words
    outcome_shown: bool = False  # only when it does not pin the words on fewer than 5


def comment_thread(filters: Filters, voice: Voice) -> CommentThread:
    """A comment's themes, its outcome, the pages answering either, and whether its author
    was told (a hear-back request from its response or session, and a notification to that
    address's keyed hash about one of those pages)."""
    from you_said_we_did.notifications import recipient_key

    carried = themes_of(voice)
    outcome_shown = _outcome_keeps_a_group_of_five(filters, voice, carried)
    about = Q(themes__in=carried)
    if voice.outcome_id and outcome_shown:  # pages about a hidden outcome would name it
        about |= Q(outcomes=voice.outcome)
    pages = pages_for(filters).filter(about).distinct()
    told = _told(voice, pages, recipient_key)
    return CommentThread(voice, carried, changes(pages), told, outcome_shown)


def _outcome_keeps_a_group_of_five(filters: Filters, voice: Voice, carried: list) -> bool:
    """Whether naming the comment's outcome still leaves it among 5 or more: its group (who,
    how, which quarter) narrowed to the outcome is published as 10 or more in one of its
    themes. That figure is already on the themes page under those filters, so this tells
    nothing new."""
    if not voice.outcome_id:
        return True
    quarter = quarter_of("said_at")
    mine = Voice.objects.annotate(quarter=quarter).filter(pk=voice.pk).values("quarter")
    group = Voice.objects.filter(filters.in_framework()).annotate(quarter=quarter).filter(
        audience=voice.audience, channel=voice.channel, outcome_id=voice.outcome_id,
        quarter=mine[:1],
    )  # fmt: skip
    return any(
        publish(COMMENTS, themes.comment_records(carrying(theme, group))).value >= 2 * BASE
        for theme in carried
    )


def _told(voice: Voice, pages, recipient_key) -> str:
    response = voice.survey_answer.response_id if voice.survey_answer_id else None
    session = voice.contribution.session_id if voice.contribution_id else None
    requests = HearBackRequest.objects.filter(
        Q(response_id=response) if response else Q(pk__in=[])
    ) | HearBackRequest.objects.filter(Q(session_id=session) if session else Q(pk__in=[]))
    if not requests.exists():
        return "No: they did not ask to hear back (or their address has been deleted)."
    keys = [recipient_key(request.email) for request in requests]
    sent = Notification.objects.filter(recipient__in=keys, page__in=pages).order_by("sent_at")
    first = sent.select_related("page").first()
    if first:
        return f"Yes: told about “{first.page.title}” on {first.sent_at:%-d %B %Y}."
    if requests.filter(unsubscribed_at__isnull=False).exists():
        return "No: they asked to hear back, then unsubscribed."
    return "Not yet: they asked to hear back, and will be told when a page about this is published."
