"""The council's name, logo, colour and contact, set by an officer in Settings > Branding.

One row per Wagtail Site, so the same code serves Rochdale, Bradford or Middlesbrough. The
header, the footer, the PDFs and the emails read it (engagement/branding.py); until an officer
saves it, `settings.COUNCIL_NAME` is the name.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

DEFAULT_COLOUR = "#1d3557"  # the stylesheet's own --brand
MIN_CONTRAST = 4.5  # WCAG 2.2 AA for normal text: white on the colour, the colour on white


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.2's relative luminance of a #rrggbb colour."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(hex_colour: str) -> float:
    return 1.05 / (relative_luminance(hex_colour) + 0.05)


def validate_brand_colour(value: str) -> None:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value or ""):
        raise ValidationError("Type the colour as # and six letters or digits, e.g. #1d3557")
    ratio = contrast_with_white(value)
    if ratio < MIN_CONTRAST:
        raise ValidationError(
            f"White text on this colour is too hard to read ({ratio:.1f} to 1; it must be at "
            f"least {MIN_CONTRAST} to 1). Choose a darker shade."
        )


@register_setting(icon="site")
class Branding(BaseSiteSetting):
    council_name = models.CharField(
        max_length=120,
        blank=True,
        help_text="As people know it, e.g. Rochdale Borough Council. Shown in the header, the "
        "footer, reports and emails.",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown in the header beside the site's name. Screen readers read the name.",
    )
    colour = models.CharField(
        "Header colour",
        max_length=7,
        default=DEFAULT_COLOUR,
        validators=[validate_brand_colour],
        help_text="The header's background, e.g. #1d3557. It must be dark enough for white text.",
    )
    contact_email = models.EmailField(blank=True, help_text="Shown in the footer and emails")
    contact_phone = models.CharField(max_length=40, blank=True, help_text="Shown in the footer")

    panels = [
        FieldPanel("council_name"),
        FieldPanel("logo"),
        FieldPanel("colour"),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone")], heading="Contact"
        ),
    ]

    class Meta:
        verbose_name = "Branding"

    @property
    def name(self) -> str:
        return self.council_name or settings.COUNCIL_NAME
