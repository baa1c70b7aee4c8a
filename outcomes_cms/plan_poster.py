"""The plan on a page as a poster a family would pin up: one A4 or A3 page in colour, drawn
with ReportLab from the live page and its framework (edits show at once).

The vision; the outcome statements as tiles, each with its symbol (the officer's picture, or
a drawn one); the spotlights with why; "count the difference"; the ways we support; the date
and a QR code to the plan on the site. Laid out for A4 and scaled up for A3, with text no
smaller than 8 points on A4 so it reads when printed: every font is as large as the page
allows, a step smaller at a time until officers' text fits.
"""

from io import BytesIO

from django.utils import timezone
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from engagement.branding import council_name

from . import plan_symbols
from .pdf import escape_markup

INK = colors.HexColor("#0b0c0c")
WHITE = colors.white
# Tile colours: each dark enough for white text (4.5:1 or more) and apart from its neighbours.
TILE_COLOURS = ["#1d70b8", "#00703c", "#912b88", "#d4351c", "#005a30", "#6f3c00", "#28317a"]
TINT = colors.HexColor("#f3f2f1")
MARGIN = 12 * mm
WIDTH, HEIGHT = A4
GAP = 4 * mm
SIZES = {"A4": A4, "A3": A3}


def plan_poster_pdf(plan, address: str, size: str = "A4") -> bytes:
    """One page: the plan at `size` (A4 or A3), with a QR code to `address`."""
    framework = plan.framework
    title = f"{framework.area_name} SEND plan on a page"
    for step in range(7):  # the largest text that fits; body text 8 points at the least
        scale = 1.2 - 0.05 * step
        if _draw(Canvas(BytesIO(), pagesize=A4), plan, address, scale) >= 0:
            break
    buffer = BytesIO()
    page = SIZES[size]
    canvas = Canvas(buffer, pagesize=page, pageCompression=1, lang="en-GB")
    canvas.setTitle(title)
    canvas.setAuthor(council_name())
    canvas.setSubject("Outcomes framework for children and young people with SEND")
    canvas.scale(page[0] / WIDTH, page[1] / HEIGHT)  # A3 is A4 scaled up by the square root of 2
    _draw(canvas, plan, address, scale)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _style(name: str, size: float, bold=False, colour=INK, leading=1.2) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName="Helvetica-Bold" if bold else "Helvetica", fontSize=size,
        leading=size * leading, textColor=colour,
    )  # fmt: skip


def _text(canvas, text: str, style, x: float, top: float, width: float, draw=True) -> float:
    """Draws wrapped text with its top at `top`; returns its height."""
    paragraph = Paragraph(text, style)
    _, height = paragraph.wrap(width, HEIGHT)
    if draw:
        paragraph.drawOn(canvas, x, top - height)
    return height


def _draw(canvas, plan, address: str, scale: float) -> float:
    """Draws the page top down; returns the space left at the bottom (negative: too long)."""
    framework = plan.framework
    colour = colors.HexColor(plan.main_colour or TILE_COLOURS[0])
    inner = WIDTH - 2 * MARGIN
    top = HEIGHT

    # The title band, in the council's colour, with the vision.
    title = _style("Title", 22 * scale, bold=True, colour=WHITE)
    vision = _style("Vision", 9.5 * scale, colour=WHITE, leading=1.3)
    label = _style("VisionLabel", 10 * scale, bold=True, colour=WHITE)
    band_text = [
        (f"{escape_markup(framework.area_name)} SEND plan on a page", title, 4 * mm),
        ("Our vision", label, 1 * mm),
        (escape_markup(framework.vision), vision, 0),
    ]
    if plan.introduction:
        band_text.append((escape_markup(plan.introduction), vision, 0))
    heights = [_text(canvas, t, s, 0, 0, inner, draw=False) + gap for t, s, gap in band_text]
    band = sum(heights) + 1.6 * MARGIN
    canvas.setFillColor(colour)
    canvas.rect(0, top - band, WIDTH, band, stroke=0, fill=1)
    y = top - MARGIN
    for (text, style, _gap), height in zip(band_text, heights, strict=True):
        _text(canvas, text, style, MARGIN, y, inner)
        y -= height
    y = top - band - GAP

    # The outcome statements as tiles, four to a row.
    heading = _style("Heading", 13 * scale, bold=True, colour=colour)
    y -= _text(canvas, "Our outcomes: what children and young people told us matters", heading,
               MARGIN, y, inner) + 2 * mm  # fmt: skip
    outcomes = list(framework.outcomes())
    per_row = 4
    tile_width = (inner - (per_row - 1) * GAP) / per_row
    statement = _style("Statement", 9.5 * scale, bold=True, colour=WHITE, leading=1.25)
    symbol_size = 14 * mm * scale
    for row_start in range(0, len(outcomes), per_row):
        row = outcomes[row_start : row_start + per_row]
        text_height = max(
            _text(canvas, escape_markup(o.title), statement, 0, 0, tile_width - 6 * mm, False)
            for o in row
        )
        tile_height = symbol_size + text_height + 9 * mm
        for column, outcome in enumerate(row):
            number = row_start + column
            x = MARGIN + column * (tile_width + GAP)
            fill = colors.HexColor(TILE_COLOURS[number % len(TILE_COLOURS)])
            canvas.setFillColor(fill)
            canvas.roundRect(x, y - tile_height, tile_width, tile_height, 3 * mm, stroke=0, fill=1)
            plan_symbols.draw_symbol(
                canvas, outcome, number, x + 3 * mm, y - 3 * mm - symbol_size, symbol_size, fill
            )
            _text(canvas, escape_markup(outcome.title), statement, x + 3 * mm,
                  y - symbol_size - 6 * mm, tile_width - 6 * mm)  # fmt: skip
        y -= tile_height + GAP

    # The spotlights, side by side, each with what is counted and why.
    spotlights = [block.value for block in plan.spotlights]
    if spotlights:
        y -= _text(canvas, "Spotlights: what we watch most closely, and why", heading, MARGIN,
                   y, inner) + 2 * mm  # fmt: skip
        width = (inner - (len(spotlights) - 1) * GAP) / len(spotlights)
        name = _style("Spotlight", 11 * scale, bold=True, colour=colour)
        body = _style("Body", 9 * scale, leading=1.3)
        parts = [
            [
                (escape_markup(s["title"]), name, 1.5 * mm),
                (f"<b>We count:</b> {escape_markup(s['measure'])}", body, 1 * mm),
                (f"<b>Why:</b> {escape_markup(s['why'])}", body, 0),
            ]
            for s in spotlights
        ]
        box = (
            max(
                sum(_text(canvas, t, st, 0, 0, width - 8 * mm, False) + g for t, st, g in p)
                for p in parts
            )
            + 8 * mm
        )
        for column, lines in enumerate(parts):
            x = MARGIN + column * (width + GAP)
            canvas.setFillColor(TINT)
            canvas.setStrokeColor(colour)
            canvas.setLineWidth(1.5)
            canvas.roundRect(x, y - box, width, box, 3 * mm, stroke=1, fill=1)
            inside = y - 4 * mm
            for text, style, gap in lines:
                inside -= _text(canvas, text, style, x + 4 * mm, inside, width - 8 * mm) + gap
        y -= box + GAP

    # Count the difference and the ways we support, in two columns.
    lists = [
        ("Count the difference: how many children and young people...",
         [block.value for block in plan.count_the_difference]),
        ("How we will support", [block.value for block in plan.ways_we_support]),
    ]  # fmt: skip
    lists = [(title, items) for title, items in lists if items]
    if lists:
        width = (inner - (len(lists) - 1) * GAP) / len(lists)
        item = _style("Item", 9 * scale, leading=1.3)
        item.leftIndent, item.bulletIndent = 4 * mm, 0
        lowest = y
        for column, (title, items) in enumerate(lists):
            x, at = MARGIN + column * (width + GAP), y
            at -= _text(canvas, escape_markup(title), heading, x, at, width) + 2 * mm
            for text in items:
                at -= _text(canvas, f"<bullet>&bull;</bullet>{escape_markup(text)}", item, x,
                            at, width) + 1 * mm  # fmt: skip
            lowest = min(lowest, at)
        y = lowest - GAP

    # The date and the QR code to the plan on the site, at the foot of the page.
    qr_size = 24 * mm
    footer = _style("Footer", 8.5 * scale)
    published = plan.last_published_at or timezone.now()
    _text(canvas, f"Published {published:%-d %B %Y} by {escape_markup(council_name())}."
          f"<br/>Read it online, with easy-read words: <b>{escape_markup(address)}</b>",
          footer, MARGIN, MARGIN + qr_size / 2 + 5 * mm, inner - qr_size - GAP)  # fmt: skip
    widget = QrCodeWidget(address, barLevel="M")
    left, bottom, right, top_edge = widget.getBounds()
    code = Drawing(qr_size, qr_size, transform=[qr_size / (right - left), 0, 0,
                   qr_size / (top_edge - bottom), 0, 0])  # fmt: skip
    code.add(widget)
    renderPDF.draw(code, canvas, WIDTH - MARGIN - qr_size, MARGIN)
    return y - (MARGIN + qr_size)
