"""Sharing a survey: its links, their QR codes (SVG and PNG) and a printable A4 poster.

Every address is built from the survey's Wagtail Site (Settings > Sites), never from the
request: an officer on a laptop at `localhost` or behind an admin-only host must still print
a code that a phone outside reaches. Officers can edit the Site (the Officer role has
`wagtailcore.change_site`), and the share page warns while it still reads `localhost`.
"""

import io
from dataclasses import dataclass

import segno
from django.urls import reverse
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from .models import SurveyLink, SurveyPage

# Quiet zone of 4 modules (the QR standard's minimum) and a white background: a transparent
# code on a dark page or a dark-mode viewer is unreadable to a phone camera.
QR_OPTIONS = {"border": 4, "dark": "#000000", "light": "#ffffff"}
LOCAL_HOSTNAMES = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}


@dataclass(frozen=True)
class ShareableLink:
    """One address to share: the survey's own link (no `code`) or one of its tagged links."""

    survey: SurveyPage
    url: str
    label: str
    code: str = ""

    @property
    def query(self) -> str:
        """How the admin's QR and poster views are told which link: `?link=CODE`."""
        return f"?link={self.code}" if self.code else "?"

    @property
    def filename(self) -> str:
        return f"{self.survey.slug}-{self.code or 'survey'}"


def site_root(survey: SurveyPage) -> str:
    """The address people reach the site at, as set in Settings > Sites."""
    site = survey.get_site()
    return site.root_url if site else ""


def address_is_unset(survey: SurveyPage) -> bool:
    """True while the survey's Site still has Wagtail's default `localhost` (or no Site)."""
    site = survey.get_site()
    return site is None or site.hostname.lower() in LOCAL_HOSTNAMES


def survey_link(survey: SurveyPage) -> ShareableLink:
    return ShareableLink(survey, survey.get_full_url(), "Link for everyone")


def tagged_link(link: SurveyLink) -> ShareableLink:
    survey = link.page.specific
    url = site_root(survey) + reverse("survey_tagged_link", args=[link.code])
    return ShareableLink(survey, url, link.label, link.code)


def links_for(survey: SurveyPage) -> list[ShareableLink]:
    return [survey_link(survey)] + [tagged_link(link) for link in survey.links.all()]


def qr_svg(url: str) -> bytes:
    """A standalone SVG file (XML declaration, SVG namespace, title) that browsers show and
    print at any size."""
    out = io.BytesIO()
    segno.make(url, error="m").save(
        out, kind="svg", scale=10, xmldecl=True, svgns=True, title=url, **QR_OPTIONS
    )
    return out.getvalue()


def qr_png(url: str, scale: int = 10) -> bytes:
    """A PNG for places that take no SVG (Word, email, social media)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=scale, **QR_OPTIONS)
    return out.getvalue()


def easy_read_line(survey: SurveyPage) -> str:
    minutes = survey.minutes_to_complete
    return (
        "Point your phone's camera at the square. Tell us what you think. "
        f"It takes about {minutes} minute{'s' if minutes != 1 else ''}."
    )


def poster_pdf(link: ShareableLink) -> bytes:
    """An A4 poster: the survey's title, the QR code 12 cm wide, the short link, an easy-read
    line. The code is a PNG drawn without smoothing, so it prints sharp."""
    out = io.BytesIO()
    width, height = A4
    pdf = canvas.Canvas(out, pagesize=A4, pageCompression=1)
    pdf.setTitle(f"{link.survey.title}: poster")
    pdf.setFont("Helvetica-Bold", 30)
    y = height - 3.5 * cm
    for line in _wrap(pdf, link.survey.title, "Helvetica-Bold", 30, width - 4 * cm):
        pdf.drawCentredString(width / 2, y, line)
        y -= 1.2 * cm
    size = 12 * cm
    pdf.drawImage(
        ImageReader(io.BytesIO(qr_png(link.url, scale=16))),
        (width - size) / 2,
        y - size - 0.5 * cm,
        size,
        size,
    )
    y -= size + 2 * cm
    pdf.setFont("Helvetica", 18)
    pdf.drawCentredString(width / 2, y, link.url)
    y -= 1.5 * cm
    for line in _wrap(pdf, easy_read_line(link.survey), "Helvetica", 20, width - 4 * cm):
        pdf.setFont("Helvetica", 20)
        pdf.drawCentredString(width / 2, y, line)
        y -= 0.9 * cm
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _wrap(pdf, text: str, font: str, size: int, max_width: float) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and pdf.stringWidth(candidate, font, size) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return lines + ([current] if current else [])
