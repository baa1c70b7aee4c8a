"""The themed feedback report: the dashboard's figures as a PDF for the partnership board.

Drawn with ReportLab from the same rounded figures as the dashboard and the CSV. Every
chart has its table beside it, and the document carries a title and its language.
"""

from django.utils import timezone
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

from engagement import disclosure
from engagement.branding import council_name
from outcomes_cms.pdf import build_pdf, escape_markup, styles_sheet
from you_said_we_did.models import YouSaidWeDidPage

from .figures import AllFigures
from .outcomes import OutcomeFigures
from .tables import ShownTable

BRAND = colors.HexColor("#1d3557")
GRID = colors.HexColor("#b1b4b6")
WIDTH = A4[0] - 36 * mm

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
    "lead and are in no figure or quote here. Quotes are from people who agreed to be quoted, "
    "with names and contact details taken out.",
]


def themed_feedback_report(figures: AllFigures) -> bytes:
    styles = styles_sheet()
    title = f"{council_name()}: themed feedback report"
    story = _cover(figures, title, styles)
    story += _summary(figures, styles)
    story.append(Paragraph("Outcomes", styles["h2"]))
    for figure in figures.outcomes:
        if figure.measured or figure.measures:
            story += _outcome(figure, styles)
    story.append(PageBreak())
    story.append(Paragraph("Themes: what people keep raising", styles["h2"]))
    story.append(_table(figures.theme_tables["by_audience"], styles))
    story += _quotes(figures, styles)
    story += _changes(styles)
    story.append(Paragraph("How these figures were made", styles["h2"]))
    story += [Paragraph(escape_markup(text), styles["body"]) for text in METHOD_NOTE]

    subject = "What young people and parent carers told us, against the SEND outcomes"
    return build_pdf(story, title, subject)


def _cover(figures: AllFigures, title: str, styles) -> list:
    return [
        Spacer(1, 40 * mm),
        Paragraph(escape_markup(title), styles["title"]),
        Paragraph("What young people and parent carers told us", styles["h2"]),
        Paragraph(f"Figures for: {escape_markup(figures.filters.describe())}", styles["body"]),
        Paragraph(f"Made on {timezone.localdate():%-d %B %Y}", styles["body"]),
        PageBreak(),
    ]


def _summary(figures: AllFigures, styles) -> list:
    heard = figures.people_heard
    loop = figures.loop
    lines = [
        f"Young people heard: {heard['young_people']}.",
        f"Parent carers heard: {heard['parent_carers']}.",
        f"Themes raised in {disclosure.AT_LEAST} comments: {loop['themes_raised']}, of which "
        f"{loop['themes_with_page']} have a published 'You said, we did' page.",
        f"People told what changed: {loop['people_told']}.",
    ]
    if figures.rising:
        names = ", ".join(theme["name"] for theme in figures.rising)
        lines.append(f"Rising themes: {names}.")
    return [Paragraph("Summary", styles["h2"])] + [
        Paragraph(escape_markup(line), styles["body"]) for line in lines
    ]


def _outcome(figure: OutcomeFigures, styles) -> list:
    parts = [Paragraph(escape_markup(figure.outcome.title), styles["h3"])]
    if figure.measured:
        share = figure.overall.percentage or (
            f"not shown (it needs {disclosure.SHARE_BASE} or more counted answers, "
            f"{disclosure.AT_LEAST} of them positive)"
        )
        headline = f"Positive: {share} of {figure.overall.answered} counted answers."
        if figure.change:
            headline += f" {figure.change}."
        parts.append(Paragraph(escape_markup(headline), styles["body"]))
        rows = [["Who", "Counted answers", "Positive"]] + [
            [label, s.answered, s.percentage or "not shown"] for label, s in figure.by_audience
        ]
        rows += [[q.label, s.answered, s.percentage or "not shown"] for q, s in figure.trend]
        parts += [_grid(rows), Spacer(1, 2 * mm)]
        chart = _trend_chart(figure)
        if chart:
            parts.append(chart)
    for measure in figure.measures:
        target = f", target {measure.target.normalize()}{measure.unit}" if measure.target else ""
        rating = f" ({measure.rating_label})" if measure.rating else ""
        text = (
            f"{measure.indicator.name}: {measure.value.normalize()}{measure.unit} in "
            f"{measure.period_start:%b %Y}{target}{rating}. Source: {measure.source}."
        )
        parts.append(Paragraph(escape_markup(text), styles["body"]))
    return parts


def _trend_chart(figure: OutcomeFigures) -> Drawing | None:
    """Positive share by quarter: only quarters whose share may be shown."""
    shown = [(quarter.financial_label, share.value) for quarter, share in figure.trend]
    shown = [(label, value) for label, value in shown if value is not None]
    if not shown:
        return None
    drawing = Drawing(WIDTH, 14 * mm + 8 * mm * len(shown))
    chart = HorizontalBarChart()
    chart.x, chart.y = 30 * mm, 8 * mm
    chart.width, chart.height = WIDTH - 40 * mm, 8 * mm * len(shown)
    chart.data = [[value for _, value in shown]]
    chart.categoryAxis.categoryNames = [label for label, _ in shown]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.bars[0].fillColor = BRAND
    drawing.add(chart)
    return drawing


def _table(table: ShownTable, styles) -> Table | Paragraph:
    if table.is_empty:
        return Paragraph("No comments yet for these filters.", styles["body"])
    rows = [[table.row_header, *table.columns]]
    rows += [[label, *cells] for label, cells, _ in table.rows]
    if table.total_row:
        rows.append(["Total", *table.total_row])
    return _grid(rows)


def _grid(rows: list[list[str]]) -> Table:
    grid = Table(rows, repeatRows=1, hAlign="LEFT")
    grid.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, GRID),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return grid


def _quotes(figures: AllFigures, styles) -> list:
    parts = [Paragraph("In their words", styles["h2"])]
    for theme, quotes in figures.examples:
        parts.append(Paragraph(escape_markup(theme.name), styles["h3"]))
        for quote in quotes or ["Not enough comments in this theme may be quoted yet."]:
            parts.append(
                Paragraph(escape_markup(f"“{quote}”" if quotes else quote), styles["body"])
            )
    return parts


def _changes(styles) -> list:
    pages = YouSaidWeDidPage.objects.live().order_by("-first_published_at")
    rows = [["You said, we did", "Status", "Published"]] + [
        [Paragraph(escape_markup(page.title), styles["body"]), page.get_status_display(),
         f"{page.first_published_at:%-d %b %Y}" if page.first_published_at else ""]
        for page in pages
    ]  # fmt: skip
    if len(rows) == 1:
        return [
            Paragraph("You said, we did", styles["h2"]),
            Paragraph("No page yet.", styles["body"]),
        ]
    return [Paragraph("You said, we did", styles["h2"]), _grid(rows)]
