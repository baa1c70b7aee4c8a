"""The dashboard's figures as shown (rounded by engagement.disclosure): each page's tables, and
all of them at once for the PDF and the CSV."""

from dataclasses import dataclass, replace

import pandas as pd

from engagement.disclosure import (
    AT_LEAST,
    COMMENTS,
    NOT_SHOWN,
    PEOPLE_HEARD,
    Published,
    publish,
)
from engagement.models import Sentiment, Voice
from engagement.numbers import plain_number
from outcomes_cms.models import OutcomesFrameworkPage

from . import reach, themes
from .filters import Filters
from .loop import loop_figures
from .outcomes import OutcomeFigures, outcome_figures
from .periods import recent_quarters
from .tables import RecordTable, ShownTable, counts_table, single_counts
from .thread import question_breakdowns


def outcomes_by_framework(filters: Filters) -> list[tuple[OutcomesFrameworkPage, list]]:
    if filters.outcome:
        framework = OutcomesFrameworkPage.objects.parent_of(filters.outcome).first()
        return [(framework, [filters.outcome])]
    frameworks = (
        [filters.framework]
        if filters.framework
        else (OutcomesFrameworkPage.objects.live().order_by("path"))
    )
    return [(framework, list(framework.outcomes())) for framework in frameworks]


def theme_tables(filters: Filters, counts) -> dict:
    current = themes.in_period(counts, filters)
    latest = filters.quarter or recent_quarters(1)[0]
    themes_total = "All themes (a comment in two themes counts in both)"
    return {
        "by_audience": counts_table(
            themes.themes_by(current, "audience", Voice.Audience.choices), COMMENTS,
            "Comments in each theme, by who said them", "Theme", total_label=themes_total,
        ),
        "by_channel": counts_table(
            themes.themes_by(current, "channel", Voice.Channel.choices), COMMENTS,
            "Comments in each theme, by how we heard them", "Theme", total_label=themes_total,
        ),
        "by_sentiment": counts_table(
            themes.themes_by(current, "sentiment", Sentiment.choices), COMMENTS,
            "Comments in each theme, by how they felt", "Theme", total_label=themes_total,
        ),
        "over_time": counts_table(
            themes.themes_over_time(counts, latest.and_before(3)), COMMENTS,
            f"Comments in each theme, in the four quarters to {latest.label}", "Theme",
            largest_first=False, total_label=themes_total,
        ),
        "rising": themes.rising(counts, latest),
        "latest": latest,
    }  # fmt: skip


def reach_tables(filters: Filters, rows: list[dict] | None = None) -> dict:
    rows = reach.reach_rows(filters) if rows is None else rows
    frame = pd.DataFrame(rows, columns=["channel", "setting", "audience", "people", "ids"])
    frame["where"] = [
        f"{row.channel}: {row.setting}" if row.setting else row.channel
        for row in frame.itertuples()
    ]

    def pivot(values: str) -> pd.DataFrame:
        table = (
            frame.pivot_table(index="where", columns="audience", values=values, aggfunc="sum")
            .reindex(index=reach.ROWS, columns=list(reach.AUDIENCE_LABELS))
            .fillna(0)
            .astype("int64")
        )
        table.columns = list(reach.AUDIENCE_LABELS.values())
        return table

    return {
        "heard": counts_table(
            RecordTable(pivot("people"), pivot("ids")), PEOPLE_HEARD,
            "People heard, by how and where we heard them", "How and where",
            largest_first=False, total_label="Everyone heard",
        ),
        "completed_by": single_counts(
            reach.completed_by(filters), PEOPLE_HEARD,
            "Completed surveys, by who answered", "Who answered", "All completed surveys",
        ),
    }  # fmt: skip


@dataclass
class AllFigures:
    filters: Filters
    outcomes: list[OutcomeFigures]
    theme_tables: dict[str, ShownTable]
    rising: list[dict]
    examples: list[tuple]
    reach_tables: dict[str, ShownTable]
    people_heard: dict[str, Published]  # the heard table's totals
    loop: dict
    # outcome pk -> its questions' answers by option (thread): only the spreadsheets list them
    breakdowns: dict | None = None


def all_figures(filters: Filters, examples_for: int = 5, breakdowns: bool = False) -> AllFigures:
    every_outcome = [o for _, outcomes in outcomes_by_framework(filters) for o in outcomes]
    counts = themes.theme_counts(filters)
    tables = theme_tables(filters, counts)
    top = themes.top_themes(counts, filters, examples_for)
    quotes = themes.examples(filters, top)
    heard = reach.reach_rows(filters)
    return AllFigures(
        filters=filters,
        outcomes=outcome_figures(filters, every_outcome),
        theme_tables={
            key: tables[key] for key in ("by_audience", "by_channel", "by_sentiment", "over_time")
        },
        rising=tables["rising"],
        examples=[(theme, quotes[theme.pk]) for theme in top],
        reach_tables=reach_tables(filters, heard),
        people_heard={
            audience: publish(PEOPLE_HEARD, records)
            for audience, records in reach.people_heard(heard).items()
        },
        loop=loop_figures(filters, counts),
        breakdowns={
            outcome.pk: question_breakdowns(replace(filters, outcome=outcome), outcome)
            for outcome in every_outcome
        }
        if breakdowns
        else None,
    )


def csv_rows(figures: AllFigures) -> list[list[str]]:
    """Long form: section, table, row, column, value. Only what the dashboard shows."""
    rows = [["section", "table", "row", "column", "value"]]

    def add(section: str, table: str, row: str, column: str, value) -> None:
        rows.append([section, table, row, column, str(value)])

    for figure in figures.outcomes:
        title = figure.outcome.title
        for label, share in [("Everyone", figure.overall), *figure.by_audience]:
            add("Outcomes", title, label, "Counted answers", share.answered)
            add("Outcomes", title, label, "Positive share", share.percentage or NOT_SHOWN)
        for quarter, share in figure.trend:
            add("Outcomes over time", title, quarter.label, "Counted answers", share.answered)
            add("Outcomes over time", title, quarter.label, "Positive share",
                share.percentage or NOT_SHOWN)  # fmt: skip
        for question in figure.questions:
            add("I don't understand", title, question.statement, "Answers", question.answered)
            add("I don't understand", title, question.statement, "I don't understand",
                question.dont_understand)  # fmt: skip
        for breakdown in (figures.breakdowns or {}).get(figure.outcome.pk, []):
            for section, table in (
                ("Answers by option and who answered", breakdown.by_audience),
                ("Answers by option, quarter by quarter", breakdown.by_quarter),
            ):
                for label, cells, _ in [*table.rows, ("Total", table.total_row or [], None)]:
                    for column, cell in zip(table.columns, cells, strict=True):
                        add(section, breakdown.question.statement, label, column, cell)
        for measure in figure.measures:
            add("Measures", title, measure.indicator.name, f"{measure.period_start:%b %Y}",
                f"{plain_number(measure.value)}{measure.unit} (target "
                f"{plain_number(measure.target) or 'none'}, "
                f"{measure.rating_label or 'no target'})")  # fmt: skip
    for section, tables in (("Themes", figures.theme_tables), ("Reach", figures.reach_tables)):
        for table in tables.values():
            lines = [(label, cells) for label, cells, _ in table.rows]
            lines += [("Total", table.total_row)] if table.total_row else []
            for label, cells in lines:
                for column, cell in zip(table.columns, cells, strict=True):
                    add(section, table.caption, label, column, cell)
    loop = figures.loop
    median = "" if loop["median_days"] is None else f"{loop['median_days']:.0f}"
    add("The loop", "", f"Themes raised in {AT_LEAST} comments", "Themes", loop["themes_raised"])
    add("The loop", "", "With a You said, we did page", "Themes", loop["themes_with_page"])
    add("The loop", "", "Median days from first comment to page", "Days", median)
    add("The loop", "", "People told what changed", "People", loop["people_told"])
    return rows
