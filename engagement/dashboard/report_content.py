"""The themed feedback report as one data structure: headings, paragraphs, tables and quotes.

The PDF (report.py) and its HTML twin (the report_html view) are both drawn from this, so
they cannot drift: the same figures, headings, tables and quotes in the same order. Every
count in it was published by engagement.disclosure before it got here.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from engagement import disclosure
from engagement.branding import council_name
from engagement.numbers import plain_number

from .figures import AllFigures
from .loop import pages_for
from .outcomes import OutcomeFigures
from .tables import ShownTable
from .thread import changes


@dataclass
class Heading:
    kind = "heading"  # for the HTML template
    text: str
    level: int  # 2 for a section (in the contents and the PDF's bookmarks), 3 within one
    anchor: str = ""


@dataclass
class Text:
    kind = "text"  # for the HTML template
    text: str


@dataclass
class Table:
    kind = "table"  # for the HTML template
    caption: str
    columns: list[str]  # the first names the rows (one dimension per table)
    rows: list[list[str]]
    total: list[str] | None = None  # the last row, its first cell saying what it counts
    bars: list[float | None] = field(default_factory=list)  # 0-100 per row, for the PDF chart
    numbers: bool = True  # whether the cells after the first are figures (set to the right)


@dataclass
class Quote:
    kind = "quote"  # for the HTML template
    text: str


@dataclass
class Report:
    title: str
    subtitle: str
    showing: str
    made_on: str
    author: str
    blocks: list = field(default_factory=list)

    @property
    def contents(self) -> list[Heading]:
        return [block for block in self.blocks if isinstance(block, Heading) and block.level == 2]


SUBTITLE = "What young people and parent carers told us"
METHOD_NOTE = [
    "Themes. Every comment (a survey's 'Your voice' answer, a focus-group quote or note, or an "
    "imported comment) is sorted into themes from the council's codebook by the words, phrases "
    "and examples that point to each theme, and by a model that learns from officers' "
    "corrections. Officers check and correct the themes; a person's decision always wins. A "
    "comment can be in more than one theme.",
    "Outcomes. Each outcome's share is the positive answers out of the counted answers to the "
    "survey questions linked to it. Answers that do not count (for example 'I don't "
    "understand') are left out of the share and reported question by question.",
    f"Small numbers. {disclosure.METHOD_NOTE}",
    "Safeguarding. Comments flagged as a possible disclosure of harm go only to the safeguarding "
    "lead and are in no figure or quote here. Quotes are from young people and parent carers "
    "who agreed to be quoted, never one with contact details, and none is used twice.",
]


def themed_feedback_content(figures: AllFigures) -> Report:
    council = figures.filters.framework.area_name if figures.filters.framework else None
    report = Report(
        title=f"{council or council_name()}: themed feedback report",
        subtitle=SUBTITLE,
        showing=figures.filters.describe(),
        made_on=f"{timezone.localdate():%-d %B %Y}",
        author=council_name(),
    )
    blocks = report.blocks
    blocks += _summary(figures)
    blocks.append(Heading("Outcomes", 2, "outcomes"))
    for figure in figures.outcomes:
        if figure.measured or figure.measures:
            blocks += _outcome(figure)
    blocks.append(Heading("Themes: what people keep raising", 2, "themes"))
    blocks.append(_table(figures.theme_tables["by_audience"]))
    blocks.append(Heading("In their words", 2, "quotes"))
    for theme, quotes in figures.examples:
        blocks.append(Heading(theme.name, 3))
        blocks += [Quote(quote) for quote in quotes] or [
            Text("Not enough comments in this theme may be quoted yet.")
        ]
    blocks.append(Heading("You said, we did", 2, "you-said-we-did"))
    blocks += _changes(figures)
    blocks.append(Heading("How these figures were made", 2, "method"))
    blocks += [Text(text) for text in METHOD_NOTE]
    return report


def _summary(figures: AllFigures) -> list:
    """One page a Board member reads in two minutes: who was heard, the headline per outcome,
    the top themes and whether the loop was closed."""
    heard, loop = figures.people_heard, figures.loop
    blocks = [
        Heading("Summary", 2, "summary"),
        Text(f"Figures for {figures.filters.describe()}."),
        Text(
            f"We heard {heard['young_people']} young people and {heard['parent_carers']} parent "
            "carers (surveys completed and places at focus groups)."
        ),
    ]
    top = [(label, cells[-1]) for label, cells, _ in figures.theme_tables["by_audience"].rows[:3]]
    if top:
        named = "; ".join(f"{name} ({count} comments)" for name, count in top)
        blocks.append(Text(f"What people raised most: {named}."))
    if figures.rising:
        rising = ", ".join(theme["name"] for theme in figures.rising)
        blocks.append(Text(f"Rising in the latest quarter: {rising}."))
    blocks.append(
        Text(
            f"Themes raised in {disclosure.AT_LEAST} comments: {loop['themes_raised']}; "
            f"{loop['themes_with_page']} of them have a published 'You said, we did' page. "
            f"People told what changed: {loop['people_told']}."
        )
    )
    measured = [figure for figure in figures.outcomes if figure.measured]
    if measured:
        latest = measured[0].latest
        columns, rows = ["Outcome"], [[figure.outcome.title] for figure in measured]
        if measured[0].period == "all time":  # all time, then the latest quarter beside it
            columns.append("Positive answers, all time")
            for row, figure in zip(rows, measured, strict=True):
                row.append(figure.overall.brief)
        columns += [f"Positive answers, {latest.label}", f"Change on {latest.previous.label}"]
        for row, figure in zip(rows, measured, strict=True):
            change = figure.change.rsplit(" on ", 1)[0] if figure.change else "not shown"
            row += [figure.latest_share.brief, change]
        blocks.append(Table("Each outcome at a glance", columns, rows))
    return blocks


def _outcome(figure: OutcomeFigures) -> list:
    blocks = [Heading(figure.outcome.title, 3)]
    if figure.measured:
        blocks.append(Text(figure.headline[:1].upper() + figure.headline[1:] + "."))
        blocks.append(
            Table(
                f"Positive answers by who answered, {figure.period}",
                ["Who answered", "Counted answers", "Positive"],
                [[label, share.answered, share.shown] for label, share in figure.by_audience],
            )
        )
        blocks.append(
            Table(
                "Positive answers quarter by quarter",
                ["Quarter", "Counted answers", "Positive"],
                [[q.label, share.answered, share.shown] for q, share in figure.trend],
                bars=[share.value for _, share in figure.trend],
            )
        )
    for measure in figure.measures:
        unit = measure.unit
        target = f", target {plain_number(measure.target)}{unit}" if measure.target else ""
        rating = f" ({measure.rating_label})" if measure.rating else ""
        blocks.append(
            Text(
                f"{measure.indicator.name}: {plain_number(measure.value)}{unit} in "
                f"{measure.period_start:%B %Y}{target}{rating}. Source: {measure.source}."
            )
        )
    return blocks


def _table(table: ShownTable) -> Table | Text:
    if table.is_empty:
        return Text("No comments yet for these filters.")
    return Table(
        table.caption,
        [table.row_header, *table.columns],
        [[label, *cells] for label, cells, _ in table.rows],
        [table.total_label, *table.total_row] if table.total_row else None,
    )


def _changes(figures: AllFigures) -> list:
    shown = changes(pages_for(figures.filters))
    if not shown:
        return [Text("No page yet.")]
    rows = [
        [
            change.page.title,
            change.page.get_status_display(),
            f"{change.page.first_published_at:%-d %b %Y}" if change.page.first_published_at else "",
            str(len(change.actions)),
            str(change.people_told),
        ]
        for change in shown
    ]
    columns = ["You said, we did", "Status", "Published", "Actions", "People told"]
    return [Table("'You said, we did' pages and what they did", columns, rows)]
