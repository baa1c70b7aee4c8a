"""Symbols for the plan on a page's outcome tiles.

An outcome's own symbol (OutcomePage.symbol, a Wagtail image officers choose) is drawn when
there is one; otherwise a simple pictogram picked by the statement's words (a speech bubble
for being heard, a heart for feeling well, and so on), so every tile has one. Drawn in white
on the tile's colour.
"""

import math

from reportlab.lib import colors
from reportlab.lib.utils import ImageReader

PICTOGRAMS = [  # (words in the statement, pictogram), first match wins
    (("opinion", "voice", "valued", "heard", "say"), "speech"),
    (("emotion", "happy", "feel"), "heart"),
    (("health",), "cross"),
    (("safe", "home"), "house"),
    (("active", "involved", "friends"), "star"),
    (("hope", "future", "prepared", "adult"), "sun"),
    (("care", "support", "famil"), "people"),
]


def pictogram_for(statement: str) -> str | None:
    words = statement.lower()
    return next((name for keys, name in PICTOGRAMS if any(k in words for k in keys)), None)


def draw_symbol(canvas, outcome, number: int, x: float, y: float, size: float, fill) -> None:
    """The symbol in the square with its lower left corner at (x, y)."""
    canvas.saveState()
    if outcome.symbol_id and _draw_image(canvas, outcome.symbol, x, y, size):
        canvas.restoreState()
        return
    canvas.setFillColor(colors.white)
    canvas.setStrokeColor(colors.white)
    name = pictogram_for(outcome.title)
    draw = DRAWINGS.get(name) if name else None
    if draw:
        draw(canvas, x, y, size, fill)
    else:
        canvas.circle(x + size / 2, y + size / 2, size / 2, stroke=0, fill=1)
        canvas.setFillColor(fill)
        canvas.setFont("Helvetica-Bold", size * 0.55)
        canvas.drawCentredString(x + size / 2, y + size * 0.3, str(number + 1))
    canvas.restoreState()


def _draw_image(canvas, image, x, y, size) -> bool:
    """The officer's picture on a white disc; False if its file cannot be read."""
    try:
        with image.open_file() as file:
            reader = ImageReader(file)
            canvas.setFillColor(colors.white)
            canvas.circle(x + size / 2, y + size / 2, size / 2, stroke=0, fill=1)
            inset = size * 0.15
            canvas.drawImage(reader, x + inset, y + inset, size - 2 * inset, size - 2 * inset,
                             preserveAspectRatio=True, mask="auto")  # fmt: skip
        return True
    except (OSError, ValueError):
        return False


def _speech(canvas, x, y, s, fill):
    canvas.roundRect(x, y + s * 0.3, s, s * 0.65, s * 0.15, stroke=0, fill=1)
    path = canvas.beginPath()
    path.moveTo(x + s * 0.2, y + s * 0.32)
    path.lineTo(x + s * 0.15, y + s * 0.05)
    path.lineTo(x + s * 0.45, y + s * 0.32)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.setFillColor(fill)
    for dot in (0.3, 0.5, 0.7):
        canvas.circle(x + s * dot, y + s * 0.62, s * 0.06, stroke=0, fill=1)


def _heart(canvas, x, y, s, fill):
    canvas.circle(x + s * 0.3, y + s * 0.65, s * 0.22, stroke=0, fill=1)
    canvas.circle(x + s * 0.7, y + s * 0.65, s * 0.22, stroke=0, fill=1)
    path = canvas.beginPath()
    path.moveTo(x + s * 0.1, y + s * 0.58)
    path.lineTo(x + s * 0.5, y + s * 0.08)
    path.lineTo(x + s * 0.9, y + s * 0.58)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def _cross(canvas, x, y, s, fill):
    canvas.circle(x + s / 2, y + s / 2, s / 2, stroke=0, fill=1)
    canvas.setFillColor(fill)
    canvas.rect(x + s * 0.4, y + s * 0.18, s * 0.2, s * 0.64, stroke=0, fill=1)
    canvas.rect(x + s * 0.18, y + s * 0.4, s * 0.64, s * 0.2, stroke=0, fill=1)


def _house(canvas, x, y, s, fill):
    path = canvas.beginPath()
    path.moveTo(x, y + s * 0.5)
    path.lineTo(x + s / 2, y + s * 0.95)
    path.lineTo(x + s, y + s * 0.5)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.rect(x + s * 0.15, y + s * 0.05, s * 0.7, s * 0.47, stroke=0, fill=1)
    canvas.setFillColor(fill)
    canvas.rect(x + s * 0.42, y + s * 0.05, s * 0.16, s * 0.27, stroke=0, fill=1)


def _star(canvas, x, y, s, fill):
    path = canvas.beginPath()
    for point in range(10):
        radius = s / 2 if point % 2 == 0 else s / 5
        angle = math.pi / 2 + point * math.pi / 5
        px, py = x + s / 2 + radius * math.cos(angle), y + s / 2 + radius * math.sin(angle)
        path.moveTo(px, py) if point == 0 else path.lineTo(px, py)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def _sun(canvas, x, y, s, fill):
    canvas.circle(x + s / 2, y + s / 2, s * 0.24, stroke=0, fill=1)
    canvas.setLineWidth(s * 0.07)
    canvas.setLineCap(1)
    for ray in range(8):
        angle = ray * math.pi / 4
        dx, dy = math.cos(angle) * s, math.sin(angle) * s
        cx, cy = x + s / 2, y + s / 2
        canvas.line(cx + 0.33 * dx, cy + 0.33 * dy, cx + 0.48 * dx, cy + 0.48 * dy)


def _people(canvas, x, y, s, fill):
    for centre, scale in ((0.32, 1.0), (0.7, 0.8)):
        head = s * 0.13 * scale
        canvas.circle(x + s * centre, y + s * (0.45 + 0.3 * scale), head, stroke=0, fill=1)
        canvas.wedge(x + s * (centre - 0.22 * scale), y - s * 0.3 * scale + s * 0.05,
                     x + s * (centre + 0.22 * scale), y + s * (0.15 + 0.45 * scale), 0, 180,
                     stroke=0, fill=1)  # fmt: skip


DRAWINGS = {  # the pictogram names in PICTOGRAMS, each with how it is drawn
    "speech": _speech,
    "heart": _heart,
    "cross": _cross,
    "house": _house,
    "star": _star,
    "sun": _sun,
    "people": _people,
}
