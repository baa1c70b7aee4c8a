"""Every figure of the dashboard at once, as shown (suppressed): for the PDF and the CSV."""

from dataclasses import dataclass

from engagement.suppression import NOT_SHOWN

from . import reach, themes
from .filters import Filters
from .loop import loop_figures
from .outcomes import OutcomeFigures, outcome_figures
from .tables import ShownTable
from .views import outcomes_by_framework, reach_tables, theme_tables


@dataclass
class AllFigures:
    filters: Filters
    outcomes: list[OutcomeFigures]
    theme_tables: dict[str, ShownTable]
    rising: list[dict]
    examples: list[tuple]
    reach_tables: dict[str, ShownTable]
    people_heard: dict[str, int]
    loop: dict


def all_figures(filters: Filters, examples_for: int = 5) -> AllFigures:
    every_outcome = [o for _, outcomes in outcomes_by_framework(filters) for o in outcomes]
    counts = themes.theme_counts(filters)
    tables = theme_tables(filters, counts)
    top = themes.top_themes(counts, filters, examples_for)
    quotes = themes.examples(filters, top)
    return AllFigures(
        filters=filters,
        outcomes=outcome_figures(filters, every_outcome),
        theme_tables={
            key: tables[key] for key in ("by_audience", "by_channel", "by_sentiment", "over_time")
        },
        rising=tables["rising"],
        examples=[(theme, quotes[theme.pk]) for theme in top],
        reach_tables=reach_tables(filters),
        people_heard=reach.people_heard(reach.reach_rows(filters)),
        loop=loop_figures(filters, counts),
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
        for measure in figure.measures:
            add("Measures", title, measure.indicator.name, f"{measure.period_start:%b %Y}",
                f"{measure.value.normalize()}{measure.unit} (target {measure.target}, "
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
    add("The loop", "", "Themes raised in 5 or more comments", "Themes", loop["themes_raised"])
    add("The loop", "", "With a You said, we did page", "Themes", loop["themes_with_page"])
    add("The loop", "", "Median days from first comment to page", "Days", median)
    add("The loop", "", "People told what changed", "People", loop["people_told"])
    return rows
