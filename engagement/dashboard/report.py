"""The themed feedback report as a PDF for the partnership board, drawn with ReportLab from
report_content (the HTML twin is drawn from the same structure).

Page numbers, a contents page and PDF bookmarks (the outline a reader's sidebar shows), the
document's title, author, subject and language. ReportLab cannot tag a PDF (PDF/UA), so the
HTML twin is the accessible version and the PDF says where it is.
"""

from io import BytesIO

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from outcomes_cms.pdf import escape_markup, styles_sheet

from . import report_content as content
from .figures import AllFigures

BRAND = colors.HexColor("#1d3557")
GRID = colors.HexColor("#b1b4b6")
MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN


class ReportTemplate(BaseDocTemplate):
    """A4 pages with a footer (title and page number); each heading goes into the contents
    and the PDF's bookmarks as it is laid out."""

    def __init__(self, buffer, report: content.Report, html_address: str):
        super().__init__(
            buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=16 * mm,
            bottomMargin=18 * mm, title=report.title, author=report.author,
            subject=report.subtitle, lang="en-GB", creator=report.author,
        )  # fmt: skip
        self.report = report
        self.html_address = html_address
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._footer)])
        self._headings = 0

    def beforeDocument(self):
        self._headings = 0  # each pass of multiBuild names the headings the same way

    def _footer(self, canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(colors.HexColor("#505a5f"))
        canvas.drawString(MARGIN, 10 * mm, self.report.title)
        canvas.drawRightString(A4[0] - MARGIN, 10 * mm, f"Page {doc.page}")
        canvas.restoreState()

    def afterFlowable(self, flowable):
        level = getattr(flowable, "heading_level", None)
        if level is None:
            return
        text = flowable.getPlainText()
        key = f"heading-{self._headings}"
        self._headings += 1
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level - 2, closed=level > 2)
        if level == 2:
            self.notify("TOCEntry", (0, text, self.page, key))


def themed_feedback_report(figures: AllFigures, html_address: str = "") -> bytes:
    return render_pdf(content.themed_feedback_content(figures), html_address)


def render_pdf(report: content.Report, html_address: str = "") -> bytes:
    styles = styles_sheet()
    toc = TableOfContents()
    toc.levelStyles = [
        ParagraphStyle("Contents", parent=styles["body"], fontSize=11, leading=16, leftIndent=0)
    ]
    story = [
        Spacer(1, 40 * mm),
        Paragraph(escape_markup(report.title), styles["title"]),
        Paragraph(escape_markup(report.subtitle), styles["h2"]),
        Paragraph(f"Figures for: {escape_markup(report.showing)}", styles["body"]),
        Paragraph(f"Made on {report.made_on}", styles["body"]),
    ]
    if html_address:
        story.append(
            Paragraph(
                f"The same report as an accessible web page: {escape_markup(html_address)}",
                styles["body"],
            )
        )
    story += [Spacer(1, 10 * mm), Paragraph("Contents", styles["h2"]), toc, PageBreak()]
    for block in report.blocks:
        story += _flowables(block, styles)
    buffer = BytesIO()
    ReportTemplate(buffer, report, html_address).multiBuild(story)
    return buffer.getvalue()


def _flowables(block, styles) -> list:
    if isinstance(block, content.Heading):
        heading = Paragraph(escape_markup(block.text), styles[f"h{block.level}"])
        heading.heading_level = block.level
        # A new section starts a page, except the first after the contents.
        return (
            [PageBreak(), heading] if block.level == 2 and block.anchor != "summary" else [heading]
        )
    if isinstance(block, content.Text):
        return [Paragraph(escape_markup(block.text), styles["body"])]
    if isinstance(block, content.Quote):
        return [Paragraph(escape_markup(f"“{block.text}”"), styles["quote"])]
    if isinstance(block, content.Table):
        parts = [Paragraph(f"<b>{escape_markup(block.caption)}</b>", styles["body"])]
        parts += [_grid(block, styles), Spacer(1, 3 * mm)]
        chart = _chart(block)
        return parts + ([chart] if chart else [])
    raise TypeError(f"No way to draw {block!r}")


def _grid(table: content.Table, styles) -> Table:
    cell = ParagraphStyle("Cell", parent=styles["body"], fontSize=8, leading=10)
    head = ParagraphStyle("Head", parent=cell, fontName="Helvetica-Bold")
    rows = [[Paragraph(escape_markup(c), head) for c in table.columns]]
    rows += [[Paragraph(escape_markup(c), cell) for c in row] for row in table.rows]
    if table.total:
        rows.append([Paragraph(escape_markup(c), head) for c in table.total])
    first = WIDTH * 0.4  # the row names; the figures share the rest
    others = (WIDTH - first) / max(len(table.columns) - 1, 1)
    grid = Table(rows, colWidths=[first] + [others] * (len(table.columns) - 1), repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, GRID),
                ("LINEBELOW", (0, 0), (-1, 0), 1, BRAND),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return grid


def _chart(table: content.Table) -> Drawing | None:
    """The positive share by quarter as bars: only quarters whose share may be shown."""
    shown = [(row[0], bar) for row, bar in zip(table.rows, table.bars, strict=False) if bar]
    if not shown:
        return None
    drawing = Drawing(WIDTH, 14 * mm + 8 * mm * len(shown))
    chart = HorizontalBarChart()
    chart.x, chart.y = 45 * mm, 8 * mm
    chart.width, chart.height = WIDTH - 55 * mm, 8 * mm * len(shown)
    chart.data = [[value for _, value in shown]]
    chart.categoryAxis.categoryNames = [label.split(" (")[0] for label, _ in shown]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.bars[0].fillColor = BRAND
    drawing.add(chart)
    return drawing
