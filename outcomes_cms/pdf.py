"""ReportLab helpers the site's PDFs share: styles, escaping officers' text, A4 documents.

The plan on a page is drawn in plan_poster.py; the themed feedback report in
engagement/dashboard/report.py."""

from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate

from engagement.branding import council_name

TEXT_COLOUR = colors.HexColor("#0b0c0c")


def styles_sheet() -> dict[str, ParagraphStyle]:
    sheet = getSampleStyleSheet()
    body = ParagraphStyle(
        "Body", parent=sheet["BodyText"], fontSize=10, leading=13, spaceBefore=0, spaceAfter=2
    )
    body.textColor = TEXT_COLOUR
    return {
        "title": ParagraphStyle("Title", parent=sheet["Title"], fontSize=20, leading=24),
        "h2": ParagraphStyle(
            "H2", parent=sheet["Heading2"], fontSize=13, spaceBefore=8, spaceAfter=3
        ),
        "h3": ParagraphStyle(
            "H3", parent=sheet["Heading3"], fontSize=11, spaceBefore=4, spaceAfter=1
        ),
        "body": body,
        "quote": ParagraphStyle(
            "Quote", parent=body, leftIndent=8 * mm, fontName="Helvetica-Oblique", spaceAfter=4
        ),
    }


def escape_markup(text: str) -> str:
    # Paragraph reads a small markup language: officers' text must not be taken as markup.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build_pdf(story: list, title: str, subject: str) -> bytes:
    """An A4 PDF of these flowables, with its title, author, subject and language set (screen
    readers and search read them)."""
    buffer = BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=title,
        author=council_name(),
        subject=subject,
        lang="en-GB",
    ).build(story)
    return buffer.getvalue()
