"""The plan on a page as a PDF, drawn with ReportLab from the live page and its framework."""

from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus.flowables import KeepTogether

from engagement.branding import council_name

from .models import PlanOnAPage

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
    }


def _bullets(items: list[str], style: ParagraphStyle) -> ListFlowable:
    return ListFlowable(
        [ListItem(Paragraph(escape_markup(item), style), leftIndent=12) for item in items],
        bulletType="bullet",
        start="•",
        leftIndent=12,
    )


def escape_markup(text: str) -> str:
    # Paragraph reads a small markup language: officers' text must not be taken as markup.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plan_on_a_page_pdf(plan: PlanOnAPage) -> bytes:
    framework = plan.framework
    styles = styles_sheet()
    title = f"{framework.area_name} SEND plan on a page"
    story = [
        Paragraph(escape_markup(title), styles["title"]),
        Paragraph("Our vision", styles["h2"]),
        Paragraph(escape_markup(framework.vision), styles["body"]),
    ]
    if plan.introduction:
        story += [Spacer(1, 4 * mm), Paragraph(escape_markup(plan.introduction), styles["body"])]

    story.append(Paragraph("Our outcomes", styles["h2"]))
    story.append(
        ListFlowable(
            [
                ListItem(Paragraph(f"<b>{escape_markup(outcome.title)}</b>", styles["body"]))
                for outcome in framework.outcomes()
            ],
            bulletType="1",
            leftIndent=16,
        )
    )

    if plan.spotlights:
        story.append(Paragraph("Spotlights", styles["h2"]))
        for block in plan.spotlights:
            spotlight = block.value
            story.append(
                KeepTogether(
                    [
                        Paragraph(escape_markup(spotlight["title"]), styles["h3"]),
                        Paragraph(
                            f"We count: {escape_markup(spotlight['measure'])}", styles["body"]
                        ),
                        Paragraph(f"Why: {escape_markup(spotlight['why'])}", styles["body"]),
                    ]
                )
            )
    sections = [
        ("Count the difference: how many children and young people...", plan.count_the_difference),
        ("How we will support", plan.ways_we_support),
    ]
    for heading, stream in sections:
        if stream:
            story.append(Paragraph(heading, styles["h2"]))
            story.append(_bullets([block.value for block in stream], styles["body"]))

    return build_pdf(story, title, "Outcomes framework for children and young people with SEND")


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
